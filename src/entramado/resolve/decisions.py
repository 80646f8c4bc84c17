"""User judgements about who is who (merge, not-same, split), compiled into what resolution obeys.

Judgements name actors by name keys (:func:`entramado.names.name_key`), never by row ids: the
resolved layer is rebuilt from the articles' own statements, so ids change, while the names the
articles use stay. That is what lets a judgement survive a rebuild, a re-ingest, or an import into a
fresh database (the nomenklatura model: decisions are data).

The names that identify an actor are its *heads*: the names under which articles introduced it
(the fullest name of each article's coreference chain), not every mention text. A surname or a
description ("Kast", "el líder chileno") is a mention of many actors and would make a judgement
about one of them apply to all.

Judgements apply in the order they were made, and a later one overrides an earlier one it
contradicts: a merge lifts an earlier not-same between the two actors, a not-same or a split
unpins names an earlier merge had joined.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from entramado.models import EntityType
from entramado.resolve.judged import ActorRules


class Kind(StrEnum):
    """What the user judged."""

    MERGE = "merge"  # B is A: every name of B resolves to A's actor
    NOT_SAME = "not_same"  # A and B are two actors: no rule may put their names in one entity
    SPLIT = "split"  # the alias is not A: it no longer resolves to A
    # Judgements on ties and actors (resolve/judged.py, store/judge_overlay.py): resolution obeys
    # only block and retype; the others apply to the resolved layer after it.
    REJECT = "reject"  # the tie A TYPE B is wrong, or one of its evidence sentences does not support it
    CONFIRM = "confirm"  # a person checked the tie A TYPE B
    ADD_TIE = "add_tie"  # a tie the extractor missed, with an evidence sentence of a stored article
    RETYPE_TIE = "retype_tie"  # the tie A OLD B is of another type
    RENAME = "rename"  # actor A is shown under another name
    RETYPE = "retype"  # actor A is of another entity type
    BLOCK = "block"  # a name that is never an actor
    UNBLOCK = "unblock"  # lifts an earlier block


# The judgements about who is who, which :class:`Decisions` compiles.
IDENTITY = frozenset({Kind.MERGE, Kind.NOT_SAME, Kind.SPLIT})


@dataclass(frozen=True, slots=True)
class Judgement:
    """One user decision as resolution sees it.

    ``a_keys`` are the heads of the first actor (for a merge, the one kept, whose display name is
    ``root``); ``b_keys`` the heads of the other actor, or for a split the alias key alone.
    """

    kind: Kind
    type: EntityType
    a_keys: frozenset[str]
    b_keys: frozenset[str]
    root: str = ""


@dataclass(slots=True)
class Group:
    """Names declared to be one actor by merges; ``root`` is the name the actor is shown under."""

    root: str
    keys: set[str]


@dataclass(frozen=True, slots=True)
class Apart:
    """Two sets of names that must never end up in one entity (a not-same, or a split's two sides)."""

    a: frozenset[str]
    b: frozenset[str]


@dataclass(slots=True)
class Hidden:
    """A split alias: not to be stored as a name of the actor whose heads are ``actor``."""

    alias: str
    actor: frozenset[str]


@dataclass(slots=True)
class Decisions:
    """All judgements of one database, compiled per entity type for resolution."""

    groups: dict[EntityType, list[Group]] = field(default_factory=dict)
    apart: dict[EntityType, list[Apart]] = field(default_factory=dict)
    hidden: dict[EntityType, list[Hidden]] = field(default_factory=dict)
    # Names never resolved, and names resolved under another type (block and retype judgements).
    actors: ActorRules = field(default_factory=ActorRules)

    @classmethod
    def compile(cls, judgements: Iterable[Judgement]) -> Decisions:
        """The combined effect of ``judgements``, taken in the order they were made."""
        compiled = cls()
        for j in judgements:
            if j.kind == Kind.MERGE:
                compiled._merge(j)
            elif j.kind == Kind.NOT_SAME:
                compiled._not_same(j)
            elif j.kind == Kind.SPLIT:
                compiled._split(j)
        return compiled

    def __bool__(self) -> bool:
        return (
            any(self.groups.values())
            or any(self.apart.values())
            or any(self.hidden.values())
            or bool(self.actors)
        )

    def _merge(self, j: Judgement) -> None:
        keys = set(j.a_keys | j.b_keys)
        groups = self.groups.setdefault(j.type, [])
        for old in [g for g in groups if g.keys & keys]:
            keys |= old.keys
            groups.remove(old)
        groups.append(Group(root=j.root, keys=keys))
        # The user now says these names are one actor: earlier judgements keeping them apart go.
        self.apart[j.type] = [p for p in self.apart.get(j.type, []) if not (p.a & keys and p.b & keys)]
        self.hidden[j.type] = [
            h for h in self.hidden.get(j.type, []) if not (h.alias in keys and h.actor & keys)
        ]

    def _not_same(self, j: Judgement) -> None:
        for group in self.groups.get(j.type, []):
            if group.keys & j.a_keys and group.keys & j.b_keys:
                group.keys -= j.b_keys
        self.apart.setdefault(j.type, []).append(Apart(j.a_keys, j.b_keys))

    def _split(self, j: Judgement) -> None:
        actor = j.a_keys - j.b_keys
        for group in self.groups.get(j.type, []):
            if group.keys & actor:
                group.keys -= j.b_keys
        self.apart.setdefault(j.type, []).append(Apart(actor, j.b_keys))
        for alias in j.b_keys:
            self.hidden.setdefault(j.type, []).append(Hidden(alias, actor))

    # -- what resolution asks ----------------------------------------------------------------

    def group(self, key: str, type: EntityType) -> Group | None:
        """The merge group ``key`` was declared part of, if any (a group of one name is no group)."""
        for group in self.groups.get(type, []):
            if key in group.keys and len(group.keys) > 1:
                return group
        return None

    def constrains(self, key: str, type: EntityType) -> bool:
        """Whether a not-same or split names ``key``, so that joins of it must be checked."""
        return any(key in p.a or key in p.b for p in self.apart.get(type, []))

    def vetoed(self, key: str, type: EntityType, heads: Callable[[], set[str]]) -> bool:
        """Whether an entity named ``key`` may not join a stored entity whose heads are ``heads()``.

        ``heads`` is called only when a judgement names ``key``, as it costs a query.
        """
        pairs = [p for p in self.apart.get(type, []) if key in p.a or key in p.b]
        if not pairs:
            return False
        stored = heads()
        return any((key in p.a and stored & p.b) or (key in p.b and stored & p.a) for p in pairs)

    def hides(self, alias: str, type: EntityType, heads: Callable[[], set[str]]) -> bool:
        """Whether ``alias`` was split from the actor whose heads are ``heads()`` (called lazily)."""
        actors = [h.actor for h in self.hidden.get(type, []) if h.alias == alias]
        if not actors:
            return False
        stored = heads()
        return any(stored & actor for actor in actors)


NO_DECISIONS = Decisions()
