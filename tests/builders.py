"""Test helpers: hand-built extractions whose offsets are computed from the text, and a memory lookup."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from entramado.models import (
    Article,
    Entity,
    EntityType,
    Evidence,
    Extraction,
    Mention,
    Relation,
    RelationType,
)
from entramado.names import name_key
from entramado.resolve import Candidate

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text``, split after . ! or ?."""
    spans, start = [], 0
    for gap in _SENTENCE_END.finditer(text):
        spans.append((start, gap.start()))
        start = gap.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


@dataclass
class Doc:
    """A fluent builder of one Extraction: add entities and relations by name, then ``build()``."""

    text: str
    doc_id: str = "doc"
    published: date | None = None
    language: str = "es"
    outlet: str | None = "El Diario"
    title: str | None = None
    url: str | None = None
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)

    def entity(self, name: str, type: EntityType = EntityType.PERSON, aliases: tuple[str, ...] = ()) -> Doc:
        """Add an entity; every occurrence of its name and aliases in the text becomes a mention."""
        spans = sentences(self.text)
        mentions = []
        for surface in (name, *aliases):
            for m in re.finditer(re.escape(surface), self.text):
                index = next(i for i, (s, e) in enumerate(spans) if s <= m.start() < e)
                mentions.append(Mention(surface, m.start(), m.end(), index))
        self.entities.append(Entity(name, type, list(aliases), sorted(mentions, key=lambda x: x.start)))
        return self

    def relation(
        self,
        source: str,
        type: RelationType,
        target: str,
        confidence: float = 0.8,
        sentence: str | None = None,
        when: date | None = None,
        cue: str | None = None,
        attributed_to: str | None = None,
    ) -> Doc:
        """Add a relation whose evidence is ``sentence`` (default: the first sentence naming both)."""
        if sentence is None:
            spans = [self.text[s:e] for s, e in sentences(self.text)]
            sentence = next(s for s in spans if self._named(source, s) and self._named(target, s))
        start = self.text.index(sentence)
        evidence = Evidence(sentence, start, start + len(sentence), cue, attributed_to, when)
        self.relations.append(Relation(source, type, target, confidence, [evidence]))
        return self

    def _named(self, name: str, sentence: str) -> bool:
        """Whether ``sentence`` contains the name or an alias of the entity called ``name``."""
        surfaces = {name}.union(*(e.aliases for e in self.entities if e.name == name))
        return any(surface in sentence for surface in surfaces)

    def build(self) -> Extraction:
        """The Extraction of this document."""
        article = Article(
            doc_id=self.doc_id,
            text=self.text,
            title=self.title or self.doc_id,
            url=self.url,
            published=self.published,
            outlet=self.outlet,
            origin=f"{self.doc_id}.txt",
        )
        return Extraction(article, self.language, list(self.entities), list(self.relations))


@dataclass
class MemoryLookup:
    """The resolve.Lookup protocol over a list of (name, type, aliases): resolution without a database."""

    stored: list[tuple[str, EntityType, tuple[str, ...]]]

    def _candidate(self, i: int) -> Candidate:
        name, type, _ = self.stored[i]
        return Candidate(id=i + 1, name=name, type=type, key=name_key(name))

    def by_key(self, key: str, type: EntityType) -> Candidate | None:
        """The stored entity of this type whose own name has this key."""
        for i, (name, t, _) in enumerate(self.stored):
            if t == type and name_key(name) == key:
                return self._candidate(i)
        return None

    def by_alias(self, key: str, type: EntityType) -> list[Candidate]:
        """Stored entities of this type with this key among their name and aliases."""
        return [
            self._candidate(i)
            for i, (name, t, aliases) in enumerate(self.stored)
            if t == type and key in {name_key(a) for a in (name, *aliases)}
        ]
