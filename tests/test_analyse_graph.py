"""The analysis graph: built from the store, filtered by time, outlet, type, confidence and evidence."""

from __future__ import annotations

from datetime import date

import pytest

from builders import Doc
from entramado.analyse import build_graph, simple_graph
from entramado.models import EntityType, RelationType
from entramado.store import Store
from entramado.store.reads.graph import GraphFilter

ALLY, MEETS, CO = RelationType.ALLY, RelationType.MEETS, RelationType.CO_MENTION


@pytest.fixture
def store(fresh_store: Store) -> Store:
    """Kast–Abascal allies in January (El Diario) and March (La Gaceta); Kast meets Vox in March."""
    fresh_store.add(
        Doc("Kast y Abascal son aliados. Kast y Boric estaban en Madrid.", "a", published=date(2024, 1, 10))
        .entity("Kast").entity("Abascal").entity("Boric")
        .relation("Kast", ALLY, "Abascal", 0.6)
        .relation("Kast", CO, "Boric", 0.1)
        .build()
    )  # fmt: skip
    fresh_store.add(
        Doc(
            "Kast y Abascal renovaron su alianza. Kast se reunió con Vox.",
            doc_id="b", published=date(2024, 3, 5), outlet="La Gaceta",
        )
        .entity("Kast").entity("Abascal").entity("Vox", EntityType.ORGANIZATION)
        .relation("Kast", ALLY, "Abascal", 0.5, "Kast y Abascal renovaron su alianza.")
        .relation("Kast", MEETS, "Vox", 0.8)
        .build()
    )  # fmt: skip
    return fresh_store


def names(g) -> set[str]:  # type: ignore[no-untyped-def]
    return {d["name"] for _, d in g.nodes(data=True)}


def test_the_whole_graph_keeps_claims_and_leaves_co_mentions_out(store: Store) -> None:
    g = build_graph(store)
    assert names(g) == {"Kast", "Abascal", "Vox"}
    kast = next(n for n, d in g.nodes(data=True) if d["name"] == "Kast")
    abascal = next(n for n, d in g.nodes(data=True) if d["name"] == "Abascal")
    (ally,) = (d for d in g.get_edge_data(kast, abascal).values() if d["type"] == "ALLY")
    assert ally["evidence_count"] == 2 and ally["article_count"] == 2
    assert ally["confidence"] == pytest.approx(1 - 0.4 * 0.5)
    assert (ally["first_seen"], ally["last_seen"]) == (date(2024, 1, 10), date(2024, 3, 5))
    assert "Boric" in names(build_graph(store, GraphFilter(include_co_mentions=True)))


def test_a_time_window_reaggregates_each_tie_from_its_evidence(store: Store) -> None:
    g = build_graph(store, GraphFilter(until=date(2024, 1, 31)))
    assert names(g) == {"Kast", "Abascal"}
    (_, _, ally), = g.edges(data=True)  # fmt: skip
    assert ally["evidence_count"] == 1 and ally["confidence"] == pytest.approx(0.6)
    assert ally["last_seen"] == date(2024, 1, 10)


def test_filters_by_outlet_type_confidence_evidence_and_actor_type(store: Store) -> None:
    assert names(build_graph(store, GraphFilter(outlets=frozenset({"La Gaceta"})))) == {
        "Kast",
        "Abascal",
        "Vox",
    }
    assert names(build_graph(store, GraphFilter(types=frozenset({MEETS})))) == {"Kast", "Vox"}
    assert names(build_graph(store, GraphFilter(min_confidence=0.79))) == {"Kast", "Abascal", "Vox"}
    assert names(build_graph(store, GraphFilter(min_confidence=0.81))) == set()
    assert names(build_graph(store, GraphFilter(min_evidence=2))) == {"Kast", "Abascal"}
    assert names(build_graph(store, GraphFilter(actor_types=frozenset({EntityType.PERSON})))) == {
        "Kast",
        "Abascal",
    }


def test_the_simple_graph_sums_the_ties_of_a_pair(store: Store) -> None:
    s = simple_graph(build_graph(store))
    kast = next(n for n, d in s.nodes(data=True) if d["name"] == "Kast")
    weights = {s.nodes[o]["name"]: d["weight"] for o, d in s[kast].items()}
    assert weights["Vox"] == pytest.approx(0.8)
    assert s[kast][next(n for n, d in s.nodes(data=True) if d["name"] == "Vox")]["types"] == ["MEETS"]


def test_opposite_directed_ties_of_one_type_stay_two_edges(fresh_store: Store) -> None:
    fresh_store.add(
        Doc("Vox forma parte de la Red. La Red forma parte de Vox.", "m", published=date(2024, 1, 1))
        .entity("Vox", EntityType.ORGANIZATION).entity("Red", EntityType.ORGANIZATION)
        .relation("Vox", RelationType.MEMBER_OF, "Red", 0.7, "Vox forma parte de la Red.")
        .relation("Red", RelationType.MEMBER_OF, "Vox", 0.7, "La Red forma parte de Vox.")
        .build()
    )  # fmt: skip
    g = build_graph(fresh_store)
    assert g.number_of_edges() == 2
    (a, b), other = sorted((d["source"], d["target"]) for _, _, d in g.edges(data=True))
    assert other == (b, a) and a != b  # one tie each way, each keeping its own direction
