"""The judged articles as annotations (train/annotations.py's format): corrections as training data.

An article is judged when a judgement touched it: one of its sentences was rejected or added, it
states a tie that was rejected, confirmed or retyped, or it names an actor that was renamed, retyped
or blocked. Its line holds the graph as judged: the actors its mentions resolve to (under their
display names, a rename applied, with the article's own spellings as aliases; a blocked name is no
entity), and the ties its linked evidence supports (a rejected tie or sentence is absent, an added or
confirmed one present, a retyped one under its new type), each with its sentences as quotes.
"""

from __future__ import annotations

import re
from collections import defaultdict

from sqlalchemy import and_, select
from sqlalchemy.orm import Session, aliased

from entramado.models import EntityType, RelationType
from entramado.names import name_key
from entramado.resolve.decisions import IDENTITY, Kind
from entramado.store import decide
from entramado.store.judge_ties import ends
from entramado.store.schema import Article as ArticleRow
from entramado.store.schema import Decision as DecisionRow
from entramado.store.schema import Entity as EntityRow
from entramado.store.schema import Evidence as EvidenceRow
from entramado.store.schema import Mention as MentionRow
from entramado.store.schema import Relation as RelationRow
from entramado.train.annotations import AnnotatedEntity, AnnotatedRelation, Annotation, fold

_ARTICLE = re.compile(r"^(el|la|los|las|the) ")  # as the annotation checker reads names


def judged_articles(session: Session) -> list[int]:
    """The ids of the articles some judgement touched, in the order they were stored."""
    found: set[int] = set()
    blocked = decide.load(session).actors.blocked
    for row in session.scalars(select(DecisionRow).order_by(DecisionRow.id)):
        detail = dict(row.detail or {})
        if row.kind in IDENTITY:
            continue
        if "article" in detail:
            article = session.scalar(
                select(ArticleRow.id).where(ArticleRow.content_hash == detail["article"])
            )
            found |= {article} if article is not None else set()
        elif "type" in detail:
            pair = ends(session, row)
            if pair is not None:
                found |= _stating(session, *pair, RelationType(detail["type"]))
        elif row.kind in (Kind.RENAME, Kind.RETYPE):
            keys = [name_key(str(detail.get("to", ""))), *row.a_keys]
            found |= set(
                session.scalars(
                    select(MentionRow.article_id)
                    .join(EntityRow, EntityRow.id == MentionRow.entity_id)
                    .where(EntityRow.key.in_(keys))
                )
            )
    if blocked:
        for article_id, local_name in session.execute(
            select(MentionRow.article_id, MentionRow.local_name).where(MentionRow.entity_id.is_(None))
        ).tuples():
            if name_key(local_name) in blocked:
                found.add(article_id)
    return sorted(found)


def _stating(session: Session, a: int, b: int, type: RelationType) -> set[int]:
    """Articles with a statement of ``type`` between the two actors, linked or not (a rejected one)."""
    source, target = aliased(MentionRow), aliased(MentionRow)
    rows = session.execute(
        select(EvidenceRow.article_id, source.entity_id, target.entity_id)
        .join(
            source,
            and_(source.article_id == EvidenceRow.article_id, source.local_name == EvidenceRow.source_local),
        )
        .join(
            target,
            and_(target.article_id == EvidenceRow.article_id, target.local_name == EvidenceRow.target_local),
        )
        .where(EvidenceRow.type == str(type))
        .distinct()
    ).tuples()
    return {article for article, s, t in rows if {s, t} == {a, b}}


def annotation(session: Session, article_id: int) -> tuple[Annotation, int]:
    """One stored article's annotation line as the graph stands after every judgement, and how many
    of its ties were left out (no sentence of theirs names both ends)."""
    article = session.get(ArticleRow, article_id)
    assert article is not None
    names: dict[int, tuple[str, EntityType, list[str]]] = {}
    for entity_id, name, etype, text in session.execute(
        select(EntityRow.id, EntityRow.name, EntityRow.type, MentionRow.text)
        .join(MentionRow, MentionRow.entity_id == EntityRow.id)
        .where(MentionRow.article_id == article_id)
        .order_by(MentionRow.start)
    ).tuples():
        _, _, spellings = names.setdefault(entity_id, (name, EntityType(etype), []))
        if name_key(text) not in {name_key(name), *map(name_key, spellings)} and name_key(text):
            spellings.append(text)
    quotes: dict[tuple[int, int, str], list[str]] = defaultdict(list)
    for source_id, target_id, rtype, sentence in session.execute(
        select(RelationRow.source_id, RelationRow.target_id, RelationRow.type, EvidenceRow.sentence)
        .join(EvidenceRow, EvidenceRow.relation_id == RelationRow.id)
        .where(EvidenceRow.article_id == article_id, RelationRow.type != str(RelationType.CO_MENTION))
        .order_by(EvidenceRow.start)
    ).tuples():
        said = quotes[(source_id, target_id, rtype)]
        if sentence not in said:
            said.append(sentence)
    for source_id, target_id, _ in quotes:
        for end in (source_id, target_id):
            if end not in names:  # an added tie's end the extractor did not find in this article
                name, etype = session.execute(
                    select(EntityRow.name, EntityRow.type).where(EntityRow.id == end)
                ).one()
                names[end] = (name, EntityType(etype), [])
    forms = {i: [_form(f) for f in (name, *aliases) if _form(f)] for i, (name, _, aliases) in names.items()}
    relations = []
    for (s, o, t), said in quotes.items():
        # The format's rule (data/annotations/README.md): each quote names a form of both ends on its
        # own; a sentence that names an end only by a pronoun or an omitted subject is left out.
        kept = tuple(q for q in said if all(any(f in fold(q) for f in forms[end]) for end in (s, o)))
        if kept:
            relations.append(AnnotatedRelation(names[s][0], RelationType(t), names[o][0], kept))
    line = Annotation(
        doc_id=article.doc_id,
        entities=tuple(AnnotatedEntity(n, t, tuple(f)) for n, t, f in names.values()),
        relations=tuple(relations),
    )
    return line, len(quotes) - len(relations)


def _form(name: str) -> str:
    """A name as the annotation checker finds it in a quote (folded, a leading article aside)."""
    return _ARTICLE.sub("", fold(name))


def export(session: Session) -> tuple[list[Annotation], int]:
    """Every judged article's annotation, in the order the articles were stored, and how many ties
    were left out because none of their sentences names both ends."""
    lines, left_out = [], 0
    for article_id in judged_articles(session):
        line, dropped = annotation(session, article_id)
        lines.append(line)
        left_out += dropped
    return lines, left_out
