"""Alembic migrations: they build exactly the models' schema, from any folder, and run only once."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select, text

from entramado.store import Store
from entramado.store.connect import create
from entramado.store.migrate import alembic_config, head, upgrade
from entramado.store.schema import Base, Entity


def test_the_migrated_schema_equals_the_models(fresh_store: Store) -> None:
    engine = create(fresh_store.url)
    with engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    engine.dispose()
    assert diffs == []


def test_a_schema_that_differs_from_the_models_is_noticed(tmp_path: Path) -> None:
    # Guards the test above: compare_metadata does see a missing index and a missing table.
    engine = create(f"sqlite:///{tmp_path / 'partial.db'}")
    Base.metadata.create_all(engine, tables=[Base.metadata.tables["articles"]])
    with engine.begin() as conn:
        conn.execute(text("DROP INDEX ix_articles_doc_id"))
        diffs = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    kinds = {d[0] if isinstance(d, tuple) else d[0][0] for d in diffs}
    assert {"add_table", "add_index"} <= kinds


def test_migrations_run_from_any_working_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    with Store.open("relative.db") as store:
        assert store.stats().articles == 0
    assert (elsewhere / "relative.db").exists()
    assert not (elsewhere / "alembic.ini").exists()


def test_upgrade_is_idempotent_and_records_the_head(fresh_store: Store) -> None:
    assert head() == "0001"
    engine = create(fresh_store.url)
    upgrade(engine)  # a second time: nothing to do, nothing broken
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == ["0001"]
        assert conn.scalar(select(Entity.id)) is None
    engine.dispose()


def test_the_alembic_command_upgrades_and_downgrades(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cmd.db'}"
    config = alembic_config(url)  # without a shared connection: env.py opens its own
    command.upgrade(config, "head")
    engine = create(url)
    tables = set(inspect(engine).get_table_names())
    assert {"articles", "entities", "aliases", "mentions", "relations", "evidence"} <= tables
    command.downgrade(config, "base")
    assert set(inspect(engine).get_table_names()) == {"alembic_version"}
    engine.dispose()


def test_offline_mode_prints_portable_sql(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    command.upgrade(alembic_config("postgresql://localhost/entramado"), "head", sql=True)
    sql = capsys.readouterr().out
    assert "CREATE TABLE relations" in sql
    assert "CONSTRAINT uq_relations_source_id_target_id_type UNIQUE" in sql
    assert "ON DELETE CASCADE" in sql
