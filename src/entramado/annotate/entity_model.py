"""The entity judge: what each entity of an article is (person, organisation, event, place), or noise.

The rules type an entity by a vote of the small model's labels and a few name shapes, and keep
every capitalised run they cannot type away: "Hacienda" and "Crédito Público" (the two halves of
a ministry) become people, "Significativamente" opening a sentence becomes an actor, "Tabasco" a
person. The judge is learned from the annotated articles instead: one logistic model per class
(the four types and "none") over the features of the entity's names, the labels its mentions got
and the words around them. An entity leaves the map, with its ties, when "none" takes at least
``drop_at`` of the classes' scores (chosen on held-out folds); otherwise it takes its best-scored
type. An entity of the actors file (the gazetteer) is never judged: the user said what it is.
Saved as ``entities.json`` in a model folder (plain numbers, no pickle);
:mod:`entramado.train.entities` makes one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from entramado.annotate.entities import EntityCluster
from entramado.annotate.lexicon import Lexicon, load_lexicon
from entramado.annotate.relations import SentenceRelation
from entramado.annotate.syntax import base_lemma
from entramado.annotate.ties import fits
from entramado.annotate.trained import read_part, write_part
from entramado.errors import ModelError
from entramado.models import EntityType
from entramado.names import name_key

FORMAT = "entramado-entities/1"
FILE = "entities.json"
NONE = "NONE"  # not an actor or place the guidelines list: a fragment, a common noun, a headline word
TYPES = (EntityType.PERSON, EntityType.ORGANIZATION, EntityType.EVENT, EntityType.PLACE)
CLASSES = (NONE, *(str(t) for t in TYPES))
_NAMES = ("name", "event")  # mention kinds that are the entity's own names (not descriptions, adjectives)


def features(doc: Doc, cluster: EntityCluster, lex: Lexicon) -> dict[str, float]:
    """What the judge sees of one entity: its longest name's words and shape, the rules' type, the
    model's labels of its mentions, and the words and syntax around each mention."""
    f: dict[str, float] = {f"rule={cluster.type}": 1.0}
    names = [m for m in cluster.mentions if m.kind in _NAMES] or cluster.mentions
    for m in cluster.mentions:
        f[f"kind={m.kind}"] = 1.0
        f[f"label={m.label or '-'}"] = 1.0
    longest = max((m.span(doc) for m in names), key=lambda s: (len(s), len(s.text)))
    words = [k for t in longest if (k := name_key(t.text))] or ["-"]
    f[f"first={words[0]}"] = f[f"last={words[-1]}"] = 1.0
    f[f"first_end={words[0][-3:]}"] = f[f"last_end={words[-1][-3:]}"] = 1.0
    f[f"words={min(len(longest), 5)}"] = 1.0
    f[f"mentions={min(len(names), 4)}"] = 1.0
    for flag, on in (
        ("connector", any(w in lex.connectors for w in words)),
        ("given_name", words[0] in lex.given_names),
        ("org_head", words[0] in lex.org_heads),
        ("event_head", words[0] in lex.event_heads),
        ("acronym", len(longest) == 1 and longest.text.isupper() and len(longest.text) > 1),
        # sentence case capitalises any first word: a name met only there may be no name at all
        ("only_first_word", all(doc[m.start].is_sent_start for m in names)),
    ):
        if on:
            f[flag] = 1.0
    for m in names:
        span = m.span(doc)
        if m.start > 0:
            before = doc[m.start - 1].lower_
            f[f"before={before}"] = 1.0  # "el", "la", "en", "presidente", "señor"…
            if m.start > 1:
                f[f"before2={doc[m.start - 2].lower_}_{before}"] = 1.0
        if m.end < len(doc):
            f[f"after={doc[m.end].lemma_.lower()}"] = 1.0
        root = span.root
        f[f"dep={root.dep_}"] = f[f"pos={root.pos_}"] = 1.0
        f[f"governor={root.head.lemma_.lower()}"] = 1.0
        if root.dep_ == "nsubj" and base_lemma(root.head) in lex.reporting_verbs:
            f["says"] = 1.0  # "Laborde señala…": whoever speaks is someone
        if all(t.pos_ == "PROPN" for t in span):
            f["proper_nouns"] = 1.0
    return f


