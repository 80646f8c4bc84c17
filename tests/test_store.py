"""The store: one-transaction writes, idempotent re-ingest, aggregation, resolution, and the read side."""

from __future__ import annotations

import dataclasses
import math
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, func, select, text

from builders import Doc
from entramado.errors import ActorNotFoundError, StoreError
from entramado.models import Entity as EntityRecord
from entramado.models import EntityType, Evidence, Extraction, Relation, RelationType
from entramado.store import Store, aggregate, write
from entramado.store.connect import create
from entramado.store.schema import Alias, Entity, Mention
from entramado.store.schema import Evidence as EvidenceRow
from entramado.store.schema import Relation as RelationRow

PERSON, ORG, EVENT = EntityType.PERSON, EntityType.ORGANIZATION, EntityType.EVENT
ALLY, MEETS, MEMBER_OF, CO = (
    RelationType.ALLY,
    RelationType.MEETS,
    RelationType.MEMBER_OF,
    RelationType.CO_MENTION,
)


def kast_and_abascal(
    doc_id: str = "a1", published: date | None = date(2024, 1, 10), confidence: float = 0.8
) -> Doc:
    """Kast, Abascal and Vox, allied, in one short article."""
    return (
        Doc(
            f"José Antonio Kast se reunió con Santiago Abascal en Madrid ({doc_id}). "
            "Kast y Abascal son aliados desde hace años. Abascal preside Vox.",
            doc_id=doc_id,
            published=published,
        )
        .entity("José Antonio Kast", aliases=("Kast",))
        .entity("Santiago Abascal", aliases=("Abascal",))
        .entity("Vox", ORG)
        .relation(
            "José Antonio Kast",
            ALLY,
            "Santiago Abascal",
            confidence,
            "Kast y Abascal son aliados desde hace años.",
        )
        .relation("Santiago Abascal", MEMBER_OF, "Vox", 0.9, "Abascal preside Vox.")
        .relation("José Antonio Kast", CO, "Vox", 0.1, "Kast y Abascal son aliados desde hace años.")
    )


def counts(store: Store) -> tuple[int, int, int, int, int, int]:
    s = store.stats()
    return (
        s.articles,
        sum(s.entities.values()),
        sum(s.relations.values()),
        s.evidence,
        s.mentions,
        s.aliases,
    )


def tie(store: Store, actor: str, rtype: RelationType, other: str):  # type: ignore[no-untyped-def]
    return next(t for t in store.actor(actor).ties[rtype] if t.other == other)


# -- writing: transactions and idempotence -------------------------------------------------------


def test_added_article_is_contained(fresh_store: Store) -> None:
    ex = kast_and_abascal().build()
    assert not fresh_store.contains(ex.article.content_hash)
    assert fresh_store.add(ex) is True
    assert fresh_store.contains(ex.article.content_hash)
    assert counts(fresh_store) == (1, 3, 3, 3, 8, 5)


def test_re_adding_the_same_text_is_a_no_op(fresh_store: Store) -> None:
    fresh_store.add(kast_and_abascal().build())
    before = fresh_store.stats()
    # Same text under another file name and date: the content hash is the identity.
    again = kast_and_abascal(published=date(2030, 1, 1)).build()
    again.article = dataclasses.replace(again.article, doc_id="a1-copy")
    assert fresh_store.add(again) is False
    assert fresh_store.stats() == before
    assert tie(fresh_store, "Kast", ALLY, "Santiago Abascal").article_count == 1


