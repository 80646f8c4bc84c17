"""Alembic migrations: they build exactly the models' schema, from any folder, and run only once."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, inspect, select, text

from builders import Doc
from entramado.models import RelationType
from entramado.store import Store
from entramado.store.connect import create
from entramado.store.migrate import alembic_config, head, upgrade
from entramado.store.schema import Alias, Base, Entity, Evidence, Mention, modelled


def test_the_migrated_schema_equals_the_models(fresh_store: Store) -> None:
    engine = create(fresh_store.url)
    with engine.connect() as conn:
        diffs = compare_metadata(
            MigrationContext.configure(conn, opts={"compare_type": True, "include_name": modelled}),
            Base.metadata,
        )
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
    assert head() == "0007"
    engine = create(fresh_store.url)
    upgrade(engine)  # a second time: nothing to do, nothing broken
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == ["0007"]
        assert conn.scalar(select(Entity.id)) is None
    engine.dispose()


def test_the_alembic_command_upgrades_and_downgrades(fresh_url: str) -> None:
    url = fresh_url
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
    # 0002, as plain ALTERs: statement columns backfilled, links loosened, decisions added.
    assert "ALTER TABLE mentions ADD COLUMN local_name TEXT" in sql
    assert "split_part(key, ' ', 1)" in sql
    assert "ALTER TABLE evidence ALTER COLUMN relation_id DROP NOT NULL" in sql
    assert "ON DELETE SET NULL" in sql
    assert "CREATE TABLE decisions" in sql


# -- 0002: statements in the articles' own names, decisions, blocking keys ---------------------------

ROWS_0001 = [
    "INSERT INTO articles (id, doc_id, content_hash, title, language, origin, text, metadata, ingested_at, "
    "published) VALUES (1, 'a1', 'h1', 'T', 'es', 'a1.txt', "
    "'José Antonio Kast y Santiago Abascal son aliados. Abascal preside Vox.', '{}', "
    "'2024-01-10 00:00:00', '2024-01-10')",
    "INSERT INTO entities (id, name, type, key) VALUES "
    "(1, 'José Antonio Kast', 'PERSON', 'jose antonio kast'), "
    "(2, 'Santiago Abascal', 'PERSON', 'santiago abascal'), (3, 'Vox', 'ORGANIZATION', 'vox')",
    "INSERT INTO aliases (entity_id, alias, key) VALUES (1, 'José Antonio Kast', 'jose antonio kast'), "
    "(2, 'Santiago Abascal', 'santiago abascal'), (2, 'Abascal', 'abascal'), (3, 'Vox', 'vox')",
    'INSERT INTO mentions (article_id, entity_id, text, start, "end", sentence) VALUES '
    "(1, 1, 'José Antonio Kast', 0, 17, 0), (1, 2, 'Santiago Abascal', 20, 36, 0), "
    "(1, 2, 'Abascal', 50, 57, 1), (1, 3, 'Vox', 66, 69, 1)",
    "INSERT INTO relations (id, source_id, target_id, type, evidence_count, article_count, first_seen, "
    "last_seen, confidence) VALUES (1, 1, 2, 'ALLY', 1, 1, '2024-01-10', '2024-01-10', 0.8), "
    "(2, 2, 3, 'MEMBER_OF', 1, 1, '2024-01-10', '2024-01-10', 0.9)",
    'INSERT INTO evidence (relation_id, article_id, sentence, start, "end", date, confidence) VALUES '
    "(1, 1, 'José Antonio Kast y Santiago Abascal son aliados.', 0, 49, '2024-01-10', 0.8), "
    "(2, 1, 'Abascal preside Vox.', 50, 70, '2024-01-10', 0.9)",
]


def test_a_database_at_0001_with_data_is_upgraded_and_backfilled(fresh_url: str) -> None:
    command.upgrade(alembic_config(fresh_url), "0001")
    engine = create(fresh_url)
    with engine.begin() as conn:
        for sql in ROWS_0001:
            conn.execute(text(sql))
    engine.dispose()

    with Store.open(fresh_url) as store:
        stats = store.stats()
        assert (stats.articles, stats.mentions, stats.aliases, stats.evidence) == (1, 4, 4, 2)
        assert stats.entities == {"ORGANIZATION": 1, "PERSON": 2}
        with store.session() as session:
            mentions = session.execute(
                select(Mention.local_name, Mention.local_type, Mention.entity_id)
            ).all()
            assert set(mentions) == {
                ("José Antonio Kast", "PERSON", 1),
                ("Santiago Abascal", "PERSON", 2),
                ("Vox", "ORGANIZATION", 3),
            }
            statements = session.execute(
                select(Evidence.source_local, Evidence.type, Evidence.target_local, Evidence.relation_id)
            ).all()
            assert set(statements) == {
                ("José Antonio Kast", "ALLY", "Santiago Abascal", 1),
                ("Santiago Abascal", "MEMBER_OF", "Vox", 2),
            }
            blocks = session.execute(select(Alias.key, Alias.block, Alias.end_block)).tuples().all()
            assert set(blocks) == {  # 0002's first words, made finer by 0005
                ("jose antonio kast", "jose antonio 4", "jose 3 kast"),
                ("santiago abascal", "santiago 7", None),
                ("abascal", "abascal", None),
                ("vox", "vox", None),
            }
        before = [dataclasses.replace(r, id=0) for r in store.relations()]
        assert [(r.source, r.type, r.target) for r in before] == [
            ("Santiago Abascal", "MEMBER_OF", "Vox"),
            ("José Antonio Kast", "ALLY", "Santiago Abascal"),
        ]
        # The backfilled statements are enough to rebuild the same graph without NLP.
        store.rebuild()
        assert [dataclasses.replace(r, id=0) for r in store.relations()] == before
        assert store.find_actor("Abascal").aliases == ["Abascal"]
        assert store.decisions() == []


def test_downgrading_0002_keeps_the_statements_that_support_a_tie(fresh_store: Store) -> None:
    both = (
        Doc("Kast y José Antonio Kast coinciden. Kast y Abascal son aliados.", doc_id="d1")
        .entity("José Antonio Kast", aliases=("Kast",))
        .entity("Santiago Abascal", aliases=("Abascal",))
        .relation("Kast", RelationType.ALLY, "Abascal", 0.8, "Kast y Abascal son aliados.")
        .relation("Kast", RelationType.ALLY, "Santiago Abascal", 0.6, "Kast y Abascal son aliados.")
        .build()
    )
    fresh_store.add(both)
    with fresh_store.session() as session:
        assert session.scalar(select(func.count()).select_from(Evidence)) == 2  # one repeats the other
    config = alembic_config(fresh_store.url)
    command.downgrade(config, "0001")
    engine = create(fresh_store.url)
    with engine.connect() as conn:
        assert conn.scalar(text("SELECT count(*) FROM evidence")) == 1
        assert conn.scalar(text("SELECT count(*) FROM mentions")) == 5  # every mention supports an entity
        assert "local_name" not in {c["name"] for c in inspect(conn).get_columns("mentions")}
    engine.dispose()
    command.upgrade(config, "head")
    with Store.open(fresh_store.url) as again:
        assert again.relations()[0].confidence == pytest.approx(0.8)
        assert again.stats().evidence == 1


def test_the_head_read_from_the_scripts_is_alembics() -> None:
    # Opening a current database compares with this head without importing Alembic (instant commands).
    from entramado.store.migrate import scripted_head

    assert scripted_head() is not None
    assert scripted_head() == head()


def test_a_database_behind_the_scripts_is_not_current(tmp_path: Path) -> None:
    from entramado.store.migrate import is_current

    engine = create(f"sqlite:///{tmp_path / 'old.db'}")
    assert not is_current(engine)  # no version table yet
    upgrade(engine)
    assert is_current(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    assert not is_current(engine)
    engine.dispose()


# -- 0005: finer name blocks -------------------------------------------------------------------------

ROWS_0004 = [
    "INSERT INTO entities (id, name, type, key) VALUES "
    "(1, 'Yeidckol Polevnsky Gurwitz', 'PERSON', 'yeidckol polevnsky gurwitz'), "
    "(2, 'Ana Iglesias', 'PERSON', 'ana iglesias'), (3, 'Vox', 'ORGANIZATION', 'vox')",
    "INSERT INTO aliases (entity_id, alias, key, block) VALUES "
    "(1, 'Yeidckol Polevnsky Gurwitz', 'yeidckol polevnsky gurwitz', 'yeidckol'), "
    "(1, 'Polevnsky', 'polevnsky', 'polevnsky'), (2, 'Ana Iglesias', 'ana iglesias', 'ana'), "
    "(3, 'Vox', 'vox', 'vox')",
]
BLOCKS_0004 = {
    ("yeidckol polevnsky gurwitz", "yeidckol"),
    ("polevnsky", "polevnsky"),
    ("ana iglesias", "ana"),
    ("vox", "vox"),
}


def test_0005_recomputes_the_stored_blocks_and_resolution_finds_variants_through_them(fresh_url: str) -> None:
    config = alembic_config(fresh_url)
    command.upgrade(config, "0004")
    engine = create(fresh_url)
    with engine.begin() as conn:
        for sql in ROWS_0004:
            conn.execute(text(sql))
    engine.dispose()

    with Store.open(fresh_url) as store:  # upgrades to the head
        with store.session() as session:
            blocks = set(session.execute(select(Alias.key, Alias.block, Alias.end_block)).tuples())
        assert blocks == {
            ("yeidckol polevnsky gurwitz", "yeidckol polevnsky 7", "yeidckol 3 gurwitz"),
            ("polevnsky", "polevnsky", None),
            ("ana iglesias", "ana 8", None),
            ("vox", "vox", None),
        }
        # A variant in the middle word is found through the end block, one in the last word through
        # the head block (the stored rows were written by 0004's code, before these blocks existed).
        text_ = "Yeidckol Polevnski Gurwitz habló. Ana Iglessias respondió."
        store.add(Doc(text_, doc_id="v").entity("Yeidckol Polevnski Gurwitz").entity("Ana Iglessias").build())
        assert {e.name for e in store.entities()} == {"Yeidckol Polevnsky Gurwitz", "Ana Iglesias", "Vox"}

    command.downgrade(config, "0004")
    engine = create(fresh_url)
    with engine.connect() as conn:
        assert "end_block" not in {c["name"] for c in inspect(conn).get_columns("aliases")}
        assert set(conn.execute(text("SELECT key, block FROM aliases")).tuples()) >= BLOCKS_0004
    engine.dispose()
