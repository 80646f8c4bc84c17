"""The store's connection: opening and migrating a database, sessions and write transactions.

:class:`StoreBase` is what the store's faces share; :class:`entramado.store.store.Store` adds the
writes, the reads (:mod:`entramado.store.reading`) and the judgements (:mod:`entramado.store.judging`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType
from typing import Self

from sqlalchemy import Engine, event
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from entramado.defaults import database_url
from entramado.errors import NoDatabaseError, StoreError
from entramado.store.connect import WRITE, create, exists, masked, sqlite_file
from entramado.store.migrate import MigrationError, upgrade


class StoreBase:
    """An open database: its engines, sessions and write transactions. Open with :meth:`open`."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        # Every write goes through this engine: its transactions take the write lock at BEGIN.
        self._writer = engine.execution_options(**{WRITE: True})
        self.url = masked(engine.url.render_as_string(hide_password=False))

    @classmethod
    def open(cls, url: str | None = None, create_missing: bool = True) -> Self:
        """Open (creating if need be) the database at ``url`` and migrate it to the current schema.

        ``url`` is any SQLAlchemy URL or a path to a SQLite file; None means ``$ENTRAMADO_DB``
        or ``./entramado.db``. The folder of a SQLite file must exist. With ``create_missing``
        False, a SQLite file that does not exist is refused (NoDatabaseError) instead of created:
        a typo in a path must not answer from a new, empty database.
        """
        resolved = database_url(url)
        if not create_missing and not exists(resolved):
            path = sqlite_file(resolved)
            raise NoDatabaseError(str(path) if path is not None else masked(resolved))
        engine = create(resolved)
        try:
            upgrade(engine)
        except StoreError:
            engine.dispose()
            raise
        except (SQLAlchemyError, MigrationError, OSError) as exc:
            engine.dispose()
            reason = getattr(exc, "orig", None) or exc
            check = (
                "Check that its folder exists and is writable and that the file is an entramado database"
                if engine.dialect.name == "sqlite"
                else "Check that the server is reachable and the user and password are right"
            )
            raise StoreError(
                f"cannot open the database {masked(resolved)}: {reason}. {check}, "
                "or choose another database with --db or $ENTRAMADO_DB."
            ) from exc
        return cls(engine)

    def close(self) -> None:
        """Release the database connections."""
        self._engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.url!r})"

    @contextmanager
    def _writing(self, what: str) -> Iterator[Session]:
        """One write transaction; database errors become a StoreError naming ``what``."""
        try:
            with Session(self._writer) as session, session.begin():
                yield session
        except SQLAlchemyError as exc:
            raise StoreError(f"could not {what} in {self.url}: {exc}") from exc

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A read-only SQLAlchemy session on the schema (``store.schema``), for tests and inspection.

        Loaded rows stay readable after the block. It refuses to commit, and anything changed
        through it is rolled back on exit, so writing stays with :meth:`add`, the one writer.
        """
        with Session(self._engine) as session:
            event.listen(session, "before_commit", _refuse_commit)
            yield session


def _refuse_commit(session: Session) -> None:
    raise StoreError("Store.session() is for reading; store articles with Store.add().")
