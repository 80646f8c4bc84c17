"""The show stage for a terminal: rich tables and panels for the CLI's results."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from entramado.analyse.blocs import Blocs
from entramado.analyse.ego import Ego
from entramado.analyse.paths import Connection
from entramado.analyse.rank import Ranking
from entramado.analyse.timeline import Timeline
from entramado.ingest import IngestSummary
from entramado.models import Extraction
from entramado.names import name_key
from entramado.reindex import ReindexSummary
from entramado.store import ActorDetail, Decision, EntitySummary, EvidenceView, StoreStats, TieSummary

TYPE_STYLE = {"PERSON": "cyan", "ORGANIZATION": "magenta", "PLACE": "green", "EVENT": "yellow"}


def as_dict(obj: Any) -> Any:
    """A dataclass result as plain JSON-ready data (dates as ISO strings)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: as_dict(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, list | tuple):
        return [as_dict(x) for x in obj]
    if isinstance(obj, dict):
        return {str(k): as_dict(v) for k, v in obj.items()}
    if isinstance(obj, date):
        return obj.isoformat()
    return obj


def _typed(name: str, etype: str) -> str:
    return f"[{TYPE_STYLE.get(etype, 'white')}]{escape(name)}[/]"


def _span(first: date | None, last: date | None) -> str:
    if first is None and last is None:
        return "undated"
    if first == last or last is None:
        return str(first)
    return f"{first} → {last}"


def ingest_summary(console: Console, summary: IngestSummary, stats: StoreStats) -> None:
    """The closing summary of an ingest: what was read, stored, skipped and failed, and why."""
    if summary.interrupted:
        console.print(
            "[bold yellow]interrupted[/]: every article counted as stored below is committed; "
            "run the same command again to go on (stored articles are skipped)"
        )
    console.print(
        f"[bold]read[/] {summary.read}  [bold green]stored[/] {summary.stored}  "
        f"[bold]duplicates[/] {summary.duplicates}  [bold yellow]skipped[/] {len(summary.skipped)}  "
        f"[bold red]failed[/] {len(summary.failed)}"
    )
    console.print(
        f"new articles gave {summary.entities} entities and {summary.ties} ties "
        f"in {summary.seconds:.1f} s ({summary.articles_per_second:.1f} articles/s, "
        f"{summary.words_per_second:,.0f} words/s)"
    )
    console.print(
        f"database now holds {stats.articles} articles, {sum(stats.entities.values())} entities, "
        f"{sum(v for k, v in stats.relations.items() if k != 'CO_MENTION')} ties "
        f"({stats.relations.get('CO_MENTION', 0)} co-mentions aside), {stats.evidence} evidence sentences"
    )
    for line in summary.notices:
        console.print(f"[dim]note[/] {escape(line)}", soft_wrap=True)
    for line in summary.skipped:
        console.print(f"[yellow]skipped[/] {escape(line)}", soft_wrap=True)
    for line in summary.failed:
        console.print(f"[red]failed[/] {escape(line)}", soft_wrap=True)


def reindex_summary(console: Console, summary: ReindexSummary) -> None:
    """The closing summary of a reindex: articles re-extracted, skipped and failed; ties before and after."""
    console.print(
        f"[bold]articles[/] {summary.articles}  [bold green]re-extracted[/] {summary.reextracted}  "
        f"[bold yellow]skipped[/] {len(summary.skipped)}  [bold red]failed[/] {len(summary.failed)}  "
        f"in {summary.seconds:.1f} s"
    )
    console.print(
        f"ties (co-mentions aside): {summary.ties_before} before, {summary.ties_after} after; "
        "merge, split and not-same decisions re-applied"
    )
    for line in summary.skipped:
        console.print(f"[yellow]skipped[/] {escape(line)}", soft_wrap=True)
    for line in summary.failed:
        console.print(f"[red]failed[/] {escape(line)}", soft_wrap=True)


