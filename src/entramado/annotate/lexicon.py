"""Load the per-language lexicons and the gazetteer of known actors from the package's data files."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from babel import Locale

from entramado.datafiles import read_yaml
from entramado.errors import EntramadoError
from entramado.models import EntityType, RelationType
from entramado.names import name_key

# Prefixes that keep a role a role: "vicepresidente", "subsecretaria", "exgobernador", "copresidenta".
ROLE_PREFIXES = ("vice", "sub", "ex", "co", "pro")


@dataclass(frozen=True)
class RelationCues:
    """Verb and noun lemmas that signal one relation type."""

    verbs: frozenset[str] = frozenset()
    nouns: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Lexicon:
    """Word lists of one language that the annotation components read (see data/lexicon.*.yaml)."""

    lang: str
    not_names: frozenset[str]
    connectors: frozenset[str]
    roles: frozenset[str]
    person_descriptions: frozenset[str]
    event_heads: frozenset[str]
    org_heads: frozenset[str]
    given_names: frozenset[str]
    event_modifiers: frozenset[str]
    reporting_verbs: frozenset[str]
    according_to: tuple[str, ...]
    negations: frozenset[str]
    hypothetical_verbs: frozenset[str]
    conditional_marks: frozenset[str]
    org_descriptions: frozenset[str]
    agent_nouns: frozenset[str]
    neutral_between_places: frozenset[str] = frozenset()
    # Platforms cited as channels ("en su cuenta de Twitter"), as name keys, and the only nouns that
    # describe one ("la plataforma"): "el partido ultra" never goes back to Twitter.
    platforms: frozenset[str] = frozenset()
    platform_descriptions: frozenset[str] = frozenset()
    held_nouns: frozenset[str] = frozenset()
    holding_verbs: frozenset[str] = frozenset()
    election_verbs: frozenset[str] = frozenset()
    elections: frozenset[str] = frozenset()
    relations: dict[RelationType, RelationCues] = field(default_factory=dict)
    # An adjective's every form ("estadounidenses") → the name keys of what it points at.
    name_adjectives: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Titles that, with no body or place named, are an office of a country ("el presidente").
    country_titles: frozenset[str] = frozenset()
    # Heads of names whose complement is also their name ("Estado de Guerrero", "Ministerio de Sanidad").
    named_by_complement: frozenset[str] = frozenset()
    # Rule shape → tie type → how often such ties were right (data/rule_confidence.<lang>.yaml).
    rule_confidence: dict[str, dict[RelationType, float]] = field(default_factory=dict)

    def is_role(self, *forms: str) -> bool:
        """Whether a word names a role, also with a prefix: "vicesecretaria", "exgobernador"."""
        for form in forms:
            if form in self.roles:
                return True
            for prefix in ROLE_PREFIXES:
                if form.startswith(prefix) and form[len(prefix) :].lstrip("-") in self.roles:
                    return True
        return False

    def verb_cue(self, lemma: str) -> RelationType | None:
        """The relation type a verb lemma signals, if any."""
        for rtype, cues in self.relations.items():
            if lemma in cues.verbs:
                return rtype
        return None

    def noun_cue(self, lemma: str) -> RelationType | None:
        """The relation type a noun lemma signals, if any."""
        for rtype, cues in self.relations.items():
            if lemma in cues.nouns:
                return rtype
        return None


@dataclass(frozen=True)
class KnownActor:
    """One gazetteer entry: a real-world actor with its type and unambiguous aliases."""

    name: str
    type: EntityType
    aliases: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()  # empty: every language


def _words(raw: Any) -> frozenset[str]:
    words = list(raw or [])
    for w in words:
        # YAML reads a bare `no` as False and `2024` as an int: such a word must be quoted.
        if not isinstance(w, str):
            raise ValueError(f"lexicon word {w!r} is not a string: quote it in the YAML file")
    return frozenset(w.lower() for w in words)


def _keys(raw: Any) -> frozenset[str]:
    return frozenset(name_key(w) for w in _words(raw))


@cache
def load_lexicon(lang: str) -> Lexicon:
    """The lexicon of ``lang`` ("es" or "en"), read once per process."""
    raw = read_yaml(f"lexicon.{lang}.yaml")
    relations = {
        RelationType(rtype): RelationCues(verbs=_words(cues.get("verbs")), nouns=_words(cues.get("nouns")))
        for rtype, cues in (raw.get("relations") or {}).items()
    }
    return Lexicon(
        lang=lang,
        not_names=_words(raw.get("not_names")),
        connectors=_words(raw.get("connectors")),
        roles=_words(raw.get("roles")),
        person_descriptions=_words(raw.get("person_descriptions")),
        # compared with name keys, which have no accents: "Fiscalía" → "fiscalia"
        event_heads=_keys(raw.get("event_heads")),
        org_heads=_keys(raw.get("org_heads")),
        given_names=_keys(raw.get("given_names")),
        event_modifiers=_words(raw.get("event_modifiers")),
        reporting_verbs=_words(raw.get("reporting_verbs")),
        according_to=tuple(str(p).lower() for p in raw.get("according_to") or []),
        negations=_words(raw.get("negations")),
        hypothetical_verbs=_words(raw.get("hypothetical_verbs")),
        conditional_marks=_words(raw.get("conditional_marks")),
        org_descriptions=_words(raw.get("org_descriptions")),
        agent_nouns=_words(raw.get("agent_nouns")),
        neutral_between_places=_words(raw.get("neutral_between_places")),
        platforms=_keys(raw.get("platforms")),
        platform_descriptions=_words(raw.get("platform_descriptions")),
        held_nouns=_words(raw.get("held_nouns")),
        holding_verbs=_words(raw.get("holding_verbs")),
        election_verbs=_words(raw.get("election_verbs")),
        elections=_keys(raw.get("elections")),
        relations=relations,
        name_adjectives=_adjectives(raw.get("name_adjectives")),
        country_titles=_words(raw.get("country_titles")),
        named_by_complement=_keys(raw.get("named_by_complement")),
        rule_confidence=_rule_confidence(lang),
    )


def _rule_confidence(lang: str) -> dict[str, dict[RelationType, float]]:
    """The measured confidence of the rules' ties by shape and type, when the file exists."""
    try:
        raw = read_yaml(f"rule_confidence.{lang}.yaml")
    except FileNotFoundError:
        return {}
    shapes = raw.get("confidence") or {}
    return {shape: {RelationType(t): float(v) for t, v in types.items()} for shape, types in shapes.items()}


