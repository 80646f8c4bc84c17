"""Time: date expressions normalised against the article's date, never against today's."""

from __future__ import annotations

from datetime import date

import pytest

from entramado.annotate.dates import find_date

TUESDAY = date(2025, 11, 18)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Kast se convirtió este domingo en el candidato más votado.", date(2025, 11, 16)),
        ("Disputará la segunda vuelta el 14 de diciembre en Chile.", date(2025, 12, 14)),
        ("Kast se ha reunido este año con Giorgia Meloni.", date(2025, 1, 1)),
        ("La última se celebró en junio de 2015 en Madrid.", date(2015, 6, 1)),
        ("El próximo lunes viajará a Madrid.", date(2025, 11, 24)),
        ("Ayer se reunió con la prensa.", date(2025, 11, 17)),
    ],
)
def test_spanish_expressions_against_the_article_date(sentence: str, expected: date) -> None:
    assert find_date(sentence, TUESDAY, "es") == expected


def test_a_sentence_without_a_date_has_none() -> None:
    assert find_date("Kast defiende ajustes económicos y mayor seguridad.", TUESDAY, "es") is None


def test_relative_expressions_stay_unresolved_without_an_article_date() -> None:
    assert find_date("Kast se convirtió este domingo en el candidato.", None, "es") is None
    assert find_date("Disputará la segunda vuelta el 14 de diciembre.", None, "es") is None
    # an absolute date needs no article date
    assert find_date("La última se celebró en junio de 2015.", None, "es") == date(2015, 6, 1)


def test_english_expressions() -> None:
    assert find_date("Trump met Macron last Sunday in Paris.", TUESDAY, "en") == date(2025, 11, 16)
    assert find_date("The summit was held on 14 December 2024.", None, "en") == date(2024, 12, 14)
