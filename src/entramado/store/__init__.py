"""The store stage: articles, resolved actors, aggregated ties and their evidence in a database."""

from entramado.store.queries import (
    ActorDetail,
    ArticleSummary,
    EntitySummary,
    EvidenceView,
    StoreStats,
    Tie,
    TieSummary,
)
from entramado.store.store import Store

__all__ = [
    "ActorDetail",
    "ArticleSummary",
    "EntitySummary",
    "EvidenceView",
    "Store",
    "StoreStats",
    "Tie",
    "TieSummary",
]