def test_losing_a_race_to_another_writer_is_a_no_op(
    fresh_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    ex = kast_and_abascal().build()
    fresh_store.add(ex)
    before = fresh_store.stats()
    # As if another process stored the article between our check and our insert: the check in
    # the transaction misses it, the insert hits the unique hash.
    real_exists, calls = write.exists, []

    def stale_check(session, content_hash):  # type: ignore[no-untyped-def]
        calls.append(content_hash)
        return len(calls) > 1 and real_exists(session, content_hash)

    monkeypatch.setattr(write, "exists", stale_check)
    assert fresh_store.add(ex) is False
    assert fresh_store.stats() == before


def test_a_crash_mid_add_leaves_no_trace_and_keeps_earlier_articles(
    fresh_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh_store.add(kast_and_abascal().build())
    before = fresh_store.stats()
    second = (
        Doc("Gabriel Boric se reunió con Michelle Bachelet.", doc_id="b1", published=date(2024, 2, 1))
        .entity("Gabriel Boric")
        .entity("Michelle Bachelet")
        .relation("Gabriel Boric", MEETS, "Michelle Bachelet")
        .build()
    )
    flushed = {}

    def power_cut(session, *args):  # type: ignore[no-untyped-def]
        flushed["mentions"] = session.scalar(select(func.count()).select_from(Mention))
        raise RuntimeError("power cut")

    monkeypatch.setattr(aggregate, "add_tie", power_cut)
    with pytest.raises(RuntimeError, match="power cut"):
        fresh_store.add(second)
    assert flushed["mentions"] > before.mentions  # the crash came after rows were written…
    monkeypatch.undo()
    assert not fresh_store.contains(second.article.content_hash)  # …and none of them survived
    assert fresh_store.stats() == before
    with pytest.raises(ActorNotFoundError):
        fresh_store.find_actor("Gabriel Boric")
    assert fresh_store.find_actor("Kast").name == "José Antonio Kast"
    assert fresh_store.add(second) is True  # the store is still usable


def test_a_relation_naming_an_unknown_entity_is_refused_whole(fresh_store: Store) -> None:
    ex = kast_and_abascal().build()
    ex.relations.append(Relation("Felipe Kast", ALLY, "Vox", 0.5))
    with pytest.raises(StoreError, match="Felipe Kast"):
        fresh_store.add(ex)
    assert counts(fresh_store) == (0, 0, 0, 0, 0, 0)


def test_an_entity_without_a_name_is_left_out_with_its_ties(fresh_store: Store) -> None:
    ex = kast_and_abascal().build()
    ex.entities.append(EntityRecord("«»", PERSON))
    ex.relations.append(Relation("«»", ALLY, "Vox", 0.5))
    assert fresh_store.add(ex)
    assert fresh_store.stats().entities == {"ORGANIZATION": 1, "PERSON": 2}
    assert set(fresh_store.actor("Vox").ties) == {MEMBER_OF, CO}


# -- writing: aggregation ---------------------------------------------------------------------------


def test_ties_aggregate_over_articles(fresh_store: Store) -> None:
    fresh_store.add(kast_and_abascal("a1", date(2024, 1, 10), confidence=0.8).build())
    fresh_store.add(kast_and_abascal("a2", date(2024, 3, 5), confidence=0.5).build())
    ally = tie(fresh_store, "Kast", ALLY, "Santiago Abascal")
    assert (ally.evidence_count, ally.article_count) == (2, 2)
    assert (ally.first_seen, ally.last_seen) == (date(2024, 1, 10), date(2024, 3, 5))
    assert ally.confidence == pytest.approx(1 - (1 - 0.8) * (1 - 0.5))  # noisy-or: 0.9


def test_one_article_counts_once_with_its_strongest_claim(fresh_store: Store) -> None:
    doc = kast_and_abascal("a1", date(2024, 1, 10), confidence=0.6)
    # The same tie again in the same article, stronger, from another sentence with its own date.
    doc.relation(
        "Santiago Abascal",
        ALLY,
        "José Antonio Kast",
        0.7,
        "José Antonio Kast se reunió con Santiago Abascal en Madrid (a1).",
        when=date(2023, 12, 1),
    )
    fresh_store.add(doc.build())
    fresh_store.add(kast_and_abascal("a2", date(2024, 3, 5), confidence=0.5).build())
    ally = tie(fresh_store, "Kast", ALLY, "Santiago Abascal")
    assert (ally.evidence_count, ally.article_count) == (3, 2)
    assert ally.first_seen == date(2023, 12, 1)  # the evidence's own date beats the article's
    assert ally.confidence == pytest.approx(1 - (1 - 0.7) * (1 - 0.5))


def test_undirected_tie_is_one_row_whatever_the_order(fresh_store: Store) -> None:
    fresh_store.add(kast_and_abascal("a1").build())
    reverse = kast_and_abascal("a2")
    reverse.relations[0] = Relation(
        "Santiago Abascal", ALLY, "José Antonio Kast", 0.5, reverse.relations[0].evidence
    )
    fresh_store.add(reverse.build())
    allies = fresh_store.relations(type=ALLY)
    assert len(allies) == 1 and allies[0].article_count == 2
    assert tie(fresh_store, "Abascal", ALLY, "José Antonio Kast").direction == "both"
    assert tie(fresh_store, "Kast", ALLY, "Santiago Abascal").direction == "both"


def test_directed_ties_keep_their_direction(fresh_store: Store) -> None:
    fresh_store.add(kast_and_abascal().build())
    odd = (
        Doc("Vox integra a Abascal, dice el texto.", doc_id="b1")
        .entity("Vox", ORG)
        .entity("Santiago Abascal", aliases=("Abascal",))
        .relation("Vox", MEMBER_OF, "Santiago Abascal", 0.3)
        .build()
    )
    fresh_store.add(odd)
    members = {(r.source, r.target) for r in fresh_store.relations(type=MEMBER_OF)}
    assert members == {("Santiago Abascal", "Vox"), ("Vox", "Santiago Abascal")}
    directions = {t.direction for t in fresh_store.actor("Abascal").ties[MEMBER_OF]}
    assert directions == {"out", "in"}


def test_a_tie_between_two_names_of_one_actor_is_dropped(fresh_store: Store) -> None:
    fresh_store.add(kast_and_abascal().build())
    # The extractor kept "Kast" apart from "José Antonio Kast"; resolution merges them.
    ex = (
        Doc("Kast habló. José Antonio Kast y Kast coinciden.", doc_id="b1")
        .entity("Kast")
        .entity("José Antonio Kast")
        .relation("Kast", ALLY, "José Antonio Kast", 0.4)
        .build()
    )
    assert fresh_store.add(ex)
    assert fresh_store.stats().entities == {"ORGANIZATION": 1, "PERSON": 2}
    others = {t.other for ties in fresh_store.actor("Kast").ties.values() for t in ties}
    assert others == {"Santiago Abascal", "Vox"}
    assert fresh_store.find_actor("Kast").article_count == 2


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.floats(min_value=0, max_value=1), min_size=1, max_size=5))
def test_incremental_aggregates_equal_the_batch_formula(tmp_path: Path, confidences: list[float]) -> None:
    db = tmp_path / f"h{abs(hash(tuple(confidences)))}.db"
    db.unlink(missing_ok=True)
    with Store.open(str(db)) as store:
        for i, c in enumerate(confidences):
            store.add(kast_and_abascal(f"a{i}", date(2024, 1, 1 + i), confidence=c).build())
        ally = tie(store, "Kast", ALLY, "Santiago Abascal")
    assert ally.article_count == ally.evidence_count == len(confidences)
    assert ally.confidence == pytest.approx(1 - math.prod(1 - c for c in confidences), abs=1e-9)
    assert (ally.first_seen, ally.last_seen) == (date(2024, 1, 1), date(2024, 1, len(confidences)))


