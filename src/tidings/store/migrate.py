"""Named schema migrations, each applied once, each in its own transaction.

Every database goes through the same ordered steps; ``schema_migrations`` records
which were applied and when. A database written by the first version of tidings
(tables but no ``schema_migrations``) is recognized as having ``0001_initial``.

Adding a migration: append a ``Migration`` to :data:`MIGRATIONS` with a new name;
never edit or reorder one that has shipped.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Column,
    Engine,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    inspect,
    select,
    text,
    update,
)
from sqlalchemy.engine import Connection

from tidings.store import schema as s


@dataclass(frozen=True, slots=True)
class Migration:
    """One named step: ``apply(conn)`` runs inside a transaction."""

    name: str
    apply: Callable[[Connection], None]
    doc: str


# -- 0001: the tables of the first version, frozen here as they were -------------

def _initial(conn: Connection) -> None:
    md = MetaData()
    Table("documents", md,
          Column("id", String(40), primary_key=True), Column("url", Text),
          Column("outlet", Text), Column("title", Text), Column("published_at", String(40)),
          Column("language", String(8)), Column("source", Text),
          Column("text", Text, nullable=False), Column("meta", Text),
          Column("ingested_at", String(40)))
    ev = Table("events", md,
               Column("id", String(40), primary_key=True),
               Column("document_id", String(40),
                      ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
               Column("type", String(16), nullable=False), Column("mode", String(32)),
               Column("cameo_code", String(8)), Column("cameo_root", String(4)),
               Column("quad_class", Integer), Column("goldstein", Float),
               Column("factuality", String(16)), Column("confidence", Float),
               Column("time_start", String(32)), Column("time_end", String(32)),
               Column("place_geonameid", Integer), Column("place_name", Text),
               Column("place_country", String(3)), Column("lat", Float), Column("lon", Float),
               Column("outlet", Text), Column("published_at", String(40)),
               Column("cluster_id", String(40)), Column("record", Text, nullable=False))
    ea = Table("event_actors", md,
               Column("event_id", String(40), ForeignKey("events.id", ondelete="CASCADE"),
                      nullable=False),
               Column("role", String(8), nullable=False),
               Column("position", Integer, nullable=False), Column("text", Text),
               Column("actor_id", String(80)), Column("name", Text),
               Column("country", String(3)), Column("sectors", Text))
    Index("ix_events_document", ev.c.document_id)
    Index("ix_events_type_time", ev.c.type, ev.c.time_start)
    Index("ix_events_time", ev.c.time_start)
    Index("ix_events_root", ev.c.cameo_root)
    Index("ix_events_factuality", ev.c.factuality)
    Index("ix_events_cluster", ev.c.cluster_id)
    Index("ix_actors_event", ea.c.event_id)
    Index("ix_actors_actor", ea.c.actor_id)
    Index("ix_actors_country", ea.c.country)
    md.create_all(conn)


# -- 0002: columns and indexes that queries need ---------------------------------

def sort_key(record: dict[str, Any], published_at: str | None) -> str:
    """The ordering key of an event: its time start, else its document's date, else ''."""
    t = record.get("time") or {}
    return str(t.get("start") or (published_at or "")[:10] or "")


def actor_node(a: dict[str, Any]) -> str:
    """What a network groups an actor by: its country, else its id, else its text."""
    return str(a.get("country") or a.get("id") or (a.get("text") or "").strip() or "?")


