"""Where things are by default (the database, the shared corpus, the scorer) and the database URL rule.

Nothing here imports a library, so every command can read these at start-up; the typed settings
(:mod:`entramado.config`, on pydantic) load only for the commands that need them.
"""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_DB = "entramado.db"
DB_ENV = "ENTRAMADO_DB"
# The project's shared corpus, gold and scorer, relative to a checkout (training and evaluation
# defaults). Here, not in train/ or jobs/, so the CLI can show them without loading those stages.
DEFAULT_CORPUS = Path("../shared/corpus/fakenews-es/articles.jsonl")
DEFAULT_HELD_OUT = Path("../shared/corpus/fakenews-es/heldout.txt")
DEFAULT_SCORER = Path("../shared/eval/score.py")
# Limits on one input and one article (Settings' defaults; here so the CLI can show them at once).
MAX_INPUT_BYTES = 20_000_000
FEED_BUDGET = 120.0
# spaCy's own max_length: past it the parser's memory grows out of bounds.
MAX_CHARS = 1_000_000


def database_url(value: str | None = None) -> str:
    """The SQLAlchemy URL for ``value``, else ``$ENTRAMADO_DB``, else ``./entramado.db``.

    A value without ``://`` is a path to a SQLite file, so ``--db my.db`` works as users expect.
    """
    raw = value or os.environ.get(DB_ENV) or DEFAULT_DB
    if "://" in raw:
        return raw
    return f"sqlite:///{Path(raw).expanduser().resolve()}"
