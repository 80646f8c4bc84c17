"""An ingest killed or interrupted mid-run, then run again: every article stored exactly once, with
all its mentions and evidence, as if the run had never stopped. Real processes, real signals."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from conftest import SLICE
from entramado.store import Store
from ingest_runs import Snapshot, snapshot, start_ingest, stored_articles, wait_for_articles


def test_an_ingest_killed_mid_run_resumes_without_duplicates_or_losses(
    corpus_slice: Path, clean_slice: Snapshot, tmp_path: Path
) -> None:
    db = tmp_path / "killed.db"
    first = start_ingest(corpus_slice, db)
    wait_for_articles(db, 1, first)
    first.kill()  # SIGKILL: no handler runs, the batch being written is rolled back by SQLite
    first.wait()
    committed = stored_articles(db)
    assert 0 < committed < SLICE

    _assert_rerun_completes(corpus_slice, db, committed, clean_slice)


def test_ctrl_c_stops_after_the_batch_at_hand_and_a_rerun_completes(
    corpus_slice: Path, clean_slice: Snapshot, tmp_path: Path
) -> None:
    db = tmp_path / "interrupted.db"
    first = start_ingest(corpus_slice, db, "--workers", "2")
    wait_for_articles(db, 1, first)
    os.killpg(first.pid, signal.SIGINT)  # as a terminal does: to the ingest and its workers alike
    _, err = first.communicate(timeout=300)
    assert first.returncode == 130, err
    assert "interrupted" in err and "articles/s" in err and "words/s" in err
    committed = stored_articles(db)
    assert 0 < committed < SLICE
    assert f"stored {committed} " in err  # what the summary says is stored is what is committed
    _assert_group_ended(first.pid)  # the local cluster's workers went with it

    _assert_rerun_completes(corpus_slice, db, committed, clean_slice)


def _assert_rerun_completes(corpus: Path, db: Path, committed: int, clean: Snapshot) -> None:
    """Running the same ingest again stores the rest, skips the committed ones, and ends as a clean run."""
    again = start_ingest(corpus, db)
    _, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    assert f"stored {SLICE - committed}" in err and f"duplicates {committed}" in err
    with Store.open(str(db)) as store:
        assert snapshot(store) == clean


def _assert_group_ended(group: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    raise AssertionError(f"processes of the ingest's group {group} outlived it")
