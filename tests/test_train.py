"""Training the extractor on small annotation files built here: deterministic, learns, refuses bad models."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from entramado.annotate import trained as trained_module
from entramado.annotate.linear import LinearTies
from entramado.annotate.trained import model_folder, read_meta
from entramado.cli import app
from entramado.errors import ModelError

# A verb no lexicon lists: "apapachar" (Mexican Spanish: to embrace, to back someone) → ALLY.
PEOPLE = [
    ("Ana Torres", "Luis Pérez"), ("Marta Gil", "Pedro Ruiz"), ("Carlos Vega", "Elena Mora"),
    ("Jorge Salas", "Rosa Núñez"), ("Inés Campos", "Raúl Ortega"), ("Diego Ramos", "Sara León"),
    ("Pablo Cano", "Lucía Ríos"), ("Hugo Soto", "Clara Vidal"),
]  # fmt: skip


def corpus(tmp_path: Path) -> tuple[Path, Path]:
    """Eight articles where one person "apapachó" another (ALLY), each with a sentence of no tie."""
    articles, annotations = [], []
    for n, (a, b) in enumerate(PEOPLE):
        sentence = f"{a} apapachó a {b} durante el acto del partido."
        other = f"{a} y {b} viajaron después a la capital en autobús."
        text = f"{other}\n\n{sentence}"
        doc_id = f"t{n}"
        articles.append({"id": doc_id, "title": f"Noticia {n}", "text": text})
        annotations.append(
            {
                "doc_id": doc_id,
                "entities": [
                    {"name": a, "type": "PERSON", "aliases": []},
                    {"name": b, "type": "PERSON", "aliases": []},
                ],
                "relations": [{"source": a, "type": "ALLY", "target": b, "evidence": [sentence]}],
            }
        )
    corpus_file = tmp_path / "articles.jsonl"
    corpus_file.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles))
    annotation_file = tmp_path / "annotations.jsonl"
    annotation_file.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in annotations))
    return corpus_file, annotation_file


def train(tmp_path: Path, out: Path, corpus_file: Path, annotation_file: Path, epochs: int = 2) -> None:
    result = CliRunner().invoke(
        app,
        ["train", str(annotation_file), "--out", str(out), "--articles", str(corpus_file),
         "--epochs", str(epochs), "--exclude", str(tmp_path / "none.txt"), "--quiet"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path, Path]:
    tmp = tmp_path_factory.mktemp("train")
    corpus_file, annotation_file = corpus(tmp)
    first, second = tmp / "one", tmp / "two"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", "1764460800")
        train(tmp, first, corpus_file, annotation_file)
        train(tmp, second, corpus_file, annotation_file)
    return tmp, first, second, corpus_file


def test_training_twice_gives_identical_model_files(trained: tuple[Path, Path, Path, Path]) -> None:
    _, first, second, _ = trained
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert {
        "meta.json",
        "README.md",
        "LICENSE",
        "ties.json",
        "ties.npz",
        "descriptions.json",
        "entities.json",
    } <= {str(p) for p in files}
    assert any(str(p).startswith("ner") for p in files)
    for rel in files:
        assert (first / rel).read_bytes() == (second / rel).read_bytes(), rel


def test_the_card_says_what_it_was_trained_on(trained: tuple[Path, Path, Path, Path]) -> None:
    _, first, _, _ = trained
    meta = read_meta(first)
    assert meta["articles"] == len(PEOPLE)
    assert meta["relations"] == {"ALLY": len(PEOPLE)}
    assert meta["trained_at"].startswith("2025-11-30")
    assert "GPL-3.0" in (first / "LICENSE").read_text()
    assert "entramado train" in (first / "README.md").read_text()


def test_a_new_cue_word_is_learnt(trained: tuple[Path, Path, Path, Path]) -> None:
    tmp, first, _, _ = trained
    unseen = tmp / "unseen.txt"
    unseen.write_text(
        "Reunión en Puebla\n\nFernando Blanco apapachó a Julia Herrera durante el acto del partido.\n"
    )
    result = CliRunner().invoke(app, ["extract", str(unseen), "--model", str(first)])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    ties = {(r["source"], r["type"], r["target"]) for r in doc["relations"]}
    assert ("Fernando Blanco", "ALLY", "Julia Herrera") in ties or (
        "Julia Herrera",
        "ALLY",
        "Fernando Blanco",
    ) in ties
    # the rules alone do not know the word
    result = CliRunner().invoke(app, ["extract", str(unseen)], env={"ENTRAMADO_MODEL": "rules"})
    assert not [r for r in json.loads(result.stdout)["relations"] if r["type"] == "ALLY"]


def test_the_rules_stay_as_fallbacks_at_the_models_probability(
    trained: tuple[Path, Path, Path, Path],
) -> None:
    tmp, first, _, _ = trained
    unseen = tmp / "rules.txt"
    unseen.write_text(
        "Acto en Puebla\n\nFernando Blanco felicitó a Julia Herrera por su victoria en el partido.\n\n"
        "Después Fernando Blanco se reunió con Tomás Aguirre en la capital del estado.\n"
    )
    result = CliRunner().invoke(app, ["extract", str(unseen), "--model", str(first)])
    assert result.exit_code == 0, result.output
    rules = CliRunner().invoke(app, ["extract", str(unseen)], env={"ENTRAMADO_MODEL": "rules"})

    def ties(output: str) -> dict[tuple[str, frozenset[str]], float]:
        relations = json.loads(output)["relations"]
        return {(r["type"], frozenset((r["source"], r["target"]))): r["confidence"] for r in relations}

    learned, ruled = ties(result.stdout), ties(rules.stdout)
    # "felicitar" is a rule's ALLY cue the eight training articles never showed: the tie stays, and
    # its confidence is the model's calibrated probability, not the rule's hand-set strength
    ally = ("ALLY", frozenset(("Fernando Blanco", "Julia Herrera")))
    assert ally in learned and ally in ruled
    assert learned[ally] != ruled[ally]
    # MEETS: a type the model has no examples of keeps the rules' tie as it was
    meets = ("MEETS", frozenset(("Fernando Blanco", "Tomás Aguirre")))
    assert learned[meets] == ruled[meets]


@pytest.mark.parametrize(
    "damage",
    [
        "no folder",
        "no meta",
        "foreign meta",
        "no weights",
        "mismatched weights",
        "corrupt descriptions",
        "corrupt entity judge",
    ],
)
def test_a_corrupt_or_mismatched_model_is_refused_by_name(
    trained: tuple[Path, Path, Path, Path], tmp_path: Path, damage: str
) -> None:
    _, first, _, _ = trained
    broken = tmp_path / "broken-model"
    if damage != "no folder":
        shutil.copytree(first, broken)
    if damage == "no meta":
        (broken / "meta.json").unlink()
    elif damage == "foreign meta":
        (broken / "meta.json").write_text('{"format": "something-else"}')
    elif damage == "no weights":
        (broken / "ties.npz").unlink()
    elif damage == "mismatched weights":
        meta = json.loads((broken / "ties.json").read_text())
        meta["vocabulary"] = meta["vocabulary"][:-1]
        (broken / "ties.json").write_text(json.dumps(meta))
    elif damage == "corrupt descriptions":
        (broken / "descriptions.json").write_text('{"format": "entramado-descriptions/1"')
    elif damage == "corrupt entity judge":
        (broken / "entities.json").write_text('{"format": "entramado-entities/1", "weights": {}}')
    text = broken.parent / "a.txt"
    text.write_text("Ana Torres apapachó a Luis Pérez en Madrid durante la campaña del partido.\n")
    result = CliRunner().invoke(app, ["extract", str(text), "--model", str(broken)])
    assert result.exit_code != 0
    assert "broken-model" in result.output and "Traceback" not in result.output
    if damage in ("no weights", "mismatched weights"):
        with pytest.raises(ModelError, match="broken-model"):
            LinearTies.load(broken)


def test_zero_epochs_keep_the_base_recogniser_and_still_learn_the_ties(tmp_path: Path) -> None:
    corpus_file, annotation_file = corpus(tmp_path)
    out = tmp_path / "ties-only"
    train(tmp_path, out, corpus_file, annotation_file, epochs=0)
    assert not (out / "ner").exists() and read_meta(out)["recogniser"] == "base"
    assert "unchanged" in (out / "README.md").read_text()
    unseen = tmp_path / "unseen.txt"
    unseen.write_text(
        "Reunión en Puebla\n\nFernando Blanco apapachó a Julia Herrera durante el acto del partido.\n"
    )
    result = CliRunner().invoke(app, ["extract", str(unseen), "--model", str(out)])
    assert result.exit_code == 0, result.output
    ties = {
        (r["type"], frozenset((r["source"], r["target"]))) for r in json.loads(result.stdout)["relations"]
    }
    assert ("ALLY", frozenset(("Fernando Blanco", "Julia Herrera"))) in ties


def test_rules_are_chosen_by_name_even_over_a_bundled_model(
    trained: tuple[Path, Path, Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, first, _, _ = trained
    monkeypatch.setattr(trained_module, "BUNDLED", first)
    monkeypatch.delenv("ENTRAMADO_MODEL", raising=False)
    assert model_folder() == first  # built into the package: the default
    assert model_folder(Path("rules")) is None
    monkeypatch.setenv("ENTRAMADO_MODEL", "rules")
    assert model_folder() is None
    assert model_folder(first) == first  # --model wins over the environment
