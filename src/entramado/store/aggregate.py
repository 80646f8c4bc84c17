"""Aggregated ties: one article's statements, once resolved to actors, added to the stored relations.

A relation row sums its sources' support: evidence and article counts, first and last dates, and a
noisy-or confidence over sources. A source is an article, or a group of wire copies of one story
(``articles.wire_of``, store/wire.py), which counts once: its confidence is the highest any copy
gives, its evidence count the most sentences any copy gives, and it is one article.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import ColumnElement, bindparam, case, func, insert, literal, or_, select, update
from sqlalchemy.orm import InstrumentedAttribute, Session

from entramado.models import RelationType
from entramado.store.connect import new_id
from entramado.store.schema import Article as ArticleRow
from entramado.store.schema import Evidence as EvidenceRow
from entramado.store.schema import Relation as RelationRow
from entramado.store.statements import LocalEntity, Statement

_RELATION = select(RelationRow.id).where(
    RelationRow.source_id == bindparam("source_id"),
    RelationRow.target_id == bindparam("target_id"),
    RelationRow.type == bindparam("type"),
)
_NEW_RELATION = insert(RelationRow)


@dataclass
class ArticleTie:
    """The ties of one article between one pair, of one type, once entities are resolved."""

    source_id: int
    target_id: int
    type: RelationType
    # The most confident statement of this tie in the article: what the article asserts.
    confidence: float = 0.0
    # Date of each evidence sentence by start offset: one article counts each sentence once.
    dates: dict[int, date | None] = field(default_factory=dict)


@dataclass(frozen=True)
class Source:
    """The article whose statements are added, and its group of wire copies (None: it has no copy)."""

    article_id: int
    group: int | None = None


def link_statements(
    session: Session,
    found: list[Statement],
    locals_: list[LocalEntity],
    ids: Sequence[int | None],
    source: Source,
) -> list[int | None]:
    """Add one article's statements to the aggregated ties; the tie each one supports, or None.

    An entity resolved to no actor (``None``: a blocked name) makes no tie.
    """
    entity_of: dict[str, int] = {}
    for local, entity_id in zip(locals_, ids, strict=True):
        if entity_id is not None:
            entity_of.setdefault(local.name, entity_id)
    ties, which = article_ties(found, entity_of)
    relation_ids = [add_tie(session, tie, source) for tie in ties]
    return [None if i is None else relation_ids[i] for i in which]


def article_ties(
    found: list[Statement], entity_of: dict[str, int]
) -> tuple[list[ArticleTie], list[int | None]]:
    """The article's ties by resolved pair and type, and the index of the tie each statement supports.

    Undirected types put the smaller entity id first. A statement supports no tie when its ends
    resolved to one actor, or when an earlier one gave the same sentence for the same tie.
    """
    ties: dict[tuple[int, int, RelationType], int] = {}
    ordered: list[ArticleTie] = []
    which: list[int | None] = []
    for st in found:
        source, target = entity_of.get(st.source), entity_of.get(st.target)
        if source is None or target is None or source == target:
            which.append(None)
            continue
        if not st.type.directed and source > target:
            source, target = target, source
        i = ties.setdefault((source, target, st.type), len(ordered))
        if i == len(ordered):
            ordered.append(ArticleTie(source, target, st.type))
        tie = ordered[i]
        tie.confidence = max(tie.confidence, st.confidence)
        if st.start in tie.dates:
            which.append(None)
        else:
            tie.dates[st.start] = st.date
            which.append(i)
    return ordered, which


def add_tie(session: Session, tie: ArticleTie, source: Source) -> int:
    """Add one article's support for a tie to the relation's aggregates; the relation's id."""
    connection = session.connection()
    dates = [d for d in tie.dates.values() if d is not None]
    first, last = (min(dates), max(dates)) if dates else (None, None)
    pair = {"source_id": tie.source_id, "target_id": tie.target_id, "type": str(tie.type)}
    relation_id = connection.scalar(_RELATION, pair)
    if relation_id is None:
        created = connection.execute(
            _NEW_RELATION,
            {
                **pair,
                "evidence_count": len(tie.dates),
                "article_count": 1,
                "first_seen": first,
                "last_seen": last,
                "confidence": tie.confidence,
            },
        )
        return new_id(created)
    earlier = _group_support(session, relation_id, source)
    if earlier is not None:
        return _add_copy(session, relation_id, tie, earlier, first, last)
    # Updated in SQL, from the stored values, so concurrent writers (PostgreSQL) cannot lose
    # each other's increments. Confidence is a noisy-or over articles: 1 − ∏(1 − c_article),
    # so independent articles asserting a tie strengthen it, and one article cannot reach 1.
    connection.execute(
        update(RelationRow)
        .where(RelationRow.id == relation_id)
        .values(
            evidence_count=RelationRow.evidence_count + len(tie.dates),
            article_count=RelationRow.article_count + 1,
            first_seen=_extreme(RelationRow.first_seen, first, earliest=True),
            last_seen=_extreme(RelationRow.last_seen, last, earliest=False),
            confidence=1.0 - (1.0 - RelationRow.confidence) * (1.0 - tie.confidence),
        )
    )
    return int(relation_id)


