"""The show stage for a terminal: rich tables and panels for the CLI's results."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from entramado.names import name_key

if TYPE_CHECKING:  # only types: rendering must not load the pipeline (spaCy) or the store
    from entramado.jobs.ingest import IngestSummary
    from entramado.jobs.reindex import ReindexSummary
    from entramado.models import Extraction
    from entramado.store import ActorDetail, Decision, EntitySummary, StoreStats, Tie, TieSummary

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


def typed(name: str, etype: str) -> str:
    return f"[{TYPE_STYLE.get(etype, 'white')}]{escape(name)}[/]"


def tie_marks(tie: Tie | TieSummary) -> str:
    """What judgements changed on a tie, for a line of output ("" when none did)."""
    marks = []
    if tie.confirmed:
        marks.append("confirmed by a person")
    if tie.rejected:
        marks.append(f"{tie.rejected} evidence sentence{'s' if tie.rejected != 1 else ''} rejected (hidden)")
    if tie.retyped_from:
        marks.append(f"retyped from {tie.retyped_from}")
    return "; ".join(marks)


def actor_marks(actor: EntitySummary) -> str:
    """What judgements changed on an actor ("" when none did)."""
    marks = []
    if actor.renamed_from:
        marks.append(f"renamed from {actor.renamed_from}")
    if actor.retyped_from:
        marks.append(f"retyped from {actor.retyped_from}")
    return "; ".join(marks)


def span(first: date | None, last: date | None) -> str:
    if first is None and last is None:
        return "undated"
    if first == last or last is None:
        return str(first)
    return f"{first} → {last}"


def ingest_summary(console: Console, summary: IngestSummary, stats: StoreStats, where: str = "") -> None:
    """The closing summary of an ingest: what was read, stored, skipped and failed, and why.

    What the new articles gave is counted per article (the same person in ten articles is ten
    actors there); the database's actors are counted after resolution across articles, so the
    second number is smaller by design, and the two lines say which is which.
    """
    if summary.interrupted:
        console.print(
            "[bold yellow]interrupted[/]: every article counted as stored below is committed; "
            "run the same command again to go on (stored articles are skipped)"
        )
    console.print(
        f"[bold]read[/] {summary.read}  [bold green]stored[/] {summary.stored}  "
        f"[bold]duplicates[/] {summary.duplicates}  [bold yellow]skipped[/] {len(summary.skipped)}  "
        f"[bold red]failed[/] {len(summary.failed)}  in {summary.seconds:.1f} s "
        f"({summary.articles_per_second:.1f} articles/s, {summary.words_per_second:,.0f} words/s"
        + (f", {where})" if where else ")")
    )
    console.print(
        f"in the new articles: {summary.mentions} mentions of {summary.entities} actors (counted "
        f"article by article), {summary.ties} ties"
    )
    console.print(
        f"in the database now: {stats.articles} articles, {sum(stats.entities.values())} actors "
        f"after resolution across articles, "
        f"{sum(v for k, v in stats.relations.items() if k != 'CO_MENTION')} ties "
        f"({stats.relations.get('CO_MENTION', 0)} co-mentions aside), {stats.evidence} evidence sentences"
    )
    if summary.dropped_dates:
        console.print(
            f"[dim]note[/] {summary.dropped_dates} dates found in evidence sentences were left out as "
            "implausible (before 1900, or after the article's date or today); those sentences are undated"
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
        "every recorded decision (merges, rejections, blocks…) re-applied"
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
        console.print(f"  {typed(e.name, e.type)} [dim]{e.type}[/]{aliases}")
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
            typed(row.name, row.type), row.type, str(row.article_count), str(row.mention_count),
            escape(", ".join(a for a in row.aliases if a != row.name)[:80]),
        )  # fmt: skip
    console.print(table)


def relations(console: Console, rows: list[TieSummary]) -> None:
    """The ties table of ``entramado relations``."""
    # A column for what judgements changed, when any did (confirmed, evidence rejected, retyped).
    judged = any(tie_marks(row) for row in rows)
    table = Table("source", "tie", "target", "evidence", "articles", "seen", "confidence", box=None)
    if judged:
        table.add_column("judged")
    for row in rows:
        table.add_row(
            typed(row.source, row.source_type), row.type, typed(row.target, row.target_type),
            str(row.evidence_count), str(row.article_count), span(row.first_seen, row.last_seen),
            f"{row.confidence:.2f}", *([tie_marks(row)] if judged else []),
        )  # fmt: skip
    console.print(table)


def actor(console: Console, detail: ActorDetail, co_mentions: bool = False) -> None:
    """One actor with its ties by type, each with evidence sentences and their articles."""
    e = detail.entity
    judged = actor_marks(e)
    console.rule(f"{typed(e.name, e.type)} [dim]{e.type}{f' ({judged})' if judged else ''}[/]")
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
                f"  {arrow} {typed(tie.other, tie.other_type)}  [dim]{tie.evidence_count} evidence, "
                f"{tie.article_count} articles, {span(tie.first_seen, tie.last_seen)}, "
                f"confidence {tie.confidence:.2f}[/]"
                + (f" [bold]{tie_marks(tie)}[/]" if tie_marks(tie) else "")
            )
            for ev in tie.evidence:
                said = f" — according to {escape(ev.attributed_to)}" if ev.attributed_to else ""
                title = ev.title if not ev.title or len(ev.title) <= 60 else f"{ev.title[:57]}…"
                parts = (ev.doc_id, ev.outlet, ev.published, title)
                source = " · ".join(escape(str(x)) for x in parts if x)
                added = " [bold](added by a person)[/]" if ev.added else ""
                console.print(f"      [dim]#{ev.id}[/] “{escape(ev.sentence)}”{said}{added}", soft_wrap=True)
                console.print(
                    f"        [dim]{source}{'  ' + escape(ev.url) if ev.url else ''}[/]", soft_wrap=True
                )


def stats(console: Console, result: StoreStats, url: str) -> None:
    """What the database holds (``entramado stats``)."""
    console.print(f"[bold]database[/] {escape(url)}")
    table = Table("", "count", box=None)
    table.add_row("articles", str(result.articles))
    if result.wire_copies:
        groups = f"{result.wire_groups} group{'s' if result.wire_groups != 1 else ''}"
        table.add_row("  of which wire copies", f"{result.wire_copies} (in {groups}, each one source)")
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
        f"merged '{escape(other)}' into '{typed(actor.name, actor.type)}': it now has {_holds(actor)}",
        soft_wrap=True,
    )


def split(console: Console, alias: str, kept: EntitySummary, other: EntitySummary | None) -> None:
    """The one line of ``entramado split``."""
    head = f"split '{escape(alias)}' from '{typed(kept.name, kept.type)}' ({_holds(kept)})"
    if other is None:
        tail = "no article names an actor by it alone, so it is just no longer one of its names"
    elif name_key(other.name) == name_key(alias):
        counts = f"{other.mention_count} mentions in {other.article_count} articles"
        tail = f"it is now an actor of its own ({counts})"
    else:
        tail = f"it now resolves to '{typed(other.name, other.type)}'"
    console.print(f"{head}: {tail}", soft_wrap=True)


def not_same(console: Console, decision: Decision) -> None:
    """The one line of ``entramado not-same``."""
    a, b = typed(decision.a_name, decision.type), typed(decision.b_name, decision.type)
    console.print(
        f"recorded that '{a}' and '{b}' are different actors: no rule will merge them", soft_wrap=True
    )
