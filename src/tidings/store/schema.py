"""Database tables (SQLAlchemy Core), shared by SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Float,
    ForeignKey,
    Index,
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
)

Index("ix_events_document", events.c.document_id)
Index("ix_events_type_time", events.c.type, events.c.time_start)
Index("ix_events_time", events.c.time_start)
Index("ix_events_root", events.c.cameo_root)
Index("ix_events_factuality", events.c.factuality)
Index("ix_events_cluster", events.c.cluster_id)
Index("ix_actors_event", event_actors.c.event_id)
Index("ix_actors_actor", event_actors.c.actor_id)
Index("ix_actors_country", event_actors.c.country)
