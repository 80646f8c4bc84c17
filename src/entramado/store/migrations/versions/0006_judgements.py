"""Judgements on ties and actors: who decided, what each decision says, and what it changed.

``decisions`` gains ``author`` (who decided; NULL for decisions recorded before) and ``detail`` (the
judgement's own data: a tie's type, an evidence sentence's article and offsets, a new name or type).
The resolved layer gains what the judgements changed, so every reader can say so: a tie
``confirmed`` by a person, how many of its evidence sentences were ``rejected`` (hidden), the type
it was ``retyped_from``; an actor's name before a rename and its type before a retype; and on an
evidence row, the ``decision_id`` of the add-tie judgement that wrote it.

Only columns are added, with ``ALTER TABLE ADD COLUMN`` on both dialects (no batch copy on SQLite, so
0003's full-text triggers on ``evidence`` stay in place). Existing rows keep what they mean: no tie
is confirmed, nothing is rejected, until the next rebuild replays the judgements.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def columns() -> dict[str, list[sa.Column[Any]]]:
    """The new columns by table (built afresh: a Column belongs to one table once added)."""
    return {
        "decisions": [
            sa.Column("author", sa.Text(), nullable=True),
            sa.Column("detail", sa.JSON(), nullable=True),
        ],
        "relations": [
            sa.Column("confirmed", sa.Boolean(), server_default=sa.false(), nullable=False),
            sa.Column("rejected", sa.Integer(), server_default="0", nullable=False),
            sa.Column("retyped_from", sa.String(length=32), nullable=True),
        ],
        "entities": [
            sa.Column("renamed_from", sa.Text(), nullable=True),
            sa.Column("retyped_from", sa.String(length=32), nullable=True),
        ],
        "evidence": [sa.Column("decision_id", sa.Integer(), nullable=True)],
    }


def upgrade() -> None:
    """Add the columns (plain ADD COLUMN: SQLite needs no table copy for these)."""
    for table, added in columns().items():
        for column in added:
            op.add_column(table, column)


def downgrade() -> None:
    """Drop them again (SQLite 3.35+ drops a column in place); evidence that a person added goes."""
    op.execute(sa.text("DELETE FROM evidence WHERE decision_id IS NOT NULL"))
    for table, added in columns().items():
        for column in reversed(added):
            op.drop_column(table, column.name)
