"""Grouping an article's name mentions into entities, with blocking so the cost grows with the mentions.

Names are grouped by key first ("Kast" twice is one group); then an acronym joins the name it
abbreviates and a short form joins the one longer name containing it. Each merge only looks at
the groups that could take it, found through indexes built once per article: the group whose
mention ends where "(ACR)" opens, the groups whose initials spell an acronym, the groups having a
name with every word of a short form. Comparing every group with every other made one article of
50,000 names run for hours (issue 14); the results are the same, the work is now about linear.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from entramado.annotate.lexicon import Lexicon
from entramado.annotate.mentions import MentionSpan
from entramado.models import EntityType
from entramado.names import name_key

Groups = dict[str, list[MentionSpan]]
Words = tuple[str, ...]


@dataclass
class Work:
    """What grouping one article cost, counted (tests assert on it; timing would be flaky)."""

    comparisons: int = 0  # name-against-name and acronym-against-name tests made


def tokens(text: str, lex: Lexicon) -> list[str]:
    """The words of a name's key, connectors aside."""
    return [w for w in name_key(text).split() if w not in lex.connectors]


def is_acronym(text: str) -> bool:
    """Whether ``text`` looks like an acronym: 2–7 capital letters, dots allowed ("PSOE", "E.E.U.U.")."""
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 7 and letters.isupper() and letters.isalpha()


def abbreviates(acronym: str, name: str) -> bool:
    """Whether the acronym's letters appear, in order and starting with the first, among the initials
    of the name's words: "CCE" ↔ "Consejo Coordinador Empresarial", not "FBI" ↔ "Estados Unidos"."""
    letters = name_key(acronym.replace(".", "")).replace(" ", "")
    initials = "".join(w[0] for w in name_key(name).split())
    if not letters or not initials or letters[0] != initials[0]:
        return False
    it = iter(initials)
    return all(ch in it for ch in letters)


def initials(text: str, lex: Lexicon) -> str:
    """The capitals opening a name's words, connectors aside ("Partido de la Revolución" → "PR")."""
    return "".join(w[0] for w in text.split() if w.lower() not in lex.connectors and w[:1].isupper())


def shorter_form(words: list[str], other: Words) -> bool:
    """``words`` is a shorter form of ``other``: a subset of its words, or, for two-word names,
    the same person with the second surname ("Cordero Arroyo" of "Ernesto Cordero")."""
    if len(other) > len(words) and set(words) <= set(other):
        return True
    return len(words) == 2 and len(other) == 2 and words[0] == other[-1] and list(words) != list(other)


def types_compatible(short: list[MentionSpan], long: list[MentionSpan]) -> bool:
    """Whether a short form's model labels allow it to join a longer name's group."""
    long_types = {m.type for m in long if m.type}
    short_types = {m.type for m in short if m.type}
    if EntityType.PERSON in long_types:
        return True  # the model mislabels lone surnames as LOC/ORG all the time
    return not short_types or bool(short_types & long_types) or not long_types


def names_the_complement(
    words: list[str], short: list[MentionSpan], long: list[MentionSpan], doc: Doc, lex: Lexicon
) -> bool:
    """Whether a short form is the complement of a longer name that names something else.

    "Chicago" is not the "Cachorros de Chicago" (nor of the "University of Chicago"), "Medellín" not
    the "Cartel de Medellín", "Kast" not the "Gobierno de Kast": what follows a name's first "de" is
    a name of its own. Territories and ministries are the exception ("Estado de Guerrero" is
    Guerrero, "Sanidad" the "Ministerio de Sanidad"; lexicon ``named_by_complement``), a person's
    "de" joins surnames ("Fernández de Kirchner"), and what the model calls an organisation may
    still be the body's usual name ("Naciones Unidas" of the "Organización de las Naciones Unidas").
    One of the longer group's names with the short form after its "de" is enough: "Madrid" is not the
    "Teatro Real" because the article also calls it the "Teatro Real de Madrid".
    """
    if any(m.type == EntityType.ORGANIZATION for m in short):
        return False
    # each of the longer group's names as words, read once for both tests below
    names = [(m, key) for m in long if (key := name_key(m.span(doc).text).split())]
    if _named_after(words, short, [key for _, key in names], lex):
        return True
    found = False
    for m, key in names:
        cuts = [i for i, w in enumerate(key) if w in ("de", "del", "of")]
        if m.type == EntityType.PERSON and key[0] not in lex.org_heads:
            return False  # the model's word, unless the name opens like a body's ("Policía Judicial de…")
        if key[0] in lex.named_by_complement and set(words) <= set(key[: (cuts[1:] or [len(key)])[0]]):
            return False  # the first complement only: "Medellín" is not the "Secretaría de Salud de Medellín"
        if cuts and set(words) & set(key[: cuts[0]]):
            return False  # a word of the name's head: "Naciones" of "Naciones Unidas de…"
        found = found or bool(cuts)
    return found


def _named_after(words: list[str], short: list[MentionSpan], names: list[list[str]], lex: Lexicon) -> bool:
    """Whether a body's name holds the person or place it is named after: "Administración Trump",
    "Federación Andalucía Acoge". The body's name (one of ``names``, as words) opens with its kind
    (lexicon ``org_heads``), and the model calls the short form a person or a place."""
    if not any(m.type in (EntityType.PERSON, EntityType.PLACE) for m in short):
        return False
    for key in names:
        if key[0] in lex.named_by_complement:
            return False  # "Gobernación" is the "Secretaría de Gobernación", whatever the model says
        if len(key) > 1 and key[0] in lex.org_heads and key[0] not in words:
            return True
    return False


