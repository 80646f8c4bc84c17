"""spaCy component ``entramado_coref``: group an article's mentions into entities and type each one.

One entity per real-world actor within the article: "Kast" joins "José Antonio Kast", "PSUV" joins
"Partido Socialista Unido de Venezuela", and nominal descriptions ("el dirigente chileno") join the
person they point back to. The entity's type is a vote over all its mentions, because the small
model labels the same surname differently from one sentence to the next.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from entramado.annotate.description_model import DescriptionScorer
from entramado.annotate.descriptions import Descriptions
from entramado.annotate.entities import EntityCluster
from entramado.annotate.grouping import NameGroups, Work, is_acronym
from entramado.annotate.lexicon import Lexicon, load_lexicon
from entramado.annotate.mentions import MentionSpan
from entramado.annotate.syntax import base_lemma
from entramado.models import EntityType
from entramado.names import name_key


class Coreference:
    """The ``entramado_coref`` component (see the module docstring)."""

    def __init__(self, lex: Lexicon, scorer: DescriptionScorer | None = None) -> None:
        self.lex = lex
        self.descriptions = Descriptions(lex, scorer)
        self.work = Work()  # what grouping the last doc's names cost (see annotate/grouping.py)

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
        groups = NameGroups(doc, mentions, self.lex)
        merged = groups.merged()
        self.work = groups.work
        return merged

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
        if all(is_acronym(m.span(doc).text) for m in group):
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
            if tok.dep_ == "nsubj" and base_lemma(tok.head) in self.lex.reporting_verbs:
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


def use_description_scorer(nlp: Language, scorer: DescriptionScorer | None) -> None:
    """Let ``scorer`` decide the descriptions of ``nlp``'s coreference component from now on."""
    component = nlp.get_pipe("entramado_coref")
    if not isinstance(component, Coreference):
        raise TypeError("entramado_coref is not entramado's coreference component")
    component.descriptions.use(scorer)


if not Doc.has_extension("entities"):
    Doc.set_extension("entities", default=None)


@Language.factory(
    "entramado_coref",
    requires=["doc._.mentions"],
    assigns=["doc._.entities", "doc._.descriptions"],
    default_config={"model": ""},
)
def make_coreference(nlp: Language, name: str, model: str) -> Coreference:
    """Factory of the ``entramado_coref`` component: ``model``, a trained model's folder, or empty
    for the rules (a model trained before descriptions were learned keeps the rules for them)."""
    scorer = DescriptionScorer.load(Path(model)) if model else None
    return Coreference(load_lexicon(nlp.lang), scorer)
