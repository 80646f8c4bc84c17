"""Recording judgements on actors: rename, retype, block and unblock (checked, stored by name, applied)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from entramado.errors import AmbiguousActorError, EntramadoError
from entramado.models import EntityType
from entramado.names import name_key
from entramado.resolve.decisions import Kind
from entramado.store import decide
from entramado.store.decide import Decision, identity, named
from entramado.store.judge_record import record
from entramado.store.judge_ties import actor
from entramado.store.lookup import SessionLookup
from entramado.store.reads import actors
from entramado.store.reads.records import EntitySummary
from entramado.store.schema import Entity as EntityRow
from entramado.store.schema import Mention as MentionRow


def _now(session: Session, keys: list[str], type: EntityType | None) -> EntitySummary:
    found = actor(session, keys, None if type is None else str(type))
    if found is None:  # pragma: no cover - the actor's own articles still name it
        raise EntramadoError(f"after the rebuild no actor is named {keys[0]}; please report this bug.")
    return actors.summaries(session, [found])[0]


def rename(
    session: Session,
    name: str,
    new: str,
    type: EntityType | None = None,
    note: str | None = None,
    by: str | None = None,
) -> EntitySummary:
    """Record that the actor ``name`` is shown as ``new`` (its old name stays one of its names)."""
    target = named(session, name, type)
    new = new.strip()
    if not name_key(new):
        raise EntramadoError("the new name is empty; give the name the actor should be shown under.")
    if new == target.name:
        raise EntramadoError(f"{target.name} is shown under that name already.")
    clash = session.scalar(
        select(EntityRow.name).where(
            EntityRow.key == name_key(new), EntityRow.type == str(target.type), EntityRow.id != target.id
        )
    )
    if clash is not None:
        raise EntramadoError(
            f"'{clash}' is another {target.type} already; if they are one actor, "
            f'use `entramado merge "{clash}" "{target.name}"`.'
        )
    keys = identity(session, target)
    record(session, Kind.RENAME, (name, target, keys), ("", None, set()), {"to": new}, note, by)
    return _now(session, [name_key(new), *sorted(keys)], target.type)


def retype(
    session: Session,
    name: str,
    new: EntityType,
    type: EntityType | None = None,
    note: str | None = None,
    by: str | None = None,
) -> EntitySummary:
    """Record that the actor ``name`` is of type ``new``: its articles resolve it so from now on."""
    target = named(session, name, type)
    if target.type == new:
        raise EntramadoError(f"{target.name} is a {new} already.")
    # The names articles introduced it under are what resolution retypes (resolve/judged.py).
    keys = SessionLookup(session).heads(target.id) | {name_key(target.name)}
    detail = {"from": str(target.type), "to": str(new)}
    record(session, Kind.RETYPE, (name, target, keys), ("", None, set()), detail, note, by)
    return _now(session, [name_key(target.name), *sorted(keys)], new)


def block(
    session: Session,
    name: str,
    type: EntityType | None = None,
    note: str | None = None,
    by: str | None = None,
) -> tuple[Decision, int]:
    """Record that ``name`` is never an actor, rebuild; the decision and how many mentions it unlinked.

    The keys blocked are the name typed and the names articles introduced the actor under, so the
    actor the user sees goes whole; each is blocked for every type, in this and later articles. A
    name several actors share (of different types) blocks them all unless ``type`` picks one.
    """
    try:
        targets = [named(session, name, type)]
    except AmbiguousActorError:
        # A name of several actors (a PLACE and a PERSON "Estado"): a block is of the name, so all go.
        ids = session.scalars(select(EntityRow.id).where(EntityRow.key == name_key(name))).all()
        if type is not None or not ids:
            raise
        targets = actors.summaries(session, ids)
    lookup = SessionLookup(session)
    keys = {name_key(name)}.union(*(lookup.heads(t.id) | {name_key(t.name)} for t in targets))
    target = targets[0]
    before = _unlinked(session)
    decision = record(session, Kind.BLOCK, (name, target, keys), ("", None, set()), {}, note, by)
    return decision, _unlinked(session) - before


def _unlinked(session: Session) -> int:
    return len(session.scalars(select(MentionRow.id).where(MentionRow.entity_id.is_(None))).all())


def unblock(session: Session, name: str, note: str | None = None, by: str | None = None) -> Decision:
    """Record that ``name`` may be an actor again: lifts the blocks that name it, and rebuild."""
    key = name_key(name)
    rules = decide.load(session).actors
    if key not in rules.blocked:
        raise EntramadoError(f"'{name}' is not blocked; `entramado decisions` lists the blocks.")
    blocks = [d for d in decide.decisions(session) if d.kind == Kind.BLOCK and key in d.a_keys]
    keys = set().union(*(d.a_keys for d in blocks)) & rules.blocked
    last = blocks[-1]
    row_actor = EntitySummary(0, last.a_name, last.type, [], 0, 0)
    return record(session, Kind.UNBLOCK, (name, row_actor, keys), ("", None, set()), {}, note, by)
