"""``entramado search``: full-text search over the stored articles and evidence (parsing and rendering)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from entramado.cli import render
from entramado.cli.app import app, out, print_json, with_store
from entramado.cli.options import DbOption, JsonOption
from entramado.store.reads.search import Snippet, TextSearch


@app.command()
def search(
    query: Annotated[
        str, typer.Argument(help='Words to find (all of them; accents and case do not matter; "a phrase").')
    ],
    db: DbOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="At most this many articles.")] = 10,
    offset: Annotated[int, typer.Option("--offset", help="Skip this many articles (the next page).")] = 0,
    as_json: JsonOption = False,
) -> None:
    """Find the articles that say something (titles, texts, evidence), with snippets and actors."""
    result = with_store(db, lambda s: s.search_text(query, limit=limit, offset=offset))
    if as_json:
        print_json(render.as_dict(result))
    else:
        hits(out, result)


def lit(snippet: Snippet) -> str:
    """The snippet as rich markup, the matched words in bold."""
    parts, pos = [], 0
    for start, end in snippet.marks:
        parts += [escape(snippet.text[pos:start]), f"[bold yellow]{escape(snippet.text[start:end])}[/]"]
        pos = end
    parts.append(escape(snippet.text[pos:]))
    return " ".join("".join(parts).split())  # the article's line breaks would break the listing


def hits(console: Console, result: TextSearch) -> None:
    """The matching articles, best first: where, the passage, the actors named, the matching evidence."""
    if not result.total:
        console.print(f"no article matches {escape(result.query)!r} (every word must occur; try fewer words)")
        return
    first, last = result.offset + 1, result.offset + len(result.hits)
    more = f" (showing {first}–{last}; --offset {last} for more)" if last < result.total else ""
    console.print(f"[bold]{result.total} articles[/] match {escape(result.query)!r}{more}")
    for h in result.hits:
        where = ", ".join(escape(str(x)) for x in (h.outlet, h.published) if x)
        console.rule(f"{escape(h.title or h.doc_id)} [dim]{where}[/]", align="left")
        console.print(f"  {lit(h.snippet)}", soft_wrap=True)
        if h.actors:
            names = ", ".join(render.typed(a.name, a.type) for a in h.actors)
            rest = (
                f" [dim]and {h.actor_count - len(h.actors)} more[/]" if h.actor_count > len(h.actors) else ""
            )
            console.print(f"  [dim]names:[/] {names}{rest}", soft_wrap=True)
        for e in h.evidence:
            tie = f"{escape(e.source)} —{e.type}→ {escape(e.target)}"
            console.print(f"  [dim]evidence[/] {tie}: {lit(e.sentence)}", soft_wrap=True)
        console.print(f"  [dim]{escape(h.doc_id)}{'  ' + escape(h.url) if h.url else ''}[/]")
