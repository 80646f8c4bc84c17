"""Alembic environment: runs entramado's migrations on a connection handed over by the store."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine, pool

from entramado.config import database_url
from entramado.store.schema import Base, modelled

config = context.config
target_metadata = Base.metadata


def _url() -> str:
    # Set by entramado.store.migrate; when a developer runs the `alembic` command with the
    # developer alembic.ini, it falls back to --db's default ($ENTRAMADO_DB or ./entramado.db).
    return config.get_main_option("sqlalchemy.url") or database_url()


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things; batch mode recreates the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_name=modelled,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_offline() -> None:
    """Print the migration SQL instead of running it (``alembic upgrade head --sql``)."""
    url = _url()
    context.configure(
        url=url,
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=url.startswith("sqlite"),
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    """Run the migrations on the store's connection, or on a new one when run by the alembic command."""
    shared = config.attributes.get("connection")
    if shared is not None:
        _run(shared)
        return
    engine = create_engine(_url(), poolclass=pool.NullPool)
    try:
        with engine.begin() as connection:
            _run(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
