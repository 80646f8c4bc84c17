"""Rebuilding the resolved layer from the stored statements: exactly what adding gave, every time."""

from __future__ import annotations

from datetime import date

import pytest

from builders import Doc, people, rule_corpus, snapshot
from entramado.models import EntityType, RelationType
from entramado.store import Store

MEETS = RelationType.MEETS


def test_rebuild_gives_exactly_what_adding_gave_and_is_idempotent(fresh_store: Store) -> None:
    for ex in rule_corpus():
        assert fresh_store.add(ex)
    added = snapshot(fresh_store)
    assert "Yeidckol Polevnski" in fresh_store.find_actor("Yeidckol Polevnsky").aliases  # fuzzy merged
    meets = next(r for r in fresh_store.relations(type=MEETS) if r.target == "Mario Delgado")
    assert (meets.article_count, meets.confidence) == (2, pytest.approx(1 - 0.35 * 0.65))
    fresh_store.rebuild()
    assert snapshot(fresh_store) == added
    fresh_store.rebuild()
    assert snapshot(fresh_store) == added


def test_rebuild_of_an_empty_database_is_a_no_op(fresh_store: Store) -> None:
    fresh_store.rebuild()
    assert snapshot(fresh_store) == ([], [], fresh_store.stats())
    assert fresh_store.stats().articles == 0


def test_a_statement_naming_an_entity_left_out_is_not_stored(fresh_store: Store) -> None:
    # "Vox" has no mention in the text: an entity that cannot be traced is left out, with its ties.
    ex = (
        Doc("Santiago Abascal habló en Madrid.", doc_id="v", published=date(2024, 1, 1))
        .entity("Santiago Abascal")
        .entity("Vox", EntityType.ORGANIZATION)
        .relation("Santiago Abascal", RelationType.MEMBER_OF, "Vox", 0.9, "Santiago Abascal habló en Madrid.")
        .build()
    )
    assert fresh_store.add(ex)
    assert fresh_store.stats().entities == {"PERSON": 1}
    assert fresh_store.stats().evidence == 0
    fresh_store.rebuild()
    assert fresh_store.stats().entities == {"PERSON": 1}


def test_spelling_variants_merge_and_different_first_names_do_not(fresh_store: Store) -> None:
    for ex in rule_corpus()[5:7]:
        fresh_store.add(ex)
    for i, name in enumerate(["Carlos Pérez Soto", "Carla Pérez Soto"]):
        fresh_store.add(Doc(f"{name} habló en el Congreso.", doc_id=f"c{i}").entity(name).build())
    assert people(fresh_store) == [
        "Carla Pérez Soto",
        "Carlos Pérez Soto",
        "Mario Delgado",
        "Yeidckol Polevnsky",
    ]
    polevnsky = fresh_store.find_actor("Yeidckol Polevnski")
    assert polevnsky.name == "Yeidckol Polevnsky" and polevnsky.article_count == 2