def test_two_writers_on_one_database_neither_lose_nor_duplicate(fresh_url: str) -> None:
    path = fresh_url
    Store.open(path).close()
    docs = [kast_and_abascal(f"a{i}", date(2024, 1, 1 + i), confidence=0.1).build() for i in range(20)]

    def writer(chunk: list[Extraction]) -> int:
        with Store.open(path) as store:
            return sum(store.add(ex) for ex in chunk)

    with ThreadPoolExecutor(2) as pool:  # overlapping halves: 0–13 and 6–19
        stored = list(pool.map(writer, [docs[:14], docs[6:]]))
    assert sum(stored) == 20
    with Store.open(path) as store:
        ally = tie(store, "Kast", ALLY, "Santiago Abascal")
        assert (ally.article_count, ally.evidence_count) == (20, 20)
        assert ally.confidence == pytest.approx(1 - 0.9**20)
        assert store.stats().entities == {"ORGANIZATION": 1, "PERSON": 2}


def test_a_reader_reads_while_a_writer_adds(fresh_url: str) -> None:
    # Readers do not fail or block for long beside the writer: each read sees a committed prefix.
    Store.open(fresh_url).close()
    docs = [kast_and_abascal(f"a{i}", date(2024, 1, 1 + i), confidence=0.1).build() for i in range(12)]
    reading, written = threading.Event(), threading.Event()

    def writer() -> int:
        try:
            assert reading.wait(60)  # so the two overlap however the threads are scheduled
            with Store.open(fresh_url) as store:
                return sum(store.add(ex) for ex in docs)
        finally:
            written.set()

    def reader() -> list[int]:
        seen = []
        try:
            with Store.open(fresh_url) as store:
                while not written.is_set():
                    store.relations()
                    seen.append(store.stats().articles)
                    reading.set()
                seen.append(store.stats().articles)
        finally:
            reading.set()
        return seen

    with ThreadPoolExecutor(2) as pool:
        seen_later = pool.submit(reader)
        assert pool.submit(writer).result(timeout=120) == len(docs)
        seen = seen_later.result(timeout=120)
    assert seen[0] < len(docs) and seen == sorted(seen) and seen[-1] == len(docs)


