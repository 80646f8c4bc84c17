"""Reads for the CLI's browsing commands: actors by name (exact, by surname, fuzzy), their ties, counts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from rapidfuzz import fuzz, process
from sqlalchemy import ColumnElement, Select, distinct, exists, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session, aliased

from entramado.errors import ActorNotFoundError
from entramado.models import EntityType, RelationType
from entramado.names import name_key
from entramado.store.reads.records import (
    CHUNK,
    ActorDetail,
    ArticleSummary,
    EntitySummary,
    StoreStats,
    Tie,
    TieSummary,
    newest_evidence,
    seen_from,
    tie_summary,
)
from entramado.store.schema import Alias as AliasRow
from entramado.store.schema import Article as ArticleRow
from entramado.store.schema import Entity as EntityRow
from entramado.store.schema import Evidence as EvidenceRow
from entramado.store.schema import Mention as MentionRow
from entramado.store.schema import Relation as RelationRow

# Fuzzy name matching (rapidfuzz, 0–100, on accent-free keys). A match needs a near-identical
# name up to word order: token_sort_ratio ≥ 90 lets one typo in a long name through ("Jose Antonio
# Kats" → 94) but not one letter off a short name ("Kastt" → 89), since short names of different
# actors also differ by a letter (Kast, Rast); those get a suggestion instead. Suggestions are
# looser (WRatio, which also scores a word inside a longer name: "Bachelet" → "Michelle Bachelet").
MATCH_CUTOFF = 90
SUGGEST_CUTOFF = 60
MAX_SUGGESTIONS = 5
# Noisy-or confidences are computed in floating point; "at least 0.9" must keep a 0.8999999999.
EPSILON = 1e-9


def _summaries(
    session: Session, where: Sequence[ColumnElement[bool]], limit: int | None = None
) -> list[EntitySummary]:
    """Entity summaries for the entities matching ``where``, most mentioned first."""
    # Correlated counts (served by the index on mentions.entity_id) cost only what is selected,
    # where a grouped subquery would count every mention in the database for one actor.
    mentions = select(func.count(MentionRow.id)).where(MentionRow.entity_id == EntityRow.id).scalar_subquery()
    articles = (
        select(func.count(distinct(MentionRow.article_id)))
        .where(MentionRow.entity_id == EntityRow.id)
        .scalar_subquery()
    )
    named = (EntityRow.id, EntityRow.name, EntityRow.type, EntityRow.key, mentions, articles)
    stmt: Select[tuple[int, str, str, str, int, int, str | None, str | None]] = (
        select(*named, EntityRow.renamed_from, EntityRow.retyped_from)
        .where(*where)
        .order_by(articles.desc(), mentions.desc(), EntityRow.name, EntityRow.id)
        .limit(limit)
    )
    rows = session.execute(stmt).all()
    aliases = _aliases(session, [row[0] for row in rows])
    return [
        EntitySummary(
            id=id_,
            name=name,
            type=EntityType(type_),
            # The display name and spellings of it (same key) are not "other names".
            aliases=[alias for alias, alias_key in aliases.get(id_, []) if alias_key != key],
            mention_count=n_mentions,
            article_count=n_articles,
            renamed_from=renamed_from,
            retyped_from=retyped_from,
        )
        for id_, name, type_, key, n_mentions, n_articles, renamed_from, retyped_from in rows
    ]


def summaries(session: Session, ids: Sequence[int]) -> list[EntitySummary]:
    """Summaries of the entities with these ids, most mentioned first."""
    return _summaries(session, [EntityRow.id.in_(list(ids))])


def _aliases(session: Session, ids: list[int]) -> dict[int, list[tuple[str, str]]]:
    """(alias, key) of each entity, in the order they were first seen."""
    found: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for i in range(0, len(ids), CHUNK):
        rows = session.execute(
            select(AliasRow.entity_id, AliasRow.alias, AliasRow.key)
            .where(AliasRow.entity_id.in_(ids[i : i + CHUNK]))
            .order_by(AliasRow.id)
        )
        for entity_id, alias, key in rows:
            found[entity_id].append((alias, key))
    return found


def entities(
    session: Session, type: EntityType | None = None, limit: int | None = None, query: str | None = None
) -> list[EntitySummary]:
    """Actors, most present first; optionally of one type, or with a name containing ``query``."""
    where: list[ColumnElement[bool]] = []
    if type is not None:
        where.append(EntityRow.type == str(type))
    if query is not None and name_key(query):
        named = select(AliasRow.id).where(
            AliasRow.entity_id == EntityRow.id, AliasRow.key.contains(name_key(query), autoescape=True)
        )
        where.append(exists(named))
    return _summaries(session, where, limit)


def find_actor(session: Session, query: str) -> EntitySummary:
    """The actor ``query`` names: by exact name or alias (accents and case aside), else fuzzily."""
    key = name_key(query)
    if key:
        # A name shared by several actors (an ambiguous alias) goes to the most mentioned one.
        named = select(AliasRow.id).where(AliasRow.entity_id == EntityRow.id, AliasRow.key == key)
        exact = _summaries(session, [or_(EntityRow.key == key, exists(named))], limit=1)
        if exact:
            return exact[0]
        # "Milei" for "Javier Milei": the last words of exactly one actor's names; never a guess
        # between several ("Pérez" for Carlos and Ana Pérez lists them instead).
        ending = select(AliasRow.id).where(
            AliasRow.entity_id == EntityRow.id, AliasRow.key.endswith(f" {key}", autoescape=True)
        )
        by_surname = _summaries(session, [exists(ending)], limit=6)
        if len(by_surname) == 1:
            return by_surname[0]
        if by_surname:
            raise ActorNotFoundError(query, [e.name for e in by_surname[:5]])
    names = session.execute(select(AliasRow.key, AliasRow.entity_id)).tuples().all()
    keys = [k for k, _ in names]
    scores: dict[int, float] = {}
    for _, score, index in process.extract(
        key, keys, scorer=fuzz.token_sort_ratio, score_cutoff=MATCH_CUTOFF, limit=None
    ):
        entity_id = names[index][1]
        scores[entity_id] = max(score, scores.get(entity_id, 0.0))
    if scores:
        candidates = _summaries(session, [EntityRow.id.in_(list(scores))])
        return max(candidates, key=lambda e: (scores[e.id], e.mention_count))
    raise ActorNotFoundError(query, _suggestions(session, key, names))


def _suggestions(session: Session, key: str, names: Sequence[tuple[str, int]]) -> list[str]:
    """Up to five display names that look like ``key``, best first."""
    best: dict[int, float] = {}
    for _, score, index in process.extract(
        key, [k for k, _ in names], scorer=fuzz.WRatio, score_cutoff=SUGGEST_CUTOFF, limit=None
    ):
        entity_id = names[index][1]
        best[entity_id] = max(score, best.get(entity_id, 0.0))
    top = sorted(best, key=lambda i: -best[i])[:MAX_SUGGESTIONS]
    display = dict(
        session.execute(select(EntityRow.id, EntityRow.name).where(EntityRow.id.in_(top))).tuples().all()
    )
    return [display[i] for i in top]


def actor(session: Session, query: str, evidence_limit: int = 5) -> ActorDetail:
    """An actor and its ties by type, strongest first, each with its newest evidence sentences."""
    return detail(session, find_actor(session, query), evidence_limit)


def detail(session: Session, entity: EntitySummary, evidence_limit: int = 5) -> ActorDetail:
    """``entity`` and its ties by type, strongest first, each with its newest evidence sentences."""
    source, target = aliased(EntityRow), aliased(EntityRow)
    touches = or_(RelationRow.source_id == entity.id, RelationRow.target_id == entity.id)
    rows = session.execute(
        select(RelationRow, source, target)
        .join(source, RelationRow.source_id == source.id)
        .join(target, RelationRow.target_id == target.id)
        .where(touches)
        .order_by(RelationRow.confidence.desc(), RelationRow.evidence_count.desc(), RelationRow.id)
    ).tuples()
    evidence = newest_evidence(session, touches, evidence_limit)
    grouped: dict[RelationType, list[Tie]] = defaultdict(list)
    for rel, src, tgt in rows:
        rtype = RelationType(rel.type)
        outgoing = rel.source_id == entity.id
        other = tgt if outgoing else src
        direction = seen_from(rtype, outgoing)
        grouped[rtype].append(
            Tie(
                other_id=other.id,
                other=other.name,
                other_type=EntityType(other.type),
                direction=direction,
                type=rtype,
                evidence_count=rel.evidence_count,
                article_count=rel.article_count,
                confidence=rel.confidence,
                first_seen=rel.first_seen,
                last_seen=rel.last_seen,
                evidence=evidence.get(rel.id, []),
                relation_id=rel.id,
                confirmed=bool(rel.confirmed),
                rejected=rel.rejected or 0,
                retyped_from=rel.retyped_from,
            )
        )
    return ActorDetail(entity=entity, ties={t: grouped[t] for t in RelationType if t in grouped})


def relations(
    session: Session,
    type: RelationType | None = None,
    min_confidence: float = 0.0,
    include_co_mentions: bool = False,
    limit: int | None = None,
) -> list[TieSummary]:
    """Aggregated ties, strongest first; mere co-mentions only when asked for."""
    source, target = aliased(EntityRow), aliased(EntityRow)
    stmt = (
        select(RelationRow, source, target)
        .join(source, RelationRow.source_id == source.id)
        .join(target, RelationRow.target_id == target.id)
        .where(RelationRow.confidence >= min_confidence - EPSILON)
        .order_by(
            RelationRow.confidence.desc(),
            RelationRow.evidence_count.desc(),
            RelationRow.article_count.desc(),
            source.name,
            target.name,
            RelationRow.id,
        )
        .limit(limit)
    )
    if type is not None:
        stmt = stmt.where(RelationRow.type == str(type))
    elif not include_co_mentions:
        stmt = stmt.where(RelationRow.type != str(RelationType.CO_MENTION))
    return [tie_summary(rel, src, tgt) for rel, src, tgt in session.execute(stmt).tuples()]


def articles(session: Session, limit: int | None = None) -> list[ArticleSummary]:
    """Stored articles, newest first (undated ones last)."""
    rows = session.scalars(
        select(ArticleRow)
        .order_by(ArticleRow.published.desc().nulls_last(), ArticleRow.id.desc())
        .limit(limit)
    )
    return [
        ArticleSummary(
            id=a.id,
            doc_id=a.doc_id,
            title=a.title,
            outlet=a.outlet,
            published=a.published,
            language=a.language,
            url=a.url,
        )
        for a in rows
    ]


def stats(session: Session) -> StoreStats:
    """Counts of everything stored, by type where types exist."""

    def total(table: type[ArticleRow | MentionRow | AliasRow]) -> int:
        return session.scalar(select(func.count()).select_from(table)) or 0

    def by(column: InstrumentedAttribute[str]) -> dict[str, int]:
        return dict(
            session.execute(select(column, func.count()).group_by(column).order_by(column)).tuples().all()
        )

    first, last, copies, groups = session.execute(
        select(
            func.min(ArticleRow.published), func.max(ArticleRow.published),
            func.count(ArticleRow.wire_of), func.count(func.distinct(ArticleRow.wire_of)),
        )
    ).one()  # fmt: skip
    return StoreStats(
        articles=total(ArticleRow),
        entities=by(EntityRow.type),
        relations=by(RelationRow.type),
        # Statements that support no tie (their ends are one actor, or a repeat) are not evidence.
        evidence=session.scalar(
            select(func.count()).select_from(EvidenceRow).where(EvidenceRow.relation_id.is_not(None))
        )
        or 0,
        mentions=total(MentionRow),
        aliases=total(AliasRow),
        languages=by(ArticleRow.language),
        first_article=first,
        last_article=last,
        wire_copies=copies,
        wire_groups=groups,
    )
