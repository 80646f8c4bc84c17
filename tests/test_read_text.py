"""Reading plain-text files: decoding, headlines, and the failures of empty and binary files."""

from __future__ import annotations

from pathlib import Path

import pytest

from entramado.models import Article, ReadFailure
from entramado.read import read_inputs
from entramado.read.text import decode, headline, read_text

BODY = "José Antonio Kast disputará la segunda vuelta presidencial en Chile frente a Jeannette Jara."


def write(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    return str(path)


@pytest.fixture
def good_file(tmp_path: Path) -> str:
    """A well-formed UTF-8 article, to show that the batch goes on after a failure."""
    return write(tmp_path / "good.txt", f"Kast en segunda vuelta\n{BODY}\n".encode())


def test_a_utf8_file_becomes_an_article_titled_by_its_first_line(tmp_path: Path) -> None:
    path = write(tmp_path / "kast-avanza.txt", f"\nKast avanza en Chile\n\n{BODY}\n".encode())
    [article] = read_inputs([path])
    assert isinstance(article, Article)
    assert article.doc_id == "kast-avanza"
    assert article.title == "Kast avanza en Chile"
    assert article.text == f"\nKast avanza en Chile\n\n{BODY}\n"  # the headline stays in the text
    assert article.origin == path
    assert "encoding" not in article.metadata


def test_a_byte_order_mark_is_not_part_of_the_text(tmp_path: Path) -> None:
    [article] = read_inputs([write(tmp_path / "bom.txt", "\ufeffTítulo\n".encode() + BODY.encode())])
    assert isinstance(article, Article)
    assert article.text.startswith("Título\n")
    assert article.title == "Título"


def test_a_latin1_file_is_decoded_correctly_and_flagged(tmp_path: Path, good_file: str) -> None:
    text = f"Política chilena: Kast y Jara\n{BODY}\n"
    path = write(tmp_path / "latin1.txt", text.encode("latin-1"))
    latin1, good = read_inputs([path, good_file])
    assert isinstance(latin1, Article)
    assert latin1.title == "Política chilena: Kast y Jara"
    assert latin1.text == text
    assert latin1.metadata["encoding"] == "cp1252"
    assert isinstance(good, Article) and good.doc_id == "good"


def test_windows_quotes_are_decoded_as_cp1252() -> None:
    assert decode(b"\x93Hola\x94 \x96 dijo") == ("“Hola” – dijo", "cp1252")


def test_bytes_undefined_in_cp1252_fall_back_to_latin1() -> None:
    assert decode(b"caf\xe9 \x81") == ("café \x81", "latin-1")


def test_utf16_with_a_byte_order_mark_is_text_not_binary() -> None:
    article = read_text(f"Titular\n{BODY}".encode("utf-16"), "u16.txt", "u16")
    assert isinstance(article, Article)
    assert article.title == "Titular"
    assert article.metadata["encoding"] == "utf-16"


@pytest.mark.parametrize("content", [b"", b"  \n\t\r\n  \n"], ids=["zero bytes", "whitespace only"])
def test_an_empty_file_fails_and_the_batch_goes_on(tmp_path: Path, good_file: str, content: bytes) -> None:
    path = write(tmp_path / "empty.txt", content)
    failure, good = read_inputs([path, good_file])
    assert failure == ReadFailure(path, "empty file")
    assert isinstance(good, Article)


def test_a_binary_file_fails_and_the_batch_goes_on(tmp_path: Path, good_file: str) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4
    path = write(tmp_path / "photo.txt", png)
    failure, good = read_inputs([path, good_file])
    assert isinstance(failure, ReadFailure)
    assert failure.origin == path
    assert failure.reason == "binary file, not text (it contains NUL bytes)"
    assert isinstance(good, Article)


def test_a_file_of_control_bytes_without_nul_is_binary(tmp_path: Path) -> None:
    result = read_text(b"\x01\x02\x03\x04 abc \x05\x06\x07", "noise.txt", "noise")
    assert isinstance(result, ReadFailure)
    assert result.reason.startswith("binary file, not text (")
    assert "control codes" in result.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kast avanza\nCuerpo del artículo.", "Kast avanza"),
        ("  \n  Kast avanza  \n\nCuerpo.", "Kast avanza"),
        ("Kast avanza hacia la segunda vuelta.\nCuerpo.", None),  # ends like a sentence
        ("Declaró lo siguiente:\nCuerpo.", None),
        ("Sólo una línea sin más", None),  # nothing follows: the line is the article
        ("x" * 201 + "\nCuerpo.", None),  # too long for a headline
    ],
)
def test_the_first_line_is_a_title_only_when_it_looks_like_one(text: str, expected: str | None) -> None:
    assert headline(text) == expected
