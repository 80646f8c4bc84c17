"""An article's entities as the annotate stage holds them: clusters of mentions, and which token is whose."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from entramado.annotate.mentions import MentionSpan
from entramado.models import EntityType


@dataclass
class EntityCluster:
    """One entity of the article: its display name, type and every mention of it."""

    id: int
    name: str
    type: EntityType
    mentions: list[MentionSpan] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)


_SUBJECTS = {"nsubj", "nsubj:pass", "nsubjpass"}


def token_map(clusters: list[EntityCluster]) -> dict[int, EntityCluster]:
    """Token index → the entity whose mention covers that token."""
    return {i: c for c in clusters for m in c.mentions for i in range(m.start, m.end)}


def main_subjects(sent: Span) -> list[Token]:
    """Subjects of the sentence's main clause (root, then its coordinated and reported clauses).

    Salience follows the main clause: in "Cuando Trump asumió…, Kast celebró…" the sentence is about
    Kast, and the next sentence's dropped subject or "el dirigente chileno" means Kast.
    """
    root = sent.root
    out: list[Token] = []
    for verb in [root, *[c for c in root.children if c.dep_ in ("conj", "ccomp")]]:
        out.extend(c for c in verb.children if c.dep_ in _SUBJECTS)
    return out
