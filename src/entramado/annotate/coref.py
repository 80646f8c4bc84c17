"""spaCy component ``entramado_coref``: group an article's mentions into entities and type each one.

One entity per real-world actor within the article: "Kast" joins "José Antonio Kast", "PSUV" joins
"Partido Socialista Unido de Venezuela", and nominal descriptions ("el dirigente chileno") join the
person they point back to. The entity's type is a vote over all its mentions, because the small
model labels the same surname differently from one sentence to the next.
"""

from __future__ import annotations

from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc

from entramado.annotate.descriptions import Descriptions
from entramado.annotate.entities import EntityCluster
from entramado.annotate.lexicon import Lexicon, load_lexicon
from entramado.annotate.mentions import MentionSpan
from entramado.models import EntityType
from entramado.names import name_key


def _tokens(text: str, lex: Lexicon) -> list[str]:
    return [w for w in name_key(text).split() if w not in lex.connectors]


def _is_acronym(text: str) -> bool:
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 7 and letters.isupper() and letters.isalpha()


def _abbreviates(acronym: str, name: str) -> bool:
    """Whether the acronym's letters appear, in order and starting with the first, among the initials
    of the name's words: "CCE" ↔ "Consejo Coordinador Empresarial", not "FBI" ↔ "Estados Unidos"."""
    letters = name_key(acronym.replace(".", "")).replace(" ", "")
    initials = "".join(w[0] for w in name_key(name).split())
    if not letters or not initials or letters[0] != initials[0]:
        return False
    it = iter(initials)
    return all(ch in it for ch in letters)


def _initials(text: str, lex: Lexicon) -> str:
    return "".join(w[0] for w in text.split() if w.lower() not in lex.connectors and w[:1].isupper())


