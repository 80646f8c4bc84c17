"""The blocs of an exported network and the oppositions between them, as rows every format can carry.

The numbers are those of ``entramado blocs``, ``GET /api/blocs`` and the explorer's colours for the
same filters (the same ``analyse.blocs`` on the same graph, every actor in a bloc, 1 = the largest),
so a bloc named in one place is the same bloc in every other.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from entramado.analyse.blocs import Blocs, blocs
from entramado.analyse.graph import simple_graph, to_graph
from entramado.store.reads.graph import GraphRows

# Several pairs share one cell, as aliases do in nodes.csv; "✕" reads "against" in the CLI too.
PAIR_SEPARATOR = "|"


@dataclass(frozen=True)
class BlocRow:
    """One bloc: its size, strongest member, binding ties (by type) and oppositions inside it."""

    bloc: int
    size: int
    leader: str
    binding_ties: int
    relation_types: str  # "ALLY 3|MEMBER_OF 1", most common first
    oppositions_inside: int


@dataclass(frozen=True)
class OppositionRow:
    """The OPPOSES ties between two blocs (``bloc`` < ``rival_bloc``), counted, strongest pairs named."""

    bloc: int
    leader: str
    rival_bloc: int
    rival_leader: str
    ties: int
    strongest_pairs: str  # "member ✕ rival|…", at most analyse.blocs.PAIRS_SHOWN


@dataclass(frozen=True)
class BlocTables:
    """Each actor's bloc, the blocs, and the oppositions between blocs (each pair of blocs once)."""

    bloc_of: dict[int, int]
    blocs: list[BlocRow]
    oppositions: list[OppositionRow]

    def pair(self, a: int, b: int) -> str | None:
        """The ``bloc_pair`` of a tie between actors ``a`` and ``b``: "3" inside bloc 3, "3-7" across."""
        ba, bb = self.bloc_of.get(a), self.bloc_of.get(b)
        if ba is None or bb is None:
            return None
        return str(ba) if ba == bb else f"{min(ba, bb)}-{max(ba, bb)}"


def bloc_tables(rows: GraphRows) -> BlocTables:
    """The blocs of the network ``rows`` holds, as ``analyse.blocs`` finds them (blocs of one included)."""
    return tables(blocs(simple_graph(to_graph(rows)), min_size=1))


def tables(found: Blocs) -> BlocTables:
    """``found`` as rows: every actor's bloc number, one row per bloc, one per opposed pair of blocs."""
    bloc_of = {m.id: b.number for b in found.blocs for m in b.members}
    leader = {b.number: b.members[0].name for b in found.blocs if b.members}
    rows = [
        BlocRow(
            b.number, b.size, leader.get(b.number, ""), b.internal_ties,
            PAIR_SEPARATOR.join(f"{t} {n}" for t, n in b.relation_types.items()), b.internal_oppositions,
        )
        for b in found.blocs
    ]  # fmt: skip
    oppositions = [
        OppositionRow(
            b.number, leader.get(b.number, ""), o.bloc, o.leader, o.ties,
            PAIR_SEPARATOR.join(f"{p.member} ✕ {p.rival}" for p in o.pairs),
        )
        for b in found.blocs
        for o in b.opposes
        if b.number < o.bloc  # each pair of blocs once, from the larger bloc's side
    ]  # fmt: skip
    oppositions.sort(key=lambda o: (-o.ties, o.bloc, o.rival_bloc))
    return BlocTables(bloc_of, rows, oppositions)


def opposition_records(t: BlocTables) -> list[dict[str, object]]:
    """The oppositions between blocs as plain records (for JSON in Cytoscape and GraphML)."""
    return [asdict(o) for o in t.oppositions]
