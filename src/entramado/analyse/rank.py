"""Who matters in the network: degree, weighted degree, betweenness, PageRank, and brokers."""

from __future__ import annotations

import random
from dataclasses import dataclass

import networkx as nx

from entramado.analyse.convert import to_igraph

# RankBy lives with the shared records so the CLI can offer its choices without loading networkx.
from entramado.models import RankBy

# Exact betweenness costs one shortest-path search per actor (O(actors × ties)): instant on the
# corpus (a few thousand actors), hours on a million ties. Above this many actors it is estimated
# from SAMPLES source actors drawn with SEED, as networkx's ``k`` sampling does (Brandes & Pich
# 2007), so the figures are the same on every run of the same graph.
EXACT_LIMIT = 5000
SAMPLES = 500
SEED = 42
DAMPING = 0.85  # PageRank's usual damping; the share of the walk that follows ties


@dataclass(frozen=True)
class ActorRank:
    """One actor's centralities; betweenness is normalised to 0–1 over pairs of other actors."""

    id: int
    name: str
    type: str
    degree: int
    weighted_degree: float
    betweenness: float
    pagerank: float
    broker: float


@dataclass(frozen=True)
class Ranking:
    """Actors ordered by one centrality, and how betweenness was computed."""

    by: RankBy
    actors: list[ActorRank]
    total: int  # actors in the graph, before the limit
    betweenness_exact: bool
    betweenness_samples: int | None


def rank(
    s: nx.Graph,
    by: RankBy | str = RankBy.PAGERANK,
    limit: int | None = 20,
    samples: int = SAMPLES,
    seed: int = SEED,
    exact_limit: int = EXACT_LIMIT,
) -> Ranking:
    """Every actor's centralities on the simple graph, sorted by ``by`` (ties broken by name).

    ``broker`` is betweenness per tie: normalised betweenness divided by degree. An actor on many
    shortest paths with few ties of its own stands between groups that have no other way to each
    other; a hub with the same betweenness owes it to its many ties, not to brokerage.
    """
    by = RankBy(by)
    if s.number_of_nodes() == 0:
        return Ranking(by, [], 0, True, None)
    g, ids = to_igraph(s)
    n = len(ids)
    exact = n <= exact_limit
    if exact:
        between = g.betweenness(directed=False)
    else:
        # Sampled sources: each sample's dependencies summed, scaled up to all sources (with every
        # actor as a source this is the exact figure; tests/test_analyse_rank.py checks it).
        sources = sorted(random.Random(seed).sample(range(n), min(samples, n)))
        scale = n / len(sources)
        between = [b * scale for b in g.betweenness(directed=False, sources=sources)]
    pairs = (n - 1) * (n - 2) / 2 or 1.0  # pairs of other actors; 0 for graphs of two actors
    pagerank = g.pagerank(directed=False, damping=DAMPING, weights="weight")
    degree = g.degree()
    strength = g.strength(weights="weight")
    actors = []
    for i, node in enumerate(ids):
        b = between[i] / pairs
        actors.append(
            ActorRank(
                id=node, name=s.nodes[node]["name"], type=s.nodes[node]["type"], degree=degree[i],
                weighted_degree=round(strength[i], 6), betweenness=round(b, 6),
                pagerank=round(pagerank[i], 6), broker=round(b / degree[i], 6) if degree[i] else 0.0,
            )
        )  # fmt: skip
    actors.sort(key=lambda a: (-getattr(a, by.value), a.name, a.id))
    return Ranking(by, actors[:limit] if limit else actors, n, exact, None if exact else min(samples, n))
