"""Command-line interface: parses options, calls the library, renders with rich. No logic of its own."""

from __future__ import annotations

import json
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from entramado import __version__, render
from entramado.cli_options import DbOption, JsonOption
from entramado.config import Settings, database_url
from entramado.errors import EntramadoError
from entramado.evaluate import DEFAULT_SCORER, evaluate
from entramado.extract import Skipped
from entramado.ingest import ProgressHook
from entramado.ingest import extract as extract_articles
from entramado.ingest import ingest as ingest_articles
from entramado.models import EntityType, ReadFailure, RelationType
from entramado.reindex import reindex as reindex_articles
from entramado.store import Store

app = typer.Typer(
    help="entramado: from news articles to a sourced map of political networks.",
    no_args_is_help=True,
    add_completion=False,
    # a bug's traceback must not print local variables: they hold article text and database URLs
    pretty_exceptions_show_locals=False,
)
out = Console(highlight=False)
err = Console(stderr=True, highlight=False)

ActorsOption = Annotated[
    Path | None,
    typer.Option(
        "--actors",
        envvar="ENTRAMADO_ACTORS",
        help="YAML file of known actors added to the bundled gazetteer.",
    ),
]
T = TypeVar("T")


def _fail(message: str, code: int = 2) -> typer.Exit:
    err.print(f"[bold red]error:[/] {message}", soft_wrap=True)
    return typer.Exit(code)


@contextmanager
def _errors() -> Iterator[None]:
    """Turn library errors into one line on stderr and a non-zero exit status, never a traceback."""
    try:
        yield
    except EntramadoError as exc:
        raise _fail(str(exc)) from None


def _open(db: str | None) -> Store:
    return Store.open(database_url(db))


def _with_store(db: str | None, fn: Callable[[Store], T]) -> T:
    with _errors(), _open(db) as store:
        return fn(store)


