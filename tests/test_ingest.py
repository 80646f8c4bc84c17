"""The ingest job end to end on real articles: counts, idempotence, evidence offsets, failures."""

from __future__ import annotations

import json
from itertools import islice
from pathlib import Path

import pytest
from sqlalchemy import select

from entramado.config import Settings
from entramado.jobs.ingest import ingest
from entramado.store import Store
from entramado.store.schema import Article as ArticleRow
from entramado.store.schema import Evidence as EvidenceRow

N = 50


@pytest.fixture(scope="module")
def fifty(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The first 50 records of the real fakenews-es corpus, as a JSONL file."""
    out = tmp_path_factory.mktemp("corpus") / "fifty.jsonl"
    with (shared_dir / "corpus" / "fakenews-es" / "articles.jsonl").open() as src:
        out.write_text("".join(islice(src, N)))
    return out


@pytest.mark.slow
def test_fifty_real_articles_ingest_once_with_valid_evidence(fifty: Path, tmp_path: Path) -> None:
    with Store.open(str(tmp_path / "fifty.db")) as store:
        first = ingest([str(fifty)], store, Settings())
        assert first.ok, first.failed
        assert first.read == N
        assert first.stored + first.duplicates == N
        assert first.stored >= N - 2  # the corpus may repeat an article verbatim; nothing else is lost
        stats = store.stats()
        assert stats.articles == first.stored
        assert sum(stats.entities.values()) > first.stored  # several actors per article
        assert sum(v for k, v in stats.relations.items() if k != "CO_MENTION") > 0

        again = ingest([str(fifty)], store, Settings())
        assert again.stored == 0 and again.duplicates == N
        assert store.stats() == stats  # re-running never duplicates

        with store.session() as session:
            texts = {a.id: a.text for a in session.scalars(select(ArticleRow))}
            evidence = list(session.scalars(select(EvidenceRow)))
        assert evidence
        for ev in evidence:
            assert texts[ev.article_id][ev.start : ev.end] == ev.sentence


def test_a_broken_jsonl_line_is_reported_and_the_rest_ingested(fifty: Path, tmp_path: Path) -> None:
    lines = fifty.read_text().splitlines()[:3]
    broken = tmp_path / "broken.jsonl"
    broken.write_text("\n".join([lines[0], '{"id": "x", "text": ', lines[1], lines[2]]) + "\n")
    with Store.open(str(tmp_path / "b.db")) as store:
        summary = ingest([str(broken)], store, Settings())
        assert summary.stored == 3
        assert len(summary.failed) == 1
        assert f"{broken}:2" in summary.failed[0]


def test_a_crash_while_storing_keeps_the_batches_written_before(
    fifty: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    three = tmp_path / "three.jsonl"
    three.write_text("\n".join(fifty.read_text().splitlines()[:3]) + "\n")
    settings = Settings(batch_size=2)  # batches of 2 and 1: the crash hits the second
    with Store.open(str(tmp_path / "c.db")) as store:
        real_add_batch = store.add_batch
        calls = {"n": 0}

        def add_then_crash(extractions):  # type: ignore[no-untyped-def]
            calls["n"] += 1
            if calls["n"] == 2:
                raise RuntimeError("power cut")
            return real_add_batch(extractions)

        monkeypatch.setattr(store, "add_batch", add_then_crash)
        with pytest.raises(RuntimeError):
            ingest([str(three)], store, settings)
        monkeypatch.undo()
        assert store.stats().articles == 2
        resumed = ingest([str(three)], store, settings)
        assert resumed.stored == 1 and resumed.duplicates == 2
        assert store.stats().articles == 3


def test_an_article_in_another_language_is_skipped_with_a_reason(tmp_path: Path) -> None:
    french = tmp_path / "fr.txt"
    french.write_text(
        "Le président de la République a rencontré hier les représentants des syndicats à Paris pour "
        "discuter de la réforme des retraites, a indiqué l'Élysée dans un communiqué publié le soir même."
    )
    with Store.open(str(tmp_path / "f.db")) as store:
        summary = ingest([str(french)], store, Settings())
        assert summary.stored == 0
        assert summary.ok  # a skipped language is no failure
        assert "fr" in summary.skipped[0] and "fr.txt" in summary.skipped[0]


def test_records_keep_their_ids_and_metadata(fifty: Path, tmp_path: Path) -> None:
    first = json.loads(fifty.read_text().splitlines()[0])
    one = tmp_path / "one.jsonl"
    one.write_text(json.dumps(first) + "\n")
    with Store.open(str(tmp_path / "m.db")) as store:
        ingest([str(one)], store, Settings())
        with store.session() as session:
            row = session.scalars(select(ArticleRow)).one()
        assert row.doc_id == first["id"]
        assert row.url == first["url"]
        assert row.metadata_["topic"] == first["topic"]


def test_an_article_the_store_refuses_is_a_failure_not_a_crash(
    fifty: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from entramado.errors import StoreError
    from entramado.store import write

    two = tmp_path / "two.jsonl"
    two.write_text("\n".join(fifty.read_text().splitlines()[:2]) + "\n")
    refused = json.loads(two.read_text().splitlines()[0])["id"]
    real_add = write.add_extraction

    def refuse_first(session, extraction, decisions):  # type: ignore[no-untyped-def]
        if extraction.article.doc_id == refused:
            raise StoreError("evidence sentence not found in the article text")
        return real_add(session, extraction, decisions)

    monkeypatch.setattr(write, "add_extraction", refuse_first)
    with Store.open(str(tmp_path / "r.db")) as store:
        summary = ingest([str(two)], store, Settings())
        # the batch's transaction failed as a whole; stored one by one, only the bad article is lost
        assert summary.stored == 1
        assert len(summary.failed) == 1 and "not stored" in summary.failed[0]
        assert any("one by one" in note for note in summary.notices)
        assert refused not in [a.doc_id for a in store.articles()]
        assert store.stats().articles == 1
