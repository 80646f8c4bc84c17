"""How an actor's ties grew: evidence per tie and month, when each appeared, and its last evidence."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from entramado.store import EntitySummary, Store
from entramado.store.reads.analysis import DatedEvidence
from entramado.store.reads.graph import GraphFilter

UNDATED = "undated"  # the month of evidence whose sentence and article both lack a date


@dataclass(frozen=True)
class TieMonth:
    """One tie in one month: its evidence that month, whether it first appeared then, its running total."""

    relation_id: int
    other: str
    other_type: str
    type: str
    direction: str
    evidence: int
    new: bool
    total: int


@dataclass(frozen=True)
class Month:
    """One month (YYYY-MM, or "undated", listed last) and the ties with evidence in it."""

    month: str
    ties: list[TieMonth]


@dataclass(frozen=True)
class TieSpan:
    """One tie over the whole timeline: first and last evidence dates and its evidence count."""

    relation_id: int
    other: str
    other_type: str
    type: str
    direction: str
    evidence: int
    confidence: float
    first: dt.date | None
    last: dt.date | None


@dataclass(frozen=True)
class Timeline:
    """An actor's ties by month, oldest first, and each tie's span."""

    actor: str
    months: list[Month]
    ties: list[TieSpan]


def timeline(store: Store, actor: EntitySummary, flt: GraphFilter | None = None) -> Timeline:
    """The actor's ties month by month, from its evidence rows (evidence date, else article date)."""
    return build_timeline(actor.name, store.dated_evidence(actor.id, flt or GraphFilter()), flt)


def build_timeline(name: str, rows: list[DatedEvidence], flt: GraphFilter | None = None) -> Timeline:
    """The timeline of rows ordered by day (undated last), as ``Store.dated_evidence`` returns them."""
    min_evidence = (flt or GraphFilter()).min_evidence
    counts: dict[int, int] = defaultdict(int)
    for r in rows:
        counts[r.relation_id] += 1
    rows = [r for r in rows if counts[r.relation_id] >= min_evidence]
    by_month: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    head: dict[int, DatedEvidence] = {}
    days: dict[int, list[dt.date]] = defaultdict(list)
    for r in rows:
        month = r.day.strftime("%Y-%m") if r.day else UNDATED
        by_month[month][r.relation_id] += 1
        head.setdefault(r.relation_id, r)
        if r.day:
            days[r.relation_id].append(r.day)
    running: dict[int, int] = defaultdict(int)
    months = []
    for month in sorted(by_month, key=lambda m: (m == UNDATED, m)):
        ties = []
        for rel_id, n in by_month[month].items():
            new = running[rel_id] == 0
            running[rel_id] += n
            h = head[rel_id]
            ties.append(
                TieMonth(
                    rel_id, h.other, str(h.other_type), str(h.type), h.direction, n, new, running[rel_id]
                )
            )
        ties.sort(key=lambda t: (not t.new, -t.evidence, t.other, t.type))
        months.append(Month(month, ties))
    spans = [
        TieSpan(
            rel_id, h.other, str(h.other_type), str(h.type), h.direction, running[rel_id],
            round(h.confidence, 6),
            min(days[rel_id]) if days[rel_id] else None, max(days[rel_id]) if days[rel_id] else None,
        )
        for rel_id, h in head.items()
    ]  # fmt: skip
    spans.sort(key=lambda t: (-t.evidence, t.other, t.type))
    return Timeline(name, months, spans)
