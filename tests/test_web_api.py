"""The JSON API, in-process through an httpx ASGI client, on a network with known answers (both backends)."""

from __future__ import annotations

import asyncio
import io
import zipfile
from collections.abc import Iterator
from datetime import date
from typing import Any

import httpx
import networkx as nx
import pytest

import analysis_corpus
from builders import Doc
from entramado.models import EntityType, RelationType
from entramado.store import Store
from entramado.web import explorer
from entramado.web.app import create_app

HOSTILE = '<script>window.__pwned=1</script> <img src=x onerror="window.__pwned=1">'


class Api:
    """A synchronous face on the ASGI client (the app's routes are sync; the transport is not)."""

    def __init__(self, store: Store, allow_edits: bool = False) -> None:
        self.app = create_app(store=store, allow_edits=allow_edits)
        self.loop = asyncio.new_event_loop()
        self.client = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=self.app), base_url="http://127.0.0.1"
        )

    def get(self, url: str, **params: Any) -> httpx.Response:
        # httpx replaces a URL's own query string by ``params`` when given, even an empty one
        return self.loop.run_until_complete(self.client.get(url, params=params or None))

    def post(self, url: str, body: dict[str, Any]) -> httpx.Response:
        # with the session's token, as the page sends it (None on a read-only server: header left out)
        token = self.ok("/api/meta")["edit_token"]
        headers = {"X-Entramado-Token": token} if token else {}
        return self.loop.run_until_complete(self.client.post(url, json=body, headers=headers))

    def ok(self, url: str, **params: Any) -> Any:
        r = self.get(url, **params)
        assert r.status_code == 200, r.text
        return r.json()

    def id_of(self, name: str) -> int:
        items = self.ok("/api/search", q=name)["items"]
        assert items, f"no actor named {name}"
        return int(items[0]["id"])

    def close(self) -> None:
        self.loop.run_until_complete(self.client.aclose())
        self.loop.close()


@pytest.fixture
def network(fresh_store: Store) -> Store:
    """The two blocs and their broker (tests/analysis_corpus.py), plus one hostile article."""
    analysis_corpus.fill(fresh_store)
    hostile = Doc(
        f"Lula se reunió con Petro. {HOSTILE}",
        "hostil",
        published=date(2024, 5, 1),
        title=HOSTILE,
        url="javascript:window.__pwned=1",
    )
    fresh_store.add(
        hostile.entity("Lula").entity("Petro").relation("Lula", RelationType.MEETS, "Petro", 0.7).build()
    )
    return fresh_store


@pytest.fixture
def api(network: Store) -> Iterator[Api]:
    client = Api(network)
    yield client
    client.close()


def test_meta_describes_types_counts_dates_and_limits(api: Api) -> None:
    meta = api.ok("/api/meta")
    assert meta["counts"]["articles"] == 6
    assert meta["counts"]["ties"] == 6 + 6 + 2 + 1  # two cliques of four, two meetings, one hostile
    assert meta["entity_types"] == [str(t) for t in EntityType]
    assert {"value": "MEETS", "directed": False} in meta["relation_types"]
    assert meta["first_date"] == "2024-01-10" and meta["last_date"] == "2024-05-01"
    assert meta["outlets"] == ["El Diario", "La Gaceta"]
    assert meta["allow_edits"] is False


def test_search_matches_the_start_of_any_word_ignoring_accents_and_case(network: Store) -> None:
    network.add(Doc("Ana Pérez Sanchís habló.", "ana").entity("Ana Pérez Sanchís").build())
    api = Api(network)
    try:
        assert [a["name"] for a in api.ok("/api/search", q="sanch")["items"]] == [
            "Sánchez",
            "Ana Pérez Sanchís",
        ]
        assert [a["name"] for a in api.ok("/api/search", q="PEREZ s")["items"]] == ["Ana Pérez Sanchís"]
        assert api.ok("/api/search", q="nchez")["items"] == []  # inside a word is not a prefix
        assert len(api.ok("/api/search", q="a", limit=2)["items"]) == 2
        assert api.get("/api/search", q="").status_code == 422
    finally:
        api.close()


