"""spaCy component ``entramado_relations``: typed ties between an article's entities, sentence by sentence.

A tie needs a cue (a verb or noun of the lexicon, or a role noun in apposition) and two entities
placed by the dependency parse: the cue's subject (or the possessor, or the entity it describes)
and its object or complement. Coordinated complements each get the tie ("Milei, Bukele y Abascal").
A negated cue asserts nothing. Entities that merely share a sentence get ``CO_MENTION``, which is
kept apart and never presented as a claim.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from entramado.annotate.entities import EntityCluster, token_map
from entramado.annotate.lexicon import Lexicon, load_lexicon
from entramado.annotate.syntax import ACTORS, OF, SUBJECTS, SentenceView, base_lemma, parenthesised
from entramado.models import EntityType, RelationType
from entramado.names import name_key

# Which entity types each relation type admits as target (None: any). Calibrated on the guidelines'
# table: a membership is in an organisation, a candidacy in an election, an office in a body or place.
TARGET_TYPES: dict[RelationType, set[EntityType] | None] = {
    RelationType.MEMBER_OF: {EntityType.ORGANIZATION},
    RelationType.POSITION: {EntityType.ORGANIZATION, EntityType.PLACE},
    RelationType.PARTICIPATES_IN: {EntityType.EVENT, EntityType.ORGANIZATION},
    RelationType.CANDIDATE_IN: {EntityType.EVENT},
    RelationType.MEETS: ACTORS,
    RelationType.ALLY: None,
    RelationType.OPPOSES: None,
    RelationType.FAMILY: {EntityType.PERSON},
}
SOURCE_TYPES: dict[RelationType, set[EntityType]] = {
    RelationType.POSITION: {EntityType.PERSON},
    RelationType.CANDIDATE_IN: {EntityType.PERSON, EntityType.ORGANIZATION},
    RelationType.MEMBER_OF: {EntityType.PERSON, EntityType.ORGANIZATION},
    RelationType.PARTICIPATES_IN: {EntityType.PERSON, EntityType.ORGANIZATION, EntityType.PLACE},
    RelationType.FAMILY: {EntityType.PERSON},
}
# A rule's tie is as sure as ties of its shape and type were right on the annotated articles
# (data/rule_confidence.<lang>.yaml, written by `entramado calibrate-rules`); these hand-set figures
# stand only where no such measure exists (English, or a shape the annotations never showed).
STRENGTH = {
    "verb": 0.8, "noun": 0.7, "title": 0.85, "parenthesis": 0.85, "party-of": 0.7, "dropped-subject": 0.6,
    "nearest": 0.45, "co": 0.1,
}  # fmt: skip


def strength(lex: Lexicon, shape: str, rtype: RelationType) -> float:
    """The confidence of a rule's tie of this shape and type (see STRENGTH)."""
    return lex.rule_confidence.get(shape, {}).get(rtype, STRENGTH[shape])


# Pairs are made of each entity and the next ones of its sentence up to this many, not of all: a
# "sentence" listing thousands of names (a table pasted as text) would otherwise give millions of
# pairs. News sentences name far fewer, so on them nothing changes (issue 14).
PAIR_WINDOW = 30


@dataclass
class SentenceRelation:
    """One tie found in one sentence, between two entity clusters of the doc."""

    source: int
    target: int
    type: RelationType
    sentence: Span
    cue: str
    confidence: float
    attributed_to: str | None = None
    shape: str = ""  # which rule found it (a key of STRENGTH); empty for the learned model's ties


