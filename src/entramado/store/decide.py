"""User judgements about who is who: recorded by name in ``decisions``, then applied (store/incremental.py).

Each function runs inside the caller's (the store's) write transaction: the judgement is recorded
and the resolved layer brought up to date together, or neither.

A judgement names each actor by the keys of its *identity names* at decision time: the names
articles introduced it under (its heads), its display name, and its multi-word proper-name
aliases. Surnames and descriptions are left out, as they name several actors (see
:mod:`entramado.resolve.decisions`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from entramado.errors import AmbiguousActorError, EntramadoError, StoreError
from entramado.models import EntityType
from entramado.names import name_key
from entramado.resolve.actors import proper_name, tokens
from entramado.resolve.decisions import IDENTITY, Decisions, Judgement, Kind
from entramado.resolve.judged import ActorRule, ActorRules
from entramado.store.lookup import SessionLookup
from entramado.store.reads import actors
from entramado.store.reads.records import EntitySummary
from entramado.store.schema import Alias as AliasRow
from entramado.store.schema import Decision as DecisionRow
from entramado.store.schema import Entity as EntityRow


@dataclass(frozen=True, slots=True)
class Decision:
    """One recorded judgement: what the user typed, what it named then, and the names it applies to."""

    id: int
    kind: Kind
    type: EntityType
    a_key: str
    a_name: str
    a_keys: list[str]
    b_key: str
    b_name: str
    b_keys: list[str]
    created_at: datetime
    note: str | None
    # Who decided, and the judgement's own data beyond the names (store/judge_record.py).
    author: str | None = None
    detail: dict[str, Any] = field(default_factory=dict)


def merge(
    session: Session, a: str, b: str, type: EntityType | None = None, note: str | None = None
) -> EntitySummary:
    """Record that ``b`` is the actor ``a``, rebuild, and return the merged actor."""
    first, second = pair(session, a, b, type, "merge")
    a_keys = identity(session, first)
    b_keys = identity(session, second) - a_keys
    record(session, Kind.MERGE, (a, first, a_keys), (b, second.name, b_keys), note)
    apply(session)
    return _after(session, [name_key(first.name), *sorted(a_keys)], first)


def split(
    session: Session, actor: str, alias: str, type: EntityType | None = None, note: str | None = None
) -> tuple[EntitySummary, EntitySummary | None]:
    """Record that ``alias`` is not ``actor``, rebuild; the actor, and the actor the alias now names."""
    first = named(session, actor, type)
    spelling = alias_of(first, alias)
    keys = identity(session, first) - {name_key(alias)}
    record(session, Kind.SPLIT, (actor, first, keys), (alias, spelling, {name_key(alias)}), note)
    apply(session)
    kept = _after(session, [name_key(first.name), *sorted(keys)], first)
    return kept, shown(session, [name_key(alias)], first.type, exclude=kept.id)


def not_same(
    session: Session, a: str, b: str, type: EntityType | None = None, note: str | None = None
) -> Decision:
    """Record that ``a`` and ``b`` are two actors, rebuild, and return the decision."""
    first, second = pair(session, a, b, type, "keep apart")
    a_keys, b_keys = identity(session, first), identity(session, second)
    shared = a_keys & b_keys  # a name of both identifies neither
    row = record(session, Kind.NOT_SAME, (a, first, a_keys - shared), (b, second.name, b_keys - shared), note)
    apply(session)
    return as_decision(row)


def apply(session: Session) -> None:
    """Bring the resolved layer to what every recorded judgement makes it, writing only what changes
    (store/incremental.py: resolution replayed in memory, then the judgements on ties and names)."""
    from entramado.store import incremental  # here: listing decisions loads no write side

    incremental.apply(session, load(session))


def _after(session: Session, keys: list[str], actor: EntitySummary) -> EntitySummary:
    found = shown(session, keys, actor.type)
    if found is None:  # pragma: no cover - the actor's own articles still name it
        raise StoreError(f"after the rebuild no actor is named {actor.name}; please report this bug.")
    return found


def load(session: Session) -> Decisions:
    """Every recorded judgement, compiled for resolution."""
    rows = decisions(session)
    compiled = Decisions.compile(_judgement(d) for d in rows if d.kind in IDENTITY)
    compiled.actors = ActorRules.compile(ActorRule.of(d.kind, d.a_keys, d.detail) for d in rows)
    return compiled


def decisions(session: Session) -> list[Decision]:
    """The recorded judgements, oldest first (the order they apply in)."""
    return [as_decision(row) for row in session.scalars(select(DecisionRow).order_by(DecisionRow.id))]


def as_decision(row: DecisionRow) -> Decision:
    """A decision row as plain data."""
    return Decision(
        id=row.id,
        kind=Kind(row.kind),
        type=EntityType(row.type),
        a_key=row.a_key,
        a_name=row.a_name,
        a_keys=list(row.a_keys),
        b_key=row.b_key,
        b_name=row.b_name,
        b_keys=list(row.b_keys),
        created_at=row.created_at,
        note=row.note,
        author=row.author,
        detail=dict(row.detail or {}),
    )


def _judgement(d: Decision) -> Judgement:
    return Judgement(d.kind, d.type, frozenset(d.a_keys), frozenset(d.b_keys), root=name_key(d.a_name))


def named(session: Session, query: str, type: EntityType | None = None) -> EntitySummary:
    """The actor ``query`` names, like ``find_actor`` but refusing to guess between several.

    A judgement about the wrong actor is worse than a question back: a name shared by two actors
    ("Kast", "Valencia") is an AmbiguousActorError that lists them.
    """
    key = name_key(query)
    of_type = [] if type is None else [EntityRow.type == str(type)]
    by_name = select(EntityRow.id).where(EntityRow.key == key, *of_type)
    by_alias = (
        select(EntityRow.id)
        .join(AliasRow, AliasRow.entity_id == EntityRow.id)
        .where(AliasRow.key == key, *of_type)
        .distinct()
    )
    for stmt in (by_name, by_alias):
        ids = list(session.scalars(stmt))
        if len(ids) == 1:
            return actors.summaries(session, ids)[0]
        if len(ids) > 1:
            raise AmbiguousActorError(query, [(e.name, str(e.type)) for e in actors.summaries(session, ids)])
    actor = actors.find_actor(session, query)  # fuzzy, or ActorNotFoundError with suggestions
    if type is not None and actor.type != type:
        article = "an" if str(actor.type)[0] in "AEIOU" else "a"
        raise EntramadoError(f"'{query}' is not a {type}: {actor.name} is {article} {actor.type}.")
    return actor


def identity(session: Session, entity: EntitySummary) -> set[str]:
    """The keys a judgement identifies ``entity`` by: heads, display name, multi-word proper aliases."""
    keys = SessionLookup(session).heads(entity.id) | {name_key(entity.name)}
    keys |= {name_key(a) for a in entity.aliases if proper_name(a) and len(tokens(name_key(a))) > 1}
    return keys


def record(
    session: Session,
    kind: Kind,
    a: tuple[str, EntitySummary, set[str]],
    b: tuple[str, str, set[str]],
    note: str | None,
    author: str | None = None,
    detail: dict[str, Any] | None = None,
) -> DecisionRow:
    """Store one judgement: (typed name, actor, identity keys) of A; (typed name, name, keys) of B;
    who made it and what more it says (a judgement on ties or actors: store/judge_record.py)."""
    (a_query, a_actor, a_keys), (b_query, b_name, b_keys) = a, b
    row = DecisionRow(
        kind=str(kind),
        type=str(a_actor.type),
        a_key=name_key(a_query),
        a_name=a_actor.name,
        a_keys=sorted(a_keys),
        b_key=name_key(b_query),
        b_name=b_name,
        b_keys=sorted(b_keys),
        note=note,
        author=author,
        detail=detail,
    )
    session.add(row)
    session.flush()
    return row


def pair(
    session: Session, a: str, b: str, type: EntityType | None, verb: str
) -> tuple[EntitySummary, EntitySummary]:
    """The two actors of a merge or not-same: distinct, and of one type."""
    first = named(session, a, type)
    try:
        second = named(session, b, type)
    except AmbiguousActorError:
        if type is not None:
            raise
        second = named(session, b, first.type)  # "Valencia": the one of A's type
    if first.id == second.id:
        if verb == "merge":
            raise EntramadoError(f"'{a}' and '{b}' are one actor already ({first.name}): nothing to merge.")
        raise EntramadoError(
            f"'{a}' and '{b}' are one actor ({first.name}); to take a name away from it, use "
            f'`entramado split "{first.name}" NAME`.'
        )
    if first.type != second.type:
        raise EntramadoError(
            f"cannot {verb} {first.name} ({first.type}) and {second.name} ({second.type}): actors of "
            "different types are always apart. Use --type to pick same-named actors of one type."
        )
    return first, second


def alias_of(actor: EntitySummary, alias: str) -> str:
    """The stored spelling of ``alias`` among ``actor``'s other names, or an error listing them."""
    key = name_key(alias)
    if key == name_key(actor.name):
        raise EntramadoError(
            f"'{alias}' is the name {actor.name} is shown under; split one of its other names: "
            f"{', '.join(actor.aliases) or '(it has none)'}."
        )
    for name in actor.aliases:
        if name_key(name) == key:
            return name
    raise EntramadoError(
        f"'{alias}' is not a name of {actor.name}; its other names are: "
        f"{', '.join(actor.aliases) or '(none)'}."
    )


def shown(
    session: Session, keys: Iterable[str], type: EntityType, exclude: int | None = None
) -> EntitySummary | None:
    """After a rebuild, the actor now holding the first of ``keys`` as its name, else as an alias."""
    ordered = list(keys)
    for key in ordered:
        row = session.scalar(select(EntityRow.id).where(EntityRow.key == key, EntityRow.type == str(type)))
        if row is not None and row != exclude:
            return actors.summaries(session, [row])[0]
    for key in ordered:
        ids = [
            i
            for i in session.scalars(
                select(EntityRow.id)
                .join(AliasRow, AliasRow.entity_id == EntityRow.id)
                .where(AliasRow.key == key, EntityRow.type == str(type))
                .distinct()
            )
            if i != exclude
        ]
        if ids:
            return actors.summaries(session, ids)[0]  # the most mentioned
    return None
