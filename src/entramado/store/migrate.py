"""Schema migrations: bring a database to the current Alembic revision, from any working directory."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from entramado.errors import StoreError
from entramado.store.connect import WRITE, masked, sqlite_foreign_keys

if TYPE_CHECKING:  # Alembic (and Mako, Pygments…) loads only when a database needs migrating
    from alembic.config import Config
    from alembic.script import ScriptDirectory

# Shipped inside the package, so no alembic.ini or working directory is needed to find them.
MIGRATIONS = Path(__file__).parent / "migrations"
FOREIGN_KEY_CHECK = "PRAGMA foreign_key_check"
# The revision lines of a migration script as Alembic's template writes them.
_REVISION = re.compile(r"^revision(?:\s*:[^=]*)?=\s*[\"']([^\"']+)[\"']", re.MULTILINE)
_DOWN_REVISION = re.compile(r"^down_revision(?:\s*:[^=]*)?=\s*(?:[\"']([^\"']+)[\"']|None)\s*$", re.MULTILINE)


def alembic_config(url: str) -> Config:
    """An Alembic configuration for ``url``, built in code (``alembic.ini`` is only for developers)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    # ConfigParser interpolation would read a "%" in a URL-encoded password as a reference.
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def head() -> str | None:
    """The revision the code expects."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


@cache
def scripted_head() -> str | None:
    """The head revision read from the migration files' revision lines, without importing Alembic.

    The one revision that no other revises; None when the history is not one plain line of
    scripts (a merge point, two heads, an unusual file), and Alembic must decide.
    """
    revisions: set[str] = set()
    revised: set[str] = set()
    for script in (MIGRATIONS / "versions").glob("*.py"):
        text = script.read_text(encoding="utf-8")
        revision, down = _REVISION.search(text), _DOWN_REVISION.search(text)
        if revision is None or down is None:
            return None
        revisions.add(revision.group(1))
        if down.group(1):
            revised.add(down.group(1))
    heads = revisions - revised
    return heads.pop() if len(heads) == 1 else None


def is_current(engine: Engine) -> bool:
    """Whether the database is already at the head revision: one query, and no Alembic import.

    Opening a current database is what every reading command does, and importing Alembic alone
    took longer than the whole command should; any doubt (no version table, a database error)
    answers False and leaves the decision to :func:`upgrade`.
    """
    expected = scripted_head()
    if expected is None:
        return False
    try:
        with engine.connect() as connection:
            rows = connection.exec_driver_sql("SELECT version_num FROM alembic_version").all()
    except SQLAlchemyError:
        return False
    return [row[0] for row in rows] == [expected]


class MigrationError(Exception):
    """Alembic could not read or run the migrations (its ``CommandError``, raised as ours so that
    callers can catch it without importing Alembic)."""


def upgrade(engine: Engine) -> None:
    """Migrate the database of ``engine`` to the head revision; a no-op when it is already there."""
    if is_current(engine):
        return
    from alembic.util import CommandError

    try:
        _migrate(engine)
    except CommandError as exc:
        raise MigrationError(str(exc)) from exc


def _migrate(engine: Engine) -> None:
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    url = engine.url.render_as_string(hide_password=False)
    config = alembic_config(url)
    script = ScriptDirectory.from_config(config)
    with engine.connect().execution_options(**{WRITE: True}) as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # Batch migrations rebuild a table and drop the old one; with foreign keys on, that drop
            # would cascade and delete every alias, mention and tie of the rebuilt table's rows.
            sqlite_foreign_keys(connection, on=False)
        try:
            # The check and the upgrade share one write transaction, so two processes opening a new
            # SQLite file at once do not both create the tables: the second waits, then finds the
            # schema current.
            with connection.begin():
                current = MigrationContext.configure(connection).get_current_revision()
                if current == script.get_current_head():
                    return
                if current is not None and not _known(script, current):
                    raise StoreError(
                        f"the database {masked(url)} has schema revision '{current}', which this "
                        "version of entramado does not know: it was written by a newer entramado. "
                        "Upgrade entramado."
                    )
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                if sqlite and connection.exec_driver_sql(FOREIGN_KEY_CHECK).first() is not None:
                    # Raising rolls the whole migration back: better no upgrade than dangling rows.
                    raise StoreError(
                        f"migrating {masked(url)} would leave rows pointing at missing rows; "
                        "nothing was changed. Please report this as a bug."
                    )
        finally:
            if sqlite:
                sqlite_foreign_keys(connection, on=True)


def _known(script: ScriptDirectory, revision: str) -> bool:
    from alembic.util import CommandError

    try:
        return script.get_revision(revision) is not None
    except CommandError:
        return False
