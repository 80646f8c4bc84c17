"""Label placement for the report's figure: strongest first, never two labels on each other."""

from __future__ import annotations

import random
from itertools import combinations

import pytest

from entramado.web.labels import GAP, LINE, Box, Mark, place_labels, text_width

FONT = 12.0
FRAME = Box(0, 0, 1000, 1000)


def assert_apart(boxes: list[Box]) -> None:
    for a, b in combinations(boxes, 2):
        assert not a.overlaps(b, GAP), (a, b)


def test_text_width_follows_the_letters_and_ignores_accents() -> None:
    assert text_width("Jara", FONT) == text_width("Jará", FONT) > 0
    assert text_width("WWWW", FONT) > text_width("nnnn", FONT) > text_width("iiii", FONT)
    assert text_width("Kast", 24.0) == pytest.approx(2 * text_width("Kast", 12.0), abs=0.02)


def test_actors_far_apart_are_all_named_below_themselves() -> None:
    marks = [
        Mark(i, 100 + 200 * (i % 4), 100 + 200 * (i // 4), 10, f"Actor número {i}", i) for i in range(16)
    ]
    labels, dropped = place_labels(marks, FONT, FRAME)
    assert dropped == [] and len(labels) == 16
    for label in labels:
        m = marks[label.id]
        assert label.box.x0 + label.box.x1 == pytest.approx(2 * m.x)  # centred under the actor
        assert label.box.y0 == m.y + m.r + GAP
        assert label.box.y1 - label.box.y0 == pytest.approx(LINE * FONT)
        assert label.width == text_width(m.text, FONT) == pytest.approx(label.box.x1 - label.box.x0)


def test_a_crowd_keeps_its_strongest_names_and_no_label_overlaps_another() -> None:
    rng = random.Random(7)
    marks = [
        Mark(
            i,
            rng.uniform(300, 500),
            rng.uniform(300, 500),
            rng.uniform(7, 24),
            f"Partido Número {i} de Algo",
            rng.random(),
        )
        for i in range(120)
    ]
    labels, dropped = place_labels(marks, FONT, FRAME)
    assert labels and dropped and len(labels) + len(dropped) == 120
    assert_apart([lb.box for lb in labels])
    assert all(lb.box.inside(FRAME) for lb in labels)
    heaviest = max(marks, key=lambda m: m.weight)
    assert labels[0].id == heaviest.id  # placed first, so never crowded out
    # Heavier actors were served first: the labelled ones outweigh the dropped ones on average.
    weight = {m.id: m.weight for m in marks}
    labelled = [weight[lb.id] for lb in labels]
    assert sum(labelled) / len(labelled) > sum(weight[i] for i in dropped) / len(dropped)


def test_a_label_moves_off_another_actor_rather_than_cover_it() -> None:
    big = Mark(1, 500, 500, 10, "Kast", 2.0)
    below = Mark(2, 500, 530, 8, "Abascal", 1.0)  # sits where Kast's label would go
    labels, dropped = place_labels([big, below], FONT, FRAME)
    kast = next(lb for lb in labels if lb.id == 1)
    assert dropped == [] and kast.box.y1 <= big.y - big.r  # above Kast, not over Abascal
    assert not kast.box.hits_circle(below.x, below.y, below.r)


def test_labels_stay_inside_the_frame() -> None:
    edge = Mark(1, 995, 995, 5, "Un nombre bastante largo", 1.0)
    labels, _ = place_labels([edge], FONT, FRAME)
    assert labels == [] or labels[0].box.inside(FRAME)
    corner = Mark(2, 900, 900, 5, "Corto", 1.0)
    (label,), dropped = place_labels([corner], FONT, FRAME)
    assert dropped == [] and label.box.inside(FRAME)
