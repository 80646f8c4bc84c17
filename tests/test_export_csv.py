"""Plain CSV export: actors, ties, and every evidence sentence exactly where it is in its article."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from builders import Doc
from entramado.export import export
from entramado.models import RelationType
from entramado.store import Store
from entramado.store.reads.graph import GraphFilter
from entramado.store.schema import Article
from export_corpus import fill


@pytest.fixture
def store(fresh_store: Store) -> Store:
    return fill(fresh_store)


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_evidence_sentences_are_the_article_text_at_their_offsets(store: Store, tmp_path: Path) -> None:
    export(store, "csv", tmp_path / "out")
    evidence = read(tmp_path / "out" / "evidence.csv")
    with store.session() as session:
        texts = dict(session.execute(select(Article.doc_id, Article.text)).tuples().all())
    rows = store.graph_rows(GraphFilter())
    assert len(evidence) == sum(e.evidence_count for e in rows.edges) == 10
    for row in evidence:
        assert texts[row["doc_id"]][int(row["start"]) : int(row["end"])] == row["sentence"]
    opposes = next(r for r in evidence if r["type"] == "OPPOSES")
    assert opposes | {"sentence": ""} == {
        "relation_id": str(next(e.id for e in rows.edges if e.type == "OPPOSES")),
        "source": "José Antonio Kast", "type": "OPPOSES", "target": "Gobierno de Chile", "sentence": "",
        "start": "94", "end": "145", "cue": "criticó", "attributed_to": "la prensa", "date": "2024-01-10",
        "doc_id": "enero", "title": "Kast y Abascal", "url": "https://eldiario.example/enero",
        "outlet": "El Diario",
    }  # fmt: skip


def test_nodes_and_edges_match_the_graph(store: Store, tmp_path: Path) -> None:
    result = export(store, "csv", tmp_path / "out")
    assert [p.name for p in result.files] == [
        "nodes.csv", "edges.csv", "evidence.csv", "blocs.csv", "bloc_oppositions.csv",
    ]  # fmt: skip
    rows = store.graph_rows(GraphFilter())
    nodes = read(tmp_path / "out" / "nodes.csv")
    assert {(r["id"], r["name"], r["type"], r["mentions"], r["articles"]) for r in nodes} == {
        (str(n.id), n.name, str(n.type), str(n.mention_count), str(n.article_count)) for n in rows.nodes
    }
    assert next(r for r in nodes if r["name"] == "José Antonio Kast")["aliases"] == "Kast"
    edges = read(tmp_path / "out" / "edges.csv")
    assert {(r["id"], r["source_id"], r["type"], r["target_id"], r["directed"], float(r["confidence"]),
             r["first_seen"], r["last_seen"]) for r in edges} == {
        (str(e.id), str(e.source), str(e.type), str(e.target), str(e.type.directed).lower(), e.confidence,
         str(e.first_seen), str(e.last_seen))
        for e in rows.edges
    }  # fmt: skip


def test_a_window_exports_only_the_evidence_inside_it(store: Store, tmp_path: Path) -> None:
    export(
        store, "csv", tmp_path / "out", GraphFilter(since=date(2024, 3, 2), outlets=frozenset({"La Gaceta"}))
    )
    evidence = read(tmp_path / "out" / "evidence.csv")
    # MEETS is dated 1 March by its own sentence: outside the window, like January's ties.
    assert sorted(r["type"] for r in evidence) == [
        "CANDIDATE_IN", "MEMBER_OF", "MEMBER_OF", "MEMBER_OF", "PARTICIPATES_IN", "POSITION",
    ]  # fmt: skip
    assert {r["relation_id"] for r in evidence} == {r["id"] for r in read(tmp_path / "out" / "edges.csv")}


def test_evidence_of_many_ties_is_read_in_chunks(fresh_store: Store, tmp_path: Path) -> None:
    # More ties than SQLite's bound-parameter chunk (500) in one query.
    names = [f"Persona{i:03d}" for i in range(601)]
    doc = Doc(" ".join(f"{names[0]} apoya a {n}." for n in names[1:]), "muchos", published=date(2024, 2, 1))
    doc.entity(names[0])
    for n in names[1:]:
        doc.entity(n).relation(names[0], RelationType.ALLY, n, sentence=f"{names[0]} apoya a {n}.")
    fresh_store.add(doc.build())
    result = export(fresh_store, "csv", tmp_path / "out")
    assert result.edges == 600
    assert len(read(tmp_path / "out" / "evidence.csv")) == 600
