"""Finer name blocks: aliases gain ``end_block``, and ``block`` is computed anew for every stored alias.

Fuzzy resolution compared a new name with every stored name of its first word, which made storing
an article of thousands of names quadratic (every "Ana" in one block). It now compares it with the
names sharing its head block (the key without its last word, plus that word's length) or its end
block (first word, word count, last word; three words or more), which hold every spelling variant
(see :mod:`entramado.resolve.blocks`). Both are recomputed here from each alias's key with the
code of today, 500 rows a statement; a stored alias is otherwise unchanged, and so is every
resolution result. Downgrading drops ``end_block`` and puts back the first word (0002's rule).
With ``--sql`` (offline) the blocks cannot be computed, and only the column and index are written.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import sqlalchemy as sa
from alembic import context, op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

aliases = sa.table("aliases", sa.column("id"), sa.column("key"), sa.column("block"), sa.column("end_block"))
CHUNK = 500


def upgrade() -> None:
    """Add ``end_block`` (indexed) and fill both blocks of every stored alias."""
    op.add_column("aliases", sa.Column("end_block", sa.Text(), nullable=True))
    op.create_index("ix_aliases_end_block", "aliases", ["end_block"])
    if not context.is_offline_mode():
        from entramado.resolve.blocks import stored_blocks  # the code of today, as 0004's signatures

        _refill(stored_blocks, with_end=True)


def downgrade() -> None:
    """Drop ``end_block`` and give ``block`` back its first-word value."""
    op.drop_index("ix_aliases_end_block", table_name="aliases")
    with op.batch_alter_table("aliases") as batch:
        batch.drop_column("end_block")
    if not context.is_offline_mode():
        _refill(lambda key: (key.split(" ")[0], None), with_end=False)


def _refill(blocks: Callable[[str], tuple[str, str | None]], with_end: bool) -> None:
    """Set each alias's blocks from its key, a chunk of rows at a time (no SQL spells them)."""
    bind = op.get_bind()
    values: dict[str, Any] = {"block": sa.bindparam("new_block")}
    if with_end:
        values["end_block"] = sa.bindparam("new_end")
    update = aliases.update().where(aliases.c.id == sa.bindparam("alias_id")).values(**values)
    last = 0
    while True:
        rows = bind.execute(
            sa.select(aliases.c.id, aliases.c.key)
            .where(aliases.c.id > last)
            .order_by(aliases.c.id)
            .limit(CHUNK)
        ).all()
        if not rows:
            return
        params = []
        for alias_id, key in rows:
            block, end = blocks(key)
            params.append({"alias_id": alias_id, "new_block": block, "new_end": end})
        bind.execute(update, params)
        last = rows[-1][0]
