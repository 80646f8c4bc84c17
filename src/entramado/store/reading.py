"""The store's reads as methods: each opens a short session and calls one reader of :mod:`store.reads`."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from entramado.errors import EntramadoError
from entramado.models import EntityType, RelationType
from entramado.store import ids
from entramado.store.base import StoreBase
from entramado.store.reads import actors, analysis, duplicates, explore, search
from entramado.store.reads.analysis import DatedEvidence
from entramado.store.reads.explore import MarkedEvidence, NameRow, Page
from entramado.store.reads.export import ExportEvidence, actor_aliases, tie_evidence
from entramado.store.reads.graph import GraphFilter, GraphRows, graph_rows
from entramado.store.reads.outlets import Outlet
from entramado.store.reads.outlets import outlets as read_outlets
from entramado.store.reads.records import (
    ActorDetail,
    ArticleSummary,
    EntitySummary,
    EvidenceView,
    StoreStats,
    TieSummary,
)


class Reads(StoreBase):
    """Reading the store: for the CLI, the analyse stage, the exports and the explorer."""

    def entities(
        self, type: EntityType | None = None, limit: int | None = None, query: str | None = None
    ) -> list[EntitySummary]:
        """Actors, most present first; optionally of one type or with a name containing ``query``."""
        with Session(self._engine) as session:
            return actors.entities(session, type=type, limit=limit, query=query)

    def search_text(self, query: str, limit: int = 20, offset: int = 0) -> search.TextSearch:
        """Articles whose title or text holds every word of ``query``, with snippets, actors and evidence."""
        with Session(self._engine) as session:
            return search.search_text(session, query, limit=limit, offset=offset)

    def find_actor(self, query: str) -> EntitySummary:
        """The actor ``query`` names (accents and case aside), else ``ActorNotFoundError``."""
        with Session(self._engine) as session:
            return actors.find_actor(session, query)

    def actor(self, query: str, evidence_limit: int = 5) -> ActorDetail:
        """An actor with its ties by type and the newest evidence of each."""
        with Session(self._engine) as session:
            return actors.actor(session, query, evidence_limit=evidence_limit)

    def relations(
        self,
        type: RelationType | None = None,
        min_confidence: float = 0.0,
        include_co_mentions: bool = False,
        limit: int | None = None,
    ) -> list[TieSummary]:
        """Aggregated ties, strongest first; co-mentions only when asked for."""
        with Session(self._engine) as session:
            return actors.relations(
                session,
                type=type,
                min_confidence=min_confidence,
                include_co_mentions=include_co_mentions,
                limit=limit,
            )

    def articles(self, limit: int | None = None) -> list[ArticleSummary]:
        """Stored articles, newest first."""
        with Session(self._engine) as session:
            return actors.articles(session, limit=limit)

    def graph_rows(self, flt: GraphFilter) -> GraphRows:
        """The actors and ties that pass ``flt``, as rows for the analyse stage."""
        with self.session() as session:
            return graph_rows(session, flt)

    def evidence_for(self, relation_ids: list[int], limit: int = 3) -> dict[int, list[EvidenceView]]:
        """The newest ``limit`` evidence sentences of each of these ties, by relation id."""
        with Session(self._engine) as session:
            return analysis.evidence_for(session, relation_ids, limit)

    def dated_evidence(self, entity_id: int, flt: GraphFilter) -> list[DatedEvidence]:
        """The evidence of one actor's ties that passes ``flt``, oldest first, for timelines."""
        with Session(self._engine) as session:
            return analysis.dated_evidence(session, entity_id, flt)

    def stats(self) -> StoreStats:
        """Counts of what the database holds."""
        with Session(self._engine) as session:
            return actors.stats(session)

    def export_evidence(self, relation_ids: list[int], flt: GraphFilter) -> list[ExportEvidence]:
        """Every evidence sentence of these ties that passes ``flt``'s window and outlets, for export."""
        with Session(self._engine) as session:
            return tie_evidence(session, relation_ids, flt)

    def export_aliases(self, entity_ids: list[int]) -> dict[int, list[str]]:
        """Each of these actors' other names, for export."""
        with Session(self._engine) as session:
            return actor_aliases(session, entity_ids)

    def version(self) -> tuple[int | None, ...]:
        """A fingerprint of the stored articles, ties and decisions: it changes when any of them does."""
        with Session(self._engine) as session:
            return explore.version(session)

    def outlets(self) -> list[Outlet]:
        """The outlets of the stored articles, one per outlet however many ways it is spelt."""
        with Session(self._engine) as session:
            return read_outlets(session)

    def evidence_dates(self) -> tuple[dt.date | None, dt.date | None]:
        """The first and last day of dated evidence."""
        with Session(self._engine) as session:
            return explore.evidence_dates(session)

    def name_rows(self) -> list[NameRow]:
        """Every name of every actor with the actor's article count, to build a name index."""
        with Session(self._engine) as session:
            return explore.name_rows(session)

    def summaries(self, ids: list[int]) -> list[EntitySummary]:
        """Summaries of the actors with these ids (unknown ids are left out), most mentioned first."""
        with Session(self._engine) as session:
            return actors.summaries(session, ids)

    def tie(self, relation_id: int) -> TieSummary | None:
        """One tie by id, or None."""
        with Session(self._engine) as session:
            return explore.tie(session, relation_id)

    def tie_evidence(
        self, tie: TieSummary, offset: int = 0, limit: int = 20, flt: GraphFilter | None = None
    ) -> Page[MarkedEvidence]:
        """A page of a tie's evidence sentences (in ``flt``'s window and outlets), newest first,
        with its actors' mentions marked."""
        with Session(self._engine) as session:
            return explore.tie_evidence(session, tie, offset, limit, flt or GraphFilter())

    def ties_by_type(self, entity_id: int) -> dict[str, int]:
        """An actor's number of ties per type."""
        with Session(self._engine) as session:
            return explore.ties_by_type(session, entity_id)

    def current_id(self, entity_id: int) -> int | None:
        """The id of the actor ``entity_id`` stands for now: itself, or the actor it was merged
        into (ids are kept by name, store/ids.py); None when no actor ever had it or holds its names."""
        with Session(self._engine) as session:
            return ids.redirect(session, entity_id)

    def actor_by_id(self, entity_id: int, evidence_limit: int = 5) -> ActorDetail:
        """The actor with this id, or the one it was merged into (an EntramadoError when none is)."""
        with Session(self._engine) as session:
            current = ids.redirect(session, entity_id)
            found = actors.summaries(session, [current]) if current is not None else []
            if not found:
                raise EntramadoError(
                    f"no actor has the id {entity_id}, nor holds the names it stood for; "
                    "find actors by name with `entramado search`."
                )
            return actors.detail(session, found[0], evidence_limit)

    def duplicate_profiles(self, type: EntityType | None = None) -> dict[int, duplicates.ActorProfile]:
        """Every actor (of ``type``) with its names, articles and neighbours, for suggested merges."""
        with Session(self._engine) as session:
            return duplicates.profiles(session, type)

    def article_titles(self, article_ids: list[int]) -> dict[int, str]:
        """The title (else the document id) of each of these articles."""
        with Session(self._engine) as session:
            return duplicates.titles(session, article_ids)

    def actor_names(self, entity_ids: list[int]) -> dict[int, str]:
        """The display name of each of these actors."""
        with Session(self._engine) as session:
            return duplicates.names(session, entity_ids)
