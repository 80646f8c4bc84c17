"""The judgement routes under /api/decisions: refused without --allow-edits or from another origin; with
edits, each one recorded and its effect visible at once in the read routes."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from builders import Doc, jak_and_abascal
from entramado.models import RelationType
from entramado.store import Store
from entramado.web.app import create_app
from web_client import Client

ROUTES: dict[str, dict[str, Any]] = {
    "/api/decisions/reject": {"a": "Kast", "type": "ALLY", "b": "Abascal"},
    "/api/decisions/confirm": {"a": "Kast", "type": "ALLY", "b": "Abascal"},
    "/api/decisions/add-tie": {
        "a": "Kast", "type": "MEETS", "b": "Abascal", "article": "jak", "sentence": "Kast y Abascal",
    },
    "/api/decisions/retype-tie": {"a": "Kast", "old": "ALLY", "new": "MEETS", "b": "Abascal"},
    "/api/decisions/rename": {"name": "Kast", "new": "J. A. Kast"},
    "/api/decisions/retype": {"name": "Madrid", "new": "ORGANIZATION"},
    "/api/decisions/block": {"name": "Madrid"},
    "/api/decisions/unblock": {"name": "Madrid"},
    "/api/decisions/undo": {"number": 1},
}  # fmt: skip


@pytest.fixture
def store(fresh_store: Store) -> Store:
    fresh_store.add(jak_and_abascal(kast_alias=True))
    fresh_store.add(jak_and_abascal("jak2", day=2))
    fresh_store.add(
        Doc("Santiago Abascal visitó Madrid (m).", doc_id="m")
        .entity("Santiago Abascal")
        .entity("Madrid")
        .build()
    )
    return fresh_store


class Api(Client):
    """The app in-process (a loop per request: Playwright may run one in the main thread)."""

    def __init__(self, store: Store, allow_edits: bool = False) -> None:
        super().__init__(create_app(store=store, allow_edits=allow_edits))

    def send(self, url: str, body: dict[str, Any], **headers: str) -> httpx.Response:
        token = self.get("/api/meta").json()["edit_token"]  # as the page does; None when read-only
        own = {"x-entramado-token": token} if token else {}
        return self.post(url, json=body, headers={**own, **headers})

    def ok(self, url: str, **params: Any) -> Any:
        r = self.get(url, params=params)
        assert r.status_code == 200, r.text
        return r.json()

    def id_of(self, name: str) -> int:
        return int(self.ok("/api/search", q=name)["items"][0]["id"])


@pytest.fixture
def api(store: Store) -> Api:
    return Api(store, allow_edits=True)


def test_every_judgement_route_is_refused_by_a_read_only_server_and_from_another_origin(store: Store) -> None:
    read_only, editable = Api(store), Api(store, allow_edits=True)
    for route, body in ROUTES.items():
        r = read_only.send(route, body)
        assert r.status_code == 403 and "--allow-edits" in r.json()["detail"], route
        foreign = editable.send(route, body, origin="http://evil.example")
        assert foreign.status_code == 403 and "cannot change" in foreign.json()["detail"], route
    assert store.decisions() == []


def test_confirm_and_reject_a_sentence_show_at_once_in_the_tie(api: Api, store: Store) -> None:
    r = api.send("/api/decisions/confirm", {**ROUTES["/api/decisions/confirm"], "by": "ana", "note": "leído"})
    assert r.status_code == 200, r.text
    tie = r.json()
    assert tie["confirmed"] is True and tie["evidence_count"] == 2 and tie["type"] == "ALLY"
    detail = api.ok(f"/api/ties/{tie['relation_id']}")
    assert detail["confirmed"] is True
    # the graph the explorer draws marks it too
    drawn = api.ok(f"/api/graph?actor={api.id_of('Abascal')}")["edges"]
    assert {(e["type"], e["confirmed"]) for e in drawn if e["id"] == tie["relation_id"]} == {("ALLY", True)}
    assert not any(e["confirmed"] for e in drawn if e["id"] != tie["relation_id"])
    sentences = [ev["id"] for ev in detail["evidence"]["items"]]
    r = api.send("/api/decisions/reject", {**ROUTES["/api/decisions/reject"], "evidence": sentences[0]})
    assert r.status_code == 200, r.text
    after = r.json()["tie"]
    assert (after["evidence_count"], after["rejected"], after["confirmed"]) == (1, 1, True)
    detail = api.ok(f"/api/ties/{after['relation_id']}")
    assert [ev["id"] for ev in detail["evidence"]["items"]] == sentences[1:]  # the rejected one is hidden
    ties = api.ok(f"/api/actors/{api.id_of('Abascal')}/ties")["items"]
    # The actor's list of ties says it is confirmed (its rejected sentences are the tie's detail).
    assert [(t["type"], t["confirmed"]) for t in ties if t["type"] != "CO_MENTION"] == [("ALLY", True)]
    listed = api.ok("/api/decisions")["items"]
    assert (listed[0]["kind"], listed[0]["author"], listed[0]["note"]) == ("confirm", "ana", "leído")


def test_add_tie_rename_block_and_undo_through_the_api(api: Api, store: Store) -> None:
    missing = api.send("/api/decisions/add-tie", {**ROUTES["/api/decisions/add-tie"], "sentence": "Nunca."})
    assert missing.status_code == 400 and "not in the text of article jak" in missing.json()["detail"]
    added = api.send(
        "/api/decisions/add-tie",
        {**ROUTES["/api/decisions/add-tie"], "sentence": "José Antonio Kast se reunió con Santiago Abascal"},
    )
    assert added.status_code == 200 and added.json()["type"] == "MEETS", added.text
    renamed = api.send("/api/decisions/rename", ROUTES["/api/decisions/rename"]).json()
    assert (renamed["name"], renamed["renamed_from"]) == ("J. A. Kast", "José Antonio Kast")
    assert api.ok("/api/search", q="j. a.")["items"][0]["name"] == "J. A. Kast"  # no stale index
    blocked = api.send("/api/decisions/block", ROUTES["/api/decisions/block"]).json()
    assert blocked["unlinked_mentions"] == 1 and blocked["decision"]["kind"] == "block"
    assert api.ok("/api/search", q="madrid")["items"] == []
    number = blocked["decision"]["id"]
    undone = api.send("/api/decisions/undo", {"number": number}).json()
    assert undone["kind"] == "block"
    assert [a["name"] for a in api.ok("/api/search", q="madrid")["items"]] == ["Madrid"]
    assert [d["kind"] for d in api.ok("/api/decisions")["items"]] == ["add_tie", "rename"]
    assert {t.type for t in store.relations()} == {RelationType.ALLY, RelationType.MEETS}