def _group_support(session: Session, relation_id: int, source: Source) -> tuple[float, int] | None:
    """What the other copies of the article's group already gave the tie: (confidence, evidence), or None.

    Read from their linked evidence rows (each a distinct sentence of its article), as the rebuild
    replays the articles in the same order and links each one's evidence before the next.
    """
    if source.group is None:
        return None
    per_article = (
        select(func.max(EvidenceRow.confidence).label("p"), func.count(EvidenceRow.id).label("n"))
        .join(ArticleRow, ArticleRow.id == EvidenceRow.article_id)
        .where(EvidenceRow.relation_id == relation_id, EvidenceRow.article_id != source.article_id)
        .where(or_(ArticleRow.id == source.group, ArticleRow.wire_of == source.group))
        .group_by(EvidenceRow.article_id)
        .subquery()
    )
    p, n = session.connection().execute(select(func.max(per_article.c.p), func.max(per_article.c.n))).one()
    return None if p is None else (float(p), int(n))


def _add_copy(
    session: Session,
    relation_id: int,
    tie: ArticleTie,
    earlier: tuple[float, int],
    first: date | None,
    last: date | None,
) -> int:
    """Add a wire copy's support: the group's share grows to its best copy's, and stays one article."""
    p_old, n_old = earlier
    p_new, n_new = max(p_old, tie.confidence), max(n_old, len(tie.dates))
    values: dict[str, object] = {
        "evidence_count": RelationRow.evidence_count + (n_new - n_old),
        "first_seen": _extreme(RelationRow.first_seen, first, earliest=True),
        "last_seen": _extreme(RelationRow.last_seen, last, earliest=False),
    }
    if p_new > p_old:  # then p_old < 1: the group's factor (1 − p_old) is swapped for (1 − p_new)
        values["confidence"] = 1.0 - (1.0 - RelationRow.confidence) * ((1.0 - p_new) / (1.0 - p_old))
    session.connection().execute(update(RelationRow).where(RelationRow.id == relation_id).values(**values))
    return relation_id


def _extreme(
    column: InstrumentedAttribute[date | None], value: date | None, earliest: bool
) -> ColumnElement[date | None] | InstrumentedAttribute[date | None]:
    """The earlier (or later) of a stored date and ``value``, NULL meaning unknown, portably.

    SQLite's two-argument min()/max() are spelled LEAST/GREATEST in PostgreSQL, so CASE it is.
    """
    if value is None:
        return column
    new = literal(value)
    beats = column > new if earliest else column < new
    return case((column.is_(None), new), (beats, new), else_=column)
