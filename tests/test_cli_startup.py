"""Instant commands: the CLI and its reading commands load no heavy library (checked in a fresh process).

Speed itself is measured in benchmarks/cli_startup.py; here only what is imported, which decides it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import entramado
from builders import Doc
from entramado.models import RelationType
from entramado.store import Store

SRC = str(Path(entramado.__file__).resolve().parents[1])
# spaCy and scikit-learn annotate, networkx and igraph analyse, FastAPI and uvicorn serve, Alembic
# migrates: none of them is needed to start the CLI or to read a current database.
HEAVY = ("spacy", "sklearn", "networkx", "igraph", "leidenalg", "fastapi", "uvicorn", "alembic", "dask")


def imported(*argv: str) -> set[str]:
    """Top-level packages a fresh interpreter imported while running ``argv`` (via -X importtime)."""
    env = {**os.environ, "PYTHONPATH": SRC}
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *argv], env=env, capture_output=True, text=True, check=True
    )
    lines = [
        line.split("|")[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")
    ]
    return {name.split(".")[0] for name in lines}


def test_importing_the_cli_loads_no_heavy_library() -> None:
    assert imported("-c", "import entramado.cli").isdisjoint(HEAVY)


def test_the_check_sees_a_heavy_import() -> None:
    # Guards the test above: the same check does see networkx when the analysis stage is imported.
    assert "networkx" in imported("-c", "import entramado.analyse")


@pytest.mark.parametrize(
    "command",
    [["stats"], ["entities"], ["show", "Kast"], ["relations"], ["decisions"]],
    ids=lambda c: c[0],
)
def test_reading_commands_load_no_heavy_library(command: list[str], tmp_path: Path) -> None:
    db = tmp_path / "read.db"
    with Store.open(str(db)) as store:
        doc = Doc("José Antonio Kast se reunió con Javier Milei en Buenos Aires.")
        doc.entity("José Antonio Kast", aliases=("Kast",)).entity("Javier Milei")
        store.add(doc.relation("José Antonio Kast", RelationType.MEETS, "Javier Milei").build())
    loaded = imported("-m", "entramado", *command, "--db", str(db))
    assert "sqlalchemy" in loaded  # the command did run against the database
    assert loaded.isdisjoint(HEAVY), sorted(loaded & set(HEAVY))
