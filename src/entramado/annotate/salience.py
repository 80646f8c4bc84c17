"""What an article makes of a candidate pair: how often it names each end, and the two together.

Features of the article as a whole, added to every candidate of :mod:`entramado.annotate.features`
once all of them are built (the count of a pair's sentences needs them all).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Protocol

from entramado.annotate.entities import EntityCluster


class Pair(Protocol):
    """A candidate tie as this module reads it (features.Candidate; a protocol keeps imports one way)."""

    first: EntityCluster
    second: EntityCluster
    features: dict[str, float]


_COUNTS = (1, 2, 3, 5, 10)


def salience_features(found: Sequence[Pair], clusters: list[EntityCluster]) -> None:
    """What the article makes of the pair: how often each end is named, how often the two together.

    A reader writes down the ties of the article's main actors; a pair named together in one passing
    sentence is seldom one. The same words between two entities mean more between the article's
    protagonists than between two names of a list.
    """
    pairs = [frozenset((c.first.id, c.second.id)) for c in found]
    together = Counter(pairs)
    ranked = sorted(clusters, key=lambda c: -len(c.mentions))
    top = {c.id for c in ranked[:3]}
    for c, pair in zip(found, pairs, strict=True):
        named = sorted((len(c.first.mentions), len(c.second.mentions)))
        f = c.features
        f[f"together<={_bin(together[pair])}"] = 1.0
        f[f"named_min<={_bin(named[0])}"] = 1.0
        f[f"named_max<={_bin(named[1])}"] = 1.0
        f[f"protagonists={(c.first.id in top) + (c.second.id in top)}"] = 1.0


def _bin(n: int) -> int:
    return next((b for b in _COUNTS if n <= b), 99)
