"""The web explorer under load: first draw of 2,000 actors in Chromium, and API latency at 50 in flight.

    .venv/bin/python benchmarks/web.py [--actors 2000] [--ties 10000] [--requests 2000] [--loads 5]

It builds a synthetic store (every actor with at least one tie, so the page's overview draws all of
them), starts ``entramado serve`` on a free loopback port in its own process, and measures:

- **first draw**: headless Chromium (Debian's, through Playwright) navigates to the page and waits
  until the graph is drawn with every actor and the page says it is ready; then a tap on an actor
  must open its panel (the graph is interactive). Against a reference measured the same way in the
  same run: the page over an empty database (its fixed cost: script, style, metadata).
- **API latency**: ``/api/search`` (random name prefixes) and ``/api/actors/{id}`` (random actors)
  under wrk with 50 connections for a bounded time each; p50/p95/p99 and requests/s. Against a
  reference under the same load: the page's static ``index.html`` (the server's own overhead).
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
from sqlalchemy import create_engine, event, insert

from entramado.models import EntityType, RelationType
from entramado.store import Store
from entramado.store.schema import Alias, Article, Entity, Evidence, Mention, Relation

SEED = 42
CHROMIUM = "/usr/bin/chromium"
# Chromium's own background connections are refused by this machine's closed network; these
# flags keep it from trying (see the env notes), so that timings are of the page alone.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
CLAIMS = [t for t in RelationType if t is not RelationType.CO_MENTION]
TYPES = [EntityType.PERSON] * 6 + [EntityType.ORGANIZATION] * 3 + [EntityType.PLACE]
FIRST = ["Ana", "Luis", "María", "José", "Carmen", "Javier", "Lucía", "Pedro", "Elena", "Jorge"]
LAST = ["García", "Pérez", "Sánchez", "Martín", "Gómez", "Ruiz", "Díaz", "Moreno", "Álvarez", "Romero"]


def name_of(i: int) -> str:
    """A distinct Spanish-looking name per actor, so searches match like real names do."""
    return f"{FIRST[i % 10]} {LAST[(i // 10) % 10]} {LAST[(i // 100) % 10]} {i}"


def synthetic_store(path: Path, actors: int, ties: int) -> None:
    """A migrated SQLite store with ``actors`` actors (names, aliases, mentions) and ``ties`` ties.

    A ring gives every actor a tie; the rest are drawn with a Zipf-like preference (exponent 0.8),
    so there are hubs and a long tail, as in real corpora.
    """
    Store.open(str(path)).close()
    engine = create_engine(f"sqlite:///{path}")

    @event.listens_for(engine, "connect")
    def fast(dbapi_connection: Any, _: Any) -> None:  # a throwaway file: no durability needed
        dbapi_connection.execute("PRAGMA synchronous = OFF")

    rng = random.Random(SEED)
    ids = list(range(1, actors + 1))
    pairs: set[tuple[int, int, RelationType]] = set()
    for i in ids:
        pairs.add((min(i, i % actors + 1), max(i, i % actors + 1), RelationType.ALLY))
    cum = list(accumulate(1.0 / (i + 1) ** 0.8 for i in range(actors)))
    while len(pairs) < ties:
        a, b = rng.choices(ids, cum_weights=cum, k=2)
        t = rng.choice(CLAIMS)
        if a != b:
            pairs.add((min(a, b), max(a, b), t) if not t.directed else (a, b, t))
    day = dt.date(2024, 1, 1)
    with engine.begin() as conn:
        names = {i: name_of(i) for i in ids}
        conn.execute(
            insert(Entity),
            [{"id": i, "name": names[i], "type": str(TYPES[i % 10]), "key": names[i].lower()} for i in ids],
        )
        conn.execute(
            insert(Alias),
            [
                {
                    "entity_id": i,
                    "alias": names[i],
                    "key": names[i].lower(),
                    "block": names[i].split()[0].lower(),
                }
                for i in ids
            ],
        )
        conn.execute(
            insert(Article),
            [
                {
                    "id": 1,
                    "doc_id": "synthetic",
                    "content_hash": "0" * 64,
                    "title": "Synthetic",
                    "published": day,
                    "outlet": "Synthetic",
                    "language": "es",
                    "origin": "synthetic",
                    "text": "x",
                    "metadata_": {},
                }
            ],
        )
        conn.execute(
            insert(Mention),
            [
                {
                    "article_id": 1,
                    "entity_id": i,
                    "local_name": names[i],
                    "local_type": str(TYPES[i % 10]),
                    "text": names[i],
                    "start": 0,
                    "end": 1,
                    "sentence": 0,
                }
                for i in ids
            ],
        )
        ordered = sorted(pairs)
        conn.execute(
            insert(Relation),
            [
                {
                    "id": n + 1,
                    "source_id": a,
                    "target_id": b,
                    "type": str(t),
                    "evidence_count": 1,
                    "article_count": 1,
                    "first_seen": day,
                    "last_seen": day,
                    "confidence": round(rng.uniform(0.3, 0.95), 2),
                }
                for n, (a, b, t) in enumerate(ordered)
            ],
        )
        conn.execute(
            insert(Evidence),
            [
                {
                    "relation_id": n + 1,
                    "article_id": 1,
                    "source_local": names[a],
                    "target_local": names[b],
                    "type": str(t),
                    "sentence": f"{names[a]} y {names[b]}.",
                    "start": 0,
                    "end": 1,
                    "cue": None,
                    "attributed_to": None,
                    "date": day,
                    "confidence": 0.5,
                }
                for n, (a, b, t) in enumerate(ordered)
            ],
        )
    engine.dispose()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class Server:
    """``entramado serve`` in its own process, as a user runs it."""

    def __init__(self, db: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        entramado = Path(sys.executable).parent / "entramado"
        cmd = [str(entramado), "serve", "--db", str(db), "--port", str(self.port)]
        self.process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{self.url}/api/meta", timeout=5).raise_for_status()
                return
            except httpx.TransportError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"the server did not start: {self.process.stderr}") from None
                time.sleep(0.2)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)


def first_draw(url: str, nodes: int, loads: int) -> tuple[list[float], list[float]]:
    """Seconds from navigation to a drawn graph of ``nodes`` actors, and from a tap to its panel."""
    from playwright.sync_api import sync_playwright

    drawn, tapped = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(loads):
            page = browser.new_page(viewport={"width": 1400, "height": 900})  # a fresh page: no cache
            started = time.perf_counter()
            page.goto(url)
            page.wait_for_function(
                "n => document.body.dataset.ready === 'true' && window.__cy?.nodes().length >= n",
                arg=nodes,
                timeout=120_000,
            )
            drawn.append(time.perf_counter() - started)
            if nodes:
                started = time.perf_counter()
                name = page.evaluate(
                    "() => { const n = window.__cy.nodes()[0]; n.emit('tap'); return n.data('name'); }"
                )
                page.get_by_role("heading", name=name).first.wait_for(timeout=30_000)
                tapped.append(time.perf_counter() - started)
            page.close()
        browser.close()
    return drawn, tapped


# wrk (Debian's package) as the load generator: an HTTP client in Python saturates a core of its
# own long before the server does (httpx managed ~270 requests/s of a static file here, wrk 1,500).
WRK_SCRIPT = """
local paths = {}
for line in io.lines(os.getenv("ENTRAMADO_PATHS")) do paths[#paths + 1] = line end
local i = math.random(#paths)
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %.3f %.3f %.3f\\n", summary.requests, summary.duration,
    e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
"""


@dataclass
class Load:
    """What wrk measured for one route: requests, errors, latency percentiles (ms), requests/s."""

    requests: int
    errors: int
    p50: float
    p95: float
    p99: float
    per_second: float


def load(url: str, paths: list[str], concurrency: int, seconds: int) -> Load:
    """``paths`` requested in turn by wrk with ``concurrency`` connections for ``seconds``."""
    wrk = shutil.which("wrk")
    if wrk is None:
        sys.exit("wrk is not installed: apt-get install wrk (Debian's package)")
    with tempfile.TemporaryDirectory() as tmp:
        script, listed = Path(tmp) / "paths.lua", Path(tmp) / "paths.txt"
        script.write_text(WRK_SCRIPT)
        listed.write_text("\n".join(paths) + "\n")
        warm = [wrk, "-t1", "-c1", "-d1s", url + paths[0]]  # builds the name index or network first
        subprocess.run(warm, check=True, capture_output=True)
        cmd = [wrk, "-t2", f"-c{concurrency}", f"-d{seconds}s", "--timeout", "10s", "-s", str(script), url]
        env = {"ENTRAMADO_PATHS": str(listed)}
        done = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env)
    line = next(x for x in done.stdout.splitlines() if x.startswith("RESULT"))
    requests, micros, errors, p50, p95, p99 = line.split()[1:]
    per_second = int(requests) / (int(micros) / 1e6)
    return Load(int(requests), int(errors), float(p50), float(p95), float(p99), per_second)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--actors", type=int, default=2000)
    parser.add_argument("--ties", type=int, default=10000)
    parser.add_argument("--requests", type=int, default=2000, help="distinct requests per API route")
    parser.add_argument("--seconds", type=int, default=10, help="seconds of load per route")
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--loads", type=int, default=5, help="page loads timed")
    parser.add_argument("--no-browser", action="store_true", help="skip the first-draw measure")
    parser.add_argument("--no-api", action="store_true", help="skip the API load measure")
    args = parser.parse_args()
    print(f"machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}")

    with tempfile.TemporaryDirectory() as tmp:
        full, empty = Path(tmp) / "full.db", Path(tmp) / "empty.db"
        started = time.perf_counter()
        synthetic_store(full, args.actors, args.ties)
        Store.open(str(empty)).close()
        print(
            f"synthetic store: {args.actors} actors, {args.ties} ties ({time.perf_counter() - started:.1f} s)"
        )

        if not args.no_browser:
            browser_figures(full, empty, args.actors, args.loads)
        if not args.no_api:
            api_figures(full, args.actors, args.requests, args.concurrency, args.seconds)


def browser_figures(full: Path, empty: Path, actors: int, loads: int) -> None:
    """Print the first-draw figures: the full graph against the page over an empty database."""
    medians = {}
    for label, db, nodes in (("empty database (reference)", empty, 0), ("full graph", full, actors)):
        server = Server(db)
        try:
            drawn, tapped = first_draw(server.url + "/", nodes, loads)
        finally:
            server.stop()
        first, rest = drawn[0], drawn[1:] or drawn
        medians[label] = statistics.median(rest)
        line = f"first draw, {label}: first load {first:.2f} s, then median {medians[label]:.2f} s"
        if tapped:
            line += f"; tap → panel median {statistics.median(tapped) * 1000:.0f} ms"
        print(line)
    ratio = medians["full graph"] / medians["empty database (reference)"]
    print(f"  ratio full / reference: {ratio:.1f}×  (target: full draw under 2 s)")


def api_figures(full: Path, actors: int, requests: int, concurrency: int, seconds: int) -> None:
    """Print search and actor-detail latency under load, against the static page under the same load."""
    rng = random.Random(SEED)
    prefixes = [name_of(rng.randrange(1, actors + 1)).split()[k][: rng.randint(2, 6)]
                for k in (rng.randrange(3) for _ in range(requests))]  # fmt: skip
    routes = {
        "static index.html (reference)": ["/static/index.html"] * requests,
        "/api/search": [f"/api/search?q={quote(p)}" for p in prefixes],
        "/api/actors/{id}": [f"/api/actors/{rng.randrange(1, actors + 1)}" for _ in range(requests)],
    }
    print(f"API latency, wrk with {concurrency} connections for {seconds} s per route, loopback:")
    p95 = {}
    server = Server(full)
    try:
        for label, paths in routes.items():
            got = load(server.url, paths, concurrency, seconds)
            print(
                f"  {label:<30} p50 {got.p50:6.1f} ms  p95 {got.p95:6.1f} ms  p99 {got.p99:6.1f} ms  "
                f"{got.per_second:6.0f} req/s  ({got.requests} requests, {got.errors} errors)"
            )
            p95[label] = got.p95
    finally:
        server.stop()
    ref = p95["static index.html (reference)"]
    for label in ("/api/search", "/api/actors/{id}"):
        print(f"  {label} p95 / reference p95: {p95[label] / ref:.1f}×  (target: p95 under 100 ms)")


if __name__ == "__main__":
    main()
