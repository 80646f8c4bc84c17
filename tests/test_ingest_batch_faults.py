"""One article never fails a batch: an article too long, or one any stage fails on, in this process or
on Dask workers, is reported by file, line and reason, and the database holds exactly what a clean
run of the good inputs holds (issue 14). Inputs are built here; the over-long one only in tmp."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from spacy.tokens import Doc

from conftest import SLICE
from entramado.annotate.coref import Coreference
from entramado.config import Settings
from entramado.errors import ExtractionError
from entramado.jobs import parallel
from entramado.jobs.ingest import ingest
from entramado.models import Article
from entramado.store import Store
from ingest_runs import Snapshot, snapshot, start_ingest

LIMIT = "over the limit of 1,000,000 per article (spaCy's max_length)"
HUGE = "Pedro Sánchez se reunió con Alberto Núñez Feijóo en Madrid para hablar del presupuesto. " * 12_000
BOOM = "Explosivo"  # the word that makes the patched stage fail on an article


def _records(corpus_slice: Path, extra: int) -> list[str]:
    """The corpus slice's lines and ``extra`` short articles of our own, one JSON object a line."""
    lines = corpus_slice.read_text().splitlines()
    for n in range(extra):
        text = (
            f"Reunión {n} en Sevilla. Lucía Gil Mora se reunió con Diego Vega Cano para hablar de la ley {n}."
        )
        lines.append(
            json.dumps({"id": f"own-{n}", "title": f"Reunión {n}", "text": text}, ensure_ascii=False)
        )
    return lines


def _clean(path: Path, db: Path) -> Snapshot:
    with Store.open(str(db)) as store:
        summary = ingest([str(path)], store, Settings())
        assert summary.ok, summary.failed
        return snapshot(store)


@pytest.fixture(scope="module")
def hundred(corpus_slice: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Snapshot]]:
    """100 JSONL records, the one at line 41 over a million characters; and a clean run of the other 99."""
    folder = tmp_path_factory.mktemp("hundred")
    good = _records(corpus_slice, 99 - SLICE)
    huge = json.dumps({"id": "huge", "title": "Enorme", "text": HUGE}, ensure_ascii=False)
    (folder / "good.jsonl").write_text("\n".join(good) + "\n")
    (folder / "hundred.jsonl").write_text("\n".join([*good[:40], huge, *good[40:]]) + "\n")
    yield folder / "hundred.jsonl", _clean(folder / "good.jsonl", folder / "clean.db")


@pytest.mark.parametrize("workers", [0, 2])
def test_an_over_long_record_at_line_41_is_refused_and_the_other_99_are_stored(
    workers: int, hundred: tuple[Path, Snapshot], tmp_path: Path
) -> None:
    path, clean = hundred
    with Store.open(str(tmp_path / "run.db")) as store:
        summary = ingest([str(path)], store, Settings(workers=workers))
        assert summary.read == 100 and summary.stored == 99
        assert len(summary.failed) == 1
        line = summary.failed[0]
        assert line.startswith(f"{path}:41: not annotated: 1,0") and LIMIT in line and "--max-chars N" in line
        assert snapshot(store) == clean


@pytest.mark.parametrize("workers", ["0", "2"])
def test_ingest_of_a_huge_file_and_a_good_one_stores_the_good_one_and_exits_1(
    workers: str, corpus_slice: Path, tmp_path: Path
) -> None:
    huge, good = tmp_path / "huge.txt", tmp_path / "good.txt"
    huge.write_text("Un artículo enorme\n\n" + HUGE)
    good.write_text(json.loads(corpus_slice.read_text().splitlines()[0])["text"])
    clean = _clean(good, tmp_path / "clean.db")
    db = tmp_path / "run.db"
    run = start_ingest(huge, db, str(good), "--workers", workers)
    _, err = run.communicate(timeout=300)
    assert run.returncode == 1, err
    assert f"failed {huge}: not annotated: 1,0" in err and LIMIT in err
    assert "stored 1 " in err and "failed 1" in err and "Traceback" not in err
    with Store.open(str(db)) as store:
        assert snapshot(store) == clean


