"""Dating undated inputs: front matter, a sidecar FILE.meta.json/.yaml, and the run's --date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from entramado.config import Settings
from entramado.models import Article, ReadFailure
from entramado.read import read_inputs

TEXT = "Kast y Milei\n\nJosé Antonio Kast se reunió este domingo con Javier Milei en Buenos Aires.\n"


def read(*inputs: str, when: dt.date | None = None) -> list[Article | ReadFailure]:
    return list(read_inputs(inputs, Settings(default_date=when)))


def test_a_sidecar_dates_its_file_and_is_not_an_article(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.txt.meta.yaml").write_text("date: 2025-11-17\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(TEXT.replace("Buenos Aires", "Santiago"), encoding="utf-8")
    (tmp_path / "b.txt.meta.json").write_text('{"date": "2024-03-02"}', encoding="utf-8")
    items = read(str(tmp_path))
    assert [(a.doc_id, a.published) for a in items if isinstance(a, Article)] == [
        ("a", dt.date(2025, 11, 17)),
        ("b", dt.date(2024, 3, 2)),
    ]


def test_front_matter_dates_the_text_and_is_left_out_of_it(tmp_path: Path) -> None:
    path = tmp_path / "c.md"
    path.write_text("---\ndate: 2025-11-17\nsource: nota\n---\n" + TEXT, encoding="utf-8")
    (article,) = read(str(path))
    assert isinstance(article, Article)
    assert article.published == dt.date(2025, 11, 17)
    assert article.title == "Kast y Milei" and "date:" not in article.text and "---" not in article.text


def test_the_run_date_dates_only_what_has_no_date_of_its_own(tmp_path: Path) -> None:
    (tmp_path / "plain.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "own.jsonl").write_text(
        '{"id": "j", "title": "T", "text": "José Antonio Kast habló.", "date": "2023-05-01"}\n',
        encoding="utf-8",
    )
    (tmp_path / "side.txt").write_text(TEXT + "Y más.", encoding="utf-8")
    (tmp_path / "side.txt.meta.yaml").write_text("date: 2025-01-02\n", encoding="utf-8")
    items = read(str(tmp_path), when=dt.date(2025, 11, 17))
    dates = {a.doc_id: a.published for a in items if isinstance(a, Article)}
    assert dates == {"j": dt.date(2023, 5, 1), "plain": dt.date(2025, 11, 17), "side": dt.date(2025, 1, 2)}
    assert {a.doc_id: a.published for a in read(str(tmp_path)) if isinstance(a, Article)}["plain"] is None


def test_a_sidecar_with_a_bad_date_fails_its_file_only(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.txt.meta.yaml").write_text("date: the day after\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(TEXT + "Otro.", encoding="utf-8")
    items = read(str(tmp_path))
    failures = [i for i in items if isinstance(i, ReadFailure)]
    assert len(failures) == 1 and "a.txt.meta.yaml" in str(failures[0]) and "YYYY-MM-DD" in str(failures[0])
    assert [a.doc_id for a in items if isinstance(a, Article)] == ["b"]


def test_a_rule_at_the_top_of_a_text_is_not_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "d.txt"
    path.write_text("---\nNoticias de la semana: Kast, Milei, Abascal.\n---\n" + TEXT, encoding="utf-8")
    (article,) = read(str(path))
    assert isinstance(article, Article) and article.published is None
    assert article.text.startswith("---\nNoticias de la semana")
