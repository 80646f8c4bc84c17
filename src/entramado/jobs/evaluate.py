"""Score extraction against gold annotations with the project's scorer (``entramado eval``)."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from entramado.config import DEFAULT_SCORER, Settings
from entramado.errors import EntramadoError
from entramado.jobs.ingest import extract
from entramado.models import Extraction, ReadFailure
from entramado.train.bootstrap import Interval, article_counts, difference, intervals
from entramado.train.crossval import run_scorer

__all__ = ["DEFAULT_SCORER", "Evaluation", "evaluate"]


@dataclass(frozen=True)
class Evaluation:
    """The scorer's table (and misses/extras when verbose), its scores, their 95% intervals over
    the articles (:mod:`entramado.train.bootstrap`), and inputs that failed; against a baseline,
    the baseline's scores and the interval of the gain over it, article by article."""

    report: str
    scores: dict[str, object]
    failures: list[str]
    intervals: dict[str, Interval]
    baseline: dict[str, object] | None = None
    gain: dict[str, Interval] | None = None


def evaluate(
    gold: Path,
    inputs: Iterable[str],
    scorer: Path = DEFAULT_SCORER,
    verbose: bool = False,
    settings: Settings | None = None,
    baseline: Settings | None = None,
) -> Evaluation:
    """Extract the inputs, keep the articles the gold annotates, and score them with ``scorer``;
    with ``baseline``, extract them that way too and compare the two on the same articles."""
    if not scorer.is_file():
        raise EntramadoError(f"scorer not found at {scorer}: pass --scorer PATH to score.py")
    if not gold.is_file():
        raise EntramadoError(f"gold file not found: {gold}")
    wanted = {
        json.loads(line)["doc_id"] for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()
    }
    inputs = list(inputs)
    failures: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        system = _extract(inputs, settings, wanted, Path(tmp) / "system.jsonl", failures)
        table = run_scorer(scorer, gold, system, ["--verbose"] if verbose else [])
        scores = json.loads(run_scorer(scorer, gold, system, ["--json"]))
        counts = article_counts(scorer, gold, system)
        base_scores, gain = None, None
        if baseline is not None:
            other = _extract(inputs, baseline, wanted, Path(tmp) / "baseline.jsonl", [])
            base_scores = json.loads(run_scorer(scorer, gold, other, ["--json"]))
            gain = difference(counts, article_counts(scorer, gold, other))
    return Evaluation(table, scores, failures, intervals(counts), base_scores, gain)


def _extract(
    inputs: list[str], settings: Settings | None, wanted: set[str], path: Path, failures: list[str]
) -> Path:
    """The gold's articles among ``inputs`` extracted into ``path`` (JSONL); read failures noted."""
    with path.open("w", encoding="utf-8") as out:
        for result in extract(inputs, settings, keep=lambda article: article.doc_id in wanted):
            if isinstance(result, ReadFailure):
                failures.append(str(result))
            elif isinstance(result, Extraction):
                out.write(json.dumps(result.to_document(), ensure_ascii=False) + "\n")
    return path
