"""The explorer as a reader meets it, at 1400×900 and at 390×844, in a real headless Chromium: labels on the
strongest actors when zoomed out, the path finder and export on the first screen, a layout for a phone,
one entry per outlet however spelt, lists that say when they stop, full-text search, blocs and their
oppositions. Screenshots go to test-artifacts/."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from builders import Doc
from chromium import tap_actor, watched_page
from entramado.models import RelationType
from entramado.store import Store
from entramado.web.app import STATIC, create_app
from web_server import serving

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).parents[1] / "test-artifacts"
TIMEOUT_MS = 10_000
WIDE, NARROW = (1400, 900), (390, 844)

# Thirteen blocs of eight: a leader allied with seven members, one article per bloc, its outlet one of
# five spellings of two outlets. Leaders oppose: the first the next four, every other one the next.
FIRST = ["Ana", "Bruno", "Carla", "Diego", "Elena", "Fermín", "Gloria", "Héctor"]
LAST = ["Rojas", "Soto", "Vidal", "Prieto", "Campos", "Ibarra", "Luján", "Mora", "Nieto", "Ochoa",
        "Peralta", "Quiroga", "Salinas"]  # fmt: skip
SPELLINGS = ["El País", "El país", "EL PAIS ", "Diario Uno", "diario uno"]
BLOCS = len(LAST)


def bloc_members(k: int) -> list[str]:
    return [f"{first} {LAST[k]}" for first in FIRST]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not (STATIC / "index.html").is_file():
        pytest.fail("the page is not built: run `make install` (npm ci and npm run build in frontend/)")
    url = f"sqlite:///{tmp_path_factory.mktemp('blocs') / 'blocs.db'}"
    day = date(2024, 1, 1)
    with Store.open(url) as store:
        for k in range(BLOCS):
            leader, *members = bloc_members(k)
            text = " ".join(f"{leader} y {m} son aliados en la campaña." for m in members)
            doc = Doc(text, f"bloc-{k}", published=day + timedelta(days=k), outlet=SPELLINGS[k % 5])
            doc.entity(leader)
            for m in members:
                doc.entity(m).relation(leader, RelationType.ALLY, m, 0.8)
            store.add(doc.build())
        rivals = [(0, j) for j in range(1, 5)] + [(k, k + 1) for k in range(4, BLOCS - 1)]
        for i, j in rivals:
            a, b = bloc_members(i)[0], bloc_members(j)[0]
            text = f"{a} se opone a {b} en el debate."
            doc = Doc(text, f"debate-{i}-{j}", published=day, outlet="Diario Uno")
            store.add(doc.entity(a).entity(b).relation(a, RelationType.OPPOSES, b, 0.7).build())
    with serving(create_app(url)) as base_url:
        yield base_url


@pytest.fixture(params=[WIDE, NARROW], ids=["1400x900", "390x844"])
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    width, height = request.param
    with watched_page(browser, width, height, TIMEOUT_MS) as tab:
        yield tab


def size(page: Any) -> str:
    return "{width}x{height}".format(**page.viewport_size)


def narrow(page: Any) -> bool:
    return bool(page.viewport_size["width"] < 700)


def ready(page: Any, server: str, hash: str = "") -> None:
    page.goto(f"{server}/{hash}")
    page.wait_for_selector("body[data-ready=true]", state="attached")
    page.wait_for_function("() => window.__cy && window.__cy.nodes().length > 0")


def in_viewport(page: Any, selector: str) -> bool:
    """Whether the element is wholly on the first screen (no scrolling) and drawn."""
    box = page.locator(selector).first.bounding_box()
    view = page.viewport_size
    return bool(
        box and box["x"] >= 0 and box["y"] >= 0
        and box["x"] + box["width"] <= view["width"] and box["y"] + box["height"] <= view["height"]
    )  # fmt: skip


LABELS = """() => {
    const cy = window.__cy, zoom = cy.zoom();
    const shown = cy.nodes().filter(n => n.data('label') && n.data('fs') * zoom >= 11);
    const labelOnly = {includeNodes: false, includeEdges: false, includeLabels: true};
    const boxes = shown.map(n => n.renderedBoundingBox(labelOnly));
    let overlaps = 0;
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i], b = boxes[j];
        if (a.x1 + 2 < b.x2 && b.x1 + 2 < a.x2 && a.y1 + 2 < b.y2 && b.y1 + 2 < a.y2) overlaps++;
    }
    const strongest = cy.nodes().max(n => n.data('pagerank')).ele;
    return {names: shown.map(n => n.data('name')), overlaps, strongest: strongest.data('name'),
            total: cy.nodes().length};
}"""


def test_labels_name_the_strongest_actors_zoomed_out_and_any_actor_on_hover(page: Any, server: str) -> None:
    ready(page, server)
    page.wait_for_function("() => window.__cy.nodes().some(n => n.data('label'))")
    out = page.evaluate(LABELS)
    assert out["total"] == BLOCS * len(FIRST)
    assert page.evaluate("window.__cy.zoom()") < 0.6  # zoomed out: the old 11 px labels were all hidden
    assert out["strongest"] in out["names"]
    assert len(out["names"]) >= (6 if narrow(page) else 10), out
    assert out["overlaps"] == 0, out
    leaders = {bloc_members(k)[0] for k in range(BLOCS)}
    assert len(leaders & set(out["names"])) >= (4 if narrow(page) else 8), out  # the strongest ones

    # the pointer on an unlabelled actor (the one farthest from any named one, so no other covers it)
    # shows its name
    spot = page.evaluate(
        """() => { const cy = window.__cy, named = cy.nodes('.labelled').map(n => n.renderedPosition());
                   const far = n => { const p = n.renderedPosition();
                       return Math.min(...named.map(q => Math.hypot(p.x - q.x, p.y - q.y))); };
                   const n = cy.nodes().filter(n => !n.data('label')).max(far).ele;
                   const p = n.renderedPosition(); return {name: n.data('name'), x: p.x, y: p.y}; }"""
    )
    graph = page.locator("#graph").bounding_box()
    page.mouse.move(graph["x"] + spot["x"], graph["y"] + spot["y"])
    page.wait_for_function(
        "name => window.__cy.nodes().some(n => n.data('name') === name && n.data('label') === name)",
        arg=spot["name"],
    )
    page.mouse.move(graph["x"] + 2, graph["y"] + 2)
    page.screenshot(path=str(ARTIFACTS / f"explorer-{size(page)}.png"))

    # zoomed in, the smaller actors in view get their names, still readable and apart
    page.evaluate(
        """() => { const cy = window.__cy, n = cy.nodes().max(n => n.data('pagerank')).ele;
                   cy.zoom({level: 2.5, position: n.position()}); }"""
    )
    page.wait_for_function("() => window.__cy.zoom() > 2")
    page.wait_for_timeout(100)  # one animation frame: the labels follow the viewport
    zoomed = page.evaluate(LABELS)
    assert set(zoomed["names"]) - set(out["names"]), "zooming in named no new actor"
    assert zoomed["overlaps"] == 0, zoomed


def test_the_path_finder_and_export_are_on_the_first_screen(page: Any, server: str) -> None:
    ready(page, server)
    if narrow(page):  # a phone: the tools are a drawer, one tap away
        assert not in_viewport(page, "#path-form button[type=submit]")
        assert in_viewport(page, "#tools-toggle")
        page.click("#tools-toggle")
        page.wait_for_timeout(300)  # the drawer slides in
    for selector in ("#path-from", "#path-to", "#path-form button[type=submit]", "#export-links a >> nth=-1"):
        assert in_viewport(page, selector), selector
    assert page.evaluate("window.scrollY + document.getElementById('tools').scrollTop") == 0
    page.screenshot(path=str(ARTIFACTS / f"explorer-tools-{size(page)}.png"))

    a, b = bloc_members(0)[3], bloc_members(1)[5]
    for field, name in (("#path-from", a), ("#path-to", b)):
        page.fill(field, name)
        page.locator(f"{field}-list li[data-actor-id]").first.wait_for()
        page.keyboard.press("Enter")
    page.click("#path-form button[type=submit]")
    first = page.locator("#panel .path-actors").first
    first.wait_for()
    assert first.inner_text() == f"{a} — {bloc_members(0)[0]} — {bloc_members(1)[0]} — {b}"
    if narrow(page):
        assert page.evaluate("document.body.classList.contains('tools-open')") is False  # back to the graph
    href = page.locator("#export-links a", has_text="gexf").get_attribute("href")
    assert httpx.get(server + href, trust_env=False).status_code == 200


def test_a_phone_shows_the_graph_then_the_panel_without_sideways_scrolling(page: Any, server: str) -> None:
    ready(page, server)
    view = page.viewport_size
    assert page.evaluate("document.documentElement.scrollWidth") <= view["width"]
    graph = page.locator("#graph").bounding_box()
    assert graph["width"] >= view["width"] - 30 if narrow(page) else graph["width"] >= 700
    assert graph["height"] >= 300 and graph["y"] + graph["height"] <= view["height"]
    assert in_viewport(page, "#search") and in_viewport(page, "#text-search")
    panel = page.locator("#panel").bounding_box()
    if narrow(page):
        assert panel["y"] >= graph["y"] + graph["height"] - 1  # stacked below the graph
        assert panel["y"] < view["height"]  # and its start on the first screen
    # tapping an actor opens it in the panel
    name = bloc_members(2)[0]
    tap_actor(page, name)
    heading = page.locator("#panel h2", has_text=name)
    heading.wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= view["width"]
    page.screenshot(path=str(ARTIFACTS / f"explorer-actor-{size(page)}.png"), full_page=True)


def test_each_outlet_is_listed_once_and_keeps_all_its_spellings(page: Any, server: str) -> None:
    ready(page, server)
    if narrow(page):
        page.click("#tools-toggle")
    boxes = page.locator("#outlet-boxes input[name=outlets]")
    assert [boxes.nth(i).get_attribute("value") for i in range(boxes.count())] == ["Diario Uno", "El País"]
    page.uncheck("input[name=outlets][value='Diario Uno']")
    # only the blocs whose article the three spellings of El País published: 0, 1, 2, 5, 6, 7, 10, 11, 12
    kept = [k for k in range(BLOCS) if SPELLINGS[k % 5].strip().lower().startswith("el pa")]
    expected = sorted(name for k in kept for name in bloc_members(k))
    page.wait_for_function(f"() => window.__cy.nodes().length === {len(expected)}")
    assert sorted(page.evaluate("window.__cy.nodes().map(n => n.data('name'))")) == expected


def test_truncated_lists_say_so_and_offer_more(page: Any, server: str) -> None:
    ready(page, server)
    top = page.locator("#panel .top-actors li")
    top.first.wait_for()
    assert top.count() == 10
    assert page.locator("#panel .shown-count").first.inner_text() == "Mostrando 10 de 104"
    page.locator("#panel .show-more").first.click()
    assert top.count() == 20
    assert page.locator("#panel .shown-count").first.inner_text() == "Mostrando 20 de 104"

    page.fill("#search", "a")  # every Ana, and Ochoa…: more than ten
    total = httpx.get(f"{server}/api/search", params={"q": "a"}, trust_env=False).json()["total"]
    assert total > 10
    more = page.locator("#search-list li.more")
    more.wait_for()
    assert more.inner_text().startswith(f"10 de {total} actores")
    more.locator("button").dispatch_event("mousedown")
    listed = "() => document.querySelectorAll('#search-list li[data-actor-id]').length"
    page.wait_for_function(f"() => ({listed})() === {min(total, 50)}")


def test_text_search_lists_articles_and_focuses_an_actor_named(page: Any, server: str) -> None:
    ready(page, server)
    page.fill("#text-search", "campana")  # accents aside: "campaña"
    page.press("#text-search", "Enter")
    hits = page.locator("#panel .hit")
    hits.first.wait_for()
    assert hits.count() == 10
    assert page.locator("#panel .text-count").inner_text() == f"{BLOCS} artículos coinciden"
    assert page.locator("#panel .shown-count").inner_text() == f"Mostrando 10 de {BLOCS}"
    assert hits.first.locator(".snippet mark").first.inner_text().lower() == "campaña"
    page.locator("#panel .show-more").click()
    page.wait_for_function(f"() => document.querySelectorAll('#panel .hit').length === {BLOCS}")
    assert page.locator("#panel .shown-count").count() == 0  # the whole list: nothing more to say
    page.screenshot(path=str(ARTIFACTS / f"explorer-search-{size(page)}.png"), full_page=narrow(page))

    button = page.locator("#panel .hit .named button").first
    name = button.inner_text()
    button.click()
    page.locator("#panel h2", has_text=name).wait_for()
    page.wait_for_function(
        "name => window.__cy.nodes('.focus').map(n => n.data('name')).join() === name", arg=name
    )


def test_the_blocs_panel_lists_leaders_sizes_and_oppositions(page: Any, server: str) -> None:
    ready(page, server)
    page.click("#blocs-open")
    blocs = page.locator("#panel .bloc-item")
    blocs.first.wait_for()
    assert blocs.count() == 10
    assert page.locator("#panel .shown-box .shown-count").last.inner_text() == f"Mostrando 10 de {BLOCS}"
    answer = httpx.get(f"{server}/api/blocs", trust_env=False).json()
    first = answer["blocs"][0]
    head = blocs.first.locator(".bloc-head").inner_text()
    assert f"Bloque {first['number']}" in head and "8 actores" in head and first["members"][0]["name"] in head
    # the first leader opposes four blocs: three listed, then "show more"
    ana = next(b for b in answer["blocs"] if b["members"][0]["name"] == bloc_members(0)[0])
    item = page.locator(f"#panel .bloc-item[data-bloc='{ana['number']}']")
    if not item.count():
        page.locator("#panel > .shown-box .show-more, #panel .shown-box .show-more").last.click()
    rivals = item.locator(".opposes li")
    assert rivals.count() == 3
    assert item.locator(".opposes + .shown-box .shown-count").inner_text() == "Mostrando 3 de 4"
    item.locator(".opposes + .shown-box .show-more").click()
    assert rivals.count() == 4
    for rival in ana["opposes"]:
        assert f"bloque {rival['bloc']} ({rival['leader']}) · 1 lazo" in item.inner_text()
    # members: six named of eight, and the rest on demand
    assert item.locator(".bloc-members .shown-count").inner_text() == "Mostrando 6 de 8"
    item.locator(".bloc-members .show-more").click()
    members = f"#panel .bloc-item[data-bloc='{ana['number']}'] .bloc-members button"
    page.wait_for_function(f"sel => document.querySelectorAll(sel).length === {len(FIRST) - 1}", arg=members)
    page.screenshot(path=str(ARTIFACTS / f"explorer-blocs-{size(page)}.png"), full_page=narrow(page))
    item.locator(".leader").click()
    page.locator("#panel h2", has_text=bloc_members(0)[0]).wait_for()