class Coreference:
    """The ``entramado_coref`` component (see the module docstring)."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.descriptions = Descriptions(lex)

    def __call__(self, doc: Doc) -> Doc:
        mentions: list[MentionSpan] = doc._.mentions or []
        groups = self._group_names(doc, mentions)
        typed = [(group, self._vote_type(doc, group)) for group in groups]
        typed = self._retype_by_context(doc, typed)
        clusters: list[EntityCluster] = []
        for group, etype in typed:
            if etype is None:
                continue  # an untypeable capitalised word is more often noise than an actor
            clusters.append(EntityCluster(id=len(clusters), name="", type=etype, mentions=group))
        self.descriptions.attach(doc, clusters)
        for cluster in clusters:
            self._name(doc, cluster)
            for m in cluster.mentions:
                m.cluster = cluster.id
        doc._.mentions = sorted((m for c in clusters for m in c.mentions), key=lambda m: m.start)
        doc._.entities = clusters
        return doc

    # --- grouping names -------------------------------------------------------------------------
    def _group_names(self, doc: Doc, mentions: list[MentionSpan]) -> list[list[MentionSpan]]:
        by_key: dict[str, list[MentionSpan]] = {}
        for m in mentions:
            key = name_key(m.known or m.span(doc).text)
            if key:
                by_key.setdefault(key, []).append(m)
        groups = {k: list(v) for k, v in by_key.items()}
        self._merge_acronyms(doc, groups)
        self._merge_short_forms(doc, groups)
        return list(groups.values())

    def _merge_acronyms(self, doc: Doc, groups: dict[str, list[MentionSpan]]) -> None:
        """ "Consejo Coordinador Empresarial (CCE)": the acronym joins the name it abbreviates."""
        for key in list(groups):
            sample = groups[key][0]
            text = sample.span(doc).text
            if sample.known or not _is_acronym(text):
                continue
            target = None
            for m in groups[key]:  # defined in the text: "Long Name (ACR)"
                if m.start >= 2 and doc[m.start - 1].text == "(":
                    before = self._group_ending_at(doc, groups, m.start - 1)
                    # "…de Estados Unidos (FBI)": the name before the parenthesis must fit the letters
                    if before and _abbreviates(text, groups[before][0].span(doc).text):
                        target = before
                        break
            if target is None:  # or the initials of exactly one longer name
                hits = [
                    k for k, g in groups.items()
                    if k != key and _initials(g[0].span(doc).text, self.lex) == text.replace(".", "")
                ]  # fmt: skip
                target = hits[0] if len(hits) == 1 else None
            if target and target != key:
                groups[target].extend(groups.pop(key))

    @staticmethod
    def _group_ending_at(doc: Doc, groups: dict[str, list[MentionSpan]], end: int) -> str | None:
        for k, g in groups.items():
            if any(m.end == end for m in g):
                return k
        return None

    def _merge_short_forms(self, doc: Doc, groups: dict[str, list[MentionSpan]]) -> None:
        """A surname or short form joins the one longer name containing it ("Kast" → "José Antonio Kast").

        Multi-word variants go first ("Anaya Cortés" joins "Ricardo Anaya" as his second surname),
        so that a lone "Anaya" then finds one person rather than two and is not left out as ambiguous.
        """
        # Each key is compared with every other group: the words of a mention are worked out once.
        words: dict[tuple[int, int], tuple[str, ...]] = {}
        for key in sorted(groups, key=lambda k: -len(k.split())):
            if key in groups and len(key.split()) > 1:
                self._merge_into_unique(doc, groups, key, words)
        for key in sorted(groups, key=lambda k: len(k.split())):
            if key in groups and len(key.split()) == 1:
                self._merge_into_unique(doc, groups, key, words)

    def _merge_into_unique(
        self,
        doc: Doc,
        groups: dict[str, list[MentionSpan]],
        key: str,
        known_words: dict[tuple[int, int], tuple[str, ...]],
    ) -> None:
        short = groups[key]
        if any(m.known for m in short):
            return  # an all-caps "MEADE" may still be a shouted surname, so acronyms are tried too
        words = _tokens(key, self.lex)
        candidates = []
        for other, group in groups.items():
            if other == key:
                continue
            names = {self._words(doc, m, known_words) for m in group if m.kind != "description"}
            if any(self._shorter_form(words, list(n)) for n in names) and self._types_compatible(
                short, group
            ):
                candidates.append(other)
        if len(candidates) == 1:  # ambiguous short forms stay apart: a wrong merge is worse
            groups[candidates[0]].extend(groups.pop(key))

    def _words(
        self, doc: Doc, m: MentionSpan, known: dict[tuple[int, int], tuple[str, ...]]
    ) -> tuple[str, ...]:
        """The words of a mention's name (connectors aside), from ``known`` once worked out."""
        found = known.get((m.start, m.end))
        if found is None:
            found = known[(m.start, m.end)] = tuple(_tokens(name_key(m.span(doc).text), self.lex))
        return found

    @staticmethod
    def _shorter_form(words: list[str], other: list[str]) -> bool:
        """``words`` is a shorter form of ``other``: a subset of its words, or, for two-word names,
        the same person with the second surname ("Cordero Arroyo" of "Ernesto Cordero")."""
        if len(other) > len(words) and set(words) <= set(other):
            return True
        return len(words) == 2 and len(other) == 2 and words[0] == other[-1] and words != other

    @staticmethod
    def _types_compatible(short: list[MentionSpan], long: list[MentionSpan]) -> bool:
        long_types = {m.type for m in long if m.type}
        short_types = {m.type for m in short if m.type}
        if EntityType.PERSON in long_types:
            return True  # the model mislabels lone surnames as LOC/ORG all the time
        return not short_types or bool(short_types & long_types) or not long_types

    # --- typing ---------------------------------------------------------------------------------
    def _vote_type(self, doc: Doc, group: list[MentionSpan]) -> EntityType | None:
        for m in group:
            if m.known or m.kind == "event":
                return m.type
        longest = max((name_key(m.span(doc).text).split() for m in group), key=len)
        if longest[0] in self.lex.org_heads:
            return EntityType.ORGANIZATION  # "Fiscalía", "Consejo Coordinador Empresarial"
        if len(longest) > 1:  # a lone "Congreso" is a parliament as often as a congress
            if longest[0] in self.lex.event_heads:
                return EntityType.EVENT
            if longest[0] in self.lex.given_names and not set(longest) & self.lex.connectors:
                return EntityType.PERSON  # "George Floyd", but not "Carolina del Sur"
        votes: Counter[EntityType] = Counter()
        for m in group:
            if m.type is not None:
                # longer mentions are labelled more reliably than a lone surname
                votes[m.type] += m.end - m.start
        if votes:
            return votes.most_common(1)[0][0]
        if all(_is_acronym(m.span(doc).text) for m in group):
            return EntityType.ORGANIZATION
        return None

    def _retype_by_context(
        self, doc: Doc, typed: list[tuple[list[MentionSpan], EntityType | None]]
    ) -> list[tuple[list[MentionSpan], EntityType | None]]:
        """A lone name the model called a place (or nothing) is a person when it is listed with people
        ("destacan Trump, Meloni, Abascal y Bukele") or says something ("Laborde señala")."""
        person_tokens = {
            i
            for group, etype in typed
            if etype == EntityType.PERSON
            for m in group
            for i in range(m.start, m.end)
        }
        out = []
        for group, etype in typed:
            uncertain = etype in (EntityType.PLACE, None) and not any(m.known for m in group)
            if (
                uncertain
                and all(m.end - m.start == 1 for m in group)
                and self._acts_as_person(doc, group, person_tokens)
            ):
                etype = EntityType.PERSON
            out.append((group, etype))
        return out

    def _acts_as_person(self, doc: Doc, group: list[MentionSpan], person_tokens: set[int]) -> bool:
        for m in group:
            tok = doc[m.start]
            linked = [*tok.conjuncts]
            if any(t.i in person_tokens for t in linked):
                return True
            if tok.dep_ == "nsubj" and tok.head.lemma_.lower() in self.lex.reporting_verbs:
                return True
        return False

    # --- naming ---------------------------------------------------------------------------------
    def _name(self, doc: Doc, cluster: EntityCluster) -> None:
        """The fullest proper name is the entity's name; every other form is an alias."""
        known = next((m.known for m in cluster.mentions if m.known), None)
        names = [m for m in cluster.mentions if m.kind != "description"]
        texts = [m.span(doc).text for m in names] or [m.span(doc).text for m in cluster.mentions]
        cluster.name = known or max(texts, key=lambda t: (len(t.split()), len(t)))
        seen = {name_key(cluster.name)}
        for m in cluster.mentions:
            text = m.span(doc).text
            if name_key(text) not in seen:
                seen.add(name_key(text))
                cluster.aliases.append(text)


if not Doc.has_extension("entities"):
    Doc.set_extension("entities", default=None)


@Language.factory("entramado_coref", requires=["doc._.mentions"], assigns=["doc._.entities"])
def make_coreference(nlp: Language, name: str) -> Coreference:
    """Factory of the ``entramado_coref`` component for the pipeline's language."""
    return Coreference(load_lexicon(nlp.lang))
