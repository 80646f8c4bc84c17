"""The JSON API under /api: parse the request, call the library, answer a typed model. No SQL here."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import FileResponse
from pydantic import StringConstraints
from starlette.background import BackgroundTask

from entramado import __version__
from entramado.analyse import Blocs, Connection, Ranking, Timeline, explain
from entramado.analyse import blocs as find_blocs
from entramado.analyse import rank as rank_actors
from entramado.analyse import timeline as actor_timeline
from entramado.analyse.subgraph import Subgraph
from entramado.analyse.ties import ties_of
from entramado.export import FORMATS, export
from entramado.models import EntityType, RankBy, RelationType
from entramado.store.reads.graph import GraphFilter
from entramado.store.reads.search import TextSearch
from entramado.web.explorer import Explorer
from entramado.web.moved import actor_summary as _actor
from entramado.web.schemas import (
    NO_NUL,
    Actor,
    ActorDetail,
    Centrality,
    Counts,
    Day,
    EvidencePage,
    Limits,
    Meta,
    Problem,
    RelationTypeInfo,
    SearchResults,
    TieDetail,
    TieItem,
    TiePage,
)
from entramado.web.schemas import Evidence as EvidenceOut

# Sizes the API refuses to exceed: a page of ties or evidence, and a subgraph the browser can draw.
MAX_PAGE = 200
MAX_NODES = 5000
DEFAULT_NODES = 300
MAX_ID = 2**62  # above any stored id, below what SQLite and PostgreSQL integers hold
# The download's name for the single-file formats (neo4j and csv are folders, sent as a zip).
FILE_NAMES = {"graphml": "red.graphml", "gexf": "red.gexf", "cytoscape": "red.cyjs", "ftm": "red.ftm.json"}

HOST_REFUSED = "the request is addressed to a name this server does not answer (see `serve --host`)"
# Every route may answer these besides its own 200 (and FastAPI's 422 for bad parameters).
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": Problem, "description": f"Refused: {HOST_REFUSED}."},
    308: {"description": "The actor id was merged into another actor: the same request with its id."},
    404: {"model": Problem, "description": "No actor or tie has that id, or no actor has that name."},
    409: {"model": Problem, "description": "A name given names several actors."},
    503: {"model": Problem, "description": "The database cannot be read or written."},
}
router = APIRouter(prefix="/api", responses=ERRORS)

Id = Annotated[int, PathParam(ge=1, le=MAX_ID, description="An actor's id (from search).")]
# PostgreSQL text cannot hold NUL: such a name is refused as a bad parameter, not met in the database.
OutletName = Annotated[str, StringConstraints(max_length=500, pattern=NO_NUL)]
MaxNodes = Annotated[int, Query(ge=1, le=MAX_NODES, description="At most this many actors.")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Items to skip.")]


def explorer(request: Request) -> Explorer:
    """The app's shared explorer (see ``app.create_app``)."""
    found: Explorer = request.app.state.explorer
    return found


ExplorerDep = Annotated[Explorer, Depends(explorer)]


def graph_filter(
    ex: ExplorerDep,
    since: Annotated[Day | None, Query(description="Evidence on or after this day (YYYY-MM-DD).")] = None,
    until: Annotated[Day | None, Query(description="Evidence on or before this day (YYYY-MM-DD).")] = None,
    types: Annotated[list[RelationType] | None, Query(description="Only these tie types.")] = None,
    co_mentions: Annotated[bool, Query(description="Add mere co-mentions (never claims).")] = False,
    min_confidence: Annotated[float, Query(ge=0.0, le=1.0, description="Ties at least this sure.")] = 0.0,
    min_evidence: Annotated[int, Query(ge=1, le=1_000_000, description="Ties with this many sentences.")] = 1,
    actor_types: Annotated[list[EntityType] | None, Query(description="Both ends of these types.")] = None,
    outlets: Annotated[
        list[OutletName] | None, Query(description="Only these outlets, any spelling.")
    ] = None,
) -> GraphFilter:
    """The graph filter the query parameters describe (the CLI's graph options; outlets in any spelling)."""
    spellings = ex.outlet_spellings(outlets)
    return GraphFilter.of(
        since, until, types, co_mentions, min_confidence, min_evidence, actor_types, spellings
    )


