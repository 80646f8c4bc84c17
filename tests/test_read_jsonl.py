"""Reading JSONL: records to articles, streamed; a broken line reported by file:line, the rest read."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from entramado.config import Settings
from entramado.models import Article, ReadFailure
from entramado.read import read_inputs

TEXT = "José Antonio Kast disputará la segunda vuelta presidencial en Chile frente a Jeannette Jara."


def jsonl(path: Path, *lines: str | dict[str, Any]) -> str:
    """Write ``lines`` (records, or raw strings for broken lines) as a JSONL file; return its path."""
    path.write_text(
        "".join((json.dumps(x) if isinstance(x, dict) else x) + "\n" for x in lines), encoding="utf-8"
    )
    return str(path)


def test_record_fields_map_to_the_article_and_the_rest_is_metadata(tmp_path: Path) -> None:
    record = {
        "id": "kast-1",
        "title": "Kast avanza",
        "text": f"Kast avanza\n{TEXT}",
        "url": "https://diario.test/kast",
        "date": "17 de noviembre de 2025",
        "source": "El Diario",
        "topic": "Politics",
        "language": "es",
    }
    path = jsonl(tmp_path / "news.jsonl", record)
    [article] = read_inputs([path])
    assert article == Article(
        doc_id="kast-1",
        text=f"Kast avanza\n{TEXT}",
        title="Kast avanza",
        url="https://diario.test/kast",
        published=date(2025, 11, 17),
        outlet="El Diario",
        origin=f"{path}:1",
        metadata={"topic": "Politics", "language": "es"},
    )


def test_a_title_missing_from_the_text_is_put_first_once(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "n.jsonl", {"id": "a", "title": "Kast avanza", "text": TEXT})
    [article] = read_inputs([path])
    assert isinstance(article, Article)
    assert article.text == f"Kast avanza\n{TEXT}"


def test_a_broken_line_in_the_middle_is_reported_and_the_others_come_out(tmp_path: Path) -> None:
    path = jsonl(
        tmp_path / "broken.jsonl",
        {"id": "first", "text": TEXT},
        '{"id": "second", "text": ',
        {"id": "third", "text": TEXT},
    )
    first, failure, third = read_inputs([path])
    assert isinstance(first, Article) and first.doc_id == "first"
    assert isinstance(failure, ReadFailure)
    assert failure.origin == f"{path}:2"
    assert failure.reason.startswith("invalid JSON: ")
    assert "column" in failure.reason
    assert isinstance(third, Article) and third.doc_id == "third"


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("[1, 2]", "not a JSON object but an array; each line must be one"),
        ('{"id": "x"}', "the record has no text (its 'text' field is missing)"),
        ('{"id": "x", "text": 42}', "the record has no text (its 'text' field is a number, not a string)"),
        ('{"id": "x", "text": "  \\n "}', "the record's 'text' field is empty"),
    ],
)
def test_a_record_that_is_not_an_article_says_why(tmp_path: Path, line: str, reason: str) -> None:
    path = jsonl(tmp_path / "bad.jsonl", line, {"id": "ok", "text": TEXT})
    failure, article = read_inputs([path])
    assert failure == ReadFailure(f"{path}:1", reason)
    assert isinstance(article, Article) and article.origin == f"{path}:2"


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (
            '{"id": "x", "title": "Kast y Jara", "text": "sin cerrar',
            "Unterminated string starting at column 45",
        ),
        ('{"id": "x", "text": "una\tpestaña"}', "Invalid control character at column 25"),
        ('{"id": "x", "text": "ok"} y', "Extra data at column 27"),
    ],
)
def test_json_errors_name_their_column_once(tmp_path: Path, line: str, reason: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(line, encoding="utf-8")  # no newline: it would be the unterminated string's error
    assert list(read_inputs([str(path)])) == [ReadFailure(f"{path}:1", f"invalid JSON: {reason}")]


def test_a_line_that_is_not_utf8_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "latin.jsonl"
    path.write_bytes(b'{"text": "Pol\xedtica"}\n' + json.dumps({"id": "ok", "text": TEXT}).encode() + b"\n")
    failure, article = read_inputs([str(path)])
    assert failure == ReadFailure(f"{path}:1", "invalid JSON: not UTF-8 (at column 14)")
    assert isinstance(article, Article)


def test_blank_lines_are_skipped_but_counted_and_missing_ids_come_from_file_and_line(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "noticias.ndjson", "", "   ", {"text": TEXT, "id": ""})
    [article] = read_inputs([path])
    assert isinstance(article, Article)
    assert article.doc_id == "noticias-3"
    assert article.origin == f"{path}:3"


def test_numeric_ids_become_strings_and_unreadable_dates_none(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "n.json", {"id": 7, "text": TEXT, "date": "cuando llueva", "title": ""})
    [article] = read_inputs([path])
    assert isinstance(article, Article)
    assert (article.doc_id, article.published, article.title) == ("7", None, None)


def test_a_jsonl_file_is_streamed_so_its_size_does_not_matter(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "big.jsonl", *({"id": f"r{i}", "text": TEXT} for i in range(50)))
    assert Path(path).stat().st_size > 1000
    items = list(read_inputs([path], Settings(max_input_bytes=1000)))
    assert [a.doc_id for a in items if isinstance(a, Article)] == [f"r{i}" for i in range(50)]


def test_reading_is_lazy(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "n.jsonl", {"id": "only", "text": TEXT})

    def inputs() -> Iterator[str]:
        yield path
        raise AssertionError("read_inputs asked for the next input before the first was consumed")

    first = next(read_inputs(inputs()))
    assert isinstance(first, Article) and first.doc_id == "only"


@pytest.mark.slow
def test_the_real_corpus_gives_one_article_per_record_with_its_id(shared_dir: Path) -> None:
    path = shared_dir / "corpus" / "fakenews-es" / "articles.jsonl"
    with path.open(encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines]
    articles = list(read_inputs([str(path)]))
    assert len(records) == 777
    assert all(isinstance(a, Article) for a in articles)
    assert [a.doc_id for a in articles if isinstance(a, Article)] == [r["id"] for r in records]
    for article, record in zip(articles, records, strict=True):
        assert isinstance(article, Article)
        assert article.outlet == (record["source"].strip() or None)
        assert article.text.startswith(record["title"])  # the headline leads every text
        assert article.metadata == {"topic": record["topic"], "collected": record["collected"]}


def test_a_pretty_printed_json_document_is_refused_once(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text(
        json.dumps([{"id": "a", "text": TEXT}, {"id": "b", "text": TEXT}], indent=2), encoding="utf-8"
    )
    assert list(read_inputs([str(path)])) == [
        ReadFailure(
            f"{path}:1", "not JSON Lines but one JSON document over many lines; write one object a line"
        )
    ]


def test_a_byte_order_mark_before_a_blank_first_line_is_harmless(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b"\xef\xbb\xbf\n" + json.dumps({"id": "a", "text": TEXT}).encode() + b"\n")
    [article] = read_inputs([str(path)])
    assert isinstance(article, Article) and article.origin == f"{path}:2"
