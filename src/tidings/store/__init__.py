"""Storage: SQLite by default, PostgreSQL for teams, one write path, typed queries."""

from tidings.store.db import Store, WriteResult, database_url
from tidings.store.query import (
    ActorCount,
    ActorPair,
    ClusterDetail,
    EventFilter,
    EventRow,
    Page,
    PlaceCount,
    SearchHit,
    TimelineCount,
)

__all__ = [
    "ActorCount",
    "ActorPair",
    "ClusterDetail",
    "EventFilter",
    "EventRow",
    "Page",
    "PlaceCount",
    "SearchHit",
    "Store",
    "TimelineCount",
    "WriteResult",
    "database_url",
]
