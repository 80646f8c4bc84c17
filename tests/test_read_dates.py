"""The one date helper of the read stage: machine formats, Spanish and English words, and no guessing."""

from __future__ import annotations

from datetime import date

import pytest

from entramado.read.dates import parse_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-11-17", date(2025, 11, 17)),
        ("2025-11-17T23:30:00-03:00", date(2025, 11, 17)),  # the day as the source wrote it
        ("Mon, 17 Nov 2025 10:00:00 GMT", date(2025, 11, 17)),
        ("17 de noviembre de 2025", date(2025, 11, 17)),
        ("November 17, 2025", date(2025, 11, 17)),
        ("noviembre de 2025", date(2025, 11, 1)),  # no day: the first, not today's day of the month
        ("2025-02-30", None),
        ("cuando llueva", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_date(value: str | None, expected: date | None) -> None:
    assert parse_date(value) == expected
