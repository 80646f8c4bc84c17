"""Entity resolution across articles: does a newly extracted entity name an actor already stored?

The rules are conservative on purpose: a wrong merge poisons every tie of both actors and is hard to
see, while a missed merge shows up as two rows the user can join later (``entramado merge``). So a
merge needs an exact name-key match that points at exactly one stored entity of the same type, or a
spelling variant of exactly one stored name; anything ambiguous creates a new entity. The user's
judgements (:mod:`entramado.resolve.decisions`) override the rules. The decision is pure (it sees the store
only through :class:`Lookup`), so it is tested without a database.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from rapidfuzz import fuzz

from entramado.models import Entity, EntityType
from entramado.names import name_key
from entramado.resolve.blocks import Blocks, lookup_blocks
from entramado.resolve.decisions import NO_DECISIONS, Decisions, Group


@dataclass(frozen=True, slots=True)
class Candidate:
    """A stored entity as resolution sees it."""

    id: int
    name: str
    type: EntityType
    key: str


@dataclass(frozen=True, slots=True)
class Named:
    """One name of a stored entity, as written and as a key: what fuzzy matching compares."""

    name: str
    key: str
    candidate: Candidate


class Lookup(Protocol):
    """What resolution may ask the store, always restricted to one entity type."""

    def by_key(self, key: str, type: EntityType) -> Candidate | None:
        """The stored entity of this type whose own name has this key, if any."""
        ...

    def by_alias(self, key: str, type: EntityType) -> list[Candidate]:
        """The distinct stored entities of this type with a name or alias of this key."""
        ...

    def by_block(self, blocks: Blocks, type: EntityType) -> list[Named]:
        """The names of stored entities of this type filed under one of ``blocks`` (see :mod:`blocks`)."""
        ...

    def heads(self, entity_id: int) -> set[str]:
        """Keys of the names under which articles introduced this entity (see :mod:`decisions`)."""
        ...


@dataclass(frozen=True, slots=True)
class Match:
    """The decision to merge a new entity into a stored one.

    ``rename`` is the new display name when the incoming name is fuller than the stored one
    (stored "Kast", new "José Antonio Kast"), or is the name a merge decision shows the actor
    under; the old name stays an alias. ``rule`` says which rule matched ("decision", "key",
    "alias", "multiword-alias", "surname", "fuzzy"), for tests and for explaining merges.
    """

    entity_id: int
    rule: str
    rename: str | None = None


# Lower-case words that may sit inside a proper name ("Universidad de Chile", "Network for Values").
_CONNECTORS = frozenset(
    {"de", "del", "la", "las", "los", "y", "e", "of", "the", "for", "and", "da", "di", "van", "von"}
)
_ARTICLES = frozenset({"el", "la", "los", "las", "lo", "the"})

# Fuzzy matching (rapidfuzz, 0–100, on accent-free keys), calibrated as a set on pairs that must
# and must not merge; do not tune one value alone. The one differing word must score ≥ 87: a letter
# dropped or added in a word of 4+ letters ("neur"/"neuer" 88.9, "anniston"/"aniston" 93.3) or
# changed in a word of 8+ letters ("polevnsky"/"polevnski" 88.9, "welensky"/"walensky" 87.5) passes;
# a letter changed in a shorter word does not ("buckley"/"buckler" 85.7, two journalists of the
# corpus; "perez"/"peres" 80; "2023"/"2024" 75), since such words of different names also differ by
# one letter. The whole name must score ≥ 90 ("Juan Carlos"/"Juan Carla" 85.7). On the 777-article
# corpus this merges 13 pairs, all misspellings of one actor.
FUZZY_WORD = 87
FUZZY_NAME = 90


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


def spelling_variant(a: str, b: str) -> bool:
    """Whether name keys ``a`` and ``b`` are one name spelt two ways ("yeidckol polevnsky"/"…polevnski").

    Same first word, same number of words, exactly one word that differs, and that word differs only
    slightly. The first word must match exactly because first names of different people differ by a
    letter or two ("Carlos"/"Carla", "Gabriel"/"Gabriela"), while a misspelt surname is the usual
    variant. The differing word is not a number (years and editions are identities: "CPAC
    2023"/"CPAC 2024"), not a gendered pair ("antonio"/"antonia", "gabriel"/"gabriela": other
    people), and scores above. :mod:`entramado.resolve.blocks` relies on these conditions.
    """
    wa, wb = tokens(a), tokens(b)
    if a == b or len(wa) < 2 or len(wa) != len(wb) or wa[0] != wb[0]:
        return False
    differ = [(x, y) for x, y in zip(wa, wb, strict=True) if x != y]
    if len(differ) != 1:
        return False
    x, y = differ[0]
    if not (x.isalpha() and y.isalpha()) or _ungendered(x) == _ungendered(y):
        return False
    return fuzz.ratio(x, y) >= FUZZY_WORD and fuzz.token_sort_ratio(a, b) >= FUZZY_NAME


def _ungendered(word: str) -> str:
    return word[:-1] if word[-1:] in ("a", "o") else word


def resolve(entity: Entity, lookup: Lookup, decisions: Decisions = NO_DECISIONS) -> Match | None:
    """The stored entity that ``entity`` names, or None when a new entity should be created."""
    key = name_key(entity.name)
    if not key:
        return None
    # Decisions first: a name the user merged into an actor goes to that actor, whatever the rules say.
    group = decisions.group(key, entity.type)
    if group is not None:
        target = _group_entity(group, entity.type, lookup)
        if target is not None:
            rename = entity.name if key == group.root and target.key != key else None
            return Match(target.id, "decision", rename=rename)
        # No entity of the group is stored yet: this name starts it; the rules may still apply.

    def allowed(candidates: list[Candidate]) -> list[Candidate]:
        # not-same and split judgements veto any rule that would join names the user kept apart.
        if not decisions.constrains(key, entity.type):
            return candidates
        return [c for c in candidates if not decisions.vetoed(key, entity.type, _heads(lookup, c.id))]

    # Rule 1: same type, same name key ("José Antonio Kast" = "Jose Antonio KAST"). Never vetoed: a
    # judgement cannot make two actors of one name (the key is unique per type), and the store keeps
    # a not-same pair in two entities with two names.
    same = lookup.by_key(key, entity.type)
    if same is not None:
        return Match(same.id, "key")
    # Rule 2: the name is a known alias of exactly one stored entity ("Kast" → "José Antonio Kast").
    # Two stored entities sharing the alias (two Kasts) is an ambiguous surname: do not guess.
    by_alias = allowed(lookup.by_alias(key, entity.type))
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
        for candidate in allowed(lookup.by_alias(alias_key, entity.type)):
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
        owners = allowed(lookup.by_alias(words[-1], entity.type))
        if len(owners) == 1 and owners[0].key == words[-1]:
            return Match(owners[0].id, "surname", rename=entity.name)
    # Rule 4: a spelling variant of a stored proper name ("Yeidckol Polevnski" → "Yeidckol
    # Polevnsky"), when exactly one stored entity has such a name. No context check (shared
    # co-mentioned actors): the variant test is already strict, and an article about a new actor
    # often shares no one with the stored articles of the actor it names.
    return _fuzzy(entity, key, lookup, allowed)


def _fuzzy(
    entity: Entity, key: str, lookup: Lookup, allowed: Callable[[list[Candidate]], list[Candidate]]
) -> Match | None:
    if len(tokens(key)) < 2 or not proper_name(entity.name):
        return None
    passing: dict[int, Candidate] = {}
    for named in lookup.by_block(lookup_blocks(key), entity.type):
        if named.candidate.id not in passing and spelling_variant(key, named.key) and proper_name(named.name):
            passing[named.candidate.id] = named.candidate
    candidates = allowed(list(passing.values()))
    return Match(candidates[0].id, "fuzzy") if len(candidates) == 1 else None


def _heads(lookup: Lookup, entity_id: int) -> Callable[[], set[str]]:
    return lambda: lookup.heads(entity_id)


def _group_entity(group: Group, type: EntityType, lookup: Lookup) -> Candidate | None:
    """The stored entity a merge group's names resolve to, if one is stored yet.

    An entity shown under one of the group's names is it; else an entity that has one of them as an
    alias and was introduced by articles under one of them (its heads), which leaves out actors
    that merely share a surname alias with the group. Several: the one shown under the group's
    root name, else the oldest.
    """
    shown = {c.id: c for k in sorted(group.keys) if (c := lookup.by_key(k, type)) is not None}
    found = shown or {
        c.id: c
        for k in sorted(group.keys)
        for c in lookup.by_alias(k, type)
        if lookup.heads(c.id) & group.keys
    }
    if not found:
        return None
    return min(found.values(), key=lambda c: (c.key != group.root, c.id))
