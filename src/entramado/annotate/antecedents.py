"""What a definite description may point back to, and what tells the right one apart.

Each description ("el líder chileno", "este partido") gets its candidate antecedents: the name it
stands in apposition to, and the entities of its kind the article named last. Each candidate carries
features (how recently and how often it was named, whether as a subject, gender and nationality
agreement, whether it was named with this title before, what the rules would choose). The choices
are kept on the doc (``doc._.descriptions``): the description scorer
(:mod:`entramado.annotate.description_model`) decides among them, and training learns from them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from entramado.annotate.entities import EntityCluster
from entramado.models import EntityType
from entramado.names import name_key

# Candidates looked at per description: the apposed name and the most recently named of its kind.
CANDIDATES = 4
# Words before a name that count as its title ("el presidente Trump", "la senadora Jara").
TITLE_WINDOW = 3


@dataclass
class Seen:
    """An entity the article has named so far."""

    cluster: EntityCluster
    sentence: int  # the sentence it was last named in
    count: int = 0  # how many times it was named
    subject: bool = False  # whether its last naming was a subject
    titles: set[str] = field(default_factory=set)  # nouns just before its names, heads of its descriptions
    words: list[str] = field(default_factory=list)  # its longest name so far, as name-key words


class History:
    """The entities an article has named up to a point, most recently named first."""

    def __init__(self) -> None:
        self.seen: dict[int, Seen] = {}

    def saw(self, doc: Doc, cluster: EntityCluster, start: int, end: int, sentence: int) -> None:
        """A name of ``cluster`` at ``doc[start:end]`` in sentence number ``sentence``."""
        seen = self.seen.pop(cluster.id, None) or Seen(cluster, sentence)
        seen.sentence, seen.count = sentence, seen.count + 1
        seen.subject = doc[start:end].root.dep_ in ("nsubj", "nsubj:pass")
        before = doc[max(0, start - TITLE_WINDOW) : start]
        seen.titles.update(t.lemma_.lower() for t in before if t.pos_ == "NOUN")
        words = name_key(doc[start:end].text).split()
        if len(words) > len(seen.words):
            seen.words = words
        self.seen[cluster.id] = seen  # re-inserted: dict order is the order of last naming

    def described(self, cluster: EntityCluster, head: Token) -> None:
        """A description headed by ``head`` joined ``cluster``: its head is one of its titles now."""
        if cluster.id in self.seen:
            self.seen[cluster.id].titles.add(head.lemma_.lower())

    def recent(self, etype: EntityType) -> list[Seen]:
        """The entities of ``etype`` named so far, most recent first, at most CANDIDATES."""
        out: list[Seen] = []
        for seen in reversed(self.seen.values()):
            if seen.cluster.type == etype:
                out.append(seen)
                if len(out) == CANDIDATES:
                    break
        return out


@dataclass
class Description:
    """A description met in the text, with what the features read of it."""

    span: Span
    head: Token
    kind: EntityType  # PERSON for a role or a person's noun, ORGANIZATION for a body's
    sentence: int
    gender: str | None = None  # the noun's gender
    points: frozenset[str] = frozenset()  # places and parties its adjectives point at
    pointing: bool = False  # "este partido", "el partido español", "el partido de Abascal"
    names_inside: bool = False  # "el gobernador de Michoacán"
    apposed: EntityCluster | None = None
    rule: EntityCluster | None = None  # what the hand-written rules choose


@dataclass
class Choice:
    """One description and its candidate antecedents (cluster ids), each with its features."""

    start: int
    end: int
    kind: EntityType
    candidates: list[int]
    features: list[dict[str, float]]
    chosen: int | None = None


def candidates(history: History, desc: Description) -> list[Seen]:
    """The apposed name and the rules' choice first (when there are), then the most recently named of
    the kind, at most CANDIDATES."""
    out = history.recent(desc.kind)
    for first in (desc.rule, desc.apposed):
        if first is not None:
            seen = history.seen.get(first.id) or Seen(first, desc.sentence)
            out = [seen, *(s for s in out if s.cluster.id != first.id)][:CANDIDATES]
    return out


def features(
    desc: Description,
    found: list[Seen],
    gender: dict[int, str],
    belongs: dict[int, frozenset[str]],
    org_heads: frozenset[str],
) -> Iterator[dict[str, float]]:
    """The features of each candidate of ``found`` as the antecedent of ``desc``."""
    p = "P" if desc.kind == EntityType.PERSON else "O"
    most = max((s.count for s in found), default=0)
    subjects = [s.cluster.id for s in found if s.subject]
    head = desc.head.lemma_.lower()
    for rank, seen in enumerate(found):
        c = seen.cluster
        row = {p: 1.0, f"{p}:rank={rank}": 1.0, f"{p}:distance={min(desc.sentence - seen.sentence, 3)}": 1.0}
        row[f"{p}:named={min(seen.count, 4)}"] = 1.0
        flags = {
            "appos": desc.apposed is c,
            "rule": desc.rule is c,
            "most-named": seen.count == most,
            "subject": seen.subject,
            "first-subject": bool(subjects) and subjects[0] == c.id,
            "title": head in seen.titles,
            "known": any(m.known for m in c.mentions),
            "kind-in-name": seen.words[:1] == [head],  # "el partido" → "Partido Popular"
            "body": bool(set(seen.words[:1]) & org_heads),  # a name that says its kind
        }
        row.update({f"{p}:{name}": 1.0 for name, on in flags.items() if on})
        for cue, on in (("subject-desc", desc.head.dep_ == "nsubj"), ("inside", desc.names_inside),
                        ("pointing", desc.pointing)):  # fmt: skip
            if on:
                row[f"{p}:{cue}|rank={rank}"] = 1.0
        if desc.gender and c.id in gender:
            row[f"{p}:gender={'agree' if gender[c.id] == desc.gender else 'clash'}"] = 1.0
        if desc.points and c.id in belongs:
            row[f"{p}:points={'agree' if belongs[c.id] & desc.points else 'clash'}"] = 1.0
        yield row
