"""GraphML export: read back with networkx, the same actors, ties and attributes as the store's graph."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import networkx as nx
import pytest

from entramado.export import export
from entramado.store import Store
from entramado.store.reads.graph import GraphFilter, GraphRows
from export_corpus import bloc_of, bloc_pair, fill


@pytest.fixture
def store(fresh_store: Store) -> Store:
    return fill(fresh_store)


def expected_nodes(rows: GraphRows, bloc: dict[int, int]) -> set[tuple[int, frozenset[tuple[str, object]]]]:
    return {
        (n.id, frozenset({
            "name": n.name, "label": n.name, "type": str(n.type),
            "mention_count": n.mention_count, "article_count": n.article_count, "bloc": bloc[n.id],
        }.items()))
        for n in rows.nodes
    }  # fmt: skip


def expected_edges(
    rows: GraphRows, bloc: dict[int, int]
) -> set[tuple[frozenset[int], frozenset[tuple[str, object]]]]:
    return {
        (frozenset({e.source, e.target}), frozenset({
            "relation_id": e.id, "type": str(e.type), "label": str(e.type), "directed": e.type.directed,
            "source": e.source, "target": e.target, "evidence_count": e.evidence_count,
            "article_count": e.article_count, "confidence": e.confidence,
            "first_seen": e.first_seen.isoformat(), "last_seen": e.last_seen.isoformat(),  # type: ignore[union-attr]
            "bloc_pair": bloc_pair(bloc, e.source, e.target),
            "confirmed": False,
        }.items()))
        for e in rows.edges
    }  # fmt: skip


def test_graphml_reads_back_with_the_same_nodes_edges_and_attributes(store: Store, tmp_path: Path) -> None:
    result = export(store, "graphml", tmp_path / "net.graphml")
    g = nx.read_graphml(tmp_path / "net.graphml", node_type=int, force_multigraph=True)
    rows = store.graph_rows(GraphFilter())
    bloc = bloc_of(store)
    assert (result.nodes, result.edges) == (len(rows.nodes), len(rows.edges)) == (10, 10)
    assert {(n, frozenset(d.items())) for n, d in g.nodes(data=True)} == expected_nodes(rows, bloc)
    # Vox→Patriotas and Patriotas→Vox are two MEMBER_OF ties of one pair: both are kept.
    assert g.number_of_edges() == len(rows.edges)
    assert {(frozenset({u, v}), frozenset(d.items())) for u, v, d in g.edges(data=True)} == expected_edges(
        rows, bloc
    )
    assert {k for _, _, k in g.edges(keys=True)} == {f"r{e.id}" for e in rows.edges}


def test_graphml_follows_the_filter(store: Store, tmp_path: Path) -> None:
    flt = GraphFilter(until=date(2024, 1, 31))
    export(store, "graphml", tmp_path / "january.graphml", flt)
    g = nx.read_graphml(tmp_path / "january.graphml", node_type=int)
    assert {d["name"] for _, d in g.nodes(data=True)} == {
        "José Antonio Kast", "Santiago Abascal", "Partido Republicano", "Gobierno de Chile",
    }  # fmt: skip
    assert sorted(d["type"] for _, _, d in g.edges(data=True)) == ["ALLY", "OPPOSES", "POSITION"]
