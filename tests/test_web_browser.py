"""The explorer page in a real headless Chromium (Debian's, driven by Playwright): search, graph, evidence,
filters, path finder, and hostile article text that must stay text, on the served page and in a report.
The browser is conftest's `browser` (one Chromium for the session, shared with test_web_browser_local.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner

from chromium import tap_actor, watched_page
from entramado.cli import app as cli
from entramado.jobs.ingest import ingest
from entramado.store import Store
from entramado.web.app import STATIC, create_app
from web_server import serving

pytestmark = pytest.mark.browser

DATA = Path(__file__).parent / "data"
ARTIFACTS = Path(__file__).parents[1] / "test-artifacts"
TIMEOUT_MS = 10_000

# The evidence sentence of the hostile article's MEETS tie between Kast and Abascal.
HOSTILE_SENTENCE_START = "José Antonio Kast se reunió con Santiago Abascal en Madrid <script>"


@pytest.fixture(scope="session")
def explorer_db(tmp_path_factory: pytest.TempPathFactory, founding_article: Path) -> str:
    """A SQLite database of the founding Kast article (undated), the hostile one (tests/data/hostile.jsonl,
    2025-03-14: Kast meets Abascal) and one of 2024-06-01 (Milei meets Abascal)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('explorer') / 'explorer.db'}"
    # The founding article without the sidecar that dates it in examples/: these tests want it undated.
    undated = tmp_path_factory.mktemp("undated") / founding_article.name
    undated.write_bytes(founding_article.read_bytes())
    with Store.open(url) as store:
        articles = [undated, DATA / "hostile.jsonl", DATA / "dated-2024.jsonl"]
        summary = ingest([str(path) for path in articles], store)
    assert not summary.failed, summary.failed
    return url


@pytest.fixture(scope="session")
def server(explorer_db: str) -> Iterator[str]:
    """The explorer app on a free loopback port; its base URL."""
    if not (STATIC / "index.html").is_file():
        pytest.fail("the page is not built: run `make install` (npm ci and npm run build in frontend/)")
    with serving(create_app(explorer_db)) as base_url:
        yield base_url


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh Spanish-speaking page; the test fails if the page's script throws."""
    with watched_page(browser, 1400, 850, TIMEOUT_MS) as tab:
        yield tab


def actor_id(server: str, name: str) -> int:
    """The id the API gives the first actor found for ``name``."""
    answer = httpx.get(f"{server}/api/search", params={"q": name}, trust_env=False).json()
    return int(answer["items"][0]["id"])


def wait_for_graph_with(page: Any, name: str) -> None:
    """Wait until the page has started (its first graph and panel drawn) and draws an actor named ``name``."""
    page.wait_for_selector("body[data-ready=true]", state="attached")
    page.wait_for_function(
        "name => window.__cy && window.__cy.nodes().some(n => n.data('name') === name)", arg=name
    )


def tap_tie(page: Any, a: str, b: str, relation: str) -> None:
    """Tap the edge of type ``relation`` between the actors named ``a`` and ``b``, as a click would."""
    tapped = page.evaluate(
        """([a, b, relation]) => {
            const edges = window.__cy.edges().filter(e => e.data('type') === relation
                && [a, b].every(name => e.connectedNodes().some(n => n.data('name') === name)));
            edges.emit('tap');
            return edges.length;
        }""",
        [a, b, relation],
    )
    assert tapped == 1, f"{tapped} {relation} edges between {a} and {b} in the drawing"


MELONI_TO_JARA = "Giorgia Meloni — José Antonio Kast — Jeannette Jara"


def find_path(page: Any, source: str, target: str) -> None:
    """Choose both actors from the path finder's suggestions, ask, and wait for the first path."""
    for field, name in (("#path-from", source), ("#path-to", target)):
        page.fill(field, name)
        page.locator(f"{field}-list li[data-actor-id]").first.wait_for()
        page.keyboard.press("Enter")
    page.click("#path-form button[type=submit]")
    page.locator("#panel .path-actors").first.wait_for()


