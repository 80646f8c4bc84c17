"""The neighbourhood of one actor: everyone within a few hops, and the ties among them."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx


@dataclass(frozen=True)
class Neighbour:
    """An actor near the centre: how many hops away, through whom, and its summed tie weight there."""

    id: int
    name: str
    type: str
    hops: int
    via: str | None  # the actor one hop nearer the centre (None for direct neighbours)
    weight: float  # weight of its link to ``via`` (or to the centre)
    types: list[str]  # the tie types of that link


@dataclass(frozen=True)
class EgoTie:
    """A tie between two actors of the neighbourhood."""

    source: str
    target: str
    type: str
    confidence: float
    evidence_count: int


@dataclass(frozen=True)
class Ego:
    """An actor's neighbourhood within ``hops``; ``total`` counts the actors before ``limit`` cut it."""

    centre: str
    hops: int
    neighbours: list[Neighbour]
    ties: list[EgoTie]
    total: int
    truncated: bool


def ego(
    g: nx.MultiGraph,
    s: nx.Graph,
    centre: int,
    hops: int = 2,
    limit: int | None = 100,
    name: str | None = None,
) -> Ego:
    """The actors within ``hops`` of ``centre`` (nearest, then strongest, first) and their ties.

    Each ring is reached by breadth-first search; an actor is listed once, through its strongest
    link to the ring before it. With ``limit`` only that many are kept, nearest and strongest first.
    """
    name = name or (g.nodes[centre]["name"] if centre in g else str(centre))
    if centre not in s:
        return Ego(name, hops, [], [], 0, False)
    # Plain tuples while searching: two hops from a hub reach tens of thousands of actors, and only
    # ``limit`` of them become records.
    found: dict[int, tuple[int, float, int]] = {}  # actor → (hops, weight, via)
    ring = [centre]
    for depth in range(1, hops + 1):
        best: dict[int, tuple[float, int]] = {}  # new actor → (weight, via)
        for node in ring:
            for nb, data in s[node].items():
                if nb == centre or nb in found:
                    continue
                if nb not in best or (data["weight"], -node) > (best[nb][0], -best[nb][1]):
                    best[nb] = (data["weight"], node)
        for nb, (weight, via) in best.items():
            found[nb] = (depth, weight, via)
        ring = list(best)
    ordered = sorted(found, key=lambda n: (found[n][0], -found[n][1], s.nodes[n]["name"], n))
    kept = []
    for nb in ordered[:limit] if limit else ordered:
        depth, weight, via = found[nb]
        kept.append(
            Neighbour(
                nb, s.nodes[nb]["name"], s.nodes[nb]["type"], depth,
                None if via == centre else s.nodes[via]["name"], round(weight, 6),
                sorted(s[via][nb]["types"]),
            )
        )  # fmt: skip
    members = {centre} | {n.id for n in kept}
    ties = []
    for node in sorted(members):
        for other, by_type in g[node].items():
            if other in members and node <= other:
                for data in by_type.values():
                    src, tgt = (data["source"], data["target"])
                    ties.append(
                        EgoTie(
                            g.nodes[src]["name"], g.nodes[tgt]["name"], data["type"],
                            round(data["confidence"], 6), data["evidence_count"],
                        )
                    )  # fmt: skip
    ties.sort(key=lambda t: (-t.confidence, t.source, t.type, t.target))
    return Ego(name, hops, kept, ties, len(ordered), len(kept) < len(ordered))