class RelationExtractor:
    """The ``entramado_relations`` component (see the module docstring)."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex

    def __call__(self, doc: Doc) -> Doc:
        clusters: list[EntityCluster] = doc._.entities or []
        by_token = token_map(clusters)
        found: list[SentenceRelation] = []
        salient: EntityCluster | None = None
        for sent in doc.sents:
            ctx = SentenceView(sent, by_token, salient, self.lex)
            typed = self._typed(ctx)
            found.extend(typed)
            found.extend(self._co_mentions(ctx, typed))
            salient = ctx.main_subject() or salient
        doc._.relations = found
        return doc

    # --- typed ties -----------------------------------------------------------------------------
    def _typed(self, ctx: SentenceView) -> list[SentenceRelation]:
        out: list[SentenceRelation] = []
        for tok in ctx.sent:
            lemma = base_lemma(tok)
            rtype, shape = None, ""
            if tok.pos_ in ("VERB", "AUX") or (
                tok.pos_ == "ADJ" and tok.tag_ != "ADJ" and "Part" in tok.morph.get("VerbForm", [])
            ):
                rtype, shape = self.lex.verb_cue(lemma), "verb"
            if rtype is None and tok.pos_ in ("NOUN", "ADJ", "ADP"):
                rtype, shape = self.lex.noun_cue(lemma) or self.lex.noun_cue(tok.lower_), "noun"
            if rtype is None and tok.pos_ == "VERB" and lemma in self.lex.election_verbs:
                rtype, shape = RelationType.CANDIDATE_IN, "verb"
            if rtype is not None and lemma in self.lex.held_nouns and not self._held(tok):
                rtype = None
            if rtype is not None and ctx.asserted(tok):
                out.extend(self._cue_ties(ctx, tok, rtype, shape))
            if tok.pos_ == "NOUN" and self.lex.is_role(tok.lower_, lemma):
                out.extend(self._title_ties(ctx, tok))
            if lemma in self.lex.org_descriptions:
                out.extend(self._party_of(ctx, tok))
        out.extend(self._parenthesised_parties(ctx))
        return _dedupe(out)

    def _election(self, event: EntityCluster) -> bool:
        """Whether ``event``'s name starts with a word of an election ("elecciones de 2018")."""
        return name_key(event.name).split(" ", 1)[0] in self.lex.elections

    def _held(self, noun: Token) -> bool:
        """Whether ``noun`` is what a verb of holding holds ("sostuvo una entrevista con …")."""
        return noun.dep_ in ("obj", "dobj") and base_lemma(noun.head) in self.lex.holding_verbs

    @staticmethod
    def _parenthesised_parties(ctx: SentenceView) -> list[SentenceRelation]:
        """ "Felipe Calderón (PAN)": an organisation in parentheses right after a person is their party."""
        out = []
        for tok in ctx.sent:
            person = ctx.cluster_at(tok)
            if person is None or person.type != EntityType.PERSON or tok.i + 3 > ctx.sent.end:
                continue
            doc = tok.doc
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            if nxt is None or nxt.text != "(" or ctx.cluster_at(nxt) is not None:
                continue
            close = next((t for t in doc[tok.i + 2 : min(tok.i + 10, ctx.sent.end)] if t.text == ")"), None)
            if close is None or close.i == tok.i + 2:
                continue
            org = ctx.cluster_at(doc[tok.i + 2])
            whole = org is not None and all(ctx.cluster_at(t) is org for t in doc[tok.i + 2 : close.i])
            if org is not None and whole and org.type == EntityType.ORGANIZATION:
                out.append(
                    SentenceRelation(
                        person.id,
                        org.id,
                        RelationType.MEMBER_OF,
                        ctx.sent,
                        "( )",
                        strength(ctx.lex, "parenthesis", RelationType.MEMBER_OF),
                        shape="parenthesis",
                    )
                )
        return out

    def _cue_ties(
        self, ctx: SentenceView, cue: Token, rtype: RelationType, shape: str
    ) -> list[SentenceRelation]:
        sources, how = ctx.sources_of(cue, shape)
        if not sources:
            return []
        ids = {s.id for s in sources}
        if cue.pos_ == "ADP":
            # "una querella contra la responsable de Twitter, Nathalie Picquot": the preposition's
            # object is its head in the parse
            targets = [t for t in ctx.with_conjuncts(cue.head) if t.id not in ids]
        else:
            # taking part happens in something; meeting, allying, opposing are with or against someone
            locative_ok = rtype in (
                RelationType.PARTICIPATES_IN,
                RelationType.MEMBER_OF,
                RelationType.CANDIDATE_IN,
            )
            targets = [t for t in ctx.complements(cue, locative_ok) if t.id not in ids]
        found = how
        if not targets and shape == "noun" and rtype in (RelationType.ALLY, RelationType.OPPOSES):
            # "figuras con las que Kast mantiene contacto": the parse loses the noun's complement;
            # the closest entity is right often enough to keep, at a lower confidence. Not for
            # meetings or memberships: "encuentros internacionales" alone says nothing about whom.
            targets = ctx.nearest(cue, exclude=ids)
            found = "nearest"
        allowed = TARGET_TYPES.get(rtype)
        if base_lemma(cue) in self.lex.election_verbs:  # only an election's result states a candidacy
            targets = [t for t in targets if t.type == EntityType.EVENT and self._election(t)]
        if shape == "noun" and base_lemma(cue) in self.lex.neutral_between_places:
            sources = [s for s in sources if s.type != EntityType.PLACE]
            targets = [t for t in targets if t.type != EntityType.PLACE]
        out = []
        for source in sources:
            if rtype in SOURCE_TYPES and source.type not in SOURCE_TYPES[rtype]:
                continue
            if source.type == EntityType.PLACE and rtype not in (RelationType.ALLY, RelationType.OPPOSES):
                continue
            attributed = ctx.attribution(cue, source)
            for target in targets:
                kind = rtype
                if rtype == RelationType.CANDIDATE_IN and target.type == EntityType.ORGANIZATION:
                    kind = RelationType.MEMBER_OF  # "su candidatura por el PRI": a party's candidate
                if allowed is None or target.type in allowed or kind != rtype:
                    confidence = strength(ctx.lex, found, kind)
                    out.append(
                        SentenceRelation(
                            source.id, target.id, kind, ctx.sent, cue.text, confidence, attributed, found
                        )
                    )
        return out

    def _title_ties(self, ctx: SentenceView, role: Token) -> list[SentenceRelation]:
        """ "el presidente de Argentina, Javier Milei" / "Milei, presidente de Argentina" → POSITION."""
        holder = ctx.cluster_at(role)  # a description already joined to its person
        if holder is None:
            holder = ctx.apposed(role)
        if holder is None and any(c.dep_ == "cop" for c in role.children):
            subj = next((c for c in role.children if c.dep_ in SUBJECTS), None)
            holder = ctx.cluster_of(subj) if subj is not None else None
        if holder is None or holder.type != EntityType.PERSON:
            return []
        out = []
        for child in role.children:
            if child.dep_ not in ("nmod", "obl", "prep"):
                continue
            case = [c.lower_ for c in child.children if c.dep_ == "case"] or [child.lower_]
            if not set(case) & OF:
                continue  # "la responsable en España de Twitter": an office of Twitter, not of Spain
            for body in ctx.with_conjuncts(child):
                if body.id != holder.id and body.type in (EntityType.ORGANIZATION, EntityType.PLACE):
                    out.append(
                        SentenceRelation(
                            holder.id, body.id, RelationType.POSITION, ctx.sent, role.text,
                            strength(ctx.lex, "title", RelationType.POSITION), ctx.attribution(role, holder),
                            "title",
                        )
                    )  # fmt: skip
        return out

    @staticmethod
    def _party_of(ctx: SentenceView, noun: Token) -> list[SentenceRelation]:
        """ "el partido de Abascal": the person a party is named after leads it (a weaker reading)."""
        org = ctx.cluster_at(noun)
        if org is None or org.type != EntityType.ORGANIZATION:
            return []
        out = []
        for child in noun.children:
            if child.dep_ in ("nmod", "obl") and not parenthesised(child):
                person = ctx.cluster_of(child)
                if person is not None and person.type == EntityType.PERSON and person.id != org.id:
                    out.append(
                        SentenceRelation(
                            person.id,
                            org.id,
                            RelationType.POSITION,
                            ctx.sent,
                            noun.text,
                            strength(ctx.lex, "party-of", RelationType.POSITION),
                            shape="party-of",
                        )
                    )
        return out

    @staticmethod
    def _co_mentions(ctx: SentenceView, typed: list[SentenceRelation]) -> list[SentenceRelation]:
        tied = {frozenset((r.source, r.target)) for r in typed}
        actors = [c for c in ctx.clusters() if c.type in ACTORS]
        out = []
        for i, a in enumerate(actors):
            for b in actors[i + 1 : i + 1 + PAIR_WINDOW]:
                if frozenset((a.id, b.id)) not in tied:
                    out.append(
                        SentenceRelation(
                            a.id, b.id, RelationType.CO_MENTION, ctx.sent, "", STRENGTH["co"], shape="co"
                        )
                    )
        return out


def _dedupe(found: list[SentenceRelation]) -> list[SentenceRelation]:
    best: dict[tuple[int, int, RelationType], SentenceRelation] = {}
    for r in found:
        key = (r.source, r.target, r.type)
        if key not in best or r.confidence > best[key].confidence:
            best[key] = r
    return list(best.values())


if not Doc.has_extension("relations"):
    Doc.set_extension("relations", default=None)


@Language.factory("entramado_relations", requires=["doc._.entities"], assigns=["doc._.relations"])
def make_relation_extractor(nlp: Language, name: str) -> RelationExtractor:
    """Factory of the ``entramado_relations`` component for the pipeline's language."""
    return RelationExtractor(load_lexicon(nlp.lang))