def assert_inert(page: Any) -> None:
    """The hostile evidence is on screen as text, and none of its markup ran or became a link."""
    evidence = page.locator("#panel .evidence blockquote", has_text="se reunió con").first
    evidence.wait_for()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    text = evidence.inner_text()
    assert "<script>window.__pwned=1</script>" in text
    assert '<img src=x onerror="window.__pwned=1">' in text
    assert [m.inner_text() for m in evidence.locator("mark").all()] == [
        "José Antonio Kast",
        "Santiago Abascal",
    ]
    panel = page.locator("#panel")
    assert panel.locator("img, script, a[href^='javascript' i]").count() == 0
    shown = panel.inner_text()
    assert "<script>window.__pwned=1</script> Kast y Abascal" in shown  # the article's title
    assert '<img src=x onerror="window.__pwned=1">Diario Hostil' in shown  # its outlet
    protocols = page.evaluate("[...document.querySelectorAll('a[href]')].map(a => a.protocol)")
    assert set(protocols) <= {"http:", "https:"}, protocols


def test_search_select_and_read_the_evidence(page: Any, server: str) -> None:
    page.goto(server + "/")
    page.fill("#search", "Kast")
    option = page.locator("#search-list li[role=option][data-actor-id]").first
    option.wait_for()
    assert option.inner_text().startswith("José Antonio Kast")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")  # the list wraps: back on the first suggestion
    page.keyboard.press("Enter")

    wait_for_graph_with(page, "Santiago Abascal")
    page.locator("#panel h2", has_text="José Antonio Kast").wait_for()
    kast = actor_id(server, "Kast")
    expected = httpx.get(f"{server}/api/graph", params={"actor": kast, "hops": 1}, trust_env=False).json()
    drawn = page.evaluate("({nodes: window.__cy.nodes().length, edges: window.__cy.edges().length})")
    assert drawn == {"nodes": len(expected["nodes"]), "edges": len(expected["edges"])}
    assert drawn["nodes"] >= 5
    assert page.evaluate(f"window.__cy.$id('n{kast}').hasClass('focus')")

    tap_tie(page, "José Antonio Kast", "Santiago Abascal", "ALLY")
    evidence = page.locator("#panel .evidence blockquote", has_text="Abascal").first
    evidence.wait_for()
    assert evidence.locator("mark", has_text="Abascal").count() >= 1
    assert "Evidencia" in page.locator("#panel h2").inner_text()  # Spanish labels from the browser's locale
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "explorer-kast.png"))


def with_article_urls(route: Any) -> None:
    """The API's tie answer, its evidence given a ``javascript:`` article URL and, as a copy, an https one.

    The reader already drops a ``javascript:`` URL when it ingests an article, so only a tampered
    answer can show that the page itself never makes such a URL a link."""
    answer = route.fetch().json()
    items = answer["evidence"]["items"]
    if items:
        items[0]["article"]["url"] = "javascript:window.__pwned=1"
        items.append(
            {**items[0], "article": {**items[0]["article"], "url": "https://example.org/kast?a=1&b=2"}}
        )
        answer["evidence"]["total"] += 1
    route.fulfill(json=answer)


def test_hostile_article_renders_as_text(page: Any, server: str) -> None:
    page.route("**/api/ties/*", with_article_urls)
    page.goto(f"{server}/#actor={actor_id(server, 'Kast')}")
    wait_for_graph_with(page, "Santiago Abascal")
    tap_tie(page, "José Antonio Kast", "Santiago Abascal", "MEETS")
    assert_inert(page)
    # the javascript: URL is shown as text, never as a link; the https one is a link that opens apart
    assert "javascript:window.__pwned=1" in page.locator("#panel .evidence .unsafe").first.inner_text()
    link = page.locator("#panel .evidence a")
    assert link.count() == 1
    assert link.get_attribute("href") == "https://example.org/kast?a=1&b=2"
    assert link.get_attribute("rel") == "noopener noreferrer"
    assert link.get_attribute("target") == "_blank"
    page.screenshot(path=str(ARTIFACTS / "explorer-hostile.png"))


