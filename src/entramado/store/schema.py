"""The database schema: declarative tables for articles, entities, aliases, mentions, ties and evidence.

Two layers. The *statements* are what each article says, in its own names: ``mentions`` (with the
article's name and type of the entity mentioned) and ``evidence`` (with the article's names of the
tie's two ends and its type). The *resolved layer* is derived from them and from the user's
``decisions``: ``entities``, ``aliases``, ``relations`` and the ``entity_id``/``relation_id`` links.
``Store.rebuild()`` re-derives it without re-running NLP, which is why those links are nullable and
set to NULL, not cascaded, when an entity or relation is deleted.

The classes share their names with the records of ``entramado.models``; modules that use both
import these as ``ArticleRow``, ``EntityRow``… to keep the two apart.
"""

from __future__ import annotations

import datetime as dt
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Every constraint and index gets a predictable name: Alembic needs names to alter or drop constraints,
# and SQLite (batch mode) and PostgreSQL must end up with the same ones.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Entity and relation types are stored as plain strings, not database enums, so that adding a type
# to models.py needs no migration (and PostgreSQL's ALTER TYPE dance is avoided). Free text is Text,
# never VARCHAR(n): PostgreSQL enforces lengths, and one odd name must not make an article unstorable.
TYPE_LENGTH = 32


# The full-text indexes of migration 0003 are dialect-specific (FTS5 tables and their shadow tables
# on SQLite, GIN expression indexes on PostgreSQL) and live outside the models: schema comparison
# (autogenerate, tests/test_migrations.py) leaves them alone.
FULL_TEXT_PREFIXES = ("articles_fts", "evidence_fts", "ix_articles_fts", "ix_evidence_fts")


def modelled(name: str | None, kind: str, parents: object = None) -> bool:
    """Whether schema comparison should look at this table or index (Alembic's ``include_name``)."""
    return not (kind in ("table", "index") and name is not None and name.startswith(FULL_TEXT_PREFIXES))


def utc_now() -> datetime:
    """The current time in UTC (ingest timestamps are never local time)."""
    return datetime.now(UTC)


class Base(DeclarativeBase):
    """Declarative base whose metadata carries the naming convention."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Article(Base):
    """One stored article; its ``text`` is what every offset in mentions and evidence refers to."""

    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Not unique: two files in different folders may share a name; the content hash is the identity.
    doc_id: Mapped[str] = mapped_column(Text, index=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    published: Mapped[date | None] = mapped_column(Date, index=True)
    author: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(16))
    origin: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text)
    # "metadata" is reserved on declarative classes, hence the trailing underscore.
    metadata_: Mapped[dict[str, Any]] = mapped_column("metadata", JSON, default=dict)
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    # Wire copies (store/wire.py): the MinHash signature, NULL for a text too short to compare, and
    # the first stored article of the group this one copies, NULL for an article no earlier one matches.
    minhash: Mapped[bytes | None] = mapped_column(LargeBinary)
    wire_of: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="SET NULL"), index=True)


class WireBand(Base):
    """One LSH band key of an article's signature: articles sharing a key are candidate wire copies."""

    __tablename__ = "wire_bands"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    band: Mapped[int] = mapped_column(BigInteger, index=True)


