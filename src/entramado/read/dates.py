"""One helper turns every date string met while reading (JSONL, HTML, feeds) into a ``datetime.date``."""

from __future__ import annotations

import re
from datetime import date
from email.utils import parsedate_to_datetime

import dateparser

# The corpora are Spanish and English; naming them spares dateparser its slow language guessing.
LANGUAGES = ["es", "en"]
# A date without a day ("noviembre de 2025") means the 1st, not today's day of the month, so reading
# the same article twice gives the same date.
_SETTINGS = {"PREFER_DAY_OF_MONTH": "first"}
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?![\d])")


def parse_date(value: object) -> date | None:
    """The date ``value`` names (ISO, RFC 822, or Spanish or English words), or None if it names none."""
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    # Fast paths for the machine formats that HTML metadata and feeds use; dateparser takes milliseconds.
    iso = _ISO_DAY.match(text)
    if iso:
        try:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        except ValueError:
            return None
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        parsed = dateparser.parse(text, languages=LANGUAGES, settings=_SETTINGS)
    except (ValueError, TypeError, OverflowError, LookupError):
        # dateparser raises on some hostile strings; an unreadable date is simply an unknown one.
        return None
    return parsed.date() if parsed is not None else None
