"""Learning the tie model: logistic regression per type, calibrated and thresholded on inner folds.

The learner was chosen by cross-validation (see the model card and ``entramado eval --cv``): one
L2-regularised logistic regression per tie type over the sparse candidate features (liblinear,
deterministic). A tie's score is its best sentence's; an isotonic curve fitted on out-of-fold
scores of the training articles, each step smoothed (see PRIOR), turns it into the share of such
ties that were right, and each type's threshold is the calibrated confidence that gave the best F1
on those folds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.sparse import csr_matrix
from sklearn.feature_extraction import DictVectorizer
from sklearn.isotonic import IsotonicRegression
from sklearn.linear_model import LogisticRegression

from entramado.annotate.features import uncovered
from entramado.annotate.linear import LinearTies
from entramado.annotate.ties import fits
from entramado.models import RelationType
from entramado.train.annotations import ANNOTATED_TYPES
from entramado.train.dataset import AnnotatedDoc
from entramado.train.rule_confidence import count_right, smoothed

TYPES: list[RelationType] = sorted(ANNOTATED_TYPES, key=list(RelationType).index)
# Regularisation, chosen by 5-fold cross-validation on the annotation set (typed relations F1 with
# the shipped recogniser: C=0.1 0.248, 0.3 0.255, 1.0 0.262, at a 0.15 floor on thresholds).
C = 1.0
# No tie the model alone finds is reported below this calibrated confidence: a tie on the map should
# be more likely right than wrong. Each type's threshold is its best F1 on the inner folds, but never
# under this. Lower floors buy recall at the cost of precision; 5-fold cross-validation on the 418
# annotated articles (typed relations, P / R / F1): floor 0.1 0.342 / 0.200 / 0.252, floor 0.5
# 0.436 / 0.143 / 0.215 (the rules alone, on the same articles: 0.424 / 0.116 / 0.183). Both ways
# --min-confidence means what it says, and --tie-threshold lowers it (see the README).
MIN_THRESHOLD = 0.5
INNER_FOLDS = 4
# Each step of a calibration curve is its ties' share of right ones with PRIOR right and PRIOR wrong
# ties added: the raw isotonic curve reached 1.0 on a top step of a handful of right ties, and the
# ties then shown at 0.98 were right 0.89 of the time. Chosen by 5-fold cross-validation on the 418
# annotated articles, three fold seeds each (expected calibration error of the ties shown; typed
# relations F1 the same for all): raw isotonic 0.065, Platt scaling 0.057, PRIOR 1 0.048, 2 0.030,
# 4 0.047.
PRIOR = 2.0


@dataclass
class TieScores:
    """Article-level ties of some documents: (doc index, cluster pair, type), best raw score, right or not."""

    keys: list[tuple[int, tuple[int, int], RelationType]]
    scores: NDArray[np.float64]
    right: NDArray[np.bool_]


def folds(docs: Sequence[AnnotatedDoc], k: int, seed: int = 0) -> list[int]:
    """A fold number for each document: articles, never sentences, are what is held out."""
    order = sorted(range(len(docs)), key=lambda i: docs[i].annotation.doc_id)
    rng = np.random.default_rng(seed)
    shuffled = [order[i] for i in rng.permutation(len(order))]
    fold = [0] * len(docs)
    for n, i in enumerate(shuffled):
        fold[i] = n % k
    return fold


def fit_weights(
    docs: Sequence[AnnotatedDoc], c: float = C
) -> tuple[dict[str, int], NDArray[np.float64], NDArray[np.float64]]:
    """Vocabulary and per-type logistic weights and biases learnt from ``docs``' labelled candidates."""
    rows = [cand.features for d in docs for cand in d.candidates]
    labels = [lab for d in docs for lab in d.labels]
    x, vocabulary = vectorize(rows)
    weights = np.zeros((len(TYPES), len(vocabulary)))
    bias = np.full(len(TYPES), -10.0)  # a type never seen is never predicted
    for t, kind in enumerate(TYPES):
        y = np.array([kind in lab for lab in labels])
        if y.sum() == 0 or y.all():
            continue
        model = logistic(c).fit(x, y)
        weights[t] = model.coef_[0]
        bias[t] = model.intercept_[0]
    return vocabulary, weights, bias


def vectorize(rows: Sequence[dict[str, float]]) -> tuple[csr_matrix, dict[str, int]]:
    """Feature dicts as a sparse matrix liblinear takes, and the column of each feature name."""
    if not rows:
        return csr_matrix((0, 0)), {}
    vec = DictVectorizer(sort=True)
    x = csr_matrix(vec.fit_transform(rows))
    # liblinear takes 32-bit indices only; recent SciPy builds 64-bit ones.
    x.indices, x.indptr = x.indices.astype(np.int32), x.indptr.astype(np.int32)
    return x, {str(k): int(v) for k, v in vec.vocabulary_.items()}


def logistic(c: float) -> LogisticRegression:
    """The learner of every learned part: L2 logistic regression, liblinear, deterministic."""
    return LogisticRegression(C=c, solver="liblinear", max_iter=1000, random_state=0)


