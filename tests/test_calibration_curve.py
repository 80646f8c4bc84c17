"""The tie model's calibration curve: raw scores to observed rates, smoothed where the evidence is thin."""

from __future__ import annotations

import itertools

import numpy as np

from entramado.train.fit import PRIOR, curve


def test_a_top_step_of_a_few_right_ties_is_not_a_certainty() -> None:
    # 40 low scores, 4 of them right; three high scores, all right: raw isotonic says 1.0 for the top
    x = np.array([i / 100 for i in range(40)] + [0.9, 0.95, 0.99])
    y = np.array([1.0 if i % 10 == 0 else 0.0 for i in range(40)] + [1.0, 1.0, 1.0])
    xs, ys = curve(x, y)
    top = float(np.interp(0.99, xs, ys))
    assert top == (3 + PRIOR) / (3 + 2 * PRIOR)  # 5/7: three right ties are not proof of certainty
    assert 0.0 < float(np.interp(0.1, xs, ys)) < 0.2


def test_the_curve_never_goes_down() -> None:
    rng = np.random.default_rng(3)
    x = rng.random(500)
    y = (rng.random(500) < x**2).astype(float)
    xs, ys = curve(x, y)
    assert list(xs) == sorted(xs)
    assert all(b >= a for a, b in itertools.pairwise(ys))
    # with many ties per step the smoothing barely moves the rates: the curve still tracks x²
    assert abs(float(np.interp(0.9, xs, ys)) - 0.81) < 0.15
