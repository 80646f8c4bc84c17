"""Entity resolution rules, without a database: what merges, what stays apart, and why."""

from __future__ import annotations

from builders import MemoryLookup
from entramado.models import Entity, EntityType
from entramado.resolve import Match, proper_name, resolve

PERSON, ORG, PLACE = EntityType.PERSON, EntityType.ORGANIZATION, EntityType.PLACE


def person(name: str, *aliases: str) -> Entity:
    return Entity(name, PERSON, list(aliases))


# Rule 1: same type, same name key.


def test_same_name_up_to_accents_and_case_merges() -> None:
    lookup = MemoryLookup([("Michelle Bachelet", PERSON, ()), ("José Antonio Kast", PERSON, ())])
    assert resolve(person("JOSE ANTONIO KAST"), lookup) == Match(2, "key")


def test_same_name_of_another_type_does_not_merge() -> None:
    lookup = MemoryLookup([("Valencia", PLACE, ())])
    assert resolve(Entity("Valencia", ORG), lookup) is None


def test_a_leading_article_does_not_keep_names_apart() -> None:
    lookup = MemoryLookup([("Vox", ORG, ())])
    assert resolve(Entity("el Vox", ORG), lookup) == Match(1, "key")


# Rule 2: the new name is an alias of exactly one stored entity.


def test_surname_alias_of_one_stored_person_merges() -> None:
    lookup = MemoryLookup([("José Antonio Kast", PERSON, ("Kast",)), ("Gabriel Boric", PERSON, ("Boric",))])
    assert resolve(person("Kast"), lookup) == Match(1, "alias")


def test_surname_alias_shared_by_two_people_is_ambiguous() -> None:
    lookup = MemoryLookup([("José Antonio Kast", PERSON, ("Kast",)), ("Felipe Kast", PERSON, ("Kast",))])
    assert resolve(person("Kast"), lookup) is None


def test_an_alias_of_another_type_does_not_merge() -> None:
    lookup = MemoryLookup([("Partido Republicano", ORG, ("Republicanos",))])
    assert resolve(person("Republicanos"), lookup) is None


def test_an_unknown_name_creates_a_new_entity() -> None:
    lookup = MemoryLookup([("José Antonio Kast", PERSON, ("Kast",))])
    assert resolve(person("Evelyn Matthei", "Matthei"), lookup) is None


# Rule 2b: a multi-word alias of the new entity names exactly one stored entity.


def test_a_multiword_alias_of_the_new_entity_merges() -> None:
    lookup = MemoryLookup([("Partido Popular", ORG, ())])
    assert resolve(Entity("PP", ORG, ["Partido Popular"]), lookup) == Match(1, "multiword-alias")


def test_a_single_word_alias_of_the_new_entity_is_not_enough() -> None:
    # "Antonio" is an alias of the new entity and the name of a stored one: one word says too little.
    lookup = MemoryLookup([("Antonio", PERSON, ())])
    assert resolve(person("A. Ruiz", "Antonio"), lookup) is None


def test_multiword_aliases_pointing_at_two_entities_are_ambiguous() -> None:
    lookup = MemoryLookup([("Juan Pérez", PERSON, ()), ("Juan Pérez Soto", PERSON, ())])
    assert resolve(person("J. Pérez", "Juan Pérez", "Juan Pérez Soto"), lookup) is None


# Rule 3: a stored single-word person is the last word of the new, fuller name.


def test_fuller_name_absorbs_a_stored_surname_and_becomes_the_display_name() -> None:
    lookup = MemoryLookup([("Kast", PERSON, ())])
    assert resolve(person("José Antonio Kast"), lookup) == Match(1, "surname", rename="José Antonio Kast")


def test_surname_rule_needs_the_last_word() -> None:
    lookup = MemoryLookup([("Kast", PERSON, ())])
    assert resolve(person("Kast Sommerhoff"), lookup) is None


def test_surname_rule_refuses_a_surname_that_names_two_people() -> None:
    # A bare "Kast" is stored, and so is Felipe Kast (alias "Kast"): "José Antonio Kast" could be either.
    lookup = MemoryLookup([("Kast", PERSON, ()), ("Felipe Kast", PERSON, ("Kast",))])
    assert resolve(person("José Antonio Kast"), lookup) is None


def test_surname_rule_is_for_people_only() -> None:
    lookup = MemoryLookup([("Chile", ORG, ())])
    assert resolve(Entity("Universidad de Chile", ORG), lookup) is None


def test_surname_rule_needs_the_same_type() -> None:
    lookup = MemoryLookup([("Kast", ORG, ())])
    assert resolve(person("José Antonio Kast"), lookup) is None


def test_an_empty_name_never_merges() -> None:
    lookup = MemoryLookup([("", PERSON, ())])
    assert resolve(person("  "), lookup) is None


# Descriptions ("el líder chileno") are aliases any actor may get: they never decide a merge.


def test_a_shared_description_does_not_merge() -> None:
    lookup = MemoryLookup([("José Antonio Kast", PERSON, ("El líder chileno",))])
    assert resolve(person("Gabriel Boric", "el líder chileno"), lookup) is None


def test_a_description_as_name_does_not_absorb_a_surname() -> None:
    lookup = MemoryLookup([("Kast", PERSON, ())])
    assert resolve(person("el rival de Kast"), lookup) is None


def test_proper_names_and_descriptions() -> None:
    assert proper_name("Partido Popular") and proper_name("El Partido Popular")
    assert proper_name("Universidad de Chile") and proper_name("Political Network for Values")
    assert not proper_name("el partido español") and not proper_name("El aliado de Vox")
    assert not proper_name("cumbres CPAC") and not proper_name("")
