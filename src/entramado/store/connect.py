"""Engines for the store: URL checks, SQLite connection settings, and the one-writer transaction mode."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import CursorResult, Engine, create_engine, event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import ArgumentError

from entramado.errors import StoreError

# Seconds a SQLite writer waits for another process's write lock before giving up, so two
# `entramado ingest` runs on one file queue up instead of failing with "database is locked".
# (30 s; pysqlite's own default is 5 s.)
BUSY_TIMEOUT_PRAGMA = "PRAGMA busy_timeout = 30000"
FOREIGN_KEYS_ON = "PRAGMA foreign_keys = ON"
FOREIGN_KEYS_OFF = "PRAGMA foreign_keys = OFF"
# Execution option that marks a connection as the writer's (see _sqlite_begin).
WRITE = "entramado_write"


def masked(url: str) -> str:
    """``url`` as it may be shown to the user: the password, if any, replaced by ***."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL; None for another database, or SQLite in memory."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return None
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def exists(url: str) -> bool:
    """Whether the database is there to open: a SQLite file must exist; a server's database is
    created by its administrator, and connecting says when it is not."""
    path = sqlite_file(url)
    return path is None or path.exists()


def create(url: str) -> Engine:
    """An engine for ``url``; for SQLite, with foreign keys on, a busy timeout and explicit BEGINs."""
    try:
        engine = create_engine(url)
    except ArgumentError as exc:
        raise StoreError(
            f"'{masked(url)}' is not a database URL ({exc}). Pass a path to a SQLite file "
            "or a URL such as sqlite:///entramado.db."
        ) from exc
    except ImportError as exc:
        # SQLAlchemy imports the driver only here, so PostgreSQL support stays an optional extra.
        install = (
            "Install it with: pip install 'entramado[postgres]'"
            if make_url(url).get_backend_name() == "postgresql"
            else "Install it"
        )
        raise StoreError(
            f"the database driver for {masked(url)} is not installed ({exc}). "
            f"{install}, or use a SQLite file instead."
        ) from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def sqlite_foreign_keys(connection: Connection, on: bool) -> None:
    """Switch SQLite's foreign-key enforcement; only takes effect outside a transaction."""
    # Through the DBAPI cursor: Connection.execute would BEGIN first, and inside a transaction
    # SQLite silently ignores this pragma.
    cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    cursor.execute(FOREIGN_KEYS_ON if on else FOREIGN_KEYS_OFF)
    cursor.close()


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # SQLite ignores foreign keys (and so ON DELETE CASCADE) unless each connection asks for them.
    cursor = dbapi_connection.cursor()
    cursor.execute(FOREIGN_KEYS_ON)
    cursor.execute(BUSY_TIMEOUT_PRAGMA)
    cursor.close()
    # pysqlite's own transaction handling starts transactions late and never for DDL; switch it off
    # and let _sqlite_begin emit BEGIN, so every transaction (migrations included) is explicit.
    dbapi_connection.isolation_level = None


def _sqlite_begin(connection: Connection) -> None:
    # The writer takes SQLite's write lock at BEGIN: its read-then-update of aggregates then cannot
    # interleave with another writer, and waiting happens up front (busy timeout), not mid-way.
    # Readers begin deferred and never block each other.
    if connection.get_execution_options().get(WRITE):
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        connection.exec_driver_sql("BEGIN")


def new_id(result: CursorResult[Any]) -> int:
    """The id of the row an INSERT created (RETURNING on PostgreSQL, the last row id on SQLite)."""
    key = result.inserted_primary_key
    assert key is not None  # an INSERT of one row always has one
    return int(key[0])
