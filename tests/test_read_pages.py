"""A feed's item pages fetched together, a few at a time per host, within the feed's time budget."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from conftest import ARTICLE_PAGE
from entramado.cli import app
from entramado.config import Settings
from entramado.models import Article, ReadFailure
from entramado.read.feed import read_feed
from entramado.store import Store
from test_read_feed import LONG_SUMMARY, item, rss


class Site:
    """A loopback site whose pages answer after ``delay`` seconds, or never (``delay`` None)."""

    def __init__(self) -> None:
        self.delay: float | None = None
        self.body = ARTICLE_PAGE.encode()
        self.released = threading.Event()
        self.lock = threading.Lock()
        self.open = self.peak = self.requests = 0
        self.url = ""

    def arrive(self) -> None:
        with self.lock:
            self.open += 1
            self.requests += 1
            self.peak = max(self.peak, self.open)

    def leave(self) -> None:
        with self.lock:
            self.open -= 1


@pytest.fixture
def site() -> Iterator[Site]:
    """A threaded HTTP server on 127.0.0.1 that counts how many requests it holds at once."""
    state = Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.arrive()
            try:
                if state.delay is None:
                    state.released.wait(60)  # never answers while the test runs
                    return
                time.sleep(state.delay)
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(state.body)))
                self.end_headers()
                self.wfile.write(state.body)
            finally:
                state.leave()

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield state
    finally:
        state.released.set()
        server.shutdown()
        server.server_close()
        thread.join()


def feed_of(site: Site, items: int) -> bytes:
    return rss(*(item(f"Nota {n}", f"{site.url}/nota-{n}.html", LONG_SUMMARY) for n in range(items)))


def test_a_host_that_never_answers_costs_the_budget_and_every_item_is_reported(
    site: Site, http_client: httpx.Client
) -> None:
    settings = Settings(feed_budget=1.0, fetch_timeout=10.0)
    started = time.monotonic()
    items = list(read_feed(feed_of(site, 30), "feed.xml", settings, http_client))
    took = time.monotonic() - started

    # One by one this took 30 x 10 s; within the budget it is about one second (bound left generous).
    assert took < 30
    failures = [i for i in items if isinstance(i, ReadFailure)]
    articles = [i for i in items if isinstance(i, Article)]
    assert [f.origin for f in failures] == [f"{site.url}/nota-{n}.html" for n in range(30)]
    assert {f.reason for f in failures} == {
        "page not fetched: no answer within the feed's time budget of 1 s (raise it with --feed-budget); "
        "its feed summary is stored in its place"
    }
    assert [a.doc_id for a in articles] == [f"nota-{n}" for n in range(30)]
    assert {a.metadata["text_from"] for a in articles} == {"feed summary, page not fetched"}
    assert 0 < site.peak <= settings.feed_connections_per_host  # polite to the one host
    assert site.requests <= settings.feed_connections_per_host  # none began after the budget ran out


def test_pages_are_fetched_together_a_few_at_a_time_per_host(site: Site, http_client: httpx.Client) -> None:
    site.delay = 0.3
    items = list(read_feed(feed_of(site, 8), "feed.xml", Settings(feed_connections_per_host=3), http_client))
    assert all(isinstance(i, Article) and "text_from" not in i.metadata for i in items)
    assert [i.doc_id for i in items if isinstance(i, Article)] == [
        f"nota-{n}" for n in range(8)
    ]  # feed order
    assert site.requests == 8
    assert 1 < site.peak <= 3


def test_a_page_without_an_article_is_said_not_read(site: Site, http_client: httpx.Client) -> None:
    site.delay, site.body = 0.0, b"<html><body><nav>Inicio</nav></body></html>"
    failure, article = read_feed(feed_of(site, 1), "feed.xml", Settings(), http_client)
    assert isinstance(failure, ReadFailure) and failure.origin == f"{site.url}/nota-0.html"
    assert failure.reason.startswith("page not read: ")
    assert failure.reason.endswith("; its feed summary is stored in its place")
    assert isinstance(article, Article) and article.metadata == {"text_from": "feed summary, page not read"}


def test_ingest_counts_the_pages_not_fetched_and_stores_their_summaries(site: Site, tmp_path: Path) -> None:
    feed = tmp_path / "portada.rss"
    feed.write_bytes(feed_of(site, 3))
    db = tmp_path / "feed.db"
    result = CliRunner().invoke(app, ["ingest", str(feed), "--db", str(db), "--quiet", "--feed-budget", "1"])
    assert result.exit_code == 1
    assert "stored 3" in result.stderr and "failed 3" in result.stderr
    said = " ".join(result.stderr.split())
    for n in range(3):
        assert (
            f"failed {site.url}/nota-{n}.html: page not fetched: no answer within the feed's time budget"
            in said
        )
    with Store.open(str(db)) as store:
        assert store.stats().articles == 3
