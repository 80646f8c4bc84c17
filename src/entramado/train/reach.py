"""What the tie model can reach: the annotated ties a candidate carries, and why the others escape it.

The tie model learns and finds a tie only through a candidate pair that carries it
(:func:`entramado.train.dataset.label`). An annotated tie escapes it when the pipeline does not find
one of its ends among the article's entities (the recogniser's part), or finds both but no candidate
joins them in a sentence the tie's evidence covers (a tie stated over several sentences, or through
a description or pronoun nothing attached). The ceiling is what the scorer gives the labelled
candidates themselves: the best the tie model could score on these candidates, were it never wrong.
Cross-validation reports both, so that a user sees whether more annotations, a better recogniser or
more candidates would buy more.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from entramado.annotate.relations import SentenceRelation
from entramado.annotate.ties import orient
from entramado.models import RelationType
from entramado.train.dataset import AnnotatedDoc, Pair, named_pairs

CARRIED, END_MISSING, NO_CANDIDATE = "carried", "end not found", "no candidate"
OUTCOMES = (CARRIED, END_MISSING, NO_CANDIDATE)


@dataclass
class Reach:
    """Annotated ties (an unordered pair and a type, as the scorer counts them) by what became of them."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(OUTCOMES, 0))
    by_type: dict[str, dict[str, int]] = field(default_factory=dict)

    def add(self, kind: RelationType, outcome: str) -> None:
        """Count one annotated tie of ``kind``."""
        self.counts[outcome] += 1
        row = self.by_type.setdefault(str(kind), dict.fromkeys(OUTCOMES, 0))
        row[outcome] += 1

    @property
    def ties(self) -> int:
        """Every annotated tie counted."""
        return sum(self.counts.values())


def reach(docs: Sequence[AnnotatedDoc]) -> Reach:
    """How many of ``docs``' annotated ties a candidate carries, and why the others are out of reach."""
    out = Reach()
    for d in docs:
        found = {name for names in d.matches.values() for name in names}
        carried: set[tuple[Pair, RelationType]] = set()
        for cand, kinds in zip(d.candidates, d.labels, strict=True):
            pairs = named_pairs(d.matches, cand.first, cand.second)
            carried |= {(pair, kind) for pair in pairs for kind in kinds}
        for pair, kind in sorted(d.gold, key=lambda t: (sorted(t[0]), str(t[1]))):
            if (pair, kind) in carried:
                out.add(kind, CARRIED)
            elif not pair <= found:
                out.add(kind, END_MISSING)
            else:
                out.add(kind, NO_CANDIDATE)
    out.by_type = {str(k): out.by_type[str(k)] for k in RelationType if str(k) in out.by_type}
    return out


def carried_ties(d: AnnotatedDoc) -> list[SentenceRelation]:
    """The ties of ``d``'s labelled candidates, each where its candidate stands: the ceiling's extraction."""
    out = []
    for cand, kinds in zip(d.candidates, d.labels, strict=True):
        for kind in sorted(kinds, key=str):
            source, target = orient(cand, kind)
            out.append(SentenceRelation(source.id, target.id, kind, cand.sentence, cand.joint, 1.0))
    return out