def extraction(console: Console, ex: Extraction) -> None:
    """One article's extraction, readable by a person (``extract --format text``)."""
    console.rule(f"[bold]{escape(ex.article.title or ex.article.doc_id)}[/] ({ex.language})")
    for e in ex.entities:
        aliases = f"  [dim]also: {escape(', '.join(e.aliases))}[/]" if e.aliases else ""
        console.print(f"  {_typed(e.name, e.type)} [dim]{e.type}[/]{aliases}")
    for r in ex.relations:
        if r.type == "CO_MENTION":
            continue
        console.print(
            f"  {escape(r.source)} [bold]{r.type}[/] {escape(r.target)} [dim]({r.confidence:.2f})[/]"
        )
        for ev in r.evidence:
            said = f" [dim]according to {escape(ev.attributed_to)}[/]" if ev.attributed_to else ""
            console.print(f"      “{escape(ev.sentence)}”{said}", soft_wrap=True)


def entities(console: Console, rows: list[EntitySummary]) -> None:
    """The actors table of ``entramado entities``."""
    table = Table("actor", "type", "articles", "mentions", "also known as", box=None, pad_edge=False)
    for row in rows:
        table.add_row(
            _typed(row.name, row.type), row.type, str(row.article_count), str(row.mention_count),
            escape(", ".join(a for a in row.aliases if a != row.name)[:80]),
        )  # fmt: skip
    console.print(table)


def relations(console: Console, rows: list[TieSummary]) -> None:
    """The ties table of ``entramado relations``."""
    table = Table("source", "tie", "target", "evidence", "articles", "seen", "confidence", box=None)
    for row in rows:
        table.add_row(
            _typed(row.source, row.source_type), row.type, _typed(row.target, row.target_type),
            str(row.evidence_count), str(row.article_count), _span(row.first_seen, row.last_seen),
            f"{row.confidence:.2f}",
        )  # fmt: skip
    console.print(table)


def actor(console: Console, detail: ActorDetail, co_mentions: bool = False) -> None:
    """One actor with its ties by type, each with evidence sentences and their articles."""
    e = detail.entity
    console.rule(f"{_typed(e.name, e.type)} [dim]{e.type}[/]")
    aliases = [a for a in e.aliases if a != e.name]
    if aliases:
        console.print(f"[bold]also known as[/] {escape(', '.join(aliases))}")
    console.print(f"[bold]mentioned[/] {e.mention_count} times in {e.article_count} articles")
    for rtype, ties in detail.ties.items():
        if rtype == "CO_MENTION" and not co_mentions:
            continue
        console.print(f"\n[bold underline]{rtype}[/]")
        for tie in ties:
            arrow = {"out": "→", "in": "←"}.get(tie.direction, "↔")
            console.print(
                f"  {arrow} {_typed(tie.other, tie.other_type)}  [dim]{tie.evidence_count} evidence, "
                f"{tie.article_count} articles, {_span(tie.first_seen, tie.last_seen)}, "
                f"confidence {tie.confidence:.2f}[/]"
            )
            for ev in tie.evidence:
                said = f" — according to {escape(ev.attributed_to)}" if ev.attributed_to else ""
                title = ev.title if not ev.title or len(ev.title) <= 60 else f"{ev.title[:57]}…"
                parts = (ev.doc_id, ev.outlet, ev.published, title)
                source = " · ".join(escape(str(x)) for x in parts if x)
                console.print(f"      “{escape(ev.sentence)}”{said}", soft_wrap=True)
                console.print(
                    f"        [dim]{source}{'  ' + escape(ev.url) if ev.url else ''}[/]", soft_wrap=True
                )


def stats(console: Console, result: StoreStats, url: str) -> None:
    """What the database holds (``entramado stats``)."""
    console.print(f"[bold]database[/] {escape(url)}")
    table = Table("", "count", box=None)
    table.add_row("articles", str(result.articles))
    for etype, n in sorted(result.entities.items()):
        table.add_row(f"entities: {etype}", str(n))
    for rtype, n in sorted(result.relations.items()):
        table.add_row(f"ties: {rtype}", str(n))
    table.add_row("evidence sentences", str(result.evidence))
    table.add_row("mentions", str(result.mentions))
    console.print(table)


