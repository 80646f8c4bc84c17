"""The write side of the store: one extraction becomes rows, inside the caller's transaction."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import ColumnElement, case, insert, literal, select, update
from sqlalchemy.orm import InstrumentedAttribute, Session

from entramado.errors import StoreError
from entramado.models import Entity, EntityType, Evidence, Extraction, RelationType
from entramado.names import name_key
from entramado.resolve import Candidate, resolve
from entramado.store.schema import Alias as AliasRow
from entramado.store.schema import Article as ArticleRow
from entramado.store.schema import Entity as EntityRow
from entramado.store.schema import Evidence as EvidenceRow
from entramado.store.schema import Mention as MentionRow
from entramado.store.schema import Relation as RelationRow


class SessionLookup:
    """The store's side of :class:`entramado.resolve.Lookup`: exact key lookups in one session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def by_key(self, key: str, type: EntityType) -> Candidate | None:
        """The stored entity of this type whose own name has this key, if any."""
        row = self.session.scalars(
            select(EntityRow).where(EntityRow.key == key, EntityRow.type == str(type))
        ).one_or_none()
        return None if row is None else _candidate(row)

    def by_alias(self, key: str, type: EntityType) -> list[Candidate]:
        """The distinct stored entities of this type with a name or alias of this key."""
        rows = self.session.scalars(
            select(EntityRow)
            .join(AliasRow, AliasRow.entity_id == EntityRow.id)
            .where(AliasRow.key == key, EntityRow.type == str(type))
            .distinct()
            .order_by(EntityRow.id)
        ).all()
        return [_candidate(row) for row in rows]


def _candidate(row: EntityRow) -> Candidate:
    return Candidate(id=row.id, name=row.name, type=EntityType(row.type), key=row.key)


def exists(session: Session, content_hash: str) -> bool:
    """Whether an article with this content hash is stored."""
    found = session.scalar(select(ArticleRow.id).where(ArticleRow.content_hash == content_hash).limit(1))
    return found is not None


def add_extraction(session: Session, extraction: Extraction) -> bool:
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
    # A name that is only punctuation ("«»") has no key: it names nothing, so it is left out, with
    # its mentions and ties, rather than refusing the whole article.
    kept = [entity for entity in extraction.entities if name_key(entity.name)]
    ids = [store_entity(session, entity) for entity in kept]
    add_mentions(session, row.id, kept, ids)
    for tie in _ties(extraction, kept, ids):
        add_tie(session, row.id, article.published, tie)
    return True


def store_entity(session: Session, entity: Entity) -> int:
    """The id of the stored entity ``entity`` names (merged per :mod:`entramado.resolve`, or new)."""
    match = resolve(entity, SessionLookup(session))
    if match is None:
        row = EntityRow(name=entity.name.strip(), type=str(entity.type), key=name_key(entity.name))
        session.add(row)
        session.flush()
        entity_id = row.id
    else:
        entity_id = match.entity_id
        if match.rename is not None:
            # The fuller name becomes the display name; the old one is already an alias row.
            session.execute(
                update(EntityRow)
                .where(EntityRow.id == entity_id)
                .values(name=match.rename, key=name_key(match.rename))
            )
    add_aliases(session, entity_id, [entity.name, *entity.aliases])
    return entity_id


def add_aliases(session: Session, entity_id: int, names: list[str]) -> None:
    """Store each of ``names`` as an alias of the entity, unless one with the same key is there."""
    known = set(session.scalars(select(AliasRow.key).where(AliasRow.entity_id == entity_id)))
    for alias in names:
        key = name_key(alias)
        if key and key not in known:
            known.add(key)
            session.add(AliasRow(entity_id=entity_id, alias=alias.strip(), key=key))
    session.flush()


def add_mentions(session: Session, article_id: int, entities: list[Entity], ids: list[int]) -> None:
    """Store every mention of every entity of the article, pointing at the resolved entity."""
    rows = [
        {
            "article_id": article_id,
            "entity_id": entity_id,
            "text": m.text,
            "start": m.start,
            "end": m.end,
            "sentence": m.sentence,
        }
        for entity, entity_id in zip(entities, ids, strict=True)
        for m in entity.mentions
    ]
    if rows:
        session.execute(insert(MentionRow), rows)


