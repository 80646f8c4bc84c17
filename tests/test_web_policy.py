"""The policy on every response (CSP, no framing, no sniffing), the API docs from local assets only, and
the requests the API refuses with a documented answer: a body that is not UTF-8, a day that is no day."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

import analysis_corpus
from entramado.store import Store
from entramado.web import app as web_app
from entramado.web.app import STATIC, create_app
from entramado.web.guard import CSP
from web_client import OWN, Client

needs_page = pytest.mark.skipif(
    not (STATIC / "docs.html").is_file(), reason="the page is not built: run `make install`"
)


@pytest.fixture
def api(fresh_store: Store) -> Client:
    return Client(create_app(store=analysis_corpus.fill(fresh_store), allow_edits=True))


def assert_policy(headers: object, url: str) -> None:
    got = dict(headers)  # type: ignore[call-overload]
    assert got.get("content-security-policy") == CSP, url
    assert "frame-ancestors 'none'" in CSP and "script-src 'self';" in CSP
    assert got.get("x-frame-options") == "DENY", url
    assert got.get("x-content-type-options") == "nosniff", url
    assert got.get("cross-origin-resource-policy") == "same-origin", url


@needs_page
@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/", 200),
        ("/static/index.html", 200),  # the same app as /, so the same policy
        ("/static/app.js", 200),
        ("/api/meta", 200),
        ("/api/openapi.json", 200),
        ("/api/docs", 200),
        ("/static/docs/swagger-ui-bundle.js", 200),
        ("/api/actors/999999", 404),
        ("/nowhere", 404),
        ("/static/nowhere.js", 404),
        ("/api/graph?until=0", 422),
        ("/api/export/csv", 200),
    ],
)
def test_every_response_carries_the_policy(api: Client, url: str, status: int) -> None:
    r = api.get(url)
    assert r.status_code == status, r.text[:200]
    assert_policy(r.headers, url)


def test_refusals_carry_the_policy_too(api: Client) -> None:
    foreign_host = api.get("/", headers={"host": "rebind.example:8000"})
    foreign_origin = api.post(
        "/api/decisions/merge", json={"a": "Kast", "b": "Abascal"}, headers={"origin": "null"}
    )
    assert (foreign_host.status_code, foreign_origin.status_code) == (400, 403)
    assert_policy(foreign_host.headers, "foreign host")
    assert_policy(foreign_origin.headers, "foreign origin")


class Links(HTMLParser):
    """Every URL a page loads or links to: src and href attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.inline_scripts = 0
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.urls += [v for k, v in attrs if k in ("src", "href") and v]
        if tag == "script":
            self._in_script = "src" not in found

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.inline_scripts += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False


@needs_page
def test_api_docs_load_only_local_assets_under_the_policy(api: Client) -> None:
    r = api.get("/api/docs")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    page = Links()
    page.feed(r.text)
    assert page.inline_scripts == 0  # script-src 'self' would block one
    local = [u for u in page.urls if u.startswith("/") and not u.startswith("//")]
    assert set(page.urls) - set(local) == {"data:,"}, page.urls  # the empty icon, no request at all
    assert {
        "/static/docs/swagger-ui-bundle.js",
        "/static/docs/swagger-ui.css",
        "/static/docs/docs.js",
    } <= set(local)
    for url in local:
        asset = api.get(url)
        assert asset.status_code == 200 and asset.content, url
        assert_policy(asset.headers, url)
    starter = api.get("/static/docs/docs.js").text
    assert "validatorUrl:null" in starter.replace(" ", "")  # no badge from the validator's site
    assert 'data-openapi="/api/openapi.json"' in r.text and api.get("/api/openapi.json").status_code == 200


@needs_page
def test_no_built_file_names_a_remote_origin_it_would_load() -> None:
    # The pages themselves: a CDN address in a tag would be a request to the network.
    for page in ("index.html", "docs.html"):
        text = (STATIC / page).read_text(encoding="utf-8")
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", text), page


def test_api_docs_without_a_built_page_say_how_to_build_it(
    fresh_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(web_app, "STATIC", tmp_path)
    r = Client(create_app(store=fresh_store)).get("/api/docs")
    assert r.status_code == 503 and "make install" in r.text and "/api/openapi.json" in r.text
    assert_policy(r.headers, "/api/docs unbuilt")


@pytest.mark.parametrize("body", [b'{"a": "Kast", "b": "Abasc\xe1l"}', b"\x80", b'{"a": "\xc3"}'])
def test_a_body_that_is_not_utf8_gets_a_documented_400(api: Client, body: bytes) -> None:
    r = api.post(
        "/api/decisions/merge", content=body, headers={"content-type": "application/json", "origin": OWN}
    )
    assert r.status_code == 400, r.text
    assert r.json()["detail"].startswith("the request body is not UTF-8 (byte ")
    assert r.json()["detail"].endswith("send JSON in UTF-8")
    documented = api.get("/api/openapi.json").json()["paths"]
    for route in ("/api/decisions/merge", "/api/decisions/split"):
        assert "not UTF-8" in documented[route]["post"]["responses"]["400"]["description"]


@pytest.mark.parametrize(
    "day",
    ["0", "1700000000", "20240101", "2024-01-01T00:00:00", "2024-1-1", "2024-02-30", "ayer", " 2024-01-01"],
)
@pytest.mark.parametrize("param", ["since", "until"])
def test_a_day_that_is_not_yyyy_mm_dd_is_refused(api: Client, param: str, day: str) -> None:
    r = api.get("/api/graph", params={param: day})
    assert r.status_code == 422, r.text
    (error,) = r.json()["detail"]
    assert error["loc"] == ["query", param]


def test_a_day_as_yyyy_mm_dd_is_taken(api: Client) -> None:
    spring = api.get("/api/graph", params={"since": "2024-02-01", "until": "2024-04-30"})
    assert spring.status_code == 200
    assert {n["name"] for n in spring.json()["nodes"]} == {"Kast", "Meloni", "Abascal", "Boric"}
    r = api.get("/api/graph", params={"until": "0"})
    assert r.json()["detail"][0]["msg"] == "a day is written YYYY-MM-DD, for example 2024-05-01"
