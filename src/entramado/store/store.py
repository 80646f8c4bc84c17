"""The store: the one narrow interface between entramado and its database (SQLite or PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from entramado.errors import StoreError
from entramado.models import Article, Extraction
from entramado.store import decide, judge_overlay
from entramado.store.correcting import Corrections
from entramado.store.judging import Judgements
from entramado.store.reading import Reads

# An add() that collides with a concurrent writer creating the same entity or tie (PostgreSQL;
# SQLite serialises writers) is retried from scratch; after this many tries something else is wrong.
WRITE_ATTEMPTS = 3


# store.write (resolution, wire signatures: datasketch and scipy) is imported by the methods that
# write, so that commands that only read start fast (tests/test_cli_startup.py).


class Store(Reads, Judgements, Corrections):
    """A database of articles, actors, ties and evidence. Open with :meth:`Store.open`.

    Writing articles is here; reading is in :class:`Reads`, the user's judgements in :class:`Judgements`.
    """

    def contains(self, content_hash: str) -> bool:
        """Whether an article with this content hash (``Article.content_hash``) is stored."""
        from entramado.store import write

        with Session(self._engine) as session:
            return write.exists(session, content_hash)

    def add(self, extraction: Extraction) -> bool:
        """Store one article and all that was extracted from it, in one transaction.

        Returns False, and writes nothing, when the same text is already stored. On any error
        nothing of the article is written and nothing stored before is touched.
        """
        from entramado.store import write

        for attempt in range(1, WRITE_ATTEMPTS + 1):
            try:
                with Session(self._writer) as session, session.begin():
                    # The user's judgements are replayed on every article, so they hold for new ones.
                    added = write.add_extraction(session, extraction, decide.load(session))
                    if added:
                        judge_overlay.apply(session)
                    return added
            except IntegrityError as exc:
                # Another writer stored the same article meanwhile: still a no-op. Otherwise it
                # created one of our entities or ties first; the retry will find and reuse it.
                if self.contains(extraction.article.content_hash):
                    return False
                if attempt == WRITE_ATTEMPTS:
                    raise StoreError(
                        f"could not store {extraction.article.doc_id} in {self.url}: {exc.orig}"
                    ) from exc
            except SQLAlchemyError as exc:
                raise StoreError(f"could not store {extraction.article.doc_id} in {self.url}: {exc}") from exc
        raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises

    def add_batch(self, extractions: Sequence[Extraction]) -> list[bool]:
        """Store several articles in one transaction; for each, whether it was added (False: already stored).

        All or nothing: on any error nothing of the batch is written and a StoreError says why. The
        caller may then store the articles one by one with :meth:`add`, so that one article the
        store refuses costs only itself. One commit per batch instead of one per article is most of
        what makes a large ingest fast on SQLite.
        """
        from entramado.store import write

        if not extractions:
            return []
        try:
            with Session(self._writer) as session, session.begin():
                decisions = decide.load(session)
                added = [write.add_extraction(session, e, decisions) for e in extractions]
                if any(added):
                    judge_overlay.apply(session)
                return added
        except SQLAlchemyError as exc:
            reason = getattr(exc, "orig", None) or exc
            raise StoreError(
                f"could not store a batch of {len(extractions)} articles in {self.url}: {reason}"
            ) from exc

    def stored_articles(self, batch_size: int = 50) -> Iterator[list[tuple[int, Article]]]:
        """Every stored article with its row id, in the order they were stored, ``batch_size`` at a time.

        Each batch is read in its own short session, so writing between batches is safe.
        """
        from entramado.store import write

        last = 0
        while True:
            with Session(self._engine) as session:
                batch = write.stored_articles(session, after=last, limit=batch_size)
            if not batch:
                return
            yield batch
            last = batch[-1][0]

    def replace_statements(self, article_id: int, extraction: Extraction) -> None:
        """Replace one stored article's mentions and evidence by a new extraction's, in one transaction.

        The new statements are unresolved until :meth:`rebuild`, which must follow (``reindex`` does).
        """
        from entramado.store import write

        label = extraction.article.origin or extraction.article.doc_id
        with self._writing(f"replace the statements of {label}") as session:
            write.replace_statements(session, article_id, extraction)

    def rebuild(self) -> None:
        """Re-derive actors, aliases and ties from the stored statements and judgements, in one transaction.

        Without new judgements this gives exactly what adding the articles one by one gave. It
        rebuilds the whole graph (see :mod:`entramado.store.rebuild` for the cost).
        """
        from entramado.store.rebuild import rebuild

        with self._writing("rebuild") as session:
            rebuild(session, decide.load(session))
