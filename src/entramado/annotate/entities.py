"""An article's entities as the annotate stage holds them: clusters of mentions, and which token is whose."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from entramado.annotate.mentions import MentionSpan
from entramado.models import EntityType
from entramado.names import name_key


@dataclass
class EntityCluster:
    """One entity of the article: its display name, type and every mention of it."""

    id: int
    name: str
    type: EntityType
    mentions: list[MentionSpan] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)

    def keys(self) -> set[str]:
        """The name keys of its name and aliases, as the scorer compares names."""
        return {k for k in (name_key(self.name), *(name_key(a) for a in self.aliases)) if k}


_SUBJECTS = {"nsubj", "nsubj:pass", "nsubjpass"}


def token_map(clusters: list[EntityCluster]) -> dict[int, EntityCluster]:
    """Token index → the entity whose mention covers that token."""
    return {i: c for c in clusters for m in c.mentions for i in range(m.start, m.end)}


def mentions_by_sentence(
    doc: Doc, clusters: list[EntityCluster]
) -> Iterator[tuple[Span, dict[int, list[MentionSpan]]]]:
    """Each sentence with the mentions in it, by entity id (entities and their mentions in their own order).

    Every mention is sorted once and handed out sentence by sentence: looking through all the
    mentions for each sentence grew with sentences × mentions (issue 14).
    """
    by_id = {c.id: c for c in clusters}
    ordered = sorted((m.start, c.id, k) for c in clusters for k, m in enumerate(c.mentions))
    at = 0
    for sent in doc.sents:
        inside: list[tuple[int, int]] = []
        while at < len(ordered) and ordered[at][0] < sent.end:
            if ordered[at][0] >= sent.start:
                inside.append(ordered[at][1:])
            at += 1
        spans: dict[int, list[MentionSpan]] = {}
        for cid, k in sorted(inside):
            spans.setdefault(cid, []).append(by_id[cid].mentions[k])
        yield sent, spans


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
