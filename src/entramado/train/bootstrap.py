"""How far a score could move with other articles: bootstrap intervals, resampling whole articles.

A gold file of a few dozen articles gives an F1 that one article more or less moves by hundredths.
A user who compares two models, or a model with a floor, needs to know how wide that is. Articles
are the unit that varies, so they are resampled with replacement: each resample adds up the
scorer's counts of its articles and gives one F1, and the interval holds the middle 95% of RESAMPLES
of them. Articles, not ties, because the ties of one article rise and fall together.

The per-article counts come from the scorer itself (``score.py``'s ``score_doc``), loaded from its
file, so that the intervals count exactly what its table counts.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import numpy as np

from entramado.errors import EntramadoError

METRICS = ("actors", "actors_untyped", "places", "relations", "relation_pairs")
RESAMPLES = 1000
LEVEL = 0.95

Interval = tuple[float, float]


def article_counts(scorer: Path, gold: Path, system: Path) -> np.ndarray:
    """The scorer's (tp, fp, fn) per gold article and metric: an articles × METRICS × 3 array."""
    module = _scorer(scorer)
    golds, systems = module.load(str(gold)), module.load(str(system))
    counts = np.zeros((len(golds), len(METRICS), 3))
    for row, (key, gdoc) in enumerate(golds.items()):
        tallies = {metric: module.Tally() for metric in METRICS}
        module.score_doc(gdoc, systems.get(key, {}), tallies, False, key)
        for col, metric in enumerate(METRICS):
            t = tallies[metric]
            counts[row, col] = (t.tp, t.fp, t.fn)
    return counts


def intervals(counts: np.ndarray, seed: int = 0) -> dict[str, Interval]:
    """Per metric, the 95% interval of F1 over the articles of ``counts`` (articles × METRICS × (tp,
    fp, fn), as ``article_counts`` gives them); the same seed gives the same bounds."""
    return _bounds(_resampled_f1(counts, seed) if len(counts) else None)


def difference(counts: np.ndarray, baseline: np.ndarray, seed: int = 0) -> dict[str, Interval]:
    """The intervals of F1 minus the ``baseline``'s F1 on the same articles, resampled together: what
    tells whether one extractor beats another, which two overlapping intervals cannot."""
    if not len(counts):
        return _bounds(None)
    return _bounds(_resampled_f1(counts, seed) - _resampled_f1(baseline, seed))


def _resampled_f1(counts: np.ndarray, seed: int) -> np.ndarray:
    """F1 of RESAMPLES resamples of the articles (the seed fixes which): resamples × METRICS."""
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(counts), size=(RESAMPLES, len(counts)))
    sums = counts[picks].sum(axis=1)
    tp, fp, fn = sums[..., 0], sums[..., 1], sums[..., 2]
    denominator = 2 * tp + fp + fn
    f1: np.ndarray = np.divide(2 * tp, denominator, out=np.zeros_like(tp), where=denominator > 0)
    return f1


def _bounds(f1: np.ndarray | None) -> dict[str, Interval]:
    if f1 is None:
        return {metric: (0.0, 0.0) for metric in METRICS}
    tail = (1 - LEVEL) / 2 * 100
    low, high = np.percentile(f1, [tail, 100 - tail], axis=0)
    bounds = zip(METRICS, low, high, strict=True)
    return {metric: (round(float(lo), 3), round(float(hi), 3)) for metric, lo, hi in bounds}


def _scorer(path: Path) -> ModuleType:
    """``score.py`` as a module (it is a standard-library script; its main only runs as a script)."""
    spec = importlib.util.spec_from_file_location("entramado_scorer", path)
    if spec is None or spec.loader is None:
        raise EntramadoError(f"the scorer at {path} cannot be loaded")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if not all(hasattr(module, name) for name in ("load", "score_doc", "Tally")):
        raise EntramadoError(f"the scorer at {path} has no load, score_doc and Tally to count articles with")
    return module
