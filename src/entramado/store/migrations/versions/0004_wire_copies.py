"""Wire copies: articles gain a MinHash signature and ``wire_of`` (the group they copy), and wire_bands.

On SQLite batch mode copies ``articles``, which drops the full-text triggers of 0003 with the old
table: they are created again on the new one (the FTS index keeps its rows, whose ids are kept).
Signatures of the articles already stored are computed here (about 4 ms an article); their groups
are left empty, since grouping them would change the ties' aggregates, which only a rebuild re-
derives: stored articles count as independent, as before, and each new article is compared with all
of them.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import context, op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

articles = sa.table("articles", sa.column("id"), sa.column("text"), sa.column("minhash", sa.LargeBinary))
bands = sa.table("wire_bands", sa.column("article_id"), sa.column("band", sa.BigInteger))


def upgrade() -> None:
    """Add the columns and the band table, and sign (and band) the stored articles."""
    sqlite = op.get_context().dialect.name == "sqlite"
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("minhash", sa.LargeBinary(), nullable=True))
        batch.add_column(sa.Column("wire_of", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            "fk_articles_wire_of_articles", "articles", ["wire_of"], ["id"], ondelete="SET NULL"
        )
        batch.create_index("ix_articles_wire_of", ["wire_of"])
    if sqlite:
        _article_triggers()
    op.create_table(
        "wire_bands",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("band", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name="fk_wire_bands_article_id_articles", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_wire_bands"),
    )
    op.create_index("ix_wire_bands_article_id", "wire_bands", ["article_id"])
    op.create_index("ix_wire_bands_band", "wire_bands", ["band"])
    if not context.is_offline_mode():
        _sign_stored()


def _sign_stored() -> None:
    from entramado.store.wire import band_keys, signature  # the code of today, as 0002's backfill

    bind = op.get_bind()
    last = 0
    while True:
        rows = bind.execute(
            sa.select(articles.c.id, articles.c.text)
            .where(articles.c.id > last)
            .order_by(articles.c.id)
            .limit(200)
        ).all()
        if not rows:
            return
        for id_, text in rows:
            sig = signature(text)
            if sig is not None:
                bind.execute(sa.update(articles).where(articles.c.id == id_).values(minhash=sig))
                bind.execute(
                    sa.insert(bands), [{"article_id": id_, "band": k} for k in sorted(set(band_keys(sig)))]
                )
        last = rows[-1][0]


def downgrade() -> None:
    """Drop the band table and the two columns (ties keep the aggregates they have)."""
    op.drop_table("wire_bands")
    with op.batch_alter_table("articles") as batch:
        batch.drop_index("ix_articles_wire_of")
        batch.drop_constraint("fk_articles_wire_of_articles", type_="foreignkey")
        batch.drop_column("wire_of")
        batch.drop_column("minhash")
    if op.get_context().dialect.name == "sqlite":
        _article_triggers()


def _article_triggers() -> None:
    """0003's triggers that keep ``articles_fts`` in step with ``articles`` (SQLite)."""
    op.execute("DROP TRIGGER IF EXISTS articles_fts_ai")
    op.execute("DROP TRIGGER IF EXISTS articles_fts_ad")
    op.execute("DROP TRIGGER IF EXISTS articles_fts_au")
    op.execute(
        "CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN "
        "INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END"
    )
    op.execute(
        "CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN "
        "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
        "VALUES ('delete', old.id, old.title, old.text); END"
    )
    op.execute(
        "CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, text ON articles BEGIN "
        "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
        "VALUES ('delete', old.id, old.title, old.text); "
        "INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END"
    )
