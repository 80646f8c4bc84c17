"""Typed records that flow between the pipeline stages: read → clean → annotate → resolve → store."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any


class EntityType(StrEnum):
    """Entity types of the gold guidelines (``../shared/gold/GUIDELINES.md``)."""

    PERSON = "PERSON"
    ORGANIZATION = "ORGANIZATION"
    PLACE = "PLACE"
    EVENT = "EVENT"


class RelationType(StrEnum):
    """Tie types of the gold guidelines, plus the weak ``CO_MENTION`` that is never a claim."""

    MEMBER_OF = "MEMBER_OF"
    POSITION = "POSITION"
    ALLY = "ALLY"
    OPPOSES = "OPPOSES"
    MEETS = "MEETS"
    PARTICIPATES_IN = "PARTICIPATES_IN"
    CANDIDATE_IN = "CANDIDATE_IN"
    FAMILY = "FAMILY"
    CO_MENTION = "CO_MENTION"

    @property
    def directed(self) -> bool:
        """Whether source → target carries meaning (the guidelines' "any ↔ any" types do not)."""
        return self not in _UNDIRECTED


_UNDIRECTED = {
    RelationType.ALLY,
    RelationType.OPPOSES,
    RelationType.MEETS,
    RelationType.FAMILY,
    RelationType.CO_MENTION,
}


# No tie of a network in the news is dated before this: earlier dates are stray numbers read as years.
EARLIEST_DATE = date(1900, 1, 1)


class RankBy(StrEnum):
    """The centralities an actor can be ranked by (``entramado rank --by``)."""

    DEGREE = "degree"
    WEIGHTED_DEGREE = "weighted_degree"
    BETWEENNESS = "betweenness"
    PAGERANK = "pagerank"
    BROKER = "broker"


@dataclass(frozen=True, slots=True)
class Article:
    """One article as read from its source; after cleaning, ``text`` is what offsets refer to."""

    doc_id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: date | None = None
    author: str | None = None
    outlet: str | None = None
    # Where the article came from, for messages: a path, "path:line" for JSONL, or a URL.
    origin: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def content_hash(self) -> str:
        """SHA-256 of the text: the identity used to make re-ingesting a no-op."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class ReadFailure:
    """An input that could not be turned into an article, and why (one line for the user)."""

    origin: str
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Mention:
    """One place in the article text where an entity is named or referred to."""

    text: str
    start: int
    end: int
    sentence: int


@dataclass(slots=True)
class Entity:
    """An actor or place of one article: its fullest name, type, other names, and mentions."""

    name: str
    type: EntityType
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Evidence:
    """The sentence that supports a tie: its text and character offsets in the article text."""

    sentence: str
    start: int
    end: int
    cue: str | None = None
    attributed_to: str | None = None
    date: date | None = None


@dataclass(slots=True)
class Relation:
    """A typed tie between two entities of one article (by entity name), with its evidence."""

    source: str
    type: RelationType
    target: str
    confidence: float
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(slots=True)
class Extraction:
    """Everything extracted from one article: the stage output that ``store`` and ``extract`` consume."""

    article: Article
    language: str
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    # Dates found in evidence sentences but left out as implausible (before 1900, or after the
    # article's date or today): stray numbers read as years, not when the tie held.
    dropped_dates: int = 0

    def to_document(self) -> dict[str, Any]:
        """The JSONL document of the gold guidelines, plus evidence and confidence per relation."""
        return {
            "doc_id": self.article.doc_id,
            "language": self.language,
            "entities": [{"name": e.name, "type": str(e.type), "aliases": e.aliases} for e in self.entities],
            "relations": [
                {
                    "source": r.source,
                    "type": str(r.type),
                    "target": r.target,
                    "confidence": round(r.confidence, 3),
                    "evidence": [
                        {
                            "sentence": ev.sentence,
                            "start": ev.start,
                            "end": ev.end,
                            "cue": ev.cue,
                            "attributed_to": ev.attributed_to,
                            "date": ev.date.isoformat() if ev.date else None,
                        }
                        for ev in r.evidence
                    ],
                }
                for r in self.relations
            ],
        }
