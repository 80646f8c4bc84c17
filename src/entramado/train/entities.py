"""Learning the entity judge from the annotated entities.

Every entity (cluster) the pipeline finds in an annotated article is an example: its class is the
type of the annotated entity it matches (a shared name or alias, as the scorer matches them), or
"none" when it matches none (the annotators list every person, organisation, event and place the
guidelines ask for, so what they left out is not one). One logistic model per class over
:func:`entramado.annotate.entity_model.features`. The judge decides only if, on inner folds, it
gets more entities right than the rules' types (which never say "none").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np

from entramado.annotate.entity_model import CLASSES, NONE, EntityJudge, choose, features
from entramado.annotate.lexicon import Lexicon
from entramado.train.dataset import AnnotatedDoc
from entramado.train.fit import INNER_FOLDS, folds, logistic, vectorize

# Regularisation, by 5-fold cross-validation on the 418 annotated articles (actors / places F1 out
# of fold, bundled model): C=0.3 0.727 / 0.785, C=1 0.739 / 0.797, C=3 0.740 / 0.802; 1 is as good
# and keeps fewer weights.
C = 1.0


def examples(d: AnnotatedDoc, lex: Lexicon) -> list[tuple[dict[str, float], str, str]]:
    """Each entity of ``d`` the judge would judge: its features, its class, and the rules' type."""
    types = {e.name: str(e.type) for e in d.annotation.entities}
    out = []
    for c in d.doc._.entities or []:
        if any(m.known for m in c.mentions):
            continue  # never judged (the actors file decides)
        votes = Counter(types[name] for name in sorted(d.matches.get(c.id, ())) if types[name] in CLASSES)
        label = max(sorted(votes), key=votes.__getitem__) if votes else NONE
        out.append((features(d.doc, c, lex), label, str(c.type)))
    return out


def fit_judge(rows: Sequence[dict[str, float]], labels: Sequence[str], c: float = C) -> EntityJudge:
    """One logistic model per class over ``rows``."""
    x, vocabulary = vectorize(rows)
    names = sorted(vocabulary, key=vocabulary.__getitem__)
    weights: dict[str, dict[str, float]] = {}
    bias: dict[str, float] = {}
    for cls in CLASSES:
        y = np.array([lab == cls for lab in labels])
        if not y.any() or y.all():
            weights[cls], bias[cls] = {}, -10.0  # a class never seen is never chosen
            continue
        model = logistic(c).fit(x, y)
        weights[cls] = {n: float(w) for n, w in zip(names, model.coef_[0], strict=True) if w}
        bias[cls] = float(model.intercept_[0])
    return EntityJudge(weights, bias)


def fit(docs: Sequence[AnnotatedDoc], lex: Lexicon, seed: int = 0) -> tuple[EntityJudge, dict[str, float]]:
    """The judge learnt from ``docs``, its ``drop_at`` and whether it decides from inner folds, and
    the inner folds' figures: F1 of the entities kept with their right type, the judge's and the rules'."""
    per_doc = [examples(d, lex) for d in docs]
    fold = folds(docs, INNER_FOLDS, seed)
    held: list[tuple[dict[str, float], str]] = []  # out of fold: each entity's class scores, its class
    rules = Tally()
    for k in range(INNER_FOLDS):
        train = [ex for exs, f in zip(per_doc, fold, strict=True) if f != k for ex in exs]
        if not train:
            continue
        inner = fit_judge([r for r, _, _ in train], [lab for _, lab, _ in train])
        for exs, f in zip(per_doc, fold, strict=True):
            if f != k:
                continue
            for row, label, rule in exs:
                held.append((inner.scores(row), label))
                rules.add(rule, label)
    best = max(DROP_AT, key=lambda t: (_tally(held, t).f1(), t))
    every = [ex for exs in per_doc for ex in exs]
    judge = fit_judge([r for r, _, _ in every], [lab for _, lab, _ in every])
    judge.drop_at = best
    judged = _tally(held, best)
    judge.decides = judged.f1() > rules.f1()
    return judge, {
        "entities": len(held),
        "drop_at": best,
        "judge_f1": round(judged.f1(), 3),
        "rules_f1": round(rules.f1(), 3),
    }


# The shares of "none" tried for dropping an entity.
DROP_AT = (0.5, 0.6, 0.7, 0.8, 0.9)


class Tally:
    """Entities kept with the right type, kept, and that should be kept (of the clusters judged)."""

    def __init__(self) -> None:
        self.right = self.kept = self.wanted = 0

    def add(self, decided: str, label: str) -> None:
        self.kept += decided != NONE
        self.wanted += label != NONE
        self.right += decided == label != NONE

    def f1(self) -> float:
        return 2 * self.right / (self.kept + self.wanted) if self.right else 0.0


def _tally(held: Sequence[tuple[dict[str, float], str]], drop_at: float) -> Tally:
    out = Tally()
    for scores, label in held:
        decided = choose(scores, drop_at)
        out.add(str(decided) if decided is not None else NONE, label)
    return out