@dataclass
class EntityJudge:
    """Per class, weights by feature name and a bias (one-vs-rest logistic models)."""

    weights: dict[str, dict[str, float]]
    bias: dict[str, float]
    # The share of the scores from which "none" wins.
    drop_at: float = 0.5
    # Whether it decides. Training compares it with the rules on held-out folds and keeps the better.
    decides: bool = True

    def scores(self, row: dict[str, float]) -> dict[str, float]:
        """Each class's probability, one model per class."""
        out = {}
        for cls, bias in self.bias.items():
            weights = self.weights.get(cls, {})
            z = bias + sum(weights.get(k, 0.0) * v for k, v in row.items())
            out[cls] = 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))
        return out

    def decide(self, row: dict[str, float]) -> EntityType | None:
        """The entity's type, or None when it is judged no entity at all."""
        return choose(self.scores(row), self.drop_at)

    def judge(
        self, doc: Doc, clusters: list[EntityCluster], relations: list[SentenceRelation], lex: Lexicon
    ) -> tuple[list[EntityCluster], list[SentenceRelation]]:
        """The clusters retyped (new objects; those judged none left out) and the ties that still
        join two of them with ends their type allows."""
        kept: dict[int, EntityCluster] = {}
        for c in clusters:
            if any(m.known for m in c.mentions):
                kept[c.id] = c  # the actors file says what it is
                continue
            etype = self.decide(features(doc, c, lex))
            if etype is not None:
                kept[c.id] = c if etype == c.type else replace(c, type=etype)
        ties = [
            r
            for r in relations
            if r.source in kept and r.target in kept and fits(r.type, kept[r.source], kept[r.target])
        ]
        return list(kept.values()), ties

    def apply(self, doc: Doc, lex: Lexicon) -> None:
        """Make the judged clusters and ties ``doc``'s (its mentions: those of the clusters kept)."""
        clusters, relations = self.judge(doc, doc._.entities or [], doc._.relations or [], lex)
        ids = {c.id for c in clusters}
        doc._.entities = clusters
        doc._.mentions = [m for m in doc._.mentions or [] if m.cluster in ids]
        doc._.relations = relations

    def save(self, folder: Path) -> None:
        """Write ``entities.json`` into ``folder`` (same model, same bytes)."""
        data = {
            "format": FORMAT,
            "decides": self.decides,
            "drop_at": round(self.drop_at, 6),
            "bias": {c: round(b, 6) for c, b in sorted(self.bias.items())},
            "weights": {
                c: {k: round(v, 6) for k, v in sorted(w.items()) if round(v, 6)}
                for c, w in sorted(self.weights.items())
            },
        }
        write_part(folder, FILE, data)

    @classmethod
    def load(cls, folder: Path) -> EntityJudge | None:
        """The judge of a model folder; None for a folder trained before there was one."""
        return read_part(folder, FILE, FORMAT, "entity judge", lambda data: cls._parse(folder, data))

    @classmethod
    def _parse(cls, folder: Path, data: dict[str, Any]) -> EntityJudge:
        weights = {str(c): {str(k): float(v) for k, v in w.items()} for c, w in data["weights"].items()}
        bias = {str(c): float(b) for c, b in data["bias"].items()}
        if set(weights) - set(CLASSES) or set(weights) != set(bias):
            raise ModelError(folder, f"{FILE} has classes other than {', '.join(CLASSES)}")
        return cls(weights, bias, float(data["drop_at"]), bool(data.get("decides", True)))


def choose(scores: dict[str, float], drop_at: float) -> EntityType | None:
    """The type the classes' ``scores`` give: None when "none" takes at least ``drop_at`` of them,
    else the best-scored type."""
    if scores.get(NONE, 0.0) / (sum(scores.values()) or 1.0) >= drop_at:
        return None
    return EntityType(max(CLASSES[1:], key=lambda c: (scores.get(c, 0.0), -CLASSES.index(c))))


class EntityTypes:
    """The ``entramado_entity_types`` component: the judge's types for the doc's entities."""

    def __init__(self, judge: EntityJudge | None, lex: Lexicon) -> None:
        self.judge = judge
        self.lex = lex

    def __call__(self, doc: Doc) -> Doc:
        if self.judge is None or not self.judge.decides:
            return doc
        self.judge.apply(doc, self.lex)
        return doc


@Language.factory(
    "entramado_entity_types",
    requires=["doc._.entities", "doc._.relations"],
    assigns=["doc._.entities", "doc._.relations"],
    default_config={"model": ""},
)
def make_entity_types(nlp: Language, name: str, model: str) -> EntityTypes:
    """Factory of the ``entramado_entity_types`` component: ``model`` is the folder of a trained model
    (one trained before there was a judge keeps the rules' types)."""
    return EntityTypes(EntityJudge.load(Path(model)) if model else None, load_lexicon(nlp.lang))
