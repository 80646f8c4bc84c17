"""The decision routes' typed shapes (pydantic): what each judgement takes, and what it answers."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BaseModel, Field

from entramado.models import EntityType, RelationType
from entramado.store import Decision, TieSummary
from entramado.web.schemas import NO_NUL, ActorRef, Judged

# The largest integer a JSON number carries exactly (a client's float of 2**62 rounds above it).
JSON_INT = 2**53
Name = Annotated[str, Field(min_length=1, max_length=300, pattern=NO_NUL)]
Note = Annotated[str | None, Field(max_length=2000, pattern=NO_NUL, description="Why, for the record")]
By = Annotated[
    str | None,
    Field(max_length=200, pattern=NO_NUL, description="Who decides [default: the server's user]"),
]


class MergeRequest(BaseModel):
    """Two names of one actor: ``b`` becomes part of ``a`` (``not-same``: two actors, never one)."""

    a: Name
    b: Name
    note: Note = None
    by: By = None


class SplitRequest(BaseModel):
    """A name that is not the actor it was put under."""

    actor: Name
    alias: Name


class TieRequest(BaseModel):
    """A tie by its two ends' names and its type (``confirm``; ``reject`` adds ``evidence``)."""

    a: Name
    type: RelationType
    b: Name
    note: Note = None
    by: By = None


class RejectRequest(TieRequest):
    """A wrong tie; with ``evidence`` (an evidence sentence's ``id``), a sentence that does not support it."""

    evidence: int | None = Field(None, ge=1, le=JSON_INT)


class AddTieRequest(TieRequest):
    """A tie the extractor missed, with a sentence copied from a stored article (its doc id)."""

    article: Name
    sentence: str = Field(min_length=1, max_length=5000, pattern=NO_NUL)


class RetypeTieRequest(BaseModel):
    """The tie ``a old b`` is of type ``new``."""

    a: Name
    old: RelationType
    new: RelationType
    b: Name
    note: Note = None
    by: By = None


class RenameRequest(BaseModel):
    """The name an actor is shown under (its old name stays an alias)."""

    name: Name
    new: Name
    type: EntityType | None = None
    note: Note = None
    by: By = None


class RetypeRequest(BaseModel):
    """An actor's type."""

    name: Name
    new: EntityType
    type: EntityType | None = None
    note: Note = None
    by: By = None


class BlockRequest(BaseModel):
    """A name that is never an actor (``unblock`` lifts it; ``type`` is for ``block`` only)."""

    name: Name
    type: EntityType | None = None
    note: Note = None
    by: By = None


class UndoRequest(BaseModel):
    """A decision's number, as ``GET /api/decisions`` lists it."""

    number: int = Field(ge=1, le=JSON_INT)


class DecisionOut(BaseModel):
    """One recorded decision: its number, kind, the names it was about, who made it, when and why."""

    id: int
    kind: str
    type: str
    a_name: str
    b_name: str
    detail: dict[str, Any]
    author: str | None
    created_at: dt.datetime
    note: str | None

    @classmethod
    def of(cls, d: Decision) -> DecisionOut:
        return cls(
            id=d.id, kind=str(d.kind), type=str(d.type), a_name=d.a_name, b_name=d.b_name,
            detail=d.detail, author=d.author, created_at=d.created_at, note=d.note,
        )  # fmt: skip


class Decisions(BaseModel):
    """Every recorded decision, oldest first (the order they apply in)."""

    items: list[DecisionOut]


class JudgedTie(Judged):
    """A tie as a judgement left it."""

    relation_id: int
    type: str
    source: ActorRef
    target: ActorRef
    evidence_count: int
    article_count: int
    confidence: float

    @classmethod
    def of(cls, t: TieSummary) -> JudgedTie:
        return cls(
            relation_id=t.id, type=str(t.type),
            source=ActorRef(id=t.source_id, name=t.source, type=str(t.source_type)),
            target=ActorRef(id=t.target_id, name=t.target, type=str(t.target_type)),
            evidence_count=t.evidence_count, article_count=t.article_count,
            confidence=round(t.confidence, 6), confirmed=t.confirmed, rejected=t.rejected,
            retyped_from=t.retyped_from,
        )  # fmt: skip


class Rejected(BaseModel):
    """A rejection: the decision, and the tie after it (null when it is gone)."""

    decision: DecisionOut
    tie: JudgedTie | None


class Blocked(BaseModel):
    """A block: the decision, and how many mentions no longer name an actor."""

    decision: DecisionOut
    unlinked_mentions: int
