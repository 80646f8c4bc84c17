"""An article's extraction as statements in its own names: local entities, and one statement per evidence.

This is what the store keeps of an article before resolution, and what a rebuild resolves again
(:mod:`entramado.store.rebuild`), so that both see the same statements.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from entramado.errors import StoreError
from entramado.models import Entity, EntityType, Evidence, Extraction, Mention, RelationType
from entramado.names import name_key


@dataclass(slots=True)
class LocalEntity:
    """One entity as one article names it: its name, type, and the texts of its mentions.

    This is what resolution sees of an article, whether it comes from an extraction or from the
    stored mentions: its other names are its mention texts, one spelling per key, in mention order.
    """

    name: str
    type: EntityType
    names: list[str] = field(default_factory=list)

    def add_name(self, text: str, seen: set[str]) -> None:
        """Add ``text`` as a name unless one with its key is there (``seen`` holds their keys)."""
        key = name_key(text)
        if key and key not in seen:
            seen.add(key)
            self.names.append(text)

    def as_entity(self) -> Entity:
        """The entity record resolution takes."""
        return Entity(self.name, self.type, self.names[1:])


@dataclass(frozen=True, slots=True)
class Statement:
    """One evidence sentence of one relation of an article, between two of the article's names."""

    source: str
    target: str
    type: RelationType
    start: int
    # The evidence's own date when the text gives one, else the article's publication date.
    date: date | None
    confidence: float


def local_entities(extraction: Extraction) -> tuple[list[LocalEntity], list[list[Mention]]]:
    """The article's entities as statements, with their mentions; entities of one name and type are one.

    An entity whose name is only punctuation ("«»") has no key, and one without a mention is not
    in the text: neither names anything the store could trace, so both are left out, with their ties.
    """
    found: dict[tuple[str, EntityType], int] = {}
    locals_: list[LocalEntity] = []
    mentions: list[list[Mention]] = []
    seen: list[set[str]] = []
    for entity in extraction.entities:
        name = entity.name.strip()
        if not name_key(name) or not entity.mentions:
            continue
        i = found.setdefault((name, entity.type), len(locals_))
        if i == len(locals_):
            locals_.append(LocalEntity(name, entity.type))
            mentions.append([])
            seen.append(set())
            locals_[i].add_name(name, seen[i])
        mentions[i].extend(entity.mentions)
        for m in entity.mentions:
            locals_[i].add_name(m.text, seen[i])
    return locals_, mentions


def statements(extraction: Extraction, locals_: list[LocalEntity]) -> list[tuple[Statement, Evidence]]:
    """One statement per evidence sentence of each relation, between the article's local names.

    A relation's ends are matched to the article's entities by name, else by the key of a name or
    alias; an end naming no entity of the article is an inconsistent extraction (StoreError). A
    relation without an evidence sentence is not stored: every tie must trace to its words.
    """
    kept = {(local.name, local.type) for local in locals_}
    by_name: dict[str, str] = {}
    by_key: dict[str, str] = {}
    left_out: set[str] = set()  # names and keys of entities left out: their ties go with them
    for entity in extraction.entities:
        name = entity.name.strip()
        if (name, entity.type) not in kept:
            left_out.update((entity.name, *(name_key(a) for a in (entity.name, *entity.aliases))))
            continue
        by_name.setdefault(entity.name, name)
        for other in (entity.name, *entity.aliases):
            by_key.setdefault(name_key(other), name)

    def local_of(name: str) -> str | None:
        found = by_name.get(name, by_key.get(name_key(name)))
        if found is not None or name in left_out or name_key(name) in left_out:
            return found
        raise StoreError(
            f"{extraction.article.doc_id}: a relation names '{name}', which is not one of the "
            "article's entities; the extraction is inconsistent and was not stored."
        )

    found: list[tuple[Statement, Evidence]] = []
    published = extraction.article.published
    for relation in extraction.relations:
        if not (name_key(relation.source) and name_key(relation.target)):
            continue  # a tie of an entity without a name, left out with it
        source, target = local_of(relation.source), local_of(relation.target)
        if source is None or target is None or source == target:
            continue  # an end left out, or a tie of one entity with itself, which says nothing
        confidence = min(1.0, max(0.0, relation.confidence))
        for ev in relation.evidence:
            anchored = _anchored(extraction, ev)
            statement = Statement(
                source, target, relation.type, anchored.start, anchored.date or published, confidence
            )
            found.append((statement, anchored))
    return found


def _anchored(extraction: Extraction, ev: Evidence) -> Evidence:
    """``ev`` with offsets that point at its sentence in the article text, or a StoreError.

    Offsets are the promise that every tie can be traced to its words; an off-by-some offset is
    repaired from the nearest occurrence of the sentence, and a sentence not in the text is refused.
    """
    text = extraction.article.text
    if text[ev.start : ev.end] == ev.sentence:
        return ev
    found = _occurrences(text, ev.sentence)
    if not ev.sentence or not found:
        raise StoreError(
            f"{extraction.article.doc_id}: the evidence sentence '{ev.sentence[:60]}' is not in the "
            "article text; the extraction is inconsistent and was not stored."
        )
    start = min(found, key=lambda i: abs(i - ev.start))
    return Evidence(ev.sentence, start, start + len(ev.sentence), ev.cue, ev.attributed_to, ev.date)


def _occurrences(text: str, sentence: str) -> list[int]:
    found: list[int] = []
    i = text.find(sentence) if sentence else -1
    while i >= 0:
        found.append(i)
        i = text.find(sentence, i + 1)
    return found
