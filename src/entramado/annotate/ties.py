"""spaCy component ``entramado_ties``: typed ties decided by a model learned from annotated articles.

It runs after the rules (``entramado_relations``), whose findings become features and fallbacks:
every two entities of a sentence are a candidate (:mod:`entramado.annotate.features`), each tie
type has a logistic model over the candidate's features, and an article's tie is reported when its
best sentence, calibrated on held-out folds, reaches the type's threshold, or when a rule states it.
Its confidence is the calibrated probability either way: of the ties shown at 0.8, about eight in
ten were right in cross-validation, and a rule's tie the model doubts shows the model's doubt.
(Keeping the rules' ties scored the same in 5-fold cross-validation on the 418 annotated articles,
typed relations 0.253 against 0.256 without them, and kept more of what they find on dev.)
Rule ties of a type the model has no examples of stay as the rules gave them. Pairs with no tie
stay ``CO_MENTION``.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from entramado.annotate.adjectives import attach_adjectives
from entramado.annotate.entities import EntityCluster, token_map
from entramado.annotate.features import Candidate, candidates, uncovered
from entramado.annotate.lexicon import Lexicon, load_lexicon
from entramado.annotate.linear import LinearTies
from entramado.annotate.relations import SentenceRelation
from entramado.annotate.syntax import SentenceView
from entramado.models import EntityType, RelationType

# A mere co-mention is kept for the explorer's "co-mentions" view, never as a claim.
CO_MENTION_CONFIDENCE = 0.1


def predict(doc: Doc, found: list[Candidate], model: LinearTies, lex: Lexicon) -> list[SentenceRelation]:
    """The ties the model reports among ``found`` (one per supporting sentence), then co-mentions."""
    if not found:
        return []
    scores = model.raw([c.features for c in found])
    known = {kind: model.knows(kind) for kind in model.types}
    groups: dict[tuple[int, int, RelationType], list[tuple[Candidate, float]]] = {}
    for cand, row in zip(found, scores, strict=True):
        pair = tuple(sorted((cand.first.id, cand.second.id)))
        for kind, score in zip(model.types, row, strict=True):
            if not known[kind]:
                continue
            groups.setdefault((*pair, kind), []).append((cand, float(score)))  # type: ignore[arg-type]
    by_token = token_map(doc._.entities or [])
    out: list[SentenceRelation] = []
    tied: set[tuple[int, int]] = set()
    bests = {key: max(score for _, score in items) for key, items in groups.items()}
    confidences = {key: model.calibrate(key[2], best) for key, best in bests.items()}
    for (a, b, kind), items in sorted(groups.items(), key=lambda kv: (kv[0][0], kv[0][1], str(kv[0][2]))):
        if not fits(kind, items[0][0].first, items[0][0].second):
            continue  # the guidelines' ends: an office is held by a person, kin are people…
        best, confidence = bests[(a, b, kind)], confidences[(a, b, kind)]
        ruled = {id(cand) for cand, _ in items if any(r.type == kind for r in cand.rules)}
        if confidence < model.thresholds[kind] and not ruled:
            continue
        rival = RIVALS.get(kind)
        if rival is not None and not ruled and confidences.get((a, b, rival), 0.0) > confidence:
            continue  # one article does not make two people both allies and opponents: the likelier stands
        tied.add((a, b))
        for cand, score in items:
            if id(cand) in ruled:
                pass  # a rule states it here: kept, at the probability the model gives it
            elif score < best and model.calibrate(kind, score) < model.thresholds[kind]:
                continue  # the tie stands; this sentence is not one that states it
            elif confidence < model.thresholds[kind]:
                continue  # only the rule's sentences support a tie the model alone would not report
            source, target = orient(cand, kind)
            out.append(
                SentenceRelation(
                    source.id, target.id, kind, cand.sentence, _cue(cand, kind), confidence,
                    _said_by(cand, source, by_token, lex),
                )
            )  # fmt: skip
    for rule in uncovered(doc, found):  # ties over sentences: the rules' word, at what such ties were worth
        tied.add((min(rule.source, rule.target), max(rule.source, rule.target)))
        rate = model.rule_rates.get(rule.type, rule.confidence)
        out.append(dataclasses.replace(rule, confidence=rate))
    for cand in found:  # a type the model never saw in training: the rules' ties of it stand as they are
        for rule in cand.rules:
            if not known.get(rule.type, False) and rule.type != RelationType.CO_MENTION:
                tied.add((min(rule.source, rule.target), max(rule.source, rule.target)))
                out.append(rule)
    for cand in found:
        if tuple(sorted((cand.first.id, cand.second.id))) not in tied:
            out.append(
                SentenceRelation(
                    cand.first.id,
                    cand.second.id,
                    RelationType.CO_MENTION,
                    cand.sentence,
                    "",
                    CO_MENTION_CONFIDENCE,
                )
            )
    return out


def _cue(cand: Candidate, kind: RelationType) -> str:
    """The word that signals the tie, for the reader: the rule's cue, else the word joining the pair."""
    rule = next((r for r in cand.rules if r.type == kind and r.cue), None)
    return rule.cue if rule is not None else cand.joint


