"""The API's typed shapes (pydantic): what each route answers, as the OpenAPI document describes it.

The analysis results (paths, blocs, rankings, timelines, subgraphs) are the library's own
dataclasses, which FastAPI describes and validates as they are; the models here are the shapes
only the web needs: pages, an actor with its figures, a tie with marked evidence.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import BaseModel, BeforeValidator, Field
from pydantic_core import PydanticCustomError

from entramado.store import EntitySummary, EvidenceView, Tie, TieSummary
from entramado.store.reads.explore import MarkedEvidence
from entramado.store.reads.outlets import Outlet

# Only these schemes become links; any other URL in an article (javascript:, data:) is shown as text.
LINK_SCHEMES = ("http", "https")
# Names are stored as text, which PostgreSQL refuses to hold a NUL in.
NO_NUL = r"^[^\x00]*$"
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_day(value: object) -> object:
    # Pydantic alone reads a number as a Unix time (until=0 would be 1970-01-01) and takes a datetime
    # at midnight: a day is asked for as YYYY-MM-DD, the only form the page and the CLI use.
    if isinstance(value, str) and not DAY.fullmatch(value):
        raise PydanticCustomError("day_format", "a day is written YYYY-MM-DD, for example 2024-05-01")
    return value


Day = Annotated[dt.date, BeforeValidator(_iso_day)]


class Problem(BaseModel):
    """Why a request was refused (every error answer has this shape)."""

    detail: str


class ActorRef(BaseModel):
    """An actor named in another answer."""

    id: int
    name: str
    type: str


class Actor(ActorRef):
    """An actor with its other names and how present it is."""

    aliases: list[str]
    mentions: int
    articles: int
    renamed_from: str | None = Field(None, description="Its name before a user's rename")
    retyped_from: str | None = Field(None, description="Its type before a user's retype")

    @classmethod
    def of(cls, e: EntitySummary) -> Actor:
        return cls(
            id=e.id,
            name=e.name,
            type=str(e.type),
            aliases=e.aliases,
            mentions=e.mention_count,
            articles=e.article_count,
            renamed_from=e.renamed_from,
            retyped_from=e.retyped_from,
        )


class SearchResults(BaseModel):
    """Actors whose names start with the query, most present first."""

    items: list[Actor]
    total: int = Field(description="Actors that match in all, of which ``items`` are the first.")


class Centrality(BaseModel):
    """An actor's figures in the whole network (every claimed tie)."""

    degree: int
    weighted_degree: float
    betweenness: float
    pagerank: float
    broker: float


class ActorDetail(Actor):
    """An actor, its ties counted by type, its centralities and its bloc."""

    ties_by_type: dict[str, int]
    rank: Centrality | None
    bloc: int | None


class Judged(BaseModel):
    """What users' judgements changed on a tie."""

    confirmed: bool = Field(False, description="A person checked the tie (entramado confirm)")
    rejected: int = Field(0, description="Evidence sentences a person rejected: hidden, not counted")
    retyped_from: str | None = Field(None, description="Its type before a retype-tie")


class TieItem(Judged):
    """One of an actor's ties, seen from that actor."""

    relation_id: int
    type: str
    direction: str = Field(description="out, in, or both for undirected types")
    other: ActorRef
    evidence_count: int
    article_count: int
    confidence: float
    first_seen: dt.date | None
    last_seen: dt.date | None

    @classmethod
    def of(cls, t: Tie) -> TieItem:
        return cls(
            relation_id=t.relation_id,
            type=str(t.type),
            direction=t.direction,
            other=ActorRef(id=t.other_id, name=t.other, type=str(t.other_type)),
            evidence_count=t.evidence_count,
            article_count=t.article_count,
            confidence=round(t.confidence, 6),
            first_seen=t.first_seen,
            last_seen=t.last_seen,
            confirmed=t.confirmed,
            rejected=t.rejected,
            retyped_from=t.retyped_from,
        )


