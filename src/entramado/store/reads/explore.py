"""Read side for the explorer: one tie with its evidence page, an actor's ties page, names to index."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Generic, TypeVar

from sqlalchemy import distinct, func, or_, select
from sqlalchemy.orm import Session, aliased

from entramado.models import EARLIEST_DATE
from entramado.store.reads.graph import GraphFilter, evidence_conditions, evidence_day
from entramado.store.reads.records import EvidenceView, TieSummary, evidence_view, tie_summary
from entramado.store.schema import Alias as AliasRow
from entramado.store.schema import Article as ArticleRow
from entramado.store.schema import Decision as DecisionRow
from entramado.store.schema import Entity as EntityRow
from entramado.store.schema import Evidence as EvidenceRow
from entramado.store.schema import Mention as MentionRow
from entramado.store.schema import Relation as RelationRow


@dataclass(frozen=True, slots=True)
class Highlight:
    """Where an actor is named (or referred to) inside an evidence sentence: offsets in the sentence."""

    start: int
    end: int
    entity_id: int


@dataclass(frozen=True, slots=True)
class MarkedEvidence:
    """An evidence sentence and the places in it that name the tie's two actors."""

    evidence: EvidenceView
    highlights: list[Highlight]


T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a longer list: ``total`` items in all, these from ``offset``."""

    total: int
    offset: int
    limit: int
    items: list[T]


@dataclass(frozen=True, slots=True)
class NameRow:
    """One name of an actor, as the name index needs it."""

    key: str
    entity_id: int
    article_count: int


def version(session: Session) -> tuple[int | None, ...]:
    """A cheap fingerprint that changes whenever articles, ties or decisions change (caches key on it)."""
    row = session.execute(
        select(
            select(func.max(ArticleRow.id)).scalar_subquery(),
            select(func.count(ArticleRow.id)).scalar_subquery(),
            select(func.max(RelationRow.id)).scalar_subquery(),
            select(func.count(RelationRow.id)).scalar_subquery(),
            select(func.max(DecisionRow.id)).scalar_subquery(),
        )
    ).one()
    return tuple(row)


def evidence_dates(session: Session) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day any evidence is dated (its own date, else its article's).

    Only plausible days count (from 1900 to the article's date, or today): a database ingested
    before implausible dates were dropped may still hold a stray 1901 or 2030, which would
    stretch the explorer's time range over a century of nothing.
    """
    day = evidence_day()
    latest = func.coalesce(ArticleRow.published, dt.date.today())
    first, last = session.execute(
        select(func.min(day), func.max(day))
        .select_from(EvidenceRow)
        .join(ArticleRow, EvidenceRow.article_id == ArticleRow.id)
        .where(EvidenceRow.relation_id.is_not(None), day >= EARLIEST_DATE, day <= latest)
    ).one()
    return first, last


def name_rows(session: Session) -> list[NameRow]:
    """Every (name key, actor) pair with the actor's article count, for prefix search."""
    articles = (
        select(MentionRow.entity_id, func.count(distinct(MentionRow.article_id)).label("n"))
        .group_by(MentionRow.entity_id)
        .subquery()
    )
    rows = session.execute(
        select(AliasRow.key, AliasRow.entity_id, func.coalesce(articles.c.n, 0)).outerjoin(
            articles, articles.c.entity_id == AliasRow.entity_id
        )
    ).tuples()
    return [NameRow(key, entity_id, n) for key, entity_id, n in rows]


def tie(session: Session, relation_id: int) -> TieSummary | None:
    """One aggregated tie by id, or None."""
    source, target = aliased(EntityRow), aliased(EntityRow)
    row = session.execute(
        select(RelationRow, source, target)
        .join(source, RelationRow.source_id == source.id)
        .join(target, RelationRow.target_id == target.id)
        .where(RelationRow.id == relation_id)
    ).first()
    if row is None:
        return None
    rel, src, tgt = row._tuple()
    return tie_summary(rel, src, tgt)


def tie_evidence(
    session: Session, summary: TieSummary, offset: int, limit: int, flt: GraphFilter
) -> Page[MarkedEvidence]:
    """A page of one tie's evidence in ``flt``'s time window and outlets, newest first, each
    sentence with its two actors' mentions marked."""
    where = [EvidenceRow.relation_id == summary.id, *evidence_conditions(flt)]
    total = (
        session.scalar(
            select(func.count(EvidenceRow.id))
            .join(ArticleRow, EvidenceRow.article_id == ArticleRow.id)
            .where(*where)
        )
        or 0
    )
    rows = session.execute(
        select(EvidenceRow, ArticleRow)
        .join(ArticleRow, EvidenceRow.article_id == ArticleRow.id)
        .where(*where)
        .order_by(
            EvidenceRow.date.desc().nulls_last(),
            ArticleRow.published.desc().nulls_last(),
            EvidenceRow.id.desc(),
        )
        .offset(offset)
        .limit(limit)
    ).tuples()
    page = list(rows)
    ends = (summary.source_id, summary.target_id)
    mentions: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    if page:
        for article_id, start, end, entity_id in session.execute(
            select(MentionRow.article_id, MentionRow.start, MentionRow.end, MentionRow.entity_id).where(
                MentionRow.article_id.in_({art.id for _, art in page}), MentionRow.entity_id.in_(ends)
            )
        ).tuples():
            if entity_id is not None:
                mentions[article_id].append((start, end, entity_id))
    items = []
    for ev, art in page:
        marks = [
            Highlight(start - ev.start, end - ev.start, entity_id)
            for start, end, entity_id in mentions[art.id]
            if ev.start <= start and end <= ev.end
        ]
        items.append(MarkedEvidence(evidence_view(ev, art), _disjoint(marks)))
    return Page(total, offset, limit, items)


def _disjoint(marks: list[Highlight]) -> list[Highlight]:
    """Sorted marks without overlaps (a name inside a longer mention keeps the longer one)."""
    kept: list[Highlight] = []
    for mark in sorted(marks, key=lambda m: (m.start, -m.end)):
        if kept and mark.start < kept[-1].end:
            continue
        kept.append(mark)
    return kept


def ties_by_type(session: Session, entity_id: int) -> dict[str, int]:
    """How many ties of each type an actor has (co-mentions included), most first."""
    touches = or_(RelationRow.source_id == entity_id, RelationRow.target_id == entity_id)
    rows = session.execute(
        select(RelationRow.type, func.count(RelationRow.id)).where(touches).group_by(RelationRow.type)
    ).tuples()
    return dict(sorted(rows, key=lambda r: (-r[1], r[0])))
