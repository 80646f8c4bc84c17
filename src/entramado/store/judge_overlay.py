"""The judgements on ties and names, applied to the resolved layer once resolution has built it.

Resolution obeys merges, splits, not-sames, blocks and retypes (:mod:`entramado.resolve`); the
judgements here act on what it built, in the order they were made: a rejected tie is deleted and its
evidence unlinked; a rejected evidence sentence is unlinked and its tie re-aggregated without it
(deleted when nothing else supports it); a confirmed tie is flagged; an added tie gets its evidence
row (written again if a reindex replaced the article's statements) and is linked to the two actors;
a retyped tie's evidence moves to the tie of the new type; a renamed actor takes its new name.

It runs at the end of every rebuild and after every ingest (:meth:`Store.add`), so a judgement holds
for articles stored later. Each step finds its actors by the name keys recorded with the judgement,
never by row ids, which a rebuild changes. Running it twice changes nothing the second time.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from entramado.models import RelationType
from entramado.names import name_key
from entramado.resolve.blocks import stored_blocks
from entramado.resolve.decisions import Kind
from entramado.store.connect import new_id
from entramado.store.judge_ties import actor, article, ends, link, reaggregate, relation, tie_for
from entramado.store.schema import Alias as AliasRow
from entramado.store.schema import Article as ArticleRow
from entramado.store.schema import Decision as DecisionRow
from entramado.store.schema import Entity as EntityRow
from entramado.store.schema import Evidence as EvidenceRow
from entramado.store.schema import Relation as RelationRow

OVERLAY = frozenset({Kind.REJECT, Kind.CONFIRM, Kind.ADD_TIE, Kind.RETYPE_TIE, Kind.RENAME, Kind.RETYPE})


def apply(session: Session) -> None:
    """Apply every judgement on ties and names to the resolved layer, oldest first."""
    rows = session.scalars(
        select(DecisionRow).where(DecisionRow.kind.in_([str(k) for k in OVERLAY])).order_by(DecisionRow.id)
    ).all()
    for row in rows:
        STEPS[Kind(row.kind)](session, row, dict(row.detail or {}))
    _count_rejected(session, rows)
    session.flush()


# -- the steps, one per kind of judgement ------------------------------------------------------------


def _reject(session: Session, row: DecisionRow, detail: dict[str, Any]) -> None:
    pair = ends(session, row)
    rel = None if pair is None else relation(session, *pair, RelationType(detail["type"]))
    if rel is None:
        return
    if "start" not in detail:  # the whole tie is wrong
        session.execute(update(EvidenceRow).where(EvidenceRow.relation_id == rel).values(relation_id=None))
        session.execute(delete(RelationRow).where(RelationRow.id == rel))
        return
    sentence = (
        EvidenceRow.relation_id == rel,
        EvidenceRow.article_id == article(session, detail),
        EvidenceRow.start == detail["start"],
    )
    if session.scalar(select(func.count(EvidenceRow.id)).where(*sentence)) == 0:
        return  # hidden already (an ingest since), or its article is not stored
    session.execute(update(EvidenceRow).where(*sentence).values(relation_id=None))
    reaggregate(session, rel)


def _count_rejected(session: Session, rows: Sequence[DecisionRow]) -> None:
    """Set each tie's count of rejected sentences from the judgements, whatever order the articles
    came in (an article stored after the judgement has its sentence hidden as it is linked)."""
    session.execute(update(RelationRow).where(RelationRow.rejected != 0).values(rejected=0))
    for row in rows:
        detail = dict(row.detail or {})
        if row.kind != Kind.REJECT or "start" not in detail:
            continue
        pair = ends(session, row)
        rel = None if pair is None else relation(session, *pair, RelationType(detail["type"]))
        stored = session.scalar(
            select(EvidenceRow.id)
            .where(EvidenceRow.article_id == article(session, detail), EvidenceRow.start == detail["start"])
            .limit(1)
        )
        if rel is not None and stored is not None:
            session.execute(
                update(RelationRow).where(RelationRow.id == rel).values(rejected=RelationRow.rejected + 1)
            )


def _confirm(session: Session, row: DecisionRow, detail: dict[str, Any]) -> None:
    pair = ends(session, row)
    rel = None if pair is None else relation(session, *pair, RelationType(detail["type"]))
    if rel is not None:
        session.execute(update(RelationRow).where(RelationRow.id == rel).values(confirmed=True))


def _add_tie(session: Session, row: DecisionRow, detail: dict[str, Any]) -> None:
    article_id = article(session, detail)
    if article_id is None:  # not stored (yet): the judgement waits for its article
        return
    ev_id = session.scalar(select(EvidenceRow.id).where(EvidenceRow.decision_id == row.id))
    if ev_id is None:  # first time, or a reindex replaced the article's statements
        published = session.scalar(select(ArticleRow.published).where(ArticleRow.id == article_id))
        created = session.connection().execute(
            insert(EvidenceRow),
            {"article_id": article_id, "source_local": row.a_name, "target_local": row.b_name,
             "type": detail["type"], "sentence": detail["sentence"], "start": detail["start"],
             "end": detail["end"], "date": published, "confidence": 1.0, "decision_id": row.id},
        )  # fmt: skip
        ev_id = new_id(created)
    pair = ends(session, row)
    if pair is None:
        return
    rel = tie_for(session, *pair, RelationType(detail["type"]))
    if session.scalar(select(EvidenceRow.relation_id).where(EvidenceRow.id == ev_id)) == rel:
        return  # linked already (by an earlier pass, or by the rebuild: the article names both)
    for old in link(session, [ev_id], rel):
        reaggregate(session, old)
    reaggregate(session, rel)


def _retype_tie(session: Session, row: DecisionRow, detail: dict[str, Any]) -> None:
    pair = ends(session, row)
    old_type, new_type = RelationType(detail["type"]), RelationType(detail["to"])
    old = None if pair is None else relation(session, *pair, old_type)
    if pair is None or old is None:
        return
    new = tie_for(session, *pair, new_type)
    moved = session.scalars(select(EvidenceRow.id).where(EvidenceRow.relation_id == old)).all()
    link(session, moved, new)
    # Sentences the new tie already had stay with it; the old tie goes whole, as the user said.
    session.execute(update(EvidenceRow).where(EvidenceRow.relation_id == old).values(relation_id=None))
    session.execute(delete(RelationRow).where(RelationRow.id == old))
    if reaggregate(session, new):
        session.execute(update(RelationRow).where(RelationRow.id == new).values(retyped_from=str(old_type)))


def _rename(session: Session, row: DecisionRow, detail: dict[str, Any]) -> None:
    new_name = str(detail["to"])
    new_key = name_key(new_name)
    entity_id = actor(session, [new_key, name_key(row.a_name), *row.a_keys], row.type)
    if entity_id is None:
        return
    name, type, key = session.execute(
        select(EntityRow.name, EntityRow.type, EntityRow.key).where(EntityRow.id == entity_id)
    ).one()
    clash = session.scalar(
        select(EntityRow.id).where(
            EntityRow.key == new_key, EntityRow.type == type, EntityRow.id != entity_id
        )
    )
    if clash is not None or (name == new_name and key == new_key):
        return  # another actor holds the name (merge them instead), or nothing to do
    session.execute(
        update(EntityRow)
        .where(EntityRow.id == entity_id)
        .values(name=new_name, key=new_key, renamed_from=name)
    )
    known = session.scalar(
        select(AliasRow.id).where(AliasRow.entity_id == entity_id, AliasRow.key == new_key).limit(1)
    )
    if known is None:  # the old name is an alias already: every display name is one
        block, end = stored_blocks(new_key)
        session.execute(
            insert(AliasRow),
            {"entity_id": entity_id, "alias": new_name, "key": new_key, "block": block, "end_block": end},
        )


def _retype(session: Session, row: DecisionRow, detail: dict[str, Any]) -> None:
    # Resolution already put the actor under its new type (resolve/judged.py); say so on it.
    keys = [name_key(row.a_name), *row.a_keys]
    entity_id = actor(session, keys, str(detail["to"]))
    if entity_id is not None:
        session.execute(
            update(EntityRow)
            .where(EntityRow.id == entity_id, EntityRow.type == str(detail["to"]))
            .values(retyped_from=str(detail["from"]))
        )


STEPS = {
    Kind.REJECT: _reject,
    Kind.CONFIRM: _confirm,
    Kind.ADD_TIE: _add_tie,
    Kind.RETYPE_TIE: _retype_tie,
    Kind.RENAME: _rename,
    Kind.RETYPE: _retype,
}
