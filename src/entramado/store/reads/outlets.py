"""Outlets as a reader names them: "El País", "El país" and "EL PAIS " are one outlet, however stored.

Articles carry the outlet as their source wrote it; a corpus gathered from many feeds spells one
newspaper several ways (the fakenews-es corpus: 158 spellings of 135 outlets). The explorer lists one
entry per outlet and a filter on it must keep the evidence of every spelling.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from entramado.store.schema import Article as ArticleRow


@dataclass(frozen=True, slots=True)
class Outlet:
    """One outlet: the spelling to show, every stored spelling (most articles first), its articles."""

    name: str
    spellings: list[str]
    articles: int


def outlet_key(name: str) -> str:
    """What two spellings of one outlet share: letters and digits only, case-folded, accents dropped.

    Spaces and punctuation go too, so "CNN español" and "CNNespañol", "France 24" and "France24"
    meet; two different outlets whose names differ only in spacing are not a risk worth keeping
    duplicates for.
    """
    folded = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in folded if c.isalnum() and not unicodedata.combining(c))


def _display_rank(spelling: str, articles: int) -> tuple[int, int, int, int, str]:
    """How well a spelling names its outlet, best first: with its accents ("País" over "Pais"), in
    title case ("El País" over "El país" and "EL PAÍS"), words apart ("CNN Español" over
    "CNNespañol"), then the most used."""
    accents = sum(1 for c in unicodedata.normalize("NFD", spelling) if unicodedata.combining(c))
    words = spelling.split()
    capitalised = sum(1 for w in words if w[:1].isupper() and not w.isupper())
    return (-accents, -capitalised, -len(words), -articles, spelling)


def group_outlets(counts: Iterable[tuple[str, int]]) -> list[Outlet]:
    """The outlets of (stored spelling, article count) pairs, one per key, ordered by the name shown.

    Blank spellings name no outlet and are left out.
    """
    groups: dict[str, dict[str, int]] = defaultdict(dict)
    for spelling, articles in counts:
        key = outlet_key(spelling)
        if key:
            groups[key][spelling] = groups[key].get(spelling, 0) + articles
    found = []
    for spellings in groups.values():
        ordered = sorted(spellings, key=lambda s: (-spellings[s], s))
        name = min(spellings, key=lambda s: _display_rank(s.strip(), spellings[s]))
        found.append(Outlet(" ".join(name.split()), ordered, sum(spellings.values())))
    return sorted(found, key=lambda o: (outlet_key(o.name), o.name))


def spellings_of(outlets: Iterable[Outlet], wanted: Iterable[str]) -> frozenset[str]:
    """Every stored spelling of the outlets ``wanted`` names (in any of their spellings); a name
    that matches no stored outlet is kept as given, so that it still matches nothing."""
    by_key = {outlet_key(o.name): o.spellings for o in outlets}
    found: set[str] = set()
    for name in wanted:
        found.update(by_key.get(outlet_key(name), [name]))
    return frozenset(found)


def outlets(session: Session) -> list[Outlet]:
    """The outlets of the stored articles, grouped by :func:`outlet_key`."""
    rows = session.execute(
        select(ArticleRow.outlet, func.count(ArticleRow.id))
        .where(ArticleRow.outlet.is_not(None))
        .group_by(ArticleRow.outlet)
    )
    return group_outlets((spelling, n) for spelling, n in rows)
