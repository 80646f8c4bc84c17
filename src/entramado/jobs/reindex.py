"""The reindex job: re-extract every stored article with the current pipeline, then rebuild the graph."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from entramado.annotate.extract import Extractor, Failed, Skipped
from entramado.config import Settings
from entramado.errors import StoreError
from entramado.jobs.ingest import ProgressHook
from entramado.store import Store
from entramado.store.reads.records import StoreStats


@dataclass
class ReindexSummary:
    """What one reindex run did: articles re-extracted, skipped and failed, and the ties before and after."""

    articles: int = 0  # stored articles seen
    reextracted: int = 0
    ties_before: int = 0  # typed ties in the database, CO_MENTION excluded
    ties_after: int = 0
    seconds: float = 0.0
    failed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no article failed (an article whose language is no longer supported is skipped)."""
        return not self.failed


def reindex(
    store: Store, settings: Settings | None = None, progress: ProgressHook | None = None
) -> ReindexSummary:
    """Re-run extraction over the stored articles after a model or rule change, keeping the user's decisions.

    Each article's statements (mentions, evidence) are replaced in a transaction of their own; an
    article that cannot be re-extracted keeps its old ones. Then the resolved layer (actors, aliases,
    ties) is rebuilt once from all statements, replaying the merge, split and not-same decisions.
    Until that rebuild the graph does not reflect the new statements; if a run is interrupted,
    running it again (or any decision, which rebuilds) brings them back in line.
    """
    settings = settings or Settings()
    extractor = Extractor(settings)
    notify = progress or (lambda outcome, label: None)
    summary = ReindexSummary(ties_before=ties(store.stats()))
    started = time.perf_counter()
    for batch in store.stored_articles(settings.batch_size):
        results = extractor.extract_many(article for _, article in batch)
        for (article_id, article), result in zip(batch, results, strict=True):
            summary.articles += 1
            label = article.origin or article.doc_id
            if isinstance(result, Skipped):
                line = f"{result}; its earlier statements are kept"
                summary.skipped.append(line)
                notify("skipped", line)
                continue
            if isinstance(result, Failed):
                line = f"{result}; its earlier statements are kept"
                summary.failed.append(line)
                notify("failed", line)
                continue
            try:
                store.replace_statements(article_id, result)
            except StoreError as exc:
                line = f"{label}: not re-extracted, its earlier statements are kept: {exc}"
                summary.failed.append(line)
                notify("failed", line)
                continue
            summary.reextracted += 1
            notify("reindexed", article.title or article.doc_id)
    store.rebuild()
    summary.ties_after = ties(store.stats())
    summary.seconds = time.perf_counter() - started
    return summary


def ties(stats: StoreStats) -> int:
    """The typed ties a database holds, mere co-mentions aside."""
    return sum(count for type_, count in stats.relations.items() if type_ != "CO_MENTION")
