"""Issue 14's catalogue of careless inputs, in one real ingest: each bad input is one line naming it
(and its line), exit 1, and the database holds exactly what a clean run of the good inputs holds,
in this process and with ``--workers 2``. Inputs are built here from real corpus articles."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from entramado.store import Store
from ingest_runs import ENTRAMADO, Snapshot, snapshot

# A limit far above any good input here, so that /dev/zero is refused after a megabyte, not twenty.
LIMIT = ["--max-input-bytes", "1000000"]


@dataclass(frozen=True)
class Catalogue:
    """The inputs (good and bad), what stdin carries, and the clean run of the good ones alone."""

    folder: Path
    good: list[str]
    bad: list[str]
    stdin: str
    clean_stdin: str
    clean: Snapshot


def ingest(inputs: list[str], db: Path, stdin: str, *options: str) -> subprocess.CompletedProcess[str]:
    """``entramado ingest INPUTS… --db DB -q`` as a real process, ``stdin`` on its standard input."""
    return subprocess.run(
        [ENTRAMADO, "ingest", *inputs, "--db", str(db), "--quiet", *LIMIT, *options],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "COLUMNS": "200"},
    )


@pytest.fixture(scope="module")
def catalogue(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Catalogue:
    folder = tmp_path_factory.mktemp("catalogue")
    with (shared_dir / "corpus" / "fakenews-es" / "articles.jsonl").open() as corpus:
        records = [json.loads(line) for line in itertools.islice(corpus, 6)]
    lines = [json.dumps(r, ensure_ascii=False) for r in records]

    def article(n: int) -> str:
        return f"{records[n]['title']}\n\n{records[n]['text']}"

    # Good: JSONL records, and texts in the encodings a careless export gives (a BOM'd UTF-16, Latin-1
    # with its quotes made plain, Windows-1252 with its curly ones), one of them inside a folder.
    (folder / "good.jsonl").write_text(f"{lines[0]}\n{lines[1]}\n")
    (folder / "latin1.txt").write_bytes(
        article(2).replace("“", '"').replace("”", '"').encode("latin-1", "replace")
    )
    (folder / "utf16.txt").write_bytes(article(4).encode("utf-16"))
    (folder / "noticias").mkdir()
    (folder / "noticias" / "windows.txt").write_bytes(article(3).encode("cp1252", "replace"))
    # Bad: a broken and a mistyped line between the good ones, an empty file, a binary one, a page
    # without an article, a missing path, a symlink loop named alone and one in the folder with a
    # broken link, and a device that never ends.
    broken, mistyped = '{"id": "roto", "text": "sin cerrar', '{"id": "x", "text": 42}'
    (folder / "mixed.jsonl").write_text("\n".join([lines[0], broken, mistyped, lines[1]]) + "\n")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.bin").write_bytes(bytes(range(256)) * 10)
    (folder / "nohtml.html").write_text(
        "<html><head><title>Portada</title></head><body><nav>Inicio</nav></body></html>"
    )
    (folder / "loop").symlink_to("loop")
    (folder / "noticias" / "bucle").symlink_to("bucle")
    (folder / "noticias" / "rota.txt").symlink_to("no-existe.txt")
    good = [str(folder / p) for p in ("good.jsonl", "latin1.txt", "utf16.txt", "noticias/windows.txt")]
    bad = [
        str(folder / p)
        for p in ("mixed.jsonl", "latin1.txt", "utf16.txt", "empty.txt", "binary.bin", "nohtml.html")
    ]
    bad += [str(folder / "missing.txt"), str(folder / "loop"), str(folder / "noticias"), "/dev/zero"]
    clean_stdin = lines[5] + "\n"
    run = ingest([*good, "-"], folder / "clean.db", clean_stdin)
    assert run.returncode == 0, run.stderr
    assert "read 6  stored 6 " in run.stderr and "failed 0 " in run.stderr
    with Store.open(str(folder / "clean.db")) as store:
        clean = snapshot(store)
    return Catalogue(folder, good, bad, clean_stdin + "{roto\n", clean_stdin, clean)


@pytest.mark.parametrize("workers", ["0", "2"])
def test_every_careless_input_is_one_line_and_the_rest_is_stored_as_a_clean_run(
    workers: str, catalogue: Catalogue, closed_port_url: str, tmp_path: Path
) -> None:
    folder = catalogue.folder
    db = tmp_path / "run.db"
    run = ingest([*catalogue.bad, closed_port_url, "-"], db, catalogue.stdin, "--workers", workers)
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr
    failed = sorted(
        line.removeprefix("failed ") for line in run.stderr.splitlines() if line.startswith("failed ")
    )
    assert failed == sorted(
        [
            f"{folder}/mixed.jsonl:2: invalid JSON: Invalid control character at column 35",
            f"{folder}/mixed.jsonl:3: the record has no text (its 'text' field is a number, not a string)",
            f"{folder}/empty.txt: empty file",
            f"{folder}/binary.bin: binary file, not text (it contains NUL bytes)",
            f"{folder}/nohtml.html: no article text found in the HTML page",
            f"{folder}/missing.txt: no such file or directory",
            f"{closed_port_url}: no answer: Connection refused",
            f"{folder}/loop: a symbolic link loop: following it never reaches a file or folder",
            f"{folder}/noticias/bucle: a symbolic link loop: following it never reaches a file or folder",
            f"{folder}/noticias/rota.txt: a broken symbolic link: it points to no-existe.txt, "
            "which does not exist",
            "/dev/zero: larger than 1,000,000 bytes (max_input_bytes); split it or raise the limit with "
            "--max-input-bytes",
            "stdin:2: invalid JSON: Expecting property name enclosed in double quotes at column 2",
        ]
    )
    assert "read 6  stored 6 " in run.stderr and "failed 12" in run.stderr
    # The texts that were not UTF-8 are stored decoded, and said so (Latin-1 reads the same as cp1252).
    assert f"note {folder}/latin1.txt: not UTF-8, decoded as cp1252" in run.stderr
    assert f"note {folder}/utf16.txt: not UTF-8, decoded as utf-16" in run.stderr
    assert f"note {folder}/noticias/windows.txt: not UTF-8, decoded as cp1252" in run.stderr
    with Store.open(str(db)) as store:
        assert snapshot(store) == catalogue.clean
