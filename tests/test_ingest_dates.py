"""Dates that make sense: implausible evidence dates dropped and counted, --date, the explorer's range."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from typer.testing import CliRunner

from builders import Doc
from entramado.annotate.dates import plausible
from entramado.cli import app
from entramado.config import Settings
from entramado.jobs.ingest import ingest
from entramado.models import RelationType
from entramado.read.count import count_articles
from entramado.store import Store

EXAMPLES = Path(__file__).parents[1] / "examples"
TEXT = (
    "Kast y Meloni\n\n"
    "José Antonio Kast se reunió este domingo con Javier Milei en Buenos Aires.\n\n"
    "José Antonio Kast se reunió con Giorgia Meloni en Roma en 2031.\n"
)


def test_the_plausible_window() -> None:
    published = dt.date(2025, 11, 17)
    assert not plausible(dt.date(1899, 12, 31), published)
    assert plausible(dt.date(1900, 1, 1), published)
    assert plausible(published, published)
    assert not plausible(dt.date(2025, 11, 18), published)  # announced, not yet a tie
    assert plausible(dt.date(2030, 1, 1), None, today=dt.date(2030, 6, 1))  # undated: up to today
    assert not plausible(dt.date(2030, 1, 1), None, today=dt.date(2026, 1, 1))


def test_ingest_dates_undated_text_and_drops_a_stray_year_with_a_count(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(TEXT, encoding="utf-8")
    db = str(tmp_path / "d.db")
    runner = CliRunner()
    done = runner.invoke(app, ["ingest", str(tmp_path / "in"), "--db", db, "--date", "2025-11-17", "--quiet"])
    assert done.exit_code == 0, done.output
    assert "1 dates found in evidence sentences were left out as implausible" in done.stderr
    rows = json.loads(runner.invoke(app, ["relations", "--db", db, "--json"]).stdout)
    seen = {r["target"]: r["first_seen"] for r in rows}
    assert seen["Javier Milei"] == "2025-11-16"  # "este domingo", read against --date
    assert seen["Giorgia Meloni"] == "2025-11-17"  # 2031 dropped: the article's own date stands


def test_the_summary_tells_mentions_from_resolved_actors(tmp_path: Path) -> None:
    done = CliRunner().invoke(app, ["ingest", str(EXAMPLES), "--db", str(tmp_path / "s.db"), "--quiet"])
    assert done.exit_code == 0, done.output
    assert "in the new articles: " in done.stderr and "mentions of" in done.stderr
    assert "actors after resolution across articles" in done.stderr
    assert "in this process" in done.stderr  # one article: auto extracts here, no cluster


def test_the_bundled_example_is_dated_so_its_ties_are(tmp_path: Path) -> None:
    with Store.open(str(tmp_path / "e.db")) as store:
        ingest([str(EXAMPLES)], store, Settings())
        first, last = store.evidence_dates()
    assert first is not None and last == dt.date(2025, 11, 17)


def test_progress_counts_every_input_article_so_the_total_is_reached(tmp_path: Path) -> None:
    calls: list[str] = []
    total = count_articles([str(EXAMPLES)])
    with Store.open(str(tmp_path / "p.db")) as store:
        for _ in range(2):  # the second run meets only a duplicate: the bar must still complete
            calls.clear()
            ingest([str(EXAMPLES)], store, Settings(), progress=lambda outcome, label: calls.append(outcome))
            assert len(calls) == total == 1
    assert calls == ["duplicate"]


def test_the_explorer_range_leaves_out_dates_outside_the_window(tmp_path: Path) -> None:
    text = "José Antonio Kast se reunió con Javier Milei. Kast habló con Giorgia Meloni."
    doc = Doc(text, published=dt.date(2025, 11, 17)).entity("José Antonio Kast", aliases=("Kast",))
    doc.entity("Javier Milei").entity("Giorgia Meloni")
    doc.relation("José Antonio Kast", RelationType.MEETS, "Javier Milei", when=dt.date(2025, 6, 1))
    doc.relation("José Antonio Kast", RelationType.MEETS, "Giorgia Meloni", when=dt.date(2031, 1, 1))
    with Store.open(str(tmp_path / "x.db")) as store:  # as a database ingested before the window held
        store.add(doc.build())
        assert store.evidence_dates() == (dt.date(2025, 6, 1), dt.date(2025, 6, 1))