def test_actor_detail_gives_ties_by_type_centrality_and_bloc(api: Api) -> None:
    meloni = api.ok(f"/api/actors/{api.id_of('Meloni')}")
    assert meloni["ties_by_type"] == {"MEETS": 2}
    assert meloni["rank"]["degree"] == 2
    kast, abascal, boric = (api.ok(f"/api/actors/{api.id_of(n)}") for n in ("Kast", "Abascal", "Boric"))
    assert kast["bloc"] == abascal["bloc"] != boric["bloc"]
    ranking = api.ok("/api/rank", by="broker", limit=1)
    assert ranking["actors"][0]["name"] == "Meloni"


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/actors/999999", 404),
        ("/api/actors/0", 422),
        ("/api/actors/kast", 422),
        ("/api/ties/999999", 404),
        ("/api/actors/1/ties?limit=100000", 422),
        ("/api/graph?types=FRIENDS", 422),
        ("/api/graph?max_nodes=1000000", 422),
        ("/api/export/pdf", 422),
        ("/api/export/..%2F..%2Fetc%2Fpasswd", 404),  # no such route once decoded
        ("/static/../pyproject.toml", 404),
        ("/static/%2e%2e/pyproject.toml", 404),
        ("/api/path?source=1", 422),
        ("/api/graph?outlets=El%00Diario", 422),
    ],
)
def test_bad_requests_get_a_json_error_never_a_500(api: Api, url: str, status: int) -> None:
    r = api.get(url)
    assert r.status_code == status, r.text
    if url.startswith("/api"):
        assert r.json()["detail"]


def test_actor_ties_are_paginated_strongest_first(api: Api) -> None:
    kast = api.id_of("Kast")
    first = api.ok(f"/api/actors/{kast}/ties", limit=2)
    rest = api.ok(f"/api/actors/{kast}/ties", offset=2, limit=10)
    assert first["total"] == rest["total"] == 4  # three allies and Meloni
    items = first["items"] + rest["items"]
    assert [t["confidence"] for t in items] == sorted((t["confidence"] for t in items), reverse=True)
    assert {t["other"]["name"] for t in items} == {"Abascal", "Milei", "Bukele", "Meloni"}
    only = api.ok(f"/api/actors/{kast}/ties", type="MEETS")
    assert [(t["other"]["name"], t["direction"]) for t in only["items"]] == [("Meloni", "both")]


def test_ties_and_evidence_follow_the_filters_like_the_graph(api: Api) -> None:
    kast, abascal = api.id_of("Kast"), api.id_of("Abascal")
    spring = api.ok(f"/api/actors/{kast}/ties", since="2024-02-01", until="2024-04-30")
    assert {(t["other"]["name"], t["evidence_count"]) for t in spring["items"]} == {
        ("Abascal", 1),
        ("Meloni", 1),
    }
    strong = api.ok(f"/api/actors/{kast}/ties", min_confidence=0.9)
    assert [t["other"]["name"] for t in strong["items"]] == ["Abascal"]
    tie = spring["items"][0] if spring["items"][0]["other"]["id"] == abascal else spring["items"][1]
    inside = api.ok(f"/api/ties/{tie['relation_id']}", since="2024-02-01")["evidence"]
    assert inside["total"] == 1 and inside["items"][0]["article"]["doc_id"] == "madrid"
    assert api.ok(f"/api/ties/{tie['relation_id']}", outlets="La Gaceta")["evidence"]["total"] == 1
    assert api.ok(f"/api/ties/{tie['relation_id']}")["evidence"]["total"] == 2


