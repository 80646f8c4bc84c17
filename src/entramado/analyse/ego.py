"""The neighbourhood of one actor: everyone within a few hops, and the ties among them."""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from typing import Any

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
    # networkx's adjacency views cost a Python call per item, and a hub two hops away has tens of
    # thousands of ties: the search walks the graphs' plain dicts and keeps tuples, and only the
    # ``limit`` actors kept become records (ego p95 fell from 221 to the figure in benchmarks/).
    adj, nodes = s._adj, s._node
    seen = {centre}
    ring: list[int] = [centre]
    kept: list[Neighbour] = []
    total = 0
    for depth in range(1, hops + 1):
        room = None if limit is None else limit - len(kept)
        if room is not None and room <= 0:
            # The limit is reached: this ring is only counted (and crossed to the next), in C.
            reached: set[int] = set().union(*(adj[n] for n in ring)) - seen
        else:
            best: dict[int, tuple[float, int]] = {}  # new actor → (weight, via)
            for node in ring:
                for nb, data in adj[node].items():
                    if nb in seen:
                        continue
                    w = data["weight"]
                    old = best.get(nb)
                    if old is None or w > old[0] or (w == old[0] and node < old[1]):
                        best[nb] = (w, node)
            reached = set(best)
            for nb in _strongest(best, room, nodes):
                weight, via = best[nb]
                kept.append(
                    Neighbour(
                        nb, nodes[nb]["name"], nodes[nb]["type"], depth,
                        None if via == centre else nodes[via]["name"], round(weight, 6),
                        sorted(adj[via][nb]["types"]),
                    )
                )  # fmt: skip
        total += len(reached)
        seen |= reached
        ring = list(reached)
    members = {centre} | {n.id for n in kept}
    ties = []
    for node in sorted(members):
        around = g._adj[node]
        # From a hub, look up the few members among its ties rather than walk all of them.
        others = [m for m in members if m in around] if len(around) > len(members) else list(around)
        for other in others:
            if other in members and node <= other:
                for data in around[other].values():
                    ties.append(
                        EgoTie(
                            g._node[data["source"]]["name"], g._node[data["target"]]["name"], data["type"],
                            round(data["confidence"], 6), data["evidence_count"],
                        )
                    )  # fmt: skip
    ties.sort(key=lambda t: (-t.confidence, t.source, t.type, t.target))
    return Ego(name, hops, kept, ties, total, len(kept) < total)


def _strongest(
    found: dict[int, tuple[float, int]], k: int | None, nodes: dict[int, dict[str, Any]]
) -> list[int]:
    """The ``k`` actors of one ring with the strongest link (then by name and id), strongest first."""
    if k is not None and k <= 0:
        return []
    candidates = list(found)
    if k is not None and len(found) > k:
        # The k-th strongest weight, on bare floats; only actors at least that strong are sorted.
        cut = heapq.nlargest(k, (w for w, _ in found.values()))[-1]
        candidates = [n for n, (w, _) in found.items() if w >= cut]
    candidates.sort(key=lambda n: (-found[n][0], nodes[n]["name"], n))
    return candidates[:k]
