"""Neo4j export: neo4j-admin import headers, consistent ids, and a LOAD CSV script for the same files."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from entramado.export import export
from entramado.store import Store
from entramado.store.reads.graph import GraphFilter
from export_corpus import bloc_of, fill


@pytest.fixture
def store(fresh_store: Store) -> Store:
    return fill(fresh_store)


def read(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def test_neo4j_files_have_the_import_headers_and_consistent_ids(store: Store, tmp_path: Path) -> None:
    result = export(store, "neo4j", tmp_path / "neo")
    assert [p.name for p in result.files] == ["nodes.csv", "relationships.csv", "load.cypher"]
    nodes = read(tmp_path / "neo" / "nodes.csv")
    rels = read(tmp_path / "neo" / "relationships.csv")
    assert nodes[0] == ["entityId:ID", "name", "type", "mentions:int", "articles:int", ":LABEL", "bloc:int"]
    assert rels[0] == [
        ":START_ID", ":END_ID", ":TYPE", "confidence:float", "evidence:int", "articles:int",
        "firstSeen", "lastSeen", "confirmed:boolean",
    ]  # fmt: skip
    rows = store.graph_rows(GraphFilter())
    bloc = bloc_of(store)
    assert {tuple(r) for r in nodes[1:]} == {
        (str(n.id), n.name, str(n.type), str(n.mention_count), str(n.article_count), str(n.type).title(),
         str(bloc[n.id]))
        for n in rows.nodes
    }  # fmt: skip
    ids = {r[0] for r in nodes[1:]}
    assert len(ids) == len(nodes) - 1
    assert all(r[0] in ids and r[1] in ids for r in rels[1:])
    assert {(r[0], r[1], r[2], float(r[3]), int(r[4]), r[6], r[7], r[8]) for r in rels[1:]} == {
        (str(e.source), str(e.target), str(e.type), e.confidence, e.evidence_count,
         str(e.first_seen), str(e.last_seen), "false")
        for e in rows.edges
    }  # fmt: skip


def test_the_cypher_script_loads_the_same_files_and_columns(store: Store, tmp_path: Path) -> None:
    export(store, "neo4j", tmp_path / "neo")
    script = (tmp_path / "neo" / "load.cypher").read_text(encoding="utf-8")
    headers = set(read(tmp_path / "neo" / "nodes.csv")[0]) | set(
        read(tmp_path / "neo" / "relationships.csv")[0]
    )
    used = set(re.findall(r"row\.`([^`]+)`", script)) | set(re.findall(r"row\.(\w+)", script))
    assert used and used <= headers
    assert set(re.findall(r"FROM '(file:///[^']+)'", script)) == {
        "file:///nodes.csv",
        "file:///relationships.csv",
    }
    # One MERGE per label and per tie type present, each with the type written literally.
    for label in ("Person", "Organization", "Place", "Event"):
        assert f"MERGE (n:{label} {{entityId: row.`entityId:ID`}})" in script
    for rtype in ("ALLY", "MEMBER_OF", "POSITION", "OPPOSES", "MEETS", "PARTICIPATES_IN", "CANDIDATE_IN"):
        assert f"WHERE row.`:TYPE` = '{rtype}'" in script and f"-[r:{rtype}]->" in script
    assert "CO_MENTION" not in script
    assert script.count(";") == 4 + 4 + 7  # constraints, node loads, relationship loads
