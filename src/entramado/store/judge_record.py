"""Recording judgements on ties and actors: checked against the graph as it is, stored by name, applied.

Each function runs inside the caller's write transaction: it checks what the user typed (the actors
exist, the tie exists, the sentence is in the article), records the judgement with its author,
time and note, and rebuilds (:func:`entramado.store.decide.apply`), which replays every judgement.
A tie is recorded by the identity keys of its two ends (as merges are, :mod:`store.decide`) and its
type; an evidence sentence by its article's content hash and its offsets, which survive a rebuild,
a reindex (same text, same offsets) and an import into a fresh database.
"""

from __future__ import annotations

import getpass
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from entramado.errors import EntramadoError
from entramado.models import EntityType, RelationType
from entramado.names import name_key
from entramado.resolve.decisions import Kind
from entramado.store import decide
from entramado.store.decide import Decision, identity, named
from entramado.store.judge_ties import actor, article_identity, relation, ties_between
from entramado.store.reads import actors, explore
from entramado.store.reads.records import EntitySummary, TieSummary
from entramado.store.schema import Alias as AliasRow
from entramado.store.schema import Decision as DecisionRow
from entramado.store.schema import Entity as EntityRow
from entramado.store.schema import Evidence as EvidenceRow


def default_author() -> str:
    """Who decides when ``--by`` is not given: the user the process runs as."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name and no $USER (some containers)
        return "unknown"


def last_id(session: Session) -> int:
    """The id of the newest recorded decision (0 when there is none)."""
    return session.scalar(select(func.max(DecisionRow.id))) or 0


def stamp(session: Session, after: int, by: str | None) -> None:
    """Give the decisions recorded after ``after`` (in this transaction) their author."""
    session.execute(update(DecisionRow).where(DecisionRow.id > after).values(author=by or default_author()))


def record(
    session: Session,
    kind: Kind,
    a: tuple[str, EntitySummary, set[str]],
    b: tuple[str, EntitySummary | None, set[str]],
    detail: dict[str, Any],
    note: str | None,
    by: str | None,
) -> Decision:
    """Store one judgement: (typed name, actor, keys) of A and of B (B may be no actor), then rebuild."""
    b_query, b_actor, b_keys = b
    b_name = b_actor.name if b_actor is not None else b_query
    row = decide.record(session, kind, a, (b_query, b_name, b_keys), note, by or default_author(), detail)
    decision = decide.as_decision(row)
    decide.apply(session)
    return decision


# -- ties -------------------------------------------------------------------------------------------


def tie_of(
    session: Session, a: str, type: RelationType, b: str
) -> tuple[tuple[str, EntitySummary], tuple[str, EntitySummary], int]:
    """The two actors A and B name and their tie of ``type``; a directed tie stored B→A is turned
    round, so that the judgement names it as it is stored. An error lists their ties when there is
    no such tie."""
    firsts, seconds = actors_named(session, a), actors_named(session, b)
    if len(firsts) * len(seconds) > 1:
        # A name of several actors ("Carlos Salinas de Gortari", a PERSON and a PLACE): the tie says which.
        tied = [(x, y) for x in firsts for y in seconds if x.id != y.id and _tied(session, x.id, y.id, type)]
        if len(tied) == 1:
            firsts, seconds = [tied[0][0]], [tied[0][1]]
    first = firsts[0] if len(firsts) == 1 else named(session, a)
    second = seconds[0] if len(seconds) == 1 else named(session, b)
    if first.id == second.id:
        raise EntramadoError(f"'{a}' and '{b}' are one actor ({first.name}): a tie needs two.")
    found = relation(session, first.id, second.id, type)
    if found is None and type.directed:
        found = relation(session, second.id, first.id, type)
        if found is not None:
            return (b, second), (a, first), found
    if found is None:
        between = ties_between(session, first.id, second.id)
        raise EntramadoError(
            f"there is no {type} tie between {first.name} and {second.name}; "
            + (f"their ties are: {', '.join(between)}." if between else "they have no tie at all.")
        )
    return (a, first), (b, second), found


def _tied(session: Session, a: int, b: int, type: RelationType) -> bool:
    found = relation(session, a, b, type) or (type.directed and relation(session, b, a, type))
    return bool(found)


def actors_named(session: Session, query: str) -> list[EntitySummary]:
    """Every actor whose own name or one of whose names is ``query`` (by key); [] when none is."""
    key = name_key(query)
    by_name = select(EntityRow.id).where(EntityRow.key == key)
    by_alias = select(AliasRow.entity_id).where(AliasRow.key == key)
    ids = sorted(set(session.scalars(by_name)) | set(session.scalars(by_alias)))
    return actors.summaries(session, ids) if ids else []


def tie_after(session: Session, decision: Decision, type: RelationType) -> TieSummary | None:
    """After the rebuild, the tie of ``type`` between the actors a judgement names, if it is there."""
    a = actor(session, [name_key(decision.a_name), *decision.a_keys], str(decision.type))
    b = actor(session, [name_key(decision.b_name), *decision.b_keys], decision.detail.get("b_type"))
    found = None if a is None or b is None else relation(session, a, b, type)
    return None if found is None else explore.tie(session, found)


def _ends(
    session: Session, first: tuple[str, EntitySummary], second: tuple[str, EntitySummary]
) -> tuple[tuple[str, EntitySummary, set[str]], tuple[str, EntitySummary, set[str]]]:
    a_keys, b_keys = identity(session, first[1]), identity(session, second[1])
    shared = a_keys & b_keys  # a name of both identifies neither
    return (*first, a_keys - shared), (*second, b_keys - shared)


def reject(
    session: Session,
    a: str,
    type: RelationType,
    b: str,
    evidence: int | None = None,
    note: str | None = None,
    by: str | None = None,
) -> tuple[Decision, TieSummary | None]:
    """Record that the tie is wrong, or (``evidence``: an evidence row id, as ``show`` numbers them)
    that one sentence does not support it; rebuild. The tie after, None when it is gone."""
    first, second, rel = tie_of(session, a, type, b)
    detail: dict[str, Any] = {"type": str(type), "b_type": str(second[1].type)}
    if evidence is not None:
        row = session.get(EvidenceRow, evidence)
        if row is None or row.relation_id != rel:
            raise EntramadoError(
                f"evidence #{evidence} is not a sentence of the tie {first[1].name} {type} "
                f'{second[1].name}; `entramado show "{first[1].name}"` numbers its sentences.'
            )
        article = article_identity(session, row.article_id)
        detail |= {"article": article[0], "doc_id": article[1], "start": row.start, "end": row.end}
        detail["sentence"] = row.sentence
    decision = record(session, Kind.REJECT, *_ends(session, first, second), detail, note, by)
    return decision, tie_after(session, decision, type)


def confirm(
    session: Session, a: str, type: RelationType, b: str, note: str | None = None, by: str | None = None
) -> TieSummary:
    """Record that a person checked the tie; rebuild; the tie, now marked confirmed."""
    first, second, _ = tie_of(session, a, type, b)
    detail = {"type": str(type), "b_type": str(second[1].type)}
    decision = record(session, Kind.CONFIRM, *_ends(session, first, second), detail, note, by)
    return _still(session, decision, type)


def retype_tie(
    session: Session,
    a: str,
    old: RelationType,
    new: RelationType,
    b: str,
    note: str | None = None,
    by: str | None = None,
) -> TieSummary:
    """Record that the tie A OLD B is of type NEW (same evidence); rebuild; the tie of type NEW."""
    if old == new:
        raise EntramadoError(f"the tie is a {old} already: nothing to change.")
    first, second, _ = tie_of(session, a, old, b)
    detail = {"type": str(old), "to": str(new), "b_type": str(second[1].type)}
    decision = record(session, Kind.RETYPE_TIE, *_ends(session, first, second), detail, note, by)
    return _still(session, decision, new)


def _still(session: Session, decision: Decision, type: RelationType) -> TieSummary:
    found = tie_after(session, decision, type)
    if found is None:  # pragma: no cover - the judgement's own tie is there after the rebuild
        raise EntramadoError(f"after the rebuild the {type} tie is gone; please report this bug.")
    return found


def undo(session: Session, number: int) -> Decision:
    """Delete decision ``number`` and what it wrote (an added tie's evidence), and rebuild without it."""
    row = session.get(DecisionRow, number)
    if row is None:
        raise EntramadoError(f"there is no decision #{number}; `entramado decisions` lists them.")
    decision = decide.as_decision(row)
    session.execute(delete(EvidenceRow).where(EvidenceRow.decision_id == number))
    session.execute(delete(DecisionRow).where(DecisionRow.id == number))
    session.flush()
    decide.apply(session)
    return decision


def actor_type(value: str) -> EntityType:
    """An entity type from what the user typed, or an error listing the four."""
    try:
        return EntityType(value.upper())
    except ValueError:
        raise EntramadoError(
            f"'{value}' is not an actor type; use one of: {', '.join(t.value for t in EntityType)}."
        ) from None