def _holds(actor: EntitySummary) -> str:
    names = f"{len(actor.aliases)} other name{'s' if len(actor.aliases) != 1 else ''}"
    return f"{names}, {actor.mention_count} mentions in {actor.article_count} articles"


def merged(console: Console, other: str, actor: EntitySummary) -> None:
    """The one line of ``entramado merge``."""
    console.print(
        f"merged '{escape(other)}' into '{_typed(actor.name, actor.type)}': it now has {_holds(actor)}",
        soft_wrap=True,
    )


def split(console: Console, alias: str, kept: EntitySummary, other: EntitySummary | None) -> None:
    """The one line of ``entramado split``."""
    head = f"split '{escape(alias)}' from '{_typed(kept.name, kept.type)}' ({_holds(kept)})"
    if other is None:
        tail = "no article names an actor by it alone, so it is just no longer one of its names"
    elif name_key(other.name) == name_key(alias):
        counts = f"{other.mention_count} mentions in {other.article_count} articles"
        tail = f"it is now an actor of its own ({counts})"
    else:
        tail = f"it now resolves to '{_typed(other.name, other.type)}'"
    console.print(f"{head}: {tail}", soft_wrap=True)


def not_same(console: Console, decision: Decision) -> None:
    """The one line of ``entramado not-same``."""
    a, b = _typed(decision.a_name, decision.type), _typed(decision.b_name, decision.type)
    console.print(
        f"recorded that '{a}' and '{b}' are different actors: no rule will merge them", soft_wrap=True
    )


def decisions(console: Console, rows: list[Decision]) -> None:
    """The table of ``entramado decisions``, oldest first (the order they apply in)."""
    if not rows:
        console.print("no decisions recorded (see `entramado merge`, `split` and `not-same`)")
        return
    table = Table("#", "decision", "actor", "other", "type", "when", "note", box=None, pad_edge=False)
    for d in rows:
        table.add_row(
            str(d.id), d.kind.replace("_", "-"), _typed(d.a_name, d.type), escape(d.b_name), d.type,
            d.created_at.strftime("%Y-%m-%d %H:%M"), escape(d.note or ""),
        )  # fmt: skip
    console.print(table)


# -- analysis: rank, blocs, path, ego, timeline ------------------------------------------------------


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
            str(i), _typed(a.name, a.type), a.type, str(a.degree), f"{a.weighted_degree:.2f}",
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


def bloc_list(console: Console, result: Blocs) -> None:
    """The blocs of ``entramado blocs``, largest first, with members and the ties that bind them."""
    if not result.blocs:
        console.print("no blocs of that size under these filters")
        return
    console.print(
        f"[bold]{result.total} blocs[/] among {result.actors} actors, modularity {result.modularity:.3f}"
        + (f" (showing {len(result.blocs)})" if len(result.blocs) < result.total else "")
    )
    for b in result.blocs:
        types = ", ".join(f"{t} {n}" for t, n in b.relation_types.items())
        console.rule(
            f"bloc {b.number}: {b.size} actors, {b.internal_ties} linked pairs ({types})", align="left"
        )
        shown = ", ".join(f"{_typed(m.name, m.type)} [dim]{m.strength:.2f}[/]" for m in b.members)
        more = f" [dim]and {b.size - len(b.members)} more[/]" if len(b.members) < b.size else ""
        console.print(f"  {shown}{more}", soft_wrap=True)


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
            str(n.hops), _typed(n.name, n.type), n.type, escape(n.via or result.centre),
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
                m.month if i == 0 else "", f"{arrow} {t.type}", _typed(t.other, t.other_type),
                str(t.evidence), str(t.total), "[green]new[/]" if t.new else "",
            )  # fmt: skip
    console.print(table)
    last = Table("tie", "with", "evidence", "first", "last evidence", box=None, pad_edge=False)
    for s in result.ties:
        last.add_row(
            s.type, _typed(s.other, s.other_type), str(s.evidence), str(s.first or ""), str(s.last or "")
        )
    console.print(last)
