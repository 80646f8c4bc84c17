"""The simple graph handed to igraph, whose C routines do centrality and communities at scale."""

from __future__ import annotations

import igraph as ig
import networkx as nx


def to_igraph(s: nx.Graph) -> tuple[ig.Graph, list[int]]:
    """An undirected igraph copy of ``s`` with ``weight`` on its edges, and the entity id of each vertex.

    Vertices follow the entity ids in ascending order, so the same store gives the same igraph
    whatever order networkx kept: the seeded algorithms then give the same answer on every run.
    """
    ids = sorted(s.nodes)
    index = {n: i for i, n in enumerate(ids)}
    edges = sorted(
        (min(index[a], index[b]), max(index[a], index[b]), d["weight"]) for a, b, d in s.edges(data=True)
    )
    g = ig.Graph(n=len(ids), edges=[(a, b) for a, b, _ in edges], directed=False)
    g.es["weight"] = [w for _, _, w in edges]
    return g, ids
