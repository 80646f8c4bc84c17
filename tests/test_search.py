"""Full-text search (store/reads/search.py, `entramado search`): accents and case aside, on both dialects."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from typer.testing import CliRunner

from builders import Doc
from entramado.cli import app
from entramado.models import RelationType
from entramado.store import Store
from entramado.store.reads.search import Snippet, fts5_query, marked


def fold(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s.lower()) if not unicodedata.combining(c))


def words(snippet: Snippet) -> set[str]:
    return {fold(snippet.text[a:b]) for a, b in snippet.marks}


@pytest.fixture
def store(fresh_store: Store) -> Store:
    fresh_store.add(
        Doc(
            "José Antonio Kast ganó la elección presidencial en Chile. Kast y Abascal son aliados.",
            "kast", title="Kast arrasa en Chile", outlet="La Gaceta",
        )
        .entity("José Antonio Kast", aliases=("Kast",)).entity("Abascal").entity("Chile")
        .relation("José Antonio Kast", RelationType.ALLY, "Abascal", 0.8, "Kast y Abascal son aliados.")
        .build()
    )  # fmt: skip
    fresh_store.add(Doc("La ELECCION municipal de Madrid fue tranquila.", "madrid").entity("Madrid").build())
    fresh_store.add(
        Doc("Boric se reunió con Lula en Brasilia.", "brasilia")
        .entity("Boric").entity("Lula")
        .relation("Boric", RelationType.MEETS, "Lula", 0.7)
        .build()
    )  # fmt: skip
    return fresh_store


def test_accents_and_case_do_not_matter(store: Store) -> None:
    for query in ("eleccion", "ELECCIÓN", "Elección"):
        result = store.search_text(query)
        assert {h.doc_id for h in result.hits} == {"kast", "madrid"} and result.total == 2, query
        for h in result.hits:
            assert words(h.snippet) == {"eleccion"}  # the marks sit on the matched word


def test_every_word_must_occur_and_titles_count(store: Store) -> None:
    assert [h.doc_id for h in store.search_text("elección presidencial").hits] == ["kast"]
    assert [h.doc_id for h in store.search_text("arrasa").hits] == ["kast"]  # only in the title
    assert store.search_text("elección Brasilia").total == 0


def test_a_hit_names_its_article_actors_and_matching_evidence(store: Store) -> None:
    (hit,) = store.search_text("aliados").hits
    assert hit.outlet == "La Gaceta" and hit.title == "Kast arrasa en Chile"
    assert hit.actors[0].name == "José Antonio Kast"  # named three times
    assert {a.name for a in hit.actors} == {"José Antonio Kast", "Abascal", "Chile"} and hit.actor_count == 3
    (ev,) = hit.evidence
    assert (ev.source, ev.type, ev.target) == ("José Antonio Kast", "ALLY", "Abascal")
    assert ev.relation_id is not None and words(ev.sentence) == {"aliados"}
    # A word outside any evidence sentence finds the article, with no evidence listed.
    (hit,) = store.search_text("presidencial").hits
    assert hit.evidence == []


def test_pages_and_new_articles(store: Store) -> None:
    first = store.search_text("eleccion", limit=1)
    second = store.search_text("eleccion", limit=1, offset=1)
    assert first.total == second.total == 2
    assert {first.hits[0].doc_id, second.hits[0].doc_id} == {"kast", "madrid"}
    store.add(Doc("Otra elección, en Bolivia.", "bolivia").entity("Bolivia").build())
    assert store.search_text("eleccion").total == 3  # the index follows what is stored


@pytest.mark.parametrize(
    "query", ['Kast OR "', "NEAR(kast", "*", "kast AND -", "'; DROP TABLE articles; --", "{}"]
)
def test_hostile_queries_are_only_words(store: Store, query: str) -> None:
    result = store.search_text(query)  # no syntax error from the database
    assert result.total == len(result.hits) <= 3
    assert store.stats().articles == 3


def test_the_fts5_query_quotes_every_term() -> None:
    assert fts5_query('Kast "segunda vuelta" elec*') == '"Kast" "segunda vuelta" "elec"*'
    assert fts5_query('a"b OR') == '"a" "b" "OR"'
    assert fts5_query("  ") == ""
    assert marked("la \u27e6elección\u27e7 fue") == Snippet("la elección fue", [(3, 11)])


def test_the_search_command(tmp_path: Path) -> None:
    path = str(tmp_path / "s.db")
    with Store.open(path) as s:
        s.add(Doc("Boric se reunió con Lula en Brasilia.", "brasilia").entity("Boric").entity("Lula").build())
    result = CliRunner().invoke(app, ["search", "REUNIO", "--db", path])
    assert result.exit_code == 0
    assert "1 articles match 'REUNIO'" in result.stdout and "Boric" in result.stdout
    result = CliRunner().invoke(app, ["search", "reunió", "--db", path, "--json"])
    hits = json.loads(result.stdout)["hits"]
    assert [h["doc_id"] for h in hits] == ["brasilia"] and hits[0]["snippet"]["marks"]
    result = CliRunner().invoke(app, ["search", "nada", "--db", path])
    assert "no article matches 'nada'" in result.stdout
