"""Test helpers: hand-built extractions whose offsets are computed from the text, a memory lookup,
and small articles and store views shared by the store's tests."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

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
from entramado.resolve.actors import Candidate, Named
from entramado.resolve.blocks import Blocks, stored_blocks
from entramado.store import Store, schema
from entramado.store.connect import create

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
    """The resolve.Lookup protocol over a list of (name, type, aliases): resolution without a database.

    An entity's heads (the names articles introduced it under) are its name, plus any listed in
    ``extra_heads`` by entity id (1-based, like the candidates' ids).
    """

    stored: list[tuple[str, EntityType, tuple[str, ...]]]
    extra_heads: dict[int, tuple[str, ...]] = field(default_factory=dict)

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

    def by_block(self, blocks: Blocks, type: EntityType) -> list[Named]:
        """Names of stored entities of this type filed under a head or the end of ``blocks``."""
        return [
            Named(n, name_key(n), self._candidate(i))
            for i, (name, t, aliases) in enumerate(self.stored)
            for n in (name, *aliases)
            if t == type and _filed(stored_blocks(name_key(n)), blocks)
        ]

    def heads(self, entity_id: int) -> set[str]:
        """The keys of the entity's name and of its extra heads."""
        name = self.stored[entity_id - 1][0]
        return {name_key(h) for h in (name, *self.extra_heads.get(entity_id, ()))}


def _filed(stored: tuple[str, str | None], blocks: Blocks) -> bool:
    head, end = stored
    return head in blocks.heads or (end is not None and end == blocks.end)


# -- small articles that exercise resolution, and views of a store to compare -----------------------

ALLY, MEETS = RelationType.ALLY, RelationType.MEETS


def jak_and_abascal(doc_id: str = "jak", kast_alias: bool = False, day: int = 1) -> Extraction:
    """José Antonio Kast allied with Abascal; with ``kast_alias`` the article also calls him "Kast"."""
    second = "Kast" if kast_alias else "José Antonio Kast"
    doc = Doc(
        f"José Antonio Kast se reunió con Santiago Abascal en Madrid ({doc_id}). "
        f"{second} y Abascal son aliados desde hace años.",
        doc_id=doc_id,
        published=date(2024, 1, day),
    )
    doc.entity("José Antonio Kast", aliases=("Kast",) if kast_alias else ())
    doc.entity("Santiago Abascal", aliases=("Abascal",))
    doc.relation(
        "José Antonio Kast", ALLY, "Santiago Abascal", 0.8, f"{second} y Abascal son aliados desde hace años."
    )
    return doc.build()


def bare_kast(doc_id: str = "kast", other: str = "Evelyn Matthei", day: int = 2) -> Extraction:
    """A "Kast" without first name, allied with ``other``."""
    surname = other.split()[-1]
    return (
        Doc(
            f"Kast votó en Santiago junto a {other} ({doc_id}). Kast y {surname} son aliados.",
            doc_id=doc_id,
            published=date(2024, 2, day),
        )
        .entity("Kast")
        .entity(other, aliases=(surname,))
        .relation("Kast", ALLY, other, 0.6, f"Kast y {surname} son aliados.")
        .build()
    )


def jose_kast_meets(other: str, doc_id: str, day: int = 3) -> Extraction:
    """A "José Kast" (no middle name: the rules keep him apart from José Antonio Kast) meeting ``other``."""
    return (
        Doc(
            f"José Kast se reunió con {other} en Roma ({doc_id}).",
            doc_id=doc_id,
            published=date(2024, 3, day),
        )
        .entity("José Kast")
        .entity(other)
        .relation("José Kast", MEETS, other, 0.7)
        .build()
    )


def others(store: Store, actor: str) -> set[tuple[RelationType, str]]:
    """The typed ties of ``actor``, co-mentions aside, as (type, other actor)."""
    return {
        (t, tie.other) for t, ties in store.actor(actor).ties.items() for tie in ties if t != "CO_MENTION"
    }


def people(store: Store) -> list[str]:
    """The names of the stored people, sorted."""
    return sorted(e.name for e in store.entities(type=EntityType.PERSON, limit=None))


def snapshot(store: Store) -> tuple[Any, ...]:
    """The resolved graph by names (ids are the database's business), with every aggregate.

    An undirected tie is stored from its lower actor id, and ids are kept across judgements
    (store/ids.py), so a database with a history and a fresh one may store it the other way round:
    its two names are sorted here.
    """
    ties = sorted(
        (
            *_ends(r.source, r.type, r.target),
            r.evidence_count,
            r.article_count,
            r.first_seen,
            r.last_seen,
            r.confidence,
        )
        for r in store.relations(include_co_mentions=True)
    )
    actors = sorted(
        (e.name, e.type, tuple(e.aliases), e.mention_count, e.article_count)
        for e in store.entities(limit=None)
    )
    return ties, actors, store.stats()


def _ends(source: str, type: RelationType, target: str) -> tuple[str, RelationType, str]:
    """(source, type, target), with the two names of an undirected tie in sorted order."""
    if not type.directed and target < source:
        source, target = target, source
    return source, type, target


def rule_corpus() -> list[Extraction]:
    """Articles that exercise every rule: key, alias, surname, fuzzy, aggregation over articles."""
    polevnsky = (
        Doc("Yeidckol Polevnsky se reunió con Mario Delgado.", doc_id="p1", published=date(2024, 4, 1))
        .entity("Yeidckol Polevnsky")
        .entity("Mario Delgado")
        .relation("Yeidckol Polevnsky", MEETS, "Mario Delgado", 0.65)
        .build()
    )
    polevnski = (
        Doc("Yeidckol Polevnski y Mario Delgado son aliados.", doc_id="p2", published=date(2024, 4, 9))
        .entity("Yeidckol Polevnski")
        .entity("Mario Delgado")
        .relation("Mario Delgado", ALLY, "Yeidckol Polevnski", 0.55)
        .relation("Yeidckol Polevnski", MEETS, "Mario Delgado", 0.35)
        .build()
    )
    return [
        bare_kast("k1"),
        jak_and_abascal("j1", kast_alias=True),
        jose_kast_meets("Giorgia Meloni", "m1"),
        jak_and_abascal("j2", day=7),
        bare_kast("k2", other="Javier Milei", day=9),
        polevnsky,
        polevnski,
        jose_kast_meets("Javier Milei", "m2", day=4),
    ]


def copy_statements(source: Path, url: str) -> None:
    """Put the articles, mentions and evidence of the SQLite file ``source`` into the migrated,
    empty database ``url``, unresolved (a rebuild or a judgement resolves them)."""
    reader, writer = create(f"sqlite:///{source}"), create(url)
    with reader.connect() as src, writer.begin() as dst:
        for table in (schema.Article.__table__, schema.Mention.__table__, schema.Evidence.__table__):
            rows = [dict(r._mapping) for r in src.execute(select(table))]
            for row in rows:
                row.pop("entity_id", None)
                row.pop("relation_id", None)
            dst.execute(table.insert(), rows)  # type: ignore[attr-defined]
    reader.dispose()
    writer.dispose()
