"""GEXF 1.2 for Gephi, dynamic: each tie lives from its first to its last evidence, so the timeline plays."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from entramado.export.source import ExportSource, flat


def graph(source: ExportSource) -> nx.MultiGraph:
    """The graph as written, in networkx's dynamic GEXF convention.

    Edges carry ``start``/``end`` (first and last seen, ISO dates), which networkx writes as the
    edge's interval and which make the file ``mode="dynamic" timeformat="date"``; nodes span their
    ties' intervals. GEXF reserves an edge's ``type`` for its direction, so the tie type is the
    attribute ``relation`` (and the edge's ``label``); ``weight`` is the confidence, which Gephi's
    layouts use; its GEXF id is ``r<relation id>``. A tie without dates has no interval: Gephi shows
    it at every time.

    Blocs: each node's ``bloc`` (as ``entramado blocs`` numbers them) and each edge's ``bloc_pair``
    ("3" inside bloc 3, "3-7" between blocs 3 and 7): in Gephi, colour nodes by the partition
    ``bloc``, and filter edges on ``relation`` OPPOSES to see, by ``bloc_pair``, who opposes whom.
    """
    t = source.blocs
    g = nx.MultiGraph(mode="dynamic")
    spans: dict[int, list[str]] = {}
    for u, v, key, data in source.graph.edges(keys=True, data=True):
        attrs = flat(data)
        attrs["relation"] = attrs.pop("type")
        if (pair := t.pair(u, v)) is not None:
            attrs["bloc_pair"] = pair
        seen = [str(d) for d in (attrs.get("first_seen"), attrs.get("last_seen")) if d]
        if seen:
            attrs["start"], attrs["end"] = seen[0], seen[-1]
            for node in (u, v):
                spans.setdefault(node, []).extend(seen)
        rid = f"r{key}"
        g.add_edge(u, v, key=rid, id=rid, label=data["type"], weight=data["confidence"], **attrs)
    for node, data in source.graph.nodes(data=True):
        g.add_node(node, label=data["name"], **flat(data | {"bloc": t.bloc_of.get(node)}))
        if node in spans:
            g.nodes[node]["start"], g.nodes[node]["end"] = min(spans[node]), max(spans[node])
    return g


def write(source: ExportSource, out: Path) -> list[Path]:
    """Write ``out`` as dynamic GEXF 1.2."""
    nx.write_gexf(graph(source), out, encoding="utf-8")
    return [out]
