"""How the learned ties' component turns a model's scores into ties: ends, rivals, ties over sentences.

The model here is built by hand (one bias per type, an identity calibration), so each test fixes what
the model believes and checks only what ``predict`` makes of it, on sentences parsed by the real pipeline.
"""

from __future__ import annotations

import numpy as np
import pytest
from spacy.language import Language

from entramado.annotate.adjectives import attach_adjectives
from entramado.annotate.features import candidates, uncovered
from entramado.annotate.lexicon import load_lexicon
from entramado.annotate.linear import LinearTies
from entramado.annotate.pipeline import load_pipeline
from entramado.annotate.ties import predict
from entramado.models import RelationType
from entramado.train.fit import TYPES


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline("es", trained=None)


def believing(
    probabilities: dict[RelationType, float], rule_rates: dict[RelationType, float] | None = None
) -> LinearTies:
    """A model that gives every candidate the same probability per type, reported from 0.5."""
    bias = np.array([np.log(p / (1 - p)) for p in (probabilities.get(t, 0.01) for t in TYPES)])
    identity = {t: ([0.0, 1.0], [0.0, 1.0]) for t in TYPES}
    return LinearTies(
        {"bias": 0}, list(TYPES), np.ones((len(TYPES), 1)) * 1e-9, bias, identity, dict.fromkeys(TYPES, 0.5),
        rule_rates or {},
    )  # fmt: skip


def ties(nlp: Language, text: str, model: LinearTies) -> dict[tuple[str, frozenset[str]], float]:
    doc = nlp(text)
    names = {c.id: c.name for c in doc._.entities}
    lex = load_lexicon("es")
    found = predict(doc, candidates(doc, lex), model, lex)
    return {
        (str(r.type), frozenset((names[r.source], names[r.target]))): r.confidence
        for r in found
        if r.type != RelationType.CO_MENTION
    }


def test_a_type_is_only_reported_between_the_ends_the_guidelines_allow(nlp: Language) -> None:
    text = "Ana Torres viajó con Luis Pérez de Madrid a Sevilla en el tren de la mañana."
    found = ties(nlp, text, believing({RelationType.FAMILY: 0.9, RelationType.POSITION: 0.9}))
    # two people can be kin; a city is nobody's kin
    assert ("FAMILY", frozenset(("Ana Torres", "Luis Pérez"))) in found
    assert not [k for k in found if k[0] == "FAMILY" and "Madrid" in k[1]]
    # an office is held by a person in a body or place, not by a city in a city, nor between two people
    assert ("POSITION", frozenset(("Madrid", "Sevilla"))) not in found
    assert ("POSITION", frozenset(("Ana Torres", "Luis Pérez"))) not in found
    assert ("POSITION", frozenset(("Ana Torres", "Madrid"))) in found


def test_of_ally_and_opposes_only_the_likelier_is_reported(nlp: Language) -> None:
    text = "Ana Torres habló largamente con Luis Pérez en el Congreso."
    leaning = ties(nlp, text, believing({RelationType.ALLY: 0.8, RelationType.OPPOSES: 0.6}))
    pair = frozenset(("Ana Torres", "Luis Pérez"))
    assert ("ALLY", pair) in leaning and ("OPPOSES", pair) not in leaning
    other = ties(nlp, text, believing({RelationType.ALLY: 0.6, RelationType.OPPOSES: 0.8}))
    assert ("OPPOSES", pair) in other and ("ALLY", pair) not in other


def test_below_the_threshold_nothing_is_reported_but_what_a_rule_states(nlp: Language) -> None:
    doubtful = believing({t: 0.3 for t in TYPES})
    assert ties(nlp, "Ana Torres y Luis Pérez llegaron tarde al Congreso.", doubtful) == {}
    # "se reunió con" is a rule's MEETS: it stays, at the model's (calibrated) probability
    found = ties(nlp, "Ana Torres se reunió con Luis Pérez en el Congreso.", doubtful)
    assert found[("MEETS", frozenset(("Ana Torres", "Luis Pérez")))] == pytest.approx(0.3, abs=0.01)


def test_a_rules_tie_no_candidate_covers_keeps_its_types_observed_rate(nlp: Language) -> None:
    # The rules give the quote to the subject of the sentence before it: a tie over two sentences.
    text = 'Andrés Manuel López Obrador habló ayer en Villahermosa. "Le agradezco mucho a Vicente Fox", dijo.'
    doc = nlp(text)
    lex = load_lexicon("es")
    found = candidates(doc, lex)
    names = {c.id: c.name for c in doc._.entities}
    # the two-sentence candidate carries the rule: nothing is left uncovered, and the rule is a feature
    assert uncovered(doc, found) == []
    across = [c for c in found if "across" in c.features and {c.first.name, c.second.name} == {
        "Andrés Manuel López Obrador", "Vicente Fox"}]  # fmt: skip
    assert across and across[0].features.get("rule=ALLY") == 1.0
    # a rule tie stated where no candidate stands is reported at the rate such ties had in training
    for c in found:
        c.rules = []
    left = uncovered(doc, found)
    assert [(names[r.source], str(r.type), names[r.target]) for r in left] == [
        ("Andrés Manuel López Obrador", "ALLY", "Vicente Fox")
    ]
    model = believing({}, {RelationType.ALLY: 0.42})
    out = predict(doc, found, model, lex)
    ally = [r for r in out if r.type == RelationType.ALLY]
    assert [r.confidence for r in ally] == [0.42]


