"""Fuzzy resolution compares a name with a few stored names, never with every name of its first word;
and every spelling variant is among those few. The comparisons are counted, not timed."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from entramado.models import Article, Entity, EntityType, Extraction, Mention
from entramado.names import name_key
from entramado.resolve import actors
from entramado.resolve.actors import spelling_variant
from entramado.resolve.blocks import lookup_blocks, stored_blocks, variant_lengths
from entramado.store import Store
from entramado.store.lookup import SessionLookup

GIVEN = (  # noqa: SIM905 - names as a reader writes them
    "Ana Luis Carmen Jorge Lucía Pedro Marta Diego Elena Pablo Sofía Andrés Laura Tomás Irene Raúl "
    "Nuria Sergio Alicia Mateo Rosa Hugo Clara Iván Teresa Óscar Julia Rubén Pilar Adrián"
).split()
SURNAMES = (  # noqa: SIM905
    "Ruiz Soto Gil Mora Vega Prieto Lozano Cano Iglesias Crespo Pastor Nieto Herrera Rojas Molina "
    "Campos Fuentes Cabrera Delgado Santana Vidal Marín Rubio Ortega Garrido Serrano Blanco Medina "
    "Castro Ramos Peña Méndez Guerrero Cortés Sanz Lorenzo Gallego Calvo Reyes Aguilar Montero "
    "Hidalgo Carrasco Bravo Benítez Vicente Pascual Santiago Arias Parra Vargas Ferrer Salas Rivas"
).split()


def found(a: str, b: str) -> bool:
    """Whether looking up key ``a`` reaches the stored name of key ``b``."""
    head, end = stored_blocks(b)
    blocks = lookup_blocks(a)
    return head in blocks.heads or (end is not None and end == blocks.end)


words = st.text(alphabet="abcdefghijklmnoprstuvz", min_size=1, max_size=14)


@given(st.lists(words, min_size=2, max_size=5), st.data())
def test_every_spelling_variant_shares_a_block_with_its_name(name: list[str], data: st.DataObject) -> None:
    # One word but the first edited (a letter dropped, added or changed, or two), as misspellings are.
    i = data.draw(st.integers(1, len(name) - 1))
    word = name[i]
    at = data.draw(st.integers(0, len(word)))
    edit = data.draw(st.sampled_from(["drop", "add", "change", "swap"]))
    letter = data.draw(st.sampled_from("aeioszn"))
    if edit == "drop" and len(word) > 1:
        word = word[: max(at - 1, 0)] + word[max(at, 1) :]
    elif edit == "add":
        word = word[:at] + letter + word[at:]
    elif edit == "change" and at < len(word):
        word = word[:at] + letter + word[at + 1 :]
    elif edit == "swap" and at + 1 < len(word):
        word = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    a, b = " ".join(name), " ".join([*name[:i], word, *name[i + 1 :]])
    if spelling_variant(a, b):
        assert found(a, b) and found(b, a), (a, b)


def test_the_lengths_a_variant_word_may_have_are_the_ones_its_ratio_allows() -> None:
    assert list(variant_lengths(4)) == [4, 5]  # "neur"/"neuer"; a 3-letter word scores at most 85.7
    assert list(variant_lengths(8)) == [7, 8, 9, 10]
    assert list(variant_lengths(1)) == [1]
    assert found("yeidckol polevnski", "yeidckol polevnsky")  # a changed letter: the head block
    assert found("ana iglessias soto", "ana iglesias soto")  # a middle word: the end block
    assert not found("ana ruiz soto", "luis ruiz soto")  # another first name is another person
    assert not found("ana ruiz", "ana ruiz soto")  # and another word count another name


def many_names_article(n: int, variants: int) -> tuple[Extraction, int]:
    """An article naming ``n`` people one sentence each, the last ``variants`` of them misspellings of
    earlier names (a letter doubled in the second surname); and how many actors comparing each
    misspelling with every earlier name finds (one where exactly one earlier name is its variant)."""
    rng = random.Random(14)
    names: list[str] = []
    while len(names) < n - variants:
        name = f"{rng.choice(GIVEN)} {rng.choice(SURNAMES)} {rng.choice(SURNAMES)}"
        if name not in names:
            names.append(name)
    misspelt = []
    for name in rng.sample([n for n in names if len(n.split()[-1]) >= 4], variants):
        given_name, first, second = name.split()
        misspelt.append(f"{given_name} {first} {second[:2]}{second[1]}{second[2:]}")  # "Soto" -> "Sooto"
    keys = [name_key(name) for name in names]
    unmatched = sum(1 for m in misspelt if sum(spelling_variant(name_key(m), k) for k in keys) != 1)
    entities, sentences, start = [], [], 0
    for i, name in enumerate(names + misspelt):
        sentence = f"{name} habló en Madrid."
        entities.append(Entity(name, EntityType.PERSON, [], [Mention(name, start, start + len(name), i)]))
        sentences.append(sentence)
        start += len(sentence) + 1
    article = Article(
        doc_id="many-names", text=" ".join(sentences), title="Muchos nombres", origin="many.txt"
    )
    return Extraction(article, "es", entities), len(names) + unmatched


def test_storing_an_article_of_5000_names_compares_each_with_few_stored_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    extraction, actors_named = many_names_article(5000, variants=40)
    compared: list[int] = []
    by_block = SessionLookup.by_block

    def counted(self: SessionLookup, blocks, type):  # type: ignore[no-untyped-def]
        names = by_block(self, blocks, type)
        compared.append(len(names))
        return names

    tested = 0
    variant = actors.spelling_variant

    def counted_variant(a: str, b: str) -> bool:
        nonlocal tested
        tested += 1
        return variant(a, b)

    monkeypatch.setattr(SessionLookup, "by_block", counted)
    monkeypatch.setattr(actors, "spelling_variant", counted_variant)
    with Store.open(f"sqlite:///{tmp_path / 'names.db'}") as store:
        assert store.add(extraction)
        stored = store.stats().entities
    # What comparing every name with every other gives: each misspelling merged into the one name
    # it varies (found through a block), and nothing else merged.
    assert stored == {"PERSON": actors_named}
    assert len(compared) > 4900  # each name (but the first, and exact repeats) was looked up
    # With the first word as the block, each name met every stored name of its first name: 415,904
    # names fetched and compared on this article (5,000 names, 30 first names). The finer blocks
    # leave a few per name (12,007 in all), however many share a first name.
    assert sum(compared) < 3 * 5000, sum(compared)
    assert 0 < tested <= sum(compared)
