"""The articles behind annotation files: read by id from the corpus, and the held-out list kept out."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from entramado.defaults import DEFAULT_CORPUS, DEFAULT_HELD_OUT
from entramado.models import Article, ReadFailure
from entramado.read import read_inputs

__all__ = ["DEFAULT_CORPUS", "DEFAULT_HELD_OUT", "articles_by_id", "held_out"]


def articles_by_id(
    inputs: Iterable[str], wanted: set[str] | None = None
) -> tuple[dict[str, Article], list[ReadFailure]]:
    """The articles of ``inputs`` by id (only those in ``wanted`` when given), and what could not be read."""
    found: dict[str, Article] = {}
    failed: list[ReadFailure] = []
    for item in read_inputs(inputs):
        if isinstance(item, ReadFailure):
            failed.append(item)
        elif wanted is None or item.doc_id in wanted:
            found[item.doc_id] = item
    return found, failed


def held_out(path: Path | None) -> frozenset[str]:
    """The ids a held-out list names (one a line, ``#`` comments); none when there is no list."""
    if path is None or not path.is_file():
        return frozenset()
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#"))
