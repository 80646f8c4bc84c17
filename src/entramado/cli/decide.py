"""CLI commands that record the user's judgements: merge, split, not-same, decisions (parsing only)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from entramado.cli import render
from entramado.cli.app import app, fail, out, print_json, with_store
from entramado.cli.options import ActorTypeOption, DbOption, JsonOption, NoteOption


@app.command()
def merge(
    keep: Annotated[str, typer.Argument(help="The actor to keep (a name or alias).")],
    other: Annotated[str, typer.Argument(help="The actor that is the same one, merged into KEEP.")],
    db: DbOption = None,
    type: ActorTypeOption = None,
    note: NoteOption = None,
) -> None:
    """Record that OTHER is the actor KEEP, for this and every later ingest, and rebuild the graph."""
    merged = with_store(db, lambda s: s.merge(keep, other, type=type, note=note))
    render.merged(out, other, merged)


@app.command()
def split(
    actor: Annotated[str, typer.Argument(help="The actor (a name or alias).")],
    alias: Annotated[str, typer.Argument(help="One of its other names, which is not this actor.")],
    db: DbOption = None,
    type: ActorTypeOption = None,
    note: NoteOption = None,
) -> None:
    """Record that ALIAS is not ACTOR: articles naming ALIAS no longer resolve to it; rebuild the graph."""
    kept, other = with_store(db, lambda s: s.split(actor, alias, type=type, note=note))
    render.split(out, alias, kept, other)


@app.command("not-same")
def not_same(
    a: Annotated[str, typer.Argument(help="One actor (a name or alias).")],
    b: Annotated[str, typer.Argument(help="Another actor, which no rule may ever merge with A.")],
    db: DbOption = None,
    type: ActorTypeOption = None,
    note: NoteOption = None,
) -> None:
    """Record that A and B are different actors, so that no resolution rule ever merges them."""
    decision = with_store(db, lambda s: s.not_same(a, b, type=type, note=note))
    render.not_same(out, decision)


@app.command()
def decisions(
    db: DbOption = None,
    import_: Annotated[
        Path | None,
        typer.Option("--import", help="Add the decisions of a file written by `decisions --json`."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """List the recorded merge, split and not-same decisions (or import exported ones)."""
    if import_ is not None:
        try:
            items = json.loads(import_.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise fail(f"cannot read decisions from {import_}: {exc}") from None
        if not isinstance(items, list):
            raise fail(f"{import_} is not a list of decisions (write one with `entramado decisions --json`)")
        # decisions may seed a new database before its first ingest: the one other creator
        added = with_store(db, lambda s: s.import_decisions(items), create=True)
        out.print(f"imported {added} decisions ({len(items) - added} were already recorded)")
        return
    rows = with_store(db, lambda s: s.decisions())
    if as_json:
        print_json([render.as_dict(r) for r in rows])
    else:
        render.decisions(out, rows)
