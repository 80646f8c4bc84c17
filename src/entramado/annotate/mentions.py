"""spaCy component ``entramado_mentions``: repair the small model's entities into typed name mentions.

The small Spanish model tags "Ambos" and "También" as places, runs a name into the verb after it
("Kast celebró"), splits "Andrés | Manuel López Obrador" and labels the same surname PER, LOC or
ORG in one article. This component keeps only name-like tokens, merges split names, adds proper
nouns the model missed and named events ("la segunda vuelta presidencial"), and leaves the final
type to the document-level vote in ``coref``.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from entramado.annotate.lexicon import Lexicon, load_lexicon
from entramado.models import EntityType
from entramado.names import name_key

# spaCy labels of the Spanish (WikiNER) and English (OntoNotes) models → gold types.
# MISC and NORP are left undecided (None): the document vote or the shape of the name decides.
LABEL_TYPES: dict[str, EntityType | None] = {
    "PER": EntityType.PERSON,
    "PERSON": EntityType.PERSON,
    "ORG": EntityType.ORGANIZATION,
    "ORGANIZATION": EntityType.ORGANIZATION,
    "LOC": EntityType.PLACE,
    "GPE": EntityType.PLACE,
    "FAC": EntityType.PLACE,
    "PLACE": EntityType.PLACE,
    "EVENT": EntityType.EVENT,
    "MISC": None,
    "NORP": None,
}
_NAME_POS = {"PROPN", "NOUN", "ADJ", "NUM", "X"}


@dataclass
class MentionSpan:
    """A mention of one entity in the doc, in token offsets, before clustering."""

    start: int
    end: int
    type: EntityType | None
    label: str
    known: str | None = None  # canonical name when the gazetteer matched
    kind: str = "name"  # "name", "event", "description" or "adjective"
    cluster: int = -1

    def span(self, doc: Doc) -> Span:
        """The spaCy span of this mention."""
        return doc[self.start : self.end]


def _name_like(tok: Token, lex: Lexicon) -> bool:
    text = tok.text
    if tok.is_sent_start and tok.pos_ != "PROPN":
        return False  # sentence case capitalises the first word of every sentence
    if len(text) > 1 and text.isupper() and tok.pos_ != "PROPN":
        return False  # "LA CAMPAÑA", "UNIRSE": a shouted headline, not an acronym
    if "*" in text:
        return False  # the corpus masks figures as *NUMBER*; no name has an asterisk
    return (
        bool(text)
        and (text[0].isupper() or (text[0].isdigit() and tok.pos_ == "PROPN"))
        and tok.pos_ in _NAME_POS
        and text.lower() not in lex.not_names
    )


def name_runs(doc: Doc, start: int, end: int, lex: Lexicon, numbers: bool = False) -> list[tuple[int, int]]:
    """Maximal runs of name-like tokens in ``doc[start:end]``, joined by lower-case connectors.

    "El aliado de Vox José" → [(3, 5)]; "Partido Socialista Unido de Venezuela" stays whole. With
    ``numbers`` (inside a span the model already called a name) a number may end it: "Antena 3".
    """
    runs: list[tuple[int, int]] = []
    i = start
    while i < end:
        if not _name_like(doc[i], lex):
            i += 1
            continue
        j = i + 1
        while j < end:
            if _name_like(doc[j], lex) or (numbers and doc[j].like_num and doc[j].text[0].isdigit()):
                j += 1
                continue
            # a connector continues the name only when a name-like token follows it inside the span
            k = j
            while k < end and doc[k].lower_ in lex.connectors and not doc[k].text[0].isupper():
                k += 1
            if k > j and k < end and _name_like(doc[k], lex):
                j = k + 1
                continue
            break
        runs.append((i, j))
        i = j
    return runs


def _keep_leading_article(doc: Doc, start: int, lex: Lexicon) -> int:
    """Extend a run left over a capitalised article inside a sentence ("a La Moneda")."""
    if start > 0:
        prev = doc[start - 1]
        if prev.pos_ == "DET" and prev.text[0].isupper() and not prev.is_sent_start:
            return start - 1
    return start


class MentionRepairer:
    """The ``entramado_mentions`` component (see the module docstring)."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex

    def __call__(self, doc: Doc) -> Doc:
        shouted = _shouted_sentences(doc)
        mentions: list[MentionSpan] = []
        covered = [False] * len(doc)
        for ent in doc.ents:
            if ent.label_ in EntityType.__members__ and ent.ent_id_:  # the gazetteer, trusted as is
                mentions.append(
                    MentionSpan(ent.start, ent.end, EntityType(ent.label_), ent.label_, ent.ent_id_)
                )
                continue
            if ent.start in shouted:
                continue  # a line in capitals: every word looks like a name, none can be trusted
            for s, e in name_runs(doc, ent.start, ent.end, self.lex, numbers=True):
                mentions.append(MentionSpan(s, e, LABEL_TYPES.get(ent.label_), ent.label_))
        mentions = self._absorb_country_of(doc, self._merge_split_names(doc, mentions))
        for m in mentions:
            covered[m.start : m.end] = [True] * (m.end - m.start)
        mentions.extend(self._missed_proper_nouns(doc, covered, shouted))
        mentions.extend(self._events(doc, covered))
        for m in mentions:
            self._number_the_event(doc, m, covered)
        for m in mentions:
            if m.kind == "name" and not m.known:
                m.start = _keep_leading_article(doc, m.start, self.lex)
        mentions.sort(key=lambda m: m.start)
        doc._.mentions = mentions
        return doc

    def _absorb_country_of(self, doc: Doc, mentions: list[MentionSpan]) -> list[MentionSpan]:
        """ "Partido Comunista" + "de" + "España": a body named after its country is one name.

        The gazetteer tags every country before the model runs, which cuts such names short.
        """
        out: list[MentionSpan] = []
        ordered = sorted(mentions, key=lambda m: m.start)
        skip: set[int] = set()
        for i, m in enumerate(ordered):
            if i in skip:
                continue
            nxt = ordered[i + 1] if i + 1 < len(ordered) else None
            body = not m.known and m.type in (EntityType.ORGANIZATION, None) and m.end - m.start >= 2
            if (
                body
                and nxt is not None
                and nxt.known
                and nxt.type == EntityType.PLACE
                and nxt.start == m.end + 1
                and doc[m.end].lower_ in ("de", "del")
            ):
                m.end = nxt.end
                m.type = EntityType.ORGANIZATION
                skip.add(i + 1)
            out.append(m)
        return out

    def _merge_split_names(self, doc: Doc, mentions: list[MentionSpan]) -> list[MentionSpan]:
        """Join adjacent pieces of one person's name that the model split ("Andrés" + "Manuel López")."""
        out: list[MentionSpan] = []
        for m in sorted(mentions, key=lambda m: m.start):
            prev = out[-1] if out else None
            person_ish = {EntityType.PERSON, None}
            if (
                prev is not None
                and prev.end == m.start
                and not prev.known
                and not m.known
                and prev.type in person_ish
                and m.type in person_ish
                and EntityType.PERSON in (prev.type, m.type)
                and doc[m.start].dep_ == "flat"
            ):
                prev.end = m.end
                prev.type = EntityType.PERSON
                continue
            out.append(m)
        return out

    def _missed_proper_nouns(self, doc: Doc, covered: list[bool], shouted: set[int]) -> list[MentionSpan]:
        """Runs of proper nouns the NER skipped; their type is decided later, or they are dropped."""
        found = []
        for sent in doc.sents:
            if sent.start in shouted:
                continue
            for s, e in name_runs(doc, sent.start, sent.end, self.lex):
                if any(covered[s:e]) or not any(t.pos_ == "PROPN" for t in doc[s:e]):
                    continue
                found.append(MentionSpan(s, e, None, "PROPN"))
        return found

    def _number_the_event(self, doc: Doc, m: MentionSpan, covered: list[bool]) -> None:
        """An event's edition or year after its name is part of it: "el Mundial de Futbol 2018".

        The corpus writes every number as "*NUMBER*" (three tokens); a year is one.
        """
        head = doc[m.start]
        if m.kind != "event" and name_key(head.text) not in self.lex.event_heads:
            return
        after = [t.text for t in doc[m.end : m.end + 3]]
        if after == ["*", "NUMBER", "*"]:
            width = 3
        elif after and after[0].isdigit() and len(after[0]) == 4 and after[0].startswith(("19", "20")):
            width = 1
        else:
            return
        if not any(covered[m.end : m.end + width]):  # the tokens exist: ``after`` read them
            covered[m.end : m.end + width] = [True] * width
            m.end += width

    def _events(self, doc: Doc, covered: list[bool]) -> list[MentionSpan]:
        """Definite noun phrases headed by an event noun and made specific by a modifier or a date."""
        found = []
        for tok in doc:
            if tok.pos_ not in ("NOUN", "PROPN") or (
                name_key(tok.lemma_) not in self.lex.event_heads
                and name_key(tok.text) not in self.lex.event_heads
            ):
                continue
            if covered[tok.i] or not any(c.dep_ == "det" and c.pos_ == "DET" for c in tok.children):
                continue
            if any(c.dep_ == "det" and "Ind" in c.morph.get("Definite", []) for c in tok.children):
                continue  # "una reunión" is no named event
            mods = [
                c
                for c in tok.children
                if (c.dep_ == "amod" and c.lower_ in self.lex.event_modifiers)
                or (c.dep_ in ("nmod", "nummod", "obl") and _is_date_phrase(c))
            ]
            if not mods:
                continue
            start = min([tok.i] + [m.left_edge.i for m in mods if m.i < tok.i])
            end = max([tok.i + 1] + [m.right_edge.i + 1 for m in mods if m.i > tok.i])
            if any(covered[start:end]):
                continue
            found.append(MentionSpan(start, end, EntityType.EVENT, "EVENT", kind="event"))
            covered[start:end] = [True] * (end - start)
        return found