def _query_columns(conn: Connection) -> None:
    conn.execute(text("ALTER TABLE events ADD COLUMN evidence_text TEXT"))
    conn.execute(text("ALTER TABLE events ADD COLUMN sort_key VARCHAR(40)"))
    conn.execute(text("ALTER TABLE event_actors ADD COLUMN node TEXT"))
    s.event_sectors.create(conn)
    # back-fill what older rows lack, from the stored public record
    rows = conn.execute(select(s.events.c.id, s.events.c.record, s.events.c.published_at))
    for event_id, record, published in rows.fetchall():
        rec = json.loads(record)
        conn.execute(update(s.events).where(s.events.c.id == event_id).values(
            evidence_text=(rec.get("evidence") or {}).get("text"),
            sort_key=sort_key(rec, published)))
        sectors = []
        for role in ("sources", "targets"):
            for pos, actor in enumerate(rec.get(role) or []):
                conn.execute(update(s.event_actors).where(
                    (s.event_actors.c.event_id == event_id)
                    & (s.event_actors.c.role == role[:-1])
                    & (s.event_actors.c.position == pos)).values(node=actor_node(actor)))
                sectors += [{"event_id": event_id, "role": role[:-1], "sector": sec}
                            for sec in actor.get("sectors") or []]
        if sectors:
            conn.execute(s.event_sectors.insert(), sectors)
    for name, table, cols in (
        ("ix_events_sort", "events", "sort_key, id"),
        ("ix_events_type_sort", "events", "type, sort_key"),
        ("ix_events_root_sort", "events", "cameo_root, sort_key"),
        ("ix_events_quad_sort", "events", "quad_class, sort_key"),
        ("ix_events_outlet_sort", "events", "outlet, sort_key"),
        ("ix_events_geonameid", "events", "place_geonameid"),
        ("ix_events_place_lower", "events", "lower(place_name)"),
        ("ix_events_latlon", "events", "lat, lon"),
        ("ix_events_fact_sort", "events", "factuality, sort_key"),
        ("ix_actors_node", "event_actors", "node, event_id"),
        ("ix_actors_lower_text", "event_actors", "lower(text)"),
        ("ix_actors_lower_name", "event_actors", "lower(name)"),
        ("ix_sectors_sector", "event_sectors", "sector, event_id"),
        ("ix_sectors_event", "event_sectors", "event_id"),
    ):
        _index(conn, name, table, cols)


def _index(conn: Connection, name: str, table: str, columns: str) -> None:
    # plain DDL: Index objects would attach themselves to the shared Table objects
    conn.execute(text(f"CREATE INDEX {name} ON {table} ({columns})"))


# -- 0003: full-text search, each back-end its own way ---------------------------

