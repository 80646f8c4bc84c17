"""GEXF export: dynamic (Gephi's timeline), and read back with networkx to the same actors and ties."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import networkx as nx
import pytest

from builders import Doc
from entramado.export import export
from entramado.models import RelationType
from entramado.store import Store
from entramado.store.reads.graph import GraphFilter
from export_corpus import bloc_of, bloc_pair, fill

NS = {"g": "http://www.gexf.net/1.2draft"}


@pytest.fixture
def store(fresh_store: Store) -> Store:
    return fill(fresh_store)


@pytest.fixture
def gexf(store: Store, tmp_path: Path) -> Path:
    export(store, "gexf", tmp_path / "net.gexf")
    return tmp_path / "net.gexf"


def test_gexf_reads_back_with_the_same_nodes_edges_and_attributes(store: Store, gexf: Path) -> None:
    g = nx.read_gexf(gexf, node_type=int)
    rows = store.graph_rows(GraphFilter())
    bloc = bloc_of(store)
    spans = {
        n.id: (
            min(e.first_seen for e in rows.edges if n.id in (e.source, e.target)).isoformat(),  # type: ignore[type-var]
            max(e.last_seen for e in rows.edges if n.id in (e.source, e.target)).isoformat(),  # type: ignore[type-var]
        )
        for n in rows.nodes
    }
    assert {(n, frozenset(d.items())) for n, d in g.nodes(data=True)} == {
        (n.id, frozenset({
            "name": n.name, "label": n.name, "type": str(n.type), "mention_count": n.mention_count,
            "article_count": n.article_count, "start": spans[n.id][0], "end": spans[n.id][1],
            "bloc": bloc[n.id],
        }.items()))
        for n in rows.nodes
    }  # fmt: skip
    assert g.number_of_edges() == len(rows.edges) == 10
    assert {(frozenset({u, v}), k, frozenset(d.items())) for u, v, k, d in g.edges(keys=True, data=True)} == {
        (frozenset({e.source, e.target}), f"r{e.id}", frozenset({
            "id": f"r{e.id}", "label": str(e.type), "relation": str(e.type), "weight": e.confidence,
            "relation_id": e.id, "directed": e.type.directed, "source": e.source, "target": e.target,
            "evidence_count": e.evidence_count, "article_count": e.article_count, "confidence": e.confidence,
            "first_seen": e.first_seen.isoformat(), "last_seen": e.last_seen.isoformat(),  # type: ignore[union-attr]
            "start": e.first_seen.isoformat(), "end": e.last_seen.isoformat(),  # type: ignore[union-attr]
            "bloc_pair": bloc_pair(bloc, e.source, e.target),
            "confirmed": False,
        }.items()))
        for e in rows.edges
    }  # fmt: skip


def test_gexf_is_dynamic_with_date_intervals_on_edges(gexf: Path) -> None:
    graph = ET.parse(gexf).getroot().find("g:graph", NS)
    assert graph is not None
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")
    edges = graph.findall("g:edges/g:edge", NS)
    meets = next(e for e in edges if e.get("label") == "MEETS")
    # The evidence's own date (1 March), not the article's publication date (5 March).
    assert (meets.get("start"), meets.get("end")) == ("2024-03-01", "2024-03-01")
    assert all(e.get("start") and e.get("end") for e in edges)
    # GEXF's edge "type" is its direction: the tie type must not be written there.
    assert all(e.get("type") is None for e in edges)
    assert len({e.get("id") for e in edges}) == len(edges)


def test_a_tie_spanning_two_articles_spans_both_dates(fresh_store: Store, tmp_path: Path) -> None:
    for day, doc in ((date(2024, 1, 2), "a"), (date(2024, 5, 6), "b")):
        fresh_store.add(
            Doc(f"Kast y Abascal son aliados ({doc}).", doc, published=day)
            .entity("Kast").entity("Abascal").relation("Kast", RelationType.ALLY, "Abascal").build()
        )  # fmt: skip
    export(fresh_store, "gexf", tmp_path / "two.gexf")
    (_, _, data), = nx.read_gexf(tmp_path / "two.gexf").edges(data=True)  # fmt: skip
    assert (data["start"], data["end"]) == ("2024-01-02", "2024-05-06")