class Entity(Base):
    """One actor, place or event across all articles; ``name`` is its fullest known name."""

    __tablename__ = "entities"
    __table_args__ = (UniqueConstraint("key", "type"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    type: Mapped[str] = mapped_column(String(TYPE_LENGTH))
    key: Mapped[str] = mapped_column(Text)
    # What the user's judgements changed (store/judge_overlay.py): the name before a rename, the
    # type before a retype; NULL when no judgement did.
    renamed_from: Mapped[str | None] = mapped_column(Text)
    retyped_from: Mapped[str | None] = mapped_column(String(TYPE_LENGTH))


class Alias(Base):
    """One name of an entity (its display name included), so lookup by any name is one query."""

    __tablename__ = "aliases"
    __table_args__ = (UniqueConstraint("entity_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"))
    alias: Mapped[str] = mapped_column(Text)
    key: Mapped[str] = mapped_column(Text, index=True)
    # Fuzzy matching compares a name only with names sharing one of its blocks (resolve.blocks):
    # the key without its last word plus that word's length, and (three words or more) the first
    # word, the word count and the last word.
    block: Mapped[str] = mapped_column(Text, index=True)
    end_block: Mapped[str | None] = mapped_column(Text, index=True)


class Mention(Base):
    """One place in an article's text where an entity is named or referred to."""

    __tablename__ = "mentions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    # The resolved entity; NULL only while the resolved layer is being rebuilt.
    entity_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id", ondelete="SET NULL"), index=True)
    # The entity as this article names it (the extraction's entity name and type): the statement.
    local_name: Mapped[str] = mapped_column(Text)
    local_type: Mapped[str] = mapped_column(String(TYPE_LENGTH))
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    sentence: Mapped[int] = mapped_column(Integer)


class Relation(Base):
    """A tie aggregated over all articles: one row per (source, target, type).

    Undirected types keep the smaller entity id as source, so A–B and B–A are one row.
    """

    __tablename__ = "relations"
    __table_args__ = (
        UniqueConstraint("source_id", "target_id", "type"),
        # The unique constraint serves lookups by source; ties *to* an actor need this one.
        Index(None, "target_id"),
        Index(None, "type", "confidence"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"))
    target_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"))
    type: Mapped[str] = mapped_column(String(TYPE_LENGTH))
    evidence_count: Mapped[int] = mapped_column(Integer, default=0)
    article_count: Mapped[int] = mapped_column(Integer, default=0)
    first_seen: Mapped[date | None] = mapped_column(Date)
    last_seen: Mapped[date | None] = mapped_column(Date)
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    # What the user's judgements changed: a person confirmed the tie; how many of its evidence
    # sentences a person rejected (hidden, and left out of the aggregates above); its type before
    # a retype-tie. Set by store/judge_overlay.py on every rebuild and ingest.
    confirmed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    rejected: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    retyped_from: Mapped[str | None] = mapped_column(String(TYPE_LENGTH))


class Evidence(Base):
    """One sentence of one article that supports a tie, with its offsets in the article text.

    The row is the article's statement "source –type→ target", in the article's own names; it
    supports the resolved tie ``relation_id``, which is NULL when it supports none: its two ends
    resolved to one actor, or an earlier statement of the article gives the same sentence for the
    same tie (a tie counts each sentence of an article once).
    """

    __tablename__ = "evidence"
    __table_args__ = (UniqueConstraint("relation_id", "article_id", "start"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    relation_id: Mapped[int | None] = mapped_column(ForeignKey("relations.id", ondelete="SET NULL"))
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    source_local: Mapped[str] = mapped_column(Text)
    target_local: Mapped[str] = mapped_column(Text)
    type: Mapped[str] = mapped_column(String(TYPE_LENGTH))
    sentence: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    cue: Mapped[str | None] = mapped_column(Text)
    attributed_to: Mapped[str | None] = mapped_column(Text)
    # The evidence's own date when the text gives one, else the article's publication date.
    date: Mapped[dt.date | None] = mapped_column(Date)
    # The extractor's confidence in this statement; the tie's per-article confidence is the highest
    # of its statements in that article.
    confidence: Mapped[float] = mapped_column(Float)
    # The add-tie judgement that wrote this row (a person's evidence), NULL for the extractor's.
    decision_id: Mapped[int | None] = mapped_column(Integer)


class ActorId(Base):
    """A name an actor was created or shown under, and the actor's id: what keeps ids stable.

    Derived entities take their ids from here (store/ids.py); a name may have had several actors.
    Rows are never deleted, so an id no entity holds any more still says which names it stood for.
    """

    __tablename__ = "actor_ids"

    type: Mapped[str] = mapped_column(String(TYPE_LENGTH), primary_key=True)
    key: Mapped[str] = mapped_column(Text, primary_key=True)
    actor_id: Mapped[int] = mapped_column(Integer, primary_key=True, index=True)


class Decision(Base):
    """One user judgement (merge, not-same, split; on ties and actors), by names, replayed on every rebuild.

    ``a_key``/``b_key`` are the keys of the names the user typed; ``a_name``/``b_name`` the display
    names they resolved to at the time (for showing the decision); ``a_keys``/``b_keys`` the heads of
    each actor then (for a split, ``b_keys`` is the alias key): what resolution obeys.
    """

    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    type: Mapped[str] = mapped_column(String(TYPE_LENGTH))
    a_key: Mapped[str] = mapped_column(Text)
    a_name: Mapped[str] = mapped_column(Text)
    a_keys: Mapped[list[str]] = mapped_column(JSON)
    b_key: Mapped[str] = mapped_column(Text)
    b_name: Mapped[str] = mapped_column(Text)
    b_keys: Mapped[list[str]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    note: Mapped[str | None] = mapped_column(Text)
    # Who decided (``--by``, by default the OS user); NULL for decisions recorded before 0006.
    author: Mapped[str | None] = mapped_column(Text)
    # The judgement's own data beyond the two names (store/judge_record.py): a tie's type, an
    # evidence sentence's article and offsets, a new name or type.
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSON)
