"""Read the YAML data files shipped in the package (src/entramado/data/)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def read_yaml(name: str) -> Any:
    """The parsed contents of ``data/<name>``, read once per process (callers must not mutate it)."""
    text = resources.files("entramado").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


def read_text(name: str) -> str:
    """The text of ``data/<name>`` (licence texts and the like)."""
    return resources.files("entramado").joinpath("data").joinpath(name).read_text(encoding="utf-8")