# -- writing: evidence offsets ----------------------------------------------------------------------


def test_stored_evidence_is_the_article_text_at_its_offsets(fresh_store: Store) -> None:
    ex = kast_and_abascal().build()
    fresh_store.add(ex)
    views = [ev for ties in fresh_store.actor("Abascal").ties.values() for t in ties for ev in t.evidence]
    assert views
    for ev in views:
        assert ex.article.text[ev.start : ev.end] == ev.sentence


def test_evidence_with_shifted_offsets_is_re_anchored(fresh_store: Store) -> None:
    ex = kast_and_abascal().build()
    good = ex.relations[0].evidence[0]
    ex.relations[0].evidence[0] = Evidence(good.sentence, good.start + 3, good.end + 3)
    fresh_store.add(ex)
    (ev,) = tie(fresh_store, "Kast", ALLY, "Santiago Abascal").evidence
    assert (ev.start, ev.end) == (good.start, good.end)


def test_evidence_not_in_the_text_is_refused(fresh_store: Store) -> None:
    ex = kast_and_abascal().build()
    ex.relations[0].evidence[0] = Evidence("Una frase que no está.", 0, 22)
    with pytest.raises(StoreError, match="not in the article text"):
        fresh_store.add(ex)
    assert not fresh_store.contains(ex.article.content_hash)


# -- resolution across articles ---------------------------------------------------------------------


def test_a_surname_in_a_later_article_joins_the_full_name(fresh_store: Store) -> None:
    fresh_store.add(kast_and_abascal().build())
    fresh_store.add(Doc("Kast votó en Santiago.", doc_id="b1").entity("Kast").build())
    kast = fresh_store.find_actor("Kast")
    assert kast.name == "José Antonio Kast"
    assert (kast.mention_count, kast.article_count) == (4, 2)
    assert fresh_store.stats().entities["PERSON"] == 2


def test_a_later_full_name_upgrades_a_stored_surname(fresh_store: Store) -> None:
    fresh_store.add(Doc("Kast votó en Santiago.", doc_id="b1").entity("Kast").build())
    fresh_store.add(kast_and_abascal().build())
    kast = fresh_store.find_actor("Kast")
    assert kast.name == "José Antonio Kast"
    assert kast.aliases == ["Kast"]
    assert kast.article_count == 2
    assert fresh_store.find_actor("jose antonio kast").id == kast.id


def test_an_ambiguous_surname_stays_apart(fresh_store: Store) -> None:
    fresh_store.add(kast_and_abascal().build())
    fresh_store.add(
        Doc("Felipe Kast, o Kast, habló.", doc_id="b1").entity("Felipe Kast", aliases=("Kast",)).build()
    )
    fresh_store.add(Doc("Kast votó en Santiago.", doc_id="c1").entity("Kast").build())
    names = sorted(e.name for e in fresh_store.entities(type=PERSON))
    assert names == ["Felipe Kast", "José Antonio Kast", "Kast", "Santiago Abascal"]


def test_the_same_name_of_another_type_stays_apart(fresh_store: Store) -> None:
    fresh_store.add(Doc("Valencia ganó.", doc_id="a").entity("Valencia", ORG).build())
    fresh_store.add(Doc("Llueve en Valencia.", doc_id="b").entity("Valencia", EntityType.PLACE).build())
    assert fresh_store.stats().entities == {"ORGANIZATION": 1, "PLACE": 1}


# -- reading --------------------------------------------------------------------------------------


def test_find_actor_ignores_accents_and_case(fresh_store: Store) -> None:
    fresh_store.add(kast_and_abascal().build())
    assert fresh_store.find_actor("jose antonio KAST").name == "José Antonio Kast"


def test_find_actor_by_alias(fresh_store: Store) -> None:
    fresh_store.add(kast_and_abascal().build())
    assert fresh_store.find_actor("abascal").name == "Santiago Abascal"


