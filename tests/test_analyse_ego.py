"""Ego networks: one actor's neighbourhood, one hop against two, and a limit that says it cut."""

from __future__ import annotations

import networkx as nx
import pytest

from analysis_corpus import BROKER, LEFT, RIGHT, fill
from entramado.analyse import build_graph, ego, simple_graph
from entramado.store import Store


@pytest.fixture
def graphs(fresh_store: Store) -> tuple[nx.MultiGraph, nx.Graph, int]:
    store = fill(fresh_store)
    g = build_graph(store)
    return g, simple_graph(g), store.find_actor(BROKER).id


def test_one_hop_gives_the_direct_ties_and_two_hops_the_blocs_behind(
    graphs: tuple[nx.MultiGraph, nx.Graph, int],
) -> None:
    g, s, meloni = graphs
    near = ego(g, s, meloni, hops=1)
    assert [n.name for n in near.neighbours] == ["Kast", "Boric"]  # the stronger meeting first
    assert all(n.hops == 1 and n.via is None and n.types == ["MEETS"] for n in near.neighbours)
    # Undirected ties keep the store's order of their ends (older actor first).
    assert {(frozenset({t.source, t.target}), t.type) for t in near.ties} == {
        (frozenset({"Meloni", "Kast"}), "MEETS"),
        (frozenset({"Meloni", "Boric"}), "MEETS"),
    }
    far = ego(g, s, meloni, hops=2)
    assert {n.name for n in far.neighbours} == set(RIGHT + LEFT)
    abascal = next(n for n in far.neighbours if n.name == "Abascal")
    assert (abascal.hops, abascal.via, abascal.types) == (2, "Kast", ["ALLY"])
    assert len(far.ties) == 2 + 6 + 6 and not far.truncated


def test_a_limit_keeps_the_nearest_and_says_how_many_there_were(
    graphs: tuple[nx.MultiGraph, nx.Graph, int],
) -> None:
    g, s, meloni = graphs
    cut = ego(g, s, meloni, hops=2, limit=3)
    assert cut.truncated and cut.total == 8 and len(cut.neighbours) == 3
    assert [n.hops for n in cut.neighbours] == [1, 1, 2]
    # Cut inside the first ring: the second is still counted.
    first = ego(g, s, meloni, hops=2, limit=1)
    assert [n.name for n in first.neighbours] == ["Kast"] and first.total == 8 and first.truncated
    names = {cut.centre} | {n.name for n in cut.neighbours}
    assert all(t.source in names and t.target in names for t in cut.ties)


def test_an_actor_outside_the_graph_has_no_neighbourhood(graphs: tuple[nx.MultiGraph, nx.Graph, int]) -> None:
    g, s, _ = graphs
    assert ego(g, s, 12345).neighbours == []