def test_max_chars_names_the_limit_it_refuses_by(corpus_slice: Path, tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(json.loads(corpus_slice.read_text().splitlines()[0])["text"])
    run = start_ingest(good, tmp_path / "run.db", "--max-chars", "100")
    _, err = run.communicate(timeout=300)
    assert run.returncode == 1
    assert "over the limit of 100 per article" in err and "stored 0 " in err


@pytest.fixture
def six(tmp_path: Path) -> tuple[Path, Snapshot]:
    """Six short articles, the third one carrying BOOM; and a clean run of the other five."""
    records = []
    for n in range(6):
        who = BOOM if n == 2 else "Diego Vega Cano"
        text = f"Reunión {n} en Sevilla. Lucía Gil Mora se reunió con {who} para hablar de la ley {n}."
        records.append(json.dumps({"id": f"a{n}", "text": text}, ensure_ascii=False))
    (tmp_path / "good.jsonl").write_text("\n".join(r for r in records if BOOM not in r) + "\n")
    (tmp_path / "six.jsonl").write_text("\n".join(records) + "\n")
    return tmp_path / "six.jsonl", _clean(tmp_path / "good.jsonl", tmp_path / "clean.db")


@pytest.fixture
def in_process_cluster() -> Iterator[str]:
    """A Dask cluster whose worker is a thread of this process, so a test can patch what it runs."""
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address="127.0.0.1:0"
    ) as c:
        yield c.scheduler_address


@pytest.mark.parametrize("on", ["this process", "a worker"])
def test_an_exception_in_a_stage_fails_only_its_article(
    on: str,
    six: tuple[Path, Snapshot],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> None:
    path, clean = six
    settings = Settings()
    if on == "a worker":  # of an in-process cluster: a thread of this process, which runs the patched stage
        settings = Settings(scheduler=request.getfixturevalue("in_process_cluster"))
    real = Coreference.__call__

    def breaks_on_boom(self: Coreference, doc: Doc) -> Doc:
        if BOOM in doc.text:
            raise RuntimeError("coreference broke")
        return real(self, doc)

    monkeypatch.setattr(Coreference, "__call__", breaks_on_boom)
    with Store.open(str(tmp_path / "run.db")) as store:
        summary = ingest([str(path)], store, settings)
        assert summary.failed == [f"{path}:3: not annotated: RuntimeError: coreference broke"]
        assert summary.stored == 5
        assert snapshot(store) == clean


def test_a_batch_failing_on_the_cluster_fails_only_its_article(
    six: tuple[Path, Snapshot], in_process_cluster: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, clean = six
    real = parallel.extract_batch

    def lost_on_boom(settings: Settings, articles: list[Article]) -> list[parallel.Result]:
        if any(BOOM in a.text for a in articles):
            raise RuntimeError("worker lost")
        return real(settings, articles)

    monkeypatch.setattr(parallel, "extract_batch", lost_on_boom)
    with Store.open(str(tmp_path / "run.db")) as store:
        summary = ingest([str(path)], store, Settings(scheduler=in_process_cluster))
        assert summary.failed == [
            f"{path}:3: not annotated: the cluster failed on it (RuntimeError: worker lost)"
        ]
        assert summary.stored == 5
        assert snapshot(store) == clean


def test_a_cluster_failing_every_article_stops_saying_a_rerun_starts_at_that_batch(
    six: tuple[Path, Snapshot], in_process_cluster: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, _ = six

    def always_lost(settings: Settings, articles: list[Article]) -> list[parallel.Result]:
        raise RuntimeError("no memory left")

    monkeypatch.setattr(parallel, "extract_batch", always_lost)
    with Store.open(str(tmp_path / "run.db")) as store, pytest.raises(ExtractionError) as caught:
        ingest([str(path)], store, Settings(scheduler=in_process_cluster))
    message = str(caught.value)
    assert f"every article of the batch starting at {path}:1" in message
    assert "starts again at this batch" in message and "resumes after" not in message