def tie_scores(docs: Sequence[AnnotatedDoc], model: LinearTies, offset: int = 0) -> TieScores:
    """Each article-level candidate tie of ``docs`` with its best raw score and whether it is right."""
    keys: list[tuple[int, tuple[int, int], RelationType]] = []
    scores: list[float] = []
    right: list[bool] = []
    for n, d in enumerate(docs):
        if not d.candidates:
            continue
        raw = model.raw([c.features for c in d.candidates])
        best: dict[tuple[tuple[int, int], RelationType], float] = {}
        ends = {}
        for cand, row in zip(d.candidates, raw, strict=True):
            pair = (min(cand.first.id, cand.second.id), max(cand.first.id, cand.second.id))
            ends[pair] = (cand.first, cand.second)
            for kind, score in zip(model.types, row, strict=True):
                best[(pair, kind)] = max(best.get((pair, kind), 0.0), float(score))
        for (pair, kind), score in sorted(best.items(), key=lambda kv: (kv[0][0], str(kv[0][1]))):
            if not fits(kind, *ends[pair]):
                continue  # never reported (see ties.fits): not part of what is calibrated
            keys.append((offset + n, pair, kind))
            scores.append(score)
            right.append(d.gold_tie(*ends[pair], kind))
    return TieScores(keys, np.array(scores), np.array(right, dtype=bool))


def calibrate(scores: TieScores, kinds: Sequence[RelationType]) -> tuple[dict, dict]:  # type: ignore[type-arg]
    """Per type, the isotonic curve from raw score to observed rate, and the best-F1 threshold on it."""
    curves: dict[RelationType, tuple[list[float], list[float]]] = {}
    thresholds: dict[RelationType, float] = {}
    types = np.array([k[2] for k in scores.keys], dtype=object)
    for kind in kinds:
        mask = types == kind
        x, y = scores.scores[mask], scores.right[mask].astype(float)
        if len(x) < 2 or y.sum() == 0:
            curves[kind] = ([0.0, 1.0], [0.0, 0.0])
            thresholds[kind] = 1.0
            continue
        xs, ys = curve(x, y)
        curves[kind] = (xs, ys)
        thresholds[kind] = best_threshold(np.interp(x, xs, ys), y.astype(bool))
    return curves, thresholds


def curve(x: NDArray[np.float64], y: NDArray[np.float64]) -> tuple[list[float], list[float]]:
    """The calibration curve: isotonic steps from raw score to observed rate, each smoothed by PRIOR.

    Returned as the points (first and last score of each step) that ``np.interp`` reads.
    """
    fitted = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(x, y).predict(x)
    base = float(y.mean())
    xs: list[float] = []
    ys: list[float] = []
    for value in np.unique(fitted):  # steps in increasing order, as the curve is monotone
        step = fitted == value
        right, ties = int(y[step].sum()), int(step.sum())
        rate = smoothed(right, ties, PRIOR)
        if rate < MIN_THRESHOLD:
            # Under the threshold, toward the type's share of right candidates instead: toward one
            # half, a step of 1 right in 10 said 0.21, and in cross-validation the ties said 0.2-0.3
            # were right 12% of the time. Either way such a step stays under the threshold, so what
            # is shown by default does not change; what changes is the confidence a rule's tie or a
            # lower --tie-threshold shows.
            rate = smoothed(right, ties, PRIOR, toward=base)
        rate = max(rate, ys[-1]) if ys else rate  # smoothing must not make the curve go down
        xs += [float(x[step].min()), float(x[step].max())]
        ys += [rate, rate]
    return xs, ys


def best_threshold(confidence: NDArray[np.float64], right: NDArray[np.bool_]) -> float:
    """The confidence from which reporting ties gives the best F1 (ties broken toward the higher)."""
    best, best_f1 = 1.0, -1.0
    total = int(right.sum())
    for t in sorted(set(np.round(confidence, 6)) | {MIN_THRESHOLD}, reverse=True):
        if t < MIN_THRESHOLD:
            break
        shown = confidence >= t - 1e-9
        tp = int((shown & right).sum())
        f1 = 2 * tp / (int(shown.sum()) + total) if tp else 0.0
        if f1 > best_f1 + 1e-9:
            best, best_f1 = float(t), f1
    return best


def fit(
    docs: Sequence[AnnotatedDoc], c: float = C, seed: int = 0, progress: Callable[[str], None] | None = None
) -> tuple[LinearTies, TieScores]:
    """The tie model learnt from ``docs``: weights from all of them, calibration from inner folds.

    Returns the model and the out-of-fold tie scores its calibration was fitted on.
    """
    fold = folds(docs, INNER_FOLDS, seed)
    parts: list[TieScores] = []
    for k in range(INNER_FOLDS):
        train = [d for d, f in zip(docs, fold, strict=True) if f != k]
        test = [d for d, f in zip(docs, fold, strict=True) if f == k]
        vocab, w, b = fit_weights(train, c)
        inner = LinearTies(vocab, TYPES, w, b, {}, {})
        parts.append(tie_scores(test, inner, offset=sum(1 for f in fold if f < k)))
        if progress is not None:
            progress(f"calibration fold {k + 1}/{INNER_FOLDS}")
    oof = TieScores(
        [key for p in parts for key in p.keys],
        np.concatenate([p.scores for p in parts]) if parts else np.array([]),
        np.concatenate([p.right for p in parts]) if parts else np.array([], dtype=bool),
    )
    vocab, w, b = fit_weights(docs, c)
    curves, thresholds = calibrate(oof, TYPES)
    if progress is not None:
        progress("final model")
    return LinearTies(vocab, TYPES, w, b, curves, thresholds, rule_rates(docs)), oof


def rule_rates(docs: Sequence[AnnotatedDoc]) -> dict[RelationType, float]:
    """Per type, the share of the rules' uncovered ties (see features.uncovered) that were right.

    Smoothed toward one half, so that a type with few such ties gets a cautious figure rather than 0 or 1.
    """
    counts = count_right(docs, lambda d: uncovered(d.doc, d.candidates), by_shape=False)
    return {
        kind: smoothed(*tally) for (_, kind), tally in sorted(counts.items(), key=lambda kv: str(kv[0][1]))
    }
