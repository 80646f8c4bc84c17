"""The standalone report: one HTML file with the page, its script, the network and its evidence inlined.

A journalist can attach it to an e-mail and the reader opens it from disk, with no server and no
network. It holds exactly what the API would answer for the same subgraph (the same functions
build it), so the page reads it through the same data interface in its "report" mode.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi.encoders import jsonable_encoder

from entramado.errors import ExportError
from entramado.store import Store
from entramado.store.reads.graph import GraphFilter
from entramado.web import api
from entramado.web.app import STATIC
from entramado.web.explorer import Explorer
from entramado.web.figure import figure
from entramado.web.masthead import STYLE, ReportFacts, database_label, masthead

# How much one report carries: the page must stay light enough to open from an e-mail.
EVIDENCE_PER_TIE = api.MAX_PAGE
CSS_LINK = '<link rel="stylesheet" href="/static/app.css">'
JS_TAG = '<script src="/static/app.js"></script>'
DATA_MARK = "<!-- entramado:data -->"


@dataclass(frozen=True)
class ReportResult:
    """What a report holds."""

    path: Path
    actors: int
    ties: int
    evidence: int
    truncated: bool
    articles: int = 0
    labelled: int = 0  # actors named in the still figure (the others on hover)


def build_report(
    store: Store,
    out: Path,
    actor: str | None = None,
    hops: int = 2,
    max_nodes: int = 150,
    flt: GraphFilter | None = None,
    title: str | None = None,
    made: dt.datetime | None = None,
) -> ReportResult:
    """Write the report of ``actor``'s neighbourhood (or of the strongest actors) to ``out``.

    It opens with what it is (title, when it was ``made``, the database, the filters, what it holds)
    and a still figure whose labels do not overlap, then the explorer over the embedded data.
    """
    flt = flt or GraphFilter()
    ex = Explorer(store)
    centre = store.find_actor(actor) if actor else None
    graph = api.graph(ex, flt, actor=centre.id if centre else None, hops=hops, max_nodes=max_nodes)
    actors = {str(n.id): api.actor(ex, n.id) for n in graph.nodes}
    ties = {str(e.id): api.tie(ex, e.id, flt, offset=0, limit=EVIDENCE_PER_TIE) for e in graph.edges}
    heading = title or (f"Red de {centre.name}" if centre else "Red de actores")
    meta = api.meta(ex)
    # Every sentence behind the ties drawn (the page embeds at most EVIDENCE_PER_TIE of each).
    behind = store.export_evidence([e.id for e in graph.edges], flt) if graph.edges else []
    facts = ReportFacts(
        title=heading, made=made or dt.datetime.now(dt.UTC), database=database_label(store.url),
        centre=centre.name if centre else None, hops=hops, max_nodes=max_nodes, flt=flt,
        actors=len(graph.nodes), qualified=graph.total_nodes, ties=len(graph.edges),
        articles=len({ev.doc_id for ev in behind}), evidence=len(behind),
        database_articles=meta.counts.articles,
    )  # fmt: skip
    fig = figure(graph, centre.id if centre else None)
    data = {
        "meta": {
            **jsonable_encoder(meta),
            "mode": "report",
            "title": heading,
            "centre": centre and centre.id,
        },
        "graph": graph,
        "actors": actors,
        "ties": ties,
    }
    html = page(jsonable_encoder(data), heading, masthead(facts, fig))
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        out.write_text(html, encoding="utf-8")
    except OSError as exc:
        raise ExportError(f"cannot write {out}: {exc.strerror or exc}") from exc
    evidence = sum(len(t.evidence.items) for t in ties.values())
    return ReportResult(
        out, len(graph.nodes), len(graph.edges), evidence, graph.truncated, facts.articles, fig.labelled
    )


def page(data: dict[str, Any], title: str, head: str = "") -> str:
    """The built page with its style, script and ``data`` inlined, under a hash-pinned CSP; ``head``
    (markup: the report's masthead and figure) opens the body."""
    try:
        index = (STATIC / "index.html").read_text(encoding="utf-8")
        css = (STATIC / "app.css").read_text(encoding="utf-8")
        js = (STATIC / "app.js").read_text(encoding="utf-8")
    except OSError as exc:
        raise ExportError(
            f"the explorer page is not built ({exc.filename} is missing): run `make install`, "
            "which builds it with npm in frontend/"
        ) from exc
    for marker in (CSS_LINK, JS_TAG, DATA_MARK):
        if marker not in index:
            raise ExportError(f"{STATIC / 'index.html'} has no {marker}: rebuild the page (`make install`)")
    script = _inline(js, "script")
    # Only this exact script may run: the CSP names its hash, so markup that slipped in runs nothing.
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    csp = (
        f"default-src 'none'; script-src 'sha256-{digest}'; style-src 'unsafe-inline'; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )
    blob = _json_for_html(data)
    style = css + (STYLE if head else "")
    html = index.replace(CSS_LINK, f"<style>{_inline(style, 'style')}</style>")
    html = html.replace(DATA_MARK, f'<script type="application/json" id="entramado-data">{blob}</script>')
    html = html.replace("<head>", f'<head>\n<meta http-equiv="Content-Security-Policy" content="{csp}">', 1)
    html = re.sub(
        r"<title>.*?</title>", lambda _: f"<title>{_escape(title)}</title>", html, count=1, flags=re.S
    )
    if head:
        # An attribute (not a class the page's script may rewrite) switches the masthead's style on.
        html = re.sub(
            r"<body\b([^>]*)>", lambda m: f"<body data-report-head{m.group(1)}>\n{head}", html, count=1
        )
    # Replaced last, so that nothing above rewrites the script whose hash the CSP pins.
    return html.replace(JS_TAG, f"<script>{script}</script>")


def _inline(code: str, tag: str) -> str:
    """Code made safe to sit between <tag> and </tag>: no early end tag, no comment opener."""
    code = re.sub(rf"</({tag})", r"<\\/\1", code, flags=re.I)
    return code.replace("<!--", "<\\!--")


def _json_for_html(data: Any) -> str:
    """JSON that cannot end its <script> element: <, > and & are written as \\u escapes."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
