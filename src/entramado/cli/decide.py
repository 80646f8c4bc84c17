"""CLI commands that record the user's judgements: merge, split, not-same, decisions (parsing only).

The judgements on ties and actors (reject, confirm, rename, block…) are in :mod:`entramado.cli.judge`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from entramado.cli import render, render_judge
from entramado.cli.app import app, fail, out, print_json, with_store
from entramado.cli.options import ActorTypeOption, ByOption, DbOption, JsonOption, NoteOption


@app.command()
def merge(
    keep: Annotated[str, typer.Argument(help="The actor to keep (a name or alias).")],
    other: Annotated[str, typer.Argument(help="The actor that is the same one, merged into KEEP.")],
    db: DbOption = None,
    type: ActorTypeOption = None,
    note: NoteOption = None,
    by: ByOption = None,
) -> None:
    """Record that OTHER is the actor KEEP, for this and every later ingest, and rebuild the graph."""
    merged = with_store(db, lambda s: s.merge(keep, other, type=type, note=note, by=by))
    render.merged(out, other, merged)


@app.command()
def split(
    actor: Annotated[str, typer.Argument(help="The actor (a name or alias).")],
    alias: Annotated[str, typer.Argument(help="One of its other names, which is not this actor.")],
    db: DbOption = None,
    type: ActorTypeOption = None,
    note: NoteOption = None,
    by: ByOption = None,
) -> None:
    """Record that ALIAS is not ACTOR: articles naming ALIAS no longer resolve to it; rebuild the graph."""
    kept, other = with_store(db, lambda s: s.split(actor, alias, type=type, note=note, by=by))
    render.split(out, alias, kept, other)


@app.command("not-same")
def not_same(
    a: Annotated[str, typer.Argument(help="One actor (a name or alias).")],
    b: Annotated[str, typer.Argument(help="Another actor, which no rule may ever merge with A.")],
    db: DbOption = None,
    type: ActorTypeOption = None,
    note: NoteOption = None,
    by: ByOption = None,
) -> None:
    """Record that A and B are different actors, so that no resolution rule ever merges them."""
    decision = with_store(db, lambda s: s.not_same(a, b, type=type, note=note, by=by))
    render.not_same(out, decision)


@app.command()
def decisions(
    db: DbOption = None,
    import_: Annotated[
        Path | None,
        typer.Option("--import", help="Add the decisions of a file written by `decisions --json`."),
    ] = None,
    as_json: JsonOption = False,
    export_annotations: Annotated[
        Path | None,
        typer.Option(
            "--export-annotations",
            help="Write the judged articles as an annotation file (JSONL) for `entramado train`.",
        ),
    ] = None,
) -> None:
    """List the recorded decisions of every kind, with who made them and when (or import exported
    ones, or write the judged articles as training annotations)."""
    if export_annotations is not None:
        lines, left_out = with_store(db, lambda s: s.export_annotations())
        try:
            with export_annotations.open("w", encoding="utf-8") as fh:
                for line in lines:
                    fh.write(json.dumps(line.to_gold(), ensure_ascii=False) + "\n")
        except OSError as exc:
            raise fail(f"cannot write {export_annotations}: {exc.strerror or exc}") from None
        ties = sum(len(line.relations) for line in lines)
        out.print(f"wrote {len(lines)} judged articles ({ties} ties) to {export_annotations}")
        if left_out:
            out.print(
                f"{left_out} ties left out: none of their sentences names both ends, as the annotation "
                "format requires (a pronoun or an omitted subject stands for one)"
            )
        return
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
        render_judge.decisions(out, rows)
