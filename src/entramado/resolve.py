"""Entity resolution across articles: does a newly extracted entity name an actor already stored?

The rules are conservative on purpose: a wrong merge poisons every tie of both actors and is hard to
see, while a missed merge shows up as two rows the user can join later. So a merge needs an exact
name-key match that points at exactly one stored entity of the same type; anything ambiguous creates
a new entity. The decision is pure (it sees the store only through :class:`Lookup`), so it is tested
without a database, and a later issue can add fuzzy scoring or user merge/split decisions here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from entramado.models import Entity, EntityType
from entramado.names import name_key


@dataclass(frozen=True, slots=True)
class Candidate:
    """A stored entity as resolution sees it."""

    id: int
    name: str
    type: EntityType
    key: str


class Lookup(Protocol):
    """What resolution may ask the store: exact key matches, restricted to one entity type."""

    def by_key(self, key: str, type: EntityType) -> Candidate | None:
        """The stored entity of this type whose own name has this key, if any."""
        ...

    def by_alias(self, key: str, type: EntityType) -> list[Candidate]:
        """The distinct stored entities of this type with a name or alias of this key."""
        ...


@dataclass(frozen=True, slots=True)
class Match:
    """The decision to merge a new entity into a stored one.

    ``rename`` is the new display name when the incoming name is fuller than the stored one
    (stored "Kast", new "José Antonio Kast"); the old name stays an alias. ``rule`` says which rule
    matched ("key", "alias", "multiword-alias", "surname"), for tests and for explaining merges.
    """

    entity_id: int
    rule: str
    rename: str | None = None


# Lower-case words that may sit inside a proper name ("Universidad de Chile", "Network for Values").
_CONNECTORS = frozenset(
    {"de", "del", "la", "las", "los", "y", "e", "of", "the", "for", "and", "da", "di", "van", "von"}
)
_ARTICLES = frozenset({"el", "la", "los", "las", "lo", "the"})


def tokens(key: str) -> list[str]:
    """The words of a name key."""
    return key.split()


def proper_name(name: str) -> bool:
    """Whether ``name`` reads as a proper name ("Partido Popular"), not a description ("el partido español").

    Extractions carry descriptions as aliases (coreference: "el aliado de Vox", "la candidata
    comunista"); two actors can share one, so descriptions must never decide a merge.
    """
    words = name.split()
    if words and words[0].casefold() in _ARTICLES:
        words = words[1:]
    return bool(words) and all(w[:1].isupper() or w[:1].isdigit() or w in _CONNECTORS for w in words)


def resolve(entity: Entity, lookup: Lookup) -> Match | None:
    """The stored entity that ``entity`` names, or None when a new entity should be created."""
    key = name_key(entity.name)
    if not key:
        return None
    # Rule 1: same type, same name key ("José Antonio Kast" = "Jose Antonio KAST").
    same = lookup.by_key(key, entity.type)
    if same is not None:
        return Match(same.id, "key")
    # Rule 2: the name is a known alias of exactly one stored entity ("Kast" → "José Antonio Kast").
    # Two stored entities sharing the alias (two Kasts) is an ambiguous surname: do not guess.
    by_alias = lookup.by_alias(key, entity.type)
    if len(by_alias) == 1:
        return Match(by_alias[0].id, "alias")
    if len(by_alias) > 1:
        return None
    # Rule 2b: a multi-word proper-name alias of the new entity is a name of exactly one stored
    # entity. Single words are left out: one word ("Antonio", "Sánchez") says too little to tie two
    # actors together; descriptions ("el líder chileno") are left out as any actor may get them.
    multiword = {name_key(a) for a in entity.aliases if proper_name(a)} - {key}
    found: dict[int, Candidate] = {}
    for alias_key in sorted(k for k in multiword if len(tokens(k)) > 1):
        for candidate in lookup.by_alias(alias_key, entity.type):
            found[candidate.id] = candidate
    if len(found) == 1:
        return Match(next(iter(found)), "multiword-alias")
    if len(found) > 1:
        return None
    # Rule 3: a stored single-word person is the last word of the new, fuller name (stored "Kast",
    # new "José Antonio Kast"): merge, and the fuller name becomes the display name. Only when that
    # word names exactly one stored person, else the surname is ambiguous. People only: the last
    # word of an organisation or place ("Universidad de Chile") is not its short name.
    words = tokens(key)
    if entity.type == EntityType.PERSON and len(words) > 1 and proper_name(entity.name):
        owners = lookup.by_alias(words[-1], entity.type)
        if len(owners) == 1 and owners[0].key == words[-1]:
            return Match(owners[0].id, "surname", rename=entity.name)
    return None
