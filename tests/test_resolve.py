"""Entity resolution rules, without a database: what merges, what stays apart, and why."""

from __future__ import annotations

from builders import MemoryLookup
from entramado.models import Entity, EntityType
from entramado.resolve.actors import Match, proper_name, resolve, spelling_variant
from entramado.resolve.decisions import Decisions, Judgement, Kind

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


# Rule 4: a spelling variant of exactly one stored proper name (blocking on the first word).


def test_a_misspelt_surname_merges() -> None:
    lookup = MemoryLookup([("Yeidckol Polevnsky", PERSON, ())])
    assert resolve(person("Yeidckol Polevnski"), lookup) == Match(1, "fuzzy")


def test_a_misspelt_alias_of_a_stored_entity_merges() -> None:
    lookup = MemoryLookup([("Rochelle P. Walensky", PERSON, ("Rochelle Walensky",))])
    assert resolve(person("Rochelle Welensky"), lookup) == Match(1, "fuzzy")


def test_a_different_first_name_does_not_merge() -> None:
    lookup = MemoryLookup([("Carlos Pérez", PERSON, ()), ("Gabriel Boric", PERSON, ())])
    assert resolve(person("Carla Pérez"), lookup) is None
    assert resolve(person("Gabriela Boric"), lookup) is None


def test_two_passing_candidates_do_not_merge() -> None:
    lookup = MemoryLookup([("Alberto Fernandes", PERSON, ()), ("Alberto Fernándex", PERSON, ())])
    assert resolve(person("Alberto Fernández"), lookup) is None
    # Either one alone would have been taken.
    assert resolve(person("Alberto Fernández"), MemoryLookup(lookup.stored[:1])) == Match(1, "fuzzy")


def test_fuzzy_matching_needs_the_same_type_and_a_proper_name() -> None:
    lookup = MemoryLookup([("Yeidckol Polevnsky", ORG, ()), ("el candidato chileno", PERSON, ())])
    assert resolve(person("Yeidckol Polevnski"), lookup) is None
    assert resolve(person("el candidato chilena"), lookup) is None


def test_single_word_names_are_never_fuzzy_matched() -> None:
    # "Kast"/"Rast", "Polevnsky"/"Polevnski": one word says too little.
    lookup = MemoryLookup([("Polevnsky", PERSON, ())])
    assert resolve(person("Polevnski"), lookup) is None


def test_spelling_variants_and_different_names() -> None:
    assert spelling_variant("yeidckol polevnsky", "yeidckol polevnski")
    assert spelling_variant("manuel neuer", "manuel neur")  # a dropped letter
    assert spelling_variant("juntos haremos historia", "juntos haremos historial")
    assert not spelling_variant("chris buckley", "chris buckler")  # two journalists in the corpus
    assert not spelling_variant("jose antonio kast", "jose antonia kast")  # gendered names
    assert not spelling_variant("cpac 2023", "cpac 2024")  # years are identities
    assert not spelling_variant("juan perez", "juan peres")  # one letter of a short word
    assert not spelling_variant("juan perez soto", "juan peres sota")  # two words differ
    assert not spelling_variant("yeidckol polevnsky", "yeidckol polevnsky cruz")
    assert not spelling_variant("kast", "kast")


# Decisions override the rules.


def merge(a: set[str], b: set[str], root: str = "", type: EntityType = PERSON) -> Judgement:
    return Judgement(Kind.MERGE, type, frozenset(a), frozenset(b), root=root or sorted(a)[0])


def apart(kind: Kind, a: set[str], b: set[str], type: EntityType = PERSON) -> Judgement:
    return Judgement(kind, type, frozenset(a), frozenset(b))


def test_a_merged_name_resolves_to_the_actor_it_was_merged_into() -> None:
    lookup = MemoryLookup([("José Antonio Kast", PERSON, ())])
    decisions = Decisions.compile([merge({"jose antonio kast"}, {"jak"})])
    assert resolve(person("JAK"), lookup) is None
    assert resolve(person("JAK"), lookup, decisions) == Match(1, "decision")