def without_the_policy(route: Any) -> None:
    """The page as served, minus its Content-Security-Policy (a proxy or an old browser could drop it)."""
    response = route.fetch()
    headers = {k: v for k, v in response.headers.items() if k.lower() != "content-security-policy"}
    route.fulfill(response=response, headers=headers)


def test_hostile_article_renders_as_text_without_the_csp_too(page: Any, server: str) -> None:
    # The page's own escaping keeps the payloads inert; the policy is a second wall, not the first.
    page.route(f"{server}/", without_the_policy)
    page.route("**/api/ties/*", with_article_urls)
    response = page.goto(f"{server}/#actor={actor_id(server, 'Kast')}")
    assert response is not None and "content-security-policy" not in response.headers
    assert page.evaluate("(() => { try { return eval('1 + 1'); } catch { return 'refused'; } })()") == 2
    wait_for_graph_with(page, "Santiago Abascal")
    tap_tie(page, "José Antonio Kast", "Santiago Abascal", "MEETS")
    assert_inert(page)


def test_report_file_renders_hostile_text_inert(page: Any, explorer_db: str, tmp_path: Path) -> None:
    out = tmp_path / "red.html"
    result = CliRunner().invoke(cli, ["report", "--out", str(out), "--actor", "Kast", "--db", explorer_db])
    assert result.exit_code == 0, result.output
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(out.as_uri())
    wait_for_graph_with(page, "Santiago Abascal")
    assert page.locator("#panel h2", has_text="José Antonio Kast").count() == 1  # the report's centre
    assert page.locator("#exports").is_hidden()  # nothing to download from a file
    tap_tie(page, "José Antonio Kast", "Santiago Abascal", "MEETS")
    assert_inert(page)
    # the search and the path finder answer from the embedded data
    page.fill("#search", "abasc")
    page.locator("#search-list li[data-actor-id]", has_text="Santiago Abascal").wait_for()
    find_path(page, "Meloni", "Jeannette")
    assert page.locator("#panel .path-actors").first.inner_text() == MELONI_TO_JARA
    assert page.locator("#outlet-filter").is_hidden()  # a report's ties cannot be re-counted by outlet
    assert all(url.startswith(("file:", "data:")) for url in requests), requests  # no network at all
    page.screenshot(path=str(ARTIFACTS / "report-hostile.png"))


def test_unticking_a_relation_type_removes_its_edges(page: Any, server: str) -> None:
    page.goto(f"{server}/#actor={actor_id(server, 'Kast')}")
    wait_for_graph_with(page, "Santiago Abascal")
    count = "type => window.__cy.edges().filter(e => e.data('type') === type).length"
    assert page.evaluate(count, "ALLY") > 0
    assert page.evaluate(count, "CO_MENTION") == 0
    ids = "() => window.__cy.edges().map(e => e.id())"
    before = set(page.evaluate(ids))

    page.uncheck("input[name=types][value=ALLY]")
    page.wait_for_function(f"() => ({count})('ALLY') === 0")
    # the other ties stay, but for those of actors that only an ALLY tie linked to Kast
    after = set(page.evaluate(ids))
    assert after and after < before

    page.check("#co-mentions")
    page.wait_for_function(f"() => ({count})('CO_MENTION') > 0")

    # the export buttons download the network as filtered on screen
    href = page.locator("#export-links a", has_text="graphml").get_attribute("href")
    assert href.startswith("/api/export/graphml?")
    assert "types=MEETS" in href and "types=ALLY" not in href and "co_mentions=true" in href
    download = httpx.get(server + href, trust_env=False)
    assert download.status_code == 200
    assert b"<graphml" in download.content