def _fulltext(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        conn.execute(text("CREATE VIRTUAL TABLE documents_fts USING fts5("
                          "document_id UNINDEXED, title, text, tokenize='porter unicode61')"))
        conn.execute(text("CREATE VIRTUAL TABLE evidence_fts USING fts5("
                          "event_id UNINDEXED, document_id UNINDEXED, text, "
                          "tokenize='porter unicode61')"))
        conn.execute(text("INSERT INTO documents_fts(document_id, title, text) "
                          "SELECT id, coalesce(title, ''), text FROM documents"))
        conn.execute(text("INSERT INTO evidence_fts(event_id, document_id, text) "
                          "SELECT id, document_id, coalesce(evidence_text, '') FROM events"))
    elif conn.dialect.name == "postgresql":
        conn.execute(text(
            "CREATE INDEX ix_documents_fts ON documents USING gin (to_tsvector('english', "
            "coalesce(title, '') || ' ' || text))"))
        conn.execute(text(
            "CREATE INDEX ix_events_fts ON events USING gin (to_tsvector('english', "
            "coalesce(evidence_text, '')))"))


# -- 0004: event clusters and the indexes linking looks things up in -------------

def _linking(conn: Connection) -> None:
    for t in (s.clusters, s.link_keys, s.document_lsh, s.document_minhash):
        t.create(conn)
    for name, table, cols in (
        ("ix_clusters_last_seen", "clusters", "last_seen, id"),
        ("ix_clusters_type", "clusters", "type, last_seen"),
        ("ix_link_keys", "link_keys", "key, day"),
        ("ix_link_keys_event", "link_keys", "event_id"),
        ("ix_document_lsh", "document_lsh", "band"),
        ("ix_document_lsh_doc", "document_lsh", "document_id"),
    ):
        _index(conn, name, table, cols)


# -- 0005: daily counts for timelines ---------------------------------------------

def _event_counts(conn: Connection) -> None:
    s.event_counts.create(conn)
    conn.execute(text(
        "INSERT INTO event_counts (day, type, cameo_root, quad_class, factuality, n) "
        f"SELECT {_DAY}, type, coalesce(cameo_root, ''), coalesce(quad_class, 0), "
        f"coalesce(factuality, ''), count(*) FROM events GROUP BY {_DAY}, type, "
        "coalesce(cameo_root, ''), coalesce(quad_class, 0), coalesce(factuality, '')"))


_DAY = ("CASE WHEN length(coalesce(sort_key, '')) >= 10 THEN substr(sort_key, 1, 10) "
        "ELSE '' END")


# -- 0006: indexes that answer the page walks and aggregates without the rows ------

def _covering_indexes(conn: Connection) -> None:
    # A page walks the events in time order and tests each against the filters; an
    # aggregate reads a few columns of every matching event and its actors. With
    # those columns in the index, neither reads the event row (and its record), which
    # on a million events is most of the time spent.
    _index(conn, "ix_events_sort_cover", "events",
           "sort_key, id, factuality, type, quad_class")
    conn.execute(text("DROP INDEX ix_events_sort"))  # a prefix of the new one
    # events picked by id from an actor, country or sector list (timelines, counts)
    _index(conn, "ix_events_id_cover", "events",
           "id, factuality, sort_key, type, quad_class, cameo_root")
    _index(conn, "ix_actors_event_cover", "event_actors", "event_id, role, node, name")
    conn.execute(text("DROP INDEX ix_actors_event"))  # a prefix of the new one
    # map markers of one type
    _index(conn, "ix_events_type_cover", "events",
           "type, sort_key, factuality, place_geonameid, lat, lon, place_country, place_name")
    conn.execute(text("DROP INDEX ix_events_type_sort"))  # a prefix of the new one


MIGRATIONS: tuple[Migration, ...] = (
    Migration("0001_initial", _initial, "documents, events and their actors"),
    Migration("0002_query_columns", _query_columns,
              "evidence text, sort key, actor nodes, sectors and the query indexes"),
    Migration("0003_fulltext", _fulltext,
              "full-text search: FTS5 tables (SQLite) or GIN indexes (PostgreSQL)"),
    Migration("0004_linking", _linking, "event clusters, blocking keys and MinHash LSH"),
    Migration("0005_event_counts", _event_counts,
              "events per day, type, root, quad class and factuality, for timelines"),
    Migration("0006_covering_indexes", _covering_indexes,
              "time, id and actor indexes holding what pages and aggregates read"),
)


def applied(conn: Connection) -> list[str]:
    """Names of the migrations this database has, in order applied."""
    names = set(inspect(conn).get_table_names())
    if "schema_migrations" not in names:
        return []
    rows = conn.execute(select(s.schema_migrations.c.name)
                        .order_by(s.schema_migrations.c.applied_at, s.schema_migrations.c.name))
    return [r[0] for r in rows]


def migrate(engine: Engine, *, upto: str | None = None) -> list[str]:
    """Apply the migrations this database lacks (up to ``upto``); return their names."""
    done: list[str] = []
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            # two processes opening a new database at once must not both migrate it
            conn.execute(text("SELECT pg_advisory_xact_lock(7270001)"))
        tables = set(inspect(conn).get_table_names())
        if "schema_migrations" not in tables:
            s.schema_migrations.create(conn)
            if "documents" in tables:  # written by the first version, before migrations
                _record(conn, "0001_initial")
    for m in MIGRATIONS:
        with engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(7270001)"))
            if m.name not in applied(conn):
                m.apply(conn)
                _record(conn, m.name)
                done.append(m.name)
        if m.name == upto:
            break
    return done


def _record(conn: Connection, name: str) -> None:
    conn.execute(s.schema_migrations.insert().values(
        name=name, applied_at=datetime.now(UTC).isoformat(timespec="microseconds")))
