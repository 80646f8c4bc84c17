"""The annotation checker: what it accepts, and each thing it refuses, on small files built here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from entramado.models import Article
from entramado.train.annotations import check, read_annotations

TEXT = (
    "José Antonio Kast se reunió con Santiago Abascal en Madrid. El líder de Vox elogió al dirigente chileno."
)
ARTICLES = {"a1": Article(doc_id="a1", title="Kast y Abascal", text=TEXT)}


def line(**changes: object) -> dict[str, object]:
    good: dict[str, object] = {
        "doc_id": "a1",
        "entities": [
            {"name": "José Antonio Kast", "type": "PERSON", "aliases": ["Kast", "el dirigente chileno"]},
            {"name": "Santiago Abascal", "type": "PERSON", "aliases": ["el líder de Vox"]},
            {"name": "Vox", "type": "ORGANIZATION", "aliases": []},
            {"name": "Madrid", "type": "PLACE", "aliases": []},
        ],
        "relations": [
            {
                "source": "José Antonio Kast",
                "type": "MEETS",
                "target": "Santiago Abascal",
                "evidence": ["José Antonio  Kast se reunió con\nSantiago Abascal en Madrid."],
            },
            {
                "source": "Santiago Abascal",
                "type": "ALLY",
                "target": "José Antonio Kast",
                "evidence": ["El líder de Vox elogió al dirigente chileno."],
            },
        ],
    }
    good.update(changes)
    return good


def run(tmp_path: Path, *lines: dict[str, object] | str, held_out: frozenset[str] = frozenset()) -> list[str]:
    path = tmp_path / "a.jsonl"
    path.write_text("".join((x if isinstance(x, str) else json.dumps(x)) + "\n" for x in lines))
    report = check(read_annotations([path]), ARTICLES, held_out)
    return [p.message for p in report.errors]


def test_a_good_line_passes_and_is_counted(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(line()) + "\n")
    report = check(read_annotations([path]), ARTICLES, frozenset())
    assert report.problems == []
    assert report.articles == 1
    assert report.relations == {"MEETS": 1, "ALLY": 1}
    assert report.entities["PERSON"] == 2


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("{not json", "not JSON"),
        (line(relations=[{"source": "José Antonio Kast", "type": "LIKES", "target": "Vox",
                          "evidence": [TEXT]}]), "LIKES"),
        (line(relations=[{"source": "José Antonio Kast", "type": "ALLY", "target": "Boric",
                          "evidence": [TEXT]}]), "'Boric' is not an entity"),
        (line(relations=[{"source": "José Antonio Kast", "type": "ALLY", "target": "Vox",
                          "evidence": ["Kast apoya a Vox."]}]), "not in the article"),
        (line(relations=[{"source": "José Antonio Kast", "type": "ALLY", "target": "Vox",
                          "evidence": ["José Antonio Kast se reunió con Santiago Abascal en Madrid."]}]),
         "names no form of 'Vox'"),
        (line(relations=[{"source": "José Antonio Kast", "type": "ALLY", "target": "Vox"}]), "no evidence"),
        (line(entities=[{"name": "Kast", "type": "POLITICIAN", "aliases": []}], relations=[]), "POLITICIAN"),
    ],
)  # fmt: skip
def test_each_kind_of_error_is_named(tmp_path: Path, bad: dict[str, object] | str, message: str) -> None:
    errors = run(tmp_path, bad)
    assert any(message in e for e in errors), errors


def test_a_held_out_article_is_refused(tmp_path: Path) -> None:
    assert any("held-out" in e for e in run(tmp_path, line(), held_out=frozenset({"a1"})))


def test_an_article_annotated_twice_is_refused(tmp_path: Path) -> None:
    assert any("twice" in e for e in run(tmp_path, line(), line()))


def test_a_name_not_in_the_text_is_only_flagged(tmp_path: Path) -> None:
    entities = [*line()["entities"], {"name": "Gobierno de Chile", "type": "ORGANIZATION", "aliases": []}]  # type: ignore[misc]
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(line(entities=entities)) + "\n")
    report = check(read_annotations([path]), ARTICLES, frozenset())
    assert report.errors == []
    assert [p.message for p in report.problems] == [
        "'Gobierno de Chile': 'Gobierno de Chile' is not in the article"
    ]
