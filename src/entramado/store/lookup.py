"""The store's side of :class:`entramado.resolve.actors.Lookup`: what resolution may ask, in one session.

The statements are built once with bound parameters and run on the session's connection: resolution
asks a few of them per entity of every article, and a rebuild replays every article, so building
ORM statements each time cost more than running them.
"""

from __future__ import annotations

from sqlalchemy import bindparam, or_, select
from sqlalchemy.orm import Session

from entramado.models import EntityType
from entramado.names import name_key
from entramado.resolve.actors import Candidate, Named
from entramado.resolve.blocks import Blocks
from entramado.store.schema import Alias as AliasRow
from entramado.store.schema import Entity as EntityRow
from entramado.store.schema import Mention as MentionRow

_ENTITY = (EntityRow.id, EntityRow.name, EntityRow.type, EntityRow.key)
_BY_KEY = select(*_ENTITY).where(EntityRow.key == bindparam("key"), EntityRow.type == bindparam("type"))
_BY_ALIAS = (
    select(*_ENTITY)
    .join(AliasRow, AliasRow.entity_id == EntityRow.id)
    .where(AliasRow.key == bindparam("key"), EntityRow.type == bindparam("type"))
    .distinct()
    .order_by(EntityRow.id)
)
_BY_BLOCK = (
    select(AliasRow.alias, AliasRow.key, *_ENTITY)
    .join(EntityRow, AliasRow.entity_id == EntityRow.id)
    .where(
        or_(AliasRow.block.in_(bindparam("heads", expanding=True)), AliasRow.end_block == bindparam("end")),
        EntityRow.type == bindparam("type"),
    )
    .order_by(EntityRow.id, AliasRow.id)
)
_HEADS = select(MentionRow.local_name).where(MentionRow.entity_id == bindparam("id")).distinct()


class SessionLookup:
    """Key, alias, block and head lookups on the rows written so far in one session's transaction."""

    def __init__(self, session: Session) -> None:
        self.connection = session.connection()

    def by_key(self, key: str, type: EntityType) -> Candidate | None:
        """The stored entity of this type whose own name has this key, if any."""
        row = self.connection.execute(_BY_KEY, {"key": key, "type": str(type)}).one_or_none()
        return None if row is None else Candidate(row[0], row[1], EntityType(row[2]), row[3])

    def by_alias(self, key: str, type: EntityType) -> list[Candidate]:
        """The distinct stored entities of this type with a name or alias of this key."""
        rows = self.connection.execute(_BY_ALIAS, {"key": key, "type": str(type)})
        return [Candidate(id_, name, EntityType(t), k) for id_, name, t, k in rows]

    def by_block(self, blocks: Blocks, type: EntityType) -> list[Named]:
        """The names of stored entities of this type filed under one of ``blocks``."""
        if not blocks.heads and blocks.end is None:
            return []
        # end None compares with NULL, which matches no row
        rows = self.connection.execute(
            _BY_BLOCK, {"heads": blocks.heads, "end": blocks.end, "type": str(type)}
        )
        return [
            Named(alias, key, Candidate(id_, name, EntityType(t), k)) for alias, key, id_, name, t, k in rows
        ]

    def heads(self, entity_id: int) -> set[str]:
        """Keys of the names under which articles introduced this entity (their local names)."""
        return {name_key(name) for (name,) in self.connection.execute(_HEADS, {"id": entity_id})}
