"""Schema migrations: bring a database to the current Alembic revision, from any working directory."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Engine

from entramado.errors import StoreError
from entramado.store.connect import WRITE, masked, sqlite_foreign_keys

# Shipped inside the package, so no alembic.ini or working directory is needed to find them.
MIGRATIONS = Path(__file__).parent / "migrations"
FOREIGN_KEY_CHECK = "PRAGMA foreign_key_check"


def alembic_config(url: str) -> Config:
    """An Alembic configuration for ``url``, built in code (``alembic.ini`` is only for developers)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    # ConfigParser interpolation would read a "%" in a URL-encoded password as a reference.
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def head() -> str | None:
    """The revision the code expects."""
    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def upgrade(engine: Engine) -> None:
    """Migrate the database of ``engine`` to the head revision; a no-op when it is already there."""
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
    try:
        return script.get_revision(revision) is not None
    except CommandError:
        return False
