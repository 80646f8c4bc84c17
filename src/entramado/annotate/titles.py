"""Bare titles: "el presidente Pedro Sánchez" holds an office of the country the article means.

The guidelines (edge case 1) give a title with no place ("el presidente Pedro Sánchez", "el
expresidente Rafael Correa", "el rey Mohamed VI") a POSITION to the country the article plainly
means, when the article names that country, wherever it does. No sentence names both, so no
sentence candidate covers the pair: each person so titled is paired here with each country the
article names, described by what tells which country is meant (how often each is named, whether it
is the article's most named one, whether an adjective of it stands in the title). The tie model
learns from the annotations which of these pairs are ties; they are POSITION candidates only.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from entramado.annotate.adjectives import ADJECTIVE
from entramado.annotate.entities import EntityCluster
from entramado.annotate.lexicon import Lexicon, country_names
from entramado.annotate.syntax import base_lemma as lemma
from entramado.models import EntityType
from entramado.names import name_key

BARE_TITLE = "bare_title"
_COUNTRY_KEYS: dict[str, frozenset[str]] = {}


@dataclass
class TitlePair:
    """A person under a bare title, a country the article names, and the features of the pair."""

    person: EntityCluster
    country: EntityCluster
    sentence: Span
    title: Token
    features: dict[str, float]


def country_keys(lex: Lexicon) -> frozenset[str]:
    """Name keys of countries: CLDR's names, and the short forms the lexicon gives them ("EE.UU.")."""
    if lex.lang not in _COUNTRY_KEYS:
        keys = {name_key(n) for n in country_names(lex.lang)}
        for forms in set(lex.name_adjectives.values()):
            if keys & set(forms):
                keys |= set(forms)
        _COUNTRY_KEYS[lex.lang] = frozenset(keys)
    return _COUNTRY_KEYS[lex.lang]


def bare_titles(doc: Doc, clusters: list[EntityCluster], lex: Lexicon) -> list[TitlePair]:
    """Each person under a bare country title, paired with each country the article names."""
    keys = country_keys(lex)
    countries = [c for c in clusters if c.type == EntityType.PLACE and c.keys() & keys]
    if not countries or not lex.country_titles:
        return []
    counts = {c.id: sum(m.kind != ADJECTIVE for m in c.mentions) for c in countries}
    named = sorted(countries, key=lambda c: (-counts[c.id], c.id))
    out = []
    for person in (c for c in clusters if c.type == EntityType.PERSON):
        title = next((t for t in _titles(doc, person) if lemma(t) in lex.country_titles), None)
        if title is None:
            continue
        mention = next(m for m in person.mentions if m.start <= title.i < m.end)
        # the country named nearest the person's mentions is often the one meant ("el rey Mohamed VI
        # … en Rabat … Marruecos"), the article's most named one otherwise
        gap = {c.id: min(abs(a.start - b.start) for a in person.mentions for b in c.mentions) for c in named}
        nearest = sorted(named, key=lambda c: (gap[c.id], c.id))
        for rank, country in enumerate(named):
            far = next((g for g in (10, 30, 100, 300) if gap[country.id] <= g), 999)
            features = {
                "bias": 1.0,
                BARE_TITLE: 1.0,
                f"{BARE_TITLE}={lemma(title)}": 1.0,
                f"{BARE_TITLE}_rank={min(rank, 3)}": 1.0,
                f"{BARE_TITLE}_countries={min(len(named), 4)}": 1.0,
                f"{BARE_TITLE}_named>={min(counts[country.id], 5)}": 1.0,
                f"{BARE_TITLE}_nearest={min(nearest.index(country), 3)}": 1.0,
                f"{BARE_TITLE}_gap<={far}": 1.0,
            }
            if any(a.kind == ADJECTIVE and mention.start <= a.start < mention.end for a in country.mentions):
                features[f"{BARE_TITLE}_adjective"] = 1.0
            out.append(TitlePair(person, country, title.sent, title, features))
    return out


def _titles(doc: Doc, person: EntityCluster) -> list[Token]:
    """Heads of a person's descriptions naming no body or place ("el presidente", not "… de Morena")."""
    out = []
    for m in person.mentions:
        if m.kind != "description":
            continue
        root = doc[m.start : m.end].root
        if any(c.dep_ == "nmod" and any(t.pos_ == "PROPN" for t in c.subtree) for c in root.children):
            continue
        out.append(root)
    return out
