"""The learned ties' model: one logistic model per tie type over sparse features, calibrated, as plain files.

Saved as ``ties.json`` (feature vocabulary, types, calibration curves, thresholds) and ``ties.npz``
(weights), not as a pickle: loading runs no code from the file, the files diff and load in
milliseconds, and inference needs only numpy. :mod:`entramado.train.fit` makes one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from entramado.errors import ModelError
from entramado.models import RelationType

FORMAT = "entramado-ties/1"
JSON, WEIGHTS = "ties.json", "ties.npz"


@dataclass
class LinearTies:
    """Per-type logistic models; a tie's confidence is the calibrated best score over its sentences."""

    vocabulary: dict[str, int]
    types: list[RelationType]
    weights: NDArray[np.float64]  # (types, features)
    bias: NDArray[np.float64]  # (types,)
    # Per type, the isotonic curve from a raw score to the share of such ties that are right.
    curves: dict[RelationType, tuple[list[float], list[float]]]
    # Per type, the calibrated confidence from which a tie is reported.
    thresholds: dict[RelationType, float]
    # Per type, the share of the rules' ties that no candidate covers (a tie stated over sentences
    # through a dropped subject or a quote's speaker) that were right in the training articles: the
    # confidence such a tie keeps, since the model never scores it.
    rule_rates: dict[RelationType, float] = field(default_factory=dict)

    def raw(self, rows: list[dict[str, float]]) -> NDArray[np.float64]:
        """Uncalibrated probabilities, one row per feature dict and one column per type."""
        out = np.empty((len(rows), len(self.types)))
        for i, row in enumerate(rows):
            idx = [self.vocabulary[k] for k in row if k in self.vocabulary]
            vals = np.array([row[k] for k in row if k in self.vocabulary])
            z = self.bias + (self.weights[:, idx] @ vals if idx else 0.0)
            out[i] = 1.0 / (1.0 + np.exp(-z))
        return out

    def with_threshold(self, threshold: float | None) -> LinearTies:
        """This model reporting every type's ties from ``threshold`` (None: its own thresholds).

        The trained thresholds start at a calibrated 0.5, so that a tie shown is more likely right
        than wrong; a lower one trades precision for recall (see README, "Choosing the threshold").
        """
        if threshold is None:
            return self
        return replace(self, thresholds=dict.fromkeys(self.thresholds, threshold))

    def knows(self, kind: RelationType) -> bool:
        """Whether the training set held ties of this type (a type it never saw has no weights)."""
        return kind in self.types and bool(np.any(self.weights[self.types.index(kind)]))

    def calibrate(self, kind: RelationType, score: float) -> float:
        """The share of ties of this type, scored ``score``, that were right on held-out folds."""
        xs, ys = self.curves[kind]
        return float(np.interp(score, xs, ys))

    def save(self, folder: Path) -> None:
        """Write the model into ``folder`` (deterministically: same model, same bytes)."""
        folder.mkdir(parents=True, exist_ok=True)
        meta: dict[str, Any] = {
            "format": FORMAT,
            "types": [str(t) for t in self.types],
            "vocabulary": sorted(self.vocabulary, key=self.vocabulary.__getitem__),
            "curves": {
                str(t): [list(map(_round, xs)), list(map(_round, ys))] for t, (xs, ys) in self.curves.items()
            },
            "thresholds": {str(t): _round(v) for t, v in self.thresholds.items()},
            "rule_rates": {str(t): _round(v) for t, v in self.rule_rates.items()},
        }
        (folder / JSON).write_text(json.dumps(meta, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
        with (folder / WEIGHTS).open("wb") as fh:
            # np.savez (not _compressed) writes no timestamps: identical weights give identical bytes.
            np.savez(fh, weights=self.weights.astype(np.float32), bias=self.bias.astype(np.float32))

    @classmethod
    def load(cls, folder: Path) -> LinearTies:
        """The model saved in ``folder``; a ModelError naming it when it is missing, corrupt or foreign."""
        try:
            meta = json.loads((folder / JSON).read_text(encoding="utf-8"))
            with np.load(folder / WEIGHTS) as arrays:
                weights = arrays["weights"].astype(np.float64)
                bias = arrays["bias"].astype(np.float64)
        except FileNotFoundError as exc:
            raise ModelError(folder, f"{Path(exc.filename).name} is missing") from None
        except (OSError, ValueError, KeyError) as exc:
            raise ModelError(folder, f"its tie model cannot be read ({exc})") from None
        if not isinstance(meta, dict) or meta.get("format") != FORMAT:
            raise ModelError(folder, f"{JSON} is not an entramado tie model ({FORMAT})")
        try:
            types = [RelationType(t) for t in meta["types"]]
            vocabulary = {name: i for i, name in enumerate(meta["vocabulary"])}
            curves = {RelationType(t): (list(xs), list(ys)) for t, (xs, ys) in meta["curves"].items()}
            thresholds = {RelationType(t): float(v) for t, v in meta["thresholds"].items()}
            rule_rates = {RelationType(t): float(v) for t, v in meta.get("rule_rates", {}).items()}
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelError(folder, f"{JSON} is incomplete ({exc})") from None
        if weights.shape != (len(types), len(vocabulary)) or bias.shape != (len(types),):
            raise ModelError(folder, f"{WEIGHTS} does not match {JSON} (a mix of two trainings?)")
        return cls(vocabulary, types, weights, bias, curves, thresholds, rule_rates)


def _round(x: float) -> float:
    return round(float(x), 6)
