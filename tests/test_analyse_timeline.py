"""Timelines: an actor's ties by month, new when they first appear, growing when evidence returns."""

from __future__ import annotations

from datetime import date

import pytest

from analysis_corpus import fill
from builders import Doc
from entramado.analyse import timeline
from entramado.models import RelationType
from entramado.store import Store
from entramado.store.reads.graph import GraphFilter


@pytest.fixture
def store(fresh_store: Store) -> Store:
    return fill(fresh_store)


def test_a_tie_is_new_in_its_first_month_and_strengthens_later(store: Store) -> None:
    result = timeline(store, store.find_actor("Kast"))
    assert [m.month for m in result.months] == ["2024-01", "2024-02", "2024-04"]
    january, february, april = result.months
    abascal = next(t for t in january.ties if t.other == "Abascal")
    assert (abascal.type, abascal.new, abascal.evidence, abascal.total) == ("ALLY", True, 1, 1)
    assert {t.other for t in january.ties} == {"Abascal", "Milei", "Bukele"}
    assert [(t.other, t.type, t.new) for t in february.ties] == [("Meloni", "MEETS", True)]
    (renewed,) = april.ties
    assert (renewed.other, renewed.new, renewed.total) == ("Abascal", False, 2)
    span = next(t for t in result.ties if t.other == "Abascal")
    assert (span.first, span.last, span.evidence) == (date(2024, 1, 10), date(2024, 4, 2), 2)
    assert result.ties[0].other == "Abascal"  # the most evidenced tie first


def test_the_evidence_date_wins_and_undated_evidence_comes_last(store: Store) -> None:
    store.add(
        Doc("Kast y Milei se vieron en 2023. Kast habló con Bukele.", "old", published=None)
        .entity("Kast").entity("Milei").entity("Bukele")
        .relation("Kast", RelationType.MEETS, "Milei", 0.7, when=date(2023, 6, 1))
        .relation("Kast", RelationType.MEETS, "Bukele", 0.5)
        .build()
    )  # fmt: skip
    months = [m.month for m in timeline(store, store.find_actor("Kast")).months]
    assert months[0] == "2023-06" and months[-1] == "undated"


def test_the_graph_filter_applies(store: Store) -> None:
    kast = store.find_actor("Kast")
    meets = timeline(store, kast, GraphFilter(types=frozenset({RelationType.MEETS})))
    assert [m.month for m in meets.months] == ["2024-02"]
    assert [m.month for m in timeline(store, kast, GraphFilter(since=date(2024, 3, 1))).months] == ["2024-04"]
    assert [t.other for t in timeline(store, kast, GraphFilter(min_evidence=2)).ties] == ["Abascal"]
    assert [m.month for m in timeline(store, kast, GraphFilter(outlets=frozenset({"El Diario"}))).months] == [
        "2024-02",
        "2024-04",
    ]
