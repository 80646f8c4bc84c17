"""Grouping names costs about linear work in an article's mentions: the comparisons are counted, not timed."""

from __future__ import annotations

import random

from entramado.annotate import load_pipeline
from entramado.annotate.coref import Coreference
from pipelines import annotate

GIVEN = ["Ana", "Luis", "Carmen", "Jorge", "Lucía", "Pedro", "Marta", "Diego", "Elena", "Pablo"]
SURNAMES = [
    "Ruiz", "Soto", "Gil", "Mora", "Vega", "Prieto", "Lozano", "Cano", "Iglesias", "Crespo",
    "Pastor", "Nieto", "Herrera", "Rojas", "Molina", "Campos", "Fuentes", "Cabrera", "Delgado", "Vidal",
]  # fmt: skip


def many_names(n: int) -> str:
    """Short news sentences naming ``n`` people, one mention in six a lone surname of an earlier one."""
    rng = random.Random(14)
    named: list[str] = []
    sentences = []
    while len(sentences) * 2 < n:
        pair = []
        for _ in range(2):
            if named and rng.random() < 1 / 6:
                pair.append(rng.choice(named).split()[-1])
            else:
                named.append(f"{rng.choice(GIVEN)} {rng.choice(SURNAMES)} {rng.choice(SURNAMES)}")
                pair.append(named[-1])
        sentences.append(f"{pair[0]} se reunió con {pair[1]} en Madrid.")
    return "\n\n".join(" ".join(sentences[i : i + 10]) for i in range(0, len(sentences), 10))


def test_an_article_of_5000_names_is_grouped_with_work_linear_in_its_mentions() -> None:
    nlp = load_pipeline("es")
    doc = nlp(many_names(5000))
    coref = nlp.get_pipe("entramado_coref")
    assert isinstance(coref, Coreference)
    mentions = sum(len(e.mentions) for e in doc._.entities)
    assert mentions > 4000  # the names were found: the work below is over thousands of them
    # Comparing every name group with every other made 6,388,256 comparisons on this article before
    # issue 14; blocking by words leaves fewer than one per mention (4,788 for 7,626 mentions).
    assert coref.work.comparisons < 2 * mentions, (coref.work.comparisons, mentions)


def test_the_work_of_a_short_article_is_counted_and_small() -> None:
    nlp = load_pipeline("es")
    nlp("José Antonio Kast ganó la primera vuelta. Kast celebró en Santiago con Jeannette Jara.")
    work = nlp.get_pipe("entramado_coref").work  # type: ignore[attr-defined]
    assert 1 <= work.comparisons <= 3  # "Kast" against the one name holding its word


def test_blocking_keeps_the_short_forms_that_all_pairs_found() -> None:
    # the second surname alone and swapped ("Cordero Arroyo" of "Ernesto Cordero"), then the lone surname
    ex = annotate(
        "Ernesto Cordero habló en el Senado. Cordero Arroyo respondió después. Cordero insistió. "
        "El Instituto Nacional Electoral (INE) respondió. El INE publicó los resultados."
    )
    names = {e.name: e.aliases for e in ex.entities}
    assert "Cordero Arroyo" in names["Ernesto Cordero"] and "Cordero" in names["Ernesto Cordero"]
    assert "INE" in names["Instituto Nacional Electoral"]
