"""Plain CSV: ``nodes.csv``, ``edges.csv`` and ``evidence.csv`` (every sentence behind every tie)."""

from __future__ import annotations

import csv
from pathlib import Path

from entramado.export.source import ExportSource

NODES = "nodes.csv"
EDGES = "edges.csv"
EVIDENCE = "evidence.csv"
NODE_HEADER = ["id", "name", "type", "mentions", "articles", "aliases"]
EDGE_HEADER = [
    "id", "source_id", "source", "type", "target_id", "target", "directed",
    "evidence", "articles", "confidence", "first_seen", "last_seen", "confirmed",
]  # fmt: skip
EVIDENCE_HEADER = [
    "relation_id", "source", "type", "target", "sentence", "start", "end", "cue", "attributed_to",
    "date", "doc_id", "title", "url", "outlet",
]  # fmt: skip
# Several aliases share one cell; "|" does not occur in names the way commas do ("Kast, José Antonio").
ALIAS_SEPARATOR = "|"


def write(source: ExportSource, out: Path) -> list[Path]:
    """Write the three files into the folder ``out``; empty values are empty cells."""
    names = {n.id: n.name for n in source.rows.nodes}
    with (out / NODES).open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(NODE_HEADER)
        for n in source.rows.nodes:
            aliases = ALIAS_SEPARATOR.join(source.aliases.get(n.id, []))
            w.writerow([n.id, n.name, n.type, n.mention_count, n.article_count, aliases])
    with (out / EDGES).open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(EDGE_HEADER)
        for e in source.rows.edges:
            w.writerow([
                e.id, e.source, names[e.source], e.type, e.target, names[e.target],
                str(e.type.directed).lower(), e.evidence_count, e.article_count, repr(e.confidence),
                e.first_seen or "", e.last_seen or "", str(e.confirmed).lower(),
            ])  # fmt: skip
    with (out / EVIDENCE).open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(EVIDENCE_HEADER)
        for e in source.rows.edges:
            for ev in source.evidence[e.id]:
                w.writerow([
                    e.id, names[e.source], e.type, names[e.target], ev.sentence, ev.start, ev.end,
                    ev.cue or "", ev.attributed_to or "", ev.date or "", ev.doc_id, ev.title or "",
                    ev.url or "", ev.outlet or "",
                ])  # fmt: skip
    return [out / NODES, out / EDGES, out / EVIDENCE]
