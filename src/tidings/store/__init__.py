"""Storage: SQLite by default, PostgreSQL for teams, one write path."""

from tidings.store.db import EventFilter, Store, WriteResult

__all__ = ["EventFilter", "Store", "WriteResult"]
