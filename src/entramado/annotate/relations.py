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

from entramado.annotate.coref import EntityCluster, main_subjects, token_map
from entramado.annotate.lexicon import Lexicon, load_lexicon
from entramado.models import EntityType, RelationType

ACTORS = {EntityType.PERSON, EntityType.ORGANIZATION, EntityType.EVENT}
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
}
SOURCE_TYPES: dict[RelationType, set[EntityType]] = {
    RelationType.POSITION: {EntityType.PERSON},
    RelationType.CANDIDATE_IN: {EntityType.PERSON, EntityType.ORGANIZATION},
    RelationType.MEMBER_OF: {EntityType.PERSON, EntityType.ORGANIZATION},
    RelationType.PARTICIPATES_IN: {EntityType.PERSON, EntityType.ORGANIZATION, EntityType.PLACE},
}
# Pattern strength: how often a tie of this shape is right, in our reading of dev articles.
STRENGTH = {"verb": 0.8, "noun": 0.7, "title": 0.85, "dropped-subject": 0.6, "nearest": 0.45, "co": 0.1}
_COMPLEMENTS = {
    "obj",
    "obl",
    "iobj",
    "nmod",
    "appos",
    "obl:arg",
    "obl:agent",
    "dobj",
    "pobj",
    "prep",
    "dative",
}
_CLAUSES = {"ccomp", "csubj", "advcl", "acl", "parataxis", "acl:relcl", "relcl", "xcomp"}
_SUBJECTS = {"nsubj", "nsubj:pass", "nsubjpass", "csubj"}
_REPORTED = {"ccomp", "parataxis", "xcomp"}
_OF = {"de", "del", "of"}  # what introduces the body an office belongs to
_LOCATIVE = {"en", "in", "at", "desde", "hacia"}


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
            ctx = _Sentence(sent, by_token, salient, self.lex)
            typed = self._typed(ctx)
            found.extend(typed)
            found.extend(self._co_mentions(ctx, typed))
            salient = ctx.main_subject() or salient
        doc._.relations = found
        return doc

    # --- typed ties -----------------------------------------------------------------------------
    def _typed(self, ctx: _Sentence) -> list[SentenceRelation]:
        out: list[SentenceRelation] = []
        for tok in ctx.sent:
            lemma = tok.lemma_.lower()
            rtype, shape = None, ""
            if tok.pos_ in ("VERB", "AUX") or (
                tok.pos_ == "ADJ" and tok.tag_ != "ADJ" and "Part" in tok.morph.get("VerbForm", [])
            ):
                rtype, shape = self.lex.verb_cue(lemma), "verb"
            if rtype is None and tok.pos_ in ("NOUN", "ADJ", "ADP"):
                rtype, shape = self.lex.noun_cue(lemma) or self.lex.noun_cue(tok.lower_), "noun"
            if rtype is not None and ctx.asserted(tok):
                out.extend(self._cue_ties(ctx, tok, rtype, shape))
            if tok.pos_ == "NOUN" and self.lex.is_role(tok.lower_, lemma):
                out.extend(self._title_ties(ctx, tok))
            if lemma in self.lex.org_descriptions:
                out.extend(self._party_of(ctx, tok))
        out.extend(self._parenthesised_parties(ctx))
        return _dedupe(out)

    @staticmethod
    def _parenthesised_parties(ctx: _Sentence) -> list[SentenceRelation]:
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
                        person.id, org.id, RelationType.MEMBER_OF, ctx.sent, "( )", STRENGTH["title"]
                    )
                )
        return out

    def _cue_ties(
        self, ctx: _Sentence, cue: Token, rtype: RelationType, shape: str
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
        strength = STRENGTH[how]
        if not targets and shape == "noun" and rtype in (RelationType.ALLY, RelationType.OPPOSES):
            # "figuras con las que Kast mantiene contacto": the parse loses the noun's complement;
            # the closest entity is right often enough to keep, at a lower confidence. Not for
            # meetings or memberships: "encuentros internacionales" alone says nothing about whom.
            targets = ctx.nearest(cue, exclude=ids)
            strength = STRENGTH["nearest"]
        allowed = TARGET_TYPES.get(rtype)
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
                    out.append(
                        SentenceRelation(source.id, target.id, kind, ctx.sent, cue.text, strength, attributed)
                    )
        return out

    def _title_ties(self, ctx: _Sentence, role: Token) -> list[SentenceRelation]:
        """ "el presidente de Argentina, Javier Milei" / "Milei, presidente de Argentina" → POSITION."""
        holder = ctx.cluster_at(role)  # a description already joined to its person
        if holder is None:
            holder = ctx.apposed(role)
        if holder is None and any(c.dep_ == "cop" for c in role.children):
            subj = next((c for c in role.children if c.dep_ in _SUBJECTS), None)
            holder = ctx.cluster_of(subj) if subj is not None else None
        if holder is None or holder.type != EntityType.PERSON:
            return []
        out = []
        for child in role.children:
            if child.dep_ not in ("nmod", "obl", "prep"):
                continue
            case = [c.lower_ for c in child.children if c.dep_ == "case"] or [child.lower_]
            if not set(case) & _OF:
                continue  # "la responsable en España de Twitter": an office of Twitter, not of Spain
            for body in ctx.with_conjuncts(child):
                if body.id != holder.id and body.type in (EntityType.ORGANIZATION, EntityType.PLACE):
                    out.append(
                        SentenceRelation(
                            holder.id, body.id, RelationType.POSITION, ctx.sent, role.text,
                            STRENGTH["title"], ctx.attribution(role, holder),
                        )
                    )  # fmt: skip
        return out

    @staticmethod
    def _party_of(ctx: _Sentence, noun: Token) -> list[SentenceRelation]:
        """ "el partido de Abascal": the person a party is named after leads it (a weaker reading)."""
        org = ctx.cluster_at(noun)
        if org is None or org.type != EntityType.ORGANIZATION:
            return []
        out = []
        for child in noun.children:
            if child.dep_ in ("nmod", "obl") and not _parenthesised(child):
                person = ctx.cluster_of(child)
                if person is not None and person.type == EntityType.PERSON and person.id != org.id:
                    out.append(
                        SentenceRelation(
                            person.id, org.id, RelationType.POSITION, ctx.sent, noun.text, STRENGTH["noun"]
                        )
                    )
        return out

    @staticmethod
    def _co_mentions(ctx: _Sentence, typed: list[SentenceRelation]) -> list[SentenceRelation]:
        tied = {frozenset((r.source, r.target)) for r in typed}
        actors = [c for c in ctx.clusters() if c.type in ACTORS]
        out = []
        for i, a in enumerate(actors):
            for b in actors[i + 1 :]:
                if frozenset((a.id, b.id)) not in tied:
                    out.append(
                        SentenceRelation(a.id, b.id, RelationType.CO_MENTION, ctx.sent, "", STRENGTH["co"])
                    )
        return out


class _Sentence:
    """Dependency look-ups over one sentence, with the doc's token → entity map."""

    def __init__(
        self, sent: Span, by_token: dict[int, EntityCluster], salient: EntityCluster | None, lex: Lexicon
    ) -> None:
        self.sent = sent
        self.by_token = by_token
        self.salient = salient
        self.lex = lex

    def clusters(self) -> list[EntityCluster]:
        """Entities mentioned in the sentence, in order of first mention."""
        seen: dict[int, EntityCluster] = {}
        for tok in self.sent:
            c = self.by_token.get(tok.i)
            if c is not None and c.id not in seen:
                seen[c.id] = c
        return list(seen.values())

    def cluster_at(self, tok: Token) -> EntityCluster | None:
        """The entity a token is part of, if any."""
        return self.by_token.get(tok.i)

    def cluster_of(self, tok: Token | None) -> EntityCluster | None:
        """The entity a phrase headed by ``tok`` refers to: itself, its name apposition, or "su" → salient."""
        if tok is None:
            return None
        c = self.by_token.get(tok.i) or self.apposed(tok)
        if c is None and tok.pos_ in ("DET", "PRON") and "Yes" in tok.morph.get("Poss", []):
            c = self.salient
        return c

    def apposed(self, tok: Token) -> EntityCluster | None:
        """A name in apposition to ``tok`` ("el líder, Kast" / "Kast, el líder" / "el líder Kast")."""
        for c in tok.children:
            if c.dep_ in ("appos", "flat", "compound") and c.i in self.by_token and not _parenthesised(c):
                return self.by_token[c.i]
        if tok.dep_ == "appos" and tok.head.i in self.by_token:
            return self.by_token[tok.head.i]
        return None

    def with_conjuncts(self, tok: Token) -> list[EntityCluster]:
        """The entity of ``tok`` and of every phrase coordinated with it."""
        out = []
        for t in [tok, *(c for c in tok.conjuncts if not _parenthesised(c))]:
            c = self.cluster_of(t)
            if c is not None and c not in out:
                out.append(c)
        return out

    def asserted(self, cue: Token) -> bool:
        """Whether the sentence asserts the cue: not negated ("no se reunió"), not hypothetical
        ("podría reunirse", "se reuniría", "quiere aliarse"), not under a condition ("si gana, …")."""
        lex = self.lex
        for t in {cue, _governing_verb(cue) or cue}:
            if "Cnd" in t.morph.get("Mood", []):
                return False
            if t.dep_ == "xcomp" and t.head.lemma_.lower() in lex.hypothetical_verbs:
                return False
            for c in t.children:
                if c.dep_ in ("advmod", "neg") and c.lower_ in lex.negations:
                    return False
                if c.dep_ == "aux" and (
                    "Cnd" in c.morph.get("Mood", []) or c.lemma_.lower() in lex.hypothetical_verbs
                ):
                    return False
                if c.dep_ == "advcl" and self._conditional(c):
                    return False  # "si gana, se reunirá": the main clause holds only under the condition
        # the cue inside a condition: "si se reúne con Meloni, …"
        return not any(self._conditional(t) for t in (cue, *cue.ancestors) if t.dep_ == "advcl")

    def _conditional(self, clause: Token) -> bool:
        return any(m.dep_ == "mark" and m.lower_ in self.lex.conditional_marks for m in clause.children)

    def sources_of(self, cue: Token, shape: str) -> tuple[list[EntityCluster], str]:
        """Who the cue is about: its subject (with coordinated subjects), the named thing it describes,
        its possessor, or the salient actor when the subject is dropped."""
        if shape == "noun":
            own = self.cluster_at(cue) or self.apposed(cue)
            if own is not None:
                return [own], "noun"
            agent = cue.lemma_.lower() in self.lex.agent_nouns or cue.lower_ in self.lex.agent_nouns
            if agent:
                # "Kast es aliado de Vox": the copula's subject is the one the noun names
                # (in English the noun is the verb's "attr": "Kast is an ally of Vox")
                holder = cue.head if cue.dep_ == "attr" else cue
                subj = next((c for c in holder.children if c.dep_ in _SUBJECTS), None)
                has_cop = cue.dep_ == "attr" or any(c.dep_ == "cop" for c in cue.children)
                named = self.with_conjuncts(subj) if subj is not None and has_cop else []
                if named:
                    return named, "noun"
            for c in cue.children:
                if not agent and c.dep_ in ("det", "nmod:poss", "poss") and "Yes" in c.morph.get("Poss", []):
                    # "Kast mantiene … desde su primera participación": "su" is the clause's subject
                    owner = self.clause_subject(cue) or self.salient
                    return ([owner] if owner else []), "noun"
            # "El aliado de Vox José Antonio Kast": the parser hangs the described name onto the
            # complement ("Vox" + flat "José Antonio Kast"); only in a subject phrase is that the person.
            inside = [
                self.by_token[t.i] for t in cue.subtree
                if cue.dep_ in _SUBJECTS and t.dep_ == "flat" and t.i in self.by_token
                and self.by_token.get(t.head.i) is not self.by_token[t.i]
            ]  # fmt: skip
            if inside:
                return [inside[-1]], "noun"
            if agent:
                return [], ""  # "los militantes de este instituto": unnamed people, no tie
        verb = cue if shape == "verb" else _governing_verb(cue)
        while verb is not None:
            subj = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
            if subj is not None:
                found = self.with_conjuncts(subj)
                if not found and subj.pos_ in ("DET", "PRON") and "Yes" in subj.morph.get("Poss", []):
                    found = [self.salient] if self.salient else []
                return found, shape
            if verb.dep_ in ("conj", "xcomp") and verb.head.i != verb.i:
                verb = verb.head  # "Kast se convirtió … y disputará": the subject is shared
                continue
            break
        return ([self.salient] if self.salient else []), "dropped-subject"

    def clause_subject(self, tok: Token) -> EntityCluster | None:
        """The entity that is the subject of the clause ``tok`` stands in, if named in this sentence."""
        verb = _governing_verb(tok)
        while verb is not None:
            subj = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
            if subj is not None:
                return self.cluster_of(subj) if subj.pos_ not in ("DET", "PRON") else None
            if verb.dep_ in ("conj", "xcomp") and verb.head.i != verb.i:
                verb = verb.head
                continue
            return None
        return None

    def complements(self, cue: Token, locative_ok: bool = True) -> list[EntityCluster]:
        """Entities in the cue's objects and complements, not crossing into other clauses."""
        out: list[EntityCluster] = []

        def walk(tok: Token) -> None:
            for child in tok.children:
                if child.dep_ in _SUBJECTS or child.dep_ in _CLAUSES:
                    continue
                if child.dep_ == "amod" and "Part" in child.morph.get("VerbForm", []):
                    continue  # "encuentros organizados por Vox": a reduced clause with its own agent
                if _parenthesised(child):
                    continue  # "Calderón (PAN)": the party is an aside about Calderón, not a complement
                if _LOCATIVE & {c.lower_ for c in child.children if c.dep_ == "case"} and not locative_ok:
                    continue  # "una entrevista en Antena 3": where it happened, not with whom
                if child.dep_ in _COMPLEMENTS or child.dep_ in ("conj", "flat", "amod", "compound"):
                    for c in self.with_conjuncts(child):
                        if c not in out:
                            out.append(c)
                    named = self.by_token.get(child.i) is not None
                    if named or child.pos_ != "NOUN" or tok is cue:
                        walk(child)
                    else:
                        # "recibir el apoyo de su hermano, Richard Aguilar": past a common noun only its
                        # own name counts ("las cumbres CPAC"), not what it is "of"
                        for name in child.children:
                            if name.dep_ in ("appos", "flat", "compound") and not _parenthesised(name):
                                for e in self.with_conjuncts(name):
                                    if e not in out:
                                        out.append(e)

        walk(cue)
        return out

    def nearest(self, cue: Token, exclude: set[int]) -> list[EntityCluster]:
        """The entity closest to the cue in the sentence, with those coordinated with it."""
        best: Token | None = None
        for tok in self.sent:
            c = self.by_token.get(tok.i)
            if c is None or c.id in exclude or c.type == EntityType.PLACE:
                continue
            if best is None or abs(tok.i - cue.i) < abs(best.i - cue.i):
                best = tok
        if best is None:
            return []
        head = best
        while head.dep_ == "conj" and head.head.i != head.i:
            head = head.head  # go to the first conjunct so the whole list is taken
        return [c for c in self.with_conjuncts(head) if c.id not in exclude]

    def attribution(self, cue: Token, source: EntityCluster) -> str | None:
        """Who a reported tie is attributed to: "Laborde señala que…", "según fuentes de…"."""
        for tok in self.sent:
            if tok.lower_ in self.lex.according_to or tok.lemma_.lower() in self.lex.according_to:
                target = tok.head
                c = self.cluster_of(target)
                return c.name if c else _phrase(target)
        child = cue
        for anc in cue.ancestors:
            # only what a verb of saying introduces is reported: "Laborde señala que …" (a clausal
            # complement), not "donde destacan Trump, Meloni…" (the verb's own subject)
            if anc.lemma_.lower() in self.lex.reporting_verbs and child.dep_ in _REPORTED:
                subj = next((c for c in anc.children if c.dep_ in _SUBJECTS), None)
                if subj is None:
                    return None
                c = self.cluster_of(subj)
                if c is not None and c.id == source.id:
                    return None  # one's own statement is not hearsay
                return c.name if c else _phrase(subj)
            child = anc
        return None

    def main_subject(self) -> EntityCluster | None:
        """The actor this sentence is about, inherited by the next sentence's dropped subjects."""
        for subj in main_subjects(self.sent):
            c = self.cluster_of(subj)
            if c is not None and c.type in ACTORS:
                return c
        return None


def _parenthesised(tok: Token) -> bool:
    """Whether the phrase headed by ``tok`` stands inside parentheses."""
    doc, left = tok.doc, tok.left_edge.i
    if doc[left].text == "(" or (left > 0 and doc[left - 1].text == "("):
        return True
    return tok.i > 0 and doc[tok.i - 1].text == "("


def _governing_verb(tok: Token) -> Token | None:
    for anc in [tok, *tok.ancestors]:
        if anc.pos_ in ("VERB", "AUX"):
            return anc
    return None


def _phrase(tok: Token) -> str:
    """The noun phrase headed by ``tok``, without its own preposition or punctuation ("según …,")."""
    skip = {c.i for c in tok.children if c.dep_ in ("case", "punct")}
    words = [t for t in tok.subtree if t.i not in skip]
    text = tok.doc[words[0].i : words[-1].i + 1].text if words else tok.text
    return text if len(text) <= 80 else tok.text


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
