"""Bootstrap intervals of the scorer's F1, resampling whole articles (entramado.train.bootstrap)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from entramado.cli import app
from entramado.errors import EntramadoError
from entramado.train.bootstrap import METRICS, article_counts, intervals

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parent / "examples"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def _counts(rows: list[tuple[int, int, int]]) -> np.ndarray:
    """Per-article (tp, fp, fn), the same for every metric."""
    return np.array([[row] * len(METRICS) for row in rows], dtype=float)


def test_articles_that_all_score_the_same_give_a_point() -> None:
    bounds = intervals(_counts([(3, 1, 1)] * 20))
    assert bounds["relations"] == (0.75, 0.75)


def test_the_interval_holds_the_pooled_f1_and_narrows_with_more_articles() -> None:
    rows = [(4, 0, 0), (0, 2, 3), (2, 1, 1), (1, 0, 2), (3, 2, 0)]
    pooled = 2 * 10 / (2 * 10 + 5 + 6)
    low, high = intervals(_counts(rows))["relation_pairs"]
    assert low < pooled < high
    many_low, many_high = intervals(_counts(rows * 20))["relation_pairs"]
    assert many_high - many_low < (high - low) / 2


def test_the_same_seed_gives_the_same_bounds() -> None:
    rows = [(4, 0, 0), (0, 2, 3), (2, 1, 1), (1, 0, 2), (3, 2, 0)] * 4
    assert intervals(_counts(rows), seed=0) == intervals(_counts(rows), seed=0)
    assert intervals(_counts(rows), seed=0) != intervals(_counts(rows), seed=1)


def test_the_scorers_own_counts_are_resampled(shared_dir: Path, tmp_path: Path) -> None:
    article = {
        "entities": [
            {"name": "José Antonio Kast", "type": "PERSON"},
            {"name": "Vox", "type": "ORGANIZATION"},
        ],
        "relations": [{"source": "José Antonio Kast", "type": "ALLY", "target": "Vox"}],
    }
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps({"doc_id": f"a{i}", **article}) + "\n" for i in range(3)))
    right = tmp_path / "right.jsonl"
    right.write_text(gold.read_text())
    half = tmp_path / "half.jsonl"  # two of the three articles found, the third left empty
    half.write_text("".join(json.dumps({"doc_id": f"a{i}", **article}) + "\n" for i in range(2)))
    scorer = shared_dir / "eval" / "score.py"
    assert intervals(article_counts(scorer, gold, right))["relations"] == (1.0, 1.0)
    low, high = intervals(article_counts(scorer, gold, half))["relations"]
    assert low < 0.8 < high <= 1.0  # pooled: 2 of 3 found, F1 0.8


def test_a_file_that_is_no_scorer_is_named(tmp_path: Path) -> None:
    fake = tmp_path / "fake_score.py"
    fake.write_text("print('hello')\n")
    with pytest.raises(EntramadoError, match=r"fake_score\.py"):
        article_counts(fake, tmp_path / "g.jsonl", tmp_path / "s.jsonl")


def test_eval_prints_and_returns_the_intervals(shared_dir: Path) -> None:
    args = ["eval", str(shared_dir / "gold" / "dev.jsonl"), str(EXAMPLES)]
    args += ["--scorer", str(shared_dir / "eval" / "score.py")]
    code, out, _ = run(*args)
    assert code == 0 and "F1 95% interval, resampling the" in out
    code, out, _ = run(*args, "--json")
    scores = json.loads(out)
    low, high = scores["intervals"]["actors"]
    assert 0.0 <= low <= scores["actors"]["f1"] <= high <= 1.0


def test_eval_against_a_baseline_gives_the_gain_article_by_article(shared_dir: Path) -> None:
    table = ["eval", str(shared_dir / "gold" / "dev.jsonl"), str(EXAMPLES)]
    table += ["--scorer", str(shared_dir / "eval" / "score.py")]
    args = [*table, "--json"]
    code, out, _ = run(*args, "--model", "rules", "--baseline", "rules")
    assert code == 0
    same = json.loads(out)
    assert same["baseline"]["relations"] == same["relations"]
    assert all(bounds == [0.0, 0.0] for bounds in same["gain"].values())
    code, out, _ = run(
        *args, "--model", "rules", "--baseline", str(HERE.parent / "src" / "entramado" / "model")
    )
    assert code == 0
    other = json.loads(out)
    for metric in ("actors", "relations", "relation_pairs"):
        low, high = other["gain"][metric]
        assert low <= other[metric]["f1"] - other["baseline"][metric]["f1"] <= high, metric
    code, out, _ = run(*table, "--model", "rules", "--baseline", "rules")
    assert "against the baseline (rules)" in out
