"""Stable actor ids: kept through rebuilds and judgements; a merged-away id leads to its actor now."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from builders import jak_and_abascal, jose_kast_meets, rule_corpus
from entramado.cli import app
from entramado.errors import EntramadoError
from entramado.store import Store
from entramado.web.app import create_app


def ids(store: Store) -> dict[str, int]:
    """Each actor's id by name."""
    return {e.name: e.id for e in store.entities(limit=None)}


def test_ids_survive_rebuilds_and_the_kept_actor_keeps_its_id(fresh_store: Store) -> None:
    fresh_store.add(jose_kast_meets("Giorgia Meloni", "m1"))  # the merged-away name is stored first
    fresh_store.add(jak_and_abascal())
    before = ids(fresh_store)
    fresh_store.rebuild()
    assert ids(fresh_store) == before

    merged = fresh_store.merge("José Antonio Kast", "José Kast")
    assert merged.id == before["José Antonio Kast"]
    gone = before.pop("José Kast")
    assert ids(fresh_store) == before  # every other actor kept its id too
    assert fresh_store.current_id(gone) == merged.id
    assert fresh_store.actor_by_id(gone).entity.name == "José Antonio Kast"
    fresh_store.rebuild()
    assert ids(fresh_store) == before and fresh_store.current_id(gone) == merged.id
    with pytest.raises(EntramadoError, match="no actor has the id 99999"):
        fresh_store.actor_by_id(99999)


def test_after_a_split_both_actors_keep_their_ids_through_rebuilds(fresh_store: Store) -> None:
    for ex in rule_corpus():
        fresh_store.add(ex)
    before = ids(fresh_store)
    kept, other = fresh_store.split("José Antonio Kast", "Kast")
    assert other is not None and other.id != kept.id
    # The id goes with the name the actor was first stored under: the article that said only
    # "Kast" came first, so the actor named by it keeps the id, and the other one gets a new id.
    assert other.id == before["José Antonio Kast"] and kept.id not in before.values()
    after = ids(fresh_store)
    fresh_store.rebuild()
    assert ids(fresh_store) == after
    # Undone by a merge, the actor gets its first id back, and the split's new id leads to it.
    fresh_store.merge("José Antonio Kast", "Kast")
    assert fresh_store.find_actor("José Antonio Kast").id == before["José Antonio Kast"]
    assert fresh_store.current_id(kept.id) == before["José Antonio Kast"]


def test_the_api_redirects_a_merged_away_id(fresh_store: Store) -> None:
    fresh_store.add(jak_and_abascal())
    fresh_store.add(jose_kast_meets("Giorgia Meloni", "m1"))
    gone = fresh_store.find_actor("José Kast").id
    kept = fresh_store.merge("José Antonio Kast", "José Kast").id
    app_ = create_app(store=fresh_store)

    async def get(url: str) -> httpx.Response:
        transport = httpx.ASGITransport(app=app_)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
            return await client.get(url)

    for url, moved in [
        (f"/api/actors/{gone}", f"/api/actors/{kept}"),
        (f"/api/actors/{gone}/ties?limit=5", f"/api/actors/{kept}/ties?limit=5"),
        (f"/api/graph?actor={gone}&hops=2", f"/api/graph?actor={kept}&hops=2"),
        (f"/api/path?source={kept}&target={gone}", None),  # one actor now: a redirect to itself
    ]:
        r = asyncio.run(get(url))
        assert r.status_code == 308, (url, r.status_code)
        if moved is not None:
            assert r.headers["location"] == moved
    r = asyncio.run(get(f"/api/actors/{kept}"))
    assert r.status_code == 200 and r.json()["name"] == "José Antonio Kast"
    assert asyncio.run(get("/api/actors/99999")).status_code == 404


def test_show_takes_an_id_and_says_where_a_merged_one_went(tmp_path: Path) -> None:
    db = str(tmp_path / "ids.db")
    with Store.open(db) as store:
        store.add(jak_and_abascal())
        store.add(jose_kast_meets("Giorgia Meloni", "m1"))
        gone = store.find_actor("José Kast").id
        kept = store.merge("José Antonio Kast", "José Kast").id
    runner = CliRunner()
    shown = runner.invoke(app, ["show", "--id", str(gone), "--db", db])
    assert shown.exit_code == 0, shown.output
    assert f"id {gone} was merged into José Antonio Kast (id {kept})" in shown.output
    assert "Santiago Abascal" in shown.output
    both = runner.invoke(app, ["show", "Kast", "--id", str(kept), "--db", db])
    assert both.exit_code != 0 and "not both" in both.output
