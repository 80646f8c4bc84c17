"""Read side of suggested merges: every actor with its names, articles and neighbours, in four queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from entramado.models import EntityType
from entramado.store.schema import Alias as AliasRow
from entramado.store.schema import Article as ArticleRow
from entramado.store.schema import Entity as EntityRow
from entramado.store.schema import Mention as MentionRow
from entramado.store.schema import Relation as RelationRow


@dataclass(slots=True)
class ActorProfile:
    """What a duplicate check compares of one actor: names, articles, neighbours, mentions."""

    id: int
    name: str
    type: EntityType
    key: str
    names: dict[str, str] = field(default_factory=dict)  # key → name as written, the display name's first
    articles: set[int] = field(default_factory=set)
    neighbours: set[int] = field(default_factory=set)
    mentions: int = 0


def profiles(session: Session, type: EntityType | None = None) -> dict[int, ActorProfile]:
    """Every actor (of ``type``, if given) with its names, the articles naming it, and its neighbours."""
    connection = session.connection()
    entities = select(EntityRow.id, EntityRow.name, EntityRow.type, EntityRow.key)
    if type is not None:
        entities = entities.where(EntityRow.type == str(type))
    found = {
        i: ActorProfile(i, name, EntityType(t), key, {key: name})
        for i, name, t, key in connection.execute(entities).tuples().all()
    }
    for entity_id, alias, key in (
        connection.execute(select(AliasRow.entity_id, AliasRow.alias, AliasRow.key).order_by(AliasRow.id))
        .tuples()
        .all()
    ):
        if entity_id in found:
            found[entity_id].names.setdefault(key, alias)
    for mentioned, article_id in (
        connection.execute(select(MentionRow.entity_id, MentionRow.article_id)).tuples().all()
    ):
        if mentioned is not None and mentioned in found:
            found[mentioned].mentions += 1
            found[mentioned].articles.add(article_id)
    for source, target in (
        connection.execute(select(RelationRow.source_id, RelationRow.target_id)).tuples().all()
    ):
        if source in found:
            found[source].neighbours.add(target)
        if target in found:
            found[target].neighbours.add(source)
    return found


def titles(session: Session, article_ids: list[int]) -> dict[int, str]:
    """The title (else the document id) of each of these articles."""
    rows = session.execute(
        select(ArticleRow.id, ArticleRow.title, ArticleRow.doc_id).where(ArticleRow.id.in_(article_ids))
    ).tuples()
    return {i: title or doc for i, title, doc in rows}


def names(session: Session, entity_ids: list[int]) -> dict[int, str]:
    """The display name of each of these actors."""
    rows = session.execute(select(EntityRow.id, EntityRow.name).where(EntityRow.id.in_(entity_ids)))
    return dict(rows.tuples().all())
