"""Read side for analysis: the actors and ties that pass a filter, as plain rows (no graph library here)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session

from entramado.models import EntityType, RelationType
from entramado.store.schema import Article as ArticleRow
from entramado.store.schema import Entity as EntityRow
from entramado.store.schema import Evidence as EvidenceRow
from entramado.store.schema import Mention as MentionRow
from entramado.store.schema import Relation as RelationRow


@dataclass(frozen=True)
class GraphFilter:
    """Which ties make the graph. By default every claimed tie; ``CO_MENTION`` only when asked for."""

    since: dt.date | None = None  # ties with evidence dated on or after this day
    until: dt.date | None = None  # … and on or before this day
    types: frozenset[RelationType] | None = None  # None: every type but CO_MENTION
    include_co_mentions: bool = False
    min_confidence: float = 0.0
    min_evidence: int = 1
    actor_types: frozenset[EntityType] | None = None  # both ends must be of these types
    outlets: frozenset[str] | None = None  # only evidence from these outlets (as stored)

    @classmethod
    def of(
        cls,
        since: dt.date | None = None,
        until: dt.date | None = None,
        types: Iterable[RelationType] | None = None,
        co_mentions: bool = False,
        min_confidence: float = 0.0,
        min_evidence: int = 1,
        actor_types: Iterable[EntityType] | None = None,
        outlets: Iterable[str] | None = None,
    ) -> GraphFilter:
        """The filter that the CLI's graph options (or the API's query parameters) describe;
        an empty list means no restriction."""
        return cls(
            since=since,
            until=until,
            types=frozenset(types) if types else None,
            include_co_mentions=co_mentions,
            min_confidence=min_confidence,
            min_evidence=min_evidence,
            actor_types=frozenset(actor_types) if actor_types else None,
            outlets=frozenset(outlets) if outlets else None,
        )

    @property
    def windowed(self) -> bool:
        """Whether the ties must be re-aggregated from the evidence that passes (time or outlet)."""
        return self.since is not None or self.until is not None or self.outlets is not None


@dataclass(frozen=True)
class NodeRow:
    """An actor of the graph."""

    id: int
    name: str
    type: EntityType
    mention_count: int
    article_count: int


@dataclass(frozen=True)
class EdgeRow:
    """A tie of the graph, aggregated over the evidence that passes the filter."""

    id: int
    source: int
    target: int
    type: RelationType
    evidence_count: int
    article_count: int
    confidence: float
    first_seen: dt.date | None
    last_seen: dt.date | None
    confirmed: bool = False  # a person checked this tie (``entramado confirm``)


@dataclass
class GraphRows:
    """Nodes and edges that pass a filter; nodes are the actors that have at least one edge."""

    nodes: list[NodeRow] = field(default_factory=list)
    edges: list[EdgeRow] = field(default_factory=list)


def evidence_day() -> ColumnElement[dt.date]:
    """When a piece of evidence holds: the date its sentence names, else its article's date."""
    return func.coalesce(EvidenceRow.date, ArticleRow.published)


def evidence_conditions(flt: GraphFilter) -> list[ColumnElement[bool]]:
    """SQL conditions on evidence joined with its article for the filter's time window and outlets.

    One definition for the graph, the timeline and the exports, so their counts agree.
    """
    day = evidence_day()
    conditions: list[ColumnElement[bool]] = []
    if flt.since is not None:
        conditions.append(day >= flt.since)
    if flt.until is not None:
        conditions.append(day <= flt.until)
    if flt.outlets is not None:
        conditions.append(ArticleRow.outlet.in_(sorted(flt.outlets)))
    return conditions


def graph_rows(session: Session, flt: GraphFilter) -> GraphRows:
    """The filtered graph as rows: aggregates from ``relations``, or from ``evidence`` under a window."""
    types = flt.types or frozenset(t for t in RelationType if t != RelationType.CO_MENTION)
    if flt.include_co_mentions:
        types = types | {RelationType.CO_MENTION}
    edges = _windowed_edges(session, flt, types) if flt.windowed else _stored_edges(session, types)
    edges = [e for e in edges if e.confidence >= flt.min_confidence and e.evidence_count >= flt.min_evidence]
    nodes = _nodes(session, {e.source for e in edges} | {e.target for e in edges})
    if flt.actor_types is not None:
        nodes = {i: n for i, n in nodes.items() if n.type in flt.actor_types}
        edges = [e for e in edges if e.source in nodes and e.target in nodes]
    return GraphRows(nodes=sorted(nodes.values(), key=lambda n: n.id), edges=edges)