_UNACCENTED = str.maketrans("áéíóú", "aeiou")


def inflections(word: str) -> set[str]:
    """A Spanish adjective's masculine and feminine, singular and plural: "alemán" → "alemanas"…"""
    if word.endswith("o"):
        return {word[:-1] + end for end in ("o", "a", "os", "as")}
    if word.endswith(("e", "a")):
        return {word, word + "s"}
    if word.endswith("í"):
        return {word, word + "es", word + "s"}
    if word.endswith("z"):
        return {word, word + "a", word[:-1] + "ces", word + "as"}
    stem = word[:-2] + word[-2].translate(_UNACCENTED) + word[-1]  # "alemán" → "aleman"
    return {word, stem + "a", stem + "es", stem + "as"}


def _adjectives(raw: Any) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for names, words in (raw or {}).items():
        keys = tuple(name_key(n) for n in str(names).split("|"))
        for word in _words(words):
            for form in inflections(word):
                out[form] = keys
    return out


# CLDR territory codes that are not countries: the EU and UN are organisations, the rest placeholders.
_NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"}


@cache
def country_names(lang: str) -> tuple[str, ...]:
    """Country names in ``lang`` from the CLDR data that babel ships (public facts, no download)."""
    territories = Locale.parse(lang).territories
    return tuple(
        sorted(name for code, name in territories.items() if code.isalpha() and code not in _NOT_COUNTRIES)
    )


def load_actors(path: Path | None = None) -> list[KnownActor]:
    """The gazetteer: the package's data/actors.yaml, extended by a user file of the same shape."""
    actors = _actors(read_yaml("actors.yaml"), "data/actors.yaml")
    if path is not None:
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise EntramadoError(f"{path}: cannot read the actors file: {exc}") from None
        actors.extend(_actors(raw, str(path)))
    return actors


def _actors(raw: Any, origin: str) -> list[KnownActor]:
    if not isinstance(raw, list):
        raise EntramadoError(f"{origin}: an actors file is a YAML list of {{name, type, aliases}} entries")
    out = []
    for n, entry in enumerate(raw, 1):
        try:
            out.append(
                KnownActor(
                    name=str(entry["name"]),
                    type=EntityType(entry["type"]),
                    aliases=tuple(str(a) for a in entry.get("aliases") or []),
                    languages=tuple(str(x) for x in entry.get("languages") or []),
                )
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            types = ", ".join(t.value for t in EntityType)
            raise EntramadoError(
                f"{origin}: entry {n} ({entry!r:.60}) needs a name and a type among {types}: {exc}"
            ) from None
    return out
