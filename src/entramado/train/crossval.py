"""Scoring for cross-validation: out-of-fold extractions through the scorer, per type, and calibration.

The folds themselves are run by :mod:`entramado.jobs.crossval`, which trains every part per fold.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from entramado.annotate.entity_model import EntityJudge
from entramado.annotate.extract import to_extraction
from entramado.annotate.lexicon import Lexicon
from entramado.annotate.linear import LinearTies
from entramado.errors import EntramadoError
from entramado.models import RelationType
from entramado.train.bootstrap import Interval, article_counts
from entramado.train.dataset import AnnotatedDoc
from entramado.train.fit import tie_scores
from entramado.train.reach import Reach

METRICS = ("actors", "places", "relations", "relation_pairs")
BINS = 10


@dataclass
class CrossValidation:
    """What ``entramado eval --cv`` reports."""

    k: int
    articles: int
    # "rules" and "learned": the scorer's metrics ({"p", "r", "f1"} each) on the out-of-fold extractions;
    # "ceiling": on the labelled candidates themselves (train/reach.py).
    scores: dict[str, dict[str, dict[str, float]]] = field(default_factory=dict)
    # Per tie type, precision, recall and F1 of typed relations ("rules" and "learned").
    by_type: dict[str, dict[str, dict[str, float]]] = field(default_factory=dict)
    # Share of the training folds → the learned extractor's scores.
    curve: dict[str, dict[str, dict[str, float]]] = field(default_factory=dict)
    # Calibration bins: (low, high, ties, mean confidence, observed rate), and the expected error.
    calibration: list[tuple[float, float, int, float, float]] = field(default_factory=list)
    ece: float = 0.0
    ece_shown: float = 0.0
    # Descriptions the annotations list as aliases: how the rules and the fold's scorer attached them.
    descriptions: dict[str, dict[str, float]] = field(default_factory=dict)
    # The annotated ties a candidate carries, and why the others are out of the tie model's reach.
    reach: Reach = field(default_factory=Reach)
    # 95% bootstrap intervals over the articles (train/bootstrap.py): "learned" of its F1, and
    # "learned - rules" of its gain over the rules on the same articles.
    intervals: dict[str, dict[str, Interval]] = field(default_factory=dict)


def documents(
    docs: Sequence[AnnotatedDoc],
    relations: Callable[[AnnotatedDoc], list],  # type: ignore[type-arg]
    judge: EntityJudge | None = None,
    lex: Lexicon | None = None,
) -> list[str]:
    """The system's JSONL lines for ``docs`` with the ties ``relations`` gives for each, and the
    entities as ``judge`` (with the lexicon ``lex``) types them, when given. The docs are left as found."""
    lines = []
    for d in docs:
        kept = d.doc._.entities, d.doc._.relations, d.doc._.mentions
        d.doc._.relations = relations(d)
        if judge is not None and lex is not None:
            judge.apply(d.doc, lex)
        lines.append(json.dumps(to_extraction(d.article, "es", d.doc).to_document(), ensure_ascii=False))
        d.doc._.entities, d.doc._.relations, d.doc._.mentions = kept
    return lines


def run_scorer(scorer: Path, gold: Path, system: Path, flags: list[str]) -> str:
    """What ``scorer`` prints for these files (an EntramadoError with its message when it fails)."""
    # The scorer is a standalone standard-library script: run it as one, exactly as users would.
    done = subprocess.run(
        [sys.executable, str(scorer), str(gold), str(system), *flags],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise EntramadoError(f"the scorer failed: {done.stderr.strip() or done.stdout.strip()}")
    return done.stdout


def counts(scorer: Path, gold: list[str], system: list[str]) -> np.ndarray:
    """The scorer's per-article counts for these lines (see ``bootstrap.article_counts``)."""
    with as_files(gold, system) as (g, s):
        return article_counts(scorer, g, s)


def score(
    scorer: Path, gold: list[str], system: list[str], kind: RelationType | None = None
) -> dict[str, dict[str, float]]:
    """The scorer's metrics for these lines (only ties of ``kind`` on both sides, when given)."""
    if kind is not None:
        gold, system = _only(gold, kind), _only(system, kind)
    with as_files(gold, system) as (g, s):
        out = run_scorer(scorer, g, s, ["--json"])
    found: dict[str, dict[str, float]] = json.loads(out)
    return {m: found[m] for m in METRICS if m in found}


@contextmanager
def as_files(gold: list[str], system: list[str]) -> Iterator[tuple[Path, Path]]:
    """The gold and system lines written to two JSONL files, which the scorer reads."""
    with tempfile.TemporaryDirectory() as tmp:
        g, s = Path(tmp) / "gold.jsonl", Path(tmp) / "system.jsonl"
        g.write_text("\n".join(gold) + "\n", encoding="utf-8")
        s.write_text("\n".join(system) + "\n", encoding="utf-8")
        yield g, s


def _only(lines: list[str], kind: RelationType) -> list[str]:
    out = []
    for line in lines:
        doc = json.loads(line)
        doc["relations"] = [r for r in doc["relations"] if r["type"] == str(kind)]
        out.append(json.dumps(doc, ensure_ascii=False))
    return out


def calibration_points(
    model: LinearTies,
    test: list[AnnotatedDoc],
    confidences: list[float],
    right: list[bool],
    shown: list[bool],
) -> None:
    """Each test tie's calibrated confidence, whether it was right, and whether it would be shown."""
    ties = tie_scores(test, model)
    for (_, _, kind), raw, ok in zip(ties.keys, ties.scores, ties.right, strict=True):
        c = model.calibrate(kind, float(raw))
        confidences.append(c)
        right.append(bool(ok))
        shown.append(c >= model.thresholds[kind])


def calibration_table(
    confidence: np.ndarray,
    right: np.ndarray,
) -> tuple[list[tuple[float, float, int, float, float]], float]:
    """Predicted against observed by bins of confidence, and the expected calibration error."""
    rows = []
    ece = 0.0
    for b in range(BINS):
        low, high = b / BINS, (b + 1) / BINS
        mask = (confidence >= low) & ((confidence < high) if b < BINS - 1 else (confidence <= high))
        n = int(mask.sum())
        if n == 0:
            continue
        mean, rate = float(confidence[mask].mean()), float(right[mask].mean())
        rows.append((low, high, n, mean, rate))
        ece += n / len(confidence) * abs(mean - rate)
    return rows, ece
