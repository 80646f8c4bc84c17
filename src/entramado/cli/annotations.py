"""CLI commands over annotation files: ``entramado annotations check`` (parsing and rendering only)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from entramado.cli.app import app, err, out
from entramado.defaults import DEFAULT_CORPUS, DEFAULT_HELD_OUT

group = typer.Typer(help="Annotation files: the gold JSONL of the guidelines with evidence quotes.")
app.add_typer(group, name="annotations")


@group.command("check")
def check_command(
    files: Annotated[
        list[Path], typer.Argument(help="Annotation files (JSONL).", exists=True, dir_okay=False)
    ],
    articles: Annotated[
        list[str] | None, typer.Option("--articles", help="The annotated articles (JSONL, files…).")
    ] = None,
    heldout: Annotated[
        Path, typer.Option("--heldout", help="Ids that must never be annotated (one a line).")
    ] = DEFAULT_HELD_OUT,
    warnings: Annotated[bool, typer.Option("--warnings", help="Also list names not found verbatim.")] = False,
) -> None:
    """Check annotation files: every line parses, types are the guidelines', every tie's ends are entities
    of its line, names and aliases occur in the article (or are flagged), every evidence quote is in the
    article and names both ends, no held-out article. Prints the counts per type; exit 1 on any error."""
    from entramado.train.annotations import check, read_annotations
    from entramado.train.corpus import articles_by_id, held_out

    texts, failed = articles_by_id(articles or [str(DEFAULT_CORPUS)])
    for failure in failed:
        err.print(f"[red]failed[/] {failure}", soft_wrap=True)
    report = check(read_annotations(files), texts, held_out(heldout))
    for problem in report.problems:
        if problem.error:
            err.print(f"[red]error[/] {problem}", soft_wrap=True)
        elif warnings:
            err.print(f"[yellow]warning[/] {problem}", soft_wrap=True)
    table = Table("type", "count", title=f"{report.articles} articles")
    for kind, counts in (("entities", report.entities), ("relations", report.relations)):
        for name, n in sorted(counts.items()):
            table.add_row(f"{kind}: {name}", str(n))
        table.add_row(f"[bold]{kind}[/]", f"[bold]{sum(counts.values())}[/]")
    out.print(table)
    out.print(
        f"{len(report.errors)} errors, {len(report.problems) - len(report.errors)} warnings"
        + ("" if warnings else " (--warnings lists them)")
    )
    if report.errors or failed:
        raise typer.Exit(1)
