"""CLI commands that read the database: entities, show, relations, stats (parsing and rendering only)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from entramado.cli import render
from entramado.cli.app import app, fail, out, print_json, with_store
from entramado.cli.options import DbOption, JsonOption
from entramado.models import EntityType, RelationType

LimitOption = Annotated[int, typer.Option("--limit", "-n", help="At most this many rows.")]


@app.command()
def entities(
    db: DbOption = None,
    type: Annotated[EntityType | None, typer.Option("--type", "-t", help="Only this entity type.")] = None,
    limit: LimitOption = 50,
    as_json: JsonOption = False,
) -> None:
    """List actors with their mention and article counts."""
    rows = with_store(db, lambda s: s.entities(type=type, limit=limit))
    if as_json:
        print_json([render.as_dict(r) for r in rows])
    else:
        render.entities(out, rows)


@app.command()
def show(
    name: Annotated[
        str | None, typer.Argument(help="An actor's name or alias (accents and case do not matter).")
    ] = None,
    db: DbOption = None,
    id: Annotated[
        int | None,
        typer.Option("--id", help="The actor with this id (as exports and the explorer show it) instead."),
    ] = None,
    evidence: Annotated[int, typer.Option("--evidence", "-e", help="Evidence sentences per tie.")] = 3,
    co_mentions: Annotated[bool, typer.Option("--co-mentions", help="Also list mere co-mentions.")] = False,
    as_json: JsonOption = False,
) -> None:
    """One actor: aliases, and ties by type, each with its evidence sentences and source articles."""
    if (name is None) == (id is None):
        raise fail("give an actor's NAME, or --id with its id (not both)")
    if id is not None:
        detail = with_store(db, lambda s: s.actor_by_id(id, evidence_limit=evidence))
        if detail.entity.id != id and not as_json:
            # ids survive merges: an id merged away answers with the actor it went into
            out.print(f"[dim]id {id} was merged into {escape(detail.entity.name)} (id {detail.entity.id})[/]")
    else:
        detail = with_store(db, lambda s: s.actor(str(name), evidence_limit=evidence))
    if as_json:
        print_json(render.as_dict(detail))
    else:
        render.actor(out, detail, co_mentions=co_mentions)


@app.command()
def relations(
    db: DbOption = None,
    type: Annotated[
        RelationType | None, typer.Option("--type", "-t", help="Only this relation type.")
    ] = None,
    min_confidence: Annotated[float, typer.Option("--min-confidence", help="Hide weaker ties.")] = 0.0,
    co_mentions: Annotated[bool, typer.Option("--co-mentions", help="Include mere co-mentions.")] = False,
    limit: LimitOption = 100,
    as_json: JsonOption = False,
) -> None:
    """List ties (aggregated per pair and type) with counts, dates and confidence."""
    rows = with_store(
        db,
        lambda s: s.relations(
            type=type, min_confidence=min_confidence, include_co_mentions=co_mentions, limit=limit
        ),
    )
    if as_json:
        print_json([render.as_dict(r) for r in rows])
    else:
        render.relations(out, rows)


@app.command()
def stats(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Counts of articles, entities, ties and evidence in the database."""
    result, url = with_store(db, lambda s: (s.stats(), s.url))
    if as_json:
        print_json(render.as_dict(result))
    else:
        render.stats(out, result, url)
