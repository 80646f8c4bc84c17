"""All cores by default: counting the inputs' articles cheaply, and the plan of workers it gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from entramado.jobs import plan as plan_module
from entramado.jobs.plan import AUTO_MAX_LOCAL_BATCHES, plan
from entramado.read.count import count_articles


def jsonl(path: Path, n: int) -> Path:
    lines = [f'{{"id": "a{i}", "text": "Texto {i}."}}' for i in range(n)]
    path.write_text("\n".join(lines[: n // 2]) + "\n\n" + "\n".join(lines[n // 2 :]), encoding="utf-8")
    return path


def test_files_and_jsonl_lines_are_counted_and_sidecars_are_not(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("Un texto.")
    (folder / "a.txt.meta.yaml").write_text("date: 2025-11-17\n")
    (folder / "sub" / "b.html").write_text("<p>Otro</p>")
    jsonl(folder / "c.jsonl", 7)  # a blank line in the middle is no record
    assert count_articles([str(folder)]) == 9
    assert count_articles([str(folder / "c.jsonl"), str(folder / "a.txt")]) == 8


@pytest.mark.parametrize("source", ["-", "https://example.org/a", "feed.rss", "mystery.bin"])
def test_inputs_that_cannot_be_counted_cheaply_make_the_total_unknown(source: str, tmp_path: Path) -> None:
    if "." in source and "/" not in source:
        (tmp_path / source).write_text("x")
        source = str(tmp_path / source)
    assert count_articles([str(jsonl(tmp_path / "x.jsonl", 3)), source]) is None


def test_auto_uses_every_core_for_more_than_a_few_batches_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(plan_module, "cores", lambda: 2)
    few = jsonl(tmp_path / "few.jsonl", AUTO_MAX_LOCAL_BATCHES * 8)
    many = jsonl(tmp_path / "many.jsonl", AUTO_MAX_LOCAL_BATCHES * 8 + 1)
    assert plan([str(few)], None, batch_size=8).workers == 0
    assert plan([str(many)], None, batch_size=8) == plan_module.Plan(AUTO_MAX_LOCAL_BATCHES * 8 + 1, 2)
    assert plan(["-"], None, batch_size=8).workers == 0  # unknown size: no cluster to start for nothing
    assert plan([str(many)], 0, batch_size=8).workers == 0  # asked for explicitly
    assert plan([str(few)], 3, batch_size=8).workers == 3
    monkeypatch.setattr(plan_module, "cores", lambda: 1)
    assert plan([str(many)], None, batch_size=8).workers == 0  # one core: workers would only compete
