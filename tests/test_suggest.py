"""Suggested merges on real articles: likely duplicates with their evidence; each answer recorded."""

from __future__ import annotations

import asyncio
import json
import shutil
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from entramado.analyse.duplicates import suggest_merges
from entramado.cli import app
from entramado.models import EntityType
from entramado.store import Store
from entramado.web.app import create_app

ORG, PLACE = EntityType.ORGANIZATION, EntityType.PLACE


@pytest.fixture
def sliced(slice_db: Path, tmp_path: Path) -> str:
    """A copy of the 72-article slice's database (conftest.slice_db), to judge in."""
    db = tmp_path / "slice.db"
    shutil.copy(slice_db, db)
    return str(db)


def pairs(store: Store, **kw: object) -> list[tuple[str, str]]:
    return [(s.keep, s.other) for s in suggest_merges(store, limit=None, **kw)]  # type: ignore[arg-type]


def test_duplicates_of_the_slice_are_suggested_with_their_evidence(sliced: str) -> None:
    with Store.open(sliced) as store:
        found = suggest_merges(store, limit=None)
        by_pair = {frozenset((s.keep, s.other)): s for s in found}
        # ("Universidad de Rutgers" and "Universidad Rutgers" were a pair here until one article's
        # names that differ only in a connector became one entity at extraction)
        # ("BBC Mundo" and "BBC" were a pair until the entity judge dropped wire credits: the
        # guidelines leave out the outlet that publishes the article)
        office = by_pair[frozenset(("Secretaría de Salud de la Ciudad de México", "Salud"))]
        assert office.type == ORG and office.why
        typo = by_pair[frozenset(("Aistema Solar", "Sistema Solar"))]  # a misspelt "Sistema"
        assert typo.type == PLACE and any("alike" in w for w in typo.why)
        salud = by_pair[frozenset(("Sistema de Salud", "Salud"))]
        assert salud.keep == "Sistema de Salud" and "short form" in "; ".join(salud.why)
        assert [s.score for s in found] == sorted((s.score for s in found), reverse=True)
        # One-word names a letter apart are other people: never suggested.
        names = {n for s in found for n in (s.keep, s.other)}
        assert not {"Alejandro", "Alejandra"} <= names
        assert all(s.type == ORG for s in suggest_merges(store, limit=None, type=ORG))


def test_accepted_and_declined_suggestions_never_come_back(sliced: str, tmp_path: Path) -> None:
    runner = CliRunner()
    listed = runner.invoke(app, ["suggest-merges", "--db", sliced, "--json", "--limit", "5"])
    assert listed.exit_code == 0, listed.output
    first, second = json.loads(listed.output)[:2]
    answers = tmp_path / "answers.txt"
    answers.write_text("accept 1  # the best one\n\ndecline 2\n")
    done = runner.invoke(app, ["suggest-merges", "--db", sliced, "--limit", "5", "--from", str(answers)])
    assert done.exit_code == 0, done.output
    assert f"merged '{first['other']}' into {first['keep']}" in done.output
    assert "are two actors" in " ".join(done.output.split())  # however the terminal wraps it
    with Store.open(sliced) as store:
        left = pairs(store)
        assert (first["keep"], first["other"]) not in left and (second["keep"], second["other"]) not in left
        assert first["other"] in store.find_actor(first["keep"]).aliases
        kinds = [(d.kind, d.a_name, d.b_name) for d in store.decisions()]
        # when both suggestions name one short form, the decline is about the actor that took it in
        other = first["keep"] if second["other"] == first["other"] else second["other"]
        assert kinds == [
            ("merge", first["keep"], first["other"]),
            ("not_same", second["keep"], other),
        ]
        assert store.decisions()[0].note and "suggested merge 1" in (store.decisions()[0].note or "")
    bad = tmp_path / "bad.txt"
    bad.write_text("merge 3\n")
    refused = runner.invoke(app, ["suggest-merges", "--db", sliced, "--from", str(bad)])
    assert refused.exit_code != 0 and "is not 'accept K' or 'decline K'" in refused.output
    out_of_range = runner.invoke(app, ["suggest-merges", "--db", sliced, "-n", "2", "--accept", "9"])
    assert "there is no suggestion 9" in out_of_range.output


def test_interactive_answers_and_the_api_listing(sliced: str) -> None:
    with Store.open(sliced) as store:
        top = suggest_merges(store, limit=3)
        client = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=create_app(store=store)), base_url="http://127.0.0.1"
        )
        r = asyncio.run(client.get("/api/suggest-merges", params={"limit": 3}))
        assert r.status_code == 200
        assert [(x["keep"], x["other"], x["why"]) for x in r.json()] == [
            (s.keep, s.other, s.why) for s in top
        ]
    # skip the first, decline the second, quit
    asked = CliRunner().invoke(app, ["suggest-merges", "--db", sliced, "-n", "3", "-i"], input="s\nd\nq\n")
    assert asked.exit_code == 0, asked.output
    with Store.open(sliced) as store:
        assert [(d.kind, d.a_name, d.b_name) for d in store.decisions()] == [
            ("not_same", top[1].keep, top[1].other)
        ]
        assert (top[0].keep, top[0].other) in pairs(store)
