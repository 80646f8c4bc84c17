"""Language identification: ISO 639-1 codes from the opening of a text."""

from __future__ import annotations

import pytest

from entramado.annotate.language import detect_language

SPANISH = (
    "José Antonio Kast se convirtió este domingo en el candidato más votado de la derecha y disputará "
    "la segunda vuelta presidencial el 14 de diciembre en Chile frente a la candidata comunista."
)
ENGLISH = (
    "José Antonio Kast became the most voted candidate of the right on Sunday and will contest the "
    "presidential run-off on 14 December in Chile against the communist candidate."
)


@pytest.mark.parametrize(("text", "language"), [(SPANISH, "es"), (ENGLISH, "en")])
def test_the_language_of_a_news_paragraph(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_only_the_opening_counts() -> None:
    assert detect_language(ENGLISH * 20 + SPANISH * 50) == "en"


@pytest.mark.parametrize("text", ["", "Kast", "Jara dijo"])
def test_short_or_empty_text_still_gets_a_two_letter_guess(text: str) -> None:
    guess = detect_language(text)
    assert len(guess) == 2 and guess.isalpha() and guess.islower()


def test_text_without_words_is_marked_as_no_language() -> None:
    assert detect_language("12 345 678") == "zxx"  # never a supported language, so it is skipped, not misread
