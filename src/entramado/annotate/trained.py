"""Trained model folders: which one applies, what its card says, and whether it can be used here.

A model folder (written by ``entramado train``) holds ``meta.json`` (the model card's data),
``README.md`` (the card), ``LICENSE``, the updated entity recogniser (``ner/``) and the tie model
(``ties.json``, ``ties.npz``). The package ships one in ``entramado/model/`` (``make models``);
``--model DIR`` or ``$ENTRAMADO_MODEL`` chooses another.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from entramado.errors import ModelError

MODEL_ENV = "ENTRAMADO_MODEL"
BUNDLED = Path(__file__).parents[1] / "model"
FORMAT = "entramado-model/1"
META = "meta.json"
# What --model and $ENTRAMADO_MODEL take to mean the hand-written rules, bundled model or not.
RULES = "rules"
T = TypeVar("T")


def model_folder(chosen: Path | None = None) -> Path | None:
    """The model folder to use: ``chosen``, else ``$ENTRAMADO_MODEL``, else the bundled one (if built).

    None means the hand-written rules: asked for by name (``--model rules``), or when no model is built.
    """
    if chosen is None and os.environ.get(MODEL_ENV):
        chosen = Path(os.environ[MODEL_ENV])
    if chosen is not None:
        return None if str(chosen) == RULES else chosen
    return BUNDLED if (BUNDLED / META).is_file() else None


def read_meta(folder: Path) -> dict[str, Any]:
    """The card data of a model folder; a ModelError naming the folder when it is not a usable model."""
    if not folder.is_dir():
        raise ModelError(folder, "there is no such folder")
    try:
        meta = json.loads((folder / META).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(folder, f"it has no {META} (is it a folder written by `entramado train`?)") from None
    except (OSError, ValueError) as exc:
        raise ModelError(folder, f"{META} cannot be read ({exc})") from None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise ModelError(folder, f"{META} is not an entramado model card ({FORMAT})")
    for key in ("language", "base_model"):
        if not isinstance(meta.get(key), str):
            raise ModelError(folder, f"{META} lacks its {key!r}")
    return meta


def carries_recogniser(meta: dict[str, Any]) -> bool:
    """Whether a model folder holds a retrained recogniser (``ner/``); one trained with ``--epochs 0``
    keeps the base pipeline's (card ``"recogniser": "base"``; folders from before say nothing)."""
    return str(meta.get("recogniser", "trained")) == "trained"


def check_base(folder: Path, meta: dict[str, Any], name: str, version: str) -> None:
    """Refuse a model trained on another spaCy pipeline than this one: its recogniser would not fit."""
    if meta["base_model"] != name or meta.get("base_version") not in (None, version):
        raise ModelError(
            folder,
            f"it was trained on {meta['base_model']} {meta.get('base_version', '')}, "
            f"but this pipeline is {name} {version}",
        )


def read_part(folder: Path, file: str, fmt: str, what: str, parse: Callable[[dict[str, Any]], T]) -> T | None:
    """One learned part of a model folder (``what``, format ``fmt``), as ``parse`` makes it from its
    JSON; None when the folder has no such file (trained before the part existed); a ModelError
    naming the folder when the file is not that part or ``parse`` finds it incomplete."""
    path = folder / file
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(folder, f"{file} cannot be read ({exc})") from None
    if not isinstance(data, dict) or data.get("format") != fmt:
        raise ModelError(folder, f"{file} is not an entramado {what} ({fmt})")
    try:
        return parse(data)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ModelError(folder, f"{file} cannot be read ({exc})") from None


def write_part(folder: Path, file: str, data: dict[str, Any]) -> None:
    """Write one learned part into a model folder as JSON (same data, same bytes)."""
    (folder / file).write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