def test_find_actor_forgives_a_typo_in_a_long_name(fresh_store: Store) -> None:
    fresh_store.add(kast_and_abascal().build())
    assert fresh_store.find_actor("Jose Antonio Kats").name == "José Antonio Kast"


def test_an_unknown_actor_comes_with_suggestions(fresh_store: Store) -> None:
    fresh_store.add(kast_and_abascal().build())
    with pytest.raises(ActorNotFoundError) as caught:
        fresh_store.find_actor("Kastt")
    assert caught.value.suggestions[0] == "José Antonio Kast"
    assert "Did you mean: José Antonio Kast" in str(caught.value)
    with pytest.raises(ActorNotFoundError) as nothing:
        fresh_store.find_actor("zzzz")
    assert nothing.value.suggestions == []


def test_entities_are_ordered_by_presence_and_filtered(fresh_store: Store) -> None:
    fresh_store.add(kast_and_abascal().build())
    rows = fresh_store.entities()
    assert [(r.name, r.mention_count) for r in rows] == [
        ("Santiago Abascal", 4),
        ("José Antonio Kast", 3),
        ("Vox", 1),
    ]
    assert [r.name for r in fresh_store.entities(type=ORG)] == ["Vox"]
    assert [r.name for r in fresh_store.entities(query="antonio")] == ["José Antonio Kast"]
    assert len(fresh_store.entities(limit=1)) == 1
    assert rows[0].aliases == ["Abascal"]


def test_relations_exclude_co_mentions_unless_asked(fresh_store: Store) -> None:
    fresh_store.add(kast_and_abascal().build())
    assert {r.type for r in fresh_store.relations()} == {ALLY, MEMBER_OF}
    assert {r.type for r in fresh_store.relations(include_co_mentions=True)} == {ALLY, MEMBER_OF, CO}
    assert [r.type for r in fresh_store.relations(type=CO)] == [CO]
    assert [r.type for r in fresh_store.relations(min_confidence=0.85)] == [MEMBER_OF]
    ordered = fresh_store.relations()
    assert [r.confidence for r in ordered] == sorted((r.confidence for r in ordered), reverse=True)


def test_actor_groups_ties_and_gives_newest_evidence_first(fresh_store: Store) -> None:
    for i, day in enumerate([date(2024, 1, 10), date(2024, 5, 1), date(2024, 3, 5)]):
        fresh_store.add(kast_and_abascal(f"a{i}", day).build())
    detail = fresh_store.actor("Abascal", evidence_limit=2)
    assert detail.entity.name == "Santiago Abascal"
    assert list(detail.ties) == [MEMBER_OF, ALLY]  # RelationType order
    ally = detail.ties[ALLY][0]
    assert [ev.published for ev in ally.evidence] == [date(2024, 5, 1), date(2024, 3, 5)]
    assert ally.evidence[0].doc_id == "a1" and ally.evidence[0].outlet == "El Diario"
    assert ally.evidence_count == 3
    assert fresh_store.actor("Abascal", evidence_limit=0).ties[ALLY][0].evidence == []


def test_stats_count_everything(fresh_store: Store) -> None:
    fresh_store.add(kast_and_abascal("a1", date(2024, 1, 10)).build())
    fresh_store.add(kast_and_abascal("a2", None).build())
    en = Doc("Kast met Meloni in Rome.", doc_id="e1", language="en", published=date(2023, 6, 1))
    fresh_store.add(
        en.entity("Kast")
        .entity("Giorgia Meloni", aliases=("Meloni",))
        .relation("Kast", MEETS, "Giorgia Meloni")
        .build()
    )
    s = fresh_store.stats()
    assert s.articles == 3
    assert s.entities == {"ORGANIZATION": 1, "PERSON": 3}
    assert s.relations == {"ALLY": 1, "CO_MENTION": 1, "MEETS": 1, "MEMBER_OF": 1}
    assert s.evidence == 7
    assert s.mentions == 8 + 8 + 2
    assert s.aliases == 5 + 2
    assert s.languages == {"en": 1, "es": 2}
    assert (s.first_article, s.last_article) == (date(2023, 6, 1), date(2024, 1, 10))
    assert [a.doc_id for a in fresh_store.articles()] == ["a1", "e1", "a2"]  # newest first, undated last


def test_results_are_plain_data(fresh_store: Store) -> None:
    fresh_store.add(kast_and_abascal().build())
    detail = dataclasses.asdict(fresh_store.actor("Kast"))
    assert detail["ties"][ALLY][0]["evidence"][0]["date"] == date(2024, 1, 10)
    assert dataclasses.asdict(fresh_store.stats())["articles"] == 1


