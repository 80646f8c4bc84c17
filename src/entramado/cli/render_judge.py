"""The show stage for judgements: one line per judgement made, the decisions table, and the marks that
say what a decision changed (a tie confirmed, evidence rejected, an actor renamed or retyped)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from entramado.cli.render import actor_marks, tie_marks, typed

if TYPE_CHECKING:  # only types: rendering must not load the store
    from entramado.store import Decision, EntitySummary, TieSummary


def _tie(tie: TieSummary) -> str:
    arrow = "→" if tie.type.directed else "↔"
    source, target = typed(tie.source, tie.source_type), typed(tie.target, tie.target_type)
    return f"{source} {arrow} {tie.type} {arrow} {target}"


def _figures(tie: TieSummary) -> str:
    return (
        f"{tie.evidence_count} evidence, {tie.article_count} article{'s' if tie.article_count != 1 else ''}, "
        f"confidence {tie.confidence:.2f}"
    )


def tie_line(console: Console, verb: str, tie: TieSummary) -> None:
    """The one line of ``confirm``, ``add-tie`` and ``retype-tie``: the tie as it is now."""
    marks = tie_marks(tie)
    console.print(
        f"{verb} {_tie(tie)}: {_figures(tie)}" + (f" [dim]({marks})[/]" if marks else ""), soft_wrap=True
    )


def rejected(console: Console, decision: Decision, after: TieSummary | None) -> None:
    """The one line of ``reject``: the tie is gone, or what is left of it."""
    what = f"{escape(decision.a_name)} {decision.detail.get('type')} {escape(decision.b_name)}"
    if "start" in decision.detail:
        head = f"rejected one evidence sentence of {what} (article {escape(str(decision.detail['doc_id']))})"
        if after is None:
            console.print(f"{head}: no other sentence supports it, so the tie is gone", soft_wrap=True)
        else:
            console.print(f"{head}: the tie stays on the rest: {_figures(after)}", soft_wrap=True)
        return
    console.print(
        f"rejected {what}: the tie is gone, and later articles will not bring it back", soft_wrap=True
    )


def actor_line(console: Console, verb: str, actor: EntitySummary) -> None:
    """The one line of ``rename`` and ``retype``."""
    marks = actor_marks(actor)
    aka = f"; also known as {escape(', '.join(actor.aliases))}" if actor.aliases else ""
    console.print(
        f"{verb}: {typed(actor.name, actor.type)} {actor.type}" + (f" ({marks})" if marks else "") + aka,
        soft_wrap=True,
    )


def blocked(console: Console, decision: Decision, unlinked: int) -> None:
    """The one line of ``block``."""
    console.print(
        f"blocked '{escape(decision.a_name)}': {unlinked} mention{'s' if unlinked != 1 else ''} no longer "
        "name an actor, and its ties are gone; later articles naming it make no actor "
        "(`entramado unblock` lifts it)",
        soft_wrap=True,
    )


def describe(d: Decision) -> str:
    """A decision in a few words: what it says, whatever its kind."""
    detail = d.detail
    kind = d.kind.replace("_", "-")
    a, b = escape(d.a_name), escape(d.b_name)
    if d.kind in ("merge", "not_same", "split"):
        return f"{kind} {a} / {b}"
    if d.kind == "reject" and "start" in detail:
        return f"reject {a} {detail['type']} {b}, one sentence of {escape(str(detail['doc_id']))}"
    if d.kind in ("reject", "confirm"):
        return f"{kind} {a} {detail['type']} {b}"
    if d.kind == "add_tie":
        where = f"{escape(str(detail['doc_id']))}: “{escape(detail['sentence'])}”"
        return f"add-tie {a} {detail['type']} {b} ({where})"
    if d.kind == "retype_tie":
        return f"retype-tie {a} {detail['type']} → {detail['to']} {b}"
    if d.kind == "rename":
        return f"rename {a} → {escape(str(detail['to']))}"
    if d.kind == "retype":
        return f"retype {a} {detail['from']} → {detail['to']}"
    return f"{kind} {a}"


def decisions(console: Console, rows: list[Decision]) -> None:
    """The table of ``entramado decisions``, oldest first (the order they apply in)."""
    if not rows:
        console.print(
            "no decisions recorded (see `entramado merge`, `split`, `not-same`, `reject`, `block`…)"
        )
        return
    table = Table("#", "decision", "by", "when", "note", box=None, pad_edge=False)
    for d in rows:
        table.add_row(
            str(d.id), describe(d), escape(d.author or ""), d.created_at.strftime("%Y-%m-%d %H:%M"),
            escape(d.note or ""),
        )  # fmt: skip
    console.print(table)
