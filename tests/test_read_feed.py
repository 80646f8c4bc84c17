"""Reading RSS/Atom feeds: item pages fetched from a loopback server, summaries standing in, non-feeds."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import httpx
import pytest

from conftest import LoopbackServer
from entramado.config import Settings
from entramado.models import Article, ReadFailure
from entramado.read import read_inputs
from entramado.read.feed import html_to_text, read_feed

LONG_SUMMARY = (
    "&lt;p&gt;Jeannette Jara propone un modelo estatal más fuerte, mientras Kast defiende ajustes "
    "económicos.&lt;/p&gt;&lt;p&gt;La elección será el 14 de diciembre.&lt;/p&gt;"
)


def rss(*items: str, title: str = "Noticias de Prueba") -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>http://diario.test/</link>{''.join(items)}</channel></rss>"
    ).encode()


def item(title: str, link: str | None, summary: str = "", published: str = "") -> str:
    parts = [f"<title>{title}</title>", f"<description>{summary}</description>"]
    if link:
        parts.append(f"<link>{link}</link>")
    if published:
        parts.append(f"<pubDate>{published}</pubDate>")
    return f"<item>{''.join(parts)}</item>"


@pytest.fixture
def news_site(loopback_server: LoopbackServer, article_page: bytes) -> LoopbackServer:
    """A site whose feed links one page that exists and two that are gone (404)."""
    server = loopback_server
    server.routes["/politica/kast-avanza.html"] = ("text/html; charset=utf-8", article_page)
    server.routes["/feed.xml"] = (
        "application/rss+xml",
        rss(
            item("Kast avanza", server.url("/politica/kast-avanza.html"), "Resumen breve."),
            item(
                "Jara propone un Estado fuerte",
                server.url("/politica/jara-propone.html"),
                LONG_SUMMARY,
                "Mon, 17 Nov 2025 10:00:00 GMT",
            ),
            item("Página borrada", server.url("/politica/borrada.html"), "Corto."),
        ),
    )
    return server


def test_feed_items_are_read_from_their_pages_or_their_summaries(
    news_site: LoopbackServer, http_client: httpx.Client
) -> None:
    page, not_fetched, from_summary, failure = read_inputs([news_site.url("/feed.xml")], client=http_client)

    assert isinstance(page, Article)
    assert page.doc_id == "kast-avanza"
    assert page.title == "Kast avanza hacia la segunda vuelta"  # the page's own headline wins
    assert page.text.startswith("Kast avanza hacia la segunda vuelta\nJosé Antonio Kast se convirtió")
    assert page.outlet == "El Diario de Prueba"
    assert page.url == news_site.url("/politica/kast-avanza.html")
    assert "text_from" not in page.metadata

    assert not_fetched == ReadFailure(  # counted as failed, so the summary standing in is never silent
        news_site.url("/politica/jara-propone.html"),
        "page not fetched: HTTP 404 Not Found; its feed summary is stored in its place",
    )
    assert isinstance(from_summary, Article)  # its page is 404: the summary stands in
    assert from_summary.doc_id == "jara-propone"
    assert from_summary.text == (
        "Jara propone un Estado fuerte\n"
        "Jeannette Jara propone un modelo estatal más fuerte, mientras Kast defiende ajustes económicos.\n"
        "La elección será el 14 de diciembre."
    )
    assert from_summary.metadata == {"text_from": "feed summary, page not fetched"}
    assert from_summary.published == date(2025, 11, 17)
    assert from_summary.outlet == "Noticias de Prueba"  # the feed's title fills what the page did not say
    assert from_summary.url == news_site.url("/politica/jara-propone.html")

    assert failure == ReadFailure(
        news_site.url("/politica/borrada.html"),
        "HTTP 404 Not Found, and its summary is too short to stand in (6 chars)",
    )


def test_an_item_whose_page_does_not_answer_says_so(closed_port_url: str, http_client: httpx.Client) -> None:
    [failure] = read_feed(rss(item("Kast", closed_port_url)), "feed.xml", Settings(), http_client)
    assert isinstance(failure, ReadFailure)
    assert failure.origin == closed_port_url
    assert failure.reason.startswith("no answer: ")
    assert failure.reason.endswith(", and it has no summary")


def test_without_a_client_items_come_from_their_summaries() -> None:
    atom = """<?xml version="1.0" encoding="utf-8"?>
    <feed xmlns="http://www.w3.org/2005/Atom"><title>Atom de Prueba</title>
    <entry><id>urn:uuid:1</id><title>Jara propone</title><updated>2025-11-18T09:00:00Z</updated>
    <author><name>Ana</name></author>
    <content type="html">&lt;p&gt;Jeannette Jara propone un modelo estatal más fuerte para Chile.&lt;/p&gt;
    </content>
    </entry></feed>"""
    [article] = read_feed(atom.encode(), "news.atom", Settings(), client=None)
    assert isinstance(article, Article)
    assert article.doc_id == "urn:uuid:1"
    assert article.text == "Jara propone\nJeannette Jara propone un modelo estatal más fuerte para Chile."
    assert (article.author, article.outlet, article.published) == (
        "Ana",
        "Atom de Prueba",
        date(2025, 11, 18),
    )


def test_a_feed_file_that_is_not_xml_fails_and_the_batch_goes_on(tmp_path: Path) -> None:
    bad = tmp_path / "noticias.rss"
    bad.write_text("Esto no es un feed, es una nota de texto.\n", encoding="utf-8")
    good = tmp_path / "nota.txt"
    good.write_text(
        "Kast avanza\nJosé Antonio Kast disputará la segunda vuelta en Chile.\n", encoding="utf-8"
    )
    failure, article = read_inputs([str(bad), str(good)])
    assert isinstance(failure, ReadFailure)
    assert failure.origin == str(bad)
    assert failure.reason.startswith("not an RSS/Atom feed: not well-formed XML (")
    assert isinstance(article, Article)


def test_html_is_not_a_feed(article_page: bytes) -> None:
    [failure] = read_feed(article_page, "page.xml", Settings())
    assert failure == ReadFailure("page.xml", "not an RSS/Atom feed: it is an HTML page")


def test_xml_of_another_kind_is_not_a_feed() -> None:
    [failure] = read_feed(b"<?xml version='1.0'?><factura><total>3</total></factura>", "f.xml", Settings())
    assert failure == ReadFailure("f.xml", "not an RSS/Atom feed: no <rss> or <feed> element found")


def test_a_feed_without_items_says_so() -> None:
    assert list(read_feed(rss(), "empty.rss", Settings())) == [
        ReadFailure("empty.rss", "the feed has no items")
    ]


def test_summary_html_becomes_one_line_per_paragraph() -> None:
    markup = "<p>Hola <b>mundo</b></p><p>Segundo   párrafo</p>texto<br>final"
    assert html_to_text(markup) == "Hola mundo\nSegundo párrafo\ntexto\nfinal"
    assert html_to_text("") == ""
    assert html_to_text("solo texto") == "solo texto"
