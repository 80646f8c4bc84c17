"""Nominal descriptions join the entity they point back to: "el líder chileno", "el partido español"."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from entramado.annotate.antecedents import Choice, Description, History, candidates, features
from entramado.annotate.description_model import DescriptionScorer
from entramado.annotate.entities import EntityCluster, main_subjects, token_map
from entramado.annotate.lexicon import Lexicon
from entramado.annotate.mentions import MentionSpan
from entramado.models import EntityType
from entramado.names import name_key

# Spanish fuses the masculine article with "de" and "a"; the small model keeps them one token.
_CONTRACTED_ARTICLES = {"del", "al"}


def _names_inside(tok: Token) -> bool:
    """Whether a description carries a name of its own ("el gobernador de Michoacán")."""
    return any(t.pos_ == "PROPN" for t in tok.subtree if t.dep_ not in ("appos", "flat"))


def _adjective_end(adj: Token) -> int:
    """Where an adjective after the noun ends the description: past its own adverbs and adjectives
    ("el partido más votado"), before a phrase it governs ("… por los ciudadanos que …"), which says
    something about the body rather than naming which one it is."""
    end = adj.i + 1
    while end <= adj.right_edge.i and adj.doc[end].pos_ in ("ADJ", "ADV"):
        end += 1
    return end


class Descriptions:
    """Attaches an article's definite descriptions to the entities they point back to."""

    def __init__(self, lex: Lexicon, scorer: DescriptionScorer | None = None) -> None:
        self.lex = lex
        self.scorer: DescriptionScorer | None = None
        self.use(scorer)

    def use(self, scorer: DescriptionScorer | None) -> None:
        """Let a trained model's description scorer decide, if training found it decides better than
        the rules (else, and with None, the rules decide)."""
        self.scorer = scorer if scorer is not None and scorer.decides else None

    def attach(self, doc: Doc, clusters: list[EntityCluster]) -> None:
        """Definite descriptions join the entity they refer to.

        The rules: a person's role ("el líder chileno") next to a name ("el presidente, Andrés
        Manuel López Obrador") joins that name; as a subject on its own, the person most recently
        named as a subject (salience). An organisation's description ("el partido español", "este
        instituto político") joins the organisation named most recently before it. With a trained
        scorer, the scorer chooses among the candidates instead, the rules' choice one of its
        features. Either way each description's candidates are kept in ``doc._.descriptions``.
        """
        by_token = token_map(clusters)
        names = {m.start: (m, c) for c in clusters for m in c.mentions}
        history = History()
        choices: list[Choice] = []
        nouns = self.lex.roles | self.lex.person_descriptions
        recent: list[EntityCluster] = []  # people named as main subjects, most recent first
        gender: dict[int, str] = {}  # learnt from gendered descriptions ("la candidata … Jara")
        # What a person's descriptions said they belong to ("el presidente estadounidense" → Estados
        # Unidos), so that "el presidente cubano" does not go back to them on salience alone.
        belongs: dict[int, frozenset[str]] = {}
        last_org: EntityCluster | None = None
        for number, sent in enumerate(doc.sents):
            for tok in sent:
                if tok.i in names:
                    m, owner = names[tok.i]
                    history.saw(doc, owner, m.start, m.end, number)
                named = by_token.get(tok.i)
                if named is not None and named.type == EntityType.ORGANIZATION:
                    last_org = named
                    continue
                if last_org is not None and tok.lemma_.lower() in self.lex.org_descriptions:
                    desc = self._org_description(tok, number, last_org, by_token)
                else:
                    desc = self._person_description(tok, number, by_token, nouns, recent, gender, belongs)
                if desc is None:
                    continue
                target = self._decide(desc, history, gender, belongs, choices)
                if target is None or target.type != desc.kind:
                    continue
                if desc.kind == EntityType.PERSON and desc.points:
                    belongs.setdefault(target.id, desc.points)
                history.described(target, desc.head)
                span = desc.span
                target.mentions.append(
                    MentionSpan(span.start, span.end, desc.kind, "DESC", kind="description")
                )
                for i in range(span.start, span.end):
                    by_token[i] = target
            for subj in main_subjects(sent):
                if subj.i in by_token and by_token[subj.i].type == EntityType.PERSON:
                    found = by_token[subj.i]
                    # only the three most recent are ever looked at: a longer list only costs
                    recent = [found, *(c for c in recent[:3] if c is not found)][:3]
                    break
        doc._.descriptions = choices

    def _decide(
        self,
        desc: Description,
        history: History,
        gender: dict[int, str],
        belongs: dict[int, frozenset[str]],
        choices: list[Choice],
    ) -> EntityCluster | None:
        """The entity ``desc`` joins: the scorer's choice among its candidates, or the rules'."""
        found = candidates(history, desc)
        if not found:
            return None  # the rules' choice would be a candidate: they chose nobody either
        rows = list(features(desc, found, gender, belongs, self.lex.org_heads))
        if self.scorer is None:
            target = desc.rule
        else:
            best = self.scorer.choose(rows)
            target = found[best].cluster if best is not None else None
        ids = [s.cluster.id for s in found]
        chosen = target.id if target is not None else None
        choices.append(Choice(desc.span.start, desc.span.end, desc.kind, ids, rows, chosen))
        return target

    def _person_description(
        self,
        tok: Token,
        number: int,
        by_token: dict[int, EntityCluster],
        nouns: frozenset[str],
        recent: list[EntityCluster],
        gender: dict[int, str],
        belongs: dict[int, frozenset[str]],
    ) -> Description | None:
        """A person's description headed by ``tok``, with the rules' choice, or None if it is none."""
        lemma = tok.lemma_.lower()
        if lemma not in nouns and tok.lower_ not in nouns and not self.lex.is_role(tok.lower_, lemma):
            return None
        span = self._description_span(tok, by_token)
        if span is None:
            return None
        noun_gender = next(iter(tok.morph.get("Gender", [])), None)
        apposed = self._apposed_name(tok, by_token)
        if apposed is not None and noun_gender:
            gender.setdefault(apposed.id, noun_gender)
        points = self._points_at(span)
        target = apposed
        if target is None and tok.dep_ == "nsubj":
            # The most recent subject whose gender does not contradict the noun's. A title that
            # names its body ("El secretario general del PSOE se ha referido…") refers back too, but
            # only to the very last subject: news names an office-holder at first mention, so a bare
            # title later means the person just discussed.
            window = recent[:1] if _names_inside(tok) else recent[:3]
            window = [c for c in window if not points or belongs.get(c.id, points) & points]
            target = self._salient_person(window, gender, noun_gender)
        rule = target if target is not None and target.type == EntityType.PERSON else None
        return Description(
            span, tok, EntityType.PERSON, number, noun_gender, points,
            names_inside=_names_inside(tok), apposed=apposed, rule=rule,
        )  # fmt: skip

    def _points_at(self, span: Span) -> frozenset[str]:
        """The places and parties a description's adjectives point at ("el líder chileno" → Chile)."""
        return frozenset(key for t in span for key in self.lex.name_adjectives.get(t.lower_, ()))

    @staticmethod
    def _salient_person(
        recent: list[EntityCluster], gender: dict[int, str], noun_gender: str | None
    ) -> EntityCluster | None:
        """The most recent subject whose known gender matches the noun's, else one of unknown gender."""
        if noun_gender is None:
            return recent[0] if recent else None
        for wanted in (noun_gender, None):
            for c in recent:
                if gender.get(c.id) == wanted:
                    return c
        return None

    def _org_description(
        self, tok: Token, number: int, last_org: EntityCluster, by_token: dict[int, EntityCluster]
    ) -> Description | None:
        """A body's description headed by ``tok``, with the rules' choice, or None if it is none."""
        span = self._description_span(tok, by_token)
        if span is None:
            return None
        # A bare "del partido" or "el gremio" may be a body never named; only a description that
        # points back ("este partido", "el partido español", "el partido de Abascal") is resolved.
        pointing = (
            any("Dem" in c.morph.get("PronType", []) for c in tok.children if c.dep_ == "det")
            or any(c.dep_ == "amod" for c in tok.children)
            or any(c.dep_ == "nmod" and by_token.get(c.i) is not None for c in tok.children)
        )
        apposed = self._apposed_name(tok, by_token)
        target = apposed or (last_org if pointing and self._a_body(last_org, tok) else None)
        rule = target if target is not None and target.type == EntityType.ORGANIZATION else None
        return Description(
            span, tok, EntityType.ORGANIZATION, number, pointing=pointing, apposed=apposed, rule=rule
        )

    def _a_body(self, org: EntityCluster, head: Token) -> bool:
        """Whether an organisation is known to be a body the description headed by ``head`` may point
        back to: a known actor, and a platform only for a platform's noun ("la plataforma"), so "el
        partido ultra" does not go back to Twitter because Twitter was the organisation named last.

        Only known actors: a name that merely says its kind ("Secretaría de…", "Federación…") is no
        evidence, for on the corpus "el partido" then went back to FIFA (a match) and "el movimiento
        telúrico" to a ministry."""
        known = {name_key(m.known) for m in org.mentions if m.known}
        if known & self.lex.platforms:
            return head.lemma_.lower() in self.lex.platform_descriptions
        return bool(known)

    @staticmethod
    def _description_span(tok: Token, by_token: dict[int, EntityCluster]) -> Span | None:
        """Determiner + adjectives + noun + adjectives, when the phrase is definite, names one thing
        ("los candidatos presidenciales" are several, none of them alone) and names nothing itself:
        no entity in it or in what its adjectives govern ("la coalición encabezada por Morena"), no
        capitalised word after its noun ("la coalición PRI-PVEM-Panal" is that body's own name)."""
        if "Plur" in tok.morph.get("Number", []):
            return None
        det = [c for c in tok.children if c.dep_ == "det" and c.i < tok.i]
        if det:
            morph = det[0].morph
            if "Def" not in morph.get("Definite", []) and "Dem" not in morph.get("PronType", []):
                return None
            start = det[0].i
        elif tok.i > 0 and tok.doc[tok.i - 1].lower_ in _CONTRACTED_ARTICLES:
            start = tok.i  # "del partido": the article is fused with the preposition
        else:
            return None
        right = [c for c in tok.children if c.dep_ == "amod" and c.i > tok.i]
        extent = max([tok.i + 1] + [c.right_edge.i + 1 for c in right])
        if any(i in by_token for i in range(start, extent)):
            return None
        end = max([tok.i + 1] + [_adjective_end(c) for c in right])
        if any(t.text[:1].isupper() for t in tok.doc[tok.i + 1 : end]):
            return None
        return tok.doc[start:end]

    @staticmethod
    def _apposed_name(tok: Token, by_token: dict[int, EntityCluster]) -> EntityCluster | None:
        for c in tok.children:
            if c.dep_ in ("appos", "flat") and c.i in by_token:
                return by_token[c.i]
        if tok.dep_ == "appos" and tok.head.i in by_token:
            return by_token[tok.head.i]
        return None


if not Doc.has_extension("descriptions"):
    Doc.set_extension("descriptions", default=None)
