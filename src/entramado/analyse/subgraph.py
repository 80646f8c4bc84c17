"""The part of the network a page draws: an actor's neighbourhood or the strongest actors, laid out."""

from __future__ import annotations

import datetime as dt
import heapq
import math
import random
import threading
from dataclasses import dataclass

import igraph as ig
import networkx as nx

from entramado.analyse.ego import ego

# A fixed seed makes the same subgraph get the same picture on every request and every run.
SEED = 42
# Fruchterman–Reingold in igraph's C code; above GRID_ABOVE actors its grid variant (which only
# repels nearby actors) with fewer iterations: 2,000 actors and 10,000 ties take about 0.15 s
# instead of 2.4 s, for a picture a reader cannot tell apart at that size.
GRID_ABOVE = 1000
GRID_ITERATIONS = 200
ITERATIONS = 500  # igraph's default
# Coordinates are scaled to this box so that the page's node sizes and the layout agree.
SIZE = 1000.0
_RNG_LOCK = threading.Lock()


@dataclass(frozen=True, slots=True)
class SubNode:
    """An actor to draw: its centrality and bloc (of the whole filtered network) and its position."""

    id: int
    name: str
    type: str
    bloc: int | None
    pagerank: float
    degree: int
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class SubEdge:
    """A tie to draw, in its own direction."""

    id: int
    source: int
    target: int
    type: str
    directed: bool
    confidence: float
    evidence_count: int
    article_count: int
    first_seen: dt.date | None
    last_seen: dt.date | None
    confirmed: bool = False  # a person checked it (entramado confirm): drawn as such


@dataclass(frozen=True, slots=True)
class Subgraph:
    """Actors and the ties among them; ``truncated`` when more actors qualified than were kept."""

    nodes: list[SubNode]
    edges: list[SubEdge]
    truncated: bool
    total_nodes: int
    notice: str | None = None


def ego_subgraph(
    g: nx.MultiGraph,
    s: nx.Graph,
    centre: int,
    hops: int,
    max_nodes: int,
    pagerank: dict[int, float],
    bloc: dict[int, int],
) -> Subgraph:
    """``centre`` and the actors within ``hops`` (nearest, then strongest, first), at most ``max_nodes``."""
    if centre not in s:
        members = [centre] if centre in g else []
        return _draw(g, s, members, 0, max_nodes, pagerank, bloc)
    found = ego(g, s, centre, hops=hops, limit=max(max_nodes - 1, 0))
    members = [centre, *(n.id for n in found.neighbours)]
    return _draw(g, s, members, found.total + 1, max_nodes, pagerank, bloc)


def top_subgraph(
    g: nx.MultiGraph, s: nx.Graph, max_nodes: int, pagerank: dict[int, float], bloc: dict[int, int]
) -> Subgraph:
    """The ``max_nodes`` actors with the strongest ties (summed confidence), and the ties among them."""
    strength = {n: sum(d["weight"] for d in s._adj[n].values()) for n in s}
    members = heapq.nlargest(max_nodes, strength, key=lambda n: (strength[n], -n))
    return _draw(g, s, members, len(strength), max_nodes, pagerank, bloc)


def _draw(
    g: nx.MultiGraph,
    s: nx.Graph,
    members: list[int],
    total: int,
    max_nodes: int,
    pagerank: dict[int, float],
    bloc: dict[int, int],
) -> Subgraph:
    keep = set(members)
    edges: list[SubEdge] = []
    for node in sorted(keep):
        around = g._adj[node]
        others = [m for m in keep if m in around] if len(around) > len(keep) else list(around)
        for other in others:
            if other not in keep or other < node:
                continue
            for rid, d in around[other].items():
                edges.append(
                    SubEdge(
                        rid, d["source"], d["target"], d["type"], d["directed"], round(d["confidence"], 6),
                        d["evidence_count"], d["article_count"], d["first_seen"], d["last_seen"],
                        bool(d.get("confirmed", False)),
                    )
                )  # fmt: skip
    edges.sort(key=lambda e: e.id)
    ordered = sorted(keep)
    positions = layout(s.subgraph(ordered), ordered)
    nodes = [
        SubNode(
            n, g.nodes[n]["name"], g.nodes[n]["type"], bloc.get(n), round(pagerank.get(n, 0.0), 6),
            s.degree(n) if n in s else 0, *positions[n],
        )
        for n in ordered
    ]  # fmt: skip
    truncated = total > len(nodes)
    notice = (
        f"Showing {len(nodes)} of {total} actors (the nearest and strongest); narrow the filters or "
        f"raise max_nodes to see more."
        if truncated
        else None
    )
    return Subgraph(nodes, edges, truncated, max(total, len(nodes)), notice)


def layout(s: nx.Graph, ordered: list[int]) -> dict[int, tuple[float, float]]:
    """Seeded Fruchterman–Reingold positions of ``ordered`` actors, scaled into a SIZE × SIZE box."""
    if not ordered:
        return {}
    if len(ordered) == 1:
        return {ordered[0]: (SIZE / 2, SIZE / 2)}
    index = {n: i for i, n in enumerate(ordered)}
    pairs = sorted((min(index[a], index[b]), max(index[a], index[b])) for a, b in s.edges() if a != b)
    g = ig.Graph(n=len(ordered), edges=pairs)
    # A seeded start in a box of side √n / 2 (the grid variant is slow to pull far-flung actors in).
    rng = random.Random(SEED)
    side = math.sqrt(len(ordered)) / 2
    start = [[rng.uniform(0, side), rng.uniform(0, side)] for _ in ordered]
    grid = len(ordered) > GRID_ABOVE
    niter = GRID_ITERATIONS if grid else ITERATIONS
    # igraph jitters the layout with its random number generator, by default Python's global one,
    # which other threads also draw from. A generator of our own, seeded for each layout (under a
    # lock: the setting is global), makes the same subgraph get the same picture every time.
    with _RNG_LOCK:
        ig.set_random_number_generator(random.Random(SEED))
        try:
            coords = g.layout_fruchterman_reingold(seed=start, grid=grid, niter=niter).coords
        finally:
            ig.set_random_number_generator(random)
    xs, ys = [c[0] for c in coords], [c[1] for c in coords]
    left, top = min(xs), min(ys)
    span = max(max(xs) - left, max(ys) - top) or 1.0
    return {
        n: (round((x - left) / span * SIZE, 1), round((y - top) / span * SIZE, 1))
        for n, x, y in zip(ordered, xs, ys, strict=True)
    }
