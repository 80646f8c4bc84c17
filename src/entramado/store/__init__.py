"""The store stage: articles, resolved actors, aggregated ties and their evidence in a database."""

from typing import TYPE_CHECKING, Any

from entramado.store.reads.records import (
    ActorDetail,
    ArticleSummary,
    EntitySummary,
    EvidenceView,
    StoreStats,
    Tie,
    TieSummary,
)
from entramado.store.store import Store

if TYPE_CHECKING:
    from entramado.store.decide import Decision


def __getattr__(name: str) -> Any:
    # The judgement side (decide, rebuild, resolution, wire signatures) costs a fifth of a second to
    # import; commands that only read never need it, so ``Decision`` is imported when first asked for.
    if name == "Decision":
        from entramado.store.decide import Decision

        return Decision
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "ActorDetail",
    "ArticleSummary",
    "Decision",
    "EntitySummary",
    "EvidenceView",
    "Store",
    "StoreStats",
    "Tie",
    "TieSummary",
]
