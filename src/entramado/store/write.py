"""The write side of the store: one extraction becomes rows, inside the caller's transaction.

An article is stored as statements in its own names (:mod:`entramado.store.statements`), then
resolved: each of its entities is matched to an actor (:mod:`entramado.resolve.actors`) and each
statement linked to an aggregated tie (:mod:`entramado.store.aggregate`). The rebuild
(:mod:`entramado.store.rebuild`) resolves the stored statements with the same functions, so that
rebuilding gives exactly what adding gave.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from entramado.models import Article, Entity, Evidence, Extraction, Mention
from entramado.names import name_key
from entramado.resolve.actors import resolve
from entramado.resolve.blocks import stored_blocks
from entramado.resolve.decisions import Decisions
from entramado.store import ids
from entramado.store.aggregate import Source, link_statements
from entramado.store.lookup import SessionLookup
from entramado.store.schema import Alias as AliasRow
from entramado.store.schema import Article as ArticleRow
from entramado.store.schema import Entity as EntityRow
from entramado.store.schema import Evidence as EvidenceRow
from entramado.store.schema import Mention as MentionRow
from entramado.store.statements import LocalEntity, Statement, local_entities, statements
from entramado.store.wire import find_group, signature

# Statements run for every entity and tie of every article (and again on a rebuild): built once.
_NEW_ENTITY = insert(EntityRow)
_RENAME = (
    update(EntityRow)
    .where(EntityRow.id == bindparam("entity"))
    .values(name=bindparam("new_name"), key=bindparam("new_key"))
)
_ALIAS_KEYS = select(AliasRow.key).where(AliasRow.entity_id == bindparam("id"))


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
        minhash=signature(article.text),
    )
    session.add(row)
    # Flushing now makes a concurrent writer's copy of the article fail here, on the unique hash,
    # before any other work is done.
    session.flush()
    row.wire_of = find_group(session, row.id, row.minhash)
    session.flush()
    locals_, mentions = local_entities(extraction)
    evidence = statements(extraction, locals_)
    ids = resolve_entities(session, locals_, decisions)
    _insert_mentions(session, row.id, locals_, mentions, ids)
    links = link_statements(session, [st for st, _ in evidence], locals_, ids, Source(row.id, row.wire_of))
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


def resolve_entities(session: Session, locals_: list[LocalEntity], decisions: Decisions) -> list[int | None]:
    """The stored entity of each of an article's entities, created or merged per :mod:`resolve`.

    None for an entity whose name the user blocked (never an actor: its mentions link to nothing and
    its ties go); an entity the user retyped resolves under its new type (:mod:`resolve.judged`).
    """
    rules = decisions.actors
    if not rules:
        return [store_entity(session, local.as_entity(), decisions) for local in locals_]
    ids: list[int | None] = []
    for local in locals_:
        entity = local.as_entity()
        judged = rules.type_of(entity.name, entity.type)
        if judged is None:
            ids.append(None)
            continue
        entity = Entity(entity.name, judged, [a for a in entity.aliases if rules.keeps(a)])
        ids.append(store_entity(session, entity, decisions))
    return ids


def store_entity(session: Session, entity: Entity, decisions: Decisions) -> int:
    """The id of the stored entity ``entity`` names (merged per :mod:`entramado.resolve.actors`, or new)."""
    lookup = SessionLookup(session)
    connection = lookup.connection
    key = name_key(entity.name)
    match = resolve(entity, lookup, decisions)
    if match is None:
        # The id its name (or its merge group's shown name) had before, so ids survive rebuilds.
        group = decisions.group(key, entity.type)
        entity_id = ids.claim(connection, entity.type, key, group.root if group else None)
        connection.execute(
            _NEW_ENTITY, {"id": entity_id, "name": entity.name.strip(), "type": str(entity.type), "key": key}
        )
    else:
        entity_id = match.entity_id
        if match.rename is not None:
            # The fuller name becomes the display name; the old one is already an alias row.
            new_key = name_key(match.rename)
            connection.execute(_RENAME, {"entity": entity_id, "new_name": match.rename, "new_key": new_key})
            ids.register(connection, entity.type, new_key, entity_id)

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
            block, end = stored_blocks(key)
            rows.append(
                {"entity_id": entity_id, "alias": alias.strip(), "key": key, "block": block, "end_block": end}
            )
    if rows:
        connection.execute(insert(AliasRow), rows)
