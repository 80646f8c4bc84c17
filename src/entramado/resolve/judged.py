"""Judgements on actors that resolution obeys: names that are never an actor, names of another type.

A block names keys: a local entity (an article's name for something) whose name has a blocked key is
not resolved at all, so its mentions link to no actor and its ties go; a blocked key is not stored
as anyone's alias either. A retype names the keys an actor was introduced under and the type it was
resolved as: an article's entity of that name and type is resolved as the new type, so every later
article agrees. Judgements apply in the order they were made; an unblock lifts earlier blocks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from entramado.models import EntityType
from entramado.names import name_key

BLOCK, UNBLOCK, RETYPE = "block", "unblock", "retype"


@dataclass(frozen=True, slots=True)
class ActorRule:
    """One block, unblock or retype as resolution sees it: the keys it names and, for a retype, the
    type the actor had (``old``) and the one it has now (``new``)."""

    kind: str
    keys: frozenset[str]
    old: EntityType | None = None
    new: EntityType | None = None

    @classmethod
    def of(cls, kind: str, keys: Iterable[str], detail: Mapping[str, Any]) -> ActorRule:
        """The rule a recorded judgement makes (``detail`` holds a retype's ``from`` and ``to``)."""
        if kind != RETYPE:
            return cls(kind, frozenset(keys))
        return cls(kind, frozenset(keys), EntityType(detail["from"]), EntityType(detail["to"]))


@dataclass(slots=True)
class ActorRules:
    """Blocked keys, and (key, type) pairs resolved under another type."""

    blocked: set[str] = field(default_factory=set)
    retyped: dict[tuple[str, EntityType], EntityType] = field(default_factory=dict)

    @classmethod
    def compile(cls, rules: Iterable[ActorRule]) -> ActorRules:
        """The combined effect of ``rules``, taken in the order they were made."""
        compiled = cls()
        for rule in rules:
            if rule.kind == BLOCK:
                compiled.blocked |= rule.keys
            elif rule.kind == UNBLOCK:
                compiled.blocked -= rule.keys
            elif rule.kind == RETYPE and rule.old is not None and rule.new is not None:
                for key in rule.keys:
                    compiled.retyped[(key, rule.old)] = rule.new
        return compiled

    def __bool__(self) -> bool:
        return bool(self.blocked or self.retyped)

    def type_of(self, name: str, type: EntityType) -> EntityType | None:
        """The type an article's entity called ``name`` resolves as; None when the name is blocked."""
        key = name_key(name)
        if key in self.blocked:
            return None
        return self.retyped.get((key, type), type)

    def keeps(self, alias: str) -> bool:
        """Whether ``alias`` may be stored as a name of an actor (a blocked name may not)."""
        return name_key(alias) not in self.blocked
