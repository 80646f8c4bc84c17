"""The bundled model: the default extractor, and exactly what `make models` trains from the annotations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import training_inputs
from entramado.annotate.extract import Extractor
from entramado.annotate.trained import BUNDLED, read_meta
from entramado.cli import app

ROOT = Path(__file__).parents[1]
# What the bundled model's weights are; the card (date, cross-validation) is checked apart.
WEIGHTS = ("ties.json", "ties.npz", "descriptions.json", "entities.json")


def test_the_bundled_model_is_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ENTRAMADO_MODEL", raising=False)
    assert Extractor().trained == BUNDLED
    meta = read_meta(BUNDLED)
    assert meta["recogniser"] == "base" and not (BUNDLED / "ner").exists()
    assert (
        meta["cross_validation"]["scores"]["learned"]["relations"]["f1"]
        > (meta["cross_validation"]["scores"]["rules"]["relations"]["f1"])
    )


def test_the_bundled_model_is_what_make_models_trains(shared_dir: Path, tmp_path: Path) -> None:
    """A change to what the pipeline reads or to the annotations must come with `make models`."""
    out = tmp_path / "model"
    result = CliRunner().invoke(
        app,
        ["train", str(ROOT / "data" / "annotations" / "fakenews-es.jsonl"), "--epochs", "0",
         "--out", str(out), *training_inputs(shared_dir), "--quiet"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    stale = [name for name in WEIGHTS if (out / name).read_bytes() != (BUNDLED / name).read_bytes()]
    assert not stale, f"src/entramado/model/ is stale ({', '.join(stale)}): run `make models`"
    fresh, shipped = json.loads((out / "meta.json").read_text()), read_meta(BUNDLED)
    for key in (
        "articles",
        "relations",
        "entities",
        "candidates",
        "annotations",
        "descriptions",
        "entity_types",
    ):
        assert fresh[key] == shipped[key], key
