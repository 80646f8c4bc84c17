"""What ``entramado eval`` prints under the scorer's table: intervals, and the gain over a baseline."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from entramado.train.bootstrap import RESAMPLES


def render_intervals(intervals: dict[str, tuple[float, float]], articles: object) -> str:
    """The F1 intervals under the scorer's table, in its layout."""
    lines = [f"F1 95% interval, resampling the {articles} articles ({RESAMPLES} bootstrap draws):"]
    lines += [f"{metric:16s} {low:.3f} - {high:.3f}" for metric, (low, high) in intervals.items()]
    return "\n".join(lines) + "\n"


def render_gain(
    scores: dict[str, Any], base: dict[str, Any], gain: dict[str, tuple[float, float]], baseline: Path | None
) -> str:
    """F1 of the baseline and of this extraction, and the 95% interval of the difference."""
    lines = [f"against the baseline ({baseline}): F1 baseline -> this, and the gain's 95% interval:"]
    for metric, (low, high) in gain.items():
        lines.append(
            f"{metric:16s} {base[metric]['f1']:.3f} -> {scores[metric]['f1']:.3f}   {low:+.3f} - {high:+.3f}"
        )
    return "\n".join(lines) + "\n"
