"""CLI commands that read articles: ingest, extract and reindex (parsing and rendering only)."""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import Annotated

import typer

from entramado.cli import render
from entramado.cli.app import (
    INTERRUPTED,
    app,
    err,
    errors,
    fail,
    open_store,
    out,
    progress_bar,
    stop_on_ctrl_c,
)
from entramado.cli.options import (
    ActorsOption,
    DbOption,
    FeedBudgetOption,
    MaxCharsOption,
    MaxInputOption,
    ModelOption,
    QuietOption,
    TieThresholdOption,
)
from entramado.defaults import FEED_BUDGET, MAX_CHARS, MAX_INPUT_BYTES
from entramado.models import ReadFailure

ArticlesArgument = Annotated[
    list[str], typer.Argument(help="Files, folders, JSONL, HTML, feeds, URLs, or - for stdin.")
]


@app.command()
def ingest(
    articles: ArticlesArgument,
    db: DbOption = None,
    quiet: QuietOption = False,
    actors: ActorsOption = None,
    model: ModelOption = None,
    tie_threshold: TieThresholdOption = None,
    workers: Annotated[
        str,
        typer.Option(
            "--workers",
            "-w",
            help="Extract on N worker processes (a local Dask cluster); 0: here; auto: one per core "
            "when the inputs hold more than a few batches.",
        ),
    ] = "auto",
    date: Annotated[
        dt.datetime | None,
        typer.Option(
            "--date",
            formats=["%Y-%m-%d"],
            help="Publication date (YYYY-MM-DD) of inputs that carry none, to date their ties.",
        ),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="Extract on the Dask cluster of this scheduler (tcp://host:8786)."),
    ] = None,
    max_input_bytes: MaxInputOption = MAX_INPUT_BYTES,
    feed_budget: FeedBudgetOption = FEED_BUDGET,
    max_chars: MaxCharsOption = MAX_CHARS,
) -> None:
    """Read articles, extract actors and ties, and store them with their evidence."""
    # The pipeline (spaCy) loads here, not when the CLI starts: reading commands stay instant.
    from entramado.config import Settings
    from entramado.jobs.ingest import ingest as ingest_articles
    from entramado.jobs.plan import plan

    asked = _workers(workers)
    settings = Settings(
        actors_file=actors,
        model=model,
        tie_threshold=tie_threshold,
        scheduler=scheduler,
        default_date=date.date() if date else None,
        max_input_bytes=max_input_bytes,
        feed_budget=feed_budget,
        max_chars=max_chars,
    )
    run = plan(articles, 0 if scheduler else asked, settings.batch_size)
    settings = settings.model_copy(update={"workers": run.workers})
    with errors(), open_store(db, create=True) as store:
        with progress_bar("ingesting", run.total, quiet) as hook, stop_on_ctrl_c() as stop:
            summary = ingest_articles(articles, store, settings, progress=hook, stop=stop)
        stats = store.stats()
    render.ingest_summary(err, summary, stats, where=_where(run.workers, scheduler))
    if summary.interrupted:
        raise typer.Exit(INTERRUPTED)
    if not summary.ok:
        raise typer.Exit(1)


def _workers(value: str) -> int | None:
    """``--workers``: a number of processes, or None for ``auto``."""
    if value.strip().lower() == "auto":
        return None
    try:
        n = int(value)
    except ValueError:
        n = -1
    if n < 0:
        raise fail(f"--workers takes a number of processes (0: in this process) or auto, not '{value}'")
    return n


def _where(workers: int, scheduler: str | None) -> str:
    if scheduler:
        return f"on the Dask cluster at {scheduler}"
    return f"on {workers} worker processes" if workers else "in this process"


@app.command()
def reindex(
    db: DbOption = None,
    quiet: QuietOption = False,
    actors: ActorsOption = None,
    model: ModelOption = None,
    tie_threshold: TieThresholdOption = None,
) -> None:
    """Re-run extraction over the stored articles after a model or rule change, keeping your decisions."""
    from entramado.config import Settings
    from entramado.jobs.reindex import reindex as reindex_articles

    settings = Settings(actors_file=actors, model=model, tie_threshold=tie_threshold)
    with (
        errors(),
        open_store(db) as store,
        progress_bar("re-extracting", store.stats().articles, quiet) as hook,
    ):
        summary = reindex_articles(store, settings, progress=hook)
    render.reindex_summary(err, summary)
    if not summary.ok:
        raise typer.Exit(1)


@app.command()
def extract(
    articles: ArticlesArgument,
    format: Annotated[str, typer.Option("--format", "-f", help="jsonl (the gold format) or text.")] = "jsonl",
    actors: ActorsOption = None,
    model: ModelOption = None,
    tie_threshold: TieThresholdOption = None,
    max_input_bytes: MaxInputOption = MAX_INPUT_BYTES,
    feed_budget: FeedBudgetOption = FEED_BUDGET,
    max_chars: MaxCharsOption = MAX_CHARS,
) -> None:
    """Extract actors and ties from articles and print them; nothing is stored."""
    from entramado.annotate.extract import Failed, Skipped
    from entramado.config import Settings
    from entramado.jobs.ingest import extract as extract_articles

    if format not in ("jsonl", "text"):
        raise fail(f"unknown format '{format}' (use jsonl or text)")
    failed = False
    settings = Settings(
        actors_file=actors,
        model=model,
        tie_threshold=tie_threshold,
        max_input_bytes=max_input_bytes,
        feed_budget=feed_budget,
        max_chars=max_chars,
    )
    with errors():
        for result in extract_articles(articles, settings):
            if isinstance(result, ReadFailure | Failed):
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
