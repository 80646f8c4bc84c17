"""Reading JSONL: one article per line, streamed, a broken line reported and skipped."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from entramado.models import Article, ReadFailure
from entramado.read.bounded import Overlong
from entramado.read.dates import parse_date

# Fields with a place in Article; every other field of a record is kept in its metadata.
_KNOWN = frozenset({"id", "title", "text", "url", "date", "source"})
_BOM = b"\xef\xbb\xbf"


def read_jsonl(lines: Iterable[bytes | Overlong], source: str, stem: str) -> Iterator[Article | ReadFailure]:
    """One Article or ReadFailure per non-blank line; origins are "source:line", missing ids "stem-line"."""
    first = True
    for lineno, raw in enumerate(lines, start=1):
        if isinstance(raw, Overlong):
            yield ReadFailure(f"{source}:{lineno}", raw.reason())
            if not raw.rest_read:
                return
            first = False
            continue
        if lineno == 1:
            raw = raw.removeprefix(_BOM)
        if not raw.strip():
            continue
        origin = f"{source}:{lineno}"
        if first and raw.strip() in (b"[", b"{"):
            # One JSON document spread over many lines: saying so once beats one failure per line.
            yield ReadFailure(
                origin, "not JSON Lines but one JSON document over many lines; write one object a line"
            )
            return
        first = False
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield ReadFailure(origin, f"invalid JSON: not UTF-8 (at column {exc.start + 1})")
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ReadFailure(origin, f"invalid JSON: {json_error(exc)}")
            continue
        except RecursionError:
            yield ReadFailure(origin, "invalid JSON: nested too deeply")
            continue
        yield record_to_article(record, origin, f"{stem}-{lineno}")


def json_error(exc: json.JSONDecodeError) -> str:
    """json's complaint and where: "Unterminated string starting at column 53", never "… at at column"."""
    # Some of json's messages end in "at", expecting its own position to follow.
    return f"{exc.msg.removesuffix(' at')} at column {exc.colno}"


def record_to_article(record: Any, origin: str, default_id: str) -> Article | ReadFailure:
    """The article of one decoded JSON record, or why it is not one."""
    if not isinstance(record, dict):
        return ReadFailure(origin, f"not a JSON object but {_json_type(record)}; each line must be one")
    text = record.get("text")
    if not isinstance(text, str):
        what = "missing" if text is None else f"{_json_type(text)}, not a string"
        return ReadFailure(origin, f"the record has no text (its 'text' field is {what})")
    if not text.strip():
        return ReadFailure(origin, "the record's 'text' field is empty")
    title = _string(record.get("title"))
    if title and not text.lstrip().startswith(title):
        # The headline belongs to what is analysed; put it first, once (clean.py drops a repeat).
        text = f"{title}\n{text}"
    return Article(
        doc_id=_string(record.get("id")) or default_id,
        text=text,
        title=title,
        url=_string(record.get("url")),
        published=parse_date(_string(record.get("date"))),
        outlet=_string(record.get("source")),
        origin=origin,
        metadata={key: value for key, value in record.items() if key not in _KNOWN},
    )


def _string(value: Any) -> str | None:
    """A field as a stripped string, None when absent, empty or structured (ids may be numbers)."""
    if value is None or isinstance(value, bool | dict | list):
        return None
    return str(value).strip() or None


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", int: "a number"}
    return names.get(type(value), "a number" if isinstance(value, float) else "null")
