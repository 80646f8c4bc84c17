"""The resolved layer computed in memory: the rebuild's replay of every article, without a query per entity.

:func:`replay` runs the very functions the store's rebuild runs (:func:`entramado.resolve.actors.resolve`
for each entity, :func:`entramado.store.aggregate.article_ties` for each article's statements)
over an in-memory :class:`World` that answers resolution's questions the way
:class:`entramado.store.lookup.SessionLookup` answers them from the rows written so far, and sums
the ties the way :func:`entramado.store.aggregate.add_tie` does in SQL (same floating-point
operations in the same order, so the aggregates are equal to the bit). Its result is what a full
rebuild would write; :mod:`entramado.store.incremental` writes only where it differs from what is
stored. Anything changed in the rebuild's rules must change here too: tests/test_incremental.py
compares the two on real articles.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from entramado.models import Entity, EntityType
from entramado.names import name_key
from entramado.resolve.actors import Candidate, Named, resolve
from entramado.resolve.blocks import Blocks, stored_blocks
from entramado.resolve.decisions import Decisions
from entramado.store.aggregate import ArticleTie, Source, article_ties
from entramado.store.ids import Registry
from entramado.store.rebuild import Statements, local_entities_of
from entramado.store.statements import LocalEntity, Statement

TieKey = tuple[int, int, str]
LocalKey = tuple[int, str, str]  # (article id, local name, local type): one article's entity


@dataclass(slots=True)
class Tie:
    """One aggregated tie, as the relations row holds it."""

    evidence_count: int
    article_count: int
    first_seen: date | None
    last_seen: date | None
    confidence: float


@dataclass(slots=True)
class World:
    """Entities, aliases, heads and ties as the rebuild has written them so far, in memory.

    Answers :class:`entramado.resolve.actors.Lookup` like SessionLookup: candidates by entity id,
    names of an entity in the order its aliases were stored.
    """

    ids: Registry
    entities: dict[int, tuple[str, EntityType, str]] = field(default_factory=dict)
    # Per entity, its names in the order stored: (alias, key, head block, end block).
    aliases: dict[int, list[tuple[str, str, str, str | None]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    _alias_keys: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))
    _by_key: dict[tuple[str, EntityType], int] = field(default_factory=dict)
    _by_alias: dict[tuple[str, EntityType], set[int]] = field(default_factory=lambda: defaultdict(set))
    _by_head: dict[tuple[str, EntityType], set[int]] = field(default_factory=lambda: defaultdict(set))
    _by_end: dict[tuple[str, EntityType], set[int]] = field(default_factory=lambda: defaultdict(set))
    _heads: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))
    ties: dict[TieKey, Tie] = field(default_factory=dict)
    # Per tie, per article: (highest confidence, number) of the article's evidence rows linked to it.
    _linked: dict[TieKey, dict[int, tuple[float, int]]] = field(default_factory=lambda: defaultdict(dict))
    mentions: dict[LocalKey, int | None] = field(default_factory=dict)
    evidence: dict[int, TieKey] = field(default_factory=dict)
    wire: dict[int, int | None] = field(default_factory=dict)  # article → the wire group it copies
    # Caches of what the lookups answer, dropped for an entity when its name or aliases change.
    _candidates: dict[int, Candidate] = field(default_factory=dict)

    # -- the Lookup protocol ---------------------------------------------------------------------

    def _candidate(self, entity_id: int) -> Candidate:
        found = self._candidates.get(entity_id)
        if found is None:
            name, type, key = self.entities[entity_id]
            found = self._candidates[entity_id] = Candidate(entity_id, name, type, key)
        return found

    def by_key(self, key: str, type: EntityType) -> Candidate | None:
        """The entity of this type whose own name has this key, if any."""
        found = self._by_key.get((key, type))
        return None if found is None else self._candidate(found)

    def by_alias(self, key: str, type: EntityType) -> list[Candidate]:
        """The distinct entities of this type with a name or alias of this key, by id."""
        return [self._candidate(i) for i in sorted(self._by_alias.get((key, type), ()))]

    def by_block(self, blocks: Blocks, type: EntityType) -> list[Named]:
        """The names of entities of this type filed under one of ``blocks``, by entity and alias order
        (as :class:`entramado.store.lookup.SessionLookup` reads them)."""
        ids: set[int] = set()
        for head in blocks.heads:
            ids |= self._by_head.get((head, type), set())
        if blocks.end is not None:
            ids |= self._by_end.get((blocks.end, type), set())
        heads = set(blocks.heads)
        found: list[Named] = []
        for i in sorted(ids):
            candidate = self._candidate(i)
            found.extend(
                Named(alias, key, candidate)
                for alias, key, head, end in self.aliases[i]
                if head in heads or (end is not None and end == blocks.end)
            )
        return found

    def heads(self, entity_id: int) -> set[str]:
        """Keys of the local names of the articles already linked to this entity."""
        return set(self._heads.get(entity_id, ()))

    def add_head(self, entity_id: int, local_name: str) -> None:
        """An article's entity named ``local_name`` is now linked to the entity."""
        self._heads[entity_id].add(name_key(local_name))

    # -- what store_entity writes ------------------------------------------------------------------

    def store_judged(self, entity: Entity, decisions: Decisions) -> int | None:
        """:func:`entramado.store.write.resolve_entities` for one entity: a blocked name is no actor
        (None), a retyped one resolves under its new type."""
        rules = decisions.actors
        if not rules:
            return self.store_entity(entity, decisions)
        judged = rules.type_of(entity.name, entity.type)
        if judged is None:
            return None
        kept = [a for a in entity.aliases if rules.keeps(a)]
        return self.store_entity(Entity(entity.name, judged, kept), decisions)

    def store_entity(self, entity: Entity, decisions: Decisions) -> int:
        """:func:`entramado.store.write.store_entity`, in memory."""
        key = name_key(entity.name)
        match = resolve(entity, self, decisions)
        if match is None:
            group = decisions.group(key, entity.type)
            entity_id = self.ids.claim(entity.type, key, group.root if group else None, self.entities)
            self.entities[entity_id] = (entity.name.strip(), entity.type, key)
            self._by_key[(key, entity.type)] = entity_id
        else:
            entity_id = match.entity_id
            if match.rename is not None:
                old = self.entities[entity_id]
                new_key = name_key(match.rename)
                del self._by_key[(old[2], old[1])]
                self.entities[entity_id] = (match.rename, old[1], new_key)
                self._candidates.pop(entity_id, None)  # by_block builds its names from the candidate
                self._by_key[(new_key, old[1])] = entity_id
                self.ids.register(old[1], new_key, entity_id)

        def heads() -> set[str]:
            return self.heads(entity_id) | {key}

        aliases = [a for a in entity.aliases if not decisions.hides(name_key(a), entity.type, heads)]
        self._add_aliases(entity_id, entity.type, [entity.name, *aliases])
        return entity_id

    def _add_aliases(self, entity_id: int, type: EntityType, names: list[str]) -> None:
        known = self._alias_keys[entity_id]
        for alias in names:
            key = name_key(alias)
            if key and key not in known:
                known.add(key)
                head, end = stored_blocks(key)
                self.aliases[entity_id].append((alias.strip(), key, head, end))
                self._by_alias[(key, type)].add(entity_id)
                self._by_head[(head, type)].add(entity_id)
                if end is not None:
                    self._by_end[(end, type)].add(entity_id)

    # -- what link_statements writes ---------------------------------------------------------------

    def link(
        self, found: list[Statement], locals_: list[LocalEntity], ids: list[int | None], source: Source
    ) -> list[TieKey | None]:
        """:func:`entramado.store.aggregate.link_statements`, in memory: the tie of each statement."""
        entity_of: dict[str, int] = {}
        for local, entity_id in zip(locals_, ids, strict=True):
            if entity_id is not None:
                entity_of.setdefault(local.name, entity_id)
        ties, which = article_ties(found, entity_of)
        keys = [self._add_tie(tie, source) for tie in ties]
        links = [None if i is None else keys[i] for i in which]
        for st, key in zip(found, links, strict=True):
            if key is not None:
                p, n = self._linked[key].get(source.article_id, (st.confidence, 0))
                self._linked[key][source.article_id] = (max(p, st.confidence), n + 1)
        return links

    def _add_tie(self, tie: ArticleTie, source: Source) -> TieKey:
        key = (tie.source_id, tie.target_id, str(tie.type))
        dates = [d for d in tie.dates.values() if d is not None]
        first, last = (min(dates), max(dates)) if dates else (None, None)
        row = self.ties.get(key)
        if row is None:
            self.ties[key] = Tie(len(tie.dates), 1, first, last, tie.confidence)
            return key
        earlier = self._group_support(key, source)
        row.first_seen = _extreme(row.first_seen, first, earliest=True)
        row.last_seen = _extreme(row.last_seen, last, earliest=False)
        if earlier is None:
            row.evidence_count += len(tie.dates)
            row.article_count += 1
            row.confidence = 1.0 - (1.0 - row.confidence) * (1.0 - tie.confidence)
            return key
        p_old, n_old = earlier
        p_new, n_new = max(p_old, tie.confidence), max(n_old, len(tie.dates))
        row.evidence_count += n_new - n_old
        if p_new > p_old:
            row.confidence = 1.0 - (1.0 - row.confidence) * ((1.0 - p_new) / (1.0 - p_old))
        return key

    def _group_support(self, key: TieKey, source: Source) -> tuple[float, int] | None:
        if source.group is None:
            return None
        copies = [
            support
            for article, support in self._linked[key].items()
            if article != source.article_id
            and (article == source.group or self.wire.get(article) == source.group)
        ]
        if not copies:
            return None
        return max(p for p, _ in copies), max(n for _, n in copies)


def _extreme(stored: date | None, value: date | None, earliest: bool) -> date | None:
    """aggregate._extreme in Python: NULL is unknown, a known date wins over it."""
    if value is None:
        return stored
    if stored is None:
        return value
    return value if (stored > value if earliest else stored < value) else stored


def replay(statements: Statements, decisions: Decisions, ids: Registry) -> World:
    """The resolved layer a rebuild would write, computed in memory."""
    world = World(ids=ids, wire=dict(statements.articles))
    for article_id, wire_of in statements.articles:
        locals_ = local_entities_of(statements.mentions.get(article_id, []))
        entity_ids = [world.store_judged(local.as_entity(), decisions) for local in locals_]
        for local, entity_id in zip(locals_, entity_ids, strict=True):
            world.mentions[(article_id, local.name, str(local.type))] = entity_id
            if entity_id is not None:
                world.add_head(entity_id, local.name)
        rows = statements.evidence.get(article_id, [])
        links = world.link([st for _, st in rows], locals_, entity_ids, Source(article_id, wire_of))
        for (evidence_id, _), tie in zip(rows, links, strict=True):
            if tie is not None:
                world.evidence[evidence_id] = tie
    return world
