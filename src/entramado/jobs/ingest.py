"""The ingest job: read → clean → annotate (here or on workers) → store, batch by batch, with a summary."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from entramado.annotate.extract import Extractor, Failed, Result, Skipped
from entramado.config import Settings
from entramado.errors import StoreError
from entramado.jobs.parallel import Batch, Executor, executor_for
from entramado.models import Article, Extraction, ReadFailure, RelationType
from entramado.read import read_inputs
from entramado.read.clean import clean_article, word_count
from entramado.store import Store


@dataclass
class IngestSummary:
    """What one ingest run did: counts, and one line per input that failed or was skipped."""

    read: int = 0
    stored: int = 0
    duplicates: int = 0
    entities: int = 0  # entities of the stored articles (before resolution across articles)
    mentions: int = 0  # mentions of those entities in the stored articles' texts
    dropped_dates: int = 0  # evidence dates outside the plausible window, left undated
    ties: int = 0  # typed ties of the stored articles, CO_MENTION excluded
    words: int = 0
    seconds: float = 0.0
    interrupted: bool = False  # stopped on request (Ctrl-C) after writing the batch at hand
    failed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no input failed (skipped languages and duplicates are not failures)."""
        return not self.failed

    @property
    def articles_per_second(self) -> float:
        """Throughput over the run's wall-clock time."""
        return self.stored / self.seconds if self.seconds else 0.0

    @property
    def words_per_second(self) -> float:
        """Words of stored articles per second of wall-clock time."""
        return self.words / self.seconds if self.seconds else 0.0


# Called after each input with its outcome ("stored", "duplicate", "failed", "skipped") and a label.
ProgressHook = Callable[[str, str], None]


class _Unwritten:
    """Content hashes of this run's articles not yet written; with the store, which texts are known.

    Only the hashes of articles in flight are held: once a batch is written the store remembers
    its articles, so memory stays flat however long the input (without a store, all are kept).
    """

    def __init__(self, store: Store | None) -> None:
        self._store = store
        self._hashes: set[str] = set()

    def known(self, digest: str) -> bool:
        """Whether this text was met already (stored, or in flight); if not, it is now."""
        if digest in self._hashes or (self._store is not None and self._store.contains(digest)):
            return True
        self._hashes.add(digest)
        return False

    def written(self, articles: Iterable[Article]) -> None:
        """Forget these articles: the store answers for them from now on."""
        if self._store is not None:
            self._hashes.difference_update(a.content_hash for a in articles)


def _prepared(
    items: Iterable[Article | ReadFailure],
    settings: Settings,
    summary: IngestSummary,
    known: Callable[[str], bool],
    notify: ProgressHook | None = None,
) -> Iterator[Article | ReadFailure]:
    """Cleaned articles worth annotating, and failures passed through; duplicates are counted and dropped."""
    for item in items:
        if isinstance(item, ReadFailure):
            yield item
            continue
        summary.read += 1
        article = clean_article(item)
        if len(article.text) < settings.min_chars:
            yield ReadFailure(article.origin or article.doc_id, "no article text after cleaning")
            continue
        if article.metadata.get("encoding") not in (None, "utf-8"):
            summary.notices.append(f"{article.origin}: not UTF-8, decoded as {article.metadata['encoding']}")
        if known(article.content_hash):
            summary.duplicates += 1
            if notify is not None:  # the progress bar's total counts every input article
                notify("duplicate", article.title or article.doc_id)
            continue
        yield article


def _batches(items: Iterable[Article | ReadFailure], size: int) -> Iterator[Batch]:
    """Group a stream into batches of ``size`` articles, with the failures met on the way."""
    batch = Batch()
    for item in items:
        if isinstance(item, ReadFailure):
            batch.failures.append(item)
        else:
            batch.articles.append(item)
        if len(batch.articles) >= size:
            yield batch
            batch = Batch()
    if batch.failures or batch.articles:
        yield batch


