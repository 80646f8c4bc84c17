"""Finding and re-aggregating ties for the judgements: actors by recorded name keys, ties by pair and type.

Used by :mod:`entramado.store.judge_overlay` (applying judgements) and
:mod:`entramado.store.judge_record` (checking them when they are made).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from entramado.models import RelationType
from entramado.names import name_key
from entramado.store.connect import new_id
from entramado.store.schema import Alias as AliasRow
from entramado.store.schema import Article as ArticleRow
from entramado.store.schema import Decision as DecisionRow
from entramado.store.schema import Entity as EntityRow
from entramado.store.schema import Evidence as EvidenceRow
from entramado.store.schema import Relation as RelationRow

# -- finding actors and ties by the names a judgement recorded ---------------------------------------


def actor(session: Session, keys: Sequence[str], type: str | None = None) -> int | None:
    """The actor holding the first of ``keys`` as its own name, else as one of its names (any type
    when none of ``type`` does: a later retype may have moved it)."""
    for of_type in ([EntityRow.type == type], []) if type else ([],):
        for key in keys:
            found = session.scalar(select(EntityRow.id).where(EntityRow.key == key, *of_type).limit(1))
            if found is not None:
                return found
        for key in keys:
            found = session.scalar(
                select(AliasRow.entity_id)
                .join(EntityRow, EntityRow.id == AliasRow.entity_id)
                .where(AliasRow.key == key, *of_type)
                .order_by(AliasRow.entity_id)
                .limit(1)
            )
            if found is not None:
                return found
    return None


def ends(session: Session, row: DecisionRow) -> tuple[int, int] | None:
    """The two actors a judgement on a tie names now, or None when either is gone."""
    a = actor(session, [name_key(row.a_name), *row.a_keys], row.type)
    b = actor(session, [name_key(row.b_name), *row.b_keys], (row.detail or {}).get("b_type"))
    return None if a is None or b is None or a == b else (a, b)


def oriented(a: int, b: int, type: RelationType) -> tuple[int, int]:
    """The (source, target) a tie of ``type`` between ``a`` and ``b`` is stored under."""
    return (a, b) if type.directed or a < b else (b, a)


def relation(session: Session, a: int, b: int, type: RelationType) -> int | None:
    """The stored tie of ``type`` from ``a`` to ``b`` (either way round for undirected types)."""
    source, target = oriented(a, b, type)
    return session.scalar(
        select(RelationRow.id).where(
            RelationRow.source_id == source, RelationRow.target_id == target, RelationRow.type == str(type)
        )
    )


def article(session: Session, detail: dict[str, Any]) -> int | None:
    """The stored article an evidence judgement names (by content hash), if it is stored."""
    return session.scalar(select(ArticleRow.id).where(ArticleRow.content_hash == detail["article"]))


# -- re-aggregating a tie from the evidence still linked to it ---------------------------------------


def reaggregate(session: Session, relation_id: int) -> bool:
    """Recompute a tie's aggregates from its linked evidence, as store/aggregate.py sums them.

    Noisy-or over sources (an article, or a group of wire copies counting once with its best
    copy), evidence counted per article and the most any copy of a group gives. Deletes the tie and
    returns False when no evidence supports it any more.
    """
    rows = session.execute(
        select(
            func.coalesce(ArticleRow.wire_of, ArticleRow.id), EvidenceRow.article_id,
            EvidenceRow.confidence, EvidenceRow.date,
        )
        .join(ArticleRow, ArticleRow.id == EvidenceRow.article_id)
        .where(EvidenceRow.relation_id == relation_id)
    ).tuples().all()  # fmt: skip
    if not rows:
        session.execute(delete(RelationRow).where(RelationRow.id == relation_id))
        return False
    support: dict[int, dict[int, tuple[float, int]]] = defaultdict(dict)
    for group, article_id, confidence, _ in rows:
        best, n = support[group].get(article_id, (0.0, 0))
        support[group][article_id] = (max(best, confidence), n + 1)
    doubt, evidence = 1.0, 0
    for articles in support.values():
        doubt *= 1.0 - max(p for p, _ in articles.values())
        evidence += max(n for _, n in articles.values())
    days = [when for *_, when in rows if when is not None]
    session.execute(
        update(RelationRow)
        .where(RelationRow.id == relation_id)
        .values(
            evidence_count=evidence, article_count=len(support), confidence=1.0 - doubt,
            first_seen=min(days) if days else None, last_seen=max(days) if days else None,
        )
    )  # fmt: skip
    return True


def tie_for(session: Session, a: int, b: int, type: RelationType) -> int:
    """The tie of ``type`` between ``a`` and ``b``, created empty when there is none yet."""
    found = relation(session, a, b, type)
    if found is not None:
        return found
    source, target = oriented(a, b, type)
    created = session.connection().execute(
        insert(RelationRow),
        {"source_id": source, "target_id": target, "type": str(type), "evidence_count": 0,
         "article_count": 0, "confidence": 0.0},
    )  # fmt: skip
    return new_id(created)


def link(session: Session, evidence_ids: Sequence[int], relation_id: int) -> list[int]:
    """Link these evidence rows to a tie, except those whose sentence already supports it; the ties
    they were linked to before (to re-aggregate)."""
    before: set[int] = set()
    for ev_id, old, article_id, start in session.execute(
        select(EvidenceRow.id, EvidenceRow.relation_id, EvidenceRow.article_id, EvidenceRow.start).where(
            EvidenceRow.id.in_(list(evidence_ids))
        )
    ).tuples():
        if old == relation_id:
            continue
        taken = session.scalar(
            select(EvidenceRow.id).where(
                EvidenceRow.relation_id == relation_id,
                EvidenceRow.article_id == article_id,
                EvidenceRow.start == start,
            )
        )
        if taken is not None:  # the unique (relation, article, start): one sentence counts once
            continue
        session.execute(update(EvidenceRow).where(EvidenceRow.id == ev_id).values(relation_id=relation_id))
        if old is not None:
            before.add(old)
    return sorted(before)


def ties_between(session: Session, a: int, b: int) -> list[str]:
    """The types of the ties between two actors, either way round, as "TYPE" or "TYPE (B→A)"."""
    rows = session.execute(
        select(RelationRow.type, RelationRow.source_id).where(
            ((RelationRow.source_id == a) & (RelationRow.target_id == b))
            | ((RelationRow.source_id == b) & (RelationRow.target_id == a))
        )
    ).tuples()
    return sorted(f"{t} (the other way)" if RelationType(t).directed and s == b else t for t, s in rows)


def article_identity(session: Session, article_id: int) -> tuple[str, str]:
    """(content hash, doc id) of a stored article: how a judgement names it."""
    found = session.execute(
        select(ArticleRow.content_hash, ArticleRow.doc_id).where(ArticleRow.id == article_id)
    ).one()
    return str(found[0]), str(found[1])
