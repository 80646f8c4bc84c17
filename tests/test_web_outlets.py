"""Outlets however spelt: one entry per outlet in the API; a filter on it keeps every spelling."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from builders import Doc
from entramado.models import RelationType
from entramado.store import Store
from entramado.store.reads.outlets import Outlet, group_outlets, outlet_key, spellings_of
from entramado.web.app import create_app
from web_client import Client

MEETS = RelationType.MEETS


class Api(Client):
    """The app in-process (in a thread of its own: the browser tests may keep an event loop running)."""

    def ok(self, url: str, **params: Any) -> Any:
        answer = self.get(url, params=params)
        assert answer.status_code == 200, answer.text
        return answer.json()

    def id_of(self, name: str) -> int:
        return int(self.ok("/api/search", q=name)["items"][0]["id"])


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("El País", "EL PAIS "),
        ("El País", "el  país"),
        ("CNN español", "CNNespañol"),
        ("France 24", "France24"),
        ("Redacción Médica", "Redaccion Medica"),
    ],
)
def test_spellings_of_one_outlet_share_a_key(a: str, b: str) -> None:
    assert outlet_key(a) == outlet_key(b)


@pytest.mark.parametrize(("a", "b"), [("El País", "El Paso"), ("BBC", "BBC News"), ("Milenio", "Millenio")])
def test_different_outlets_keep_different_keys(a: str, b: str) -> None:
    assert outlet_key(a) != outlet_key(b)


def test_grouping_shows_the_best_spelling_and_keeps_them_all() -> None:
    groups = group_outlets(
        [("El país", 68), ("El País", 28), ("El Pais", 12), ("EL PAIS ", 1), ("Forbes", 38), ("  ", 3)]
    )
    assert groups == [
        Outlet("El País", ["El país", "El País", "El Pais", "EL PAIS "], 109),
        Outlet("Forbes", ["Forbes"], 38),
    ]  # accents and title case name the outlet, not the most common spelling; blanks name none
    assert [o.name for o in group_outlets([("EL UNIVERSAL", 28), ("El Universal", 67)])] == ["El Universal"]
    assert [o.name for o in group_outlets([("CNNespañol", 7), ("CNN Español", 1)])] == ["CNN Español"]


def test_a_filter_on_any_spelling_takes_every_spelling() -> None:
    groups = group_outlets([("El país", 2), ("EL PAIS", 1), ("Forbes", 1)])
    assert spellings_of(groups, ["el pais"]) == {"El país", "EL PAIS"}
    assert spellings_of(groups, ["EL PAIS", "forbes"]) == {"El país", "EL PAIS", "Forbes"}
    assert spellings_of(groups, ["Diario Nuevo"]) == {"Diario Nuevo"}  # unknown: still matches nothing


@pytest.fixture
def spelt(fresh_store: Store) -> Api:
    """Kast meets Abascal in "El País", Milei in "el pais " and Bukele in "EL PAIS"; Boric meets Petro
    in "Forbes"."""
    meetings = [("Abascal", "El País"), ("Milei", "el pais "), ("Bukele", "EL PAIS")]
    for i, (other, outlet) in enumerate(meetings):
        doc = Doc(f"Kast se reunió con {other}.", f"m{i}", published=date(2024, 1, i + 1), outlet=outlet)
        fresh_store.add(doc.entity("Kast").entity(other).relation("Kast", MEETS, other, 0.8).build())
    doc = Doc("Boric se reunió con Petro.", "f", published=date(2024, 2, 1), outlet="Forbes")
    fresh_store.add(doc.entity("Boric").entity("Petro").relation("Boric", MEETS, "Petro", 0.8).build())
    return Api(create_app(store=fresh_store))


def test_meta_lists_each_outlet_once_with_its_spellings(spelt: Api) -> None:
    meta = spelt.ok("/api/meta")
    assert meta["outlets"] == ["El País", "Forbes"]
    assert meta["outlet_groups"][0] == {
        "name": "El País",
        "spellings": ["EL PAIS", "El País", "el pais "],
        "articles": 3,
    }


@pytest.mark.parametrize("asked", ["El País", "el pais", "EL PAIS"])
def test_filtering_by_an_outlet_keeps_the_evidence_of_all_its_spellings(spelt: Api, asked: str) -> None:
    graph = spelt.ok("/api/graph", outlets=asked)
    names = sorted(n["name"] for n in graph["nodes"])
    assert names == ["Abascal", "Bukele", "Kast", "Milei"]
    kast = spelt.id_of("Kast")
    assert spelt.ok(f"/api/actors/{kast}/ties", outlets=asked)["total"] == 3
    assert spelt.ok("/api/graph", outlets="Forbes")["total_nodes"] == 2


def test_actor_search_says_how_many_match(spelt: Api) -> None:
    answer = spelt.ok("/api/search", q="b", limit=1)  # Bukele, Boric
    assert len(answer["items"]) == 1
    assert answer["total"] == 2
