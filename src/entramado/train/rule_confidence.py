"""How often the hand-written rules' ties are right, by the rule's shape and the tie's type.

Measured on annotated articles the way the scorer judges a tie (both ends matched, the type the
same, anywhere in the article), each tie counted once per article and shape. The table is what a
rule's tie is worth: its confidence, in place of figures set by hand from reading dev articles.
Smoothed toward one half (one right and one wrong added), and left out below MIN_TIES ties, where
the hand-set figure stays.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from entramado.annotate.relations import SentenceRelation
from entramado.models import RelationType
from entramado.train.dataset import AnnotatedDoc

MIN_TIES = 5
Counts = dict[str, dict[RelationType, tuple[int, int]]]  # shape → type → (right, ties)


def count_right(
    docs: Sequence[AnnotatedDoc],
    ties_of: Callable[[AnnotatedDoc], Iterable[SentenceRelation]],
    by_shape: bool = True,
) -> dict[tuple[str, RelationType], tuple[int, int]]:
    """How many of the rule ties ``ties_of`` gives for each article were right, of how many, by the
    rule's shape (or all shapes as one, "") and the tie's type; a tie counts once per article."""
    counts: dict[tuple[str, RelationType], list[int]] = {}
    for d in docs:
        clusters = {c.id: c for c in d.doc._.entities or []}
        ties = {
            (min(r.source, r.target), max(r.source, r.target), r.type, r.shape if by_shape else "")
            for r in ties_of(d)
        }
        for a, b, kind, shape in ties:
            tally = counts.setdefault((shape, kind), [0, 0])
            tally[0] += d.gold_tie(clusters[a], clusters[b], kind)
            tally[1] += 1
    return {key: (right, n) for key, (right, n) in counts.items()}


def measure(docs: Sequence[AnnotatedDoc]) -> Counts:
    """For each rule shape and tie type, how many of the rules' ties were right, of how many."""
    counts = count_right(
        docs, lambda d: [r for r in d.doc._.relations or [] if r.type != RelationType.CO_MENTION and r.shape]
    )
    out: Counts = {}
    for (shape, kind), tally in sorted(counts.items(), key=lambda kv: (kv[0][0], str(kv[0][1]))):
        out.setdefault(shape, {})[kind] = tally
    return out


def smoothed(right: int, ties: int, prior: float = 1.0, toward: float = 0.5) -> float:
    """The share of right ties, smoothed toward ``toward``: ``2 * prior`` ties added, that share of
    them right (one half: ``prior`` right and ``prior`` wrong)."""
    return (right + 2 * prior * toward) / (ties + 2 * prior)


def confidence(right: int, ties: int) -> float:
    """The smoothed share of right ties, as the table writes it."""
    return round(smoothed(right, ties), 3)


def to_yaml(counts: Counts, command: str) -> str:
    """The table as the YAML file the lexicon reads (data/rule_confidence.<lang>.yaml), with its counts."""
    lines = [
        "# How often the rules' ties were right on the annotated articles, by the rule's shape and the",
        "# tie's type: (right + 1) / (ties + 2), only where there were at least "
        f"{MIN_TIES} ties (elsewhere the",
        "# hand-set figure of annotate/relations.py stays). Written by:",
        f"#   {command}",
        "confidence:",
    ]
    for shape, types in counts.items():
        kept = {kind: c for kind, c in types.items() if c[1] >= MIN_TIES}
        if not kept:
            continue
        lines.append(f"  {shape}:")
        for kind, (right, n) in kept.items():
            lines.append(f"    {kind}: {confidence(right, n)}  # {right} of {n}")
    return "\n".join(lines) + "\n"
