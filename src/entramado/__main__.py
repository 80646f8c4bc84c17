"""``python -m entramado`` runs the CLI."""

from entramado.cli import run

run()
