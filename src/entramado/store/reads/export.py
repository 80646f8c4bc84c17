"""Read side for export: every evidence sentence of the exported ties, and the actors' other names."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from entramado.store.reads.graph import GraphFilter, evidence_conditions, evidence_day
from entramado.store.schema import Alias as AliasRow
from entramado.store.schema import Article as ArticleRow
from entramado.store.schema import Entity as EntityRow
from entramado.store.schema import Evidence as EvidenceRow

# Bound parameters per IN list: SQLite refuses statements with too many.
CHUNK = 500


@dataclass(frozen=True, slots=True)
class ExportEvidence:
    """One evidence sentence of a tie, with the article it comes from (what ``evidence.csv`` holds)."""

    relation_id: int
    sentence: str
    start: int
    end: int
    cue: str | None
    attributed_to: str | None
    date: dt.date | None  # the evidence's own date, else the article's publication date
    doc_id: str
    title: str | None
    url: str | None
    outlet: str | None


def tie_evidence(session: Session, relation_ids: Sequence[int], flt: GraphFilter) -> list[ExportEvidence]:
    """Every evidence sentence of these ties that passes the filter's window and outlets.

    Ordered by tie, then oldest first, so the rows of one tie read as its history. Under a window or
    an outlet list only the evidence the graph was re-aggregated from is returned, so the counts of
    the exported ties and their evidence rows agree.
    """
    day = evidence_day()
    conditions = evidence_conditions(flt)
    wanted = sorted(set(relation_ids))
    found: list[ExportEvidence] = []
    for i in range(0, len(wanted), CHUNK):
        rows = session.execute(
            select(
                EvidenceRow.relation_id, EvidenceRow.sentence, EvidenceRow.start, EvidenceRow.end,
                EvidenceRow.cue, EvidenceRow.attributed_to, day,
                ArticleRow.doc_id, ArticleRow.title, ArticleRow.url, ArticleRow.outlet,
            )
            .join(ArticleRow, ArticleRow.id == EvidenceRow.article_id)
            .where(EvidenceRow.relation_id.in_(wanted[i : i + CHUNK]), *conditions)
            .order_by(EvidenceRow.relation_id, day.asc().nulls_last(), EvidenceRow.id)
        )  # fmt: skip
        found.extend(ExportEvidence(*row) for row in rows)
    return found


def actor_aliases(session: Session, entity_ids: Sequence[int]) -> dict[int, list[str]]:
    """Each actor's other names (its display name and spellings of it aside), oldest first."""
    wanted = sorted(set(entity_ids))
    found: dict[int, list[str]] = defaultdict(list)
    for i in range(0, len(wanted), CHUNK):
        rows = session.execute(
            select(AliasRow.entity_id, AliasRow.alias)
            .join(EntityRow, EntityRow.id == AliasRow.entity_id)
            .where(AliasRow.entity_id.in_(wanted[i : i + CHUNK]), AliasRow.key != EntityRow.key)
            .order_by(AliasRow.entity_id, AliasRow.id)
        )
        for entity_id, alias in rows:
            found[entity_id].append(alias)
    return dict(found)
