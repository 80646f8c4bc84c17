"""Ranking actors: the bridge between two blocs has the highest betweenness and is the top broker."""

from __future__ import annotations

import networkx as nx
import pytest

from analysis_corpus import BROKER, fill
from entramado.analyse import build_graph, rank, simple_graph
from entramado.store import Store


@pytest.fixture
def network(fresh_store: Store) -> nx.Graph:
    return simple_graph(build_graph(fill(fresh_store)))


def test_the_bridge_is_the_top_broker_and_has_the_highest_betweenness(network: nx.Graph) -> None:
    brokers = rank(network, by="broker", limit=None)
    assert brokers.actors[0].name == BROKER
    assert brokers.betweenness_exact
    between = rank(network, by="betweenness", limit=3)
    assert between.actors[0].name == BROKER
    # The same figures as networkx's exact, normalised betweenness.
    expected = nx.betweenness_centrality(network)
    for a in brokers.actors:
        assert a.betweenness == pytest.approx(expected[a.id], abs=1e-6)
    # Members of a bloc who are not its gateway lie on no shortest path at all.
    assert {a.name for a in brokers.actors if a.broker == 0} == {
        "Abascal",
        "Milei",
        "Bukele",
        "Petro",
        "Lula",
        "Sánchez",
    }


def test_degree_weighted_degree_and_pagerank_are_sorted_with_a_limit(network: nx.Graph) -> None:
    by_degree = rank(network, by="degree", limit=2)
    assert [a.name for a in by_degree.actors] == ["Boric", "Kast"]  # four ties each; ties by name
    assert by_degree.total == 9 and len(by_degree.actors) == 2
    kast = next(a for a in rank(network, by="weighted_degree", limit=None).actors if a.name == "Kast")
    # Kast–Abascal is two articles (1 − 0.3 × 0.1), plus two ALLY at 0.7 and MEETS at 0.8.
    assert kast.weighted_degree == pytest.approx(0.97 + 0.7 + 0.7 + 0.8)
    pagerank = rank(network, by="pagerank", limit=None)
    assert sum(a.pagerank for a in pagerank.actors) == pytest.approx(1.0, abs=1e-5)
    assert pagerank.actors[0].name in {"Kast", "Boric"}


def test_sampled_betweenness_over_every_source_equals_the_exact_one(
    network: nx.Graph,
) -> None:
    exact = {a.id: a.betweenness for a in rank(network, limit=None).actors}
    sampled = rank(network, limit=None, samples=network.number_of_nodes(), exact_limit=1)
    assert not sampled.betweenness_exact and sampled.betweenness_samples == 9
    assert {a.id: a.betweenness for a in sampled.actors} == pytest.approx(exact)
    # Fewer samples: an estimate, the same on every run.
    assert rank(network, by="betweenness", limit=None, samples=4, exact_limit=1) == rank(
        network, by="betweenness", limit=None, samples=4, exact_limit=1
    )


def test_an_empty_graph_ranks_nobody() -> None:
    assert rank(nx.Graph()).actors == []
