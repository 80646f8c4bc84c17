"""The analysis queries on a large synthetic network: graph building, ego, path, rank and blocs.

Builds a SQLite store of ACTORS actors and TIES ties (one evidence sentence each, endpoints drawn
with a Zipf-like preference so that a few hubs have thousands of ties, as news networks do), by
bulk Core inserts into the store's own migrated schema, then times:
  - building the graph (``build_graph`` + ``simple_graph``),
  - ``ego`` at 2 hops (limit 50) from QUERIES random actors: p50/p95,
  - ``path`` up to 4 hops between QUERIES random pairs, with evidence (3 paths, and the shortest
    only): p50/p95,
  - ``rank`` (sampled betweenness, PageRank) and ``blocs`` (Leiden), once each,
and the peak resident memory of the process. Everything is seeded: the same figures' inputs on
every run.

    .venv/bin/python benchmarks/graph_queries.py [--actors 100000] [--ties 1000000] [--queries 200]
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import random
import resource
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from itertools import accumulate
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, insert

from entramado.analyse import blocs, build_graph, ego, explain, rank, simple_graph
from entramado.models import EntityType, RelationType
from entramado.store import EntitySummary, Store
from entramado.store.schema import Article, Entity, Evidence, Relation

SEED = 42
BATCH = 50_000
CLAIMS = [t for t in RelationType if t != RelationType.CO_MENTION]
ACTOR_TYPES = [EntityType.PERSON] * 5 + [EntityType.ORGANIZATION] * 3 + [EntityType.PLACE, EntityType.EVENT]
OUTLETS = [f"Outlet {i}" for i in range(20)]
FIRST_DAY = dt.date(2018, 1, 1)


def batches(rows: Iterator[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    """The rows in lists of BATCH, for executemany."""
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def synthetic_store(path: Path, actors: int, ties: int, articles: int) -> None:
    """A migrated store at ``path`` filled with the synthetic network, bypassing ``Store.add``."""
    Store.open(str(path)).close()  # creates and migrates the schema
    engine = create_engine(f"sqlite:///{path}")

    @event.listens_for(engine, "connect")
    def fast(dbapi_connection: Any, _: Any) -> None:  # a throwaway file: no durability needed
        dbapi_connection.execute("PRAGMA synchronous = OFF")
        dbapi_connection.execute("PRAGMA journal_mode = MEMORY")

    rng = random.Random(SEED)
    days = [FIRST_DAY + dt.timedelta(days=rng.randrange(2500)) for _ in range(articles)]
    # Zipf-like preference (exponent 0.8): actor 0 is the biggest hub, the tail has a tie or two.
    cum = list(accumulate(1.0 / (i + 1) ** 0.8 for i in range(actors)))
    order = list(range(1, actors + 1))
    rng.shuffle(order)  # hubs at random ids, not the first rows
    pairs: set[tuple[int, int, RelationType]] = set()
    while len(pairs) < ties:
        need = ties - len(pairs)
        sources = rng.choices(order, cum_weights=cum, k=need)
        targets = rng.choices(order, cum_weights=cum, k=need)
        for a, b in zip(sources, targets, strict=True):
            if a == b:
                continue
            rtype = rng.choice(CLAIMS)
            if not rtype.directed and a > b:
                a, b = b, a
            pairs.add((a, b, rtype))
    ordered = sorted(pairs)
    with engine.begin() as conn:
        conn.execute(
            insert(Entity),
            [
                {"id": i, "name": f"Actor {i}", "type": str(ACTOR_TYPES[i % 10]), "key": f"actor {i}"}
                for i in range(1, actors + 1)
            ],
        )
        conn.execute(
            insert(Article),
            [
                {
                    "id": i + 1, "doc_id": f"doc-{i}", "content_hash": f"{i:064x}", "title": f"Article {i}",
                    "published": days[i], "outlet": OUTLETS[i % len(OUTLETS)], "language": "es",
                    "origin": "synthetic", "text": f"Article {i}.", "metadata_": {},
                }
                for i in range(articles)
            ],
        )  # fmt: skip
        article_of = [rng.randrange(articles) for _ in range(ties)]
        confidence = [round(rng.uniform(0.3, 0.95), 2) for _ in range(ties)]
        for batch in batches(
            {
                "id": i + 1, "source_id": a, "target_id": b, "type": str(t), "evidence_count": 1,
                "article_count": 1, "first_seen": days[article_of[i]], "last_seen": days[article_of[i]],
                "confidence": confidence[i],
            }
            for i, (a, b, t) in enumerate(ordered)
        ):  # fmt: skip
            conn.execute(insert(Relation), batch)
        for batch in batches(
            {
                "relation_id": i + 1, "article_id": article_of[i] + 1, "source_local": f"Actor {a}",
                "target_local": f"Actor {b}", "type": str(t),
                "sentence": f"Actor {a} and Actor {b}, tie {i}.",
                "start": 0, "end": 30, "cue": None, "attributed_to": None, "date": days[article_of[i]],
                "confidence": confidence[i],
            }
            for i, (a, b, t) in enumerate(ordered)
        ):  # fmt: skip
            conn.execute(insert(Evidence), batch)
    engine.dispose()


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """Wall-clock seconds of one call, and its result."""
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def percentiles(seconds: list[float]) -> str:
    """p50 and p95 in milliseconds."""
    ms = sorted(s * 1000 for s in seconds)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    return f"p50 {statistics.median(ms):8.1f} ms   p95 {p95:8.1f} ms"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--actors", type=int, default=100_000)
    ap.add_argument("--ties", type=int, default=1_000_000)
    ap.add_argument("--articles", type=int, default=20_000)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--no-blocs", action="store_true", help="skip Leiden")
    args = ap.parse_args()

    print(f"machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "synthetic.db"
        seconds, _ = timed(lambda: synthetic_store(path, args.actors, args.ties, args.articles))
        print(f"{'synthetic store':<34} {seconds:8.1f} s   ({args.actors:,} actors, {args.ties:,} ties)")
        with Store.open(str(path)) as store:
            seconds, g = timed(lambda: build_graph(store))
            print(f"{'build_graph (multigraph)':<34} {seconds:8.1f} s   ({g.number_of_edges():,} edges)")
            seconds, s = timed(lambda: simple_graph(g))
            print(f"{'simple_graph':<34} {seconds:8.1f} s   ({s.number_of_nodes():,} actors with ties)")

            rng = random.Random(SEED)
            nodes = sorted(s.nodes)
            degrees = [len(s[n]) for n in nodes]
            print(f"{'degree':<34} max {max(degrees):,}, median {statistics.median(degrees):.0f}")
            ego_times = [
                timed(lambda n=n: ego(g, s, n, hops=2, limit=50))[0] for n in rng.sample(nodes, args.queries)
            ]
            print(f"{'ego --hops 2 (limit 50)':<34} {percentiles(ego_times)}")

            def summary(n: int) -> EntitySummary:
                return EntitySummary(n, s.nodes[n]["name"], EntityType(s.nodes[n]["type"]), [], 0, 0)

            pairs = [(summary(a), summary(b)) for a, b in (rng.sample(nodes, 2) for _ in range(args.queries))]
            for paths in (1, 3):
                found, times = 0, []
                for a, b in pairs:
                    seconds, conn = timed(lambda a=a, b=b, p=paths: explain(store, g, s, a, b, 4, p, 2))
                    times.append(seconds)
                    found += bool(conn.paths)
                label = f"path --max-hops 4 --paths {paths}"
                print(f"{label:<34} {percentiles(times)}   ({found}/{len(pairs)} connected)")

            seconds, ranking = timed(lambda: rank(s, limit=20))
            print(
                f"{'rank (betweenness sampled)':<34} {seconds:8.1f} s   (top broker {ranking.actors[0].name})"
            )
            if not args.no_blocs:
                seconds, found_blocs = timed(lambda: blocs(s))
                print(
                    f"{'blocs (Leiden)':<34} {seconds:8.1f} s   ({found_blocs.total} blocs, "
                    f"modularity {found_blocs.modularity:.3f})"
                )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"{'peak RSS':<34} {peak:8.0f} MiB")


if __name__ == "__main__":
    main()
