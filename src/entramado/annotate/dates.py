"""Time: find date expressions in an evidence sentence and normalise them against the article's date.

"este domingo", "el 14 de diciembre" and "este año" only mean a date relative to when the article
was published. Without that date, relative expressions stay unresolved rather than being read
against today's date, which would silently misdate every tie of an archive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache, lru_cache

import dateparser

from entramado.datafiles import read_yaml
from entramado.models import EARLIEST_DATE


@dataclass(frozen=True)
class DateRules:
    """The compiled date patterns and weekday words of one language."""

    patterns: tuple[re.Pattern[str], ...]
    weekdays: tuple[str, ...]
    past: frozenset[str]
    future: frozenset[str]


@cache
def _rules(lang: str) -> DateRules:
    raw = (read_yaml(f"lexicon.{lang}.yaml") or {}).get("dates") or {}
    return DateRules(
        patterns=tuple(re.compile(rf"\b{p}\b", re.IGNORECASE) for p in raw.get("patterns") or []),
        weekdays=tuple(str(w) for w in raw.get("weekdays") or []),
        past=frozenset(str(w) for w in raw.get("past_markers") or []),
        future=frozenset(str(w) for w in raw.get("future_markers") or []),
    )


def _weekday(match: re.Match[str], base: date, rules: DateRules) -> date:
    """The weekday named, nearest to the article's date: past by default, as news mostly reports."""
    target = rules.weekdays.index(match.group("weekday").lower())
    markers = {(match.groupdict().get(k) or "").lower() for k in ("marker1", "marker2")}
    if markers & rules.future:
        return base + timedelta(days=(target - base.weekday() - 1) % 7 + 1)
    return base - timedelta(days=(base.weekday() - target) % 7)


def find_date(sentence: str, base: date | None, lang: str) -> date | None:
    """The first date the sentence names, normalised against ``base`` (the article's date), or None."""
    if lang not in ("es", "en"):
        return None
    rules = _rules(lang)
    found: list[tuple[int, date]] = []
    for pattern in rules.patterns:
        for match in pattern.finditer(sentence):
            groups = match.groupdict()
            if groups.get("weekday"):
                if base is not None:
                    found.append((match.start(), _weekday(match, base, rules)))
                continue
            core = groups.get("core") or match.group(0)
            has_year = bool(re.search(r"\b(?:19|20)\d{2}\b", core))
            if base is None and not has_year:
                continue  # relative to an unknown date: leave it unresolved
            parsed = _parse(core.lower(), base, lang)
            if parsed is not None:
                found.append((match.start(), parsed))
    return min(found)[1] if found else None


def plausible(found: date, published: date | None, today: date | None = None) -> bool:
    """Whether a date found in an evidence sentence can be when the tie held: not before 1900, and
    not after the article's date (or, for an undated article, today). A future date is an event
    announced, not a tie observed; a year like 1901 or 2030 is most often a stray number."""
    latest = published or today or date.today()
    return EARLIEST_DATE <= found <= latest


_YEAR_ONLY = re.compile(r"^(?:(?:19|20)\d{2}|este año|el año pasado|this year|last year)$")


# Bounded: (expression, publication date) pairs keep coming in a long ingest, and memory must stay flat.
@lru_cache(maxsize=1 << 14)
def _parse(core: str, base: date | None, lang: str) -> date | None:
    """dateparser on one expression (about 5 ms a call, hence the cache: news repeats its dates)."""
    settings: dict[str, object] = {"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False}
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    parsed: datetime | None = dateparser.parse(core, languages=[lang], settings=settings)
    if parsed is None:
        return None
    if _YEAR_ONLY.match(core):
        return date(parsed.year, 1, 1)  # a year names no month: keep only what the text says
    return parsed.date()