def test_tie_evidence_marks_both_actors_in_the_sentence(api: Api) -> None:
    kast = api.id_of("Kast")
    tie = next(t for t in api.ok(f"/api/actors/{kast}/ties")["items"] if t["other"]["name"] == "Meloni")
    detail = api.ok(f"/api/ties/{tie['relation_id']}")
    assert {detail["source"]["name"], detail["target"]["name"]} == {"Meloni", "Kast"}
    (ev,) = detail["evidence"]["items"]
    assert ev["sentence"] == "Meloni se reunió con Kast en Roma."
    marked = {ev["sentence"][h["start"] : h["end"]]: h["actor_id"] for h in ev["highlights"]}
    assert marked == {"Meloni": api.id_of("Meloni"), "Kast": kast}
    assert ev["article"]["doc_id"] == "roma" and ev["date"] == "2024-02-05"


def test_evidence_pages_are_newest_first(api: Api) -> None:
    kast, abascal = api.id_of("Kast"), api.id_of("Abascal")
    tie = next(t for t in api.ok(f"/api/actors/{kast}/ties")["items"] if t["other"]["id"] == abascal)
    detail = api.ok(f"/api/ties/{tie['relation_id']}", limit=1)
    assert detail["evidence"]["total"] == 2
    assert detail["evidence"]["items"][0]["article"]["doc_id"] == "madrid"  # April before January
    older = api.ok(f"/api/ties/{tie['relation_id']}", offset=1, limit=1)
    assert older["evidence"]["items"][0]["article"]["doc_id"] == "right"


def test_hostile_article_text_is_data_and_its_javascript_url_is_dropped(api: Api) -> None:
    lula = api.id_of("Lula")
    tie = next(
        t for t in api.ok(f"/api/actors/{lula}/ties", type="MEETS")["items"] if t["other"]["name"] == "Petro"
    )
    (ev,) = api.ok(f"/api/ties/{tie['relation_id']}")["evidence"]["items"]
    assert ev["article"]["title"] == HOSTILE  # returned verbatim: the page renders it as text
    assert ev["article"]["url"] is None  # never a javascript: link


def test_graph_centred_on_an_actor_grows_with_hops_and_respects_max_nodes(api: Api) -> None:
    kast = api.id_of("Kast")
    one = api.ok("/api/graph", actor=kast, hops=1)
    assert {n["name"] for n in one["nodes"]} == {"Kast", "Abascal", "Milei", "Bukele", "Meloni"}
    assert not one["truncated"]
    names = {n["id"]: n["name"] for n in one["nodes"]}
    assert all(e["source"] in names and e["target"] in names for e in one["edges"])
    assert all(0 <= n["x"] <= 1000 and 0 <= n["y"] <= 1000 for n in one["nodes"])
    two = api.ok("/api/graph", actor=kast, hops=2)
    assert "Boric" in {n["name"] for n in two["nodes"]}  # through Meloni
    small = api.ok("/api/graph", actor=kast, hops=2, max_nodes=3)
    assert len(small["nodes"]) == 3 and small["truncated"] and "3 of" in small["notice"]
    again = api.ok("/api/graph", actor=kast, hops=1)
    assert again == one  # the seeded layout gives the same picture every time


def test_graph_filters_by_time_window_and_type(api: Api) -> None:
    kast = api.id_of("Kast")
    meets = api.ok("/api/graph", actor=kast, types="MEETS")
    assert {e["type"] for e in meets["edges"]} == {"MEETS"}
    spring = api.ok("/api/graph", actor=kast, since="2024-02-01", until="2024-04-30")
    assert {n["name"] for n in spring["nodes"]} == {"Kast", "Meloni", "Abascal"}
    empty = api.ok("/api/graph", actor=kast, since="2030-01-01")
    assert empty["edges"] == [] and "no ties" in empty["notice"]
    top = api.ok("/api/graph", max_nodes=4)
    assert len(top["nodes"]) == 4 and top["truncated"]


def test_path_explains_each_hop_with_evidence(api: Api) -> None:
    found = api.ok("/api/path", source=api.id_of("Milei"), target=api.id_of("Lula"))
    best = found["paths"][0]
    assert best["actors"][0] == "Milei" and best["actors"][-1] == "Lula" and "Meloni" in best["actors"]
    assert all(hop["ties"][0]["evidence"] for hop in best["hops"])