def test_time_window_keeps_the_ties_with_evidence_inside_it(page: Any, server: str) -> None:
    page.goto(f"{server}/#actor={actor_id(server, 'Kast')}")
    wait_for_graph_with(page, "Javier Milei")
    # the actor panel's evidence by month: Kast's one dated tie, the hostile article's meeting
    bars = page.locator("#panel .timeline .bar")
    bars.first.wait_for()
    assert bars.count() == 1
    bars.first.click()
    assert "Santiago Abascal" in page.locator("#panel .month-detail").inner_text()

    meetings = """() => window.__cy.edges('[type = "MEETS"]')
        .map(e => e.connectedNodes().map(n => n.data('name')).sort().join(' + ')).sort()"""
    assert "Javier Milei + Santiago Abascal" in page.evaluate(meetings)

    page.uncheck("#all-dates")
    page.focus("#since")
    page.keyboard.press("End")  # the window's start moves to the last day with evidence
    assert page.locator("#since-out").inner_text() == "14 mar 2025"
    page.wait_for_function(f"() => !({meetings})().includes('Javier Milei + Santiago Abascal')")
    assert page.evaluate(meetings) == ["José Antonio Kast + Santiago Abascal"]
    # the side panel follows the window too: Abascal's ties no longer list the 2024 meeting
    tap_actor(page, "Santiago Abascal")
    page.get_by_role("heading", name="Santiago Abascal").first.wait_for()
    page.locator("#panel .tie-list li").first.wait_for()
    assert "Javier Milei" not in page.locator("#panel").inner_text()
    page.screenshot(path=str(ARTIFACTS / "explorer-window.png"))


def test_outlet_filter_keeps_the_ties_reported_by_the_ticked_outlets(page: Any, server: str) -> None:
    page.goto(f"{server}/#actor={actor_id(server, 'Kast')}")
    wait_for_graph_with(page, "Javier Milei")
    outlets = page.locator("#outlet-boxes label")
    assert outlets.count() == 2
    assert (
        '<img src=x onerror="window.__pwned=1">Diario Hostil' in page.locator("#outlet-filter").inner_text()
    )

    page.uncheck("input[name=outlets][value='Diario de Prueba']")
    page.wait_for_function("() => !window.__cy.nodes().some(n => n.data('name') === 'Javier Milei')")
    names = page.evaluate("window.__cy.nodes().map(n => n.data('name')).sort()")
    assert names == ["José Antonio Kast", "Santiago Abascal"]  # only the hostile article's meeting is left


def test_path_finder_lists_and_highlights_the_path(page: Any, server: str) -> None:
    page.goto(server + "/")
    page.locator("#panel h2").wait_for()
    find_path(page, "Meloni", "Jeannette")
    assert page.locator("#panel .path-actors").first.inner_text() == MELONI_TO_JARA
    page.wait_for_function("() => window.__cy.nodes('.on-path').length === 3")


def test_an_unknown_actor_is_a_clear_message(page: Any, server: str) -> None:
    page.goto(f"{server}/#actor=999999")
    notice = page.locator("#notice")
    notice.wait_for()
    assert "404" in notice.inner_text()


def test_language_toggle_relabels_the_page(page: Any, server: str) -> None:
    page.goto(server + "/")
    page.locator("#panel h2").wait_for()
    assert page.locator("#filters-title").inner_text() == "Filtros"
    page.click("#lang")
    assert page.locator("#filters-title").inner_text() == "Filters"
    assert page.locator("#search").get_attribute("placeholder").startswith("Search")


def test_a_saved_link_to_a_merged_away_actor_opens_the_actor_it_went_into(
    page: Any, explorer_db: str, tmp_path: Path
) -> None:
    db = tmp_path / "merged.db"
    db.write_bytes(Path(explorer_db.removeprefix("sqlite:///")).read_bytes())
    with Store.open(str(db)) as store:
        gone = store.find_actor("Giorgia Meloni").id
        kept = store.merge("Javier Milei", "Giorgia Meloni").id
    with serving(create_app(f"sqlite:///{db}")) as base_url:
        page.goto(f"{base_url}/#actor={gone}")
        page.locator("#panel h2", has_text="Javier Milei").wait_for()
        wait_for_graph_with(page, "Javier Milei")
        assert page.evaluate("location.hash") == f"#actor={kept}"
        assert page.locator("#notice").is_hidden()
