"""Reading RSS/Atom feeds: each item's page is fetched and read, its summary standing in if that fails."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import replace
from typing import Any
from xml.sax import SAXParseException

import feedparser
import httpx
import lxml.html  # type: ignore[import-untyped]
from lxml import etree

from entramado.config import Settings
from entramado.models import Article, ReadFailure
from entramado.read.dates import parse_date
from entramado.read.fetch import Fetched, fetch, url_doc_id
from entramado.read.html import read_html
from entramado.read.sniff import HEAD_BYTES, sniff

# Block elements whose end is a line break in the summary's text, so paragraphs stay paragraphs.
_BLOCKS = ("p", "div", "br", "li", "blockquote", "tr", "section", "article", *(f"h{n}" for n in range(1, 7)))


def read_feed(
    data: bytes, origin: str, settings: Settings, client: httpx.Client | None = None
) -> Iterator[Article | ReadFailure]:
    """One Article or ReadFailure per feed item; without a client, items are read from their summaries."""
    parsed = feedparser.parse(io.BytesIO(data))  # bytes in a stream: a str would be taken for a URL or path
    entries: list[Any] = list(parsed.get("entries") or [])
    if not entries:
        if not parsed.get("version") or parsed.get("bozo"):
            yield ReadFailure(origin, f"not an RSS/Atom feed: {_why_not_a_feed(parsed, data)}")
        else:
            yield ReadFailure(origin, "the feed has no items")
        return
    outlet = _text(parsed.get("feed", {}).get("title"))
    for index, entry in enumerate(entries, start=1):
        yield _read_entry(entry, f"{origin}#{index}", outlet, settings, client)


def _read_entry(
    entry: Any, item_origin: str, outlet: str | None, settings: Settings, client: httpx.Client | None
) -> Article | ReadFailure:
    link = _text(entry.get("link"))
    if link and not link.lower().startswith(("http://", "https://")):
        link = None  # Atom ids such as "urn:uuid:…" stand in for links but cannot be fetched
    title = _text(entry.get("title"))
    doc_id = url_doc_id(link) if link else _text(entry.get("id")) or item_origin
    page_problem = "the item has no link"
    if link and client is not None:
        page = _read_page(link, doc_id, settings, client)
        if isinstance(page, Article):
            return _fill(page, entry, title, outlet, link)
        page_problem = page.reason
    elif link:
        page_problem = "its page was not fetched"
    summary = _summary_text(entry)
    if len(summary) >= settings.min_chars:
        text = summary if not title or summary.startswith(title) else f"{title}\n{summary}"
        # Say where the text came from: a summary is shorter than the article, and the user should know.
        article = Article(
            doc_id=doc_id, text=text, origin=link or item_origin, metadata={"text_from": "feed summary"}
        )
        return _fill(article, entry, title, outlet, link)
    shortfall = "it has no summary"
    if summary:
        shortfall = f"its summary is too short to stand in ({len(summary)} chars)"
    return ReadFailure(link or item_origin, f"{page_problem}, and {shortfall}")


def _read_page(link: str, doc_id: str, settings: Settings, client: httpx.Client) -> Article | ReadFailure:
    fetched = fetch(link, client, settings)
    if not isinstance(fetched, Fetched):
        return fetched
    return read_html(fetched.body, link, doc_id, settings, url=fetched.url)


def _fill(article: Article, entry: Any, title: str | None, outlet: str | None, link: str | None) -> Article:
    """The article with what its page did not say taken from the feed item."""
    return replace(
        article,
        title=article.title or title,
        url=article.url or link,
        published=article.published or parse_date(entry.get("published") or entry.get("updated")),
        author=article.author or _text(entry.get("author")),
        outlet=article.outlet or outlet,
    )


def _summary_text(entry: Any) -> str:
    """The item's full content if the feed carries it, else its summary, as plain text."""
    contents = entry.get("content") or []
    markup = next((c.get("value") for c in contents if c.get("value")), None) or entry.get("summary") or ""
    return html_to_text(str(markup))


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment, one line per paragraph (feed summaries are small HTML fragments)."""
    if not markup.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return markup.strip()
    for element in root.iter(*_BLOCKS):
        element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def _why_not_a_feed(parsed: Any, data: bytes) -> str:
    if sniff(data[:HEAD_BYTES], complete=len(data) <= HEAD_BYTES) == "html":
        return "it is an HTML page"
    problem = parsed.get("bozo_exception")
    if problem is None:
        return "no <rss> or <feed> element found"
    if isinstance(problem, SAXParseException):
        return f"not well-formed XML ({problem.getMessage()} at line {problem.getLineNumber()})"
    return str(problem).strip().splitlines()[0] if str(problem).strip() else type(problem).__name__


def _text(value: Any) -> str | None:
    return (str(value).strip() or None) if value else None
