"""CLI commands of the export group, registered on the main app (parsing and rendering only)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from entramado.cli.app import app, errors, open_store, out
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


class ExportFormat(StrEnum):
    """The formats of ``entramado.export.FORMATS``, as choices for ``--format``."""

    GRAPHML = "graphml"
    GEXF = "gexf"
    CYTOSCAPE = "cytoscape"
    NEO4J = "neo4j"
    FTM = "ftm"
    CSV = "csv"


@app.command("export")
def export_(
    format: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="graphml, gexf, cytoscape, neo4j, ftm or csv.")
    ],
    out_path: Annotated[
        Path, typer.Option("--out", "-o", help="The file to write; a folder for neo4j and csv.")
    ],
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file or folder.")] = False,
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
    """Write the network (filtered like the analysis commands) for Gephi, Cytoscape.js, Neo4j or Aleph."""
    from entramado.export import export

    flt = graph_filter(since, until, types, co_mentions, min_confidence, min_evidence, actor_types, outlets)
    with errors(), open_store(db) as store:
        result = export(store, str(format), out_path, flt, force=force)
    files = ", ".join(str(f) for f in result.files)
    blocs = (
        f"; {result.blocs} blocs, {result.oppositions} OPPOSES ties between blocs"
        if result.blocs is not None
        else ""
    )
    out.print(
        f"wrote {files}: {result.nodes} actors, {result.edges} ties ({result.format}){blocs}", soft_wrap=True
    )
