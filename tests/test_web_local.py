"""Local means local: the explorer answers only requests addressed to its own name (no DNS rebinding),
takes decisions only from its own page (no CSRF), and `serve` knows every 127.x address is loopback."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from typer.testing import CliRunner

import analysis_corpus
from entramado.cli import app as cli
from entramado.store import Store
from entramado.web.app import create_app
from entramado.web.guard import LocalOnly, is_loopback
from web_client import OWN, Client

MERGE = {"a": "Kast", "b": "Abascal"}


@pytest.fixture
def network(fresh_store: Store) -> Store:
    return analysis_corpus.fill(fresh_store)


def client(app: FastAPI, base_url: str = OWN) -> Client:
    return Client(app, base_url)


def names(api: Client) -> list[str]:
    found = api.get("/api/search", params={"q": "abascal"})
    assert found.status_code == 200, found.text
    return [a["name"] for a in found.json()["items"]]


@pytest.mark.parametrize(
    "host",
    [
        "rebind.example:8000",  # a page's own name that its DNS later points at 127.0.0.1
        "127.0.0.1.rebind.example",
        "127.0.0.2:8000",  # another loopback address is not the one this server was started on
        "localhost.",
        "user@127.0.0.1:8000",
        "",
    ],
)
@pytest.mark.parametrize("url", ["/", "/static/index.html", "/api/meta", "/api/docs", "/api/openapi.json"])
def test_a_request_addressed_to_another_name_gets_400(network: Store, url: str, host: str) -> None:
    r = client(create_app(store=network)).get(url, headers={"host": host})
    assert r.status_code == 400
    detail = r.json()["detail"]
    assert detail.startswith("this server answers only requests addressed to 127.0.0.1, localhost or [::1]")
    assert repr(host) in detail and "--host" in detail


def test_a_request_without_a_host_gets_400(fresh_store: Store) -> None:
    refusal = LocalOnly(create_app(store=fresh_store)).refusal({"method": "GET", "headers": []})
    assert refusal is not None and refusal.status_code == 400
    assert b"not to ''" in refusal.body


@pytest.mark.parametrize(
    ("host", "answered", "refused"),
    [
        ("127.0.0.1", ["127.0.0.1:8000", "localhost:8000", "LOCALHOST", "[::1]:8000", "127.0.0.1"], []),
        ("127.0.0.2", ["127.0.0.2:8000", "localhost:8000"], ["127.0.0.3:8000"]),
        ("::1", ["[0:0:0:0:0:0:0:1]:8000", "[::1]"], ["[::2]:8000"]),
        ("192.168.1.5", ["192.168.1.5:8000", "127.0.0.1:8000"], ["192.168.1.6:8000", "mybox.lan:8000"]),
        ("mybox.lan", ["MyBox.lan:8000"], ["192.168.1.5:8000"]),
        ("0.0.0.0", ["localhost:8000"], ["192.168.1.5:8000"]),  # every interface names no address
    ],
)
def test_the_names_answered_are_the_loopback_ones_and_what_host_names(
    network: Store, host: str, answered: list[str], refused: list[str]
) -> None:
    api = client(create_app(store=network, host=host))
    for name in answered:
        assert api.get("/api/meta", headers={"host": name}).status_code == 200, name
    for name in refused:
        assert api.get("/api/meta", headers={"host": name}).status_code == 400, name


@pytest.mark.parametrize("allow_edits", [True, False])
@pytest.mark.parametrize(
    "headers",
    [
        {"origin": "http://rebind.example:8000"},
        {"origin": "http://localhost:8000"},  # another origin, though a loopback one
        {"origin": "http://127.0.0.1:9999"},
        {"origin": "https://127.0.0.1:8000"},
        {"origin": "null"},  # a sandboxed frame or a file: page
        {"sec-fetch-site": "cross-site"},  # a browser that left Origin out
    ],
)
def test_a_decision_from_a_page_on_another_origin_gets_403_and_changes_nothing(
    network: Store, headers: dict[str, str], allow_edits: bool
) -> None:
    api = client(create_app(store=network, allow_edits=allow_edits))
    for route in ("/api/decisions/merge", "/api/decisions/split"):
        body = MERGE if route.endswith("merge") else {"actor": "Kast", "alias": "Kast"}
        r = api.post(route, json=body, headers=headers)
        assert r.status_code == 403, r.text
        detail = r.json()["detail"]
        assert detail.startswith("refused: a page on ") and f"only its own page ({OWN}) can" in detail
    assert names(api) == ["Abascal"]


def test_a_decision_from_the_servers_own_page_or_a_script_is_recorded(network: Store) -> None:
    api = client(create_app(store=network, allow_edits=True))
    page = {"origin": OWN, "sec-fetch-site": "same-origin", **api.edit_headers()}
    assert api.post("/api/decisions/merge", json=MERGE, headers=page).status_code == 200
    assert names(api) == ["Kast"]
    # curl or a script sends no Origin: it is no page of another site (the Host check still applies)
    split = {"actor": "Kast", "alias": "Abascal"}
    r = api.post("/api/decisions/split", json=split, headers=api.edit_headers())
    assert r.status_code == 200, r.text
    assert names(api) == ["Abascal"]


def test_a_read_only_server_still_says_so_to_its_own_page(network: Store) -> None:
    api = client(create_app(store=network))
    assert api.get("/api/meta").json()["edit_token"] is None  # nothing to hand out
    for headers in ({"origin": OWN}, {"origin": OWN, "x-entramado-token": "anything"}):
        r = api.post("/api/decisions/merge", json=MERGE, headers=headers)
        assert r.status_code == 403 and "--allow-edits" in r.json()["detail"]


DECISIONS = {
    "/api/decisions/merge": MERGE,
    "/api/decisions/not-same": MERGE,
    "/api/decisions/split": {"actor": "Kast", "alias": "Abascal"},
    "/api/decisions/confirm": {"a": "Kast", "type": "ALLY", "b": "Abascal"},
    "/api/decisions/block": {"name": "Kast"},
    "/api/decisions/undo": {"number": 1},
}


def test_a_decision_without_this_sessions_token_gets_403_and_changes_nothing(network: Store) -> None:
    api = client(create_app(store=network, allow_edits=True))
    other = client(create_app(store=network, allow_edits=True))  # another start: another token
    token = api.edit_headers()["X-Entramado-Token"]
    assert len(token) >= 32 and token != other.edit_headers()["X-Entramado-Token"]
    wrong = [{}, {"x-entramado-token": ""}, {"x-entramado-token": token[:-1]}, other.edit_headers()]
    for route, body in DECISIONS.items():
        for headers in wrong:
            r = api.post(route, json=body, headers={"origin": OWN, **headers})
            assert r.status_code == 403, (route, headers, r.text)
            assert "X-Entramado-Token" in r.json()["detail"] and "/api/meta" in r.json()["detail"]
    assert network.decisions() == [] and names(api) == ["Abascal"]
    r = api.post("/api/decisions/merge", json=MERGE, headers={"origin": OWN, **api.edit_headers()})
    assert r.status_code == 200 and r.json()["name"] == "Kast"


def test_declining_a_suggested_merge_records_not_same(network: Store) -> None:
    api = client(create_app(store=network, allow_edits=True))
    r = api.post("/api/decisions/not-same", json={**MERGE, "note": "homónimos"}, headers=api.edit_headers())
    assert r.status_code == 200, r.text
    assert (r.json()["kind"], r.json()["note"]) == ("not_same", "homónimos")
    assert [d.kind for d in network.decisions()] == ["not_same"]
    pairs = [{s["keep"], s["other"]} for s in api.get("/api/suggest-merges").json()]
    assert {"Kast", "Abascal"} not in pairs and names(api) == ["Abascal"]  # still two actors


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.0.0.2", True),
        ("127.255.255.254", True),
        ("localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("192.168.1.5", False),
        ("128.0.0.1", False),
        ("localhost.example", False),
    ],
)
def test_every_127_address_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Any]]:
    """What `serve` passed to uvicorn, which is not started."""
    seen: dict[str, Any] = {}

    def run(app: FastAPI, host: str, port: int, **_: Any) -> None:
        seen.update(app=app, host=host, port=port)

    monkeypatch.setattr(uvicorn, "run", run)
    yield seen


@pytest.mark.parametrize("host", ["127.0.0.2", "localhost", "::1"])
def test_serve_on_any_loopback_address_does_not_warn_and_answers_that_address(
    served: dict[str, Any], network: Store, host: str, tmp_path: Any
) -> None:
    db = str(tmp_path / "test.db")
    result = CliRunner().invoke(cli, ["serve", "--db", db, "--host", host, "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert "anyone who can reach this machine" not in result.output
    shown = f"[{host}]" if ":" in host else host
    assert f"entramado explorer on http://{shown}:8123/" in result.output
    assert served["host"] == host
    api = client(served["app"], f"http://{shown}:8123")
    assert api.get("/api/meta").status_code == 200
    assert api.get("/api/meta", headers={"host": "rebind.example:8123"}).status_code == 400


def test_serve_on_every_interface_warns_and_says_which_names_it_answers(
    served: dict[str, Any], network: Store, tmp_path: Any
) -> None:
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "test.db"), "--host", "0.0.0.0"])
    assert result.exit_code == 0, result.output
    output = " ".join(result.output.split())
    assert "listening on 0.0.0.0: anyone who can reach this machine can read the database" in output
    assert "any other name than a loopback one are refused (400)" in output and "--host" in output
