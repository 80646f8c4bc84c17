"""Ids that moved: an actor id merged away answers with a redirect to the actor it went into.

Actor ids survive rebuilds and judgements (store/ids.py), and an id that a merge took away still
stands for its names; a saved link or an exported id then leads to the actor that holds them now.
The redirect is 308 (permanent, method kept): the merge is recorded, and only an undo could bring
the id back, which a browser that cached the redirect would then miss only until it reloads.
"""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import HTTPException, Request
from fastapi.responses import RedirectResponse

from entramado.store import EntitySummary
from entramado.web.explorer import Explorer

# The query parameters that take an actor id (GET /api/graph?actor=, /api/path?source=&target=).
ID_PARAMETERS = ("actor", "source", "target")


class ActorMoved(Exception):
    """The actor ``old`` was merged into the actor ``new``."""

    def __init__(self, old: int, new: int) -> None:
        super().__init__(f"actor {old} is now actor {new}")
        self.old = old
        self.new = new


def actor_summary(ex: Explorer, actor_id: int) -> EntitySummary:
    """The actor with this id; ActorMoved when it was merged into another, else a 404."""
    found = ex.summaries([actor_id]).get(actor_id)
    if found is not None:
        return found
    current = ex.store.current_id(actor_id)
    if current is not None and current != actor_id:
        raise ActorMoved(actor_id, current)
    raise HTTPException(404, f"no actor has the id {actor_id}")


async def redirect(request: Request, exc: Exception) -> RedirectResponse:
    """The same request with the moved id replaced by the actor's id now."""
    assert isinstance(exc, ActorMoved)
    old, new = str(exc.old), str(exc.new)
    parts = request.url.path.split("/")
    path = "/".join(new if p == old and parts[i - 1] == "actors" else p for i, p in enumerate(parts))
    items = [
        (k, new if k in ID_PARAMETERS and v == old else v) for k, v in request.query_params.multi_items()
    ]
    query = urlencode(items)
    return RedirectResponse(path + (f"?{query}" if query else ""), status_code=308)