def test_timeline_and_blocs(api: Api) -> None:
    timeline = api.ok(f"/api/actors/{api.id_of('Kast')}/timeline")
    assert [m["month"] for m in timeline["months"]] == ["2024-01", "2024-02", "2024-04"]
    blocs = api.ok("/api/blocs", min_size=1, members=20)["blocs"]
    assert sum(b["size"] for b in blocs) == 9
    bloc_of = {m["name"]: b["number"] for b in blocs for m in b["members"]}
    assert bloc_of["Kast"] == bloc_of["Abascal"] != bloc_of["Boric"] == bloc_of["Lula"]
    # No OPPOSES tie in this network: the answer still says so, bloc by bloc.
    assert all(b["opposes"] == [] and b["internal_oppositions"] == 0 for b in blocs)


def test_export_downloads_are_readable_files(api: Api, tmp_path: Any) -> None:
    r = api.get("/api/export/graphml")
    assert r.status_code == 200 and "red.graphml" in r.headers["content-disposition"]
    path = tmp_path / "red.graphml"
    path.write_bytes(r.content)
    g = nx.read_graphml(path)
    assert g.number_of_nodes() == 9 and all(isinstance(d["bloc"], int) for _, d in g.nodes(data=True))
    csv = api.get("/api/export/csv", types="MEETS")
    names = zipfile.ZipFile(io.BytesIO(csv.content)).namelist()
    assert {"nodes.csv", "edges.csv", "evidence.csv", "blocs.csv", "bloc_oppositions.csv"} <= set(names)


def test_decisions_need_allow_edits_and_refresh_the_explorer(network: Store) -> None:
    read_only = Api(network)
    try:
        r = read_only.post("/api/decisions/merge", {"a": "Kast", "b": "Abascal"})
        assert r.status_code == 403 and "--allow-edits" in r.json()["detail"]
    finally:
        read_only.close()
    api = Api(network, allow_edits=True)
    try:
        assert len(api.ok("/api/search", q="abascal")["items"]) == 1
        merged = api.post("/api/decisions/merge", {"a": "Kast", "b": "Abascal"})
        assert merged.status_code == 200 and merged.json()["name"] == "Kast"
        assert api.ok("/api/search", q="abascal")["items"][0]["name"] == "Kast"  # no stale index
        missing = api.post("/api/decisions/merge", {"a": "Kast", "b": "Nadie"})
        assert missing.status_code == 404
    finally:
        api.close()


def test_articles_added_while_serving_show_up(
    api: Api, network: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert api.ok("/api/search", q="bachelet")["items"] == []
    network.add(Doc("Bachelet visitó a Boric.", "nueva").entity("Bachelet").entity("Boric").build())
    monkeypatch.setattr(explorer, "CHECK_EVERY", 0.0)
    assert [a["name"] for a in api.ok("/api/search", q="bachelet")["items"]] == ["Bachelet"]


def test_text_search_finds_articles_with_passage_actors_and_evidence(api: Api) -> None:
    found = api.ok("/api/search/text", q="REUNIO")
    assert found["total"] == 2 and {h["doc_id"] for h in found["hits"]} == {"roma", "hostil"}
    roma = next(h for h in found["hits"] if h["doc_id"] == "roma")
    assert {a["name"] for a in roma["actors"]} == {"Meloni", "Kast"}
    (ev,) = roma["evidence"]
    assert ev["type"] == "MEETS" and {ev["source"], ev["target"]} == {"Meloni", "Kast"}  # undirected
    (start, end), text = ev["sentence"]["marks"][0], ev["sentence"]["text"]
    assert text[start:end] == "reunió"
    assert api.ok("/api/search/text", q="reunió", limit=1, offset=1)["hits"][0]["doc_id"] in {
        "roma",
        "hostil",
    }
    assert api.get("/api/search/text", q="").status_code == 422
    assert api.get("/api/search/text", q="a\x00b").status_code == 422
