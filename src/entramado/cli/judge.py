"""CLI commands that judge ties and actors: reject, confirm, add-tie, retype-tie, rename, retype, block,
unblock, undo (parsing only; the store records and applies them, cli/render_judge.py prints them)."""

from __future__ import annotations

from typing import Annotated

import typer

from entramado.cli import render_judge
from entramado.cli.app import app, out, with_store
from entramado.cli.options import ActorTypeOption, ByOption, DbOption, NoteOption
from entramado.models import EntityType, RelationType

ActorA = Annotated[str, typer.Argument(help="One end of the tie (a name or alias).")]
ActorB = Annotated[str, typer.Argument(help="The other end (for directed types, the target).")]
TieType = Annotated[RelationType, typer.Argument(help="The tie's type.", case_sensitive=False)]
ActorName = Annotated[str, typer.Argument(help="The actor (a name or alias).")]


@app.command()
def reject(
    a: ActorA,
    type: TieType,
    b: ActorB,
    evidence: Annotated[
        int | None,
        typer.Option(
            "--evidence",
            help="Only this evidence sentence does not support the tie (its number #N, as `show` prints it).",
        ),
    ] = None,
    db: DbOption = None,
    note: NoteOption = None,
    by: ByOption = None,
) -> None:
    """Record that the tie A TYPE B is wrong (it goes everywhere, now and after later ingests), or with
    --evidence that one sentence does not support it (the tie stays on its other evidence)."""
    decision, after = with_store(db, lambda s: s.reject(a, type, b, evidence=evidence, note=note, by=by))
    render_judge.rejected(out, decision, after)


@app.command()
def confirm(
    a: ActorA, type: TieType, b: ActorB, db: DbOption = None, note: NoteOption = None, by: ByOption = None
) -> None:
    """Record that a person checked the tie A TYPE B: every output and export marks it confirmed."""
    tie = with_store(db, lambda s: s.confirm(a, type, b, note=note, by=by))
    render_judge.tie_line(out, "confirmed", tie)


@app.command("add-tie")
def add_tie(
    a: ActorA,
    type: TieType,
    b: ActorB,
    article: Annotated[str, typer.Option("--article", help="The stored article's id (its doc id).")],
    sentence: Annotated[
        str, typer.Option("--sentence", help="The evidence: a sentence copied from the article's text.")
    ],
    db: DbOption = None,
    note: NoteOption = None,
    by: ByOption = None,
) -> None:
    """Record a tie the extractor missed, with its evidence sentence located in the stored article."""
    tie = with_store(db, lambda s: s.add_tie(a, type, b, article, sentence, note=note, by=by))
    render_judge.tie_line(out, "added", tie)


@app.command("retype-tie")
def retype_tie(
    a: ActorA,
    old: Annotated[RelationType, typer.Argument(help="The tie's type now.", case_sensitive=False)],
    new: Annotated[RelationType, typer.Argument(help="The type it should have.", case_sensitive=False)],
    b: ActorB,
    db: DbOption = None,
    note: NoteOption = None,
    by: ByOption = None,
) -> None:
    """Record that the tie A OLD B is of type NEW: the same evidence, another type."""
    tie = with_store(db, lambda s: s.retype_tie(a, old, new, b, note=note, by=by))
    render_judge.tie_line(out, "retyped", tie)


@app.command()
def rename(
    name: ActorName,
    new: Annotated[str, typer.Argument(help="The name to show it under (the old one stays an alias).")],
    db: DbOption = None,
    type: ActorTypeOption = None,
    note: NoteOption = None,
    by: ByOption = None,
) -> None:
    """Record the name an actor is shown under; its old name stays one of its names."""
    actor = with_store(db, lambda s: s.rename(name, new, type=type, note=note, by=by))
    render_judge.actor_line(out, "renamed", actor)


@app.command()
def retype(
    name: ActorName,
    new: Annotated[EntityType, typer.Argument(help="Its type.", case_sensitive=False)],
    db: DbOption = None,
    type: ActorTypeOption = None,
    note: NoteOption = None,
    by: ByOption = None,
) -> None:
    """Record an actor's type (PERSON, ORGANIZATION, PLACE, EVENT), for its articles and later ones."""
    actor = with_store(db, lambda s: s.retype(name, new, type=type, note=note, by=by))
    render_judge.actor_line(out, "retyped", actor)


@app.command()
def block(
    name: Annotated[str, typer.Argument(help='A name that is never an actor ("Estado", "Noticia").')],
    db: DbOption = None,
    type: ActorTypeOption = None,
    note: NoteOption = None,
    by: ByOption = None,
) -> None:
    """Record that NAME is never an actor: its mentions and ties go, now and in later ingests."""
    decision, unlinked = with_store(db, lambda s: s.block(name, type=type, note=note, by=by))
    render_judge.blocked(out, decision, unlinked)


@app.command()
def unblock(
    name: Annotated[str, typer.Argument(help="A blocked name.")],
    db: DbOption = None,
    note: NoteOption = None,
    by: ByOption = None,
) -> None:
    """Record that a blocked NAME may be an actor again, and rebuild the graph."""
    decision = with_store(db, lambda s: s.unblock(name, note=note, by=by))
    out.print(f"unblocked '{decision.a_name}': articles naming it make an actor again")


@app.command()
def undo(
    number: Annotated[int, typer.Argument(help="The decision's number, as `entramado decisions` lists it.")],
    db: DbOption = None,
) -> None:
    """Delete one decision (of any kind) and its effect, and rebuild the graph without it."""
    decision = with_store(db, lambda s: s.undo(number))
    out.print(f"undid decision #{number}: {render_judge.describe(decision)}", soft_wrap=True)
