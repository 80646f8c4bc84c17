"""The store: the one narrow interface between entramado and its database (SQLite or PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from types import TracebackType
from typing import Any

from alembic.util import CommandError
from sqlalchemy import Engine, event
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from entramado.config import database_url
from entramado.errors import StoreError
from entramado.models import Article, EntityType, Extraction, RelationType
from entramado.store import analysis_queries, decide, explore_queries, queries, write
from entramado.store.analysis_queries import DatedEvidence
from entramado.store.connect import WRITE, create, masked
from entramado.store.decide import Decision
from entramado.store.explore_queries import MarkedEvidence, NameRow, Page
from entramado.store.export_queries import ExportEvidence, actor_aliases, tie_evidence
from entramado.store.graph_rows import GraphFilter, GraphRows, graph_rows
from entramado.store.migrate import upgrade
from entramado.store.queries import (
    ActorDetail,
    ArticleSummary,
    EntitySummary,
    EvidenceView,
    StoreStats,
    TieSummary,
)

# An add() that collides with a concurrent writer creating the same entity or tie (PostgreSQL;
# SQLite serialises writers) is retried from scratch; after this many tries something else is wrong.
WRITE_ATTEMPTS = 3


class Store:
    """A database of articles, actors, ties and evidence. Open with :meth:`Store.open`."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        # Every write goes through this engine: its transactions take the write lock at BEGIN.
        self._writer = engine.execution_options(**{WRITE: True})
        self.url = masked(engine.url.render_as_string(hide_password=False))

    @classmethod
    def open(cls, url: str | None = None) -> Store:
        """Open (creating if need be) the database at ``url`` and migrate it to the current schema.

        ``url`` is any SQLAlchemy URL or a path to a SQLite file; None means ``$ENTRAMADO_DB``
        or ``./entramado.db``. The folder of a SQLite file must exist.
        """
        resolved = database_url(url)
        engine = create(resolved)
        try:
            upgrade(engine)
        except StoreError:
            engine.dispose()
            raise
        except (SQLAlchemyError, CommandError, OSError) as exc:
            engine.dispose()
            reason = getattr(exc, "orig", None) or exc
            check = (
                "Check that its folder exists and is writable and that the file is an entramado database"
                if engine.dialect.name == "sqlite"
                else "Check that the server is reachable and the user and password are right"
            )
            raise StoreError(
                f"cannot open the database {masked(resolved)}: {reason}. {check}, "
                "or choose another database with --db or $ENTRAMADO_DB."
            ) from exc
        return cls(engine)

    def close(self) -> None:
        """Release the database connections."""
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.url!r})"

    # -- writing -----------------------------------------------------------------------------

    def contains(self, content_hash: str) -> bool:
        """Whether an article with this content hash (``Article.content_hash``) is stored."""
        with Session(self._engine) as session:
            return write.exists(session, content_hash)

    def add(self, extraction: Extraction) -> bool:
        """Store one article and all that was extracted from it, in one transaction.

        Returns False, and writes nothing, when the same text is already stored. On any error
        nothing of the article is written and nothing stored before is touched.
        """
        for attempt in range(1, WRITE_ATTEMPTS + 1):
            try:
                with Session(self._writer) as session, session.begin():
                    # The user's judgements are replayed on every article, so they hold for new ones.
                    return write.add_extraction(session, extraction, decide.load(session))
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
        if not extractions:
            return []
        try:
            with Session(self._writer) as session, session.begin():
                decisions = decide.load(session)
                return [write.add_extraction(session, e, decisions) for e in extractions]
        except SQLAlchemyError as exc:
            reason = getattr(exc, "orig", None) or exc
            raise StoreError(
                f"could not store a batch of {len(extractions)} articles in {self.url}: {reason}"
            ) from exc

    def stored_articles(self, batch_size: int = 50) -> Iterator[list[tuple[int, Article]]]:
        """Every stored article with its row id, in the order they were stored, ``batch_size`` at a time.

        Each batch is read in its own short session, so writing between batches is safe.
        """
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
        label = extraction.article.origin or extraction.article.doc_id
        with self._writing(f"replace the statements of {label}") as session:
            write.replace_statements(session, article_id, extraction)

    # -- judgements: decisions are data, replayed on every rebuild and ingest -------------------

    def merge(self, a: str, b: str, type: EntityType | None = None, note: str | None = None) -> EntitySummary:
        """Record that ``b`` is the actor ``a`` and rebuild; returns the merged actor.

        Every name ``b`` was introduced under, now and in later articles, resolves to ``a``'s actor.
        Names are looked up like :meth:`find_actor`, but a name of several actors is an error.
        """
        with self._writing(f"merge {a!r} and {b!r}") as session:
            return decide.merge(session, a, b, type=type, note=note)

    def split(
        self, actor: str, alias: str, type: EntityType | None = None, note: str | None = None
    ) -> tuple[EntitySummary, EntitySummary | None]:
        """Record that ``alias`` is not ``actor`` and rebuild; returns the actor and the alias's actor.

        Articles that introduce an actor under ``alias`` no longer resolve to ``actor``; they make an
        actor of their own unless a rule sends them elsewhere (None when no article names an actor
        by the alias alone), and the alias is no longer one of ``actor``'s names.
        """
        with self._writing(f"split {alias!r} from {actor!r}") as session:
            return decide.split(session, actor, alias, type=type, note=note)

    def not_same(self, a: str, b: str, type: EntityType | None = None, note: str | None = None) -> Decision:
        """Record that ``a`` and ``b`` are two actors, so no rule ever puts them in one; and rebuild."""
        with self._writing(f"record that {a!r} and {b!r} differ") as session:
            return decide.not_same(session, a, b, type=type, note=note)

    def decisions(self) -> list[Decision]:
        """The recorded judgements, oldest first (the order they apply in)."""
        with Session(self._engine) as session:
            return decide.decisions(session)

    def import_decisions(self, items: list[dict[str, Any]]) -> int:
        """Add exported judgements (``decisions --json``) that are not recorded yet, and rebuild.

        Returns how many were added. Judgements name actors by name, so they apply to any database,
        a fresh one included: they take effect on the articles ingested afterwards.
        """
        with self._writing("import decisions") as session:
            return decide.import_rows(session, items)

    def rebuild(self) -> None:
        """Re-derive actors, aliases and ties from the stored statements and judgements, in one transaction.

        Without new judgements this gives exactly what adding the articles one by one gave. It
        rebuilds the whole graph (see :mod:`entramado.store.rebuild` for the cost).
        """
        with self._writing("rebuild") as session:
            decide.apply(session)

    @contextmanager
    def _writing(self, what: str) -> Iterator[Session]:
        """One write transaction; database errors become a StoreError naming ``what``."""
        try:
            with Session(self._writer) as session, session.begin():
                yield session
        except SQLAlchemyError as exc:
            raise StoreError(f"could not {what} in {self.url}: {exc}") from exc

    # -- reading -----------------------------------------------------------------------------

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A read-only SQLAlchemy session on the schema (``store.schema``), for tests and inspection.

        Loaded rows stay readable after the block. It refuses to commit, and anything changed
        through it is rolled back on exit, so writing stays with :meth:`add`, the one writer.
        """
        with Session(self._engine) as session:
            event.listen(session, "before_commit", _refuse_commit)
            yield session

    def entities(
        self, type: EntityType | None = None, limit: int | None = None, query: str | None = None
    ) -> list[EntitySummary]:
        """Actors, most present first; optionally of one type or with a name containing ``query``."""
        with Session(self._engine) as session:
            return queries.entities(session, type=type, limit=limit, query=query)

    def find_actor(self, query: str) -> EntitySummary:
        """The actor ``query`` names (accents and case aside), else ``ActorNotFoundError``."""
        with Session(self._engine) as session:
            return queries.find_actor(session, query)

    def actor(self, query: str, evidence_limit: int = 5) -> ActorDetail:
        """An actor with its ties by type and the newest evidence of each."""
        with Session(self._engine) as session:
            return queries.actor(session, query, evidence_limit=evidence_limit)

    def relations(
        self,
        type: RelationType | None = None,
        min_confidence: float = 0.0,
        include_co_mentions: bool = False,
        limit: int | None = None,
    ) -> list[TieSummary]:
        """Aggregated ties, strongest first; co-mentions only when asked for."""
        with Session(self._engine) as session:
            return queries.relations(
                session,
                type=type,
                min_confidence=min_confidence,
                include_co_mentions=include_co_mentions,
                limit=limit,
            )

    def articles(self, limit: int | None = None) -> list[ArticleSummary]:
        """Stored articles, newest first."""
        with Session(self._engine) as session:
            return queries.articles(session, limit=limit)

    def graph_rows(self, flt: GraphFilter) -> GraphRows:
        """The actors and ties that pass ``flt``, as rows for the analyse stage."""
        with self.session() as session:
            return graph_rows(session, flt)

    def evidence_for(self, relation_ids: list[int], limit: int = 3) -> dict[int, list[EvidenceView]]:
        """The newest ``limit`` evidence sentences of each of these ties, by relation id."""
        with Session(self._engine) as session:
            return analysis_queries.evidence_for(session, relation_ids, limit)

    def dated_evidence(self, entity_id: int, flt: GraphFilter) -> list[DatedEvidence]:
        """The evidence of one actor's ties that passes ``flt``, oldest first, for timelines."""
        with Session(self._engine) as session:
            return analysis_queries.dated_evidence(session, entity_id, flt)

    def stats(self) -> StoreStats:
        """Counts of what the database holds."""
        with Session(self._engine) as session:
            return queries.stats(session)

    def export_evidence(self, relation_ids: list[int], flt: GraphFilter) -> list[ExportEvidence]:
        """Every evidence sentence of these ties that passes ``flt``'s window and outlets, for export."""
        with Session(self._engine) as session:
            return tie_evidence(session, relation_ids, flt)

    def export_aliases(self, entity_ids: list[int]) -> dict[int, list[str]]:
        """Each of these actors' other names, for export."""
        with Session(self._engine) as session:
            return actor_aliases(session, entity_ids)

    # -- reading for the explorer (web/) ---------------------------------------------------------

    def version(self) -> tuple[int | None, ...]:
        """A fingerprint of the stored articles, ties and decisions: it changes when any of them does."""
        with Session(self._engine) as session:
            return explore_queries.version(session)

    def outlets(self) -> list[str]:
        """The outlets of the stored articles."""
        with Session(self._engine) as session:
            return explore_queries.outlets(session)

    def evidence_dates(self) -> tuple[dt.date | None, dt.date | None]:
        """The first and last day of dated evidence."""
        with Session(self._engine) as session:
            return explore_queries.evidence_dates(session)

    def name_rows(self) -> list[NameRow]:
        """Every name of every actor with the actor's article count, to build a name index."""
        with Session(self._engine) as session:
            return explore_queries.name_rows(session)

    def summaries(self, ids: list[int]) -> list[EntitySummary]:
        """Summaries of the actors with these ids (unknown ids are left out), most mentioned first."""
        with Session(self._engine) as session:
            return queries.summaries(session, ids)

    def tie(self, relation_id: int) -> TieSummary | None:
        """One tie by id, or None."""
        with Session(self._engine) as session:
            return explore_queries.tie(session, relation_id)

    def tie_evidence(
        self, tie: TieSummary, offset: int = 0, limit: int = 20, flt: GraphFilter | None = None
    ) -> Page[MarkedEvidence]:
        """A page of a tie's evidence sentences (in ``flt``'s window and outlets), newest first,
        with its actors' mentions marked."""
        with Session(self._engine) as session:
            return explore_queries.tie_evidence(session, tie, offset, limit, flt or GraphFilter())

    def ties_by_type(self, entity_id: int) -> dict[str, int]:
        """An actor's number of ties per type."""
        with Session(self._engine) as session:
            return explore_queries.ties_by_type(session, entity_id)


def _refuse_commit(session: Session) -> None:
    raise StoreError("Store.session() is for reading; store articles with Store.add().")