@dataclass
class ArticleTie:
    """The ties of one article between one pair, of one type, once entities are resolved."""

    source_id: int
    target_id: int
    type: RelationType
    # The most confident extraction of this tie in the article: what the article asserts.
    confidence: float = 0.0
    # By start offset: the unique key of an evidence row within one article and relation.
    evidence: dict[int, Evidence] = field(default_factory=dict)


def _ties(extraction: Extraction, entities: list[Entity], ids: list[int]) -> list[ArticleTie]:
    """The article's relations by resolved entity pair and type, in canonical order for undirected ones."""
    by_name: dict[str, int] = {}
    by_key: dict[str, int] = {}
    for entity, entity_id in zip(entities, ids, strict=True):
        by_name.setdefault(entity.name, entity_id)
        for name in (entity.name, *entity.aliases):
            by_key.setdefault(name_key(name), entity_id)

    def id_of(name: str) -> int:
        found = by_name.get(name, by_key.get(name_key(name)))
        if found is None:
            raise StoreError(
                f"{extraction.article.doc_id}: a relation names '{name}', which is not one of the "
                "article's entities; the extraction is inconsistent and was not stored."
            )
        return found

    ties: dict[tuple[int, int, RelationType], ArticleTie] = {}
    for relation in extraction.relations:
        if not (name_key(relation.source) and name_key(relation.target)):
            continue  # a tie of an entity without a name, left out above
        source, target = id_of(relation.source), id_of(relation.target)
        if source == target:
            # Two names of one actor, merged by resolution: a tie of an actor with itself says nothing.
            continue
        if not relation.type.directed and source > target:
            source, target = target, source
        tie = ties.setdefault((source, target, relation.type), ArticleTie(source, target, relation.type))
        tie.confidence = max(tie.confidence, min(1.0, max(0.0, relation.confidence)))
        for ev in relation.evidence:
            tie.evidence.setdefault(ev.start, _anchored(extraction, ev))
    return list(ties.values())


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


def add_tie(session: Session, article_id: int, published: date | None, tie: ArticleTie) -> None:
    """Add one article's support for a tie: its evidence rows, and the relation's updated aggregates.

    An evidence row's date is the date the text gives it, else the article's publication date.
    """
    dates = [d for d in (ev.date or published for ev in tie.evidence.values()) if d is not None]
    first, last = (min(dates), max(dates)) if dates else (None, None)
    relation_id = session.scalar(
        select(RelationRow.id).where(
            RelationRow.source_id == tie.source_id,
            RelationRow.target_id == tie.target_id,
            RelationRow.type == str(tie.type),
        )
    )
    if relation_id is None:
        row = RelationRow(
            source_id=tie.source_id,
            target_id=tie.target_id,
            type=str(tie.type),
            evidence_count=len(tie.evidence),
            article_count=1,
            first_seen=first,
            last_seen=last,
            confidence=tie.confidence,
        )
        session.add(row)
        session.flush()
        relation_id = row.id
    else:
        # Updated in SQL, from the stored values, so concurrent writers (PostgreSQL) cannot lose
        # each other's increments. Confidence is a noisy-or over articles: 1 − ∏(1 − c_article),
        # so independent articles asserting a tie strengthen it, and one article cannot reach 1.
        session.execute(
            update(RelationRow)
            .where(RelationRow.id == relation_id)
            .values(
                evidence_count=RelationRow.evidence_count + len(tie.evidence),
                article_count=RelationRow.article_count + 1,
                first_seen=_extreme(RelationRow.first_seen, first, earliest=True),
                last_seen=_extreme(RelationRow.last_seen, last, earliest=False),
                confidence=1.0 - (1.0 - RelationRow.confidence) * (1.0 - tie.confidence),
            )
        )
    rows = [
        {
            "relation_id": relation_id,
            "article_id": article_id,
            "sentence": ev.sentence,
            "start": ev.start,
            "end": ev.end,
            "cue": ev.cue,
            "attributed_to": ev.attributed_to,
            "date": ev.date or published,
            "confidence": tie.confidence,
        }
        for ev in tie.evidence.values()
    ]
    if rows:
        session.execute(insert(EvidenceRow), rows)


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