class NameGroups:
    """Groups of one article's mentions, keyed by name key, and the indexes that find merge targets."""

    def __init__(self, doc: Doc, mentions: list[MentionSpan], lex: Lexicon) -> None:
        self.doc, self.lex, self.work = doc, lex, Work()
        self.groups: Groups = {}
        for m in mentions:
            # Names the same but for their connectors are one name: "Movimiento de Regeneración
            # Nacional" and "Movimiento Regeneración Nacional".
            key = name_key(m.known or m.span(doc).text)
            key = " ".join(tokens(key, lex)) or key
            if key:
                self.groups.setdefault(key, []).append(m)
        # key → the word tuples of its groups' names (descriptions aside); word → keys having it;
        # the last word of two-word names → keys (for "Cordero Arroyo" of "Ernesto Cordero").
        self.names: dict[str, set[Words]] = {}
        self.having: dict[str, set[str]] = {}
        self.ending_with: dict[str, set[str]] = {}
        for key, group in self.groups.items():
            self.names[key] = set()
            self._index(key, group)

    def merged(self) -> list[list[MentionSpan]]:
        """The groups after acronyms and short forms joined their names."""
        self._merge_acronyms()
        self._merge_short_forms()
        return list(self.groups.values())

    def _index(self, key: str, mentions: list[MentionSpan]) -> None:
        for m in mentions:
            if m.kind == "description":
                continue
            words = tuple(tokens(name_key(m.span(self.doc).text), self.lex))
            self.names[key].add(words)
            for w in words:
                self.having.setdefault(w, set()).add(key)
            if len(words) == 2:
                self.ending_with.setdefault(words[-1], set()).add(key)

    def _move(self, key: str, target: str) -> None:
        """Group ``key`` joins ``target``: its mentions, and its names in the indexes."""
        moved = self.groups.pop(key)
        self.groups[target].extend(moved)
        for words in self.names.pop(key):
            for w in words:
                self.having[w].discard(key)
            if len(words) == 2:
                self.ending_with[words[-1]].discard(key)
        self._index(target, moved)

    # --- acronyms -------------------------------------------------------------------------------
    def _merge_acronyms(self) -> None:
        """ "Consejo Coordinador Empresarial (CCE)": the acronym joins the name it abbreviates."""
        doc = self.doc
        ending: dict[int, str] = {}  # token where a mention ends → its group
        by_initials: dict[str, set[str]] = {}
        for k, g in self.groups.items():
            for m in g:
                ending.setdefault(m.end, k)
            by_initials.setdefault(initials(g[0].span(doc).text, self.lex), set()).add(k)
        for key in list(self.groups):
            sample = self.groups[key][0]
            text = sample.span(doc).text
            if sample.known or not is_acronym(text):
                continue
            target = None
            for m in self.groups[key]:  # defined in the text: "Long Name (ACR)"
                if m.start >= 2 and doc[m.start - 1].text == "(":
                    before = ending.get(m.start - 1)
                    self.work.comparisons += before is not None
                    # "…de Estados Unidos (FBI)": the name before the parenthesis must fit the letters
                    if before and abbreviates(text, self.groups[before][0].span(doc).text):
                        target = before
                        break
            if target is None:  # or the initials of exactly one longer name
                hits = by_initials.get(text.replace(".", ""), set()) - {key}
                self.work.comparisons += len(hits)
                target = next(iter(hits)) if len(hits) == 1 else None
            if target and target != key:
                for m in self.groups[key]:
                    if ending.get(m.end) == key:
                        ending[m.end] = target
                by_initials[initials(text, self.lex)].discard(key)
                self._move(key, target)

    # --- short forms ----------------------------------------------------------------------------
    def _merge_short_forms(self) -> None:
        """A surname or short form joins the one longer name containing it ("Kast" → "José Antonio Kast").

        Multi-word variants go first ("Anaya Cortés" joins "Ricardo Anaya" as his second surname),
        so that a lone "Anaya" then finds one person rather than two and is not left out as ambiguous.
        """
        for key in sorted(self.groups, key=lambda k: -len(k.split())):
            if key in self.groups and len(key.split()) > 1:
                self._merge_into_unique(key)
        for key in sorted(self.groups, key=lambda k: len(k.split())):
            if key in self.groups and len(key.split()) == 1:
                self._merge_into_unique(key)

    def _block(self, words: list[str]) -> set[str]:
        """The keys that may have a longer form of ``words``: a name with all its words (or, for two
        words, one ending with the first); every key when the short form has no words of its own."""
        if not words:
            return set(self.groups)
        postings = sorted((self.having.get(w, set()) for w in set(words)), key=len)
        block = set(postings[0]).intersection(*postings[1:])
        if len(words) == 2:
            block |= self.ending_with.get(words[0], set())
        return block

    def _merge_into_unique(self, key: str) -> None:
        short = self.groups[key]
        if any(m.known for m in short):
            return  # an all-caps "MEADE" may still be a shouted surname, so acronyms are tried too
        words = tokens(key, self.lex)
        candidates: list[str] = []
        for other in self._block(words) - {key}:
            for names in self.names[other]:
                self.work.comparisons += 1
                if shorter_form(words, names):
                    break
            else:
                continue
            long = self.groups[other]
            if types_compatible(short, long) and not names_the_complement(
                words, short, long, self.doc, self.lex
            ):
                candidates.append(other)
                if len(candidates) > 1:
                    return  # ambiguous short forms stay apart: a wrong merge is worse
        if len(candidates) == 1:
            self._move(key, candidates[0])
