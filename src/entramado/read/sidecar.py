"""Dates for inputs that carry none: a file's front matter, a sidecar file beside it, or ``--date``.

A text file may open with a YAML front matter block (``---`` lines around ``date: 2025-11-17``), or
have a sidecar ``FILE.meta.json`` / ``FILE.meta.yaml`` holding ``{"date": "2025-11-17"}``. An
article's own date (JSONL ``date``, HTML metadata, a feed item's) always wins; then the front
matter, then the sidecar, then the run's ``--date``. Relative dates in the text ("este domingo")
are read against the article's date, so this is what dates the ties of undated inputs.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from entramado.errors import ReadError
from entramado.models import Article, ReadFailure
from entramado.read.dates import parse_date

SIDECAR_SUFFIXES = (".meta.json", ".meta.yaml", ".meta.yml")
# A YAML block between two "---" lines at the very start of the file (optionally after a BOM).
_FRONT_MATTER = re.compile(rb"\A(?:\xef\xbb\xbf)?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)


def is_sidecar(path: Path) -> bool:
    """Whether ``path`` is another file's metadata, not an article of its own."""
    return path.name.lower().endswith(SIDECAR_SUFFIXES)


def sidecar_date(path: Path) -> date | None:
    """The date in the sidecar of ``path`` (``path.meta.json`` or ``.meta.yaml``), if there is one."""
    for suffix in SIDECAR_SUFFIXES:
        sidecar = path.with_name(path.name + suffix)
        if sidecar.is_file():
            text = sidecar.read_text(encoding="utf-8")
            try:
                data = json.loads(text) if suffix == ".meta.json" else yaml.safe_load(text)
            except (ValueError, yaml.YAMLError) as exc:
                raise ReadError(str(sidecar), f"not valid {suffix[6:].upper()} ({exc})") from exc
            return _date_of(data, str(sidecar))
    return None


def split_front_matter(data: bytes, origin: str) -> tuple[bytes, date | None]:
    """The text without its front matter block, and the date the block gives (None without one)."""
    match = _FRONT_MATTER.match(data)
    if match is None:
        return data, None
    try:
        fields = yaml.safe_load(match.group(1).decode("utf-8", errors="replace"))
    except yaml.YAMLError:
        return data, None  # a "---" rule that opens a text, not metadata: leave the text alone
    if not isinstance(fields, dict) or "date" not in fields:
        return data, None  # only a block that gives a date is taken for metadata
    return data[match.end() :], _date_of(fields, origin)


def dated(item: Article | ReadFailure, when: date | None) -> Article | ReadFailure:
    """``item`` with ``when`` as its publication date if it is an article without one."""
    if when is None or not isinstance(item, Article) or item.published is not None:
        return item
    return replace(item, published=when)


def _date_of(data: Any, origin: str) -> date | None:
    if not isinstance(data, dict) or data.get("date") in (None, ""):
        return None
    value = data["date"]
    if isinstance(value, datetime):
        value = value.date()
    found = value if isinstance(value, date) else parse_date(value)
    if found is None:
        raise ReadError(origin, f"date '{value}' is not a date (write it as YYYY-MM-DD)")
    return found