FilterDep = Annotated[GraphFilter, Depends(graph_filter)]


@router.get("/meta", response_model=Meta)
def meta(ex: ExplorerDep) -> Meta:
    """Types, dates covered, outlets, counts and limits, for the page to set itself up."""
    facts = ex.facts()
    stats = facts.stats
    return Meta(
        version=__version__,
        allow_edits=ex.allow_edits,
        edit_token=ex.token,
        counts=Counts(
            articles=stats.articles,
            actors=sum(stats.entities.values()),
            ties=sum(n for t, n in stats.relations.items() if t != RelationType.CO_MENTION),
            evidence=stats.evidence,
        ),
        entity_types=[str(t) for t in EntityType],
        relation_types=[RelationTypeInfo(value=str(t), directed=t.directed) for t in RelationType],
        outlets=[o.name for o in facts.outlets],
        outlet_groups=facts.outlets,
        first_date=facts.first_date,
        last_date=facts.last_date,
        limits=Limits(max_nodes=MAX_NODES, max_page=MAX_PAGE),
    )


@router.get("/search", response_model=SearchResults)
def search(
    ex: ExplorerDep,
    q: Annotated[str, Query(min_length=1, max_length=200, description="The start of any word of a name.")],
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
) -> SearchResults:
    """Actors one of whose names has a word starting with ``q`` (accents and case aside)."""
    ids, total = ex.names().matches(q, limit)
    by_id = ex.summaries(ids)
    return SearchResults(items=[Actor.of(by_id[i]) for i in ids if i in by_id], total=total)


@router.get("/search/text", response_model=TextSearch)
def search_text(
    ex: ExplorerDep,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=500,
            pattern=NO_NUL,
            description='Words the article must hold, all of them (accents and case aside); "a phrase".',
        ),
    ],
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
    offset: Offset = 0,
) -> TextSearch:
    """Articles whose title, text or evidence holds the words: matching passage, actors named, evidence."""
    return ex.store.search_text(q, limit=limit, offset=offset)


@router.get("/actors/{actor_id}", response_model=ActorDetail)
def actor(ex: ExplorerDep, actor_id: Id) -> ActorDetail:
    """An actor, its ties by type, and its centralities and bloc in the whole network."""
    e = _actor(ex, actor_id)
    net = ex.network(GraphFilter())
    r = net.ranks.get(e.id)
    return ActorDetail(
        **Actor.of(e).model_dump(),
        ties_by_type=ex.tie_counts(e.id),
        rank=None if r is None else Centrality.model_validate(r, from_attributes=True),
        bloc=net.bloc.get(e.id),
    )


@router.get("/actors/{actor_id}/ties", response_model=TiePage)
def actor_ties(
    ex: ExplorerDep,
    actor_id: Id,
    flt: FilterDep,
    type: Annotated[RelationType | None, Query(description="Only ties of this type.")] = None,
    offset: Offset = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
) -> TiePage:
    """A page of an actor's ties that pass the filters (counted inside a time window), strongest first."""
    e = _actor(ex, actor_id)
    if type is RelationType.CO_MENTION:  # asking for co-mentions by type is asking to see them
        flt = replace(flt, include_co_mentions=True)
    found = ties_of(ex.network(flt).g, e.id, type)
    items = [TieItem.of(t) for t in found[offset : offset + limit]]
    return TiePage(total=len(found), offset=offset, limit=limit, items=items)


@router.get("/actors/{actor_id}/timeline", response_model=Timeline)
def timeline(ex: ExplorerDep, actor_id: Id, flt: FilterDep) -> Timeline:
    """An actor's ties by month: evidence per month, new ties, running totals."""
    return actor_timeline(ex.store, _actor(ex, actor_id), flt)


