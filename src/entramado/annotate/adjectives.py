"""Adjectives pointing at an entity the article names: "el presidente estadounidense", "la diputada priista".

The guidelines tie "el presidente estadounidense Donald Trump" to Estados Unidos and "la diputada
priista" to the PRI when the article names them (edge cases 1 and 3); alone, such a word names
nothing. So a word of the lexicon's ``name_adjectives`` becomes a mention of the place or party it
points at only when that entity is already one of the article's, and it is never an alias (it is no
name of the entity). The mention puts both ends in one sentence, where the tie model can weigh them;
it is added after the rules ran (by the learned ties' component, and the same way for training), so
the rules never read "en contra" next to "priista" as a tie with the PRI.
"""

from __future__ import annotations

from spacy.tokens import Doc

from entramado.annotate.entities import EntityCluster
from entramado.annotate.lexicon import Lexicon
from entramado.annotate.mentions import MentionSpan
from entramado.models import EntityType
from entramado.names import name_key

ADJECTIVE = "adjective"
_POINTED_AT = (EntityType.PLACE, EntityType.ORGANIZATION)


def attach_adjectives(doc: Doc, clusters: list[EntityCluster], lex: Lexicon) -> None:
    """Each adjective of the lexicon joins the named place or party it points at, if the article has it."""
    if not lex.name_adjectives:
        return
    by_key: dict[str, EntityCluster] = {}
    for c in clusters:
        if c.type in _POINTED_AT:
            for m in c.mentions:
                for key in (name_key(m.span(doc).text), name_key(m.known or "")):
                    if key:
                        by_key.setdefault(key, c)
    if not by_key:
        return
    # inside a name the word is part of it ("Partido Revolucionario Institucional"); inside a
    # description ("el presidente estadounidense") it still points at its own entity
    named = {
        i for c in clusters for m in c.mentions if m.kind != "description" for i in range(m.start, m.end)
    }
    added = []
    for tok in doc:
        keys = lex.name_adjectives.get(tok.lower_)
        if keys is None or tok.i in named or tok.pos_ not in ("ADJ", "NOUN"):
            continue
        target = next((by_key[k] for k in keys if k in by_key), None)
        if target is not None:
            mention = MentionSpan(tok.i, tok.i + 1, target.type, "ADJ", kind=ADJECTIVE, cluster=target.id)
            target.mentions.append(mention)
            added.append(mention)
    if added:  # sorted once, not once per adjective: an article may hold thousands of mentions
        doc._.mentions = sorted([*(doc._.mentions or []), *added], key=lambda m: m.start)