class TiePage(BaseModel):
    """A page of an actor's ties."""

    total: int
    offset: int
    limit: int
    items: list[TieItem]


class Highlight(BaseModel):
    """Where one of the tie's actors is named in the sentence (character offsets in ``sentence``)."""

    start: int
    end: int
    actor_id: int


class ArticleRef(BaseModel):
    """The article a sentence comes from; ``url`` only when it is an http(s) address."""

    doc_id: str
    title: str | None
    url: str | None
    outlet: str | None
    published: dt.date | None


class Evidence(BaseModel):
    """One sentence supporting a tie, who said it, when, and where it was published."""

    id: int = Field(0, description="The sentence's number, for a rejection of it")
    added: bool = Field(False, description="A person added it (entramado add-tie)")
    sentence: str
    highlights: list[Highlight]
    cue: str | None
    attributed_to: str | None
    date: dt.date | None
    article: ArticleRef

    @classmethod
    def of(cls, marked: MarkedEvidence) -> Evidence:
        ev: EvidenceView = marked.evidence
        return cls(
            id=ev.id,
            added=ev.added,
            sentence=ev.sentence,
            highlights=[Highlight(start=h.start, end=h.end, actor_id=h.entity_id) for h in marked.highlights],
            cue=ev.cue,
            attributed_to=ev.attributed_to,
            date=ev.date,
            article=ArticleRef(
                doc_id=ev.doc_id,
                title=ev.title,
                url=safe_url(ev.url),
                outlet=ev.outlet,
                published=ev.published,
            ),
        )


class EvidencePage(BaseModel):
    """A page of a tie's evidence, newest first."""

    total: int
    offset: int
    limit: int
    items: list[Evidence]


class TieDetail(Judged):
    """A tie between two actors with a page of its evidence."""

    relation_id: int
    type: str
    directed: bool
    source: ActorRef
    target: ActorRef
    evidence_count: int
    article_count: int
    confidence: float
    first_seen: dt.date | None
    last_seen: dt.date | None
    evidence: EvidencePage

    @classmethod
    def of(cls, t: TieSummary, evidence: EvidencePage) -> TieDetail:
        return cls(
            relation_id=t.id,
            type=str(t.type),
            directed=t.type.directed,
            source=ActorRef(id=t.source_id, name=t.source, type=str(t.source_type)),
            target=ActorRef(id=t.target_id, name=t.target, type=str(t.target_type)),
            evidence_count=t.evidence_count,
            article_count=t.article_count,
            confidence=round(t.confidence, 6),
            first_seen=t.first_seen,
            last_seen=t.last_seen,
            evidence=evidence,
            confirmed=t.confirmed,
            rejected=t.rejected,
            retyped_from=t.retyped_from,
        )


class RelationTypeInfo(BaseModel):
    """A tie type and whether its direction means something."""

    value: str
    directed: bool


class Counts(BaseModel):
    """What the database holds."""

    articles: int
    actors: int
    ties: int
    evidence: int


class Limits(BaseModel):
    """The largest subgraph and page the API serves."""

    max_nodes: int
    max_page: int


class Meta(BaseModel):
    """What the page needs to set itself up: types, the dates covered, counts and limits."""

    version: str
    allow_edits: bool
    edit_token: str | None = Field(
        None, description="With --allow-edits only: send it as X-Entramado-Token with every decision"
    )
    counts: Counts
    entity_types: list[str]
    relation_types: list[RelationTypeInfo]
    outlets: list[str] = Field(
        description="One name per outlet (spellings that differ only in case, "
        "accents and spacing are one outlet); a filter on it keeps every spelling."
    )
    outlet_groups: list[Outlet]  # each outlet's name shown, every stored spelling, its articles
    first_date: dt.date | None
    last_date: dt.date | None
    limits: Limits


def safe_url(url: str | None) -> str | None:
    """``url`` if it is an http(s) address, else None: article metadata is untrusted input."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in LINK_SCHEMES else None
