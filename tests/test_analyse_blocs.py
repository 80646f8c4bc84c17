"""Blocs: Leiden finds the groups of allies, the same on every run; OPPOSES never binds, it is reported."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from analysis_corpus import BROKER, LEFT, RIGHT, fill
from entramado.analyse import blocs, build_graph, simple_graph
from entramado.config import Settings
from entramado.jobs.ingest import ingest
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


def _signed(pairs: list[tuple[str, str, str, float]]) -> nx.Graph:
    """A simple graph by hand, as ``simple_graph`` makes it: (a, type, b, confidence) per tie."""
    s = nx.Graph()
    ids: dict[str, int] = {}
    for a, kind, b, p in pairs:
        for name in (a, b):
            if name not in ids:
                ids[name] = len(ids) + 1
                s.add_node(ids[name], name=name, type="PERSON")
        u, v = ids[a], ids[b]
        against = p if kind == "OPPOSES" else 0.0
        if s.has_edge(u, v):
            s[u][v]["weight"] += p
            s[u][v]["opposes"] += against
            s[u][v]["types"].append(kind)
        else:
            s.add_edge(u, v, weight=p, opposes=against, types=[kind])
    return s


def test_opposition_never_binds_and_is_reported_between_blocs() -> None:
    # Two camps of allies; their leaders oppose each other strongly and repeatedly. Counted as
    # cohesion, the rivalry would pull the two leaders together.
    ties = [("Kast", "ALLY", "Matthei", 0.5), ("Kast", "MEMBER_OF", "Republicanos", 0.6)]
    ties += [("Jara", "MEMBER_OF", "PC", 0.6), ("Jara", "ALLY", "Boric", 0.5)]
    ties += [("Kast", "OPPOSES", "Jara", 0.95), ("Kast", "OPPOSES", "Jara", 0.9)]  # e.g. A→B and B→A
    ties += [("Matthei", "OPPOSES", "Boric", 0.7), ("Matthei", "OPPOSES", "Republicanos", 0.4)]
    result = blocs(_signed(ties), min_size=1)
    bloc_of = {m.name: b for b in result.blocs for m in b.members}
    assert bloc_of["Kast"] is bloc_of["Matthei"] is bloc_of["Republicanos"]
    assert bloc_of["Jara"] is bloc_of["PC"] is bloc_of["Boric"]
    assert bloc_of["Kast"] is not bloc_of["Jara"]
    right, left = bloc_of["Kast"], bloc_of["Jara"]
    assert "OPPOSES" not in right.relation_types and right.internal_ties == 2
    # Kast–Jara (two ties) and Matthei–Boric across the blocs; Matthei–Republicanos inside one.
    assert result.oppositions == 3
    (against,) = right.opposes
    assert against.bloc == left.number and against.ties == 3
    assert [(p.member, p.rival) for p in against.pairs] == [("Kast", "Jara"), ("Matthei", "Boric")]
    assert [(p.member, p.rival) for p in left.opposes[0].pairs] == [("Jara", "Kast"), ("Boric", "Matthei")]
    assert right.internal_oppositions == 1 and left.internal_oppositions == 0 and result.unbound == 0


def test_actors_tied_only_by_opposition_stay_apart() -> None:
    result = blocs(_signed([("A", "OPPOSES", "B", 0.9)]), min_size=1)
    assert result.total == 2 and result.oppositions == 1 and result.modularity == 0.0 and result.unbound == 2
    assert [len(b.opposes) for b in result.blocs] == [1, 1]


def test_on_the_founding_article_jara_is_not_in_kasts_bloc(founding_article: Path, tmp_path: Path) -> None:
    with Store.open(str(tmp_path / "seed.db")) as store:
        assert ingest([str(founding_article)], store, Settings()).ok
        s = simple_graph(build_graph(store))
    assert any("OPPOSES" in d["types"] for _, _, d in s.edges(data=True))  # the rivalry is extracted
    result = blocs(s, min_size=1)
    bloc_of = {m.name: b.number for b in result.blocs for m in b.members}
    kast = next(n for n in bloc_of if "Kast" in n)
    jara = next(n for n in bloc_of if "Jara" in n)
    assert bloc_of[kast] != bloc_of[jara]
    rivals = {(p.member, p.rival) for b in result.blocs for o in b.opposes for p in o.pairs}
    assert (kast, jara) in rivals and result.oppositions >= 1