@contextmanager
def _progress(verb: str, total: int | None, quiet: bool) -> Iterator[ProgressHook]:
    """A progress bar on stderr for a long job, and the hook that advances it and prints failures."""
    progress = Progress(
        SpinnerColumn(),
        TextColumn(f"[bold]{verb}[/]"),
        BarColumn(bar_width=None),
        MofNCompleteColumn(),
        TextColumn("{task.fields[last]}", style="dim"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=quiet,
    )
    with progress:
        task = progress.add_task(verb, total=total, last="")

        def hook(outcome: str, label: str) -> None:
            progress.update(task, advance=1, last=label[:60])
            if outcome == "failed":
                progress.console.print(f"[red]failed[/] {label}", soft_wrap=True)

        yield hook


def _print_json(data: Any) -> None:
    out.print_json(json.dumps(data, default=str, ensure_ascii=False))


def version_callback(value: bool) -> None:
    if value:
        out.print(f"entramado {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=version_callback, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """entramado: from news articles to a sourced map of political networks."""


@contextmanager
def _stop_on_ctrl_c() -> Iterator[threading.Event]:
    """An event the first Ctrl-C sets, so a job stops once the batch at hand is stored; a second aborts."""
    stop = threading.Event()

    def first(signum: int, frame: object) -> None:
        stop.set()
        signal.signal(signal.SIGINT, signal.default_int_handler)
        err.print("[yellow]stopping[/] once the batch at hand is stored (Ctrl-C again to abort at once)")

    previous = signal.signal(signal.SIGINT, first)
    try:
        yield stop
    finally:
        signal.signal(signal.SIGINT, previous)


# The exit status of a run stopped by Ctrl-C, as shells report a process ended by SIGINT (128 + 2).
INTERRUPTED = 130


@app.command()
def ingest(
    articles: Annotated[
        list[str], typer.Argument(help="Files, folders, JSONL, HTML, feeds, URLs, or - for stdin.")
    ],
    db: DbOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar, only the summary.")] = False,
    actors: ActorsOption = None,
    workers: Annotated[
        int,
        typer.Option(
            "--workers", "-w", min=0, help="Extract on N worker processes (a local Dask cluster); 0: here."
        ),
    ] = 0,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="Extract on the Dask cluster of this scheduler (tcp://host:8786)."),
    ] = None,
) -> None:
    """Read articles, extract actors and ties, and store them with their evidence."""
    settings = Settings(actors_file=actors, workers=workers, scheduler=scheduler)
    with _errors(), _open(db) as store:
        with _progress("ingesting", None, quiet) as hook, _stop_on_ctrl_c() as stop:
            summary = ingest_articles(articles, store, settings, progress=hook, stop=stop)
        stats = store.stats()
    render.ingest_summary(err, summary, stats)
    if summary.interrupted:
        raise typer.Exit(INTERRUPTED)
    if not summary.ok:
        raise typer.Exit(1)


@app.command()
def reindex(
    db: DbOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar, only the summary.")] = False,
    actors: ActorsOption = None,
) -> None:
    """Re-run extraction over the stored articles after a model or rule change, keeping your decisions."""
    settings = Settings(actors_file=actors)
    with _errors(), _open(db) as store, _progress("re-extracting", store.stats().articles, quiet) as hook:
        summary = reindex_articles(store, settings, progress=hook)
    render.reindex_summary(err, summary)
    if not summary.ok:
        raise typer.Exit(1)


@app.command()
def extract(
    articles: Annotated[
        list[str], typer.Argument(help="Files, folders, JSONL, HTML, feeds, URLs, or - for stdin.")
    ],
    format: Annotated[str, typer.Option("--format", "-f", help="jsonl (the gold format) or text.")] = "jsonl",
    actors: ActorsOption = None,
) -> None:
    """Extract actors and ties from articles and print them; nothing is stored."""
    if format not in ("jsonl", "text"):
        raise _fail(f"unknown format '{format}' (use jsonl or text)")
    failed = False
    with _errors():
        for result in extract_articles(articles, Settings(actors_file=actors)):
            if isinstance(result, ReadFailure):
                failed = True
                err.print(f"[red]failed[/] {result}", soft_wrap=True)
            elif isinstance(result, Skipped):
                err.print(f"[yellow]skipped[/] {result}", soft_wrap=True)
            elif format == "jsonl":
                sys.stdout.write(json.dumps(result.to_document(), ensure_ascii=False) + "\n")
            else:
                render.extraction(out, result)
    if failed:
        raise typer.Exit(1)


@app.command()
def entities(
    db: DbOption = None,
    type: Annotated[EntityType | None, typer.Option("--type", "-t", help="Only this entity type.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="At most this many rows.")] = 50,
    as_json: JsonOption = False,
) -> None:
    """List actors with their mention and article counts."""
    rows = _with_store(db, lambda s: s.entities(type=type, limit=limit))
    if as_json:
        _print_json([render.as_dict(r) for r in rows])
    else:
        render.entities(out, rows)


@app.command()
def show(
    name: Annotated[str, typer.Argument(help="An actor's name or alias (accents and case do not matter).")],
    db: DbOption = None,
    evidence: Annotated[int, typer.Option("--evidence", "-e", help="Evidence sentences per tie.")] = 3,
    co_mentions: Annotated[bool, typer.Option("--co-mentions", help="Also list mere co-mentions.")] = False,
    as_json: JsonOption = False,
) -> None:
    """One actor: aliases, and ties by type, each with its evidence sentences and source articles."""
    detail = _with_store(db, lambda s: s.actor(name, evidence_limit=evidence))
    if as_json:
        _print_json(render.as_dict(detail))
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
    limit: Annotated[int, typer.Option("--limit", "-n", help="At most this many rows.")] = 100,
    as_json: JsonOption = False,
) -> None:
    """List ties (aggregated per pair and type) with counts, dates and confidence."""
    rows = _with_store(
        db,
        lambda s: s.relations(
            type=type, min_confidence=min_confidence, include_co_mentions=co_mentions, limit=limit
        ),
    )
    if as_json:
        _print_json([render.as_dict(r) for r in rows])
    else:
        render.relations(out, rows)


@app.command()
def stats(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Counts of articles, entities, ties and evidence in the database."""
    result, url = _with_store(db, lambda s: (s.stats(), s.url))
    if as_json:
        _print_json(render.as_dict(result))
    else:
        render.stats(out, result, url)


TypeOption = Annotated[
    EntityType | None, typer.Option("--type", "-t", help="The actors' type, for a name several actors share.")
]
NoteOption = Annotated[str | None, typer.Option("--note", help="Why, for the record (shown by `decisions`).")]


@app.command()
def merge(
    keep: Annotated[str, typer.Argument(help="The actor to keep (a name or alias).")],
    other: Annotated[str, typer.Argument(help="The actor that is the same one, merged into KEEP.")],
    db: DbOption = None,
    type: TypeOption = None,
    note: NoteOption = None,
) -> None:
    """Record that OTHER is the actor KEEP, for this and every later ingest, and rebuild the graph."""
    merged = _with_store(db, lambda s: s.merge(keep, other, type=type, note=note))
    render.merged(out, other, merged)


@app.command()
def split(
    actor: Annotated[str, typer.Argument(help="The actor (a name or alias).")],
    alias: Annotated[str, typer.Argument(help="One of its other names, which is not this actor.")],
    db: DbOption = None,
    type: TypeOption = None,
    note: NoteOption = None,
) -> None:
    """Record that ALIAS is not ACTOR: articles naming ALIAS no longer resolve to it; rebuild the graph."""
    kept, other = _with_store(db, lambda s: s.split(actor, alias, type=type, note=note))
    render.split(out, alias, kept, other)


@app.command("not-same")
def not_same(
    a: Annotated[str, typer.Argument(help="One actor (a name or alias).")],
    b: Annotated[str, typer.Argument(help="Another actor, which no rule may ever merge with A.")],
    db: DbOption = None,
    type: TypeOption = None,
    note: NoteOption = None,
) -> None:
    """Record that A and B are different actors, so that no resolution rule ever merges them."""
    decision = _with_store(db, lambda s: s.not_same(a, b, type=type, note=note))
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
            raise _fail(f"cannot read decisions from {import_}: {exc}") from None
        if not isinstance(items, list):
            raise _fail(f"{import_} is not a list of decisions (write one with `entramado decisions --json`)")
        added = _with_store(db, lambda s: s.import_decisions(items))
        out.print(f"imported {added} decisions ({len(items) - added} were already recorded)")
        return
    rows = _with_store(db, lambda s: s.decisions())
    if as_json:
        _print_json([render.as_dict(r) for r in rows])
    else:
        render.decisions(out, rows)


@app.command("eval")
def eval_(
    gold: Annotated[Path, typer.Argument(help="Gold annotations (JSONL, see ../shared/gold/GUIDELINES.md).")],
    articles: Annotated[list[str], typer.Argument(help="The articles the gold annotates (files, JSONL…).")],
    scorer: Annotated[Path, typer.Option("--scorer", help="Path to score.py.")] = DEFAULT_SCORER,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="List misses and extras per article.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Extract the articles and print the scorer's table against the gold."""
    with _errors():
        result = evaluate(gold, articles, scorer, verbose, Settings())
    for line in result.failures:
        err.print(f"[red]failed[/] {line}", soft_wrap=True)
    if as_json:
        _print_json(result.scores)
    else:
        sys.stdout.write(result.report)


def run() -> None:  # pragma: no cover - console entry point used by `python -m entramado`
    """Run the CLI."""
    app()


# Command groups in modules of their own register themselves on ``app`` when imported.
from entramado import cli_analysis, cli_export, cli_web  # noqa: E402, F401

if __name__ == "__main__":  # pragma: no cover
    run()
