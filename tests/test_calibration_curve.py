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


def test_a_thin_step_under_the_threshold_leans_to_the_types_rate_not_to_one_half() -> None:
    # 200 candidates, 5% right: the low step holds 95 of them, 1 right; the top step 5, all right
    x = np.array([i / 1000 for i in range(95)] + [0.9, 0.91, 0.92, 0.93, 0.94] + [0.5] * 100)
    y = np.array([1.0] + [0.0] * 94 + [1.0] * 5 + [0.0] * 96 + [1.0] * 4)
    xs, ys = curve(x, y)
    low, base = float(np.interp(0.05, xs, ys)), float(y.mean())
    assert low < (1 + PRIOR) / (95 + 2 * PRIOR)  # toward one half it would say more than it saw
    assert low < base < 0.5
    top = float(np.interp(0.94, xs, ys))
    assert top == (5 + PRIOR) / (5 + 2 * PRIOR)  # over the threshold: as before, toward one half
