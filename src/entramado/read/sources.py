"""Dispatching inputs (stdin, URLs, folders, files) to the reader of their kind, failures as values."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

import httpx

from entramado.config import Settings
from entramado.errors import ReadError
from entramado.models import Article, ReadFailure
from entramado.read.bounded import bounded_lines, read_at_most, too_large
from entramado.read.feed import read_feed
from entramado.read.fetch import Fetched, fetch, new_client, url_doc_id
from entramado.read.html import read_html
from entramado.read.jsonl import read_jsonl
from entramado.read.sidecar import dated, is_sidecar, sidecar_date, split_front_matter
from entramado.read.sniff import HEAD_BYTES, Kind, kind_of_answer, sniff
from entramado.read.text import read_text
from entramado.read.walk import files_under, why_unreachable

Item = Article | ReadFailure

STDIN = "stdin"
_KIND_BY_SUFFIX: dict[str, Kind] = {
    ".txt": "text",
    ".md": "text",
    "": "text",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
}


class _Http:
    """The caller's HTTP client, or one made on first use and closed when reading ends."""

    def __init__(self, client: httpx.Client | None, settings: Settings) -> None:
        self._client = client
        self._owned: httpx.Client | None = None
        self._settings = settings

    def client(self) -> httpx.Client:
        if self._client is None:
            self._client = self._owned = new_client(self._settings)
        return self._client

    def close(self) -> None:
        if self._owned is not None:
            self._owned.close()


def read_inputs(
    inputs: Iterable[str], settings: Settings | None = None, client: httpx.Client | None = None
) -> Iterator[Article | ReadFailure]:
    """Articles read from each input ("-" for stdin, a URL, a folder or a file), lazily, in order.

    Nothing escapes as an exception: every input that cannot be read becomes a ReadFailure naming it, and
    reading goes on with the next one. Without ``client``, one is made when a URL or a feed needs it.
    """
    settings = settings or Settings()
    http = _Http(client, settings)
    try:
        for raw in inputs:
            for item in _guarded(raw, _read_one(raw, settings, http)):
                yield dated(item, settings.default_date)
    finally:
        http.close()


def _guarded(origin: str, items: Iterator[Item]) -> Iterator[Item]:
    """``items``, with an unexpected error turned into a failure of ``origin`` so the batch goes on."""
    try:
        yield from items
    except ReadError as exc:
        yield ReadFailure(exc.origin, exc.reason)
    except OSError as exc:
        yield ReadFailure(origin, f"cannot read: {exc.strerror or exc}")
    except Exception as exc:  # a bug in a third-party parser must cost one input, not the whole batch
        yield ReadFailure(origin, f"could not be read ({type(exc).__name__}: {exc})")


def _read_one(raw: str, settings: Settings, http: _Http) -> Iterator[Item]:
    if raw == "-":
        yield from _read_stream(sys.stdin.buffer, STDIN, STDIN, settings, http)
    elif raw.lower().startswith(("http://", "https://")):
        yield from _read_url(raw, settings, http)
    else:
        path = Path(raw).expanduser()
        try:
            mode = path.stat().st_mode
        except OSError as exc:
            yield ReadFailure(raw, why_unreachable(path, exc))
            return
        if stat.S_ISDIR(mode):
            yield from _read_folder(path, settings, http)
        elif stat.S_ISSOCK(mode):
            yield ReadFailure(raw, "a socket, not a file; send what it holds to `entramado ingest -` instead")
        else:  # a file, or a pipe, device or /proc file named on its own: read, up to the byte limit
            yield from _read_file(path, raw, settings, http)


def _read_folder(folder: Path, settings: Settings, http: _Http) -> Iterator[Item]:
    found = False
    for entry in files_under(folder):
        if isinstance(entry, Path) and is_sidecar(entry):
            continue  # FILE.meta.yaml describes FILE; it is not an article
        found = True
        if isinstance(entry, ReadFailure):
            yield entry
        else:
            yield from _guarded(str(entry), _read_file(entry, str(entry), settings, http))
    if not found:
        yield ReadFailure(str(folder), "the folder holds no files to read")


def _read_file(path: Path, origin: str, settings: Settings, http: _Http) -> Iterator[Item]:
    when = sidecar_date(path)
    for item in _read_path(path, origin, settings, http):
        yield dated(item, when)


def _read_path(path: Path, origin: str, settings: Settings, http: _Http) -> Iterator[Item]:
    kind = _KIND_BY_SUFFIX.get(path.suffix.lower())
    limit = settings.max_input_bytes
    with path.open("rb") as stream:
        if kind is None:
            yield from _read_stream(stream, origin, path.stem, settings, http)
        elif kind == "jsonl":
            # JSONL streams line by line, so any number of lines will do; each one is held to the limit.
            yield from read_jsonl(bounded_lines(stream, limit), origin, path.stem)
        else:
            # The size a file reports is only a shortcut: pipes, devices and /proc files report 0.
            small = not stat.S_ISREG(os.fstat(stream.fileno()).st_mode) or path.stat().st_size <= limit
            data = read_at_most(stream, limit) if small else None
            if data is None:
                yield ReadFailure(origin, too_large(limit))
            else:
                yield from _read_kind(kind, data, origin, path.stem, settings, http)


def _read_stream(stream: BinaryIO, origin: str, stem: str, settings: Settings, http: _Http) -> Iterator[Item]:
    """Read an input of unknown kind (stdin, a file without a known suffix), sniffing its first bytes."""
    head = stream.read(HEAD_BYTES)
    complete = len(head) < HEAD_BYTES
    kind = sniff(head, complete)
    limit = settings.max_input_bytes
    if kind == "jsonl":
        yield from read_jsonl(bounded_lines(stream, limit, head), origin, stem)
        return
    data = head if complete and len(head) <= limit else read_at_most(stream, limit, head)
    if data is None:
        yield ReadFailure(origin, too_large(limit))
        return
    yield from _read_kind(kind, data, origin, stem, settings, http)


def _read_kind(
    kind: Kind, data: bytes, origin: str, doc_id: str, settings: Settings, http: _Http
) -> Iterator[Item]:
    if kind == "jsonl":
        yield from read_jsonl(data.splitlines(), origin, doc_id)
    elif kind == "feed":
        yield from read_feed(data, origin, settings, http.client())
    elif kind == "html":
        yield read_html(data, origin, doc_id, settings)
    else:
        body, when = split_front_matter(data, origin)
        yield dated(read_text(body, origin, doc_id), when)


def _read_url(url: str, settings: Settings, http: _Http) -> Iterator[Item]:
    fetched = fetch(url, http.client(), settings)
    if not isinstance(fetched, Fetched):
        yield fetched
        return
    kind = kind_of_answer(fetched.content_type, fetched.body)
    if kind == "feed":
        yield from read_feed(fetched.body, url, settings, http.client())
    elif kind == "text":
        article = read_text(fetched.body, url, url_doc_id(url))
        yield replace(article, url=fetched.url) if isinstance(article, Article) else article
    else:
        yield read_html(fetched.body, url, url_doc_id(url), settings, url=fetched.url)
