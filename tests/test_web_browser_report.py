"""The report's head and still figure in a real headless Chromium (Debian's, driven by Playwright): the
labels as the browser lays them out (``getBBox``, in its own fonts) never overlap, the head speaks the
page's language, and the explorer below still starts. The browser is conftest's `browser`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest

from builders import Doc
from chromium import watched_page
from entramado.models import RelationType
from entramado.store import Store
from entramado.web.app import STATIC
from entramado.web.report import build_report

# A renderer crash is the machine's, not the page's: that error alone gets another run (see pyproject).
pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).parents[1] / "test-artifacts"
TIMEOUT_MS = 10_000
BOXES = """() => [...document.querySelectorAll('svg.report-figure text.label')].map(t => {
    const b = t.getBBox();
    return {x: b.x, y: b.y, w: b.width, h: b.height, text: t.textContent};
})"""


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A Spanish-speaking page at the browser tests' desktop size; the test fails if the script throws."""
    with watched_page(browser, 1400, 900, TIMEOUT_MS) as tab:
        yield tab


@pytest.fixture
def crowd(tmp_path: Path) -> Path:
    """The report of a crowd: one hub allied with sixty actors with long names, in one article."""
    if not (STATIC / "index.html").is_file():
        pytest.fail("the page is not built: run `make install` (npm ci and npm run build in frontend/)")
    names = [f"Organización Regional Número {i} de Ejemplo" for i in range(60)]
    doc = Doc(" ".join(f"Kast es aliado de {n}." for n in names), "multitud").entity("Kast")
    for n in names:
        doc.entity(n).relation("Kast", RelationType.ALLY, n, 0.6)
    out = tmp_path / "multitud.html"
    with Store.open(str(tmp_path / "multitud.db")) as store:
        store.add(doc.build())
        build_report(store, out, actor="Kast", hops=1)
    return out


def overlapping(boxes: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [
        (a["text"], b["text"])
        for a, b in combinations(boxes, 2)
        if a["x"] < b["x"] + b["w"]
        and b["x"] < a["x"] + a["w"]
        and a["y"] < b["y"] + b["h"]
        and b["y"] < a["y"] + a["h"]
    ]


def test_the_browser_draws_the_figures_labels_without_overlap(page: Any, crowd: Path) -> None:
    page.goto(crowd.as_uri())
    page.wait_for_selector("body[data-ready=true]", state="attached")
    boxes = page.evaluate(BOXES)
    assert len(boxes) > 40 and "Kast" in {b["text"] for b in boxes}
    assert all(b["w"] > 0 and b["h"] > 0 for b in boxes)
    assert overlapping(boxes) == []
    # The head comes first, on screen as the page opens, in Spanish.
    assert page.locator("#report-head").bounding_box()["y"] == 0
    assert page.locator("#report-head h1").inner_text() == "Red de Kast"
    assert page.locator("#report-head h2 [lang=es]").is_visible()
    assert page.locator("#report-head h2 [lang=en]").is_hidden()
    page.screenshot(path=str(ARTIFACTS / "report-head.png"))


def test_the_head_follows_the_language_switch_and_the_explorer_still_works(page: Any, crowd: Path) -> None:
    page.goto(crowd.as_uri())
    page.wait_for_selector("body[data-ready=true]", state="attached")
    page.click("#lang")
    page.wait_for_function("document.documentElement.lang === 'en'")
    assert page.locator("#report-head h2 [lang=en]").is_visible()
    assert page.locator("#report-head h2 [lang=es]").is_hidden()
    caption = page.locator(".report-figure-box figcaption [lang=en]").inner_text()
    assert re.match(r"\d+ of 61 actors labelled, the most central first, none overlapping", caption), caption
    # The explorer below holds the embedded network, and the page scrolls down to it.
    assert page.evaluate("window.__cy.nodes().length") == 61
    page.locator("#graph").scroll_into_view_if_needed()
    assert page.locator("#graph").is_visible()
    box = page.locator("#graph").bounding_box()
    assert box["height"] > 400  # the explorer keeps (nearly) the window's height below the head
