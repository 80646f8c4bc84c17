"""Local means local, in a real headless Chromium (Debian's, driven by Playwright): a page on another
origin can neither frame the explorer nor post a decision to it, a name rebound to 127.0.0.1 gets
nothing, and the API docs render with every request outside the server refused. The browser is
conftest's `browser`, whose resolver maps rebind.test to 127.0.0.1 (tests/chromium.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from starlette.types import ASGIApp, Message, Receive, Scope, Send

import analysis_corpus
from entramado.store import Store
from entramado.web.app import STATIC, create_app
from web_server import serving

# A renderer crash is the machine's, not the page's: that error alone gets another run (see pyproject).
pytestmark = pytest.mark.browser

TIMEOUT_MS = 10_000


class Recorder:
    """ASGI middleware that notes each request's method, path, Origin and the status answered."""

    def __init__(self, app: ASGIApp, seen: list[tuple[str, str, str, int]]) -> None:
        self.app, self.seen = app, seen

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def noting(message: Message) -> None:
            if message["type"] == "http.response.start":
                origin = dict(scope["headers"]).get(b"origin", b"").decode()
                self.seen.append((scope["method"], scope["path"], origin, message["status"]))
            await send(message)

        await self.app(scope, receive, noting)


server_log: list[tuple[str, str, str, int]] = []


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The explorer, editable, over the two blocs (tests/analysis_corpus.py); its base URL."""
    if not (STATIC / "docs.html").is_file():
        pytest.fail("the page is not built: run `make install` (npm ci and npm run build in frontend/)")
    url = f"sqlite:///{tmp_path_factory.mktemp('local') / 'local.db'}"
    with Store.open(url) as store:
        analysis_corpus.fill(store)
    app = create_app(url, allow_edits=True)
    app.add_middleware(Recorder, seen=server_log)
    with serving(app) as base_url:
        yield base_url


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


def other_site(page: Any, loopback_server: Any, html: str) -> None:
    """Open ``html`` as the page of another site: served from another loopback port under the
    attacker's name (Chromium refuses a public page's requests to loopback on its own, which
    would test Chromium rather than the server)."""
    loopback_server.routes["/"] = ("text/html", html.encode())
    port = loopback_server.base_url.rsplit(":", 1)[1]
    page.goto(f"http://rebind.test:{port}/")


def abascal(server: str) -> list[str]:
    found = httpx.get(f"{server}/api/search", params={"q": "abascal"}, trust_env=False).json()
    return [a["name"] for a in found["items"]]


def test_a_page_on_another_origin_cannot_frame_the_app(page: Any, server: str, loopback_server: Any) -> None:
    framed = ["/", "/static/index.html", "/api/docs"]
    answered: dict[str, int] = {}
    page.on("response", lambda r: answered.setdefault(r.url.removeprefix(server), r.status))
    frames = "".join(f'<iframe src="{server}{path}"></iframe>' for path in framed)
    other_site(page, loopback_server, f"<!DOCTYPE html><title>other</title>{frames}")
    page.wait_for_load_state("load")
    # The server did answer each frame (200): the browser refused to show it inside another site.
    assert all(answered.get(path) == 200 for path in framed), answered
    children = page.main_frame.child_frames
    assert len(children) == len(framed)
    for child in children:
        assert not child.url.startswith(server), child.url
        assert child.query_selector("#search, #swagger-ui") is None


def test_a_page_on_another_origin_cannot_post_a_decision(
    page: Any, server: str, loopback_server: Any
) -> None:
    other_site(page, loopback_server, "<!DOCTYPE html><title>other</title>")
    server_log.clear()
    # A no-cors fetch of a type-less body: no preflight, and FastAPI would read it as JSON.
    outcome = page.evaluate(
        "([url, body]) => fetch(url, {method: 'POST', mode: 'no-cors', body: new Blob([body])})"
        ".then(r => r.type, e => String(e))",
        [f"{server}/api/decisions/merge", '{"a": "Kast", "b": "Abascal"}'],
    )
    origin = page.evaluate("location.origin")
    # The request reached the server with the page's Origin and was refused; Chromium then withheld
    # even the opaque answer (Cross-Origin-Resource-Policy: same-origin).
    assert server_log == [("POST", "/api/decisions/merge", origin, 403)]
    assert outcome == "TypeError: Failed to fetch"
    assert abascal(server) == ["Abascal"]  # no merge was recorded


def test_a_name_rebound_to_this_machine_gets_nothing(page: Any, server: str) -> None:
    port = server.rsplit(":", 1)[1]
    for path in ("/", "/api/meta", "/api/export/csv"):
        r = page.goto(f"http://rebind.test:{port}{path}")
        assert r.status == 400, path
        assert "only requests addressed to 127.0.0.1, localhost or [::1]" in page.content()
    assert page.goto(f"{server}/api/meta").status == 200  # the same server, by its own name


def test_api_docs_render_with_no_network(page: Any, server: str) -> None:
    outside: list[str] = []

    def only_the_server(route: Any) -> None:
        if route.request.url.startswith(server):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_the_server)
    page.add_init_script(
        "window.__violations = [];"
        "document.addEventListener('securitypolicyviolation',"
        " e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{server}/api/docs")
    page.locator(".opblock-summary-path", has_text="/api/graph").first.wait_for()
    # every operation of the API's own OpenAPI document is drawn
    spec = page.request.get(f"{server}/api/openapi.json").json()
    operations = sum(len(methods) for methods in spec["paths"].values())
    assert operations >= 13
    assert page.locator(".opblock").count() == operations
    assert page.evaluate("window.__violations") == []
    assert outside == [] and errors == []
