"""Docs that cannot drift: every CLI command and option appears in the README."""

from __future__ import annotations

from pathlib import Path

import typer

from entramado.cli import app

README = (Path(__file__).parents[1] / "README.md").read_text()


def test_every_command_and_option_is_documented() -> None:
    command = typer.main.get_command(app)
    missing = []
    for name, sub in command.commands.items():  # type: ignore[attr-defined]
        if f"entramado {name}" not in README:
            missing.append(f"command {name}")
        for param in sub.params:
            for opt in param.opts:
                if opt.startswith("--") and opt not in README:
                    missing.append(f"{name} {opt}")
    assert not missing, f"undocumented in README.md: {missing}"
