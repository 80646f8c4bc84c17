"""Blocs: Leiden finds the two groups of allies, with positive modularity, the same on every run."""

from __future__ import annotations

import networkx as nx
import pytest

from analysis_corpus import BROKER, LEFT, RIGHT, fill
from entramado.analyse import blocs, build_graph, simple_graph
from entramado.store import Store


@pytest.fixture
def network(fresh_store: Store) -> nx.Graph:
    return simple_graph(build_graph(fill(fresh_store)))


def test_leiden_finds_the_two_groups_with_positive_modularity(network: nx.Graph) -> None:
    result = blocs(network)
    assert result.total == 2 and result.actors == 9
    groups = [{m.name for m in b.members} for b in result.blocs]
    assert {frozenset(g - {BROKER}) for g in groups} == {frozenset(RIGHT), frozenset(LEFT)}
    assert any(BROKER in g for g in groups)
    assert result.modularity > 0.3
    # The reported modularity is the weighted modularity of the partition found.
    expected = nx.community.modularity(network, [{m.id for m in b.members} for b in result.blocs])
    assert result.modularity == pytest.approx(expected, abs=1e-6)


def test_members_are_ordered_by_strength_and_ties_counted_by_type(network: nx.Graph) -> None:
    right = next(b for b in blocs(network).blocs if "Abascal" in {m.name for m in b.members})
    strengths = [m.strength for m in right.members]
    assert strengths == sorted(strengths, reverse=True)
    assert right.members[0].name == "Kast"  # three allies, one of them in two articles
    assert right.relation_types["ALLY"] == 6  # the six pairs of four allies
    # Meloni's stronger meeting (Kast, 0.8 against Boric's 0.6) puts Meloni in this bloc.
    assert right.relation_types == {"ALLY": 6, "MEETS": 1} and right.internal_ties == 7


def test_the_same_blocs_on_every_run_and_min_size_hides_small_ones(network: nx.Graph) -> None:
    assert blocs(network) == blocs(network)
    network.add_edge(1000, 1001, weight=0.5, distance=2.0, types=["MEETS"])
    network.nodes[1000].update(name="Uno", type="PERSON")
    network.nodes[1001].update(name="Otro", type="PERSON")
    result = blocs(network, min_size=3)
    assert result.total == 3 and len(result.blocs) == 2
    assert len(blocs(network, members=2).blocs[0].members) == 2


def test_a_graph_without_ties_has_no_blocs() -> None:
    assert blocs(nx.Graph()).blocs == []