@router.get("/ties/{relation_id}", response_model=TieDetail)
def tie(
    ex: ExplorerDep,
    relation_id: Annotated[int, PathParam(ge=1, le=MAX_ID)],
    flt: FilterDep,
    offset: Offset = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 20,
) -> TieDetail:
    """A tie and a page of its evidence sentences (those in the time window and outlets, if given),
    each with the two actors' names marked."""
    found = ex.store.tie(relation_id)
    if found is None:
        raise HTTPException(404, f"no tie has the id {relation_id}")
    page = ex.store.tie_evidence(found, offset, limit, flt)
    evidence = EvidencePage(
        total=page.total, offset=offset, limit=limit, items=[EvidenceOut.of(m) for m in page.items]
    )
    return TieDetail.of(found, evidence)


@router.get("/graph", response_model=Subgraph)
def graph(
    ex: ExplorerDep,
    flt: FilterDep,
    actor: Annotated[int | None, Query(ge=1, le=MAX_ID, description="Centre on this actor.")] = None,
    hops: Annotated[int, Query(ge=1, le=3, description="How far from the centre.")] = 1,
    max_nodes: MaxNodes = DEFAULT_NODES,
) -> Subgraph:
    """An actor's neighbourhood, or without ``actor`` the strongest actors, laid out for drawing."""
    if actor is None:
        return ex.drawing(flt, None, hops, max_nodes)
    e = _actor(ex, actor)
    found = ex.drawing(flt, e.id, hops, max_nodes)
    if not found.edges:
        return replace(found, notice=f"{e.name} has no ties that pass these filters.")
    return found


@router.get("/path", response_model=Connection)
def path(
    ex: ExplorerDep,
    flt: FilterDep,
    source: Annotated[int, Query(ge=1, le=MAX_ID, description="One actor's id.")],
    target: Annotated[int, Query(ge=1, le=MAX_ID, description="The other actor's id.")],
    max_hops: Annotated[int, Query(ge=1, le=6)] = 4,
    paths: Annotated[int, Query(ge=1, le=10)] = 3,
    evidence: Annotated[int, Query(ge=0, le=10)] = 2,
) -> Connection:
    """How two actors are connected: paths, best first, each hop with its ties and evidence."""
    a, b = _actor(ex, source), _actor(ex, target)
    net = ex.network(flt)
    return explain(ex.store, net.g, net.s, a, b, max_hops=max_hops, paths=paths, evidence=evidence)


@router.get("/blocs", response_model=Blocs)
def blocs(
    ex: ExplorerDep,
    flt: FilterDep,
    min_size: Annotated[int, Query(ge=1, le=1_000_000)] = 3,
    members: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 12,
) -> Blocs:
    """The network's blocs (Leiden communities), largest first."""
    return find_blocs(ex.network(flt).s, min_size=min_size, members=members)


@router.get("/rank", response_model=Ranking)
def rank(
    ex: ExplorerDep,
    flt: FilterDep,
    by: RankBy = RankBy.BROKER,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 20,
) -> Ranking:
    """Actors ranked by a centrality."""
    return rank_actors(ex.network(flt).s, by=by, limit=limit)


@router.get("/export/{fmt}", response_class=FileResponse)
def export_network(
    ex: ExplorerDep,
    flt: FilterDep,
    fmt: Annotated[str, PathParam(pattern="^(" + "|".join(FORMATS) + ")$", description="The format.")],
) -> FileResponse:
    """The filtered network as a file (a zip of files for neo4j and csv), as ``entramado export``."""
    folder = Path(tempfile.mkdtemp(prefix="entramado-export-"))
    cleanup = BackgroundTask(shutil.rmtree, folder, ignore_errors=True)
    try:
        _, many = FORMATS[fmt]
        out = folder / ("red" if many else FILE_NAMES[fmt])
        export(ex.store, fmt, out, flt)
        if many:
            out = Path(shutil.make_archive(str(folder / f"red-{fmt}"), "zip", out))
    except Exception:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return FileResponse(out, filename=out.name, background=cleanup)