def _shouted_sentences(doc: Doc) -> set[int]:
    """Token indices of sentences written mostly in capitals ("LA CAMPAÑA ARRANCA HOY EN TOLUCA")."""
    out: set[int] = set()
    for sent in doc.sents:
        words = [t for t in sent if t.is_alpha and len(t.text) > 1]
        if len(words) >= 3 and sum(t.text.isupper() for t in words) >= 0.6 * len(words):
            out.update(range(sent.start, sent.end))
    return out


_MONTHS = {
    "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "setiembre",
    "octubre", "noviembre", "diciembre", "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december",
}  # fmt: skip


def _is_date_phrase(tok: Token) -> bool:
    """Whether a modifier is a date ("del 3 de noviembre", "de junio próximo", "de 2024")."""
    subtree = list(tok.subtree)
    if any(t.pos_ in ("VERB", "AUX", "PUNCT") for t in subtree):
        return False  # "…, convocada para el 11 de abril": a clause, not the event's date
    words = {t.lower_ for t in subtree}
    return bool(words & _MONTHS) or (
        tok.like_num and len(tok.text) == 4 and tok.text.startswith(("19", "20"))
    )


if not Doc.has_extension("mentions"):
    Doc.set_extension("mentions", default=None)


@Language.factory(
    "entramado_mentions",
    requires=["doc.ents", "token.pos", "token.dep", "token.lemma"],
    assigns=["doc._.mentions"],
)
def make_mention_repairer(nlp: Language, name: str) -> MentionRepairer:
    """Factory of the ``entramado_mentions`` component for the pipeline's language."""
    return MentionRepairer(load_lexicon(nlp.lang))
