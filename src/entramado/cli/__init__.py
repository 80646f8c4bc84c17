"""The command-line face: ``app`` (typer) with every command registered on it.

Each command module registers its commands on :data:`entramado.cli.app.app` when imported; this
package imports them all, so ``entramado.cli:app`` is the complete CLI.
"""

from entramado.cli import (  # noqa: F401  (register commands)
    analysis,
    annotations,
    browse,
    decide,
    export,
    ingest,
    judge,
    search,
    suggest,
    train,
    web,
)
from entramado.cli.app import app


def run() -> None:  # pragma: no cover - console entry point used by `python -m entramado`
    """Run the CLI."""
    app()


__all__ = ["app", "run"]
