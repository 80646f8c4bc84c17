"""The rules' confidence measured on annotated articles: counted as the scorer judges, written, read, used."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from typer.testing import CliRunner

from entramado.annotate.lexicon import load_lexicon
from entramado.cli import app
from entramado.models import RelationType
from entramado.train.rule_confidence import confidence

PEOPLE = [
    ("Ana Torres", "Luis Pérez"), ("Marta Gil", "Pedro Ruiz"), ("Carlos Vega", "Elena Mora"),
    ("Jorge Salas", "Rosa Núñez"), ("Inés Campos", "Raúl Ortega"), ("Diego Ramos", "Sara León"),
]  # fmt: skip


def corpus(tmp_path: Path) -> tuple[Path, Path]:
    """Six articles where one person "felicitó" another (a rule's ALLY); the annotators agree on four."""
    articles, annotations = [], []
    for n, (a, b) in enumerate(PEOPLE):
        sentence = f"{a} felicitó a {b} por su trabajo en el partido."
        articles.append({"id": f"t{n}", "title": f"Noticia {n}", "text": sentence})
        agreed = n < 4
        annotations.append(
            {
                "doc_id": f"t{n}",
                "entities": [
                    {"name": a, "type": "PERSON", "aliases": []},
                    {"name": b, "type": "PERSON", "aliases": []},
                ],
                "relations": [{"source": a, "type": "ALLY", "target": b, "evidence": [sentence]}]
                if agreed
                else [],
            }
        )
    corpus_file = tmp_path / "articles.jsonl"
    corpus_file.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles))
    annotation_file = tmp_path / "annotations.jsonl"
    annotation_file.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in annotations))
    return corpus_file, annotation_file


def test_the_table_counts_each_rules_ties_right_and_wrong(tmp_path: Path) -> None:
    corpus_file, annotation_file = corpus(tmp_path)
    out = tmp_path / "rule_confidence.es.yaml"
    result = CliRunner().invoke(
        app,
        ["calibrate-rules", str(annotation_file), "--out", str(out), "--articles", str(corpus_file),
         "--exclude", str(tmp_path / "none.txt"), "--quiet"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    table = yaml.safe_load(out.read_text())["confidence"]
    # 4 right of 6, smoothed: (4 + 1) / (6 + 2)
    assert table == {"verb": {"ALLY": confidence(4, 6)}}
    assert confidence(4, 6) == 0.625
    assert "# 4 of 6" in out.read_text() and "entramado calibrate-rules" in out.read_text()


def test_a_rules_tie_carries_the_shipped_measure(tmp_path: Path) -> None:
    measured = load_lexicon("es").rule_confidence["verb"][RelationType.ALLY]
    text = tmp_path / "a.txt"
    text.write_text(
        "Acto en Puebla\n\nFernando Blanco felicitó a Julia Herrera por su victoria en el partido.\n"
    )
    result = CliRunner().invoke(app, ["extract", str(text)], env={"ENTRAMADO_MODEL": "rules"})
    assert result.exit_code == 0, result.output
    (ally,) = [r for r in json.loads(result.stdout)["relations"] if r["type"] == "ALLY"]
    assert ally["confidence"] == measured != 0.8  # not the hand-set figure of a verb's tie