def test_the_inspection_session_reads_but_never_writes(fresh_store: Store) -> None:
    ex = kast_and_abascal().build()
    fresh_store.add(ex)
    with fresh_store.session() as session:
        rows = list(session.scalars(select(EvidenceRow)))
        session.execute(delete(Alias))
        with pytest.raises(StoreError, match="for reading"):
            session.commit()
    assert {ex.article.text[r.start : r.end] for r in rows} == {r.sentence for r in rows}  # still loaded
    assert fresh_store.stats().aliases == 5


# -- opening --------------------------------------------------------------------------------------


def test_a_bare_path_and_a_sqlite_url_open_the_same_file(tmp_path: Path) -> None:
    path = tmp_path / "same.db"
    ex = kast_and_abascal().build()
    with Store.open(str(path)) as store:
        store.add(ex)
    assert path.exists()
    with Store.open(f"sqlite:///{path}") as store:
        assert store.contains(ex.article.content_hash)


def test_an_unopenable_database_names_its_url(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"sqlite:////nonexistent-dir/x\.db.*--db"):
        Store.open("sqlite:////nonexistent-dir/x.db")


def test_a_missing_postgresql_driver_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if psycopg were not installed
    with pytest.raises(StoreError, match=r"pip install 'entramado\[postgres\]'"):
        Store.open("postgresql+psycopg://user:secret@127.0.0.1:1/db")


def test_a_file_that_is_not_a_database_is_a_store_error(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_text("these are my notes, not a database " * 100)
    with pytest.raises(StoreError, match=r"notes\.db"):
        Store.open(str(bogus))


def test_passwords_never_appear_in_errors() -> None:
    with pytest.raises(StoreError) as caught:
        Store.open("postgresql://ana:s3cret@127.0.0.1:1/entramado")
    assert "s3cret" not in str(caught.value)
    assert "ana:***@127.0.0.1" in str(caught.value)


def test_a_database_from_a_newer_entramado_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    Store.open(str(path)).close()
    engine = create(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(StoreError, match="newer"):
        Store.open(str(path))


def test_foreign_keys_are_back_on_after_migrating(fresh_store: Store, backend: str) -> None:
    # Migrations run with them off (batch rebuilds would cascade); the store's connections must not.
    if backend != "sqlite":
        pytest.skip("SQLite only: PostgreSQL always enforces foreign keys")
    with fresh_store.session() as session:
        assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_sqlite_enforces_foreign_keys_so_deletes_cascade(fresh_store: Store) -> None:
    fresh_store.add(kast_and_abascal().build())
    engine = create(fresh_store.url)
    with engine.begin() as conn:
        conn.execute(Entity.__table__.delete().where(Entity.name == "Santiago Abascal"))
        assert conn.scalar(select(Alias.id).where(Alias.alias == "Abascal")) is None
        assert conn.scalar(select(RelationRow.id).where(RelationRow.type == "ALLY")) is None
        # The article's statements stay, unlinked, for a rebuild to resolve again.
        link = conn.execute(
            select(EvidenceRow.relation_id).where(EvidenceRow.sentence == "Abascal preside Vox.")
        ).one()
        assert link == (None,)
        unlinked = select(Mention.entity_id).where(Mention.local_name == "Santiago Abascal")
        assert set(conn.scalars(unlinked)) == {None}
    engine.dispose()


def test_find_actor_by_a_unique_surname_and_not_between_several(fresh_store: Store) -> None:
    from builders import Doc
    from entramado.errors import ActorNotFoundError

    fresh_store.add(
        Doc("Javier Milei habló con Carlos Pérez y con Ana Pérez.", "s", published=None)
        .entity("Javier Milei").entity("Carlos Pérez").entity("Ana Pérez")
        .relation("Javier Milei", RelationType.MEETS, "Carlos Pérez", 0.8)
        .relation("Javier Milei", RelationType.MEETS, "Ana Pérez", 0.8)
        .build()
    )  # fmt: skip
    assert fresh_store.find_actor("milei").name == "Javier Milei"
    with pytest.raises(ActorNotFoundError) as caught:
        fresh_store.find_actor("Perez")
    assert set(caught.value.suggestions) == {"Carlos Pérez", "Ana Pérez"}
