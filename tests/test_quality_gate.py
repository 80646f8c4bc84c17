"""Quality gate: extraction of the dev gold's articles, scored by ../shared/eval/score.py, stays above floors.

The floors in quality_floors.json are what the extractor reached when they were pinned; they only
go up. A change that lowers any score below its floor fails here, so quality cannot silently regress.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from entramado.cli import app

FLOORS = {
    k: v
    for k, v in json.loads(Path(__file__).with_name("quality_floors.json").read_text()).items()
    if k != "_comment"
}


@pytest.fixture(scope="module")
def dev_inputs(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    """The dev gold and the articles it annotates: corpus records by id, other docs as seed files."""
    gold = shared_dir / "gold" / "dev.jsonl"
    wanted = {json.loads(line)["doc_id"] for line in gold.read_text().splitlines() if line.strip()}
    folder = tmp_path_factory.mktemp("dev")
    records = folder / "dev-articles.jsonl"
    with (
        records.open("w") as out,
        (shared_dir / "corpus" / "fakenews-es" / "articles.jsonl").open() as corpus,
    ):
        for line in corpus:
            if json.loads(line)["id"] in wanted:
                out.write(line)
    files = [records]
    for doc_id in wanted:
        seed = shared_dir / "corpus" / "seed" / f"{doc_id}.txt"
        if seed.exists():
            files.append(seed)
    return gold, files


def score(scorer: Path, gold: Path, files: list[Path], tmp_path: Path) -> dict[str, dict[str, float]]:
    """Run `entramado extract` on the files and score its output against the gold."""
    result = CliRunner().invoke(app, ["extract", *map(str, files), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    system = tmp_path / "system.jsonl"
    system.write_text(result.stdout)
    run = subprocess.run(
        [sys.executable, str(scorer), str(gold), str(system), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    scores: dict[str, dict[str, float]] = json.loads(run.stdout)
    return scores


def test_dev_scores_stay_above_the_floors(
    shared_dir: Path, dev_inputs: tuple[Path, list[Path]], tmp_path: Path
) -> None:
    gold, files = dev_inputs
    scores = score(shared_dir / "eval" / "score.py", gold, files, tmp_path)
    assert scores["articles_missing"] == 0
    for metric, floor in FLOORS["dev"].items():
        assert scores[metric]["f1"] >= floor, (
            f"{metric} F1 {scores[metric]['f1']} fell below its floor {floor}"
        )


def test_founding_article_beats_the_co_occurrence_baseline(shared_dir: Path, tmp_path: Path) -> None:
    gold_all = shared_dir / "gold" / "dev.jsonl"
    seed_gold = tmp_path / "seed-gold.jsonl"
    seed_gold.write_text(
        "".join(line + "\n" for line in gold_all.read_text().splitlines() if '"kast-segunda-vuelta"' in line)
    )
    scores = score(
        shared_dir / "eval" / "score.py",
        seed_gold,
        [shared_dir / "corpus" / "seed" / "kast-segunda-vuelta.txt"],
        tmp_path,
    )
    for metric, floor in FLOORS["founding_article"].items():
        assert scores[metric]["f1"] >= floor, (
            f"{metric} F1 {scores[metric]['f1']} fell below its floor {floor}"
        )