def test_an_adjective_joins_the_place_or_party_the_article_names(nlp: Language) -> None:
    lex = load_lexicon("es")
    doc = nlp(
        "El presidente estadounidense Donald Trump recibió a la diputada priista Ana Torres. "
        "Estados Unidos y el PRI lo celebraron."
    )
    attach_adjectives(doc, doc._.entities, lex)
    forms = {c.name: [doc[m.start : m.end].text for m in c.mentions] for c in doc._.entities}
    assert "estadounidense" in forms["Estados Unidos"]
    assert "priista" in forms["Partido Revolucionario Institucional"]
    # no alias: an adjective is no name of the entity
    aliases = {c.name: c.aliases for c in doc._.entities}
    assert "priista" not in aliases["Partido Revolucionario Institucional"]
    assert "estadounidense" not in aliases["Estados Unidos"]
    # the president and the country now share a sentence: a candidate the model can weigh
    pairs = {frozenset((c.first.name, c.second.name)) for c in candidates(doc, lex) if c.sentence.start == 0}
    assert frozenset(("Donald Trump", "Estados Unidos")) in pairs


def test_an_adjective_alone_names_nothing(nlp: Language) -> None:
    doc = nlp("El presidente estadounidense Donald Trump recibió a Mariano Rajoy en la Casa Blanca.")
    attach_adjectives(doc, doc._.entities, load_lexicon("es"))
    assert "Estados Unidos" not in {c.name for c in doc._.entities}
    assert all(m.kind != "adjective" for c in doc._.entities for m in c.mentions)


def test_a_bare_title_pairs_the_person_with_each_country_named(nlp: Language) -> None:
    lex = load_lexicon("es")
    doc = nlp(
        "El presidente Pedro Sánchez viajó a Rabat. Allí lo recibió el presidente de Morena, Mario Delgado. "
        "España y Marruecos firmaron un acuerdo. España lo celebró."
    )
    titled = {
        (c.first.name, c.second.name): c.features for c in candidates(doc, lex) if "bare_title" in c.features
    }
    # a title naming its body ("el presidente de Morena") is no country's office
    assert {person for person, _ in titled} == {"Pedro Sánchez"}
    assert set(titled) == {("Pedro Sánchez", "España"), ("Pedro Sánchez", "Marruecos")}
    # the article's most named country ranks first
    assert titled[("Pedro Sánchez", "España")]["bare_title_rank=0"] == 1.0
    assert titled[("Pedro Sánchez", "Marruecos")]["bare_title_rank=1"] == 1.0


def test_a_candidate_knows_how_much_the_article_makes_of_its_pair(nlp: Language) -> None:
    doc = nlp(
        "José Antonio Kast ganó en Santiago. Kast habló con Evelyn Matthei en Santiago. "
        "Kast volvió a Santiago. Kast celebró con Jeannette Jara."
    )
    found = {
        frozenset((c.first.name, c.second.name)): c.features for c in candidates(doc, load_lexicon("es"))
    }
    kast_santiago = found[frozenset(("José Antonio Kast", "Santiago"))]
    assert kast_santiago["together<=3"] == 1.0  # three sentences name the two
    assert kast_santiago["named_max<=5"] == 1.0  # Kast, four times
    assert kast_santiago["protagonists=2"] == 1.0
    assert found[frozenset(("José Antonio Kast", "Jeannette Jara"))]["together<=1"] == 1.0


def test_a_chosen_threshold_reports_the_ties_the_models_own_would_not(nlp: Language) -> None:
    text = "Ana Torres y Luis Pérez cenaron juntos en Madrid."  # no rule states a tie here
    doubtful = believing({RelationType.MEETS: 0.3})
    pair = ("MEETS", frozenset(("Ana Torres", "Luis Pérez")))
    assert pair not in ties(nlp, text, doubtful)  # 0.3: more likely wrong than right, not shown
    lowered = ties(nlp, text, doubtful.with_threshold(0.25))
    assert lowered[pair] == pytest.approx(0.3)  # shown, at its own confidence
    assert pair not in ties(nlp, text, doubtful.with_threshold(0.35))
    assert doubtful.with_threshold(None) is doubtful
