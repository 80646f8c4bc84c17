"""What a report says about itself before anything else: its title, when and from which database it
was made, with which filters, what it holds, and its still figure.

Written in both of the page's languages; the explorer's language switch (which sets ``<html
lang>``) shows one of them. Every fact also carries a ``data-field`` and a ``data-value`` that a
program can read back without parsing prose.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from html import escape

from entramado.store.reads.graph import GraphFilter
from entramado.web.figure import Figure


@dataclass(frozen=True)
class ReportFacts:
    """Everything the head of a report states."""

    title: str
    made: dt.datetime
    database: str
    centre: str | None
    hops: int
    max_nodes: int
    flt: GraphFilter
    actors: int
    qualified: int  # actors that passed the filters, of which ``actors`` are drawn
    ties: int
    articles: int  # distinct articles behind the ties drawn
    evidence: int  # their evidence sentences (in the window and outlets, if any)
    database_articles: int


def database_label(url: str) -> str:
    """A store's URL as a reader knows it: a SQLite file's path, any other URL (password masked) as is."""
    if url.startswith("sqlite:///"):
        return url.removeprefix("sqlite:///") or ":memory:"
    return url


def _both(es: str, en: str) -> str:
    return f'<span lang="es">{escape(es)}</span><span lang="en">{escape(en)}</span>'


def _fact(field: str, value: object, label: tuple[str, str], shown: str | None = None) -> str:
    """One ``<div>`` of a fact list: the label in both languages, the value (as ``shown``, markup)."""
    raw = "" if value is None else str(value)
    text = shown if shown is not None else (escape(raw) if raw else _both("cualquiera", "any"))
    return (
        f'<div><dt>{_both(*label)}</dt><dd data-field="{field}" data-value="{escape(raw)}">{text}</dd></div>'
    )


def _listed(values: Collection[object] | None) -> str | None:
    return ", ".join(sorted(str(v) for v in values)) if values else None


def masthead(facts: ReportFacts, fig: Figure) -> str:
    """The report's head and still figure, as markup to put at the top of ``<body>``."""
    f = facts.flt
    made = facts.made.astimezone(dt.UTC)
    shown_made = made.strftime("%Y-%m-%d %H:%M UTC")
    drawn = str(facts.actors)
    if facts.qualified > facts.actors:
        drawn = f"{facts.actors} " + _both(f"de {facts.qualified}", f"of {facts.qualified}")
    counts = [
        _fact("actors", facts.actors, ("Actores", "Actors"), drawn),
        _fact("ties", facts.ties, ("Vínculos", "Ties")),
        _fact("articles", facts.articles, ("Artículos", "Articles")),
        _fact("evidence", facts.evidence, ("Frases de evidencia", "Evidence sentences")),
    ]
    centre = facts.centre
    filters = [
        _fact(
            "actor", centre or "", ("Centro", "Centre"),
            escape(centre) if centre else _both("los actores más fuertes", "the strongest actors"),
        ),
        _fact("hops", facts.hops if centre else "", ("Saltos", "Hops"), None if centre else "—"),
        _fact("since", f.since.isoformat() if f.since else None, ("Desde", "Since")),
        _fact("until", f.until.isoformat() if f.until else None, ("Hasta", "Until")),
        _fact("types", _listed(f.types), ("Tipos de vínculo", "Tie types"),
              None if f.types else _both("todos los afirmados", "every claimed type")),
        _fact("co-mentions", str(f.include_co_mentions).lower(), ("Co-menciones", "Co-mentions"),
              _both("sí", "yes") if f.include_co_mentions else _both("no", "no")),
        _fact("min-confidence", f"{f.min_confidence:g}", ("Confianza mínima", "Min. confidence")),
        _fact("min-evidence", f.min_evidence, ("Evidencia mínima", "Min. evidence")),
        _fact("actor-types", _listed(f.actor_types), ("Tipos de actor", "Actor types")),
        _fact("outlets", _listed(f.outlets), ("Medios", "Outlets")),
        _fact("max-nodes", facts.max_nodes, ("Máximo de actores", "Max. actors")),
    ]  # fmt: skip
    caption = _both(
        f"Etiquetas de {fig.labelled} de {fig.labelled + fig.unlabelled} actores, los más centrales "
        "primero, sin solaparse; el nombre de los demás aparece al pasar el ratón. Debajo, la red "
        "interactiva: pulse un actor o un vínculo para leer su evidencia.",
        f"{fig.labelled} of {fig.labelled + fig.unlabelled} actors labelled, the most central first, "
        "none overlapping; hover over the others for their names. Below, the interactive network: "
        "click an actor or a tie to read its evidence.",
    )
    database = escape(facts.database)
    return (
        '<header class="report-head" id="report-head">'
        f'<p class="kicker">{_both("Informe de entramado", "entramado report")}</p>'
        f'<h1 data-field="title" data-value="{escape(facts.title)}">{escape(facts.title)}</h1>'
        '<p class="made">'
        + _both("Hecho el ", "Made on ")
        + f'<time data-field="made" data-value="{made.isoformat()}" datetime="{made.isoformat()}">'
        f"{shown_made}</time>"
        + _both(" a partir de la base de datos ", " from the database ")
        + f'<code data-field="database" data-value="{database}">{database}</code>'
        + _both(
            f" ({facts.database_articles} artículos en total).",
            f" ({facts.database_articles} articles in all).",
        )
        + "</p>"
        f'<dl class="facts report-counts">{"".join(counts)}</dl>'
        f'<h2>{_both("Filtros", "Filters")}</h2><dl class="facts report-filters">{"".join(filters)}</dl>'
        "</header>"
        + (
            f'<figure class="report-figure-box">{fig.svg}'
            f'<figcaption id="figure-caption">{fig.legend}{caption}</figcaption></figure>'
            if fig.svg
            else ""
        )
    )


