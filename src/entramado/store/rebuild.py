"""Rebuild the resolved layer (entities, aliases, ties and the links to them) from statements and decisions.

Articles are replayed in the order they were stored, through the same code as
:func:`entramado.store.write.add_extraction`, so that without new decisions a rebuild gives exactly
the entities and aggregates that adding the articles one by one gave. No NLP runs: the mentions and
evidence rows hold each article's entities and ties in its own names.

Cost: the whole graph, every time (a few resolution queries per entity of every article). On the
777-article corpus (6,834 actors, 23,333 mentions, 11,977 evidence sentences) it takes about 4 s on
SQLite; it grows linearly with the articles. Judgements do not use it: they replay the same rules
in memory and write only what changed (:mod:`entramado.store.incremental`); it stays for
``reindex`` and ``Store.rebuild()``, and as the reference the incremental path is tested against.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import cast

from sqlalchemy import Table, bindparam, delete, select, update
from sqlalchemy.orm import Session

from entramado.models import EntityType, RelationType
from entramado.resolve.decisions import Decisions
from entramado.store import judge_overlay
from entramado.store.aggregate import Source, link_statements
from entramado.store.schema import Alias as AliasRow
from entramado.store.schema import Article as ArticleRow
from entramado.store.schema import Entity as EntityRow
from entramado.store.schema import Evidence as EvidenceRow
from entramado.store.schema import Mention as MentionRow
from entramado.store.schema import Relation as RelationRow
from entramado.store.statements import LocalEntity, Statement
from entramado.store.write import resolve_entities

MENTIONS = cast(Table, MentionRow.__table__)
EVIDENCE = cast(Table, EvidenceRow.__table__)
# Link updates, one statement per article (executemany); bind names differ from the column names.
# store/incremental.py links with the same two statements.
LINK_MENTIONS = (
    update(MENTIONS)
    .where(
        MENTIONS.c.article_id == bindparam("a"),
        MENTIONS.c.local_name == bindparam("n"),
        MENTIONS.c.local_type == bindparam("t"),
    )
    .values(entity_id=bindparam("e"))
)
LINK_EVIDENCE = update(EVIDENCE).where(EVIDENCE.c.id == bindparam("i")).values(relation_id=bindparam("r"))


def rebuild(session: Session, decisions: Decisions) -> None:
    """Re-derive entities, aliases, relations and their aggregates inside the caller's transaction."""
    _clear(session)
    statements = read_statements(session)
    for article_id, wire_of in statements.articles:
        locals_ = local_entities_of(statements.mentions.get(article_id, []))
        ids = resolve_entities(session, locals_, decisions)
        if locals_:
            session.execute(
                LINK_MENTIONS,
                [
                    {"a": article_id, "n": local.name, "t": str(local.type), "e": entity_id}
                    for local, entity_id in zip(locals_, ids, strict=True)
                ],
            )
        rows = statements.evidence.get(article_id, [])
        links = link_statements(session, [st for _, st in rows], locals_, ids, Source(article_id, wire_of))
        linked = [{"i": i, "r": r} for (i, _), r in zip(rows, links, strict=True) if r is not None]
        if linked:
            session.execute(LINK_EVIDENCE, linked)
    # The judgements on ties and names act on what resolution built (store/judge_overlay.py).
    judge_overlay.apply(session)


@dataclass(slots=True)
class Statements:
    """Every article's statements as a rebuild reads them: mention texts and evidence, by article."""

    articles: list[tuple[int, int | None]]  # (id, wire_of), in the order they were stored
    mentions: dict[int, list[tuple[str, str, str]]]  # article → (local name, local type, text)
    evidence: dict[int, list[tuple[int, Statement]]]  # article → (evidence id, statement)


def read_statements(session: Session) -> Statements:
    """The stored statements, in the order a rebuild replays them."""
    # Core statements on the connection: the ORM's row handling would double the cost of reading.
    connection = session.connection()
    mentions: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
    for article_id, local_name, local_type, text in (
        connection.execute(
            select(
                MentionRow.article_id, MentionRow.local_name, MentionRow.local_type, MentionRow.text
            ).order_by(MentionRow.article_id, MentionRow.id)
        )
        .tuples()
        .all()
    ):
        mentions[article_id].append((local_name, local_type, text))
    evidence: dict[int, list[tuple[int, Statement]]] = defaultdict(list)
    columns = (EvidenceRow.source_local, EvidenceRow.target_local, EvidenceRow.type, EvidenceRow.start)
    for id_, article_id, source, target, type_, start, when, confidence in (
        connection.execute(
            select(
                EvidenceRow.id, EvidenceRow.article_id, *columns, EvidenceRow.date, EvidenceRow.confidence
            ).order_by(EvidenceRow.article_id, EvidenceRow.id)
        )
        .tuples()
        .all()
    ):
        statement = Statement(source, target, RelationType(type_), start, when, confidence)
        evidence[article_id].append((id_, statement))
    articles = list(
        connection.execute(select(ArticleRow.id, ArticleRow.wire_of).order_by(ArticleRow.id)).tuples().all()
    )
    return Statements(articles, mentions, evidence)


def _clear(session: Session) -> None:
    """Delete the resolved layer, keeping the statements (their links become NULL first)."""
    session.execute(update(MENTIONS).values(entity_id=None))
    session.execute(update(EVIDENCE).values(relation_id=None))
    for table in (RelationRow, AliasRow, EntityRow):
        session.execute(delete(cast(Table, table.__table__)))
    # Rows loaded before the delete must not shadow new rows that reuse their ids.
    session.expunge_all()


def local_entities_of(mentions: list[tuple[str, str, str]]) -> list[LocalEntity]:
    """An article's entities from its stored mentions, in the order they were stored."""
    found: dict[tuple[str, str], LocalEntity] = {}
    seen: dict[tuple[str, str], set[str]] = {}
    for local_name, local_type, text in mentions:
        key = (local_name, local_type)
        if key not in found:
            found[key] = LocalEntity(local_name, EntityType(local_type))
            seen[key] = set()
            found[key].add_name(local_name, seen[key])
        found[key].add_name(text, seen[key])
    return list(found.values())
