"""What the store's reads return: actors, ties and evidence as frozen dataclasses, shared by every reader."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from entramado.models import EntityType, RelationType
from entramado.store.schema import Article as ArticleRow
from entramado.store.schema import Entity as EntityRow
from entramado.store.schema import Evidence as EvidenceRow
from entramado.store.schema import Relation as RelationRow

Direction = Literal["out", "in", "both"]
# Bound parameters per IN list: SQLite refuses statements with too many.
CHUNK = 500


@dataclass(frozen=True, slots=True)
class EntitySummary:
    """An actor with its other names and how often it is mentioned."""

    id: int
    name: str
    type: EntityType
    aliases: list[str]
    mention_count: int
    article_count: int
    # What a user's judgement changed: the name before a rename, the type before a retype.
    renamed_from: str | None = None
    retyped_from: str | None = None


@dataclass(frozen=True, slots=True)
class EvidenceView:
    """One evidence sentence with its offsets and the article it comes from."""

    sentence: str
    start: int
    end: int
    cue: str | None
    attributed_to: str | None
    date: dt.date | None
    doc_id: str
    title: str | None
    url: str | None
    outlet: str | None
    published: dt.date | None
    # The sentence's number (``entramado reject … --evidence N``), and whether a person added it.
    id: int = 0
    added: bool = False


# What a user's judgement changed on a tie: a person confirmed it; how many of its evidence sentences a
# person rejected (hidden, and out of its figures); the type it had before a retype-tie.
JUDGED_TIE = ("confirmed", "rejected", "retyped_from")


@dataclass(frozen=True, slots=True)
class Tie:
    """One tie of an actor, seen from that actor: the other end, the direction, and the evidence."""

    other_id: int
    other: str
    other_type: EntityType
    direction: Direction
    type: RelationType
    evidence_count: int
    article_count: int
    confidence: float
    first_seen: dt.date | None
    last_seen: dt.date | None
    evidence: list[EvidenceView]
    relation_id: int
    confirmed: bool = False
    rejected: int = 0
    retyped_from: str | None = None


@dataclass(frozen=True, slots=True)
class ActorDetail:
    """An actor and its ties grouped by relation type (in :class:`RelationType` order)."""

    entity: EntitySummary
    ties: dict[RelationType, list[Tie]]


@dataclass(frozen=True, slots=True)
class TieSummary:
    """One aggregated tie between two actors."""

    id: int
    source_id: int
    source: str
    source_type: EntityType
    type: RelationType
    target_id: int
    target: str
    target_type: EntityType
    evidence_count: int
    article_count: int
    confidence: float
    first_seen: dt.date | None
    last_seen: dt.date | None
    confirmed: bool = False
    rejected: int = 0
    retyped_from: str | None = None


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """One stored article, without its text."""

    id: int
    doc_id: str
    title: str | None
    outlet: str | None
    published: dt.date | None
    language: str
    url: str | None


@dataclass(frozen=True, slots=True)
class StoreStats:
    """What the database holds."""

    articles: int
    entities: dict[str, int]
    relations: dict[str, int]
    evidence: int
    mentions: int
    aliases: int
    languages: dict[str, int]
    first_article: dt.date | None
    last_article: dt.date | None
    # Articles stored as wire copies of an earlier one (store/wire.py), and the groups they form.
    wire_copies: int = 0
    wire_groups: int = 0


def seen_from(type: RelationType, outgoing: bool) -> Direction:
    """A tie's direction seen from one end: out or in for directed types, both for the others."""
    if not type.directed:
        return "both"
    return "out" if outgoing else "in"


def newest_evidence(
    session: Session, touches: ColumnElement[bool], limit: int
) -> dict[int, list[EvidenceView]]:
    """The newest ``limit`` evidence sentences of each relation matching ``touches``, by relation id."""
    if limit <= 0:
        return {}
    # One query for all ties: number each relation's evidence newest first, keep the first few.
    newest = func.row_number().over(
        partition_by=EvidenceRow.relation_id,
        order_by=(
            EvidenceRow.date.desc().nulls_last(),
            ArticleRow.published.desc().nulls_last(),
            EvidenceRow.id.desc(),
        ),
    )
    ranked = (
        select(EvidenceRow.id, newest.label("rank"))
        .join(RelationRow, EvidenceRow.relation_id == RelationRow.id)
        .join(ArticleRow, EvidenceRow.article_id == ArticleRow.id)
        .where(touches)
        .subquery()
    )
    rows = session.execute(
        select(EvidenceRow, ArticleRow)
        .join(ranked, ranked.c.id == EvidenceRow.id)
        .join(ArticleRow, EvidenceRow.article_id == ArticleRow.id)
        .where(ranked.c.rank <= limit)
        .order_by(EvidenceRow.relation_id, ranked.c.rank)
    ).tuples()
    found: dict[int, list[EvidenceView]] = defaultdict(list)
    for ev, art in rows:
        if ev.relation_id is None:  # pragma: no cover - the join keeps only linked evidence
            continue
        found[ev.relation_id].append(evidence_view(ev, art))
    return found


def tie_summary(rel: RelationRow, src: EntityRow, tgt: EntityRow) -> TieSummary:
    """The summary of one relation row and its two ends."""
    return TieSummary(
        id=rel.id,
        source_id=src.id,
        source=src.name,
        source_type=EntityType(src.type),
        type=RelationType(rel.type),
        target_id=tgt.id,
        target=tgt.name,
        target_type=EntityType(tgt.type),
        evidence_count=rel.evidence_count,
        article_count=rel.article_count,
        confidence=rel.confidence,
        first_seen=rel.first_seen,
        last_seen=rel.last_seen,
        confirmed=bool(rel.confirmed),
        rejected=rel.rejected or 0,
        retyped_from=rel.retyped_from,
    )


def evidence_view(ev: EvidenceRow, art: ArticleRow) -> EvidenceView:
    """The view of one evidence row and its article."""
    return EvidenceView(
        sentence=ev.sentence,
        start=ev.start,
        end=ev.end,
        cue=ev.cue,
        attributed_to=ev.attributed_to,
        date=ev.date,
        doc_id=art.doc_id,
        title=art.title,
        url=art.url,
        outlet=art.outlet,
        published=art.published,
        id=ev.id,
        added=ev.decision_id is not None,
    )
