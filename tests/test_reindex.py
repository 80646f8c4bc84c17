"""Reindex: stored articles re-extracted with the current pipeline, statements replaced, decisions kept."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from builders import Doc, jak_and_abascal, jose_kast_meets, others, people, snapshot
from entramado.annotate.extract import Skipped
from entramado.cli import app
from entramado.config import Settings
from entramado.jobs.ingest import ingest
from entramado.jobs.reindex import reindex
from entramado.models import Article, Extraction, RelationType
from entramado.store import Store

ALLY, MEETS, OPPOSES = RelationType.ALLY, RelationType.MEETS, RelationType.OPPOSES


def meloni_opposed(doc_id: str = "m1") -> Extraction:
    """jose_kast_meets("Giorgia Meloni") as a changed rule reads it: the same sentence, now OPPOSES."""
    text = jose_kast_meets("Giorgia Meloni", doc_id).article.text
    return (
        Doc(text, doc_id=doc_id)
        .entity("José Kast")
        .entity("Giorgia Meloni")
        .relation("José Kast", OPPOSES, "Giorgia Meloni", 0.7)
        .build()
    )


def new_rules(monkeypatch: pytest.MonkeyPatch, reading: dict[str, Extraction | str]) -> None:
    """Make reindex's extractor read each article (by doc_id) as ``reading`` says; a string skips it."""

    class ChangedExtractor:
        def __init__(self, settings: Settings | None = None) -> None:
            pass

        def extract_many(self, articles: Iterable[Article]) -> Iterator[Extraction | Skipped]:
            for article in articles:
                new = reading[article.doc_id]
                if isinstance(new, str):
                    yield Skipped(article, new)
                else:
                    yield dataclasses.replace(new, article=article)

    monkeypatch.setattr("entramado.jobs.reindex.Extractor", ChangedExtractor)


@pytest.fixture
def merged_store(fresh_store: Store) -> Store:
    """Two articles, and the user's merge of "José Kast" into José Antonio Kast."""
    fresh_store.add(jak_and_abascal())
    fresh_store.add(jose_kast_meets("Giorgia Meloni", "m1"))
    fresh_store.merge("José Antonio Kast", "José Kast")
    return fresh_store


def test_reindex_replaces_statements_and_keeps_a_merge(
    merged_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = merged_store.stats()
    assert others(merged_store, "José Antonio Kast") == {
        (ALLY, "Santiago Abascal"),
        (MEETS, "Giorgia Meloni"),
    }
    new_rules(monkeypatch, {"jak": jak_and_abascal(), "m1": meloni_opposed()})

    summary = reindex(merged_store)

    assert (summary.articles, summary.reextracted, summary.failed, summary.skipped) == (2, 2, [], [])
    assert (summary.ties_before, summary.ties_after) == (2, 2)
    after = merged_store.stats()
    # Replaced, not added: as many articles, mentions and evidence sentences as before.
    assert (after.articles, after.evidence, after.mentions) == (
        before.articles,
        before.evidence,
        before.mentions,
    )
    # The new reading counts, and the merge still holds: "José Kast" makes no actor of its own.
    assert others(merged_store, "José Antonio Kast") == {
        (ALLY, "Santiago Abascal"),
        (OPPOSES, "Giorgia Meloni"),
    }
    assert people(merged_store) == ["Giorgia Meloni", "José Antonio Kast", "Santiago Abascal"]
    assert [d.kind for d in merged_store.decisions()] == ["merge"]


def test_an_unchanged_pipeline_gives_the_same_graph(
    merged_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(merged_store)
    new_rules(monkeypatch, {"jak": jak_and_abascal(), "m1": jose_kast_meets("Giorgia Meloni", "m1")})
    reindex(merged_store)
    reindex(merged_store)
    assert snapshot(merged_store) == before


def test_an_article_that_fails_or_is_skipped_keeps_its_statements(
    merged_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = jak_and_abascal()
    broken.relations[0].evidence[0] = dataclasses.replace(
        broken.relations[0].evidence[0], sentence="No está."
    )
    new_rules(monkeypatch, {"jak": broken, "m1": "language 'xx' is not supported"})
    before = snapshot(merged_store)

    summary = reindex(merged_store)

    assert not summary.ok and summary.reextracted == 0
    assert "not re-extracted" in summary.failed[0] and "not in the article text" in summary.failed[0]
    assert "not supported" in summary.skipped[0]
    assert snapshot(merged_store) == before


def test_reindex_with_the_real_pipeline_is_stable(tmp_path: Path, founding_article: Path) -> None:
    with Store.open(str(tmp_path / "real.db")) as store:
        assert ingest([str(founding_article)], store).stored == 1
        before = snapshot(store)
        summary = reindex(store)
        assert (summary.articles, summary.reextracted, summary.failed) == (1, 1, [])
        assert summary.ties_before == summary.ties_after > 0
        assert snapshot(store) == before


def test_the_cli_prints_a_summary(merged_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    new_rules(monkeypatch, {"jak": jak_and_abascal(), "m1": meloni_opposed()})
    result = CliRunner().invoke(app, ["reindex", "--db", merged_store.url, "--quiet"])
    assert result.exit_code == 0, result.output
    assert "re-extracted 2" in result.stderr and "2 before, 2 after" in result.stderr
