"""Plain CSV: ``nodes.csv``, ``edges.csv``, ``evidence.csv`` (every sentence behind every tie), and the
blocs: ``blocs.csv`` (one row per bloc) and ``bloc_oppositions.csv`` (the OPPOSES ties between two blocs).
"""

from __future__ import annotations

import csv
from dataclasses import astuple
from pathlib import Path

from entramado.export.source import ExportSource

NODES = "nodes.csv"
EDGES = "edges.csv"
EVIDENCE = "evidence.csv"
BLOCS = "blocs.csv"
OPPOSITIONS = "bloc_oppositions.csv"
# New columns go last, so that readers of the older files by position still read them.
NODE_HEADER = ["id", "name", "type", "mentions", "articles", "aliases", "bloc"]
EDGE_HEADER = [
    "id", "source_id", "source", "type", "target_id", "target", "directed",
    "evidence", "articles", "confidence", "first_seen", "last_seen", "bloc_pair", "confirmed",
]  # fmt: skip
BLOC_HEADER = ["bloc", "size", "leader", "binding_ties", "relation_types", "oppositions_inside"]
OPPOSITION_HEADER = ["bloc", "leader", "rival_bloc", "rival_leader", "ties", "strongest_pairs"]
EVIDENCE_HEADER = [
    "relation_id", "source", "type", "target", "sentence", "start", "end", "cue", "attributed_to",
    "date", "doc_id", "title", "url", "outlet",
]  # fmt: skip
# Several aliases share one cell; "|" does not occur in names the way commas do ("Kast, José Antonio").
ALIAS_SEPARATOR = "|"


def write(source: ExportSource, out: Path) -> list[Path]:
    """Write the five files into the folder ``out``; empty values are empty cells."""
    names = {n.id: n.name for n in source.rows.nodes}
    t = source.blocs
    with (out / NODES).open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(NODE_HEADER)
        for n in source.rows.nodes:
            aliases = ALIAS_SEPARATOR.join(source.aliases.get(n.id, []))
            bloc = t.bloc_of.get(n.id, "")
            w.writerow([n.id, n.name, n.type, n.mention_count, n.article_count, aliases, bloc])
    with (out / EDGES).open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(EDGE_HEADER)
        for e in source.rows.edges:
            w.writerow([
                e.id, e.source, names[e.source], e.type, e.target, names[e.target],
                str(e.type.directed).lower(), e.evidence_count, e.article_count, repr(e.confidence),
                e.first_seen or "", e.last_seen or "", t.pair(e.source, e.target) or "",
                str(e.confirmed).lower(),
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
    with (out / BLOCS).open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(BLOC_HEADER)
        w.writerows(astuple(b) for b in t.blocs)
    with (out / OPPOSITIONS).open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(OPPOSITION_HEADER)
        w.writerows(astuple(o) for o in t.oppositions)
    return [out / NODES, out / EDGES, out / EVIDENCE, out / BLOCS, out / OPPOSITIONS]