def test_a_merge_decision_shows_the_actor_under_the_kept_name() -> None:
    # The merged name came first; when the kept name arrives, it becomes the display name.
    lookup = MemoryLookup([("JAK", PERSON, ())])
    decisions = Decisions.compile([merge({"jose antonio kast"}, {"jak"})])
    got = resolve(person("José Antonio Kast"), lookup, decisions)
    assert got == Match(1, "decision", rename="José Antonio Kast")


def test_a_merge_decision_is_per_type() -> None:
    lookup = MemoryLookup([("José Antonio Kast", PERSON, ())])
    decisions = Decisions.compile([merge({"jose antonio kast"}, {"jak"}, type=ORG)])
    assert resolve(person("JAK"), lookup, decisions) is None


def test_a_merge_group_ignores_actors_that_only_share_a_surname_alias() -> None:
    # Felipe Kast has "Kast" among its aliases but was never introduced as "Kast".
    lookup = MemoryLookup([("Felipe Kast", PERSON, ("Kast",))])
    decisions = Decisions.compile([merge({"jose antonio kast"}, {"kast"})])
    got = resolve(person("Kast"), lookup, decisions)
    assert got is None or got.rule != "decision"
    lookup.extra_heads[1] = ("Kast",)  # now it was: the decision applies
    assert resolve(person("Kast"), lookup, decisions) == Match(1, "decision")


def test_not_same_vetoes_the_surname_rule() -> None:
    lookup = MemoryLookup([("Kast", PERSON, ())])
    decisions = Decisions.compile([apart(Kind.NOT_SAME, {"kast"}, {"jose antonio kast"})])
    assert resolve(person("José Antonio Kast"), lookup) is not None
    assert resolve(person("José Antonio Kast"), lookup, decisions) is None


def test_not_same_vetoes_fuzzy_matching() -> None:
    lookup = MemoryLookup([("Yeidckol Polevnsky", PERSON, ())])
    decisions = Decisions.compile([apart(Kind.NOT_SAME, {"yeidckol polevnsky"}, {"yeidckol polevnski"})])
    assert resolve(person("Yeidckol Polevnski"), lookup) == Match(1, "fuzzy")
    assert resolve(person("Yeidckol Polevnski"), lookup, decisions) is None


def test_a_veto_leaves_the_other_candidate_of_an_ambiguous_alias() -> None:
    lookup = MemoryLookup([("José Antonio Kast", PERSON, ("Kast",)), ("Felipe Kast", PERSON, ("Kast",))])
    assert resolve(person("Kast"), lookup) is None  # ambiguous
    decisions = Decisions.compile([apart(Kind.SPLIT, {"felipe kast"}, {"kast"})])
    assert resolve(person("Kast"), lookup, decisions) == Match(1, "alias")


def test_decisions_about_other_names_change_nothing() -> None:
    lookup = MemoryLookup([("Kast", PERSON, ())])
    decisions = Decisions.compile([apart(Kind.NOT_SAME, {"kast"}, {"felipe kast"})])
    assert resolve(person("José Antonio Kast"), lookup, decisions) == Match(
        1, "surname", rename="José Antonio Kast"
    )


def test_a_later_decision_overrides_an_earlier_one() -> None:
    first = apart(Kind.NOT_SAME, {"jose antonio kast"}, {"jak"})
    then = merge({"jose antonio kast"}, {"jak"})
    assert Decisions.compile([first, then]).group("jak", PERSON) is not None
    assert not Decisions.compile([first, then]).constrains("jak", PERSON)
    assert Decisions.compile([then, first]).group("jak", PERSON) is None
    assert Decisions.compile([then, first]).constrains("jak", PERSON)
    split = apart(Kind.SPLIT, {"jose antonio kast"}, {"jak"})
    assert Decisions.compile([then, split]).group("jak", PERSON) is None


def test_a_split_alias_is_hidden_only_from_its_actor() -> None:
    decisions = Decisions.compile([apart(Kind.SPLIT, {"jose antonio kast"}, {"kast"})])
    assert decisions.hides("kast", PERSON, lambda: {"jose antonio kast"})
    assert not decisions.hides("kast", PERSON, lambda: {"felipe kast"})
    assert not decisions.hides("kast", ORG, lambda: {"jose antonio kast"})
