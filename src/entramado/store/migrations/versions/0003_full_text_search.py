"""Full-text search over article titles, texts and evidence sentences, as each dialect does it.

SQLite: two FTS5 tables over the rows they index (external content, so the text is stored once),
kept in step by triggers, with the ``unicode61`` tokenizer folding case and removing diacritics
(``remove_diacritics 2``), so "elección" and "ELECCION" match alike. PostgreSQL: a text search
configuration ``entramado_es``, Spanish stemming after ``unaccent`` when the extension can be
created (else Spanish alone: case-insensitive, accents kept), and GIN expression indexes on the
two columns' ``to_tsvector``, which PostgreSQL keeps current itself.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import context, op
from sqlalchemy.exc import DBAPIError

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TOKENIZE = "unicode61 remove_diacritics 2"
# (FTS table, indexed table, indexed columns)
SQLITE_INDEXES = [
    ("articles_fts", "articles", ("title", "text")),
    ("evidence_fts", "evidence", ("sentence",)),
]


def _sqlite_upgrade() -> None:
    for fts, table, columns in SQLITE_INDEXES:
        cols = ", ".join(columns)
        new = ", ".join(f"new.{c}" for c in columns)
        old = ", ".join(f"old.{c}" for c in columns)
        op.execute(
            f"CREATE VIRTUAL TABLE {fts} USING fts5({cols}, content='{table}', content_rowid='id', "
            f"tokenize='{TOKENIZE}')"
        )
        # The FTS5 documentation's triggers for an external content table.
        op.execute(
            f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN "
            f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new}); END"
        )
        op.execute(
            f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old}); END"
        )
        op.execute(
            f"CREATE TRIGGER {fts}_au AFTER UPDATE OF {cols} ON {table} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old}); "
            f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new}); END"
        )
        op.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")


def _postgresql_upgrade() -> None:
    unaccent = True
    if context.is_offline_mode():  # printed SQL (--sql): whoever runs it has the rights, or edits it
        op.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    else:
        bind = op.get_bind()
        try:
            # Creating an extension may need rights the user lacks; a savepoint keeps the migration alive.
            with bind.begin_nested():
                bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS unaccent")
        except DBAPIError:
            unaccent = False
    op.execute("CREATE TEXT SEARCH CONFIGURATION entramado_es (COPY = pg_catalog.spanish)")
    if unaccent:
        op.execute(
            "ALTER TEXT SEARCH CONFIGURATION entramado_es "
            "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, spanish_stem"
        )
    op.execute(
        "CREATE INDEX ix_articles_fts ON articles USING gin "
        "(to_tsvector('entramado_es'::regconfig, coalesce(title, '') || ' ' || text))"
    )
    op.execute(
        "CREATE INDEX ix_evidence_fts ON evidence "
        "USING gin (to_tsvector('entramado_es'::regconfig, sentence))"
    )


def upgrade() -> None:
    """Create each dialect's full-text indexes and fill them from the rows already stored."""
    dialect = op.get_context().dialect.name
    if dialect == "sqlite":
        _sqlite_upgrade()
    elif dialect == "postgresql":
        _postgresql_upgrade()


def downgrade() -> None:
    """Drop the full-text indexes (the indexed rows stay)."""
    dialect = op.get_context().dialect.name
    if dialect == "sqlite":
        for fts, _, _ in SQLITE_INDEXES:
            for suffix in ("ai", "ad", "au"):
                op.execute(f"DROP TRIGGER IF EXISTS {fts}_{suffix}")
            op.execute(f"DROP TABLE IF EXISTS {fts}")
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_evidence_fts")
        op.execute("DROP INDEX IF EXISTS ix_articles_fts")
        op.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS entramado_es")
