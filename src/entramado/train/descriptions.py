"""Learning the description scorer from the annotated aliases.

A description the pipeline met ("el mandatario mexicano") is an example when the annotation lists
it as an alias of one of its entities: the candidate whose names match that entity is right, the
other candidates are wrong. A description the annotation does not list says nothing either way
(annotators list the descriptions that matter, not every one). One logistic model scores every
(description, candidate) pair; its threshold is chosen on inner folds, where a description joins its
best-scored candidate: the lowest score whose attachments are right at least MIN_PRECISION of the
time, because an alias given to the wrong entity is worse than a missing one. The scorer then
decides only if, on those folds, its attachments score a better F1 than the rules' on the same
descriptions; otherwise the model keeps the rules for descriptions and the scorer only informs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from entramado.annotate.antecedents import Choice
from entramado.annotate.description_model import DescriptionScorer
from entramado.names import name_key
from entramado.train.dataset import AnnotatedDoc
from entramado.train.fit import INNER_FOLDS, folds, logistic, vectorize

C = 1.0
MIN_PRECISION = 0.85


@dataclass
class Example:
    """A description the annotation lists, its candidates' features and which of them are right."""

    choice: Choice
    right: list[bool]


@dataclass
class Attachments:
    """Out-of-fold attachments at the chosen threshold: how many were made, right, and could be."""

    attached: int = 0
    right: int = 0
    answerable: int = 0  # listed descriptions whose right entity was among the candidates

    @classmethod
    def total(cls, parts: Sequence[Attachments]) -> Attachments:
        return cls(*(sum(getattr(a, f) for a in parts) for f in ("attached", "right", "answerable")))

    def f1(self) -> float:
        return 2 * self.right / (self.attached + self.answerable) if self.right else 0.0

    def as_dict(self) -> dict[str, float]:
        precision = self.right / self.attached if self.attached else 0.0
        recall = self.right / self.answerable if self.answerable else 0.0
        return {"attached": self.attached, "right": self.right, "answerable": self.answerable,
                "precision": round(precision, 3), "recall": round(recall, 3),
                "f1": round(self.f1(), 3)}  # fmt: skip


def examples(d: AnnotatedDoc) -> list[Example]:
    """The descriptions of ``d`` the annotation lists as an alias, with their candidates judged."""
    owners: dict[str, set[str]] = {}
    for e in d.annotation.entities:
        for form in e.forms:
            owners.setdefault(name_key(form), set()).add(e.name)
    # Which annotated entities each cluster's names (not its descriptions) match.
    named: dict[int, set[str]] = {}
    for c in d.doc._.entities or []:
        keys = {name_key(m.span(d.doc).text) for m in c.mentions if m.kind != "description"}
        named[c.id] = {name for k in keys for name in owners.get(k, ())}
    out = []
    for choice in d.doc._.descriptions or []:
        listed = owners.get(name_key(d.doc[choice.start : choice.end].text))
        if listed:
            out.append(Example(choice, [bool(named.get(c, set()) & listed) for c in choice.candidates]))
    return out


def fit_weights(train: Sequence[Example], c: float = C) -> tuple[dict[str, float], float]:
    """Weights by feature and the bias of a logistic model over every (description, candidate) pair."""
    rows = [row for ex in train for row in ex.choice.features]
    labels = [ok for ex in train for ok in ex.right]
    if not rows or all(labels) or not any(labels):
        return {}, -10.0  # nothing to learn from: never attach
    x, vocabulary = vectorize(rows)
    model = logistic(c).fit(x, labels)
    return {name: float(model.coef_[0][i]) for name, i in vocabulary.items()}, float(model.intercept_[0])


def fit(docs: Sequence[AnnotatedDoc], seed: int = 0) -> tuple[DescriptionScorer, dict[str, Attachments]]:
    """The description scorer learnt from ``docs`` (whose descriptions the rules attached); its
    threshold, and whether it decides, from inner folds. Returns it with the inner folds' figures of
    the scorer and of the rules."""
    per_doc = [examples(d) for d in docs]
    rules = tally(ex for exs in per_doc for ex in exs)  # the docs' descriptions as the rules attached them
    fold = folds(docs, INNER_FOLDS, seed)
    best: list[tuple[float, bool]] = []  # out of fold: each listed description's best score, right
    for k in range(INNER_FOLDS):
        train = [ex for exs, f in zip(per_doc, fold, strict=True) if f != k for ex in exs]
        inner = DescriptionScorer(*fit_weights(train), threshold=0.0)
        for exs, f in zip(per_doc, fold, strict=True):
            if f != k:
                continue
            for ex in exs:
                scores = [inner.score(r) for r in ex.choice.features]
                top = int(np.argmax(scores))
                best.append((scores[top], ex.right[top]))
    threshold, stats = choose_threshold(best, rules.answerable)
    weights, bias = fit_weights([ex for exs in per_doc for ex in exs])
    scorer = DescriptionScorer(weights, bias, threshold, decides=stats.f1() > rules.f1())
    return scorer, {"scorer": stats, "rules": rules}


def choose_threshold(best: list[tuple[float, bool]], answerable: int) -> tuple[float, Attachments]:
    """The lowest score from which attachments are right MIN_PRECISION of the time (1.0: never attach)."""
    ranked = sorted(best, key=lambda b: -b[0])
    chosen, stats = 1.0, Attachments(answerable=answerable)
    right = 0
    for n, (score, ok) in enumerate(ranked, start=1):
        right += ok
        if right / n >= MIN_PRECISION and (n == len(ranked) or ranked[n][0] < score):
            chosen, stats = score, Attachments(n, right, answerable)
    return chosen, stats


def judge(docs: Sequence[AnnotatedDoc]) -> Attachments:
    """How the descriptions of ``docs`` were attached (by whatever decided them), against the annotations."""
    return tally(ex for d in docs for ex in examples(d))


def tally(found: Iterable[Example]) -> Attachments:
    """How these listed descriptions were attached, against the annotations."""
    out = Attachments()
    for ex in found:
        out.answerable += any(ex.right)
        if ex.choice.chosen is not None:
            out.attached += 1
            out.right += ex.right[ex.choice.candidates.index(ex.choice.chosen)]
    return out
