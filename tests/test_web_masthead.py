"""The report opens with what it is (title, date made, database, filters, counts), and its still
figure's labels do not overlap: both read back from the written HTML."""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser
from itertools import combinations
from pathlib import Path

import pytest
from typer.testing import CliRunner

import analysis_corpus
from builders import Doc
from entramado.cli import app
from entramado.models import RelationType
from entramado.store import Store
from entramado.store.reads.graph import GraphFilter
from entramado.web import report as report_module
from entramado.web.labels import BASELINE, GAP, LINE
from entramado.web.report import build_report

pytestmark = pytest.mark.skipif(
    not (report_module.STATIC / "index.html").is_file(),
    reason="the explorer page is not built (make install builds it with npm)",
)
HOSTILE = '<img src=x onerror="window.__pwned=1">'
MADE = dt.datetime(2026, 11, 30, 8, 15, 0, tzinfo=dt.UTC)


class Page(HTMLParser):
    """The facts (``data-field`` → ``data-value``) and the figure's labels and viewBox of a report."""

    def __init__(self) -> None:
        super().__init__()
        self.facts: dict[str, str] = {}
        self.labels: list[dict[str, str]] = []
        self.view: list[float] = []
        self.font = 0.0
        self._label: dict[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "data-field" in a:
            self.facts[a["data-field"]] = a["data-value"]
        if tag == "svg" and a.get("class") == "report-figure":
            self.view = [float(v) for v in a["viewbox"].split()]
            self.font = float(a["font-size"])
        if tag == "text" and a.get("class") == "label":
            self._label = a | {"text": ""}

    def handle_data(self, data: str) -> None:
        if self._label is not None:
            self._label["text"] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "text" and self._label is not None:
            self.labels.append(self._label)
            self._label = None


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def boxes(page: Page) -> list[tuple[float, float, float, float]]:
    """Each label's box from what the SVG states: where its text starts, its baseline, its forced width."""
    found = []
    for label in page.labels:
        x, y, w = float(label["x"]), float(label["y"]), float(label["textlength"])
        top = y - BASELINE * page.font
        found.append((x, top, x + w, top + LINE * page.font))
    return found


def apart(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return (
        a[2] + GAP <= b[0] + 1e-6
        or b[2] + GAP <= a[0] + 1e-6
        or a[3] + GAP <= b[1] + 1e-6
        or b[3] + GAP <= a[1] + 1e-6
    )


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "report.db")
    with Store.open(path) as store:
        analysis_corpus.fill(store)
    return path


def test_the_report_opens_with_its_title_date_database_filters_and_counts(db: str, tmp_path: Path) -> None:
    out = tmp_path / "red.html"
    flt = GraphFilter.of(
        since=dt.date(2024, 1, 1), until=dt.date(2024, 12, 31), types=[RelationType.ALLY, RelationType.MEETS],
        min_confidence=0.5, outlets=["La Gaceta", "El Diario"],
    )  # fmt: skip
    with Store.open(db) as store:
        result = build_report(store, out, actor="Kast", hops=2, max_nodes=40, flt=flt, made=MADE)
    facts = parse(out).facts
    assert facts["title"] == "Red de Kast"
    assert facts["made"] == "2026-11-30T08:15:00+00:00"
    assert facts["database"] == db
    assert (facts["actor"], facts["hops"], facts["max-nodes"]) == ("Kast", "2", "40")
    assert (facts["since"], facts["until"]) == ("2024-01-01", "2024-12-31")
    assert facts["types"] == "ALLY, MEETS" and facts["co-mentions"] == "false"
    assert (facts["min-confidence"], facts["min-evidence"]) == ("0.5", "1")
    assert facts["outlets"] == "El Diario, La Gaceta" and facts["actor-types"] == ""
    assert (int(facts["actors"]), int(facts["ties"])) == (result.actors, result.ties) == (6, 8)
    # Kast, his three allies and Meloni (who meets him), then Boric (whom Meloni meets): two hops.
    # The articles behind the ties, counted from the evidence the report itself embeds (all of it here).
    data = json.loads(
        re.search(r'id="entramado-data">(.*?)</script>', out.read_text(encoding="utf-8"), re.S)[1]
    )  # type: ignore[index]
    cited = {ev["article"]["doc_id"] for t in data["ties"].values() for ev in t["evidence"]["items"]}
    assert int(facts["articles"]) == result.articles == len(cited) == 4
    assert int(facts["evidence"]) == sum(t["evidence"]["total"] for t in data["ties"].values())


def test_a_report_of_the_strongest_actors_says_so_and_names_no_filter(db: str, tmp_path: Path) -> None:
    out = tmp_path / "todo.html"
    with Store.open(db) as store:
        build_report(store, out, max_nodes=5)
    facts = parse(out).facts
    assert facts["title"] == "Red de actores" and facts["actor"] == "" and facts["hops"] == ""
    assert all(facts[f] == "" for f in ("since", "until", "types", "actor-types", "outlets"))
    assert facts["actors"] == "5" and dt.datetime.fromisoformat(facts["made"]).tzinfo is not None
    html = out.read_text(encoding="utf-8")
    assert '5 <span lang="es">de 9</span><span lang="en">of 9</span>' in html  # 5 of the 9 drawn


def test_no_two_labels_of_the_figure_overlap_and_the_strongest_are_named(
    tmp_path: Path, fresh_store: Store
) -> None:
    # A crowd: one hub allied with sixty actors with long names, all in one article.
    names = [f"Organización Regional Número {i} de Ejemplo" for i in range(60)]
    doc = Doc(" ".join(f"Kast es aliado de {n}." for n in names), "multitud").entity("Kast")
    for n in names:
        doc.entity(n).relation("Kast", RelationType.ALLY, n, 0.6)
    fresh_store.add(doc.build())
    out = tmp_path / "multitud.html"
    result = build_report(fresh_store, out, actor="Kast", hops=1, made=MADE)
    page = parse(out)
    found = boxes(page)
    assert len(found) == result.labelled and 0 < result.labelled <= 61
    assert all(apart(a, b) for a, b in combinations(found, 2))
    left, top, width, height = page.view
    assert all(left <= b[0] and top <= b[1] and b[2] <= left + width and b[3] <= top + height for b in found)
    assert "Kast" in {lb["text"] for lb in page.labels}  # the centre is named first


def test_the_head_keeps_hostile_names_as_text(db: str, tmp_path: Path) -> None:
    out = tmp_path / "hostil.html"
    with Store.open(db) as store:
        store.add(
            Doc(f"Kast y {HOSTILE} son aliados.", "evil")
            .entity("Kast")
            .entity(HOSTILE)
            .relation("Kast", RelationType.ALLY, HOSTILE, 0.9)
            .build()
        )
        build_report(store, out, actor="Kast", hops=1, title=HOSTILE)
    html = out.read_text(encoding="utf-8")
    assert HOSTILE not in html and "&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;" in html
    assert parse(out).facts["title"] == HOSTILE


def test_the_report_command_says_how_many_actors_the_figure_names(db: str, tmp_path: Path) -> None:
    out = tmp_path / "red.html"
    result = CliRunner().invoke(app, ["report", "--out", str(out), "--db", db])
    assert result.exit_code == 0, result.output
    assert (
        "9 actors, 14 ties from 5 articles" in result.output and "the figure names every one" in result.output
    )


def test_an_empty_report_still_says_what_it_is_and_draws_no_figure(db: str, tmp_path: Path) -> None:
    out = tmp_path / "vacio.html"
    args = ["report", "--out", str(out), "--db", db, "--type", "FAMILY"]  # no FAMILY tie in it
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "0 actors, 0 ties from 0 articles" in result.output and "figure" not in result.output
    page = parse(out)
    assert page.facts["types"] == "FAMILY" and page.facts["actors"] == "0"
    assert page.labels == [] and page.view == []
