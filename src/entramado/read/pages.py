"""Fetching a feed's item pages concurrently, a few at a time per host, all within the feed's time budget."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from entramado.config import Settings
from entramado.models import Article
from entramado.read.fetch import Fetched, fetch
from entramado.read.html import read_html

# Threads for all hosts together; each host is held to settings.feed_connections_per_host of them.
_THREADS = 16


@dataclass(frozen=True, slots=True)
class PageMissing:
    """Why an item's page gave no article; ``fetched``: it came, but held no article text."""

    reason: str
    fetched: bool = False


Page = Article | PageMissing


def fetch_pages(
    links: Sequence[tuple[str, str]], settings: Settings, client: httpx.Client
) -> dict[str, Page]:
    """The article of each (link, doc id) page, or why there is none, keyed by link.

    Pages are fetched on a few threads, at most ``feed_connections_per_host`` at once per host, and
    none is waited for past ``feed_budget`` seconds from the start: a feed of a thousand items on a
    host that never answers costs the budget, not a thousand timeouts.
    """
    if not links:
        return {}
    deadline = time.monotonic() + settings.feed_budget
    out_of_time = PageMissing(
        f"no answer within the feed's time budget of {settings.feed_budget:g} s (raise it with --feed-budget)"
    )
    gates = {
        host: threading.Semaphore(settings.feed_connections_per_host) for host in {_host(u) for u, _ in links}
    }

    def read(link: str, doc_id: str) -> Page:
        with gates[_host(link)]:
            left = deadline - time.monotonic()
            if left <= 0:
                return out_of_time
            page = _read_page(
                link,
                doc_id,
                settings.model_copy(update={"fetch_timeout": min(settings.fetch_timeout, left)}),
                client,
            )
            # A fetch cut short by the budget says so, not that the page took a fraction of a second.
            return out_of_time if isinstance(page, PageMissing) and time.monotonic() >= deadline else page

    pool = ThreadPoolExecutor(max_workers=min(_THREADS, len(links)), thread_name_prefix="feed-page")
    try:
        futures = {link: pool.submit(read, link, doc_id) for link, doc_id in dict(links).items()}
        wait(futures.values(), timeout=max(deadline - time.monotonic(), 0))
    finally:
        # Pages still in flight end by their own (budget-bounded) timeout; nobody waits for them.
        pool.shutdown(wait=False, cancel_futures=True)
    return {link: _outcome(future, out_of_time) for link, future in futures.items()}


def _read_page(link: str, doc_id: str, settings: Settings, client: httpx.Client) -> Page:
    try:
        fetched = fetch(link, client, settings)
        if not isinstance(fetched, Fetched):
            return PageMissing(fetched.reason)
        article = read_html(fetched.body, link, doc_id, settings, url=fetched.url)
    except Exception as exc:  # a bug in a parser must cost one page, not the feed
        return PageMissing(f"could not be read ({type(exc).__name__}: {exc})", fetched=True)
    return article if isinstance(article, Article) else PageMissing(article.reason, fetched=True)


def _outcome(future: Future[Page], out_of_time: PageMissing) -> Page:
    return future.result() if future.done() and not future.cancelled() else out_of_time


def _host(url: str) -> str:
    return urlsplit(url).netloc.lower()
