"""The decision routes under /api/decisions: the user's judgements, recorded only with --allow-edits."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException

from entramado.web.api import ERRORS, HOST_REFUSED, ExplorerDep
from entramado.web.explorer import Explorer
from entramado.web.judge_schemas import MergeRequest, SplitRequest
from entramado.web.schemas import Actor, Problem

router = APIRouter(prefix="/api", responses=ERRORS)


def _editable(ex: Explorer) -> None:
    if not ex.allow_edits:
        raise HTTPException(403, "this server is read-only; start it with --allow-edits to record decisions")


# A decision changes the database, so besides the read routes' answers: a body that is not UTF-8 JSON
# (refused before it is read as a decision), and a request sent by a page on another origin (CSRF,
# refused by web/guard.py whatever --allow-edits says) or to a read-only server.
DECISION_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": Problem, "description": f"The body is not UTF-8, or {HOST_REFUSED}."},
    403: {
        "model": Problem,
        "description": "The request comes from a page on another origin than this server's, "
        "or the server is read-only (started without --allow-edits).",
    },
}


@router.post("/decisions/merge", response_model=Actor, responses=DECISION_ERRORS)
def merge(ex: ExplorerDep, body: MergeRequest) -> Actor:
    """Record that two names are one actor (``b`` into ``a``) and rebuild."""
    _editable(ex)
    try:
        merged = ex.store.merge(body.a, body.b)
    finally:
        ex.changed()
    return Actor.of(merged)


@router.post("/decisions/split", response_model=Actor, responses=DECISION_ERRORS)
def split(ex: ExplorerDep, body: SplitRequest) -> Actor:
    """Record that a name is not the actor it was put under, and rebuild."""
    _editable(ex)
    try:
        kept, _ = ex.store.split(body.actor, body.alias)
    finally:
        ex.changed()
    return Actor.of(kept)
