"""How X is connected to Y: shortest and alternative paths, each hop with its ties and evidence."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice, pairwise

import networkx as nx

from entramado.store import EntitySummary, EvidenceView, Store

# Alternatives come from Yen's algorithm (networkx ``shortest_simple_paths``), fewest hops first.
# Among paths of equal hops the strongest (least summed ``distance``) is listed first; to keep
# the cost bounded on large graphs only the first CANDIDATES × ``paths`` are compared.
CANDIDATES = 2


@dataclass(frozen=True)
class HopTie:
    """One tie of a hop; ``direction`` is read along the path: forward, backward or both."""

    relation_id: int
    type: str
    direction: str
    confidence: float
    evidence_count: int
    article_count: int
    evidence: list[EvidenceView]


@dataclass(frozen=True)
class Hop:
    """One step of a path, from one actor to the next, with every tie between them."""

    source_id: int
    source: str
    target_id: int
    target: str
    ties: list[HopTie]


@dataclass(frozen=True)
class Path:
    """A path: its actors in order, its length in hops, its summed distance, and its hops."""

    actors: list[str]
    length: int
    distance: float
    hops: list[Hop]


@dataclass(frozen=True)
class Connection:
    """The paths between two actors within ``max_hops``, best first (empty when there is none)."""

    source: str
    target: str
    max_hops: int
    paths: list[Path]


def shortest_path(s: nx.Graph, a: int, b: int, max_hops: int) -> list[int] | None:
    """A path of fewest hops from ``a`` to ``b`` of at most ``max_hops``, by bidirectional BFS, else None.

    The search stops once both frontiers together have gone ``max_hops`` deep, so an unreachable or
    distant actor costs only the neighbourhoods it would have to cross, not the whole graph.
    """
    if a not in s or b not in s:
        return None
    if a == b:
        return [a]
    before, after = {a: a}, {b: b}  # node → its predecessor towards a / successor towards b
    front_a, front_b = [a], [b]
    depth = 0
    while front_a and front_b and depth < max_hops:
        depth += 1
        # Grow the side whose frontier has fewer ties to scan (hubs make one side explode).
        grow_a = sum(len(s[n]) for n in front_a) <= sum(len(s[n]) for n in front_b)
        front, seen, other = (front_a, before, after) if grow_a else (front_b, after, before)
        nxt = []
        meet = None
        for node in front:
            for nb in s[node]:
                if nb in seen:
                    continue
                seen[nb] = node
                nxt.append(nb)
                if nb in other and meet is None:
                    meet = nb
        if meet is not None:
            left, n = [], meet
            while n != a:
                left.append(n)
                n = before[n]
            left.append(a)
            right, n = [], meet
            while n != b:
                n = after[n]
                right.append(n)
            return left[::-1] + right
        if grow_a:
            front_a = nxt
        else:
            front_b = nxt
    return None


def find_paths(s: nx.Graph, a: int, b: int, max_hops: int = 4, paths: int = 3) -> list[list[int]]:
    """Up to ``paths`` simple paths of at most ``max_hops``: fewest hops first, then strongest."""
    first = shortest_path(s, a, b, max_hops)
    if first is None or paths <= 0:
        return []
    if paths == 1 or len(first) == 1:
        return [first]
    found = []
    for p in islice(nx.shortest_simple_paths(s, a, b), CANDIDATES * paths):
        if len(p) - 1 > max_hops:
            break
        found.append(p)
    found.sort(key=lambda p: (len(p), _distance(s, p), [s.nodes[n]["name"] for n in p]))
    return found[:paths]


def _distance(s: nx.Graph, p: list[int]) -> float:
    return float(sum(s[u][v]["distance"] for u, v in pairwise(p)))


def explain(
    store: Store,
    g: nx.MultiGraph,
    s: nx.Graph,
    a: EntitySummary,
    b: EntitySummary,
    max_hops: int = 4,
    paths: int = 3,
    evidence: int = 2,
) -> Connection:
    """The paths from actor ``a`` to ``b``, each hop with its ties and newest ``evidence`` sentences."""
    found = find_paths(s, a.id, b.id, max_hops, paths)
    wanted = [d["relation_id"] for p in found for u, v in pairwise(p) for d in g[u][v].values()]
    sentences = store.evidence_for(wanted, evidence) if wanted else {}

    def name(n: int) -> str:
        return str(g.nodes[n]["name"])

    out = []
    for p in found:
        hops = []
        for u, v in pairwise(p):
            ties = []
            for d in sorted(g[u][v].values(), key=lambda d: (-d["confidence"], d["type"])):
                direction = ("forward" if d["source"] == u else "backward") if d["directed"] else "both"
                ties.append(
                    HopTie(
                        d["relation_id"], d["type"], direction, round(d["confidence"], 6),
                        d["evidence_count"], d["article_count"], sentences.get(d["relation_id"], []),
                    )
                )  # fmt: skip
            hops.append(Hop(u, name(u), v, name(v), ties))
        out.append(Path([name(n) for n in p], len(p) - 1, round(_distance(s, p), 6), hops))
    return Connection(a.name, b.name, max_hops, out)
