"""``entramado suggest-merges``: likely duplicate actors, and the answer to each (parsing, rendering)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from entramado.cli.app import app, errors, fail, open_store, out, print_json
from entramado.cli.options import DbOption, JsonOption
from entramado.cli.render import as_dict, typed
from entramado.errors import EntramadoError
from entramado.models import EntityType

if TYPE_CHECKING:  # analysis code loads only when the command runs
    from entramado.analyse.duplicates import Suggestion
    from entramado.store import Store

# A line of a --from file: "accept 3" or "decline 7" (a number of the listing), "#" starts a comment.
_LINE = re.compile(r"^\s*(accept|decline)\s+(\d+)\s*$", re.IGNORECASE)


@app.command("suggest-merges")
def suggest_merges(
    db: DbOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="At most this many suggestions.")] = 20,
    type: Annotated[EntityType | None, typer.Option("--type", "-t", help="Only actors of this type.")] = None,
    accept: Annotated[
        list[int] | None, typer.Option("--accept", help="Merge suggestion K of the listing (repeatable).")
    ] = None,
    decline: Annotated[
        list[int] | None,
        typer.Option(
            "--decline", help="Record suggestion K as two actors (not-same): never suggested again."
        ),
    ] = None,
    from_: Annotated[
        Path | None, typer.Option("--from", help="Answers from a file: lines 'accept K' or 'decline K'.")
    ] = None,
    interactive: Annotated[
        bool, typer.Option("--interactive", "-i", help="Ask about each suggestion in turn.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """List likely duplicate actors, best first, with the evidence for each; accept or decline them."""
    from entramado.analyse.duplicates import suggest_merges as find

    answers = [("accept", k) for k in accept or []] + [("decline", k) for k in decline or []]
    if from_ is not None:
        answers += _read_answers(from_)
    with errors(), open_store(db) as store:
        found = find(store, limit=limit, type=type)
        if as_json and not (answers or interactive):
            print_json([{"k": k, **as_dict(s)} for k, s in enumerate(found, 1)])
            return
        if not (answers or interactive):
            _listing(found)
            return
        if interactive:
            answers += _ask(found)
        for verb, k in answers:
            if not 1 <= k <= len(found):
                out.print(f"[red]{verb} {k}[/]: there is no suggestion {k} (the listing has {len(found)})")
                continue
            _answer(store, verb, found[k - 1], k)


def _read_answers(path: Path) -> list[tuple[str, int]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise fail(f"cannot read answers from {path}: {exc}") from None
    answers = []
    for n, line in enumerate(lines, 1):
        text = line.split("#", 1)[0]
        if not text.strip():
            continue
        match = _LINE.match(text)
        if match is None:
            raise fail(f"{path}:{n}: '{line.strip()}' is not 'accept K' or 'decline K'")
        answers.append((match.group(1).lower(), int(match.group(2))))
    return answers


def _ask(found: list[Suggestion]) -> list[tuple[str, int]]:
    answers = []
    for k, s in enumerate(found, 1):
        _listing([s], first=k)
        reply = typer.prompt("[a]ccept (merge), [d]ecline (not the same), [s]kip, [q]uit", default="s")
        choice = reply.strip().lower()[:1]
        if choice == "q":
            break
        if choice in ("a", "d"):
            answers.append(("accept" if choice == "a" else "decline", k))
    return answers


def _answer(store: Store, verb: str, s: Suggestion, k: int) -> None:
    note = f"suggested merge {k}: {'; '.join(s.why)}"
    try:
        if verb == "accept":
            merged = store.merge(s.keep, s.other, type=s.type, note=note)
            out.print(f"{k}: merged '{escape(s.other)}' into {typed(merged.name, merged.type)}")
        else:
            store.not_same(s.keep, s.other, type=s.type, note=note)
            out.print(f"{k}: recorded that {typed(s.keep, s.type)} and '{escape(s.other)}' are two actors")
    except EntramadoError as exc:  # e.g. an actor an earlier answer merged away: the others still apply
        out.print(f"[red]{k}[/]: {escape(str(exc))}")


def _listing(found: list[Suggestion], first: int = 1) -> None:
    if not found:
        out.print("no likely duplicates (declined pairs are not suggested again)")
        return
    for k, s in enumerate(found, first):
        out.print(
            f"[bold]{k:>3}[/] {typed(s.keep, s.type)} ← {escape(s.other)}  [dim]{s.type}, "
            f"ids {s.keep_id} ← {s.other_id}, score {s.score:.2f}[/]"
        )
        out.print(f"      {escape('; '.join(s.why))}")
        if s.neighbour_names:
            out.print(f"      [dim]neighbours both have:[/] {escape(', '.join(s.neighbour_names))}")
        if s.article_titles:
            titles = "; ".join(f"“{t[:70]}”" for t in s.article_titles[:2])
            out.print(f"      [dim]articles naming both:[/] {escape(titles)}")