def _said_by(
    cand: Candidate, source: EntityCluster, by_token: dict[int, EntityCluster], lex: Lexicon
) -> str | None:
    """Who reports the tie ("Laborde señala que…"), when the sentence attributes it to someone else."""
    rule = next((r for r in cand.rules if r.attributed_to), None)
    if rule is not None:
        return rule.attributed_to
    view = SentenceView(cand.sentence, by_token, None, lex)
    return view.attribution(cand.sentence.doc[cand.anchor], source)


class LearnedTies:
    """The ``entramado_ties`` component (see the module docstring)."""

    def __init__(self, model: LinearTies, lex: Lexicon) -> None:
        self.model = model
        self.lex = lex

    def __call__(self, doc: Doc) -> Doc:
        attach_adjectives(doc, doc._.entities or [], self.lex)
        doc._.relations = predict(doc, candidates(doc, self.lex), self.model, self.lex)
        return doc


@Language.factory(
    "entramado_ties",
    requires=["doc._.entities", "doc._.relations"],
    assigns=["doc._.relations"],
    default_config={"model": "", "threshold": None},
)
def make_learned_ties(nlp: Language, name: str, model: str, threshold: float | None) -> LearnedTies:
    """Factory of the ``entramado_ties`` component: ``model`` is the folder of a trained model, and
    ``threshold`` (if not None) the calibrated confidence from which it reports every type's ties."""
    return LearnedTies(LinearTies.load(Path(model)).with_threshold(threshold), load_lexicon(nlp.lang))


# Types one article does not state of the same pair together; when the model leans both ways, the
# likelier one is reported.
RIVALS = {RelationType.ALLY: RelationType.OPPOSES, RelationType.OPPOSES: RelationType.ALLY}

# Which ends each directed type joins (source types, target types), from the guidelines' table; the
# symmetric types join any two entities, but kin are people.
ENDS: dict[RelationType, tuple[set[EntityType], set[EntityType]]] = {
    RelationType.POSITION: ({EntityType.PERSON}, {EntityType.ORGANIZATION, EntityType.PLACE}),
    RelationType.MEMBER_OF: ({EntityType.PERSON, EntityType.ORGANIZATION}, {EntityType.ORGANIZATION}),
    RelationType.PARTICIPATES_IN: (
        {EntityType.PERSON, EntityType.ORGANIZATION},
        {EntityType.EVENT, EntityType.ORGANIZATION},
    ),
    RelationType.CANDIDATE_IN: ({EntityType.PERSON, EntityType.ORGANIZATION}, {EntityType.EVENT}),
    RelationType.FAMILY: ({EntityType.PERSON}, {EntityType.PERSON}),
}


def fits(kind: RelationType, a: EntityCluster, b: EntityCluster) -> bool:
    """Whether a tie of ``kind`` can join these two entities, one way or the other."""
    if kind not in ENDS:
        return True
    sources, targets = ENDS[kind]
    return (a.type in sources and b.type in targets) or (b.type in sources and a.type in targets)


def orient(cand: Candidate, kind: RelationType) -> tuple[EntityCluster, EntityCluster]:
    """Source and target of a predicted tie: by what the type allows, else as the rules or the text had it.

    An office, a membership, a candidacy or a participation goes from a person (or an organisation)
    to the body, place or event; for the symmetric types the order does not matter.
    """
    a, b = cand.first, cand.second
    if not kind.directed:
        return a, b
    rank = {EntityType.PERSON: 0, EntityType.ORGANIZATION: 1, EntityType.PLACE: 2, EntityType.EVENT: 3}
    if rank[a.type] != rank[b.type]:
        return (a, b) if rank[a.type] < rank[b.type] else (b, a)
    rule = next((r for r in cand.rules if r.type == kind), None)
    if rule is not None and rule.source == b.id:
        return b, a
    return a, b
