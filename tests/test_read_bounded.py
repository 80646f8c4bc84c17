"""The byte limit holds for every kind of input, counted as bytes are read: /dev/zero, FIFOs, /proc, pipes."""

from __future__ import annotations

import io
import json
import os
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from entramado.cli import app
from entramado.config import Settings
from entramado.models import Article, ReadFailure
from entramado.read import read_inputs
from entramado.read.bounded import Overlong, bounded_lines, read_at_most
from entramado.store import Store
from ingest_runs import Snapshot, snapshot

LIMIT_LINE = "larger than {:,} bytes (max_input_bytes); split it or raise the limit with --max-input-bytes"


def ingest(db: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["ingest", *args, "--db", str(db), "--quiet"])
    return result.exit_code, result.stderr


def stored(db: Path) -> Snapshot:
    with Store.open(str(db)) as store:
        return snapshot(store)


@pytest.fixture(scope="module")
def clean_run(founding_article: Path, tmp_path_factory: pytest.TempPathFactory) -> Snapshot:
    """What a clean run of the good input alone stores."""
    db = tmp_path_factory.mktemp("clean") / "clean.db"
    code, err = ingest(db, str(founding_article))
    assert code == 0, err
    return stored(db)


def feed_fifo(path: Path, data: Iterator[bytes]) -> threading.Thread:
    """A FIFO at ``path`` written by a thread until ``data`` ends or the reader closes its end."""
    os.mkfifo(path)

    def write() -> None:
        with path.open("wb") as pipe:
            try:
                for chunk in data:
                    pipe.write(chunk)
            except BrokenPipeError:  # the reader stopped at the limit, as it should
                pass

    thread = threading.Thread(target=write, daemon=True)
    thread.start()
    return thread


def test_dev_zero_is_refused_at_the_limit_and_the_rest_is_stored(
    founding_article: Path, clean_run: Snapshot, tmp_path: Path
) -> None:
    code, err = ingest(tmp_path / "z.db", "/dev/zero", str(founding_article))
    assert code == 1
    assert f"failed /dev/zero: {LIMIT_LINE.format(20_000_000)}" in " ".join(err.split())
    assert stored(tmp_path / "z.db") == clean_run


def test_a_fifo_fed_past_the_limit_is_refused_and_the_rest_is_stored(
    founding_article: Path, clean_run: Snapshot, tmp_path: Path
) -> None:
    fifo = tmp_path / "tuberia"
    writer = feed_fifo(fifo, (b"Kast y Jara. " * 1000 for _ in range(100)))  # 1.3 MB, no size to stat
    code, err = ingest(tmp_path / "f.db", str(fifo), str(founding_article), "--max-input-bytes", "100000")
    writer.join(timeout=30)
    assert not writer.is_alive()
    assert code == 1
    assert f"failed {fifo}: {LIMIT_LINE.format(100_000)}" in " ".join(err.split())
    assert stored(tmp_path / "f.db") == clean_run


def test_an_endless_jsonl_line_from_a_fifo_stops_that_input_only(
    founding_article: Path, clean_run: Snapshot, tmp_path: Path
) -> None:
    fifo = tmp_path / "registros.jsonl"
    record = json.dumps({"id": "r1", "text": "Kast y Jara disputan la segunda vuelta presidencial en Chile."})

    def endless() -> Iterator[bytes]:
        yield record.encode() + b"\n" + b'{"text": "'
        while True:
            yield b"x" * 65536

    writer = feed_fifo(fifo, endless())
    [first, failure, article] = read_inputs(
        [str(fifo), str(founding_article)], Settings(max_input_bytes=100_000)
    )
    writer.join(timeout=30)
    assert isinstance(first, Article) and first.doc_id == "r1"
    assert failure == ReadFailure(
        f"{fifo}:2",
        "line longer than 100,000 bytes (max_input_bytes); split the record or raise the limit with "
        "--max-input-bytes; the rest of this stream was not read (it may have no end)",
    )
    assert isinstance(article, Article)


def test_a_proc_file_reporting_size_0_is_held_to_the_limit(tmp_path: Path) -> None:
    assert Path("/proc/self/status").stat().st_size == 0  # the size the old check trusted
    small = tmp_path / "nota.txt"
    small.write_text("Kast y Jara disputan la segunda vuelta en Chile.\n", encoding="utf-8")
    failure, article = read_inputs(["/proc/self/status", str(small)], Settings(max_input_bytes=100))
    assert failure == ReadFailure("/proc/self/status", LIMIT_LINE.format(100))
    assert isinstance(article, Article)


def test_stdin_from_a_pipe_is_held_to_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    read_end, write_end = os.pipe()
    os.write(write_end, b"Kast " * 400)  # 2,000 bytes, under the pipe's buffer, so no writer thread
    os.close(write_end)

    class PipeStdin:
        buffer = os.fdopen(read_end, "rb")

    monkeypatch.setattr("sys.stdin", PipeStdin)
    assert list(read_inputs(["-"], Settings(max_input_bytes=1000))) == [
        ReadFailure("stdin", LIMIT_LINE.format(1000))
    ]


def test_a_socket_named_on_the_command_line_is_refused(tmp_path: Path, founding_article: Path) -> None:
    path = tmp_path / "s.sock"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        failure, article = read_inputs([str(path), str(founding_article)])
    assert failure == ReadFailure(
        str(path), "a socket, not a file; send what it holds to `entramado ingest -` instead"
    )
    assert isinstance(article, Article)


def test_read_at_most_counts_the_bytes_it_reads() -> None:
    assert read_at_most(io.BytesIO(b"x" * 10), 10) == b"x" * 10
    assert read_at_most(io.BytesIO(b"x" * 11), 10) is None
    assert read_at_most(io.BytesIO(b"y"), 10, head=b"x" * 10) is None
    assert read_at_most(io.BytesIO(b""), 10, head=b"abc") == b"abc"


def test_an_overlong_line_in_a_file_is_skipped_and_the_next_lines_read(tmp_path: Path) -> None:
    path = tmp_path / "lines.jsonl"
    path.write_bytes(b"short\n" + b"y" * 50 + b"\nnext\nlast")
    with path.open("rb") as stream:
        assert list(bounded_lines(stream, 20)) == [
            b"short\n",
            Overlong(20, rest_read=True),
            b"next\n",
            b"last",
        ]


def test_lines_cut_by_the_sniffed_head_are_made_whole_and_held_to_the_limit() -> None:
    lines = list(bounded_lines(io.BytesIO(b"def\n" + b"z" * 30 + b"\nok"), 20, head=b"x" * 25 + b"\nab"))
    assert lines == [Overlong(20, rest_read=True), b"abdef\n", Overlong(20, rest_read=True), b"ok"]


def test_a_line_of_exactly_the_limit_is_read() -> None:
    assert list(bounded_lines(io.BytesIO(b"x" * 20 + b"\n" + b"y" * 20), 20)) == [
        b"x" * 20 + b"\n",
        b"y" * 20,
    ]


def test_an_overlong_line_in_a_pipe_stops_reading_it() -> None:
    read_end, write_end = os.pipe()
    os.write(write_end, b"ok\n" + b"y" * 50 + b"\nnever\n")
    os.close(write_end)
    with os.fdopen(read_end, "rb") as stream:
        assert list(bounded_lines(stream, 20)) == [b"ok\n", Overlong(20, rest_read=False)]
