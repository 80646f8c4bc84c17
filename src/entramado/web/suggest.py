"""GET /api/suggest-merges: likely duplicate actors, each with its evidence (answers: decision routes)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from entramado.analyse.duplicates import Suggestion, suggest_merges
from entramado.models import EntityType
from entramado.web.api import ERRORS, MAX_PAGE, ExplorerDep

router = APIRouter(prefix="/api", responses=ERRORS)


@router.get("/suggest-merges", response_model=list[Suggestion])
def suggestions(
    ex: ExplorerDep,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description="At most this many suggestions.")] = 20,
    type: Annotated[EntityType | None, Query(description="Only actors of this type.")] = None,
) -> list[Suggestion]:
    """Pairs of actors likely to be one, best first, each with its score, the score's parts and the
    reasons (close names, a short form, shared neighbours and articles); declined pairs left out.
    Accept one with POST /api/decisions/merge (``a`` the kept actor, ``b`` the other)."""
    return suggest_merges(ex.store, limit=limit, type=type)
