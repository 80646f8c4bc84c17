"""Which blocs exist: Leiden communities of the network, their members and what holds them together."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import leidenalg
import networkx as nx

from entramado.analyse.convert import to_igraph

# Leiden starts from a random order of the actors; a fixed seed (with the vertices in entity id
# order, see convert.py) makes the same graph give the same blocs on every run.
SEED = 42


@dataclass(frozen=True)
class Member:
    """An actor of a bloc; ``strength`` is the summed weight of its ties inside the bloc."""

    id: int
    name: str
    type: str
    strength: float


@dataclass(frozen=True)
class Bloc:
    """One community: members strongest first, and its internal ties counted by relation type."""

    number: int
    size: int
    members: list[Member]
    relation_types: dict[str, int]  # most common first
    internal_ties: int


@dataclass(frozen=True)
class Blocs:
    """The partition of the network into blocs, largest first, and its modularity."""

    modularity: float
    blocs: list[Bloc]
    total: int  # blocs found, smaller ones included
    actors: int


def blocs(s: nx.Graph, min_size: int = 2, members: int | None = None, seed: int = SEED) -> Blocs:
    """Leiden communities (modularity, tie weights) of the simple graph, of at least ``min_size`` actors.

    ``members`` caps the members listed per bloc (the size still counts them all).
    """
    if s.number_of_edges() == 0:
        return Blocs(0.0, [], 0, s.number_of_nodes())
    g, ids = to_igraph(s)
    partition = leidenalg.find_partition(g, leidenalg.ModularityVertexPartition, weights="weight", seed=seed)
    found = []
    for community in partition:
        inside = {ids[i] for i in community}
        strength: dict[int, float] = dict.fromkeys(inside, 0.0)
        types: Counter[str] = Counter()
        ties = 0
        for node in inside:
            for other, data in s[node].items():
                if other in inside and node < other:  # each internal pair once
                    ties += 1
                    types.update(data["types"])
                    strength[node] += data["weight"]
                    strength[other] += data["weight"]
        ranked = sorted(inside, key=lambda n: (-strength[n], s.nodes[n]["name"], n))
        listed = [
            Member(n, s.nodes[n]["name"], s.nodes[n]["type"], round(strength[n], 6))
            for n in (ranked[:members] if members else ranked)
        ]
        found.append((len(inside), listed, dict(sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))), ties))
    found.sort(key=lambda f: (-f[0], f[1][0].name))
    kept = [
        Bloc(number, size, listed, types, ties)
        for number, (size, listed, types, ties) in enumerate(found, start=1)
        if size >= min_size
    ]
    # Weighted, like the partition it scores (leidenalg's own ``modularity`` ignores the weights).
    modularity = g.modularity(partition.membership, weights="weight")
    return Blocs(round(modularity, 6), kept, len(found), len(ids))
