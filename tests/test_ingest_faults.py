"""An ingest killed or interrupted mid-run (between batches, mid-transaction, with or without workers),
then run again: every article stored exactly once, with all its mentions and evidence, as if the run
had never stopped. Real processes, real signals."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SLICE
from ingest_runs import (
    Snapshot,
    assert_group_ended,
    assert_rerun_completes,
    start_ingest,
    stored_articles,
    wait_for_articles,
)


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

    assert_rerun_completes(corpus_slice, db, committed, SLICE, clean_slice)


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
    assert_group_ended(first.pid)  # the local cluster's workers went with it

    assert_rerun_completes(corpus_slice, db, committed, SLICE, clean_slice)


# The CLI in a process that SIGKILLs itself at a chosen point of the writing (argv[1]): just after the
# first batch's commit ("between"), or with eight articles of the second batch written and not
# committed ("mid-transaction"). Nothing runs after SIGKILL: the cleanest crash there is.
KILLED_AT = """
import os, signal, sys
from entramado.store import write
from entramado.store.store import Store

if sys.argv.pop(1) == "between":
    add_batch = Store.add_batch

    def add_batch_then_die(self, extractions):
        add_batch(self, extractions)
        os.kill(os.getpid(), signal.SIGKILL)

    Store.add_batch = add_batch_then_die
else:
    add_extraction, written = write.add_extraction, []

    def add_extraction_then_die(session, extraction, decisions):
        added = add_extraction(session, extraction, decisions)
        written.append(added)
        if len(written) == 40:
            session.flush()
            os.kill(os.getpid(), signal.SIGKILL)
        return added

    write.add_extraction = add_extraction_then_die
from entramado.cli import app

sys.argv[0] = "entramado"
app()
"""


@pytest.mark.parametrize(("when", "workers"), [("between", "0"), ("mid-transaction", "2")])
def test_a_kill_between_batches_or_mid_transaction_and_a_rerun_end_as_a_clean_run(
    when: str, workers: str, corpus_slice: Path, clean_slice: Snapshot, tmp_path: Path
) -> None:
    db = tmp_path / "killed.db"
    command = ["ingest", str(corpus_slice), "--db", str(db), "-q", "--workers", workers]
    first = subprocess.Popen(
        [sys.executable, "-c", KILLED_AT, when, *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    _, err = first.communicate(timeout=300)
    assert first.returncode == -signal.SIGKILL, err
    # the first batch (32 articles) committed; of the second, nothing
    assert stored_articles(db) == 32
    if workers != "0":
        assert_group_ended(first.pid)  # the main process killed, its Dask workers do not linger

    assert_rerun_completes(corpus_slice, db, 32, SLICE, clean_slice)
