"""The description scorer: which candidate antecedent a definite description points back to, learned.

One logistic model over the features of :mod:`entramado.annotate.antecedents`, scoring each
(description, candidate) pair; a description joins its best-scored candidate when that score
reaches the threshold chosen on held-out folds, else it joins nobody (a wrong alias costs more
than a missing one). Saved as ``descriptions.json`` in a model folder (plain numbers, no pickle);
:mod:`entramado.train.descriptions` makes one.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from entramado.annotate.trained import read_part, write_part

FORMAT = "entramado-descriptions/1"
FILE = "descriptions.json"


@dataclass
class DescriptionScorer:
    """Weights by feature name, a bias and the score from which a description is attached."""

    weights: dict[str, float]
    bias: float
    threshold: float
    # Whether it decides. Training compares it with the rules on held-out folds and keeps the
    # better: on the project's annotations the rules still find more at the same precision.
    decides: bool = True

    def score(self, row: dict[str, float]) -> float:
        """The probability that this candidate is the description's antecedent."""
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in row.items())
        return 1.0 / (1.0 + math.exp(-z))

    def choose(self, rows: Sequence[dict[str, float]]) -> int | None:
        """The index of the candidate the description joins, or None when none scores enough."""
        if not rows:
            return None
        scores = [self.score(r) for r in rows]
        best = max(range(len(rows)), key=scores.__getitem__)
        return best if scores[best] >= self.threshold else None

    def save(self, folder: Path) -> None:
        """Write ``descriptions.json`` into ``folder`` (same model, same bytes)."""
        data = {
            "format": FORMAT,
            "bias": round(self.bias, 6),
            "threshold": round(self.threshold, 6),
            "decides": self.decides,
            "weights": {k: round(v, 6) for k, v in sorted(self.weights.items()) if v},
        }
        write_part(folder, FILE, data)

    @classmethod
    def load(cls, folder: Path) -> DescriptionScorer | None:
        """The scorer of a model folder; None for a folder trained before there was one."""
        return read_part(
            folder,
            FILE,
            FORMAT,
            "description scorer",
            lambda data: cls(
                {str(k): float(v) for k, v in data["weights"].items()},
                float(data["bias"]),
                float(data["threshold"]),
                bool(data.get("decides", True)),
            ),
        )
