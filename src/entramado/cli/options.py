"""Options shared by the CLI's commands, and the graph filter they describe (parsing only)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from entramado.defaults import DB_ENV
from entramado.models import EntityType, RelationType

if TYPE_CHECKING:  # the store loads when a command runs, not when the CLI starts
    from entramado.store.reads.graph import GraphFilter

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db", envvar=DB_ENV, help="Database: SQLAlchemy URL or SQLite path [default: ./entramado.db]."
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]
SinceOption = Annotated[
    dt.datetime | None, typer.Option("--since", formats=["%Y-%m-%d"], help="Only evidence from this day on.")
]
UntilOption = Annotated[
    dt.datetime | None, typer.Option("--until", formats=["%Y-%m-%d"], help="Only evidence up to this day.")
]
TypesOption = Annotated[
    list[RelationType] | None, typer.Option("--type", "-t", help="Only these tie types (repeatable).")
]
CoMentionsOption = Annotated[bool, typer.Option("--co-mentions", help="Include mere co-mentions.")]
MinConfidenceOption = Annotated[float, typer.Option("--min-confidence", help="Hide weaker ties.")]
MinEvidenceOption = Annotated[
    int, typer.Option("--min-evidence", help="Hide ties with fewer evidence sentences.")
]
ActorTypesOption = Annotated[
    list[EntityType] | None, typer.Option("--actor-type", help="Only actors of these types (repeatable).")
]
MaxCharsOption = Annotated[
    int,
    typer.Option(
        "--max-chars",
        min=1,
        help="Refuse (report as failed) articles longer than this many characters after cleaning.",
    ),
]
ActorsOption = Annotated[
    Path | None,
    typer.Option(
        "--actors",
        envvar="ENTRAMADO_ACTORS",
        help="YAML file of known actors added to the bundled gazetteer.",
    ),
]
ModelOption = Annotated[
    Path | None,
    typer.Option(
        "--model",
        envvar="ENTRAMADO_MODEL",
        help="A trained model folder (entramado train), or 'rules' for the hand-written rules "
        "[default: the bundled model].",
    ),
]
TieThresholdOption = Annotated[
    float | None,
    typer.Option(
        "--tie-threshold",
        envvar="ENTRAMADO_TIE_THRESHOLD",
        min=0.0,
        max=1.0,
        help="Report the trained model's ties from this calibrated confidence: lower finds more ties, "
        "more of them wrong [default: the model's own, from 0.5].",
    ),
]
FeedBudgetOption = Annotated[
    float,
    typer.Option(
        "--feed-budget", min=0.1, help="Seconds a feed's item pages may take in all (fetched together)."
    ),
]
MaxInputOption = Annotated[
    int,
    typer.Option(
        "--max-input-bytes",
        min=1,
        help="Refuse an input (file, pipe, device, page, JSONL line) larger than this many bytes.",
    ),
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar, only the summary.")]
ActorTypeOption = Annotated[
    EntityType | None, typer.Option("--type", "-t", help="The actors' type, for a name several actors share.")
]
NoteOption = Annotated[str | None, typer.Option("--note", help="Why, for the record (shown by `decisions`).")]
ByOption = Annotated[
    str | None, typer.Option("--by", help="Who decides, for the record [default: the OS user].")
]
OutletsOption = Annotated[
    list[str] | None, typer.Option("--outlet", help="Only evidence from these outlets.")
]


def graph_filter(
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    types: list[RelationType] | None = None,
    co_mentions: bool = False,
    min_confidence: float = 0.0,
    min_evidence: int = 1,
    actor_types: list[EntityType] | None = None,
    outlets: list[str] | None = None,
) -> GraphFilter:
    """The GraphFilter that the graph options of a command describe."""
    from entramado.store.reads.graph import GraphFilter

    return GraphFilter.of(
        since.date() if since else None,
        until.date() if until else None,
        types,
        co_mentions,
        min_confidence,
        min_evidence,
        actor_types,
        outlets,
    )
