"""Statements in the articles' own names, user decisions, and a blocking key for fuzzy matching.

Mentions gain ``local_name``/``local_type`` and evidence ``source_local``/``target_local``/``type``:
what each article said, in its own names, from which the resolved layer (entities, aliases,
relations and the links to them) is rebuilt. Existing rows are backfilled from the names their
entities and relations have now. The links become nullable with ON DELETE SET NULL, so that a
rebuild can delete the resolved layer without cascading into the statements. Aliases gain
``block`` (the first word of the key, indexed), and the ``decisions`` table holds the user's
judgements. Written by hand; runs in batch mode on SQLite (tables are copied) and as plain ALTERs
on PostgreSQL, where ``--sql`` also works.

Revision ID: 0002
Revises: 0001
Create Date: 2025-11-28
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import context, op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

entities = sa.table("entities", sa.column("id"), sa.column("name"), sa.column("type"))
relations = sa.table(
    "relations", sa.column("id"), sa.column("source_id"), sa.column("target_id"), sa.column("type")
)
mentions = sa.table("mentions", sa.column("entity_id"), sa.column("local_name"), sa.column("local_type"))
evidence = sa.table(
    "evidence",
    sa.column("relation_id"),
    sa.column("source_local"),
    sa.column("target_local"),
    sa.column("type"),
)
aliases = sa.table("aliases", sa.column("id"), sa.column("key"), sa.column("block"))


def upgrade() -> None:
    """Add the statement columns, backfill them, then tighten them and loosen the links."""
    with op.batch_alter_table("mentions") as batch:
        batch.add_column(sa.Column("local_name", sa.Text(), nullable=True))
        batch.add_column(sa.Column("local_type", sa.String(length=32), nullable=True))
    with op.batch_alter_table("evidence") as batch:
        batch.add_column(sa.Column("source_local", sa.Text(), nullable=True))
        batch.add_column(sa.Column("target_local", sa.Text(), nullable=True))
        batch.add_column(sa.Column("type", sa.String(length=32), nullable=True))
    with op.batch_alter_table("aliases") as batch:
        batch.add_column(sa.Column("block", sa.Text(), nullable=True))

    _backfill()

    with op.batch_alter_table("mentions") as batch:
        batch.alter_column("local_name", existing_type=sa.Text(), nullable=False)
        batch.alter_column("local_type", existing_type=sa.String(length=32), nullable=False)
        batch.alter_column("entity_id", existing_type=sa.Integer(), nullable=True)
        batch.drop_constraint("fk_mentions_entity_id_entities", type_="foreignkey")
        batch.create_foreign_key(
            "fk_mentions_entity_id_entities", "entities", ["entity_id"], ["id"], ondelete="SET NULL"
        )
    with op.batch_alter_table("evidence") as batch:
        batch.alter_column("source_local", existing_type=sa.Text(), nullable=False)
        batch.alter_column("target_local", existing_type=sa.Text(), nullable=False)
        batch.alter_column("type", existing_type=sa.String(length=32), nullable=False)
        batch.alter_column("relation_id", existing_type=sa.Integer(), nullable=True)
        batch.drop_constraint("fk_evidence_relation_id_relations", type_="foreignkey")
        batch.create_foreign_key(
            "fk_evidence_relation_id_relations", "relations", ["relation_id"], ["id"], ondelete="SET NULL"
        )
    with op.batch_alter_table("aliases") as batch:
        batch.alter_column("block", existing_type=sa.Text(), nullable=False)
    op.create_index("ix_aliases_block", "aliases", ["block"])

    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("type", sa.String(length=32), nullable=False),
        sa.Column("a_key", sa.Text(), nullable=False),
        sa.Column("a_name", sa.Text(), nullable=False),
        sa.Column("a_keys", sa.JSON(), nullable=False),
        sa.Column("b_key", sa.Text(), nullable=False),
        sa.Column("b_name", sa.Text(), nullable=False),
        sa.Column("b_keys", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_decisions"),
    )


def _backfill() -> None:
    """Each existing statement in the names its entity or relation has now."""

    def name_of(entity_id: sa.ColumnElement[int]) -> sa.ScalarSelect[str]:
        return sa.select(entities.c.name).where(entities.c.id == entity_id).scalar_subquery()

    op.execute(
        mentions.update().values(
            local_name=name_of(mentions.c.entity_id),
            local_type=sa.select(entities.c.type)
            .where(entities.c.id == mentions.c.entity_id)
            .scalar_subquery(),
        )
    )

    def end(column: sa.ColumnClause[int]) -> sa.ScalarSelect[str]:
        return (
            sa.select(entities.c.name)
            .select_from(relations.join(entities, entities.c.id == column))
            .where(relations.c.id == evidence.c.relation_id)
            .scalar_subquery()
        )

    op.execute(
        evidence.update().values(
            source_local=end(relations.c.source_id),
            target_local=end(relations.c.target_id),
            type=sa.select(relations.c.type)
            .where(relations.c.id == evidence.c.relation_id)
            .scalar_subquery(),
        )
    )
    # The first word of the key (keys have single spaces and no edge spaces: names.name_key).
    # There is no portable SQL for it, so each dialect spells it; others compute it row by row.
    dialect = context.get_context().dialect.name
    if dialect == "postgresql":
        op.execute("UPDATE aliases SET block = split_part(key, ' ', 1)")
    elif dialect == "sqlite":
        op.execute(
            "UPDATE aliases SET block = CASE WHEN instr(key, ' ') > 0 "
            "THEN substr(key, 1, instr(key, ' ') - 1) ELSE key END"
        )
    else:  # pragma: no cover - entramado supports SQLite and PostgreSQL
        bind = op.get_bind()
        rows = bind.execute(sa.select(aliases.c.id, aliases.c.key)).all()
        for alias_id, key in rows:
            bind.execute(aliases.update().where(aliases.c.id == alias_id).values(block=key.split(" ")[0]))


def downgrade() -> None:
    """Back to 0001: statements that support no resolved entity or tie cannot be kept there."""
    op.drop_table("decisions")
    op.drop_index("ix_aliases_block", table_name="aliases")
    with op.batch_alter_table("aliases") as batch:
        batch.drop_column("block")
    op.execute(evidence.delete().where(evidence.c.relation_id.is_(None)))
    op.execute(mentions.delete().where(mentions.c.entity_id.is_(None)))
    with op.batch_alter_table("evidence") as batch:
        batch.drop_constraint("fk_evidence_relation_id_relations", type_="foreignkey")
        batch.create_foreign_key(
            "fk_evidence_relation_id_relations", "relations", ["relation_id"], ["id"], ondelete="CASCADE"
        )
        batch.alter_column("relation_id", existing_type=sa.Integer(), nullable=False)
        batch.drop_column("type")
        batch.drop_column("target_local")
        batch.drop_column("source_local")
    with op.batch_alter_table("mentions") as batch:
        batch.drop_constraint("fk_mentions_entity_id_entities", type_="foreignkey")
        batch.create_foreign_key(
            "fk_mentions_entity_id_entities", "entities", ["entity_id"], ["id"], ondelete="CASCADE"
        )
        batch.alter_column("entity_id", existing_type=sa.Integer(), nullable=False)
        batch.drop_column("local_type")
        batch.drop_column("local_name")
