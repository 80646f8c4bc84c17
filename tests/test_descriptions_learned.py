"""The description scorer: candidates recorded, a trained scorer deciding, labels from annotated aliases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.language import Language

from entramado.annotate.coref import use_description_scorer
from entramado.annotate.description_model import DescriptionScorer
from entramado.annotate.lexicon import load_lexicon
from entramado.annotate.pipeline import MODELS, add_components, load_pipeline, load_spacy
from entramado.errors import ModelError
from entramado.models import Article
from entramado.train.annotations import parse
from entramado.train.dataset import label
from entramado.train.descriptions import choose_threshold, examples

TEXT = (
    "José Antonio Kast llegó a Santiago el lunes. Gabriel Boric habló con la prensa en La Moneda. "
    "El dirigente chileno criticó el plan económico."
)


@pytest.fixture(scope="module")
def own_pipeline() -> Language:
    """A pipeline of this module's own: giving it a scorer must not change the shared one."""
    return add_components(load_spacy(MODELS["es"], "es"), "es")


def aliases_of(nlp: Language, text: str) -> dict[str, list[str]]:
    doc = nlp(text)
    return {c.name: c.aliases for c in doc._.entities}


def test_each_description_keeps_its_candidates_and_the_rules_choice() -> None:
    doc = load_pipeline("es")(TEXT)
    (choice,) = doc._.descriptions
    assert doc[choice.start : choice.end].text == "El dirigente chileno"
    names = {c.id: c.name for c in doc._.entities}
    assert [names[i] for i in choice.candidates] == ["Gabriel Boric", "José Antonio Kast"]
    # the rules go back to the last subject, and say so in its features
    assert names[choice.chosen] == "Gabriel Boric"
    assert "P:rule" in choice.features[0] and "P:rule" not in choice.features[1]


def test_a_trained_scorer_decides_instead_of_the_rules(own_pipeline: Language) -> None:
    assert "El dirigente chileno" in aliases_of(own_pipeline, TEXT)["Gabriel Boric"]
    # a scorer that learnt the second most recent person is the one meant
    use_description_scorer(own_pipeline, DescriptionScorer({"P:rank=1": 4.0}, -2.0, threshold=0.5))
    try:
        aliases = aliases_of(own_pipeline, TEXT)
        assert "El dirigente chileno" in aliases["José Antonio Kast"]
        assert "El dirigente chileno" not in aliases["Gabriel Boric"]
        # below its threshold the description joins nobody
        use_description_scorer(own_pipeline, DescriptionScorer({"P:rank=1": 4.0}, -2.0, threshold=0.95))
        aliases = aliases_of(own_pipeline, TEXT)
        assert not any("El dirigente chileno" in a for a in aliases.values())
        # a scorer that lost to the rules on its training folds leaves them the decision
        lost = DescriptionScorer({"P:rank=1": 4.0}, -2.0, threshold=0.5, decides=False)
        use_description_scorer(own_pipeline, lost)
        assert "El dirigente chileno" in aliases_of(own_pipeline, TEXT)["Gabriel Boric"]
    finally:
        use_description_scorer(own_pipeline, None)


def test_an_annotated_alias_labels_its_candidates() -> None:
    line = json.dumps(
        {
            "doc_id": "d",
            "entities": [
                {"name": "José Antonio Kast", "type": "PERSON", "aliases": ["el dirigente chileno"]},
                {"name": "Gabriel Boric", "type": "PERSON", "aliases": []},
            ],
            "relations": [],
        }
    )
    annotation = parse(line, "test:1")
    doc = load_pipeline("es")(TEXT)
    annotated = label(annotation, Article("d", TEXT), doc, load_lexicon("es"))
    (example,) = examples(annotated)
    names = {c.id: c.name for c in doc._.entities}
    assert {names[c]: ok for c, ok in zip(example.choice.candidates, example.right, strict=True)} == {
        "Gabriel Boric": False,
        "José Antonio Kast": True,
    }
    # a description no annotation lists teaches nothing
    bare = parse(line.replace('"el dirigente chileno"', '"Kast"'), "test:1")
    assert examples(label(bare, Article("d", TEXT), doc, load_lexicon("es"))) == []


def test_the_threshold_is_the_lowest_score_that_keeps_precision() -> None:
    # best scores of descriptions on held-out folds, and whether the best candidate was right
    best = [(0.95, True), (0.9, True), (0.8, True), (0.7, False), (0.6, True), (0.5, False), (0.4, False)]
    threshold, stats = choose_threshold(best, answerable=6)
    # from 0.6 down: 4 right of 5 (0.80) is under 0.85; from 0.8: 3 of 3
    assert threshold == 0.8
    assert (stats.attached, stats.right, stats.answerable) == (3, 3, 6)
    assert choose_threshold([(0.9, False)], answerable=1)[0] == 1.0  # never right: never attach


def test_a_corrupt_description_scorer_is_refused_by_name(tmp_path: Path) -> None:
    folder = tmp_path / "broken-model"
    folder.mkdir()
    assert DescriptionScorer.load(folder) is None  # a model trained before descriptions were learned
    (folder / "descriptions.json").write_text('{"format": "entramado-descriptions/1", "weights": [1]}')
    with pytest.raises(ModelError, match="broken-model"):
        DescriptionScorer.load(folder)
    DescriptionScorer({"P:appos": 1.5}, -0.5, 0.6).save(folder)
    again = DescriptionScorer.load(folder)
    assert again == DescriptionScorer({"P:appos": 1.5}, -0.5, 0.6)
