"""Test helper: run the real annotation pipeline on a short text and give back the extraction."""

from __future__ import annotations

from entramado.annotate import load_pipeline
from entramado.annotate.extract import to_extraction
from entramado.models import Article, Extraction


def annotate(text: str, lang: str = "es") -> Extraction:
    """The extraction of ``text`` by the ``lang`` pipeline (loaded once per test session)."""
    return to_extraction(Article(doc_id="t", text=text), lang, load_pipeline(lang)(text))


def ties(ex: Extraction, include_co_mentions: bool = False) -> set[tuple[str, str, str]]:
    """(source, type, target) of every relation, undirected types in sorted order."""
    out = set()
    for r in ex.relations:
        if r.type == "CO_MENTION" and not include_co_mentions:
            continue
        a, b = (r.source, r.target) if r.type.directed else tuple(sorted((r.source, r.target)))
        out.add((a, str(r.type), b))
    return out


def names(ex: Extraction) -> dict[str, str]:
    """Entity name → type."""
    return {e.name: str(e.type) for e in ex.entities}
