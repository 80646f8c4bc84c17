"""The judgement routes under /api/decisions: ties and actors judged, decisions listed and undone.

Like the merge and split routes (web/edits.py), each records a decision only with --allow-edits (403
otherwise), and web/guard.py refuses one sent by a page on another origin. Each answers what the
judgement changed: the tie as it is now (confirmed, its rejected sentences, its old type), the actor
under its new name or type, or the decision recorded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from fastapi import APIRouter, Depends

from entramado.store import Store
from entramado.web.api import ERRORS, ExplorerDep
from entramado.web.edits import DECISION_ERRORS, editable
from entramado.web.explorer import Explorer
from entramado.web.judge_schemas import (
    AddTieRequest,
    Blocked,
    BlockRequest,
    DecisionOut,
    Decisions,
    JudgedTie,
    Rejected,
    RejectRequest,
    RenameRequest,
    RetypeRequest,
    RetypeTieRequest,
    TieRequest,
    UndoRequest,
)
from entramado.web.schemas import Actor

router = APIRouter(prefix="/api/decisions", responses=ERRORS)
T = TypeVar("T")
# Read-only server, then the session token (web/edits.py): on every route that records a decision.
EDIT = [Depends(editable)]


def _judge(ex: Explorer, fn: Callable[[Store], T]) -> T:
    """Record one judgement, then let the explorer know the graph changed (even when it failed)."""
    try:
        return fn(ex.store)
    finally:
        ex.changed()


@router.get("", response_model=Decisions)
def decisions(ex: ExplorerDep) -> Decisions:
    """Every recorded decision of every kind, oldest first, with its author, time and note."""
    return Decisions(items=[DecisionOut.of(d) for d in ex.store.decisions()])


@router.post("/reject", response_model=Rejected, responses=DECISION_ERRORS, dependencies=EDIT)
def reject(ex: ExplorerDep, body: RejectRequest) -> Rejected:
    """Record that a tie is wrong, or that one of its sentences (``evidence``) does not support it."""
    decision, tie = _judge(
        ex, lambda s: s.reject(body.a, body.type, body.b, evidence=body.evidence, note=body.note, by=body.by)
    )
    return Rejected(decision=DecisionOut.of(decision), tie=None if tie is None else JudgedTie.of(tie))


@router.post("/confirm", response_model=JudgedTie, responses=DECISION_ERRORS, dependencies=EDIT)
def confirm(ex: ExplorerDep, body: TieRequest) -> JudgedTie:
    """Record that a person checked a tie; it is marked confirmed everywhere."""
    return JudgedTie.of(
        _judge(ex, lambda s: s.confirm(body.a, body.type, body.b, note=body.note, by=body.by))
    )


@router.post("/add-tie", response_model=JudgedTie, responses=DECISION_ERRORS, dependencies=EDIT)
def add_tie(ex: ExplorerDep, body: AddTieRequest) -> JudgedTie:
    """Record a tie the extractor missed, its sentence located in a stored article (400 when not found)."""
    tie = _judge(
        ex,
        lambda s: s.add_tie(
            body.a, body.type, body.b, body.article, body.sentence, note=body.note, by=body.by
        ),
    )
    return JudgedTie.of(tie)


@router.post("/retype-tie", response_model=JudgedTie, responses=DECISION_ERRORS, dependencies=EDIT)
def retype_tie(ex: ExplorerDep, body: RetypeTieRequest) -> JudgedTie:
    """Record that a tie is of another type (same evidence)."""
    return JudgedTie.of(
        _judge(ex, lambda s: s.retype_tie(body.a, body.old, body.new, body.b, note=body.note, by=body.by))
    )


@router.post("/rename", response_model=Actor, responses=DECISION_ERRORS, dependencies=EDIT)
def rename(ex: ExplorerDep, body: RenameRequest) -> Actor:
    """Record the name an actor is shown under; the old name stays an alias."""
    return Actor.of(
        _judge(ex, lambda s: s.rename(body.name, body.new, type=body.type, note=body.note, by=body.by))
    )


@router.post("/retype", response_model=Actor, responses=DECISION_ERRORS, dependencies=EDIT)
def retype(ex: ExplorerDep, body: RetypeRequest) -> Actor:
    """Record an actor's type."""
    return Actor.of(
        _judge(ex, lambda s: s.retype(body.name, body.new, type=body.type, note=body.note, by=body.by))
    )


@router.post("/block", response_model=Blocked, responses=DECISION_ERRORS, dependencies=EDIT)
def block(ex: ExplorerDep, body: BlockRequest) -> Blocked:
    """Record that a name is never an actor: its mentions and ties go, now and in later ingests."""
    decision, unlinked = _judge(ex, lambda s: s.block(body.name, type=body.type, note=body.note, by=body.by))
    return Blocked(decision=DecisionOut.of(decision), unlinked_mentions=unlinked)


@router.post("/unblock", response_model=DecisionOut, responses=DECISION_ERRORS, dependencies=EDIT)
def unblock(ex: ExplorerDep, body: BlockRequest) -> DecisionOut:
    """Record that a blocked name may be an actor again."""
    return DecisionOut.of(_judge(ex, lambda s: s.unblock(body.name, note=body.note, by=body.by)))


@router.post("/undo", response_model=DecisionOut, responses=DECISION_ERRORS, dependencies=EDIT)
def undo(ex: ExplorerDep, body: UndoRequest) -> DecisionOut:
    """Delete one decision (of any kind) and its effect; answers the decision undone."""
    return DecisionOut.of(_judge(ex, lambda s: s.undo(body.number)))
