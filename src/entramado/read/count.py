"""How many articles the inputs hold, when that is cheap to know (a progress bar's total, a plan).

Files are counted without being parsed: a JSONL file by its non-blank lines, any other article file
as one. Stdin, URLs and feeds cannot be counted without reading them, so they make the total unknown.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from entramado.read.sidecar import is_sidecar

# Private to the read stage: the same suffixes and folder walk that reading uses, so the count agrees.
from entramado.read.sources import _KIND_BY_SUFFIX
from entramado.read.walk import files_under

_CHUNK = 1 << 20


def count_articles(inputs: Iterable[str]) -> int | None:
    """The number of articles ``inputs`` hold, or None when one of them cannot be counted cheaply."""
    total = 0
    for raw in inputs:
        if raw == "-" or raw.lower().startswith(("http://", "https://")):
            return None
        path = Path(raw).expanduser()
        # An entry the walk cannot read is one failure line, so one step of the progress bar.
        files = list(files_under(path)) if path.is_dir() else [path]
        for file in files:
            counted = _count_file(file) if isinstance(file, Path) else 1
            if counted is None:
                return None
            total += counted
    return total


def _count_file(path: Path) -> int | None:
    if not path.is_file():
        return 1  # reading reports it as one failure
    if is_sidecar(path):
        return 0
    kind = _KIND_BY_SUFFIX.get(path.suffix.lower())
    if kind == "feed" or kind is None:
        return None  # a feed's items, or a file whose kind reading sniffs, are not known up front
    if kind != "jsonl":
        return 1
    return _non_blank_lines(path)


def _non_blank_lines(path: Path) -> int:
    """Lines with something on them, read in binary chunks (a JSONL record per line)."""
    count = 0
    with path.open("rb") as stream:
        partial = b""
        while chunk := stream.read(_CHUNK):
            lines = (partial + chunk).split(b"\n")
            partial = lines.pop()
            count += sum(1 for line in lines if line.strip())
        if partial.strip():
            count += 1
    return count
