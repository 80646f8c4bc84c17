"""Signed blocs in every export that carries attributes, read back from the files themselves.

On the founding article, Kast and Jara are rivals (an OPPOSES tie), so they must sit in two blocs
and the opposition between those blocs must be written down, in each format's own way.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx
import pytest

from entramado.config import Settings
from entramado.export import export
from entramado.jobs.ingest import ingest
from entramado.store import Store
from export_corpus import bloc_of, fill


@pytest.fixture(scope="module")
def founding(founding_article: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The five formats of the founding article's network, in one folder."""
    out = tmp_path_factory.mktemp("founding")
    with Store.open(str(out / "seed.db")) as store:
        assert ingest([str(founding_article)], store, Settings()).ok
        for fmt, name in (
            ("graphml", "net.graphml"), ("gexf", "net.gexf"), ("cytoscape", "net.json"),
            ("csv", "csv"), ("neo4j", "neo4j"),
        ):  # fmt: skip
            export(store, fmt, out / name)
    return out


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def rivals(names: dict[str, str]) -> tuple[str, str]:
    """The ids of Kast and Jara among ``names`` (id → name)."""
    kast = next(i for i, n in names.items() if "Kast" in n)
    jara = next(i for i, n in names.items() if "Jara" in n)
    return kast, jara


def pair_of(a: int, b: int) -> str:
    return f"{min(a, b)}-{max(a, b)}"


def test_graphml_carries_each_actors_bloc_and_the_oppositions_between_blocs(founding: Path) -> None:
    g = nx.read_graphml(founding / "net.graphml", force_multigraph=True)
    kast, jara = rivals({n: d["name"] for n, d in g.nodes(data=True)})
    a, b = g.nodes[kast]["bloc"], g.nodes[jara]["bloc"]
    assert isinstance(a, int) and isinstance(b, int) and a != b
    assert all("bloc" in d for _, d in g.nodes(data=True))
    opposes = [d for _, _, d in g.edges([kast], data=True) if d["type"] == "OPPOSES"]
    assert any(
        d["bloc_pair"] == pair_of(a, b)
        for d in opposes
        if {str(d["source"]), str(d["target"])} == {kast, jara}
    )
    recorded = json.loads(g.graph["bloc_oppositions"])
    row = next(r for r in recorded if {r["bloc"], r["rival_bloc"]} == {a, b})
    assert row["ties"] >= 1 and "Jara" in row["strongest_pairs"] and "Kast" in row["strongest_pairs"]


def test_gexf_carries_each_actors_bloc_and_the_pair_of_blocs_of_each_tie(founding: Path) -> None:
    g = nx.read_gexf(founding / "net.gexf")
    kast, jara = rivals({n: d["name"] for n, d in g.nodes(data=True)})
    a, b = g.nodes[kast]["bloc"], g.nodes[jara]["bloc"]
    assert a != b
    between = [
        d for _, _, d in g.edges(data=True) if d["relation"] == "OPPOSES" and d["bloc_pair"] == pair_of(a, b)
    ]
    assert between, "the OPPOSES tie between the two blocs is not marked as such"


def test_cytoscape_json_carries_blocs_and_the_oppositions_in_the_graphs_data(founding: Path) -> None:
    doc = json.loads((founding / "net.json").read_text(encoding="utf-8"))
    nodes = {n["data"]["id"]: n["data"] for n in doc["elements"]["nodes"]}
    kast, jara = rivals({i: d["name"] for i, d in nodes.items()})
    a, b = nodes[kast]["bloc"], nodes[jara]["bloc"]
    assert a != b
    row = next(
        r for r in doc["data"]["bloc_oppositions"] if (r["bloc"], r["rival_bloc"]) == (min(a, b), max(a, b))
    )
    assert row["ties"] >= 1
    assert any(
        e["data"]["type"] == "OPPOSES" and e["data"]["bloc_pair"] == pair_of(a, b)
        for e in doc["elements"]["edges"]
    )


def test_csv_writes_the_blocs_and_their_oppositions_beside_the_network(founding: Path) -> None:
    nodes = read(founding / "csv" / "nodes.csv")
    kast, jara = rivals({r["id"]: r["name"] for r in nodes})
    bloc = {r["id"]: int(r["bloc"]) for r in nodes}
    a, b = bloc[kast], bloc[jara]
    assert a != b
    blocs = read(founding / "csv" / "blocs.csv")
    assert sorted(int(r["bloc"]) for r in blocs) == sorted(set(bloc.values()))
    assert {int(r["bloc"]): int(r["size"]) for r in blocs} == {
        n: sum(1 for v in bloc.values() if v == n) for n in set(bloc.values())
    }
    oppositions = read(founding / "csv" / "bloc_oppositions.csv")
    row = next(r for r in oppositions if (int(r["bloc"]), int(r["rival_bloc"])) == (min(a, b), max(a, b)))
    assert int(row["ties"]) >= 1 and "Jara" in row["strongest_pairs"]
    edges = read(founding / "csv" / "edges.csv")
    assert any(
        e["type"] == "OPPOSES"
        and {e["source_id"], e["target_id"]} == {kast, jara}
        and e["bloc_pair"] == pair_of(a, b)
        for e in edges
    )


def test_neo4j_nodes_carry_their_bloc_so_oppositions_across_blocs_can_be_matched(founding: Path) -> None:
    nodes = read(founding / "neo4j" / "nodes.csv")
    kast, jara = rivals({r["entityId:ID"]: r["name"] for r in nodes})
    bloc = {r["entityId:ID"]: r["bloc:int"] for r in nodes}
    assert bloc[kast] != bloc[jara] and all(v.isdigit() for v in bloc.values())
    rels = read(founding / "neo4j" / "relationships.csv")
    assert any(r[":TYPE"] == "OPPOSES" and {r[":START_ID"], r[":END_ID"]} == {kast, jara} for r in rels)
    assert "n.bloc = toInteger(row.`bloc:int`)" in (founding / "neo4j" / "load.cypher").read_text(
        encoding="utf-8"
    )


def test_the_exported_bloc_numbers_are_those_of_the_blocs_command(fresh_store: Store, tmp_path: Path) -> None:
    store = fill(fresh_store)
    export(store, "csv", tmp_path / "out")
    written = {int(r["id"]): int(r["bloc"]) for r in read(tmp_path / "out" / "nodes.csv")}
    assert written == bloc_of(store) and len(set(written.values())) > 1
