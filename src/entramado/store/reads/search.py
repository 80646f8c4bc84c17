"""Full-text search over article titles, texts and evidence sentences (SQLite FTS5, PostgreSQL tsearch).

The indexes are migration 0003's: accents and case folded on both dialects, Spanish stemming on
PostgreSQL only (FTS5 has no Spanish stemmer), so "elecciones" also finds "elección" there.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session, aliased

from entramado.store.schema import Article as ArticleRow
from entramado.store.schema import Entity as EntityRow
from entramado.store.schema import Evidence as EvidenceRow
from entramado.store.schema import Mention as MentionRow
from entramado.store.schema import Relation as RelationRow

# Marks around the matched words in the database's snippets: characters news text does not use,
# turned into offsets before anything leaves this module.
OPEN, CLOSE = "\u27e6", "\u27e7"
ACTORS_SHOWN = 8  # actors listed per article, most mentioned first
# Matching evidence sentences listed per article; co-mentions are no claim and are left out.
EVIDENCE_SHOWN = 3
_TERM = re.compile(r'"([^"]*)"|([^\s"]+)')
# The same expression as the GIN index of migration 0003, or PostgreSQL would not use the index.
_PG_DOC = "to_tsvector('entramado_es'::regconfig, coalesce(a.title, '') || ' ' || a.text)"
_PG_QUERY = "websearch_to_tsquery('entramado_es', :q)"
_PG_HEADLINE = f"StartSel={OPEN}, StopSel={CLOSE}, MaxWords=30, MinWords=12, MaxFragments=1"


@dataclass(frozen=True, slots=True)
class Snippet:
    """A passage of the article with the matched words at ``marks`` (offsets in ``text``)."""

    text: str
    marks: list[tuple[int, int]]


@dataclass(frozen=True, slots=True)
class NamedActor:
    """An actor the article names, with how many times it does."""

    id: int
    name: str
    type: str
    mentions: int


@dataclass(frozen=True, slots=True)
class MatchedEvidence:
    """An evidence sentence of the article that matches, and the tie it supports (if any)."""

    evidence_id: int
    sentence: Snippet
    source: str
    type: str
    target: str
    relation_id: int | None


@dataclass(frozen=True, slots=True)
class TextHit:
    """One article that matches: where, the matching passage, the actors it names, matching evidence."""

    article_id: int
    doc_id: str
    title: str | None
    outlet: str | None
    published: dt.date | None
    url: str | None
    snippet: Snippet
    actors: list[NamedActor]
    actor_count: int
    evidence: list[MatchedEvidence]


@dataclass(frozen=True, slots=True)
class TextSearch:
    """The articles matching ``query``, best first: ``total`` in all, ``hits`` from ``offset``."""

    query: str
    total: int
    offset: int
    hits: list[TextHit]


def marked(snippet: str) -> Snippet:
    """The snippet without its marks, and where they were."""
    out, marks, pos, start = [], [], 0, 0
    for part in re.split(f"([{OPEN}{CLOSE}])", snippet):
        if part == OPEN:
            start = pos
        elif part == CLOSE:
            marks.append((start, pos))
        else:
            out.append(part)
            pos += len(part)
    return Snippet("".join(out), marks)


def fts5_query(query: str) -> str:
    """The user's words as an FTS5 query: every word (or "quoted phrase") must occur; ``word*`` is a prefix.

    Each term is quoted, so FTS5 operators and punctuation in the text typed are only words.
    """
    terms = []
    for phrase, word in _TERM.findall(query):
        prefix = word.endswith("*") and len(word.strip("*")) > 0
        body = (phrase or word).strip("*").replace('"', "")
        if body.strip():
            terms.append(f'"{body}"' + ("*" if prefix else ""))
    return " ".join(terms)


def _sqlite_articles(
    session: Session, query: str, offset: int, limit: int
) -> tuple[int, list[tuple[int, str]]]:
    q = fts5_query(query)
    if not q:
        return 0, []
    total = session.execute(text("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH :q"), {"q": q})
    rows = session.execute(
        text(
            f"SELECT rowid, snippet(articles_fts, -1, '{OPEN}', '{CLOSE}', '…', 24) FROM articles_fts "
            "WHERE articles_fts MATCH :q ORDER BY rank, rowid LIMIT :limit OFFSET :offset"
        ),
        {"q": q, "limit": limit, "offset": offset},
    )
    return int(total.scalar_one()), [(int(i), str(s)) for i, s in rows]


def _sqlite_evidence(session: Session, query: str, articles: list[int]) -> list[tuple[int, str]]:
    q = fts5_query(query)
    ids = ", ".join(str(int(i)) for i in articles)
    rows = session.execute(
        text(
            f"SELECT e.id, snippet(evidence_fts, 0, '{OPEN}', '{CLOSE}', '…', 24) FROM evidence_fts "
            f"JOIN evidence e ON e.id = evidence_fts.rowid WHERE evidence_fts MATCH :q "
            f"AND e.article_id IN ({ids}) AND e.type != 'CO_MENTION' ORDER BY e.article_id, e.start, e.id"
        ),
        {"q": q},
    )
    return [(int(i), str(s)) for i, s in rows]


def _pg_articles(session: Session, query: str, offset: int, limit: int) -> tuple[int, list[tuple[int, str]]]:
    where = f"FROM articles a WHERE {_PG_DOC} @@ websearch_to_tsquery('entramado_es', :q)"
    total = session.execute(text(f"SELECT count(*) {where}"), {"q": query}).scalar_one()
    rows = session.execute(
        text(
            "SELECT a.id, ts_headline('entramado_es', coalesce(a.title, '') || ' ' || a.text, "
            f"websearch_to_tsquery('entramado_es', :q), '{_PG_HEADLINE}') FROM ("
            f"SELECT a.id, a.title, a.text, ts_rank({_PG_DOC}, {_PG_QUERY}) AS r "
            f"{where} ORDER BY r DESC, a.id LIMIT :limit OFFSET :offset) AS a ORDER BY a.r DESC, a.id"
        ),
        {"q": query, "limit": limit, "offset": offset},
    )
    return int(total), [(int(i), str(s)) for i, s in rows]


def _pg_evidence(session: Session, query: str, articles: list[int]) -> list[tuple[int, str]]:
    rows = session.execute(
        text(
            "SELECT e.id, ts_headline('entramado_es', e.sentence, websearch_to_tsquery('entramado_es', :q), "
            f"'StartSel={OPEN}, StopSel={CLOSE}, MaxWords=30, MinWords=12') FROM evidence e "
            f"WHERE to_tsvector('entramado_es'::regconfig, e.sentence) @@ {_PG_QUERY} "
            "AND e.article_id = ANY(:ids) AND e.type != 'CO_MENTION' ORDER BY e.article_id, e.start, e.id"
        ),
        {"q": query, "ids": articles},
    )
    return [(int(i), str(s)) for i, s in rows]


def search_text(session: Session, query: str, limit: int = 20, offset: int = 0) -> TextSearch:
    """The articles whose title or text holds every word of ``query`` (accents and case aside), best first."""
    postgres = session.get_bind().dialect.name == "postgresql"
    find_articles = _pg_articles if postgres else _sqlite_articles
    total, found = find_articles(session, query, offset, limit)
    ids = [i for i, _ in found]
    if not ids:
        return TextSearch(query, total, offset, [])
    evidence = (_pg_evidence if postgres else _sqlite_evidence)(session, query, ids)
    matched = _evidence(session, evidence)
    actors = _actors(session, ids)
    rows = {a.id: a for a in session.scalars(select(ArticleRow).where(ArticleRow.id.in_(ids)))}
    hits = [
        TextHit(
            i,
            rows[i].doc_id,
            rows[i].title,
            rows[i].outlet,
            rows[i].published,
            rows[i].url,
            marked(snippet),
            actors[i][:ACTORS_SHOWN],
            len(actors[i]),
            matched[i][:EVIDENCE_SHOWN],
        )
        for i, snippet in found
    ]
    return TextSearch(query, total, offset, hits)


def _evidence(session: Session, found: list[tuple[int, str]]) -> dict[int, list[MatchedEvidence]]:
    """The matching evidence rows by article, with the resolved names of their tie's ends."""
    source, target = aliased(EntityRow), aliased(EntityRow)
    rows = session.execute(
        select(EvidenceRow, source.name, target.name)
        .outerjoin(RelationRow, RelationRow.id == EvidenceRow.relation_id)
        .outerjoin(source, source.id == RelationRow.source_id)
        .outerjoin(target, target.id == RelationRow.target_id)
        .where(EvidenceRow.id.in_([i for i, _ in found]))
    )
    by_id = {e.id: (e, s, t) for e, s, t in rows}
    out: dict[int, list[MatchedEvidence]] = defaultdict(list)
    for i, sentence in found:
        e, s, t = by_id[i]
        out[e.article_id].append(
            MatchedEvidence(
                e.id, marked(sentence), s or e.source_local, e.type, t or e.target_local, e.relation_id
            )
        )
    return out


def _actors(session: Session, articles: list[int]) -> dict[int, list[NamedActor]]:
    """The actors each article names, most mentioned first."""
    count = func.count(MentionRow.id)
    rows = session.execute(
        select(MentionRow.article_id, EntityRow.id, EntityRow.name, EntityRow.type, count)
        .join(EntityRow, EntityRow.id == MentionRow.entity_id)
        .where(MentionRow.article_id.in_(articles))
        .group_by(MentionRow.article_id, EntityRow.id, EntityRow.name, EntityRow.type)
        .order_by(MentionRow.article_id, count.desc(), EntityRow.name, EntityRow.id)
    )
    out: dict[int, list[NamedActor]] = defaultdict(list)
    for article, *actor in rows:
        out[article].append(NamedActor(*actor))
    return out
