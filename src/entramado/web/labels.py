"""Where a drawing's labels go: the strongest actors named first, each label where it collides with nothing.

A greedy pass, the way map labelling places city names: actors in order of importance, each label
tried at a few spots around its actor (below, above, right, left, then the corners); the first spot
that overlaps no label already placed (and, if it can, no other actor) wins; an actor with no free
spot is left unlabelled and named on hover instead. Boxes are computed from the text's width in a
known font, which the SVG then enforces (``textLength``), so what is checked here is what is drawn.
"""

from __future__ import annotations

import math
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

# Advance widths of Arial / Liberation Sans (metric-compatible) in thousandths of an em; other
# characters take WIDE. Accented letters are measured as their base letter.
_WIDTHS = {
    **dict.fromkeys("ijl'", 222), **dict.fromkeys(" ftI.,:;/!", 278), **dict.fromkeys("r-()", 333),
    **dict.fromkeys("cksvxyzJ", 500), **dict.fromkeys("abdeghnopqu0123456789L", 556),
    **dict.fromkeys("FTZ", 611), **dict.fromkeys("ABEKPSVXY&", 667), **dict.fromkeys("CDHNRUw", 722),
    **dict.fromkeys("GOQ", 778), **dict.fromkeys("mM", 833), "W": 944, '"': 355,
}  # fmt: skip
WIDE = 611
# A label's box: its line height in ems, and the baseline's depth below the box's top. Any common
# sans font's glyph cell (ascent + descent: 1.12 em for Arial, 1.16 for DejaVu Sans) fits inside.
LINE = 1.3
BASELINE = 1.0
GAP = 2.0  # between two labels, and between a label and its actor, in drawing units
GRID = 64.0  # cell side of the index that finds a box's neighbours


def text_width(text: str, font_size: float) -> float:
    """The width of ``text`` set in Arial at ``font_size``."""
    base = unicodedata.normalize("NFD", text)
    units = sum(_WIDTHS.get(c, WIDE) for c in base if not unicodedata.combining(c))
    return round(units * font_size / 1000, 2)


@dataclass(frozen=True, slots=True)
class Box:
    """An axis-aligned rectangle: left, top, right, bottom."""

    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box, gap: float = 0.0) -> bool:
        """Whether the two boxes, each grown by half of ``gap``, share any area."""
        return not (
            self.x1 + gap <= other.x0
            or other.x1 + gap <= self.x0
            or self.y1 + gap <= other.y0
            or other.y1 + gap <= self.y0
        )

    def inside(self, frame: Box) -> bool:
        return frame.x0 <= self.x0 and frame.y0 <= self.y0 and self.x1 <= frame.x1 and self.y1 <= frame.y1

    def hits_circle(self, x: float, y: float, r: float) -> bool:
        """Whether the box comes within ``r`` of the point (``x``, ``y``)."""
        nearest_x = min(max(x, self.x0), self.x1)
        nearest_y = min(max(y, self.y0), self.y1)
        return math.hypot(x - nearest_x, y - nearest_y) < r


@dataclass(frozen=True, slots=True)
class Mark:
    """An actor drawn as a circle, with the name to write beside it and how much it matters."""

    id: int
    x: float
    y: float
    r: float
    text: str
    weight: float


@dataclass(frozen=True, slots=True)
class Label:
    """A placed label: its box, and where its text starts (left end of the baseline)."""

    id: int
    text: str
    box: Box
    width: float

    @property
    def x(self) -> float:
        return self.box.x0

    def baseline(self, font_size: float) -> float:
        return round(self.box.y0 + BASELINE * font_size, 2)


class _Index:
    """Boxes bucketed by grid cell, so a new box is compared with its neighbours only."""

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[Box]] = defaultdict(list)

    def add(self, b: Box) -> None:
        for cell in _cells(b):
            self.cells[cell].append(b)

    def near(self, b: Box) -> Iterable[Box]:
        grown = Box(b.x0 - GAP, b.y0 - GAP, b.x1 + GAP, b.y1 + GAP)
        return {id(o): o for cell in _cells(grown) for o in self.cells.get(cell, ())}.values()


def _cells(b: Box) -> Iterator[tuple[int, int]]:
    """The grid cells ``b`` touches."""
    for i in range(math.floor(b.x0 / GRID), math.floor(b.x1 / GRID) + 1):
        for j in range(math.floor(b.y0 / GRID), math.floor(b.y1 / GRID) + 1):
            yield i, j


def _spots(m: Mark, w: float, h: float) -> list[Box]:
    """Where a label of ``w`` × ``h`` may sit around its actor, in the order tried."""
    d = m.r + GAP
    side = d * math.sqrt(0.5)  # the corners: touching the circle diagonally
    return [
        Box(m.x - w / 2, m.y + d, m.x + w / 2, m.y + d + h),  # below, as the explorer writes them
        Box(m.x - w / 2, m.y - d - h, m.x + w / 2, m.y - d),  # above
        Box(m.x + d, m.y - h / 2, m.x + d + w, m.y + h / 2),  # right
        Box(m.x - d - w, m.y - h / 2, m.x - d, m.y + h / 2),  # left
        Box(m.x + side, m.y + side, m.x + side + w, m.y + side + h),
        Box(m.x - side - w, m.y + side, m.x - side, m.y + side + h),
        Box(m.x + side, m.y - side - h, m.x + side + w, m.y - side),
        Box(m.x - side - w, m.y - side - h, m.x - side, m.y - side),
    ]


def place_labels(marks: list[Mark], font_size: float, frame: Box) -> tuple[list[Label], list[int]]:
    """Labels for ``marks``, heaviest first, none overlapping another or leaving ``frame``.

    A label avoids the other actors' circles where it can; where it cannot, it may cross a circle
    (the label has a halo) but never another label. Returns the labels placed and the ids of the
    actors left unlabelled.
    """
    h = LINE * font_size
    placed = _Index()
    circles: dict[tuple[int, int], list[Mark]] = defaultdict(list)
    for m in marks:
        for cell in _cells(Box(m.x - m.r, m.y - m.r, m.x + m.r, m.y + m.r)):
            circles[cell].append(m)

    def crosses_another(b: Box, own: Mark) -> bool:
        return any(
            o is not own and b.hits_circle(o.x, o.y, o.r) for c in _cells(b) for o in circles.get(c, ())
        )

    labels: list[Label] = []
    dropped: list[int] = []
    for m in sorted(marks, key=lambda m: (-m.weight, m.text, m.id)):
        w = text_width(m.text, font_size)
        free = [
            b
            for b in _spots(m, w, h)
            if b.inside(frame) and not any(b.overlaps(o, GAP) for o in placed.near(b))
        ]
        chosen = next((b for b in free if not crosses_another(b, m)), free[0] if free else None)
        if chosen is None:
            dropped.append(m.id)
            continue
        placed.add(chosen)
        labels.append(Label(m.id, m.text, chosen, w))
    return labels, dropped
