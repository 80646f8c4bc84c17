"""Read side for the analyse stage: evidence of given ties, and an actor's dated evidence for timelines."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, case, or_, select
from sqlalchemy.orm import Session

from entramado.models import EntityType, RelationType
from entramado.store.reads.graph import GraphFilter, evidence_conditions, evidence_day
from entramado.store.reads.records import CHUNK, EvidenceView, newest_evidence, seen_from
from entramado.store.schema import Article as ArticleRow
from entramado.store.schema import Entity as EntityRow
from entramado.store.schema import Evidence as EvidenceRow
from entramado.store.schema import Relation as RelationRow


@dataclass(frozen=True, slots=True)
class DatedEvidence:
    """One evidence sentence of one of an actor's ties, reduced to what a timeline needs."""

    relation_id: int
    type: RelationType
    other_id: int
    other: str
    other_type: EntityType
    direction: str  # "out", "in" or "both", seen from the actor
    day: dt.date | None  # the evidence's date, else its article's publication date
    confidence: float  # the tie's stored confidence


def evidence_for(session: Session, relation_ids: Sequence[int], limit: int) -> dict[int, list[EvidenceView]]:
    """The newest ``limit`` evidence sentences of each of these ties, by relation id."""
    found: dict[int, list[EvidenceView]] = {}
    ids = sorted(set(relation_ids))
    for i in range(0, len(ids), CHUNK):  # SQLite caps bound parameters per statement
        found.update(newest_evidence(session, RelationRow.id.in_(ids[i : i + CHUNK]), limit))
    return found


def dated_evidence(session: Session, entity_id: int, flt: GraphFilter) -> list[DatedEvidence]:
    """Every evidence row of the actor's ties that passes the filter's types, window and outlets."""
    types = flt.types or frozenset(t for t in RelationType if t != RelationType.CO_MENTION)
    if flt.include_co_mentions:
        types = types | {RelationType.CO_MENTION}
    # case, not iif(): the same SQL must run on PostgreSQL
    other_id = case((RelationRow.source_id == entity_id, RelationRow.target_id), else_=RelationRow.source_id)
    day = evidence_day()
    conditions: list[ColumnElement[bool]] = [
        or_(RelationRow.source_id == entity_id, RelationRow.target_id == entity_id),
        RelationRow.type.in_([str(t) for t in types]),
        RelationRow.confidence >= flt.min_confidence,
        *evidence_conditions(flt),
    ]
    if flt.actor_types is not None:
        conditions.append(EntityRow.type.in_([str(t) for t in flt.actor_types]))
    rows = session.execute(
        select(
            RelationRow.id, RelationRow.type, RelationRow.source_id, EntityRow.id, EntityRow.name,
            EntityRow.type, day, RelationRow.confidence,
        )
        .join(EvidenceRow, EvidenceRow.relation_id == RelationRow.id)
        .join(ArticleRow, ArticleRow.id == EvidenceRow.article_id)
        .join(EntityRow, EntityRow.id == other_id)
        .where(*conditions)
        .order_by(day.nulls_last(), RelationRow.id, EvidenceRow.id)
    )  # fmt: skip
    out = []
    for rel_id, rtype, source, oid, name, otype, when, confidence in rows:
        kind = RelationType(rtype)
        direction = seen_from(kind, source == entity_id)
        out.append(DatedEvidence(rel_id, kind, oid, name, EntityType(otype), direction, when, confidence))
    return out
