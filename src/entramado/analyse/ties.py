"""One actor's ties in a (filtered) network, strongest first, as the side panel lists them."""

from __future__ import annotations

import networkx as nx

from entramado.models import EntityType, RelationType
from entramado.store import Tie
from entramado.store.reads.records import seen_from


def ties_of(g: nx.MultiGraph, actor: int, type: RelationType | None = None) -> list[Tie]:
    """The ties of ``actor`` in ``g`` (of one type if given), strongest first, without evidence.

    ``g`` is a network from ``build_graph``, so a time window or outlet filter has already
    re-counted each tie from the evidence inside it.
    """
    if actor not in g:
        return []
    found = []
    for other, edges in g._adj[actor].items():
        for rid, d in edges.items():
            rtype = RelationType(d["type"])
            if type is not None and rtype != type:
                continue
            found.append(
                Tie(
                    other_id=other,
                    other=g._node[other]["name"],
                    other_type=EntityType(g._node[other]["type"]),
                    direction=seen_from(rtype, d["source"] == actor),
                    type=rtype,
                    evidence_count=d["evidence_count"],
                    article_count=d["article_count"],
                    confidence=d["confidence"],
                    first_seen=d["first_seen"],
                    last_seen=d["last_seen"],
                    evidence=[],
                    relation_id=rid,
                    confirmed=bool(d.get("confirmed", False)),
                )
            )
    found.sort(key=lambda t: (-t.confidence, -t.evidence_count, t.relation_id))
    return found