# The head's own style: the report becomes a page that scrolls, head and figure first, then the
# explorer at the height of the window; printing gives the head and the figure alone.
STYLE = """
body[data-report-head] { height: auto; min-height: 100vh; overflow: auto; }
@media (min-width: 901px) { body[data-report-head] > .layout { flex: none; height: 100vh; } }
html[lang="en"] .report-head [lang="es"], html[lang="en"] .report-figure-box [lang="es"],
html:not([lang="en"]) .report-head [lang="en"],
html:not([lang="en"]) .report-figure-box [lang="en"] { display: none; }
.report-head, .report-figure-box {
  background: var(--paper, #fff); border-bottom: 1px solid var(--line, #dde1e6);
}
.report-head { padding: 1rem 1.4rem 0.6rem; }
.report-head .kicker, .report-head h2 {
  margin: 0; color: var(--muted, #5d6673); font-size: 0.8rem; text-transform: uppercase;
  letter-spacing: 0.05em;
}
.report-head h2 { margin: 0.6rem 0 0.2rem; }
.report-head h1 { font-size: 1.5rem; margin: 0.1rem 0 0.3rem; }
.report-head .made { margin: 0 0 0.5rem; }
.report-head code { overflow-wrap: anywhere; }
.report-head .facts { display: flex; flex-wrap: wrap; gap: 0.2rem 1.4rem; margin: 0; }
.report-head .facts div { display: flex; gap: 0.35rem; align-items: baseline; }
.report-head .facts dt { color: var(--muted, #5d6673); font-size: 0.85rem; }
.report-head .facts dd { margin: 0; font-variant-numeric: tabular-nums; }
.report-head .report-counts dd { font-weight: 600; font-size: 1.1rem; }
.report-figure-box { margin: 0; padding: 0.6rem 1.4rem 1rem; }
.report-figure { display: block; width: 100%; height: auto; }
.report-figure-box .figure-legend {
  list-style: none; margin: 0 0 0.3rem; padding: 0; display: flex; flex-wrap: wrap; gap: 0.2rem 1rem;
  font-size: 0.75rem;
}
.report-figure-box .figure-legend li { display: flex; align-items: center; gap: 0.3rem; }
.report-figure-box figcaption { color: var(--muted, #5d6673); font-size: 0.85rem; margin-top: 0.3rem; }
@media print {
  body[data-report-head] > :not(.report-head):not(.report-figure-box) { display: none !important; }
}
"""
