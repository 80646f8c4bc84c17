"""The write side of the store: one extraction becomes rows, inside the caller's transaction.

An article is stored as statements in its own names (mentions with the article's entity names,
evidence with the article's names of each tie's ends), then resolved: each of its entities is
matched to an actor (:mod:`entramado.resolve`) and each statement linked to an aggregated tie.
``resolve_article`` does the second half for both :func:`add_extraction` and the rebuild
(:mod:`entramado.store.rebuild`), so that rebuilding gives exactly what adding gave.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, CursorResult, bindparam, case, delete, insert, literal, select, update
from sqlalchemy.orm import InstrumentedAttribute, Session

from entramado.decisions import Decisions
from entramado.errors import StoreError
from entramado.models import Article, Entity, EntityType, Evidence, Extraction, Mention, RelationType
from entramado.names import name_key
from entramado.resolve import block_key, resolve
from entramado.store.lookup import SessionLookup
from entramado.store.schema import Alias as AliasRow
from entramado.store.schema import Article as ArticleRow
from entramado.store.schema import Entity as EntityRow
from entramado.store.schema import Evidence as EvidenceRow
from entramado.store.schema import Mention as MentionRow
from entramado.store.schema import Relation as RelationRow

# Statements run for every entity and tie of every article (and again on a rebuild): built once.
_NEW_ENTITY = insert(EntityRow)
_RENAME = (
    update(EntityRow)
    .where(EntityRow.id == bindparam("entity"))
    .values(name=bindparam("new_name"), key=bindparam("new_key"))
)
_ALIAS_KEYS = select(AliasRow.key).where(AliasRow.entity_id == bindparam("id"))
_RELATION = select(RelationRow.id).where(
    RelationRow.source_id == bindparam("source_id"),
    RelationRow.target_id == bindparam("target_id"),
    RelationRow.type == bindparam("type"),
)
_NEW_RELATION = insert(RelationRow)


@dataclass(slots=True)
class LocalEntity:
    """One entity as one article names it: its name, type, and the texts of its mentions.

    This is what resolution sees of an article, whether it comes from an extraction or from the
    stored mentions: its other names are its mention texts, one spelling per key, in mention order.
    """

    name: str
    type: EntityType
    names: list[str] = field(default_factory=list)

    def add_name(self, text: str, seen: set[str]) -> None:
        """Add ``text`` as a name unless one with its key is there (``seen`` holds their keys)."""
        key = name_key(text)
        if key and key not in seen:
            seen.add(key)
            self.names.append(text)

    def as_entity(self) -> Entity:
        """The entity record resolution takes."""
        return Entity(self.name, self.type, self.names[1:])


@dataclass(frozen=True, slots=True)
class Statement:
    """One evidence sentence of one relation of an article, between two of the article's names."""

    source: str
    target: str
    type: RelationType
    start: int
    # The evidence's own date when the text gives one, else the article's publication date.
    date: date | None
    confidence: float


@dataclass
class ArticleTie:
    """The ties of one article between one pair, of one type, once entities are resolved."""

    source_id: int
    target_id: int
    type: RelationType
    # The most confident statement of this tie in the article: what the article asserts.
    confidence: float = 0.0
    # Date of each evidence sentence by start offset: one article counts each sentence once.
    dates: dict[int, date | None] = field(default_factory=dict)


def exists(session: Session, content_hash: str) -> bool:
    """Whether an article with this content hash is stored."""
    found = session.scalar(select(ArticleRow.id).where(ArticleRow.content_hash == content_hash).limit(1))
    return found is not None


def stored_articles(session: Session, after: int, limit: int) -> list[tuple[int, Article]]:
    """Up to ``limit`` stored articles with a row id above ``after``, by id, as read from their source."""
    rows = session.scalars(
        select(ArticleRow).where(ArticleRow.id > after).order_by(ArticleRow.id).limit(limit)
    ).all()
    return [
        (
            row.id,
            Article(
                doc_id=row.doc_id,
                text=row.text,
                title=row.title,
                url=row.url,
                published=row.published,
                author=row.author,
                outlet=row.outlet,
                origin=row.origin or "",
                metadata=dict(row.metadata_ or {}),
            ),
        )
        for row in rows
    ]


