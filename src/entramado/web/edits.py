"""The decision routes under /api/decisions: the user's judgements, recorded only with --allow-edits."""

from __future__ import annotations

import secrets
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, HTTPException

from entramado.web.api import ERRORS, HOST_REFUSED, ExplorerDep
from entramado.web.explorer import Explorer
from entramado.web.judge_schemas import DecisionOut, MergeRequest, SplitRequest
from entramado.web.schemas import Actor, Problem

# The header every decision carries: the token /api/meta hands the server's own page. A page on another
# origin can make a browser send a POST (web/guard.py refuses those by their Origin too) but cannot
# read /api/meta (no CORS, Cross-Origin-Resource-Policy: same-origin), so it cannot know the token.
TOKEN_HEADER = "X-Entramado-Token"


def _editable(ex: Explorer) -> None:
    if not ex.allow_edits:
        raise HTTPException(403, "this server is read-only; start it with --allow-edits to record decisions")


def editable(
    ex: ExplorerDep,
    token: Annotated[
        str | None,
        Header(
            alias=TOKEN_HEADER,
            description="The edit_token of GET /api/meta's answer (new at each start of the server)",
        ),
    ] = None,
) -> None:
    """Refuse a decision unless the server takes edits and the request carries this session's token."""
    _editable(ex)
    if ex.token is None or token is None or not secrets.compare_digest(token.encode(), ex.token.encode()):
        raise HTTPException(
            403,
            f"refused: a decision must carry the header {TOKEN_HEADER} with this server's session token "
            f"({'a wrong one was sent' if token else 'none was sent'}); the explorer page gets it from "
            "GET /api/meta (edit_token), which changes each time the server starts: reload the page",
        )


# Every decision route: read-only server, then the token (before the body is looked at).
router = APIRouter(prefix="/api", responses=ERRORS, dependencies=[Depends(editable)])


# A decision changes the database, so besides the read routes' answers: a body that is not UTF-8 JSON
# (refused before it is read as a decision), and a request sent by a page on another origin (CSRF,
# refused by web/guard.py whatever --allow-edits says) or to a read-only server.
DECISION_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": Problem, "description": f"The body is not UTF-8, or {HOST_REFUSED}."},
    403: {
        "model": Problem,
        "description": "The request comes from a page on another origin than this server's, "
        f"it lacks this session's token in {TOKEN_HEADER}, "
        "or the server is read-only (started without --allow-edits).",
    },
}


@router.post("/decisions/merge", response_model=Actor, responses=DECISION_ERRORS)
def merge(ex: ExplorerDep, body: MergeRequest) -> Actor:
    """Record that two names are one actor (``b`` into ``a``) and rebuild."""
    try:
        merged = ex.store.merge(body.a, body.b, note=body.note, by=body.by)
    finally:
        ex.changed()
    return Actor.of(merged)


@router.post("/decisions/split", response_model=Actor, responses=DECISION_ERRORS)
def split(ex: ExplorerDep, body: SplitRequest) -> Actor:
    """Record that a name is not the actor it was put under, and rebuild."""
    try:
        kept, _ = ex.store.split(body.actor, body.alias)
    finally:
        ex.changed()
    return Actor.of(kept)


@router.post("/decisions/not-same", response_model=DecisionOut, responses=DECISION_ERRORS)
def not_same(ex: ExplorerDep, body: MergeRequest) -> DecisionOut:
    """Record that two names are two actors (a suggested merge declined: it never comes back)."""
    try:
        decision = ex.store.not_same(body.a, body.b, note=body.note, by=body.by)
    finally:
        ex.changed()
    return DecisionOut.of(decision)
