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
# migrates, datasketch (with scipy and numpy) signs stored articles: none of them is needed to start
# the CLI or to read a current database.
HEAVY = (
    "spacy", "sklearn", "networkx", "igraph", "leidenalg", "fastapi", "uvicorn", "alembic", "dask",
    "datasketch", "scipy", "numpy",
)  # fmt: skip
# The store's write side (resolution, the rebuild, wire signatures): reading never runs it.
WRITE_SIDE = ("entramado.store.write", "entramado.store.rebuild", "entramado.store.wire")


def modules(*argv: str) -> set[str]:
    """Every module a fresh interpreter imported while running ``argv`` (via -X importtime)."""
    env = {**os.environ, "PYTHONPATH": SRC}
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *argv], env=env, capture_output=True, text=True, check=True
    )
    lines = [
        line.split("|")[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")
    ]
    return set(lines)


def imported(*argv: str) -> set[str]:
    """Top-level packages a fresh interpreter imported while running ``argv``."""
    return {name.split(".")[0] for name in modules(*argv)}


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
    loaded = modules("-m", "entramado", *command, "--db", str(db))
    packages = {name.split(".")[0] for name in loaded}
    assert "sqlalchemy" in packages  # the command did run against the database
    assert packages.isdisjoint(HEAVY), sorted(packages & set(HEAVY))
    assert loaded.isdisjoint(WRITE_SIDE), sorted(loaded & set(WRITE_SIDE))


def test_the_check_sees_the_write_side() -> None:
    # Guards the check above: storing an article does load the write side and its signatures.
    loaded = modules("-c", "from entramado.store import write")
    assert {"entramado.store.write", "entramado.store.wire"} <= loaded