def add_extraction(session: Session, extraction: Extraction, decisions: Decisions) -> bool:
    """Write one article with everything extracted from it; False (nothing written) if already stored.

    Runs inside the caller's transaction, which commits or rolls back the article as a whole.
    """
    article = extraction.article
    if exists(session, article.content_hash):
        return False
    row = ArticleRow(
        doc_id=article.doc_id,
        content_hash=article.content_hash,
        title=article.title,
        url=article.url,
        published=article.published,
        author=article.author,
        outlet=article.outlet,
        language=extraction.language,
        origin=article.origin,
        text=article.text,
        metadata_=dict(article.metadata),
    )
    session.add(row)
    # Flushing now makes a concurrent writer's copy of the article fail here, on the unique hash,
    # before any other work is done.
    session.flush()
    locals_, mentions = local_entities(extraction)
    evidence = statements(extraction, locals_)
    ids = resolve_entities(session, locals_, decisions)
    _insert_mentions(session, row.id, locals_, mentions, ids)
    links = link_statements(session, [st for st, _ in evidence], locals_, ids)
    _insert_evidence(session, row.id, evidence, links)
    return True


def replace_statements(session: Session, article_id: int, extraction: Extraction) -> None:
    """Put ``extraction``'s mentions and evidence in place of the stored article's, unresolved.

    For a re-extraction (``entramado reindex``): the new statements link to no actor or tie until
    the caller rebuilds the resolved layer (:mod:`entramado.store.rebuild`), which it must do
    before the graph is read again. Runs inside the caller's transaction.
    """
    locals_, mentions = local_entities(extraction)
    evidence = statements(extraction, locals_)  # checked before anything is deleted
    session.execute(delete(MentionRow).where(MentionRow.article_id == article_id))
    session.execute(delete(EvidenceRow).where(EvidenceRow.article_id == article_id))
    session.execute(
        update(ArticleRow).where(ArticleRow.id == article_id).values(language=extraction.language)
    )
    _insert_mentions(session, article_id, locals_, mentions, [None] * len(locals_))
    _insert_evidence(session, article_id, evidence, [None] * len(evidence))


def _insert_mentions(
    session: Session,
    article_id: int,
    locals_: list[LocalEntity],
    mentions: list[list[Mention]],
    ids: Sequence[int | None],
) -> None:
    rows = [
        {
            "article_id": article_id,
            "entity_id": entity_id,
            "local_name": local.name,
            "local_type": str(local.type),
            "text": m.text,
            "start": m.start,
            "end": m.end,
            "sentence": m.sentence,
        }
        for local, entity_id, group in zip(locals_, ids, mentions, strict=True)
        for m in group
    ]
    if rows:
        session.execute(insert(MentionRow), rows)


def _insert_evidence(
    session: Session,
    article_id: int,
    evidence: list[tuple[Statement, Evidence]],
    links: Sequence[int | None],
) -> None:
    rows = [
        {
            "relation_id": relation_id,
            "article_id": article_id,
            "source_local": st.source,
            "target_local": st.target,
            "type": str(st.type),
            "sentence": ev.sentence,
            "start": ev.start,
            "end": ev.end,
            "cue": ev.cue,
            "attributed_to": ev.attributed_to,
            "date": st.date,
            "confidence": st.confidence,
        }
        for (st, ev), relation_id in zip(evidence, links, strict=True)
    ]
    if rows:
        session.execute(insert(EvidenceRow), rows)


def local_entities(extraction: Extraction) -> tuple[list[LocalEntity], list[list[Mention]]]:
    """The article's entities as statements, with their mentions; entities of one name and type are one.

    An entity whose name is only punctuation ("«»") has no key, and one without a mention is not
    in the text: neither names anything the store could trace, so both are left out, with their ties.
    """
    found: dict[tuple[str, EntityType], int] = {}
    locals_: list[LocalEntity] = []
    mentions: list[list[Mention]] = []
    seen: list[set[str]] = []
    for entity in extraction.entities:
        name = entity.name.strip()
        if not name_key(name) or not entity.mentions:
            continue
        i = found.setdefault((name, entity.type), len(locals_))
        if i == len(locals_):
            locals_.append(LocalEntity(name, entity.type))
            mentions.append([])
            seen.append(set())
            locals_[i].add_name(name, seen[i])
        mentions[i].extend(entity.mentions)
        for m in entity.mentions:
            locals_[i].add_name(m.text, seen[i])
    return locals_, mentions


