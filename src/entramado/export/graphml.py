"""GraphML: the analysis multigraph with scalar attributes, for Gephi, yEd, Cytoscape desktop and networkx."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from entramado.export.blocs import opposition_records
from entramado.export.source import ExportSource, flat


def graph(source: ExportSource) -> nx.MultiGraph:
    """The graph as written: ``build_graph``'s attributes with dates as ISO strings and None left out.

    Nodes also get ``label`` (the actor's name) and edges ``label`` (the tie type), which Gephi and
    yEd show. Each edge's GraphML id (networkx's key when read back) is ``r<relation id>``.

    Blocs: each node's ``bloc`` (as ``entramado blocs`` numbers them), each edge's ``bloc_pair``
    ("3" inside bloc 3, "3-7" between blocs 3 and 7), and the graph's ``bloc_oppositions``: the
    OPPOSES ties between each pair of blocs, counted, as a JSON list (GraphML has no list type).
    """
    t = source.blocs
    g = nx.MultiGraph(bloc_oppositions=json.dumps(opposition_records(t), ensure_ascii=False))
    for node, data in source.graph.nodes(data=True):
        g.add_node(node, label=data["name"], **flat(data | {"bloc": t.bloc_of.get(node)}))
    for u, v, key, data in source.graph.edges(keys=True, data=True):
        g.add_edge(u, v, key=f"r{key}", label=data["type"], **flat(data | {"bloc_pair": t.pair(u, v)}))
    return g


def write(source: ExportSource, out: Path) -> list[Path]:
    """Write ``out`` as GraphML."""
    nx.write_graphml(graph(source), out, encoding="utf-8")
    return [out]
