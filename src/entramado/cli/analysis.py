"""CLI commands of the analysis group, registered on the main app (parsing and rendering only)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from entramado.cli import render_analysis
from entramado.cli.app import app, out, print_json, with_store
from entramado.cli.options import (
    ActorTypesOption,
    CoMentionsOption,
    DbOption,
    JsonOption,
    MinConfidenceOption,
    MinEvidenceOption,
    OutletsOption,
    SinceOption,
    TypesOption,
    UntilOption,
    graph_filter,
)
from entramado.cli.render import as_dict
from entramado.models import RankBy

if TYPE_CHECKING:  # networkx and igraph load inside each command: other commands start instantly
    from entramado.analyse import Connection, Ego
    from entramado.store import Store

ActorArgument = Annotated[
    str, typer.Argument(help="An actor's name or alias (accents and case do not matter).")
]


@app.command()
def rank(
    db: DbOption = None,
    by: Annotated[RankBy, typer.Option("--by", help="The centrality to sort by.")] = RankBy.BROKER,
    limit: Annotated[int, typer.Option("--limit", "-n", help="At most this many actors.")] = 20,
    since: SinceOption = None,
    until: UntilOption = None,
    types: TypesOption = None,
    co_mentions: CoMentionsOption = False,
    min_confidence: MinConfidenceOption = 0.0,
    min_evidence: MinEvidenceOption = 1,
    actor_types: ActorTypesOption = None,
    outlets: OutletsOption = None,
    as_json: JsonOption = False,
) -> None:
    """Rank actors by degree, weighted degree, betweenness, PageRank or brokerage."""
    from entramado.analyse import build_graph, simple_graph
    from entramado.analyse import rank as rank_actors

    flt = graph_filter(since, until, types, co_mentions, min_confidence, min_evidence, actor_types, outlets)
    result = with_store(db, lambda s: rank_actors(simple_graph(build_graph(s, flt)), by=by, limit=limit))
    if as_json:
        print_json(as_dict(result))
    else:
        render_analysis.ranking(out, result)


@app.command()
def blocs(
    db: DbOption = None,
    min_size: Annotated[int, typer.Option("--min-size", help="Hide blocs with fewer actors.")] = 3,
    members: Annotated[int, typer.Option("--members", help="Members listed per bloc.")] = 12,
    since: SinceOption = None,
    until: UntilOption = None,
    types: TypesOption = None,
    co_mentions: CoMentionsOption = False,
    min_confidence: MinConfidenceOption = 0.0,
    min_evidence: MinEvidenceOption = 1,
    actor_types: ActorTypesOption = None,
    outlets: OutletsOption = None,
    as_json: JsonOption = False,
) -> None:
    """Find blocs (Leiden communities of the ties that bind, never OPPOSES) and who opposes whom."""
    from entramado.analyse import blocs as find_blocs
    from entramado.analyse import build_graph, simple_graph

    flt = graph_filter(since, until, types, co_mentions, min_confidence, min_evidence, actor_types, outlets)
    result = with_store(
        db, lambda s: find_blocs(simple_graph(build_graph(s, flt)), min_size=min_size, members=members)
    )
    if as_json:
        print_json(as_dict(result))
    else:
        render_analysis.bloc_list(out, result)


@app.command()
def path(
    source: ActorArgument,
    target: Annotated[str, typer.Argument(help="The other actor.")],
    db: DbOption = None,
    max_hops: Annotated[int, typer.Option("--max-hops", help="Longest path considered.")] = 4,
    paths: Annotated[int, typer.Option("--paths", help="At most this many paths, best first.")] = 3,
    evidence: Annotated[int, typer.Option("--evidence", "-e", help="Evidence sentences per tie.")] = 2,
    since: SinceOption = None,
    until: UntilOption = None,
    types: TypesOption = None,
    co_mentions: CoMentionsOption = False,
    min_confidence: MinConfidenceOption = 0.0,
    min_evidence: MinEvidenceOption = 1,
    actor_types: ActorTypesOption = None,
    outlets: OutletsOption = None,
    as_json: JsonOption = False,
) -> None:
    """Explain how two actors are connected: paths, each hop with its ties and evidence sentences."""
    from entramado.analyse import build_graph, explain, simple_graph

    flt = graph_filter(since, until, types, co_mentions, min_confidence, min_evidence, actor_types, outlets)

    def connect(store: Store) -> Connection:
        a, b = store.find_actor(source), store.find_actor(target)
        g = build_graph(store, flt)
        return explain(store, g, simple_graph(g), a, b, max_hops=max_hops, paths=paths, evidence=evidence)

    result = with_store(db, connect)
    if as_json:
        print_json(as_dict(result))
    else:
        render_analysis.connection(out, result)


@app.command()
def ego(
    actor: ActorArgument,
    db: DbOption = None,
    hops: Annotated[int, typer.Option("--hops", help="How far from the actor.")] = 2,
    limit: Annotated[
        int, typer.Option("--limit", "-n", help="At most this many actors, nearest first.")
    ] = 50,
    since: SinceOption = None,
    until: UntilOption = None,
    types: TypesOption = None,
    co_mentions: CoMentionsOption = False,
    min_confidence: MinConfidenceOption = 0.0,
    min_evidence: MinEvidenceOption = 1,
    actor_types: ActorTypesOption = None,
    outlets: OutletsOption = None,
    as_json: JsonOption = False,
) -> None:
    """The neighbourhood of one actor: everyone within --hops, and the ties among them."""
    from entramado.analyse import build_graph, simple_graph
    from entramado.analyse import ego as ego_network

    flt = graph_filter(since, until, types, co_mentions, min_confidence, min_evidence, actor_types, outlets)

    def neighbourhood(store: Store) -> Ego:
        centre = store.find_actor(actor)
        g = build_graph(store, flt)
        return ego_network(g, simple_graph(g), centre.id, hops=hops, limit=limit, name=centre.name)

    result = with_store(db, neighbourhood)
    if as_json:
        print_json(as_dict(result))
    else:
        render_analysis.ego_network(out, result)


@app.command()
def timeline(
    actor: ActorArgument,
    db: DbOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    types: TypesOption = None,
    co_mentions: CoMentionsOption = False,
    min_confidence: MinConfidenceOption = 0.0,
    min_evidence: MinEvidenceOption = 1,
    actor_types: ActorTypesOption = None,
    outlets: OutletsOption = None,
    as_json: JsonOption = False,
) -> None:
    """An actor's ties by month: when each appeared, how it grew, and its last evidence."""
    from entramado.analyse import timeline as actor_timeline

    flt = graph_filter(since, until, types, co_mentions, min_confidence, min_evidence, actor_types, outlets)
    result = with_store(db, lambda s: actor_timeline(s, s.find_actor(actor), flt))
    if as_json:
        print_json(as_dict(result))
    else:
        render_analysis.timeline_table(out, result)