def statements(extraction: Extraction, locals_: list[LocalEntity]) -> list[tuple[Statement, Evidence]]:
    """One statement per evidence sentence of each relation, between the article's local names.

    A relation's ends are matched to the article's entities by name, else by the key of a name or
    alias; an end naming no entity of the article is an inconsistent extraction (StoreError). A
    relation without an evidence sentence is not stored: every tie must trace to its words.
    """
    kept = {(local.name, local.type) for local in locals_}
    by_name: dict[str, str] = {}
    by_key: dict[str, str] = {}
    left_out: set[str] = set()  # names and keys of entities left out: their ties go with them
    for entity in extraction.entities:
        name = entity.name.strip()
        if (name, entity.type) not in kept:
            left_out.update((entity.name, *(name_key(a) for a in (entity.name, *entity.aliases))))
            continue
        by_name.setdefault(entity.name, name)
        for other in (entity.name, *entity.aliases):
            by_key.setdefault(name_key(other), name)

    def local_of(name: str) -> str | None:
        found = by_name.get(name, by_key.get(name_key(name)))
        if found is not None or name in left_out or name_key(name) in left_out:
            return found
        raise StoreError(
            f"{extraction.article.doc_id}: a relation names '{name}', which is not one of the "
            "article's entities; the extraction is inconsistent and was not stored."
        )

    found: list[tuple[Statement, Evidence]] = []
    published = extraction.article.published
    for relation in extraction.relations:
        if not (name_key(relation.source) and name_key(relation.target)):
            continue  # a tie of an entity without a name, left out with it
        source, target = local_of(relation.source), local_of(relation.target)
        if source is None or target is None or source == target:
            continue  # an end left out, or a tie of one entity with itself, which says nothing
        confidence = min(1.0, max(0.0, relation.confidence))
        for ev in relation.evidence:
            anchored = _anchored(extraction, ev)
            statement = Statement(
                source, target, relation.type, anchored.start, anchored.date or published, confidence
            )
            found.append((statement, anchored))
    return found


def resolve_entities(session: Session, locals_: list[LocalEntity], decisions: Decisions) -> list[int]:
    """The stored entity of each of an article's entities, created or merged per :mod:`resolve`."""
    return [store_entity(session, local.as_entity(), decisions) for local in locals_]


def store_entity(session: Session, entity: Entity, decisions: Decisions) -> int:
    """The id of the stored entity ``entity`` names (merged per :mod:`entramado.resolve`, or new)."""
    lookup = SessionLookup(session)
    connection = lookup.connection
    key = name_key(entity.name)
    match = resolve(entity, lookup, decisions)
    if match is None:
        created = connection.execute(
            _NEW_ENTITY, {"name": entity.name.strip(), "type": str(entity.type), "key": key}
        )
        entity_id = _new_id(created)
    else:
        entity_id = match.entity_id
        if match.rename is not None:
            # The fuller name becomes the display name; the old one is already an alias row.
            connection.execute(
                _RENAME, {"entity": entity_id, "new_name": match.rename, "new_key": name_key(match.rename)}
            )

    def heads() -> set[str]:
        return lookup.heads(entity_id) | {key}

    # An alias the user split from this actor is not stored as one of its names again.
    aliases = [a for a in entity.aliases if not decisions.hides(name_key(a), entity.type, heads)]
    add_aliases(session, entity_id, [entity.name, *aliases])
    return entity_id


def add_aliases(session: Session, entity_id: int, names: list[str]) -> None:
    """Store each of ``names`` as an alias of the entity, unless one with the same key is there."""
    connection = session.connection()
    known = set(connection.scalars(_ALIAS_KEYS, {"id": entity_id}))
    rows = []
    for alias in names:
        key = name_key(alias)
        if key and key not in known:
            known.add(key)
            rows.append({"entity_id": entity_id, "alias": alias.strip(), "key": key, "block": block_key(key)})
    if rows:
        connection.execute(insert(AliasRow), rows)


def link_statements(
    session: Session, found: list[Statement], locals_: list[LocalEntity], ids: list[int]
) -> list[int | None]:
    """Add one article's statements to the aggregated ties; the tie each one supports, or None."""
    entity_of: dict[str, int] = {}
    for local, entity_id in zip(locals_, ids, strict=True):
        entity_of.setdefault(local.name, entity_id)
    ties, which = article_ties(found, entity_of)
    relation_ids = [add_tie(session, tie) for tie in ties]
    return [None if i is None else relation_ids[i] for i in which]


