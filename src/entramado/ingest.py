"""The ingest job: read → clean → annotate → store, batch by batch, with a summary of what happened."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from entramado.clean import clean_article, word_count
from entramado.config import Settings
from entramado.errors import StoreError
from entramado.extract import Extractor, Skipped
from entramado.models import Article, Extraction, ReadFailure, RelationType
from entramado.read import read_inputs
from entramado.store import Store


@dataclass
class IngestSummary:
    """What one ingest run did: counts, and one line per input that failed or was skipped."""

    read: int = 0
    stored: int = 0
    duplicates: int = 0
    entities: int = 0  # entities of the stored articles (before resolution across articles)
    ties: int = 0  # typed ties of the stored articles, CO_MENTION excluded
    words: int = 0
    seconds: float = 0.0
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


def _prepared(
    items: Iterable[Article | ReadFailure], settings: Settings, summary: IngestSummary, store: Store | None
) -> Iterator[Article | ReadFailure]:
    """Cleaned articles worth annotating, and failures passed through; duplicates are counted and dropped."""
    seen: set[str] = set()
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
        digest = article.content_hash
        if digest in seen or (store is not None and store.contains(digest)):
            summary.duplicates += 1
            continue
        seen.add(digest)
        yield article


def _batches(
    items: Iterable[Article | ReadFailure], size: int
) -> Iterator[tuple[list[ReadFailure], list[Article]]]:
    """Group a stream into batches of ``size`` articles, with the failures met on the way."""
    failures: list[ReadFailure] = []
    articles: list[Article] = []
    for item in items:
        if isinstance(item, ReadFailure):
            failures.append(item)
        else:
            articles.append(item)
        if len(articles) >= size:
            yield failures, articles
            failures, articles = [], []
    if failures or articles:
        yield failures, articles


def ingest(
    inputs: Iterable[str],
    store: Store,
    settings: Settings | None = None,
    progress: ProgressHook | None = None,
) -> IngestSummary:
    """Read, annotate and store every input; one transaction per article, so a crash loses no stored work."""
    settings = settings or Settings()
    summary = IngestSummary()
    extractor = Extractor(settings)
    notify = progress or (lambda outcome, label: None)
    started = time.perf_counter()
    # read_inputs opens an HTTP client only when a URL or feed needs one, and closes it
    stream = _prepared(read_inputs(inputs, settings), settings, summary, store)
    for failures, articles in _batches(stream, settings.batch_size):
        for failure in failures:
            summary.failed.append(str(failure))
            notify("failed", str(failure))
        for result in extractor.extract_many(articles):
            _store_one(result, store, summary, notify)
    summary.seconds = time.perf_counter() - started
    return summary


def _store_one(
    result: Extraction | Skipped, store: Store, summary: IngestSummary, notify: ProgressHook
) -> None:
    if isinstance(result, Skipped):
        summary.skipped.append(str(result))
        notify("skipped", str(result))
        return
    label = result.article.title or result.article.doc_id
    try:
        added = store.add(result)
    except StoreError as exc:
        # the article's transaction was rolled back: count it as failed and go on with the batch
        line = f"{result.article.origin or result.article.doc_id}: not stored: {exc}"
        summary.failed.append(line)
        notify("failed", line)
        return
    if added:
        summary.stored += 1
        summary.words += word_count(result.article.text)
        summary.entities += len(result.entities)
        summary.ties += sum(1 for r in result.relations if r.type != RelationType.CO_MENTION)
        notify("stored", label)
    else:  # stored by another writer since we checked: still a no-op
        summary.duplicates += 1
        notify("duplicate", label)


def extract(
    inputs: Iterable[str],
    settings: Settings | None = None,
    keep: Callable[[Article], bool] | None = None,
) -> Iterator[Extraction | Skipped | ReadFailure]:
    """Read and annotate inputs without storing anything (``entramado extract``).

    ``keep`` selects articles before the costly annotation (``eval`` keeps the gold's articles only).
    """
    settings = settings or Settings()
    extractor = Extractor(settings)
    read = read_inputs(inputs, settings)
    if keep is not None:
        read = (item for item in read if isinstance(item, ReadFailure) or keep(item))
    stream = _prepared(read, settings, IngestSummary(), None)
    for failures, articles in _batches(stream, settings.batch_size):
        yield from failures
        yield from extractor.extract_many(articles)