def ingest(
    inputs: Iterable[str],
    store: Store,
    settings: Settings | None = None,
    progress: ProgressHook | None = None,
    stop: threading.Event | None = None,
    executor: Executor | None = None,
) -> IngestSummary:
    """Read, annotate and store every input; one transaction per batch, so a crash loses no stored work.

    Extraction runs where ``executor`` puts it (default: as ``settings`` say, in this process or on
    a Dask cluster; an executor passed in is left open); writing stays here, in input order, so the
    result is the same however many workers extract. Once ``stop`` is set (Ctrl-C in the CLI), the
    batch at hand is written and the run ends, marked ``interrupted``: running it again skips the
    stored articles by content hash and goes on with the rest.
    """
    settings = settings or Settings()
    summary = IngestSummary()
    notify = progress or (lambda outcome, label: None)
    started = time.perf_counter()
    runner = executor or executor_for(settings)
    unwritten = _Unwritten(store)
    try:
        # read_inputs opens an HTTP client only when a URL or feed needs one, and closes it
        stream = _prepared(read_inputs(inputs, settings), settings, summary, unwritten.known, notify)
        for batch, results in runner.map(_batches(stream, settings.batch_size)):
            for failure in batch.failures:
                summary.failed.append(str(failure))
                notify("failed", str(failure))
            _write(results, store, summary, notify)
            unwritten.written(batch.articles)
            if stop is not None and stop.is_set():
                summary.interrupted = True
                break
    finally:
        if executor is None:
            runner.close()
        summary.seconds = time.perf_counter() - started
    return summary


def _write(results: list[Result], store: Store, summary: IngestSummary, notify: ProgressHook) -> None:
    """Store one batch's extractions in one transaction; if it fails, each in its own, so one bad
    article costs only itself."""
    extractions = [r for r in results if isinstance(r, Extraction)]
    added: Iterator[bool] | None = None
    try:
        added = iter(store.add_batch(extractions))
    except StoreError as exc:
        summary.notices.append(
            f"a batch of {len(extractions)} articles could not be stored in one transaction ({exc}); "
            "stored one by one instead"
        )
    for result in results:
        if isinstance(result, Skipped):
            summary.skipped.append(str(result))
            notify("skipped", str(result))
        elif isinstance(result, Failed):
            summary.failed.append(str(result))
            notify("failed", str(result))
        elif added is not None:
            _count(result, next(added), summary, notify)
        else:
            _store_one(result, store, summary, notify)


def _store_one(result: Extraction, store: Store, summary: IngestSummary, notify: ProgressHook) -> None:
    try:
        added = store.add(result)
    except StoreError as exc:
        # the article's transaction was rolled back: count it as failed and go on with the batch
        line = f"{result.article.origin or result.article.doc_id}: not stored: {exc}"
        summary.failed.append(line)
        notify("failed", line)
        return
    _count(result, added, summary, notify)


def _count(result: Extraction, added: bool, summary: IngestSummary, notify: ProgressHook) -> None:
    label = result.article.title or result.article.doc_id
    if added:
        summary.stored += 1
        summary.words += word_count(result.article.text)
        summary.entities += len(result.entities)
        summary.mentions += sum(len(e.mentions) for e in result.entities)
        summary.dropped_dates += result.dropped_dates
        summary.ties += sum(1 for r in result.relations if r.type != RelationType.CO_MENTION)
        notify("stored", label)
    else:  # stored by another writer since we checked: still a no-op
        summary.duplicates += 1
        notify("duplicate", label)


def extract(
    inputs: Iterable[str],
    settings: Settings | None = None,
    keep: Callable[[Article], bool] | None = None,
) -> Iterator[Extraction | Skipped | Failed | ReadFailure]:
    """Read and annotate inputs without storing anything (``entramado extract``).

    ``keep`` selects articles before the costly annotation (``eval`` keeps the gold's articles only).
    """
    settings = settings or Settings()
    extractor = Extractor(settings)
    read = read_inputs(inputs, settings)
    if keep is not None:
        read = (item for item in read if isinstance(item, ReadFailure) or keep(item))
    stream = _prepared(read, settings, IngestSummary(), _Unwritten(None).known)
    for batch in _batches(stream, settings.batch_size):
        yield from batch.failures
        yield from extractor.extract_many(batch.articles)
