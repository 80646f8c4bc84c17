"""Paths: how two actors are connected, each hop explained by its ties and evidence sentences."""

from __future__ import annotations

from datetime import date

import networkx as nx
import pytest

from analysis_corpus import fill
from builders import Doc
from entramado.analyse import build_graph, explain, find_paths, simple_graph
from entramado.analyse.paths import shortest_path
from entramado.models import EntityType, RelationType
from entramado.store import Store


@pytest.fixture
def store(fresh_store: Store) -> Store:
    return fill(fresh_store)


def test_the_connection_goes_through_the_bridge_with_each_hops_evidence(store: Store) -> None:
    g = build_graph(store)
    s = simple_graph(g)
    kast, boric = store.find_actor("kast"), store.find_actor("BORIC")
    connection = explain(store, g, s, kast, boric, max_hops=4, paths=1)
    (path,) = connection.paths
    assert path.actors == ["Kast", "Meloni", "Boric"] and path.length == 2
    first, second = path.hops
    (tie,) = first.ties
    assert (tie.type, tie.direction) == ("MEETS", "both")  # meeting is symmetric
    assert [e.sentence for e in tie.evidence] == ["Meloni se reunió con Kast en Roma."]
    assert tie.evidence[0].doc_id == "roma" and str(tie.evidence[0].published) == "2024-02-05"
    assert second.ties[0].evidence[0].sentence == "Meloni recibió a Boric en el Quirinal."


def test_alternatives_are_simple_fewest_hops_first_and_within_max_hops(store: Store) -> None:
    g = build_graph(store)
    s = simple_graph(g)
    abascal, petro = store.find_actor("Abascal"), store.find_actor("Petro")
    paths = explain(store, g, s, abascal, petro, max_hops=5, paths=4).paths
    assert paths[0].actors == ["Abascal", "Kast", "Meloni", "Boric", "Petro"]
    lengths = [p.length for p in paths]
    assert lengths == sorted(lengths) and len(paths) == 4 and max(lengths) <= 5
    assert all(len(set(p.actors)) == len(p.actors) for p in paths)
    # Among paths of equal hops the strongest comes first.
    five = [p.distance for p in paths if p.length == 5]
    assert five == sorted(five)
    assert explain(store, g, s, abascal, petro, max_hops=3).paths == []


def test_bidirectional_search_finds_a_fewest_hops_path_and_respects_the_bound() -> None:
    s = nx.path_graph(6)
    s.add_edge(0, 6)
    s.add_edge(6, 5)
    for a, b in s.edges:
        s[a][b].update(weight=1.0, distance=1.0)
    for n in s:
        s.nodes[n]["name"] = str(n)
    assert shortest_path(s, 0, 5, 4) == [0, 6, 5]
    assert shortest_path(s, 0, 3, 2) is None and shortest_path(s, 0, 3, 3) == [0, 1, 2, 3]
    assert shortest_path(s, 0, 99, 4) is None and shortest_path(s, 2, 2, 4) == [2]
    s.add_node(7, name="7")
    assert find_paths(s, 0, 7) == []
    assert find_paths(s, 0, 5, max_hops=5, paths=2) == [[0, 6, 5], [0, 1, 2, 3, 4, 5]]


def test_directed_ties_are_read_along_the_path(store: Store) -> None:
    store.add(
        Doc("Kast es miembro del Partido Republicano.", "pr", published=date(2024, 5, 1))
        .entity("Kast").entity("Partido Republicano", EntityType.ORGANIZATION)
        .relation("Kast", RelationType.MEMBER_OF, "Partido Republicano", 0.9)
        .build()
    )  # fmt: skip
    g = build_graph(store)
    s = simple_graph(g)
    party, meloni = store.find_actor("partido republicano"), store.find_actor("Meloni")
    (path,) = explain(store, g, s, party, meloni, paths=1).paths
    assert path.actors == ["Partido Republicano", "Kast", "Meloni"]
    assert [(t.type, t.direction) for t in path.hops[0].ties] == [("MEMBER_OF", "backward")]
    (back,) = explain(store, g, s, store.find_actor("Kast"), party, paths=1).paths
    assert back.hops[0].ties[0].direction == "forward"
