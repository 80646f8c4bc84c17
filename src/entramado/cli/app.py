"""The typer app and what every command shares: consoles, error handling, the store, progress, JSON.

Command modules (``ingest``, ``browse``, ``decide``, ``analysis``, ``export``, ``web``) import ``app``
from here and register on it; this module imports none of them, so the CLI has no import circle.
"""

from __future__ import annotations

import json
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from rich.console import Console

from entramado import __version__
from entramado.defaults import database_url
from entramado.errors import EntramadoError

if TYPE_CHECKING:  # imported where used: a command loads only what it needs (instant start-up)
    from entramado.jobs.ingest import ProgressHook
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

T = TypeVar("T")

# The exit status of a run stopped by Ctrl-C, as shells report a process ended by SIGINT (128 + 2).
INTERRUPTED = 130


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print ``message`` as an error on stderr; the exit to raise."""
    err.print(f"[bold red]error:[/] {message}", soft_wrap=True)
    return typer.Exit(code)


@contextmanager
def errors() -> Iterator[None]:
    """Turn library errors into one line on stderr and a non-zero exit status, never a traceback."""
    try:
        yield
    except EntramadoError as exc:
        raise fail(str(exc)) from None


def open_store(db: str | None, create: bool = False) -> Store:
    """The store ``--db`` names (or the default one); one that does not exist is refused unless
    ``create`` (only ``ingest`` creates a database, and says so)."""
    from entramado.store import Store
    from entramado.store.connect import exists

    url = database_url(db)
    new = create and not exists(url)
    store = Store.open(url, create_missing=create)
    if new:
        err.print(f"[bold]created[/] a new database: {store.url}", soft_wrap=True)
    return store


def with_store(db: str | None, fn: Callable[[Store], T], create: bool = False) -> T:
    """``fn`` applied to the opened store, with library errors turned into one line."""
    with errors(), open_store(db, create) as store:
        return fn(store)


@contextmanager
def progress_bar(verb: str, total: int | None, quiet: bool) -> Iterator[ProgressHook]:
    """A progress bar on stderr for a long job, and the hook that advances it and prints failures."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    # With a total (files, JSONL lines: cheap to count), the bar shows how far and the time left.
    left = [TextColumn("left"), TimeRemainingColumn()] if total is not None else []
    progress = Progress(
        SpinnerColumn(),
        TextColumn(f"[bold]{verb}[/]"),
        BarColumn(bar_width=None),
        MofNCompleteColumn(),
        TextColumn("{task.fields[last]}", style="dim"),
        TimeElapsedColumn(),
        *left,
        console=err,
        transient=True,
        disable=quiet,
    )
    with progress:
        task = progress.add_task(verb, total=total, last="")

        def hook(outcome: str, label: str) -> None:
            progress.update(task, advance=1, last=label[:60])
            # With --quiet only the closing summary speaks, and it lists every failure once.
            if outcome == "failed" and not quiet:
                progress.console.print(f"[red]failed[/] {label}", soft_wrap=True)

        yield hook


def print_json(data: Any) -> None:
    """``data`` as JSON on stdout (dates and other values as strings)."""
    out.print_json(json.dumps(data, default=str, ensure_ascii=False))


@contextmanager
def stop_on_ctrl_c() -> Iterator[threading.Event]:
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


def version_callback(value: bool) -> None:
    """``--version``: print the version and stop."""
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
