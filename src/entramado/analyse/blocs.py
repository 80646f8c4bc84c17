"""Which blocs exist: Leiden communities of the ties that bind, their members, and who opposes whom."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

import leidenalg
import networkx as nx

from entramado.analyse.convert import to_igraph

# Leiden starts from a random order of the actors; a fixed seed (with the vertices in entity id
# order, see convert.py) makes the same graph give the same blocs on every run.
SEED = 42
# The tie types that hold a bloc together. OPPOSES is left out on purpose: a rivalry is a strong,
# often repeated tie, and counted as cohesion it put Jara in Kast's bloc. CO_MENTION is no claim.
BINDING = frozenset({"ALLY", "MEMBER_OF", "POSITION", "MEETS", "PARTICIPATES_IN", "CANDIDATE_IN", "FAMILY"})
OPPOSING = "OPPOSES"
# Who-opposes-whom pairs listed per rival bloc (the count still covers them all).
PAIRS_SHOWN = 5


@dataclass(frozen=True)
class Member:
    """An actor of a bloc; ``strength`` is the summed weight of its binding ties inside the bloc."""

    id: int
    name: str
    type: str
    strength: float


@dataclass(frozen=True)
class Pair:
    """One opposition across blocs: ``member`` (of this bloc) and ``rival`` (of the other bloc)."""

    member: str
    rival: str
    confidence: float


@dataclass(frozen=True)
class Opposition:
    """The OPPOSES ties between a bloc and another one: how many, and the strongest pairs."""

    bloc: int  # the other bloc's number
    leader: str  # the other bloc's strongest member, to name it
    ties: int
    pairs: list[Pair]  # strongest first, at most PAIRS_SHOWN


@dataclass(frozen=True)
class Bloc:
    """One community: members strongest first, its binding ties by type, and whom it opposes."""

    number: int
    size: int
    members: list[Member]
    relation_types: dict[str, int]  # most common first
    internal_ties: int
    opposes: list[Opposition]  # the other blocs it opposes, most ties first
    internal_oppositions: int  # OPPOSES ties between two members of this bloc


@dataclass(frozen=True)
class Blocs:
    """The partition of the network into blocs, largest first, and its modularity."""

    modularity: float
    blocs: list[Bloc]
    total: int  # blocs found, smaller ones included
    actors: int
    oppositions: int  # OPPOSES ties between two different blocs
    unbound: int = 0  # actors with no binding tie (only oppositions): each a bloc of one


def _split(data: dict[str, Any]) -> tuple[float, float, list[str]]:
    """(binding weight, opposing weight, binding types) of one pair of the simple graph."""
    types = data["types"]
    opposing = data.get("opposes")
    if opposing is None:  # a graph built by hand: the weight shared evenly among the pair's ties
        opposing = data["weight"] * types.count(OPPOSING) / max(len(types), 1)
    binding = [t for t in types if t in BINDING]
    # CO_MENTION (with --co-mentions) carries weight but neither binds nor opposes.
    share = (data["weight"] - opposing) * len(binding) / max(len(types) - types.count(OPPOSING), 1)
    return (share if binding else 0.0), opposing, binding


def binding_graph(s: nx.Graph) -> nx.Graph:
    """Every actor of ``s``, joined only by its binding ties, weighted by their confidences."""
    b = nx.Graph()
    b.add_nodes_from(s.nodes(data=True))
    for u, v, data in s.edges(data=True):
        weight, _, types = _split(data)
        if weight > 0:
            b.add_edge(u, v, weight=weight, types=types)
    return b


def blocs(s: nx.Graph, min_size: int = 2, members: int | None = None, seed: int = SEED) -> Blocs:
    """Leiden communities (modularity, binding tie weights) of ``s``, of at least ``min_size`` actors.

    ``members`` caps the members listed per bloc (the size still counts them all). OPPOSES ties
    never join two actors in a bloc; they are reported as oppositions between blocs.
    """
    b = binding_graph(s)
    if s.number_of_edges() == 0:
        return Blocs(0.0, [], 0, s.number_of_nodes(), 0)
    g, ids = to_igraph(b)
    partition = leidenalg.find_partition(g, leidenalg.ModularityVertexPartition, weights="weight", seed=seed)
    found = []
    for community in partition:
        inside = {ids[i] for i in community}
        strength: dict[int, float] = dict.fromkeys(inside, 0.0)
        types: Counter[str] = Counter()
        ties = 0
        for node in inside:
            for other, data in b[node].items():
                if other in inside and node < other:  # each internal pair once
                    ties += 1
                    types.update(data["types"])
                    strength[node] += data["weight"]
                    strength[other] += data["weight"]
        ranked = sorted(inside, key=lambda n: (-strength[n], s.nodes[n]["name"], n))
        found.append((ranked, strength, dict(sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))), ties))
    found.sort(key=lambda f: (-len(f[0]), s.nodes[f[0][0]]["name"]))
    number = {n: i for i, (ranked, *_) in enumerate(found, start=1) for n in ranked}
    leaders = {i: s.nodes[ranked[0]]["name"] for i, (ranked, *_) in enumerate(found, start=1)}
    across, inner = _oppositions(s, number)
    kept = []
    for i, (ranked, strength, bound, ties) in enumerate(found, start=1):
        if len(ranked) < min_size:
            continue
        listed = [
            Member(n, s.nodes[n]["name"], s.nodes[n]["type"], round(strength[n], 6))
            for n in (ranked[:members] if members else ranked)
        ]
        opposes = [
            Opposition(other, leaders[other], sum(c for _, c in pairs), [p for p, _ in pairs[:PAIRS_SHOWN]])
            for other, pairs in sorted(across[i].items(), key=lambda kv: (-sum(c for _, c in kv[1]), kv[0]))
        ]
        kept.append(Bloc(i, len(ranked), listed, bound, ties, opposes, inner[i]))
    # Weighted, like the partition it scores (leidenalg's own ``modularity`` ignores the weights).
    modularity = g.modularity(partition.membership, weights="weight") if b.number_of_edges() else 0.0
    total = sum(c for pairs in across.values() for other in pairs.values() for _, c in other) // 2
    unbound = sum(1 for n in b if b.degree(n) == 0)
    return Blocs(round(modularity, 6), kept, len(found), len(ids), total, unbound)


def _oppositions(
    s: nx.Graph, number: dict[int, int]
) -> tuple[dict[int, dict[int, list[tuple[Pair, int]]]], Counter[int]]:
    """OPPOSES ties by bloc and rival bloc (each pair with its tie count), and those inside one bloc."""
    across: dict[int, dict[int, list[tuple[Pair, int]]]] = defaultdict(lambda: defaultdict(list))
    inner: Counter[int] = Counter()
    for u, v, data in s.edges(data=True):
        count = data["types"].count(OPPOSING)
        if not count:
            continue
        _, weight, _ = _split(data)
        bu, bv = number[u], number[v]
        if bu == bv:
            inner[bu] += count
            continue
        nu, nv = s.nodes[u]["name"], s.nodes[v]["name"]
        across[bu][bv].append((Pair(nu, nv, round(weight, 6)), count))
        across[bv][bu].append((Pair(nv, nu, round(weight, 6)), count))
    for rivals in across.values():
        for pairs in rivals.values():
            pairs.sort(key=lambda pc: (-pc[0].confidence, pc[0].member, pc[0].rival))
    return across, inner
