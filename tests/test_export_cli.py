"""`entramado export`: every format from the command line, the graph filter, and a careful --out."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from entramado.cli import app
from entramado.store import Store
from export_corpus import fill

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "export.db")
    with Store.open(path) as store:
        fill(store)
    return path


@pytest.mark.parametrize(
    ("fmt", "out", "files"),
    [
        ("graphml", "net.graphml", ["net.graphml"]),
        ("gexf", "net.gexf", ["net.gexf"]),
        ("cytoscape", "net.json", ["net.json"]),
        ("ftm", "net.ftm.json", ["net.ftm.json"]),
        ("neo4j", "neo", ["neo/nodes.csv", "neo/relationships.csv", "neo/load.cypher"]),
        (
            "csv",
            "tables",
            [
                "tables/nodes.csv",
                "tables/edges.csv",
                "tables/evidence.csv",
                "tables/blocs.csv",
                "tables/bloc_oppositions.csv",
            ],
        ),
    ],
)
def test_every_format_is_written_and_reported(
    db: str, tmp_path: Path, fmt: str, out: str, files: list[str]
) -> None:
    result = runner.invoke(app, ["export", "--format", fmt, "--out", str(tmp_path / "x" / out), "--db", db])
    assert result.exit_code == 0, result.output
    assert all((tmp_path / "x" / f).is_file() for f in files)
    assert "10 actors, 10 ties" in result.output and str(tmp_path / "x" / files[0]) in result.output
    # FtM's schemata have no place for blocs; every other format carries them, and says so.
    carried = "blocs, 1 OPPOSES ties between blocs" in result.output
    assert carried == (fmt != "ftm"), result.output


def test_the_graph_filter_options_reach_the_export(db: str, tmp_path: Path) -> None:
    out = tmp_path / "filtered.graphml"
    args = ["export", "-f", "graphml", "-o", str(out), "--db", db, "--type", "ALLY", "--type", "MEETS",
            "--until", "2024-02-28", "--actor-type", "PERSON", "--min-confidence", "0.5",
            "--min-evidence", "1", "--outlet", "El Diario"]  # fmt: skip
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    g = nx.read_graphml(out)
    assert [d["type"] for _, _, d in g.edges(data=True)] == ["ALLY"]
    assert "2 actors, 1 ties" in result.output
    co = runner.invoke(app, ["export", "-f", "cytoscape", "-o", str(tmp_path / "co.json"), "--db", db,
                             "--co-mentions", "--since", "2024-03-01"])  # fmt: skip
    assert co.exit_code == 0, co.output
    types = {e["data"]["type"] for e in json.loads((tmp_path / "co.json").read_text())["elements"]["edges"]}
    assert "CO_MENTION" in types and "ALLY" not in types


def test_a_non_empty_folder_or_an_existing_file_needs_force(db: str, tmp_path: Path) -> None:
    folder = tmp_path / "neo"
    folder.mkdir()
    (folder / "keep.txt").write_text("mine")
    refused = runner.invoke(app, ["export", "-f", "neo4j", "-o", str(folder), "--db", db])
    assert refused.exit_code == 2 and "--force" in refused.output
    assert not (folder / "nodes.csv").exists()
    forced = runner.invoke(app, ["export", "-f", "neo4j", "-o", str(folder), "--db", db, "--force"])
    assert forced.exit_code == 0 and (folder / "nodes.csv").is_file()

    target = tmp_path / "net.gexf"
    target.write_text("old")
    assert runner.invoke(app, ["export", "-f", "gexf", "-o", str(target), "--db", db]).exit_code == 2
    assert target.read_text() == "old"
    assert (
        runner.invoke(app, ["export", "-f", "gexf", "-o", str(target), "--db", db, "--force"]).exit_code == 0
    )
    assert target.read_text().startswith("<?xml")


def test_a_folder_format_refuses_a_file_and_a_file_format_a_folder(db: str, tmp_path: Path) -> None:
    (tmp_path / "file.csv").write_text("x")
    result = runner.invoke(
        app, ["export", "-f", "csv", "-o", str(tmp_path / "file.csv"), "--db", db, "--force"]
    )
    assert result.exit_code == 2 and "folder" in result.output
    result = runner.invoke(app, ["export", "-f", "graphml", "-o", str(tmp_path), "--db", db, "--force"])
    assert result.exit_code == 2 and "file name" in result.output


def test_an_unknown_format_is_a_usage_error(db: str, tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "-f", "pajek", "-o", str(tmp_path / "x.net"), "--db", db])
    assert result.exit_code == 2
    assert not (tmp_path / "x.net").exists()
