"""The report's still figure: the network as SVG, with labels laid out so that none overlaps another.

The interactive drawing below it in the report is the explorer's (Cytoscape.js, on a canvas); this
one is plain markup, so it prints, survives a PDF and reads in a mail client's preview. Positions
are the server's seeded layout, the same the explorer uses, so both pictures agree.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

from entramado.analyse.subgraph import Subgraph
from entramado.web.labels import Box, Label, Mark, place_labels

FONT_SIZE = 12.0
FONT = "Arial, 'Liberation Sans', Helvetica, sans-serif"  # the font labels.py measures
MARGIN = 24.0
# The layout's SIZE-unit box is spread over this many drawing units per √actor (at least MIN_SIDE),
# as the explorer spreads it, so that names have room; the SVG then scales to the page's width.
PER_ROOT = 120.0
MIN_SIDE = 640.0
# Room beyond the outermost actors, so that their names can sit outside them too.
LABEL_ROOM = 60.0
# The explorer's colours (frontend/src/graph.js): Okabe–Ito by actor type, one per tie type.
TYPE_COLOURS = {"PERSON": "#0072B2", "ORGANIZATION": "#E69F00", "PLACE": "#009E73", "EVENT": "#CC79A7"}
OTHER_TYPE = "#999999"
RELATION_COLOURS = {
    "ALLY": "#1b9e4b", "MEMBER_OF": "#3b6fb6", "POSITION": "#7b4fb0", "MEETS": "#e08a00",
    "OPPOSES": "#d1352b", "PARTICIPATES_IN": "#17879a", "CANDIDATE_IN": "#8a5a2b", "FAMILY": "#c2417f",
    "CO_MENTION": "#a9afb6",
}  # fmt: skip
DASHES = {"POSITION": "6 4", "PARTICIPATES_IN": "6 4", "CANDIDATE_IN": "6 4", "MEETS": "2 3", "FAMILY": "2 3"}


@dataclass(frozen=True)
class Figure:
    """The SVG markup, and how many actors it names and how many it leaves to the hover."""

    svg: str
    labelled: int
    unlabelled: int
    width: float
    height: float
    labels: list[Label]
    legend: str = ""


def figure(graph: Subgraph, centre: int | None = None) -> Figure:
    """Draw ``graph`` (server positions) as SVG; the centre and the highest PageRank are labelled first."""
    nodes = graph.nodes
    if not nodes:
        return Figure("", 0, 0, 0.0, 0.0, [])
    ranks = [n.pagerank for n in nodes]
    low, high = min(ranks), max(ranks)

    def radius(rank: float) -> float:  # the explorer's node sizes: 14 to 48 across
        share = ((rank - low) / (high - low)) ** 0.5 if high > low else 0.5
        return round((14 + share * 34) / 2, 2)

    xs, ys = [n.x for n in nodes], [n.y for n in nodes]
    extent = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    spread = max(MIN_SIDE, PER_ROOT * math.sqrt(len(nodes))) / extent
    pad = MARGIN + 24 + LABEL_ROOM
    marks = [
        Mark(
            n.id, round((n.x - min(xs)) * spread + pad, 2), round((n.y - min(ys)) * spread + pad, 2),
            radius(n.pagerank), n.name, math.inf if n.id == centre else n.pagerank,
        )
        for n in nodes
    ]  # fmt: skip
    width = max(m.x for m in marks) + pad
    height = max(m.y for m in marks) + pad
    labels, dropped = place_labels(marks, FONT_SIZE, Box(MARGIN, MARGIN, width - MARGIN, height - MARGIN))
    at = {m.id: m for m in marks}
    # The picture is cropped to what is drawn: the room left for labels that did not need it goes.
    boxes = [Box(m.x - m.r, m.y - m.r, m.x + m.r, m.y + m.r) for m in marks] + [lb.box for lb in labels]
    left = math.floor(min(b.x0 for b in boxes) - MARGIN)
    top = math.floor(min(b.y0 for b in boxes) - MARGIN)
    width = math.ceil(max(b.x1 for b in boxes) + MARGIN - left)
    height = math.ceil(max(b.y1 for b in boxes) + MARGIN - top)
    parts = [
        '<svg class="report-figure" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="{left} {top} {width} {height}" role="img" aria-labelledby="figure-caption" '
        f'font-family="{FONT}" font-size="{FONT_SIZE:g}">',
        '<g class="ties" fill="none" stroke-opacity="0.75">',
    ]
    for e in graph.edges:
        a, b = at.get(e.source), at.get(e.target)
        if a is None or b is None:
            continue
        colour = RELATION_COLOURS.get(e.type, OTHER_TYPE)
        dash = f' stroke-dasharray="{DASHES[e.type]}"' if e.type in DASHES else ""
        thick = 1 + min(3.0, math.log2(1 + e.evidence_count))
        parts.append(
            f'<line x1="{a.x}" y1="{a.y}" x2="{b.x}" y2="{b.y}" stroke="{colour}" '
            f'stroke-width="{thick:.2f}"{dash}>'
            f"<title>{escape(a.text)} — {escape(e.type)} — {escape(b.text)}</title></line>"
        )
    parts.append('</g><g class="actors" stroke="#ffffff" stroke-width="1.5">')
    for n in nodes:
        m = at[n.id]
        colour = TYPE_COLOURS.get(n.type, OTHER_TYPE)
        ring = ' stroke="#1d2430" stroke-width="3.5"' if n.id == centre else ""
        parts.append(
            f'<circle cx="{m.x}" cy="{m.y}" r="{m.r}" fill="{colour}"{ring} data-actor-id="{n.id}">'
            f"<title>{escape(n.name)}</title></circle>"
        )
    parts.append(
        '</g><g class="labels" fill="#1d2430" stroke="#ffffff" stroke-width="3" paint-order="stroke">'
    )
    for label in labels:
        parts.append(
            f'<text class="label" x="{label.x}" y="{label.baseline(FONT_SIZE)}" textLength="{label.width}" '
            f'lengthAdjust="spacingAndGlyphs" data-actor-id="{label.id}">{escape(label.text)}</text>'
        )
    parts.append("</g></svg>")
    return Figure("".join(parts), len(labels), len(dropped), width, height, labels, legend(graph))


def legend(graph: Subgraph) -> str:
    """The colours of the actor types and tie types the figure shows, as a list of swatches."""
    items = [
        f'<li><svg width="12" height="12" aria-hidden="true">'
        f'<circle cx="6" cy="6" r="5" fill="{colour}"/></svg>{escape(kind)}</li>'
        for kind in sorted({n.type for n in graph.nodes})
        for colour in [TYPE_COLOURS.get(kind, OTHER_TYPE)]
    ]
    for kind in sorted({e.type for e in graph.edges}):
        dash = f' stroke-dasharray="{DASHES[kind]}"' if kind in DASHES else ""
        items.append(
            f'<li><svg width="24" height="12" aria-hidden="true"><line x1="0" y1="6" x2="24" y2="6" '
            f'stroke="{RELATION_COLOURS.get(kind, OTHER_TYPE)}" stroke-width="2.5"{dash}/></svg>'
            f"{escape(kind)}</li>"
        )
    return f'<ul class="figure-legend">{"".join(items)}</ul>'
