"""Extraction on Dask workers: the same stored result as extraction in this process, and a worker
killed mid-batch costs nothing (the scheduler runs its batch again on another worker)."""

from __future__ import annotations

import os
import signal
import threading
from pathlib import Path

from conftest import SLICE
from entramado.config import Settings
from entramado.jobs.ingest import IngestSummary, ingest
from entramado.jobs.parallel import OnDask
from entramado.store import Store
from ingest_runs import Snapshot, snapshot, stored_articles


def test_two_workers_store_exactly_what_one_process_stores(
    corpus_slice: Path, clean_slice: Snapshot, fresh_store: Store
) -> None:
    summary = ingest([str(corpus_slice)], fresh_store, Settings(workers=2))
    assert summary.ok, summary.failed
    assert summary.stored == SLICE
    # articles, actors and their names, ties with their aggregates, mentions and evidence: all equal
    assert snapshot(fresh_store) == clean_slice


def test_a_worker_killed_mid_batch_loses_nothing_and_duplicates_nothing(
    corpus_slice: Path, clean_slice: Snapshot, tmp_path: Path
) -> None:
    db = tmp_path / "killed-worker.db"
    settings = Settings(batch_size=8)  # nine batches, four in flight: a kill always finds one running
    executor = OnDask(settings, workers=2)
    outcome: dict[str, IngestSummary | BaseException] = {}

    def run() -> None:
        try:
            with Store.open(str(db)) as store:
                outcome["summary"] = ingest([str(corpus_slice)], store, settings, executor=executor)
        except BaseException as exc:  # reported by the assertions below
            outcome["error"] = exc

    try:
        thread = threading.Thread(target=run)
        thread.start()
        while stored_articles(db) < settings.batch_size and thread.is_alive():
            thread.join(0.05)
        busy = [worker for worker, tasks in executor.client.processing().items() if tasks]
        assert busy, "no batch was running when the worker was to be killed"
        victim = executor.client.run(os.getpid, workers=busy[:1])[busy[0]]
        assert stored_articles(db) < SLICE
        os.kill(victim, signal.SIGKILL)
        thread.join(timeout=300)
        assert not thread.is_alive()
        assert "error" not in outcome, outcome.get("error")
        summary = outcome["summary"]
        assert isinstance(summary, IngestSummary)
        assert summary.ok and summary.stored == SLICE, summary
        assert victim not in executor.client.run(os.getpid).values()  # it really died
    finally:
        executor.close()
    with Store.open(str(db)) as store:
        assert snapshot(store) == clean_slice
