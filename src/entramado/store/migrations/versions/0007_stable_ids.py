"""Stable actor ids: the ``actor_ids`` table, filled with the names of the actors stored now.

Each actor's shown name and the names articles introduced it under (its mentions' local names)
get its id, so that the next rebuild or judgement gives every actor the id it has today
(store/ids.py). A name two actors were introduced under gets both ids.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import context, op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

entities = sa.table("entities", sa.column("id"), sa.column("type"), sa.column("key"))
mentions = sa.table("mentions", sa.column("entity_id"), sa.column("local_name"))
actor_ids = sa.table("actor_ids", sa.column("type"), sa.column("key"), sa.column("actor_id"))


def upgrade() -> None:
    """Create the table and give today's names today's ids."""
    op.create_table(
        "actor_ids",
        sa.Column("type", sa.String(length=32), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("type", "key", "actor_id", name="pk_actor_ids"),
    )
    op.create_index("ix_actor_ids_actor_id", "actor_ids", ["actor_id"])
    if not context.is_offline_mode():
        _fill()


def _fill() -> None:
    from entramado.names import name_key  # the code of today, as 0002's backfill

    connection = op.get_bind()
    types: dict[int, str] = {}
    rows: set[tuple[str, str, int]] = set()
    for id_, type_, key in connection.execute(sa.select(entities)):
        types[id_] = type_
        rows.add((type_, key, id_))
    heads = sa.select(mentions.c.entity_id, mentions.c.local_name).distinct()
    for id_, local in connection.execute(heads.where(mentions.c.entity_id.is_not(None))).tuples():
        key = name_key(local)
        if key and id_ in types:
            rows.add((types[id_], key, id_))
    if rows:
        op.bulk_insert(actor_ids, [{"type": t, "key": k, "actor_id": i} for t, k, i in sorted(rows)])


def downgrade() -> None:
    """Back to 0004: ids are again whatever the rows get."""
    op.drop_index("ix_actor_ids_actor_id", table_name="actor_ids")
    op.drop_table("actor_ids")
