"""Dispatching inputs: files by suffix or content, folders, stdin, URLs; failures never stop a batch."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import httpx
import pytest

from conftest import LoopbackServer
from entramado.config import Settings
from entramado.models import Article, ReadFailure
from entramado.read import read_inputs
from entramado.read.fetch import url_doc_id

TEXT = "Kast avanza\nJosé Antonio Kast disputará la segunda vuelta presidencial en Chile frente a Jara.\n"


class FakeStdin:
    """Stands in for sys.stdin: readers take bytes from its ``buffer``."""

    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


@pytest.fixture
def text_file(tmp_path: Path) -> str:
    """A plain-text article, to check that the batch goes on after a failure."""
    path = tmp_path / "nota.txt"
    path.write_text(TEXT, encoding="utf-8")
    return str(path)


def test_a_path_that_does_not_exist_fails_and_the_batch_goes_on(tmp_path: Path, text_file: str) -> None:
    missing = str(tmp_path / "no-such-article.txt")
    failure, article = read_inputs([missing, text_file])
    assert failure == ReadFailure(missing, "no such file or directory")
    assert isinstance(article, Article) and article.doc_id == "nota"


def test_a_folder_is_read_recursively_in_order_without_hidden_files(
    tmp_path: Path, article_page: bytes
) -> None:
    folder = tmp_path / "noticias"
    (folder / "2025" / "nov").mkdir(parents=True)
    (folder / ".git").mkdir()
    (folder / "b-nota.md").write_text(TEXT, encoding="utf-8")
    (folder / "a-pagina.html").write_bytes(article_page)
    (folder / "2025" / "nov" / "lote.jsonl").write_text(
        json.dumps({"id": "rec-1", "text": TEXT}) + "\n", encoding="utf-8"
    )
    (folder / ".borrador.txt").write_text(TEXT, encoding="utf-8")
    (folder / ".git" / "HEAD.txt").write_text(TEXT, encoding="utf-8")
    items = list(read_inputs([str(folder)]))
    assert [(type(i).__name__, getattr(i, "doc_id", None)) for i in items] == [
        ("Article", "rec-1"),  # "2025/" sorts before "a-pagina.html"
        ("Article", "a-pagina"),
        ("Article", "b-nota"),
    ]
    assert isinstance(items[1], Article) and items[1].origin == str(folder / "a-pagina.html")


def test_an_empty_folder_is_reported(tmp_path: Path) -> None:
    (tmp_path / "vacia").mkdir()
    assert list(read_inputs([str(tmp_path / "vacia")])) == [
        ReadFailure(str(tmp_path / "vacia"), "the folder holds no files to read")
    ]


@pytest.mark.parametrize(
    ("content", "doc_id", "text_start"),
    [
        (json.dumps({"id": "rec-9", "text": TEXT}).encode() + b"\n", "rec-9", "Kast avanza"),
        (TEXT.encode(), "entrada", "Kast avanza"),
    ],
    ids=["jsonl", "text"],
)
def test_unknown_suffixes_are_sniffed(tmp_path: Path, content: bytes, doc_id: str, text_start: str) -> None:
    path = tmp_path / "entrada.dat"
    path.write_bytes(content)
    [article] = read_inputs([str(path)])
    assert isinstance(article, Article)
    assert (article.doc_id, article.text[: len(text_start)]) == (doc_id, text_start)


def test_html_with_an_unknown_suffix_is_sniffed(tmp_path: Path, article_page: bytes) -> None:
    path = tmp_path / "kast.php"
    path.write_bytes(article_page)
    [article] = read_inputs([str(path)])
    assert isinstance(article, Article)
    assert article.outlet == "El Diario de Prueba"


def test_a_file_over_the_size_limit_is_refused(tmp_path: Path, text_file: str) -> None:
    big = tmp_path / "enorme.txt"
    big.write_text(TEXT * 100, encoding="utf-8")
    failure, article = read_inputs([str(big), text_file], Settings(max_input_bytes=1000))
    assert isinstance(failure, ReadFailure)
    assert failure.origin == str(big)
    assert "larger than 1,000 bytes (max_input_bytes)" in failure.reason
    assert isinstance(article, Article)


@pytest.mark.parametrize(
    ("data", "doc_ids", "origins"),
    [
        (TEXT.encode(), ["stdin"], ["stdin"]),
        (
            b"\n" + b"\n".join(json.dumps({"id": f"r{i}", "text": TEXT}).encode() for i in range(3)),
            ["r0", "r1", "r2"],
            ["stdin:2", "stdin:3", "stdin:4"],
        ),
    ],
    ids=["text", "jsonl"],
)
def test_stdin_is_sniffed(
    monkeypatch: pytest.MonkeyPatch, data: bytes, doc_ids: list[str], origins: list[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", FakeStdin(data))
    articles = list(read_inputs(["-"]))
    assert all(isinstance(a, Article) for a in articles)
    assert [a.doc_id for a in articles if isinstance(a, Article)] == doc_ids
    assert [a.origin for a in articles if isinstance(a, Article)] == origins


def test_a_long_first_jsonl_line_on_stdin_is_not_cut(monkeypatch: pytest.MonkeyPatch) -> None:
    long_text = "Kast avanza. " * 10_000  # longer than the bytes sniffed up front
    data = json.dumps({"id": "largo", "text": long_text}) + "\n" + json.dumps({"id": "corto", "text": TEXT})
    monkeypatch.setattr(sys, "stdin", FakeStdin(data.encode()))
    first, second = read_inputs(["-"])
    assert isinstance(first, Article) and first.text == long_text
    assert isinstance(second, Article) and second.doc_id == "corto"


def test_html_on_stdin(monkeypatch: pytest.MonkeyPatch, article_page: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", FakeStdin(article_page))
    [article] = read_inputs(["-"])
    assert isinstance(article, Article)
    assert (article.doc_id, article.title) == ("stdin", "Kast avanza hacia la segunda vuelta")


def test_an_html_url_is_fetched_and_read(
    loopback_server: LoopbackServer, article_page: bytes, http_client: httpx.Client
) -> None:
    loopback_server.routes["/politica/kast-avanza.html"] = ("text/html; charset=utf-8", article_page)
    url = loopback_server.url("/politica/kast-avanza.html")
    [article] = read_inputs([url], client=http_client)
    assert isinstance(article, Article)
    assert (article.doc_id, article.url, article.origin) == ("kast-avanza", url, url)
    assert article.title == "Kast avanza hacia la segunda vuelta"


def test_a_plain_text_url_is_read_as_text(loopback_server: LoopbackServer, http_client: httpx.Client) -> None:
    loopback_server.routes["/nota"] = ("text/plain; charset=utf-8", TEXT.encode())
    [article] = read_inputs([loopback_server.url("/nota")], client=http_client)
    assert isinstance(article, Article)
    assert (article.doc_id, article.title, article.url) == (
        "nota",
        "Kast avanza",
        loopback_server.url("/nota"),
    )


def test_a_missing_page_fails_with_its_status(
    loopback_server: LoopbackServer, http_client: httpx.Client
) -> None:
    url = loopback_server.url("/borrada.html")
    assert list(read_inputs([url], client=http_client)) == [ReadFailure(url, "HTTP 404 Not Found")]


def test_a_feed_url_that_is_not_xml_fails(loopback_server: LoopbackServer, http_client: httpx.Client) -> None:
    loopback_server.routes["/feed.rss"] = ("application/rss+xml", b"Servicio en mantenimiento, vuelva luego.")
    url = loopback_server.url("/feed.rss")
    [failure] = read_inputs([url], client=http_client)
    assert isinstance(failure, ReadFailure)
    assert failure.origin == url
    assert failure.reason.startswith("not an RSS/Atom feed: ")


def test_a_url_that_does_not_answer_fails_and_the_batch_goes_on(
    closed_port_url: str, text_file: str, http_client: httpx.Client
) -> None:
    failure, article = read_inputs([closed_port_url, text_file], client=http_client)
    assert isinstance(failure, ReadFailure)
    assert failure.origin == closed_port_url
    assert failure.reason.startswith("no answer: ")
    assert "\n" not in failure.reason and "Errno" not in failure.reason
    assert isinstance(article, Article)


def test_without_a_client_one_is_made_for_urls(
    loopback_server: LoopbackServer, article_page: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    for proxy in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(proxy, raising=False)  # loopback requests must not go through a proxy
    loopback_server.routes["/a.html"] = ("text/html", article_page)
    [article] = read_inputs([loopback_server.url("/a.html")])
    assert isinstance(article, Article) and article.doc_id == "a"


def test_an_unexpected_error_costs_one_input_not_the_batch(
    tmp_path: Path, text_file: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(data: bytes, origin: str, doc_id: str) -> Article:
        raise RuntimeError("parser bug")

    monkeypatch.setattr("entramado.read.sources.read_text", explode)
    page = tmp_path / "p.html"
    page.write_text("<html><body><p>" + "Kast avanza en Chile. " * 5 + "</p></body></html>", encoding="utf-8")
    failure, article = read_inputs([text_file, str(page)])
    assert failure == ReadFailure(text_file, "could not be read (RuntimeError: parser bug)")
    assert isinstance(article, Article) and article.doc_id == "p"


@pytest.mark.parametrize(
    ("url", "doc_id"),
    [
        ("https://diario.test/politica/kast-avanza.html", "kast-avanza"),
        ("https://diario.test/politica/kast-avanza/", "kast-avanza"),
        ("https://diario.test/nota?id=3", "nota"),
        ("https://diario.test/", "diario.test"),
        ("https://diario.test", "diario.test"),
        ("https://diario.test/pol%C3%ADtica", "política"),
    ],
)
def test_a_url_doc_id_is_its_last_path_segment_or_host(url: str, doc_id: str) -> None:
    assert url_doc_id(url) == doc_id
