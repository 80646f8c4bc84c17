"""FollowTheMoney export: every entity validates with the library, links point at exported entities."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from followthemoney import model

from builders import Doc
from entramado.export import export
from entramado.models import EntityType, RelationType
from entramado.store import Store
from entramado.store.reads.graph import GraphFilter
from export_corpus import fill


@pytest.fixture
def store(fresh_store: Store) -> Store:
    return fill(fresh_store)


def entities(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def by_name(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {e["properties"]["name"][0]: e for e in items if "name" in e["properties"]}


def test_every_entity_validates_and_every_link_points_at_an_exported_entity(
    store: Store, tmp_path: Path
) -> None:
    export(store, "ftm", tmp_path / "net.ftm.json")
    items = entities(tmp_path / "net.ftm.json")
    ids = {e["id"] for e in items}
    assert len(ids) == len(items)
    for data in items:
        schema = model.get(data["schema"])
        assert schema is not None and not schema.abstract
        assert schema.validate(data) is None
        assert set(schema.required) <= set(data["properties"]), data
        # The library's own cleaning keeps every value: none is invalid for its property.
        assert model.get_proxy(data, cleaned=False).to_dict() == data
        for prop, values in data["properties"].items():
            if schema.properties[prop].type.name == "entity":
                assert set(values) <= ids, (data["schema"], prop)


def test_actors_and_ties_map_to_the_documented_schemata(store: Store, tmp_path: Path) -> None:
    export(store, "ftm", tmp_path / "net.ftm.json")
    items = entities(tmp_path / "net.ftm.json")
    named = by_name(items)
    assert {name: e["schema"] for name, e in named.items()} == {
        "José Antonio Kast": "Person", "Santiago Abascal": "Person", "Boric": "Person",
        "Partido Republicano": "Organization", "Vox": "Organization", "Patriotas": "Organization",
        "Gobierno de Chile": "PublicBody", "CPAC 2024": "Event", "Elección presidencial": "Event",
        "Chile": "Territory",
        "presidente (Partido Republicano)": "Position", "presidente (Chile)": "Position",
    }  # fmt: skip
    assert named["Chile"]["properties"]["country"] == ["cl"]
    assert named["José Antonio Kast"]["properties"]["alias"] == ["Kast"]
    kast, abascal = named["José Antonio Kast"]["id"], named["Santiago Abascal"]["id"]
    links = [e for e in items if "name" not in e["properties"]]

    def link(schema: str, **ends: str) -> dict[str, Any]:
        (found,) = [
            e for e in links
            if e["schema"] == schema and all(e["properties"].get(p) == [v] for p, v in ends.items())
        ]  # fmt: skip
        return found

    ally = link("Associate", person=kast, associate=abascal, relationship="ALLY")
    assert ally["properties"]["startDate"] == ally["properties"]["endDate"] == ["2024-01-10"]
    assert ally["properties"]["sourceUrl"] == ["https://eldiario.example/enero"]
    assert "José Antonio Kast y Santiago Abascal son aliados." in ally["properties"]["description"][0]
    assert link("Associate", person=kast, associate=abascal, relationship="MEETS")
    opposes = link("UnknownLink", subject=kast, object=named["Gobierno de Chile"]["id"], role="OPPOSES")
    assert "(according to la prensa)" in opposes["properties"]["description"][0]
    assert link("UnknownLink", subject=kast, object=named["CPAC 2024"]["id"], role="PARTICIPATES_IN")
    assert link("UnknownLink", subject=kast, object=named["Elección presidencial"]["id"], role="CANDIDATE_IN")
    assert link("Membership", member=abascal, organization=named["Vox"]["id"])
    post = named["presidente (Partido Republicano)"]
    assert post["properties"]["organization"] == [named["Partido Republicano"]["id"]]
    assert link("Occupancy", holder=kast, post=post["id"])["properties"]["startDate"] == ["2024-01-10"]
    assert named["presidente (Chile)"]["properties"]["country"] == ["cl"]
    assert not [e for e in links if e["properties"].get("role") == ["CO_MENTION"]]


def ally_source(store: Store) -> str:
    rows = store.graph_rows(GraphFilter())
    source = next(e.source for e in rows.edges if e.type == "ALLY")
    return next(n.name for n in rows.nodes if n.id == source)


def test_ids_are_stable_across_databases(store: Store, tmp_path: Path) -> None:
    export(store, "ftm", tmp_path / "one.json")
    with Store.open(str(tmp_path / "other.db")) as other:
        # Abascal first: he gets the smaller row id, so the undirected ties are stored Abascal–Kast.
        other.add(Doc("Santiago Abascal habló en Madrid.", "antes").entity("Santiago Abascal").build())
        fill(other)
        assert ally_source(other) == "Santiago Abascal" and ally_source(store) == "José Antonio Kast"
        export(other, "ftm", tmp_path / "two.json")
    assert {e["id"] for e in entities(tmp_path / "one.json")} == {
        e["id"] for e in entities(tmp_path / "two.json")
    }


def test_ties_that_do_not_fit_a_schema_fall_back_to_membership_or_unknown_link(
    fresh_store: Store, tmp_path: Path
) -> None:
    text = "Boric dirige el Frente Amplio. Boric manda en Chile. Vox integra la CPAC."
    fresh_store.add(
        Doc(text, "x", published=date(2024, 2, 1))
        .entity("Boric").entity("Frente Amplio", EntityType.ORGANIZATION).entity("Chile", EntityType.PLACE)
        .entity("Vox", EntityType.ORGANIZATION).entity("CPAC", EntityType.EVENT)
        .relation("Boric", RelationType.POSITION, "Frente Amplio")  # no cue: no post to name
        .relation("Boric", RelationType.POSITION, "Chile")  # no cue, and a place is no organization
        .relation("Vox", RelationType.MEMBER_OF, "CPAC")  # an event has no members in FtM
        .build()
    )  # fmt: skip
    export(fresh_store, "ftm", tmp_path / "x.json")
    items = entities(tmp_path / "x.json")
    named = by_name(items)
    links = {
        (e["schema"], tuple(e["properties"].get("role", []))): e
        for e in items
        if "name" not in e["properties"]
    }
    assert set(links) == {("Membership", ("POSITION",)), ("UnknownLink", ("POSITION",)),
                          ("UnknownLink", ("MEMBER_OF",))}  # fmt: skip
    assert links["Membership", ("POSITION",)]["properties"]["organization"] == [named["Frente Amplio"]["id"]]
    assert links["UnknownLink", ("POSITION",)]["properties"]["object"] == [named["Chile"]["id"]]
    assert not [e for e in items if e["schema"] in ("Position", "Occupancy")]
    for data in items:
        assert model.get_proxy(data, cleaned=False).to_dict() == data


def test_family_between_two_people_is_an_ftm_family(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "f.db"))
    store.add(
        Doc("Eduardo Bolsonaro, hijo de Jair Bolsonaro, habló.", doc_id="f1")
        .entity("Eduardo Bolsonaro")
        .entity("Jair Bolsonaro")
        .relation("Eduardo Bolsonaro", RelationType.FAMILY, "Jair Bolsonaro")
        .build()
    )
    out = tmp_path / "red.ftm.json"
    export(store, "ftm", out, GraphFilter())
    store.close()
    family = [json.loads(line) for line in out.read_text().splitlines() if '"Family"' in line]
    assert len(family) == 1
    assert set(family[0]["properties"]) >= {"person", "relative"}
