"""Reading HTML pages: main text and metadata through trafilatura, and pages with no article."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from entramado.config import Settings
from entramado.models import Article, ReadFailure
from entramado.read import read_inputs
from entramado.read.html import read_html

MENU_ONLY = b"""<!DOCTYPE html><html><head><title>Portada</title></head>
<body><nav><a href="/">Inicio</a> <a href="/politica">Politica</a></nav>
<footer>(c) 2025</footer></body></html>"""


def test_an_article_page_gives_text_headline_and_metadata(article_page: bytes) -> None:
    article = read_html(article_page, "page.html", "page", Settings(), url="https://diario.test/kast.html")
    assert isinstance(article, Article)
    assert article.title == "Kast avanza hacia la segunda vuelta"
    lines = article.text.splitlines()
    assert lines[0] == "Kast avanza hacia la segunda vuelta"  # the headline leads, once
    assert article.text.count("Kast avanza hacia la segunda vuelta") == 1
    assert lines[1].startswith("José Antonio Kast se convirtió este domingo")
    assert "Inicio" not in article.text and "©" not in article.text  # navigation and footer left out
    assert article.author == "Ana Pérez"
    assert article.outlet == "El Diario de Prueba"
    assert article.published == date(2025, 11, 17)
    assert article.url == "https://diario.test/kast.html"
    assert (article.doc_id, article.origin) == ("page", "page.html")


def test_a_headline_already_leading_the_text_is_not_repeated() -> None:
    page = (
        "<html><head><title>Jara responde a Kast</title></head><body><article><h1>Jara responde a Kast</h1>"
        "<p>La candidata Jeannette Jara respondió este lunes a las críticas de José Antonio Kast sobre"
        " su programa económico y defendió un Estado más fuerte.</p></article></body></html>"
    )
    article = read_html(page, "p.html", "p", Settings())
    assert isinstance(article, Article)
    assert article.text.splitlines()[0] == "Jara responde a Kast"
    assert article.text.count("Jara responde a Kast") == 1


def test_a_page_without_an_article_fails_and_the_batch_goes_on(tmp_path: Path, article_page: bytes) -> None:
    menu = tmp_path / "portada.html"
    menu.write_bytes(MENU_ONLY)
    good = tmp_path / "kast.htm"
    good.write_bytes(article_page)
    failure, article = read_inputs([str(menu), str(good)])
    assert failure == ReadFailure(str(menu), "no article text found in the HTML page")
    assert isinstance(article, Article) and article.doc_id == "kast"


def test_text_shorter_than_min_chars_is_no_article(article_page: bytes) -> None:
    result = read_html(article_page, "page.html", "page", Settings(min_chars=10_000))
    assert result == ReadFailure("page.html", "no article text found in the HTML page")
