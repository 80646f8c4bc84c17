"""Cytoscape.js export: every actor and tie in one JSON file, string ids, ties in their own direction."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from entramado.export import export
from entramado.store import Store
from entramado.store.reads.graph import GraphFilter
from export_corpus import bloc_of, bloc_pair, fill


@pytest.fixture
def store(fresh_store: Store) -> Store:
    return fill(fresh_store)


def test_cytoscape_json_has_every_node_and_edge_with_attributes(store: Store, tmp_path: Path) -> None:
    export(store, "cytoscape", tmp_path / "net.json")
    doc = json.loads((tmp_path / "net.json").read_text(encoding="utf-8"))
    rows = store.graph_rows(GraphFilter())
    bloc = bloc_of(store)
    nodes = {n["data"]["id"]: n["data"] for n in doc["elements"]["nodes"]}
    assert nodes == {
        str(n.id): {
            "id": str(n.id), "name": n.name, "label": n.name, "type": str(n.type),
            "mention_count": n.mention_count, "article_count": n.article_count, "bloc": bloc[n.id],
        }
        for n in rows.nodes
    }  # fmt: skip
    edges = {e["data"]["id"]: e["data"] for e in doc["elements"]["edges"]}
    assert edges == {
        f"r{e.id}": {
            "id": f"r{e.id}", "source": str(e.source), "target": str(e.target), "label": str(e.type),
            "type": str(e.type), "relation_id": e.id, "directed": e.type.directed,
            "evidence_count": e.evidence_count, "article_count": e.article_count,
            "confidence": e.confidence, "first_seen": str(e.first_seen), "last_seen": str(e.last_seen),
            "bloc_pair": bloc_pair(bloc, e.source, e.target),
            "confirmed": False,
        }
        for e in rows.edges
    }  # fmt: skip
    # Both directions of one directed type between one pair are there, each the right way round.
    member = {(d["source"], d["target"]) for d in edges.values() if d["type"] == "MEMBER_OF"}
    vox, patriotas = (str(n.id) for name in ("Vox", "Patriotas") for n in rows.nodes if n.name == name)
    assert {(vox, patriotas), (patriotas, vox)} <= member
    assert all(d["source"] in nodes and d["target"] in nodes for d in edges.values())
