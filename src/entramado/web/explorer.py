"""What the web app keeps in memory between requests: graphs, centralities, blocs and the name index.

Building the graph from the database costs seconds on a large store (25 s at a million ties), so
the app builds it once per filter and keeps it until the store changes. A change is noticed by
:meth:`Store.version`, a one-row query, run at most every ``CHECK_EVERY`` seconds.
"""

from __future__ import annotations

import datetime as dt
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any, TypeVar

import networkx as nx

from entramado.analyse import blocs, build_graph, rank, simple_graph
from entramado.analyse.rank import ActorRank
from entramado.analyse.subgraph import Subgraph, ego_subgraph, top_subgraph
from entramado.store import EntitySummary, Store, StoreStats
from entramado.store.reads.graph import GraphFilter
from entramado.store.reads.outlets import Outlet, spellings_of
from entramado.web.name_index import NameIndex

K = TypeVar("K")
V = TypeVar("V")

CHECK_EVERY = 2.0  # seconds between two looks at the store's version
GRAPHS_KEPT = 8  # filtered networks kept in memory, least recently used dropped first
# Actor summaries and tie counts asked for by search and the side panel, kept per store version:
# each costs two queries, and a page asks for the same few actors again and again.
ACTORS_KEPT = 20_000
DRAWINGS_KEPT = 32  # laid-out subgraphs (overviews and neighbourhoods)


@dataclass
class Network:
    """One filtered network and, computed on first use, its centralities and blocs."""

    g: nx.MultiGraph
    s: nx.Graph

    @cached_property
    def ranks(self) -> dict[int, ActorRank]:
        """Every actor's centralities."""
        return {a.id: a for a in rank(self.s, limit=None).actors}

    @cached_property
    def pagerank(self) -> dict[int, float]:
        """PageRank by actor id."""
        return {n: r.pagerank for n, r in self.ranks.items()}

    @cached_property
    def bloc(self) -> dict[int, int]:
        """The bloc number of every actor with ties (1 = the largest bloc)."""
        found = blocs(self.s, min_size=1)
        return {m.id: b.number for b in found.blocs for m in b.members}


@dataclass(frozen=True)
class StoreFacts:
    """What the database holds as a whole: counts (whole-table scans on a big store), dates, outlets."""

    stats: StoreStats
    first_date: dt.date | None
    last_date: dt.date | None
    outlets: list[Outlet]


class Explorer:
    """The store, and the networks and name index derived from it, shared by all requests."""

    def __init__(self, store: Store, allow_edits: bool = False) -> None:
        self.store = store
        self.allow_edits = allow_edits
        # The page's proof that a decision comes from it (web/edits.py): made anew at each start, and
        # handed out only in /api/meta's answer, which no page of another origin can read.
        self.token = secrets.token_urlsafe(32) if allow_edits else None
        self._lock = threading.Lock()
        self._version: tuple[int | None, ...] | None = None
        self._checked = 0.0
        self._networks: OrderedDict[GraphFilter, Network] = OrderedDict()
        self._names: NameIndex | None = None
        self._summaries: OrderedDict[int, EntitySummary] = OrderedDict()
        self._tie_counts: OrderedDict[int, dict[str, int]] = OrderedDict()
        self._drawings: OrderedDict[tuple[Any, ...], Subgraph] = OrderedDict()
        self._facts: OrderedDict[str, StoreFacts] = OrderedDict()

    def _fresh(self) -> None:
        """Drop everything derived when the store has changed since the last look (called under the lock)."""
        now = time.monotonic()
        if self._version is not None and now - self._checked < CHECK_EVERY:
            return
        version = self.store.version()
        self._checked = now
        if version != self._version:
            self._version = version
            self._forget()

    def _forget(self) -> None:
        self._networks.clear()
        self._names = None
        self._summaries.clear()
        self._tie_counts.clear()
        self._drawings.clear()
        self._facts.clear()

    def changed(self) -> None:
        """Forget what was derived: the app itself just changed the store (a merge or split)."""
        with self._lock:
            self._version = None
            self._forget()

    def network(self, flt: GraphFilter) -> Network:
        """The network of the ties that pass ``flt``, built once and kept until the store changes."""
        with self._lock:
            self._fresh()
            found = self._networks.get(flt)
            if found is None:
                g = build_graph(self.store, flt)
                found = self._networks[flt] = Network(g, simple_graph(g))
                _trim(self._networks, GRAPHS_KEPT)
            else:
                self._networks.move_to_end(flt)
            return found

    def names(self) -> NameIndex:
        """The prefix index of every actor's names."""
        with self._lock:
            self._fresh()
            if self._names is None:
                self._names = NameIndex(self.store.name_rows())
            return self._names

    def drawing(self, flt: GraphFilter, actor: int | None, hops: int, max_nodes: int) -> Subgraph:
        """The laid-out subgraph for these parameters, kept until the store changes.

        Laying out thousands of actors takes a few tenths of a second; every visitor of the same
        overview or neighbourhood is then served the same picture at once.
        """

        def draw() -> Subgraph:
            net = self.network(flt)
            if actor is None:
                return top_subgraph(net.g, net.s, max_nodes, net.pagerank, net.bloc)
            return ego_subgraph(net.g, net.s, actor, hops, max_nodes, net.pagerank, net.bloc)

        return self._remember(self._drawings, (flt, actor, hops, max_nodes), draw, DRAWINGS_KEPT)

    def facts(self) -> StoreFacts:
        """Counts, the dates evidence covers and the outlets, for /api/meta (every page load asks)."""

        def read() -> StoreFacts:
            return StoreFacts(self.store.stats(), *self.store.evidence_dates(), self.store.outlets())

        return self._remember(self._facts, "facts", read, 1)

    def outlet_spellings(self, names: list[str] | None) -> list[str] | None:
        """Every stored spelling of the outlets named (in any spelling): a filter on "el pais" keeps
        the evidence of "El País", "El país" and "EL PAIS" alike."""
        if not names:
            return names
        return sorted(spellings_of(self.facts().outlets, names))

    def summaries(self, ids: list[int]) -> dict[int, EntitySummary]:
        """The summaries of these actors (unknown ids left out), by id."""
        with self._lock:
            self._fresh()
            known = {i: self._summaries[i] for i in ids if i in self._summaries}
            seen = self._version
        missing = [i for i in ids if i not in known]
        found = {e.id: e for e in self.store.summaries(missing)} if missing else {}
        with self._lock:
            if self._version == seen:  # as in _remember: nothing read from an older store is kept
                self._summaries.update(found)
                _trim(self._summaries, ACTORS_KEPT)
        known.update(found)
        return {i: known[i] for i in ids if i in known}

    def tie_counts(self, entity_id: int) -> dict[str, int]:
        """How many ties of each type the actor has."""
        return self._remember(
            self._tie_counts, entity_id, lambda: self.store.ties_by_type(entity_id), ACTORS_KEPT
        )

    def _remember(self, cache: OrderedDict[K, V], key: K, compute: Callable[[], V], size: int) -> V:
        """``cache[key]``, computed outside the lock when missing and kept unless the store changed
        meanwhile (an answer derived from the old store must not outlive it)."""
        with self._lock:
            self._fresh()
            if key in cache:
                return cache[key]
            seen = self._version
        value = compute()
        with self._lock:
            if self._version == seen:
                cache[key] = value
                _trim(cache, size)
        return value


def _trim(cache: OrderedDict[Any, Any], size: int) -> None:
    """Drop the oldest entries beyond ``size``."""
    while len(cache) > size:
        cache.popitem(last=False)
