"""Reading RSS/Atom feeds: item pages fetched together, a summary standing in (said so) for a missing one."""

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
from entramado.read.fetch import url_doc_id
from entramado.read.pages import Page, fetch_pages
from entramado.read.sniff import HEAD_BYTES, sniff

# Block elements whose end is a line break in the summary's text, so paragraphs stay paragraphs.
_BLOCKS = ("p", "div", "br", "li", "blockquote", "tr", "section", "article", *(f"h{n}" for n in range(1, 7)))


def read_feed(
    data: bytes, origin: str, settings: Settings, client: httpx.Client | None = None
) -> Iterator[Article | ReadFailure]:
    """One Article or ReadFailure per feed item; without a client, items are read from their summaries.

    Item pages are fetched together first (read/pages.py), within the feed's time budget. An item
    whose page gave no article is read from its summary when that is long enough, and also reported
    as failed, saying that its feed summary is stored in its place.
    """
    parsed = feedparser.parse(io.BytesIO(data))  # bytes in a stream: a str would be taken for a URL or path
    entries: list[Any] = list(parsed.get("entries") or [])
    if not entries:
        if not parsed.get("version") or parsed.get("bozo"):
            yield ReadFailure(origin, f"not an RSS/Atom feed: {_why_not_a_feed(parsed, data)}")
        else:
            yield ReadFailure(origin, "the feed has no items")
        return
    outlet = _text(parsed.get("feed", {}).get("title"))
    links = [_link(entry) for entry in entries]
    pages = (
        fetch_pages([(link, url_doc_id(link)) for link in links if link], settings, client) if client else {}
    )
    for index, (entry, link) in enumerate(zip(entries, links, strict=True), start=1):
        page = pages.get(link) if link else None
        yield from _read_entry(entry, link, page, f"{origin}#{index}", outlet, settings)


def _link(entry: Any) -> str | None:
    link = _text(entry.get("link"))
    if link and not link.lower().startswith(("http://", "https://")):
        return None  # Atom ids such as "urn:uuid:…" stand in for links but cannot be fetched
    return link


def _read_entry(
    entry: Any, link: str | None, page: Page | None, item_origin: str, outlet: str | None, settings: Settings
) -> Iterator[Article | ReadFailure]:
    title = _text(entry.get("title"))
    if isinstance(page, Article):
        yield _fill(page, entry, title, outlet, link)
        return
    doc_id = url_doc_id(link) if link else _text(entry.get("id")) or item_origin
    page_problem = "the item has no link" if not link else "its page was not fetched"
    if page is not None:
        page_problem = page.reason
    summary = _summary_text(entry)
    if len(summary) >= settings.min_chars:
        text = summary if not title or summary.startswith(title) else f"{title}\n{summary}"
        # Say where the text came from: a summary is shorter than the article, and the user should know.
        text_from = "feed summary"
        if page is not None:
            missed = "page not read" if page.fetched else "page not fetched"
            text_from = f"feed summary, {missed}"
            yield ReadFailure(
                link or item_origin, f"{missed}: {page_problem}; its feed summary is stored in its place"
            )
        article = Article(
            doc_id=doc_id, text=text, origin=link or item_origin, metadata={"text_from": text_from}
        )
        yield _fill(article, entry, title, outlet, link)
        return
    shortfall = "it has no summary"
    if summary:
        shortfall = f"its summary is too short to stand in ({len(summary)} chars)"
    yield ReadFailure(link or item_origin, f"{page_problem}, and {shortfall}")


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
