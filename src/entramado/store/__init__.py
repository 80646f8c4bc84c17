"""The store stage: articles, resolved actors, aggregated ties and their evidence in a database."""

from entramado.store.decide import Decision
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
