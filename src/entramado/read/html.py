"""Reading HTML pages: trafilatura finds the article's main text and its metadata."""

from __future__ import annotations

from typing import Any

import trafilatura
from trafilatura.settings import Document

from entramado.config import Settings
from entramado.models import Article, ReadFailure
from entramado.read.dates import parse_date

NO_ARTICLE = "no article text found in the HTML page"


def read_html(
    content: bytes | str, origin: str, doc_id: str, settings: Settings, url: str | None = None
) -> Article | ReadFailure:
    """The article of an HTML page (text starting with its headline), or why there is none."""
    try:
        # Comments under an article are readers' words, not the outlet's; they would pollute the network.
        found = trafilatura.bare_extraction(content, url=url, with_metadata=True, include_comments=False)
    except Exception as exc:  # trafilatura is a large heuristic parser: one hostile page costs one input
        return ReadFailure(origin, f"could not parse the HTML page ({type(exc).__name__}: {exc})")
    if not isinstance(found, Document) or not found.text or len(found.text.strip()) < settings.min_chars:
        return ReadFailure(origin, NO_ARTICLE)
    title = (found.title or "").strip() or None
    text = found.text.strip()
    if title and not text.startswith(title):
        # The headline is part of what the article says; analyse it once, as the first line.
        text = f"{title}\n{text}"
    metadata: dict[str, Any] = {
        key: value
        for key, value in (
            ("description", found.description),
            ("tags", found.tags),
            ("categories", found.categories),
        )
        if value
    }
    return Article(
        doc_id=doc_id,
        text=text,
        title=title,
        url=found.url or url,
        published=parse_date(found.date),
        author=(found.author or "").strip() or None,
        outlet=(found.sitename or "").strip() or None,
        origin=origin,
        metadata=metadata,
    )
