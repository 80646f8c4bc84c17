"""The entity judge: entities retyped or dropped (with their ties) by a learned model; annotated labels."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from entramado.annotate.entity_model import NONE, EntityJudge, EntityTypes, choose, features
from entramado.annotate.lexicon import load_lexicon
from entramado.annotate.pipeline import MODELS, add_components, load_spacy
from entramado.errors import ModelError
from entramado.models import Article, EntityType
from entramado.train.annotations import parse
from entramado.train.dataset import label
from entramado.train.entities import examples

TEXT = "Vox celebró su asamblea en Madrid. Marta Gil se reunió con Pedro Ruiz en Madrid el lunes."


@pytest.fixture(scope="module")
def nlp() -> Language:
    """The rules' pipeline (no trained model): the judge is applied by hand."""
    return add_components(load_spacy(MODELS["es"], "es"), "es")


def judged(doc: Doc, judge: EntityJudge) -> Doc:
    return EntityTypes(judge, load_lexicon("es"))(doc)


def test_the_judge_retypes_drops_with_ties_and_spares_the_actors_file(nlp: Language) -> None:
    doc = nlp(TEXT)
    types = {c.name: c.type for c in doc._.entities}
    assert types["Pedro Ruiz"] == EntityType.PERSON and types["Madrid"] == EntityType.PLACE
    ends = {c.id: c.name for c in doc._.entities}
    assert any("Pedro Ruiz" in (ends[r.source], ends[r.target]) for r in doc._.relations)
    # "none" for Pedro and for Vox (an actors-file name), an organisation for Madrid
    judge = EntityJudge(
        {NONE: {"first=pedro": 9.0, "first=vox": 9.0}, "ORGANIZATION": {"first=madrid": 9.0}},
        {NONE: -4.0, "ORGANIZATION": -4.0, "PERSON": 0.0},
    )
    doc = judged(doc, judge)
    after = {c.name: c.type for c in doc._.entities}
    assert "Pedro Ruiz" not in after
    assert after["Madrid"] == EntityType.ORGANIZATION
    assert after["Vox"] == EntityType.ORGANIZATION  # the gazetteer's, never judged
    assert after["Marta Gil"] == EntityType.PERSON
    ids = {c.id for c in doc._.entities}
    assert all(r.source in ids and r.target in ids for r in doc._.relations)
    assert all(m.cluster in ids for m in doc._.mentions)


def test_a_judge_that_lost_to_the_rules_leaves_the_types(nlp: Language) -> None:
    judge = EntityJudge({NONE: {"first=pedro": 9.0}}, {NONE: -4.0}, decides=False)
    doc = judged(nlp(TEXT), judge)
    assert "Pedro Ruiz" in {c.name for c in doc._.entities}


def test_none_wins_only_from_its_share_of_the_scores() -> None:
    assert choose({NONE: 0.5, "PERSON": 0.4, "PLACE": 0.1}, drop_at=0.5) is None
    # "none" scores highest, but takes under half of the scores: the best type wins
    assert choose({NONE: 0.5, "PERSON": 0.45, "PLACE": 0.15}, drop_at=0.5) == EntityType.PERSON


def test_the_annotated_entities_label_the_pipelines_entities(nlp: Language) -> None:
    line = json.dumps(
        {
            "doc_id": "d",
            "entities": [
                {"name": "Vox", "type": "ORGANIZATION", "aliases": []},
                {"name": "Marta Gil", "type": "PERSON", "aliases": ["Gil"]},
                {"name": "Madrid", "type": "PLACE", "aliases": []},
            ],
            "relations": [],
        }
    )
    doc = nlp(TEXT)
    found = examples(
        label(parse(line, "test:1"), Article("d", TEXT), doc, load_lexicon("es")), load_lexicon("es")
    )
    names = [c.name for c in doc._.entities if not any(m.known for m in c.mentions)]
    by_name = {n: lab for n, (_, lab, _) in zip(names, found, strict=True)}
    # the actors file's Vox is no example; one the annotation leaves out is "none"
    assert by_name == {"Madrid": "PLACE", "Marta Gil": "PERSON", "Pedro Ruiz": NONE}
    row = found[names.index("Marta Gil")][0]
    assert row["first=marta"] == 1.0 and row["given_name"] == 1.0
    assert features(doc, doc._.entities[0], load_lexicon("es"))


def test_a_judge_is_saved_as_plain_numbers_and_a_corrupt_one_refused_by_name(tmp_path: Path) -> None:
    folder = tmp_path / "broken-model"
    folder.mkdir()
    assert EntityJudge.load(folder) is None  # a model trained before the judge keeps the rules' types
    judge = EntityJudge({NONE: {"only_first_word": 1.5}, "PERSON": {}}, {NONE: -0.5, "PERSON": 0.1}, 0.7)
    judge.save(folder)
    assert EntityJudge.load(folder) == EntityJudge({NONE: {"only_first_word": 1.5}, "PERSON": {}},
                                                   {NONE: -0.5, "PERSON": 0.1}, 0.7)  # fmt: skip
    (folder / "entities.json").write_text('{"format": "entramado-entities/1", "weights": {"NOBODY": {}}}')
    with pytest.raises(ModelError, match="broken-model"):
        EntityJudge.load(folder)