def article_ties(
    found: list[Statement], entity_of: dict[str, int]
) -> tuple[list[ArticleTie], list[int | None]]:
    """The article's ties by resolved pair and type, and the index of the tie each statement supports.

    Undirected types put the smaller entity id first. A statement supports no tie when its ends
    resolved to one actor, or when an earlier one gave the same sentence for the same tie.
    """
    ties: dict[tuple[int, int, RelationType], int] = {}
    ordered: list[ArticleTie] = []
    which: list[int | None] = []
    for st in found:
        source, target = entity_of.get(st.source), entity_of.get(st.target)
        if source is None or target is None or source == target:
            which.append(None)
            continue
        if not st.type.directed and source > target:
            source, target = target, source
        i = ties.setdefault((source, target, st.type), len(ordered))
        if i == len(ordered):
            ordered.append(ArticleTie(source, target, st.type))
        tie = ordered[i]
        tie.confidence = max(tie.confidence, st.confidence)
        if st.start in tie.dates:
            which.append(None)
        else:
            tie.dates[st.start] = st.date
            which.append(i)
    return ordered, which


def _anchored(extraction: Extraction, ev: Evidence) -> Evidence:
    """``ev`` with offsets that point at its sentence in the article text, or a StoreError.

    Offsets are the promise that every tie can be traced to its words; an off-by-some offset is
    repaired from the nearest occurrence of the sentence, and a sentence not in the text is refused.
    """
    text = extraction.article.text
    if text[ev.start : ev.end] == ev.sentence:
        return ev
    found = _occurrences(text, ev.sentence)
    if not ev.sentence or not found:
        raise StoreError(
            f"{extraction.article.doc_id}: the evidence sentence '{ev.sentence[:60]}' is not in the "
            "article text; the extraction is inconsistent and was not stored."
        )
    start = min(found, key=lambda i: abs(i - ev.start))
    return Evidence(ev.sentence, start, start + len(ev.sentence), ev.cue, ev.attributed_to, ev.date)


def _occurrences(text: str, sentence: str) -> list[int]:
    found: list[int] = []
    i = text.find(sentence) if sentence else -1
    while i >= 0:
        found.append(i)
        i = text.find(sentence, i + 1)
    return found


def add_tie(session: Session, tie: ArticleTie) -> int:
    """Add one article's support for a tie to the relation's aggregates; the relation's id."""
    connection = session.connection()
    dates = [d for d in tie.dates.values() if d is not None]
    first, last = (min(dates), max(dates)) if dates else (None, None)
    pair = {"source_id": tie.source_id, "target_id": tie.target_id, "type": str(tie.type)}
    relation_id = connection.scalar(_RELATION, pair)
    if relation_id is None:
        created = connection.execute(
            _NEW_RELATION,
            {
                **pair,
                "evidence_count": len(tie.dates),
                "article_count": 1,
                "first_seen": first,
                "last_seen": last,
                "confidence": tie.confidence,
            },
        )
        return _new_id(created)
    # Updated in SQL, from the stored values, so concurrent writers (PostgreSQL) cannot lose
    # each other's increments. Confidence is a noisy-or over articles: 1 − ∏(1 − c_article),
    # so independent articles asserting a tie strengthen it, and one article cannot reach 1.
    connection.execute(
        update(RelationRow)
        .where(RelationRow.id == relation_id)
        .values(
            evidence_count=RelationRow.evidence_count + len(tie.dates),
            article_count=RelationRow.article_count + 1,
            first_seen=_extreme(RelationRow.first_seen, first, earliest=True),
            last_seen=_extreme(RelationRow.last_seen, last, earliest=False),
            confidence=1.0 - (1.0 - RelationRow.confidence) * (1.0 - tie.confidence),
        )
    )
    return int(relation_id)


def _new_id(result: CursorResult[Any]) -> int:
    """The id of the row an INSERT created (RETURNING on PostgreSQL, the last row id on SQLite)."""
    key = result.inserted_primary_key
    assert key is not None  # an INSERT of one row always has one
    return int(key[0])


def _extreme(
    column: InstrumentedAttribute[date | None], value: date | None, earliest: bool
) -> ColumnElement[date | None] | InstrumentedAttribute[date | None]:
    """The earlier (or later) of a stored date and ``value``, NULL meaning unknown, portably.

    SQLite's two-argument min()/max() are spelled LEAST/GREATEST in PostgreSQL, so CASE it is.
    """
    if value is None:
        return column
    new = literal(value)
    beats = column > new if earliest else column < new
    return case((column.is_(None), new), (beats, new), else_=column)
