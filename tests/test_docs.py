"""Docs that cannot drift: every CLI command and option appears in the README."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import click
import typer

from entramado.cli import app

README = (Path(__file__).parents[1] / "README.md").read_text()


def commands(group: click.Group, prefix: str = "entramado") -> Iterator[tuple[str, click.Command]]:
    """Every command of the CLI by its full name ("entramado annotations check"), groups included."""
    for name, sub in group.commands.items():
        yield f"{prefix} {name}", sub
        if isinstance(sub, click.Group):
            yield from commands(sub, f"{prefix} {name}")


def test_every_command_and_option_is_documented() -> None:
    missing = []
    for name, sub in commands(typer.main.get_command(app)):  # type: ignore[arg-type]
        if name not in README:
            missing.append(f"command {name}")
        for param in sub.params:
            for opt in param.opts:
                if opt.startswith("--") and opt not in README:
                    missing.append(f"{name} {opt}")
    assert not missing, f"undocumented in README.md: {missing}"
