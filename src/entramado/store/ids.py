"""Stable actor ids: a persistent table from names to ids, so an id survives merges, renames and rebuilds.

The resolved layer is derived again and again from the articles' statements (rebuilds, judgements),
so an actor cannot keep its id by being the same row: it keeps it by name. ``actor_ids`` maps each
(type, name key) an actor was ever created under or shown under to that actor's id, and an entity
created by resolution takes the id of its name (for a name a merge joined to another actor, the
id of the name the merged actor is shown under, so ``merge A B`` keeps A's id), unless another
actor of this derivation holds it already; a name never seen gets a new id, never used before.
Rows are never deleted, so an id that no actor holds any more (merged away) still names the
names it stood for, and :func:`redirect` finds the actor that holds them now.

The same rule runs in two places that must agree: in SQL for articles added and rebuilt one by
one (:func:`claim`, :func:`register`), and in memory for the incremental application of
judgements (:class:`Registry`).
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass, field

from sqlalchemy import bindparam, func, insert, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from entramado.models import EntityType
from entramado.names import name_key
from entramado.store.schema import ActorId as ActorIdRow
from entramado.store.schema import Alias as AliasRow
from entramado.store.schema import Entity as EntityRow
from entramado.store.schema import Mention as MentionRow

_IDS_OF = (
    select(ActorIdRow.actor_id)
    .where(ActorIdRow.type == bindparam("t"), ActorIdRow.key == bindparam("k"))
    .order_by(ActorIdRow.actor_id)
)
_IN_USE = select(EntityRow.id).where(EntityRow.id == bindparam("i"))
_HAS = select(ActorIdRow.actor_id).where(
    ActorIdRow.type == bindparam("type"),
    ActorIdRow.key == bindparam("key"),
    ActorIdRow.actor_id == bindparam("actor_id"),
)
_NEW = insert(ActorIdRow)


def _tried(key: str, root: str | None) -> list[str]:
    """The names whose ids a new actor may take, best first: its merge group's shown name, its own."""
    return [root, key] if root and root != key else [key]


def claim(connection: Connection, type: EntityType, key: str, root: str | None) -> int:
    """The id for a new entity of ``type`` named ``key`` (``root``: its merge group's shown name).

    The lowest id of the name that no entity holds; a name may have several (two actors introduced
    under one name, a split), and as ids grow with creation, the lowest free one is the one this
    entity had when it was created in the same order before.
    """
    for name in _tried(key, root):
        for found in connection.scalars(_IDS_OF, {"t": str(type), "k": name}):
            if connection.scalar(_IN_USE, {"i": found}) is None:
                return int(found)
    top = connection.execute(
        select(func.max(ActorIdRow.actor_id), select(func.max(EntityRow.id)).scalar_subquery())
    ).one()
    fresh = max(int(i or 0) for i in top) + 1
    connection.execute(_NEW, {"type": str(type), "key": key, "actor_id": fresh})
    return fresh


def register(connection: Connection, type: EntityType, key: str, entity_id: int) -> None:
    """Record that the entity ``entity_id`` is now shown under ``key``."""
    row = {"type": str(type), "key": key, "actor_id": entity_id}
    if connection.scalar(_HAS, row) is None:
        connection.execute(_NEW, row)


@dataclass(slots=True)
class Registry:
    """The ``actor_ids`` table in memory, with the rows a replay added."""

    ids: dict[tuple[str, str], list[int]]
    top: int
    added: list[tuple[str, str, int]] = field(default_factory=list)

    @classmethod
    def load(cls, session: Session) -> Registry:
        """The stored table."""
        ids: dict[tuple[str, str], list[int]] = {}
        rows = (
            session.connection()
            .execute(
                select(ActorIdRow.type, ActorIdRow.key, ActorIdRow.actor_id).order_by(ActorIdRow.actor_id)
            )
            .tuples()
            .all()
        )
        for t, k, i in rows:
            ids.setdefault((t, k), []).append(i)
        top = max(
            [0, *(i[-1] for i in ids.values()), int(session.scalar(select(func.max(EntityRow.id))) or 0)]
        )
        return cls(ids, top)

    def claim(self, type: EntityType, key: str, root: str | None, in_use: Container[int]) -> int:
        """:func:`claim`, in memory; ``in_use`` holds the ids of the entities derived so far."""
        for name in _tried(key, root):
            for found in self.ids.get((str(type), name), ()):
                if found not in in_use:
                    return found
        self.top += 1
        self._add(str(type), key, self.top)
        return self.top

    def register(self, type: EntityType, key: str, entity_id: int) -> None:
        """:func:`register`, in memory."""
        if entity_id not in self.ids.get((str(type), key), ()):
            self._add(str(type), key, entity_id)

    def _add(self, type: str, key: str, entity_id: int) -> None:
        known = self.ids.setdefault((type, key), [])
        known.append(entity_id)
        known.sort()
        self.added.append((type, key, entity_id))

    def write(self, session: Session) -> None:
        """Store the rows a replay added."""
        if self.added:
            session.connection().execute(
                _NEW, [{"type": t, "key": k, "actor_id": i} for t, k, i in self.added]
            )


def redirect(session: Session, entity_id: int) -> int | None:
    """The id of the actor now holding what ``entity_id`` stood for: itself, the actor it was merged
    into, or None when the id was never given or its names name no actor any more."""
    if session.scalar(select(EntityRow.id).where(EntityRow.id == entity_id)) is not None:
        return entity_id
    names = (
        session.execute(
            select(ActorIdRow.type, ActorIdRow.key)
            .where(ActorIdRow.actor_id == entity_id)
            .order_by(ActorIdRow.key)
        )
        .tuples()
        .all()
    )
    for type, key in names:
        shown = session.scalar(select(EntityRow.id).where(EntityRow.type == type, EntityRow.key == key))
        if shown is not None:
            return int(shown)
    for type, key in names:
        holders = list(
            session.scalars(
                select(EntityRow.id)
                .join(AliasRow, AliasRow.entity_id == EntityRow.id)
                .where(EntityRow.type == type, AliasRow.key == key)
                .order_by(EntityRow.id)
            )
        )
        # Of several actors with the name as an alias, one that articles introduced under it.
        for holder in holders:
            heads = select(MentionRow.local_name).where(MentionRow.entity_id == holder).distinct()
            if any(name_key(name) == key for name in session.scalars(heads)):
                return int(holder)
        if holders:
            return int(holders[0])
    return None
