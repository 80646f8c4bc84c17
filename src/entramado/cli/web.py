"""CLI commands of the web group: serve the explorer, write a standalone report (parsing and output only)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from entramado.cli.app import app, err, errors, open_store, out
from entramado.cli.options import (
    ActorTypesOption,
    CoMentionsOption,
    DbOption,
    MinConfidenceOption,
    MinEvidenceOption,
    OutletsOption,
    SinceOption,
    TypesOption,
    UntilOption,
    graph_filter,
)


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[
        str,
        typer.Option(
            "--host", help="Address to listen on (loopback by default); requests must be addressed to it."
        ),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    allow_edits: Annotated[
        bool,
        typer.Option(
            "--allow-edits", help="Let the page record decisions: merges, judgements of ties and actors."
        ),
    ] = False,
) -> None:
    """Open the web explorer: search an actor, see the network, read the evidence (Ctrl-C stops it)."""
    import uvicorn

    from entramado.web.app import create_app
    from entramado.web.guard import is_loopback, is_wildcard

    with errors():
        store = open_store(db)
        web = create_app(store=store, allow_edits=allow_edits, host=host)
    if not is_loopback(host):
        err.print(f"[yellow]listening on {host}: anyone who can reach this machine can read the database[/]")
    if is_wildcard(host):
        err.print(
            "[yellow]requests addressed to this machine by any other name than a loopback one are refused "
            "(400): to be reached by its network address or name, give that as --host[/]"
        )
    shown = f"[{host}]" if ":" in host else host
    out.print(f"entramado explorer on http://{shown}:{port}/  (API docs: /api/docs; Ctrl-C to stop)")
    try:
        uvicorn.run(web, host=host, port=port, log_level="warning")
    finally:
        store.close()


@app.command()
def report(
    out_path: Annotated[Path, typer.Option("--out", "-o", help="The HTML file to write.")],
    actor: Annotated[
        str | None, typer.Option("--actor", "-a", help="Centre the report on this actor.")
    ] = None,
    hops: Annotated[int, typer.Option("--hops", help="How far from the actor.", min=1, max=3)] = 2,
    max_nodes: Annotated[int, typer.Option("--max-nodes", help="At most this many actors.", min=1)] = 150,
    db: DbOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    types: TypesOption = None,
    co_mentions: CoMentionsOption = False,
    min_confidence: MinConfidenceOption = 0.0,
    min_evidence: MinEvidenceOption = 1,
    actor_types: ActorTypesOption = None,
    outlets: OutletsOption = None,
) -> None:
    """Write one self-contained HTML file (graph and evidence, script inlined) to open with no server."""
    from entramado.web.report import build_report

    flt = graph_filter(since, until, types, co_mentions, min_confidence, min_evidence, actor_types, outlets)
    with errors(), open_store(db) as store:
        result = build_report(store, out_path, actor=actor, hops=hops, max_nodes=max_nodes, flt=flt)
    more = (
        " (the strongest only: narrow the filters or raise --max-nodes for more)" if result.truncated else ""
    )
    named = ""
    if result.actors:
        named = (
            f"; the figure names {result.labelled} of them, the most central first "
            "(no label overlaps another)"
            if result.labelled < result.actors
            else "; the figure names every one"
        )
    out.print(
        f"wrote {result.path}: {result.actors} actors, {result.ties} ties from {result.articles} articles, "
        f"{result.evidence} evidence sentences{more}{named}",
        soft_wrap=True,
    )
