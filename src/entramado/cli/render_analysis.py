"""The show stage for the analysis commands: rank, blocs, path, ego and timeline as rich tables."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from entramado.cli.render import typed

if TYPE_CHECKING:  # only types: the graph libraries load when an analysis runs
    from entramado.analyse.blocs import Blocs
    from entramado.analyse.ego import Ego
    from entramado.analyse.paths import Connection
    from entramado.analyse.rank import Ranking
    from entramado.analyse.timeline import Timeline
    from entramado.store import EvidenceView


def ranking(console: Console, result: Ranking) -> None:
    """The table of ``entramado rank``, sorted by the chosen centrality."""
    if not result.actors:
        console.print("no ties pass these filters (try fewer filters, or --co-mentions)")
        return
    table = Table(
        "#",
        "actor",
        "type",
        "degree",
        "weighted",
        "betweenness",
        "pagerank",
        "broker",
        box=None,
        pad_edge=False,
    )
    for i, a in enumerate(result.actors, start=1):
        table.add_row(
            str(i), typed(a.name, a.type), a.type, str(a.degree), f"{a.weighted_degree:.2f}",
            f"{a.betweenness:.4f}", f"{a.pagerank:.4f}", f"{a.broker:.4f}",
        )  # fmt: skip
    console.print(table)
    how = (
        "exact" if result.betweenness_exact else f"estimated from {result.betweenness_samples} sampled actors"
    )
    console.print(
        f"[dim]{len(result.actors)} of {result.total} actors by {result.by}; betweenness {how}; "
        "broker = betweenness per tie[/]"
    )


# Rival blocs listed under each bloc in the table; --json gives them all.
RIVALS_SHOWN = 4


def bloc_list(console: Console, result: Blocs) -> None:
    """The blocs of ``entramado blocs``, largest first, with members and the ties that bind them."""
    from entramado.analyse.blocs import PAIRS_SHOWN  # the graph libraries load with the analysis

    if not result.blocs:
        console.print("no blocs of that size under these filters")
        return
    console.print(
        f"[bold]{result.total} blocs[/] among {result.actors} actors, modularity {result.modularity:.3f}"
        + (f" (showing {len(result.blocs)})" if len(result.blocs) < result.total else "")
        + f"; {result.oppositions} OPPOSES ties between blocs [dim](blocs come from the ties that bind"
        + (f"; {result.unbound} actors have none, each a bloc of one" if result.unbound else "")
        + ")[/]"
    )
    for b in result.blocs:
        types = ", ".join(f"{t} {n}" for t, n in b.relation_types.items())
        console.rule(
            f"bloc {b.number}: {b.size} actors, {b.internal_ties} linked pairs ({types})", align="left"
        )
        shown = ", ".join(f"{typed(m.name, m.type)} [dim]{m.strength:.2f}[/]" for m in b.members)
        more = f" [dim]and {b.size - len(b.members)} more[/]" if len(b.members) < b.size else ""
        console.print(f"  {shown}{more}", soft_wrap=True)
        for o in b.opposes[:RIVALS_SHOWN]:
            pairs = ", ".join(f"{escape(p.member)} ✕ {escape(p.rival)}" for p in o.pairs)
            more = " [dim]…[/]" if o.ties > PAIRS_SHOWN else ""
            line = f"  [red]opposes[/] bloc {o.bloc} ({escape(o.leader)}…) in {o.ties}: {pairs}{more}"
            console.print(line, soft_wrap=True)
        if len(b.opposes) > RIVALS_SHOWN:
            rest = sum(o.ties for o in b.opposes[RIVALS_SHOWN:])
            others = len(b.opposes) - RIVALS_SHOWN
            console.print(f"  [dim]and {rest} OPPOSES ties with {others} more blocs (--json)[/]")
        if b.internal_oppositions:
            console.print(f"  [dim]{b.internal_oppositions} OPPOSES ties inside the bloc[/]")


def connection(console: Console, result: Connection) -> None:
    """The paths of ``entramado path``, each hop with its ties and evidence sentences."""
    if not result.paths:
        console.print(
            f"no path from {escape(result.source)} to {escape(result.target)} within "
            f"{result.max_hops} hops under these filters (try --max-hops or fewer filters)"
        )
        return
    for i, p in enumerate(result.paths, start=1):
        console.rule(
            f"path {i}: {' — '.join(escape(a) for a in p.actors)} [dim]({p.length} hops)[/]", align="left"
        )
        for hop in p.hops:
            for tie in hop.ties:
                arrow = {"forward": "→", "backward": "←"}.get(tie.direction, "↔")
                console.print(
                    f"  {escape(hop.source)} {arrow} [bold]{tie.type}[/] {arrow} {escape(hop.target)}  "
                    f"[dim]{tie.evidence_count} evidence, {tie.article_count} articles, "
                    f"confidence {tie.confidence:.2f}[/]"
                )
                for ev in tie.evidence:
                    _evidence_line(console, ev)


def _evidence_line(console: Console, ev: EvidenceView) -> None:
    said = f" — according to {escape(ev.attributed_to)}" if ev.attributed_to else ""
    title = ev.title if not ev.title or len(ev.title) <= 60 else f"{ev.title[:57]}…"
    source = " · ".join(escape(str(x)) for x in (ev.doc_id, ev.outlet, ev.date or ev.published, title) if x)
    console.print(f"      “{escape(ev.sentence)}”{said}", soft_wrap=True)
    console.print(f"        [dim]{source}{'  ' + escape(ev.url) if ev.url else ''}[/]", soft_wrap=True)


def ego_network(console: Console, result: Ego) -> None:
    """The neighbourhood of ``entramado ego``: actors by distance, then the ties among them."""
    if not result.neighbours:
        console.print(f"{escape(result.centre)} has no ties under these filters")
        return
    table = Table("hops", "actor", "type", "via", "ties", "weight", box=None, pad_edge=False)
    for n in result.neighbours:
        table.add_row(
            str(n.hops), typed(n.name, n.type), n.type, escape(n.via or result.centre),
            ", ".join(n.types), f"{n.weight:.2f}",
        )  # fmt: skip
    console.print(table)
    if result.truncated:
        console.print(
            f"[yellow]showing the {len(result.neighbours)} nearest of {result.total} actors within "
            f"{result.hops} hops[/] (raise --limit to see more)"
        )
    console.print(f"[dim]{len(result.ties)} ties among them (--json lists them)[/]")


def timeline_table(console: Console, result: Timeline) -> None:
    """The months of ``entramado timeline``: each tie's evidence that month, new or growing."""
    if not result.months:
        console.print(f"{escape(result.actor)} has no ties under these filters")
        return
    table = Table("month", "tie", "with", "evidence", "total", "", box=None, pad_edge=False)
    for m in result.months:
        for i, t in enumerate(m.ties):
            arrow = {"out": "→", "in": "←"}.get(t.direction, "↔")
            table.add_row(
                m.month if i == 0 else "", f"{arrow} {t.type}", typed(t.other, t.other_type),
                str(t.evidence), str(t.total), "[green]new[/]" if t.new else "",
            )  # fmt: skip
    console.print(table)
    last = Table("tie", "with", "evidence", "first", "last evidence", box=None, pad_edge=False)
    for s in result.ties:
        last.add_row(
            s.type, typed(s.other, s.other_type), str(s.evidence), str(s.first or ""), str(s.last or "")
        )
    console.print(last)
