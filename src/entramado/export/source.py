"""What every exporter reads: the filtered rows, and on demand their evidence and the actors' aliases."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import networkx as nx

from entramado.analyse.graph import to_graph
from entramado.export.blocs import BlocTables, bloc_tables
from entramado.store import Store
from entramado.store.reads.export import ExportEvidence
from entramado.store.reads.graph import GraphFilter, GraphRows


@dataclass
class ExportSource:
    """The network to export. Evidence and aliases are read only by the formats that use them."""

    store: Store
    flt: GraphFilter
    rows: GraphRows = field(default_factory=GraphRows)

    @classmethod
    def load(cls, store: Store, flt: GraphFilter) -> ExportSource:
        """The rows of the ties that pass ``flt``."""
        return cls(store, flt, store.graph_rows(flt))

    @cached_property
    def graph(self) -> nx.MultiGraph:
        """The network with ``analyse.graph.to_graph``'s attributes, each tie keyed by its relation id.

        ``to_graph`` keys edges by type, so A→B and B→A of one directed type (two ties) would be
        one edge of its undirected multigraph; an export must keep every tie.
        """
        g = nx.MultiGraph()
        g.add_nodes_from(to_graph(GraphRows(nodes=self.rows.nodes)).nodes(data=True))
        for e in self.rows.edges:
            g.add_edge(
                e.source, e.target, key=e.id,
                relation_id=e.id, type=str(e.type), directed=e.type.directed,
                source=e.source, target=e.target, evidence_count=e.evidence_count,
                article_count=e.article_count, confidence=e.confidence,
                first_seen=e.first_seen, last_seen=e.last_seen, confirmed=e.confirmed,
            )  # fmt: skip
        return g

    @cached_property
    def evidence(self) -> dict[int, list[ExportEvidence]]:
        """Every evidence sentence of each exported tie (as filtered), oldest first, by relation id."""
        found: dict[int, list[ExportEvidence]] = {e.id: [] for e in self.rows.edges}
        for ev in self.store.export_evidence(list(found), self.flt):
            found[ev.relation_id].append(ev)
        return found

    @cached_property
    def blocs(self) -> BlocTables:
        """Each actor's bloc and the oppositions between blocs, numbered as ``entramado blocs`` does."""
        return bloc_tables(self.rows)

    @cached_property
    def aliases(self) -> dict[int, list[str]]:
        """Each exported actor's other names."""
        return self.store.export_aliases([n.id for n in self.rows.nodes])


def scalar(value: Any) -> str | int | float | bool:
    """A value as GraphML and GEXF can hold it: dates as ISO strings, anything else not numeric as text."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool | int | float):
        return value
    return str(value)


def flat(data: dict[str, Any]) -> dict[str, str | int | float | bool]:
    """Attributes with scalar values only; a None is left out (no value, rather than an empty one)."""
    return {k: scalar(v) for k, v in data.items() if v is not None}
