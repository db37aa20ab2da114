"""Database tables (SQLAlchemy Core), shared by SQLite and PostgreSQL.

These are the tables as the latest migration leaves them; queries are written
against them. The tables are *created* by the named migrations in
:mod:`tidings.store.migrate`, never by ``metadata.create_all``, so that every
database, old or new, goes through the same steps.

Dates and times are stored as ISO 8601 strings: they sort correctly as text on
both back-ends and keep the time zone as written.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

documents = Table(
    "documents",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("url", Text),
    Column("outlet", Text),
    Column("title", Text),
    Column("published_at", String(40)),
    Column("language", String(8)),
    Column("source", Text),
    Column("text", Text, nullable=False),
    Column("meta", Text),
    Column("ingested_at", String(40)),
)

events = Table(
    "events",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("document_id", String(40), ForeignKey("documents.id", ondelete="CASCADE"),
           nullable=False),
    Column("type", String(16), nullable=False),
    Column("mode", String(32)),
    Column("cameo_code", String(8)),
    Column("cameo_root", String(4)),
    Column("quad_class", Integer),
    Column("goldstein", Float),
    Column("factuality", String(16)),
    Column("confidence", Float),
    Column("time_start", String(32)),
    Column("time_end", String(32)),
    Column("place_geonameid", Integer),
    Column("place_name", Text),
    Column("place_country", String(3)),
    Column("lat", Float),
    Column("lon", Float),
    Column("outlet", Text),
    Column("published_at", String(40)),
    Column("cluster_id", String(40)),
    Column("record", Text, nullable=False),
    # added by 0002_query_columns
    Column("evidence_text", Text),
    Column("sort_key", String(40)),
)

event_actors = Table(
    "event_actors",
    metadata,
    Column("event_id", String(40), ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("role", String(8), nullable=False),
    Column("position", Integer, nullable=False),
    Column("text", Text),
    Column("actor_id", String(80)),
    Column("name", Text),
    Column("country", String(3)),
    Column("sectors", Text),
    # added by 0002_query_columns: what networks group by (country, else id, else text)
    Column("node", Text),
)

event_sectors = Table(
    "event_sectors",
    metadata,
    Column("event_id", String(40), ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("role", String(8), nullable=False),
    Column("sector", String(8), nullable=False),
)

clusters = Table(
    "clusters",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("type", String(16), nullable=False),
    Column("cameo_code", String(8)),
    Column("cameo_root", String(4)),
    Column("quad_class", Integer),
    Column("factuality", String(16)),
    Column("time_start", String(32)),
    Column("time_end", String(32)),
    Column("place_geonameid", Integer),
    Column("place_name", Text),
    Column("place_country", String(3)),
    Column("lat", Float),
    Column("lon", Float),
    Column("first_seen", String(40)),
    Column("last_seen", String(40)),
    Column("n_events", Integer, nullable=False),
    Column("n_documents", Integer, nullable=False),
    Column("n_outlets", Integer, nullable=False),
    Column("record", Text, nullable=False),
)

link_keys = Table(
    "link_keys",
    metadata,
    Column("key", String(120), nullable=False),
    Column("day", String(10), nullable=False),
    Column("event_id", String(40), ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
)
"""Blocking keys for linking: an event is compared only with events sharing a key
(type with an actor, or type with a place) on a nearby day."""

document_lsh = Table(
    "document_lsh",
    metadata,
    Column("band", String(40), nullable=False),
    Column("document_id", String(40), ForeignKey("documents.id", ondelete="CASCADE"),
           nullable=False),
)
"""MinHash LSH bands of each document, to find near-duplicate articles by lookup."""

document_minhash = Table(
    "document_minhash",
    metadata,
    Column("document_id", String(40), ForeignKey("documents.id", ondelete="CASCADE"),
           primary_key=True),
    Column("signature", Text, nullable=False),
)

event_counts = Table(
    "event_counts",
    metadata,
    Column("day", String(10), primary_key=True),
    Column("type", String(16), primary_key=True),
    Column("cameo_root", String(4), primary_key=True),
    Column("quad_class", Integer, primary_key=True),
    Column("factuality", String(16), primary_key=True),
    Column("n", Integer, nullable=False),
)
"""Events per day, type, CAMEO root, quad class and factuality, kept by the write path:
timelines and counts over only these dimensions read it instead of the events."""

schema_migrations = Table(
    "schema_migrations",
    metadata,
    Column("name", String(80), primary_key=True),
    Column("applied_at", String(40), nullable=False),
)