def _stored_edges(session: Session, types: frozenset[RelationType]) -> list[EdgeRow]:
    rows = session.execute(
        select(
            RelationRow.id, RelationRow.source_id, RelationRow.target_id, RelationRow.type,
            RelationRow.evidence_count, RelationRow.article_count, RelationRow.confidence,
            RelationRow.first_seen, RelationRow.last_seen, RelationRow.confirmed,
        ).where(RelationRow.type.in_([str(t) for t in types]), RelationRow.evidence_count > 0)
    )  # fmt: skip
    return [
        EdgeRow(r[0], r[1], r[2], RelationType(r[3]), r[4], r[5], r[6], r[7], r[8], bool(r[9])) for r in rows
    ]


def _windowed_edges(session: Session, flt: GraphFilter, types: frozenset[RelationType]) -> list[EdgeRow]:
    """Re-aggregate each tie over its evidence inside the window, as the writer aggregates it all."""
    day = evidence_day()
    conditions = [RelationRow.type.in_([str(t) for t in types]), *evidence_conditions(flt)]
    rows = session.execute(
        select(
            RelationRow.id, RelationRow.source_id, RelationRow.target_id, RelationRow.type,
            func.coalesce(ArticleRow.wire_of, ArticleRow.id), EvidenceRow.article_id, EvidenceRow.confidence,
            day, RelationRow.confirmed,
        )
        .join(EvidenceRow, EvidenceRow.relation_id == RelationRow.id)
        .join(ArticleRow, ArticleRow.id == EvidenceRow.article_id)
        .where(and_(*conditions))
    )  # fmt: skip
    head: dict[int, tuple[int, int, str, bool]] = {}
    # relation → source (a group of wire copies, or an article) → article → (best confidence, evidence)
    support: dict[int, dict[int, dict[int, tuple[float, int]]]] = defaultdict(lambda: defaultdict(dict))
    days: dict[int, list[dt.date]] = defaultdict(list)
    for rel_id, source, target, rtype, group, article_id, confidence, when, confirmed in rows:
        head[rel_id] = (source, target, rtype, bool(confirmed))
        best, n = support[rel_id][group].get(article_id, (0.0, 0))
        support[rel_id][group][article_id] = (max(best, confidence), n + 1)
        if when is not None:
            days[rel_id].append(when)
    edges = []
    for rel_id, (source, target, rtype, confirmed) in head.items():
        # As store/aggregate.py: noisy-or over independent sources, a group of copies counting once
        # with its best copy's confidence and evidence count.
        doubt, evidence = 1.0, 0
        for articles in support[rel_id].values():
            doubt *= 1.0 - max(p for p, _ in articles.values())
            evidence += max(n for _, n in articles.values())
        seen = days[rel_id]
        edges.append(
            EdgeRow(
                rel_id, source, target, RelationType(rtype), evidence, len(support[rel_id]),
                1.0 - doubt, min(seen) if seen else None, max(seen) if seen else None, confirmed,
            )
        )  # fmt: skip
    return edges


def _nodes(session: Session, ids: set[int]) -> dict[int, NodeRow]:
    out: dict[int, NodeRow] = {}
    wanted = sorted(ids)
    for i in range(0, len(wanted), 500):  # SQLite caps bound parameters per statement
        chunk = wanted[i : i + 500]
        rows = session.execute(
            select(
                EntityRow.id, EntityRow.name, EntityRow.type,
                func.count(MentionRow.id), func.count(func.distinct(MentionRow.article_id)),
            )
            .outerjoin(MentionRow, MentionRow.entity_id == EntityRow.id)
            .where(EntityRow.id.in_(chunk))
            .group_by(EntityRow.id)
        )  # fmt: skip
        for eid, name, etype, mentions, articles in rows:
            out[eid] = NodeRow(eid, name, EntityType(etype), mentions, articles)
    return out
