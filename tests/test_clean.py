"""Cleaning article texts: Unicode and spacing, repeated paragraphs and headlines, trailing boilerplate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from entramado.models import Article
from entramado.read import read_inputs
from entramado.read.clean import clean_article, word_count

SUBTITLE = (
    "Kast ha tejido una estrategia que combina presencia territorial en Chile con actividades constantes "
    "en plataformas políticas internacionales relevantes"
)
HEADLINE = (
    "El aliado de Vox José Antonio Kast avanza hacia la segunda vuelta en Chile con el apoyo de la "
    "derecha continental"
)
BODY = "José Antonio Kast disputará la segunda vuelta presidencial frente a Jeannette Jara."


def cleaned(text: str, title: str | None = None) -> str:
    return clean_article(Article(doc_id="t", text=text, title=title)).text


@pytest.fixture
def founding(founding_article: Path) -> Article:
    """The founding article as read from disk, cleaned."""
    [article] = read_inputs([str(founding_article)])
    assert isinstance(article, Article)
    return clean_article(article)


def test_the_founding_article_loses_its_repeated_subtitle_and_trailing_links(founding: Article) -> None:
    lines = founding.text.split("\n")
    assert lines[0] == HEADLINE
    assert lines[1] == SUBTITLE  # the first copy stays where it was
    assert founding.text.count("Kast ha tejido una estrategia") == 1  # the later copy (with a period) goes
    assert founding.text.count(HEADLINE) == 1
    assert "Más noticias" not in founding.text
    assert founding.text.endswith("en el ámbito hispanoamericano.")
    assert founding.title == HEADLINE


def test_cleaning_returns_a_new_article_and_keeps_everything_else() -> None:
    article = Article(doc_id="d", text=f"  {BODY}  \n", url="u", origin="o", metadata={"k": 1})
    result = clean_article(article)
    assert result is not article and article.text == f"  {BODY}  \n"
    assert result == Article(doc_id="d", text=BODY, url="u", origin="o", metadata={"k": 1})


@pytest.mark.slow
def test_corpus_texts_that_repeat_the_title_keep_the_headline_once_first(shared_dir: Path) -> None:
    path = shared_dir / "corpus" / "fakenews-es" / "articles.jsonl"
    with path.open(encoding="utf-8") as lines:
        record = next(r for r in map(json.loads, lines) if r["text"].startswith(r["title"] + "\n"))
    read = next(a for a in read_inputs([str(path)]) if isinstance(a, Article) and a.doc_id == record["id"])
    text = clean_article(read).text
    assert text.split("\n")[0] == record["title"].strip()
    assert text.split("\n").count(record["title"].strip()) == 1


def test_a_headline_given_twice_at_the_top_is_kept_once() -> None:
    assert cleaned(f"Kast gana\n\nKast gana.\n{BODY}", title="Kast gana") == f"Kast gana\n\n{BODY}"


def test_a_short_title_repeated_further_down_is_not_the_headline_rule() -> None:
    text = f"Kast gana\n{BODY}\nKast gana"
    assert cleaned(text, title="Kast gana") == text


def test_without_a_title_a_headline_like_first_line_stays() -> None:
    assert cleaned(f"Kast gana en Chile\n{BODY}") == f"Kast gana en Chile\n{BODY}"


def test_unicode_and_spacing_are_normalised() -> None:
    raw = "  Poli\u0301tica\u00a0\u00a0chilena\t\tde\u200b hoy \r\n\r\n\r\n\r\nKa\u200bst\u2009avanza"
    raw += "\u2028fin  "
    assert cleaned(raw) == "Política chilena de hoy\n\nKast avanza\nfin"


def test_short_lines_may_repeat() -> None:
    text = f"Síntomas:\nTos,\nFiebre,\n{BODY}\nTos,"
    assert cleaned(text) == text


@pytest.mark.parametrize(
    "furniture",
    [
        "Más noticias:",
        "Lee también: Kast y Milei, una alianza continental",
        "Te puede interesar",
        "Compartir",
        "Comparte esta noticia",
        "Suscríbete a nuestro boletín",
        "Síguenos en Twitter, Facebook e Instagram",
        "Read more: Kast wins",
        "Share this article",
        "Subscribe to our newsletter",
        "Follow us on X",
        "Related:",
    ],
)
def test_trailing_boilerplate_is_dropped(furniture: str) -> None:
    assert cleaned(f"{BODY}\n\n{furniture}\nCompartir\n") == BODY


@pytest.mark.parametrize("phrase", ["Lee también:", "Compartir", "Te puede interesar…", "Read more"])
def test_boilerplate_standing_alone_in_the_middle_is_dropped(phrase: str) -> None:
    assert cleaned(f"{BODY}\n{phrase}\nJara respondió.") == f"{BODY}\nJara respondió."


@pytest.mark.parametrize(
    "prose",
    [
        "Compartir el poder nunca fue parte de su programa.",
        "Share prices fell after the vote.",
        "Relacionado con esto, Jara pidió un debate.",
        "Más noticias falsas circularon durante la campaña.",
    ],
)
def test_prose_that_starts_like_boilerplate_stays(prose: str) -> None:
    assert cleaned(f"{BODY}\n{prose}") == f"{BODY}\n{prose}"


def test_a_link_line_in_the_middle_stays_unless_it_is_the_phrase_alone() -> None:
    text = f"{BODY}\nLee también: Kast y Milei\nJara respondió."
    assert cleaned(text) == text


def test_a_long_trailing_line_is_prose_even_if_it_starts_like_boilerplate() -> None:
    long_line = "Síguenos " + "explicando " * 25 + "el programa."
    assert cleaned(f"{BODY}\n{long_line}") == f"{BODY}\n{long_line}"


def test_word_count_counts_words_not_punctuation() -> None:
    assert word_count("José Antonio Kast — el ultra-conservador, de 59 años.") == 8
    assert word_count("") == 0


# Lines that exercise every rule: repeats, headlines, boilerplate, odd spacing and invisible characters.
LINES = st.sampled_from(
    [
        "",
        " ",
        "Kast gana",
        "Kast gana.",
        SUBTITLE,
        SUBTITLE + ".",
        BODY,
        "Más noticias:",
        "Compartir",
        "Síguenos en Twitter",
        "Lee también: otra nota",
        "\u00a0\u200b\t",
        "e\u0301",
        "\u200d\u0301",
        "\r",
    ]
)


@given(st.lists(LINES | st.text(max_size=40), max_size=12), st.none() | st.sampled_from(["Kast gana", " "]))
def test_cleaning_is_idempotent(lines: list[str], title: str | None) -> None:
    once = clean_article(Article(doc_id="h", text="\n".join(lines), title=title))
    assert clean_article(once) == once


@given(st.text())
def test_cleaning_never_raises_and_leaves_no_edge_whitespace(text: str) -> None:
    result = cleaned(text)
    assert result == result.strip()
    assert "\n\n\n" not in result
    result.encode("utf-8")  # what the content hash needs


def test_a_wire_dateline_is_removed_from_the_paragraph_it_opens() -> None:
    from entramado.models import Article

    text = "Título\nMADRID (apro).— El presidente habló.\nCIUDAD DE MÉXICO.- La Procuraduría informó."
    cleaned = clean_article(Article(doc_id="d", text=text)).text
    assert cleaned == "Título\nEl presidente habló.\nLa Procuraduría informó."


def test_an_all_caps_headline_with_a_hyphen_is_not_a_dateline() -> None:
    from entramado.models import Article

    text = "EL METRO TENDRÁ WI-FI GRATUITO, TRAS ACUERDO\nEl servicio empieza el lunes en la ciudad."
    assert clean_article(Article(doc_id="d", text=text)).text.startswith("EL METRO TENDRÁ WI-FI")
