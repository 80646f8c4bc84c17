"""Recording a tie the extractor missed: its evidence sentence located in a stored article's text."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from entramado.errors import AmbiguousActorError, EntramadoError
from entramado.models import RelationType
from entramado.resolve.decisions import Kind
from entramado.store.decide import identity, named
from entramado.store.judge_record import actors_named, record, tie_after
from entramado.store.judge_ties import relation
from entramado.store.reads.records import EntitySummary, TieSummary
from entramado.store.schema import Article as ArticleRow
from entramado.store.schema import Evidence as EvidenceRow
from entramado.store.schema import Mention as MentionRow


def find_article(session: Session, ref: str) -> ArticleRow:
    """The stored article ``ref`` names: its doc id (as outputs show it), else its row number."""
    rows = session.scalars(select(ArticleRow).where(ArticleRow.doc_id == ref).order_by(ArticleRow.id)).all()
    if not rows and ref.isdigit():
        by_number = session.get(ArticleRow, int(ref))
        rows = [by_number] if by_number is not None else []
    if not rows:
        raise EntramadoError(
            f"no stored article has the id '{ref}'; `entramado search \"words of it\"` and `entramado show "
            "ACTOR` print the articles' ids."
        )
    if len(rows) > 1:
        raise EntramadoError(
            f"{len(rows)} stored articles have the id '{ref}' ({', '.join(r.origin or '?' for r in rows)}); "
            f"give the row number instead: {', '.join(str(r.id) for r in rows)}."
        )
    return rows[0]


def _named_in(session: Session, query: str, article_id: int) -> EntitySummary:
    """The actor ``query`` names; of several so named, the one the article mentions."""
    try:
        return named(session, query)
    except AmbiguousActorError:
        mentioned = set(
            session.scalars(select(MentionRow.entity_id).where(MentionRow.article_id == article_id))
        )
        found = [e for e in actors_named(session, query) if e.id in mentioned]
        if len(found) != 1:
            raise
        return found[0]


def locate(text: str, sentence: str) -> tuple[int, int] | None:
    """Where ``sentence`` is in ``text``: exactly, else with any run of whitespace for a space (a
    sentence copied from a terminal loses the article's line breaks). None when it is not there."""
    exact = text.find(sentence)
    if exact >= 0 and sentence.strip():
        return exact, exact + len(sentence)
    words = sentence.split()
    if not words:
        return None
    found = re.search(r"\s+".join(re.escape(w) for w in words), text)
    return None if found is None else found.span()


def add_tie(
    session: Session,
    a: str,
    type: RelationType,
    b: str,
    article: str,
    sentence: str,
    note: str | None = None,
    by: str | None = None,
) -> TieSummary:
    """Record a tie A TYPE B that ``sentence`` of the stored ``article`` states, and rebuild."""
    if type == RelationType.CO_MENTION:
        raise EntramadoError("CO_MENTION is not a claim; add a tie of one of the other types.")
    row = find_article(session, article)
    first, second = _named_in(session, a, row.id), _named_in(session, b, row.id)
    if first.id == second.id:
        raise EntramadoError(f"'{a}' and '{b}' are one actor ({first.name}): a tie needs two.")
    span = locate(row.text, sentence)
    if span is None:
        title = f" ({row.title})" if row.title else ""
        raise EntramadoError(
            f"the sentence is not in the text of article {row.doc_id}{title}: copy it exactly from "
            f"the article (only whitespace may differ): {sentence[:80]!r}"
        )
    start, end = span
    existing = relation(session, first.id, second.id, type)
    if existing is not None and session.scalar(
        select(EvidenceRow.id).where(
            EvidenceRow.relation_id == existing, EvidenceRow.article_id == row.id, EvidenceRow.start == start
        )
    ):
        raise EntramadoError(
            f"that sentence already supports {first.name} {type} {second.name}; "
            f'to mark the tie as checked, use `entramado confirm "{first.name}" {type} "{second.name}"`.'
        )
    a_keys, b_keys = identity(session, first), identity(session, second)
    shared = a_keys & b_keys
    detail: dict[str, Any] = {
        "type": str(type), "b_type": str(second.type), "article": row.content_hash, "doc_id": row.doc_id,
        "start": start, "end": end, "sentence": row.text[start:end],
    }  # fmt: skip
    decision = record(
        session, Kind.ADD_TIE, (a, first, a_keys - shared), (b, second, b_keys - shared), detail, note, by
    )
    found = tie_after(session, decision, type)
    if found is None:  # pragma: no cover - the rebuild links the added sentence to the two actors
        raise EntramadoError(f"after the rebuild the added {type} tie is not there; please report this bug.")
    return found
