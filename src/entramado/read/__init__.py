"""The read stage: turn inputs (files, folders, stdin, URLs, feeds) into articles or one-line failures."""

from entramado.read.dates import parse_date
from entramado.read.sources import read_inputs

__all__ = ["parse_date", "read_inputs"]
