"""Build the network from the store: a networkx multigraph, one edge per tie (pair and type)."""

from __future__ import annotations

import networkx as nx

from entramado.store import Store
from entramado.store.reads.graph import GraphFilter, GraphRows


def to_graph(rows: GraphRows) -> nx.MultiGraph:
    """Actors as nodes (keyed by entity id), ties as edges keyed by relation id.

    The key is the tie's id, not its type: A→B and B→A of one directed type (A is a member of B,
    and B of A) are two ties, which an undirected multigraph keyed by type would fold into one.

    Node attributes: ``name``, ``type``, ``mention_count``, ``article_count``. Edge attributes:
    ``relation_id``, ``type``, ``directed``, ``source`` and ``target`` (entity ids, the tie's own
    direction, which the undirected multigraph does not keep), ``evidence_count``,
    ``article_count``, ``confidence``, ``first_seen``, ``last_seen`` (dates or None), ``confirmed``
    (a person checked the tie: ``entramado confirm``).
    """
    g = nx.MultiGraph()
    for n in rows.nodes:
        g.add_node(
            n.id, name=n.name, type=str(n.type), mention_count=n.mention_count, article_count=n.article_count
        )
    for e in rows.edges:
        g.add_edge(
            e.source, e.target, key=e.id,
            relation_id=e.id, type=str(e.type), directed=e.type.directed, source=e.source, target=e.target,
            evidence_count=e.evidence_count, article_count=e.article_count, confidence=e.confidence,
            first_seen=e.first_seen, last_seen=e.last_seen, confirmed=e.confirmed,
        )  # fmt: skip
    return g


def build_graph(store: Store, flt: GraphFilter | None = None) -> nx.MultiGraph:
    """The network of the ties that pass ``flt`` (default: every claimed tie, no co-mentions)."""
    return to_graph(store.graph_rows(flt or GraphFilter()))


def simple_graph(g: nx.MultiGraph) -> nx.Graph:
    """One edge per pair, for centrality, communities and paths.

    ``weight`` sums the ties' confidences (more and surer ties, stronger link); ``distance`` is its
    inverse, so shortest paths prefer strong links; ``types`` lists the tie types of the pair.
    ``opposes`` is the part of ``weight`` that OPPOSES ties carry, which blocs keep apart from
    the ties that bind.
    """
    s = nx.Graph()
    s.add_nodes_from(g.nodes(data=True))
    for a, b, data in g.edges(data=True):
        against = data["confidence"] if data["type"] == "OPPOSES" else 0.0
        if s.has_edge(a, b):
            s[a][b]["weight"] += data["confidence"]
            s[a][b]["opposes"] += against
            s[a][b]["types"].append(data["type"])
        else:
            s.add_edge(a, b, weight=data["confidence"], opposes=against, types=[data["type"]])
    for _, _, data in s.edges(data=True):
        data["distance"] = 1.0 / max(data["weight"], 1e-6)
    return s
