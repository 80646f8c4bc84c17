"""What the tie model can reach: the annotated ties a candidate carries, and why not the others."""

from __future__ import annotations

import json

from entramado.annotate import load_pipeline
from entramado.annotate.lexicon import load_lexicon
from entramado.models import Article, RelationType
from entramado.train.annotations import parse
from entramado.train.dataset import build
from entramado.train.reach import CARRIED, END_MISSING, NO_CANDIDATE, carried_ties, reach

S1 = "Ana Torres apapachó a Luis Pérez durante el acto."
S2 = "Los vecinos del comité vecinal aplaudieron."
S3 = "Después, Luis Pérez criticó a Marta Gil."
ANNOTATION = {
    "doc_id": "r1",
    "entities": [
        {"name": "Ana Torres", "type": "PERSON", "aliases": []},
        {"name": "Luis Pérez", "type": "PERSON", "aliases": []},
        {"name": "Marta Gil", "type": "PERSON", "aliases": []},
        {"name": "Comité Vecinal", "type": "ORGANIZATION", "aliases": ["comité vecinal"]},
    ],
    "relations": [
        {"source": "Ana Torres", "type": "ALLY", "target": "Luis Pérez", "evidence": [S1]},
        # a lower-case body the recogniser does not find
        {"source": "Ana Torres", "type": "MEMBER_OF", "target": "Comité Vecinal", "evidence": [S2]},
        # both ends found, but the evidence names only one of them
        {"source": "Ana Torres", "type": "OPPOSES", "target": "Marta Gil", "evidence": [S3]},
    ],
}


def test_each_annotated_tie_is_carried_or_says_why_not() -> None:
    article = Article(doc_id="r1", text=f"{S1}\n\n{S2}\n\n{S3}")
    annotation = parse(json.dumps(ANNOTATION, ensure_ascii=False), "test:1")
    (doc,) = build([annotation], {"r1": article}, load_pipeline("es", trained=None), load_lexicon("es"))
    found = reach([doc])
    assert found.ties == 3
    assert found.by_type["ALLY"][CARRIED] == 1
    assert found.by_type["MEMBER_OF"][END_MISSING] == 1
    assert found.by_type["OPPOSES"][NO_CANDIDATE] == 1
    assert list(found.by_type) == ["MEMBER_OF", "ALLY", "OPPOSES"]  # in the types' own order
    # the ceiling's extraction: the carried tie, where its candidate stands, and nothing else
    names = {c.id: c.name for c in doc.doc._.entities}
    ties = {(names[r.source], r.type, names[r.target]) for r in carried_ties(doc)}
    assert ties in (
        {("Ana Torres", RelationType.ALLY, "Luis Pérez")},
        {("Luis Pérez", RelationType.ALLY, "Ana Torres")},
    )
