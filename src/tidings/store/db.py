"""The database layer: one write path, one transaction per batch, typed queries.

``Store.open("tidings.db")`` opens (and creates) a SQLite file;
``Store.open("postgresql://user@host/db")`` a PostgreSQL database. The CLI, the
REST API and the exports all go through this class.

Every write goes through :meth:`Store.add`: a batch of documents with their events
is written in one transaction together with its full-text rows and the linking of
its events into clusters, so a failed or interrupted batch leaves nothing behind.
"""

from __future__ import annotations

import contextvars
import json
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, exists, func, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError

from tidings.errors import StoreError
from tidings.records import Document, Event, EventCluster
from tidings.store import reads
from tidings.store.codec import plain
from tidings.store.migrate import actor_node, applied, migrate, sort_key
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

if TYPE_CHECKING:
    from tidings.link.incremental import LinkHints
from tidings.store.schema import documents, event_actors, event_sectors, events

_IMMEDIATE: contextvars.ContextVar[bool] = contextvars.ContextVar("_IMMEDIATE", default=False)


def database_url(target: str) -> str:
    """A SQLAlchemy URL for a file path or a database URL.

    ``postgresql://`` URLs use the psycopg (version 3) driver.
    """
    if target.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + target.split("://", 1)[1]
    if "://" in target:
        return target
    return f"sqlite:///{target}"


@dataclass(slots=True)
class WriteResult:
    """What a batch write did."""

    documents_stored: int = 0
    documents_skipped: int = 0
    events_stored: int = 0
    skipped_ids: list[str] = field(default_factory=list)
    clusters_touched: int = 0


class Store:
    """A tidings database (SQLite or PostgreSQL)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.dialect = engine.dialect.name
        from tidings.link.incremental import LinkCache

        # decoded stored events, reused by the linking of later batches
        self._link_cache = LinkCache()

    @classmethod
    def open(cls, target: str, *, create: bool = True) -> Store:
        """Open the database at ``target`` and bring its schema up to date.

        With ``create=False`` a SQLite file must already exist.
        """
        url = database_url(target)
        if not create and url.startswith("sqlite:///") and target != ":memory:":
            from pathlib import Path

            if not Path(url[len("sqlite:///"):]).exists():
                raise StoreError(f"database {target!r} does not exist; run `tidings ingest "
                                 f"--db {target} ...` first")
        try:
            engine = create_engine(url)
            if engine.dialect.name == "sqlite":
                event.listen(engine, "connect", _sqlite_connect)
                event.listen(engine, "begin", _sqlite_begin)
            migrate(engine)
        except SQLAlchemyError as exc:
            raise StoreError(f"database {target!r} cannot be opened: {exc}") from None
        return cls(engine)

    def close(self) -> None:
        if self.dialect == "sqlite":
            try:
                with self.engine.connect() as conn:
                    conn.exec_driver_sql("PRAGMA optimize")
            except SQLAlchemyError:
                pass
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def migrations(self) -> list[str]:
        """Names of the schema migrations applied to this database."""
        with self.engine.connect() as conn:
            return applied(conn)

    # -- writing ------------------------------------------------------------------

    def add(self, batch: Iterable[tuple[Document, Sequence[Event]]], *,
            link: bool = True, hints: Mapping[str, LinkHints] | None = None,
            rows: Mapping[str, Sequence[EventRows]] | None = None) -> WriteResult:
        """Store documents with their events in one transaction; known documents are skipped.

        With ``link`` (the default) each new event is linked into an event cluster in
        the same transaction: it joins the clusters of the events it is judged to be
        the same real-world event as, or starts one. ``link=False`` keeps the
        ``cluster_id`` the events carry (bulk loads) and stores no cluster summary.
        ``hints``: per document id, what linking needs of it that the worker which
        analysed it already worked out (:func:`tidings.link.incremental.link_hints`);
        the same clusters come out with or without them. ``rows``: per document id,
        its events' rows but for the cluster id (:func:`event_rows`), made by that
        worker too; the same rows are written with or without them.
        """
        from tidings.link.incremental import Linker

        result = WriteResult()
        now = datetime.now(UTC).isoformat()
        token = _IMMEDIATE.set(True)
        linker = None
        try:
            with self.engine.begin() as conn:
                if self.dialect == "postgresql":
                    # linking reads what earlier batches wrote: writers take turns
                    conn.execute(text("SELECT pg_advisory_xact_lock(7270002)"))
                linker = Linker(conn, self._link_cache) if link else None
                pending = _Rows()
                taken: set[str] = set()
                for chunk in _chunks(batch, 500):
                    known = self._known(conn, [d.id for d, _ in chunk]) | taken
                    for document, evs in chunk:
                        if document.id in known:
                            result.documents_skipped += 1
                            result.skipped_ids.append(document.id)
                            continue
                        known.add(document.id)
                        taken.add(document.id)
                        pending.add(document, evs, now, self.dialect,
                                    (rows or {}).get(document.id))
                        result.documents_stored += 1
                        result.events_stored += len(evs)
                        if linker is not None:
                            # linked before it is written, so that each record is
                            # written once, with its cluster id
                            linker.add_document(document, list(evs),
                                                (hints or {}).get(document.id))
                    if linker is None:
                        pending.flush(conn)
                if linker is not None:
                    result.clusters_touched = linker.finish()
                    pending.flush(conn, linker.cluster_of)
                    linker.write()
        except SQLAlchemyError as exc:
            raise StoreError(f"write to the database failed, nothing of this batch was "
                             f"stored: {exc}") from None
        finally:
            _IMMEDIATE.reset(token)
        if linker is not None:
            linker.committed()
        return result

    @staticmethod
    def _known(conn: Connection, ids: list[str]) -> set[str]:
        return {r[0] for r in conn.execute(select(documents.c.id)
                                           .where(documents.c.id.in_(sorted(set(ids)))))}

    @staticmethod
    def _has(conn: Connection, document_id: str) -> bool:
        return bool(conn.execute(select(exists().where(documents.c.id == document_id))).scalar())

    # -- reading: documents and single records --------------------------------------

    def has_document(self, document_id: str) -> bool:
        with self.engine.connect() as conn:
            return self._has(conn, document_id)

    def count_documents(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(documents)).scalar() or 0)

    def get_document(self, document_id: str) -> Document | None:
        with self.engine.connect() as conn:
            return reads.get_document(conn, document_id)

    def get_event(self, event_id: str) -> Event | None:
        with self.engine.connect() as conn:
            return reads.get_event(conn, event_id)

    def cluster(self, cluster_id: str) -> ClusterDetail | None:
        """A cluster with its member events and their documents, or None."""
        with self.engine.connect() as conn:
            return reads.cluster_detail(conn, cluster_id)

    def get_cluster(self, cluster_id: str) -> EventCluster | None:
        with self.engine.connect() as conn:
            return reads.get_cluster(conn, cluster_id)

    # -- reading: queries -----------------------------------------------------------

    def events(self, f: EventFilter | None = None, *, limit: int | None = None,
               offset: int = 0, descending: bool = False) -> Iterator[Event]:
        """Events matching ``f`` in time order (then id), streamed."""
        with self.engine.connect() as conn:
            yield from reads.iter_events(conn, self.dialect, f or EventFilter(), limit=limit,
                                         offset=offset, descending=descending)

    def event_rows(self, f: EventFilter | None = None) -> Iterator[EventRow]:
        """Events with their document's outlet, URL, title and date (for exports), streamed."""
        with self.engine.connect() as conn:
            yield from reads.iter_event_rows(conn, self.dialect, f or EventFilter())

    def event_page(self, f: EventFilter | None = None, *, limit: int = 50,
                   cursor: str | None = None, descending: bool = True) -> Page[Event]:
        """One page of events, newest first by default; pass ``next_cursor`` on."""
        with self.engine.connect() as conn:
            return reads.event_page(conn, self.dialect, f or EventFilter(), limit=limit,
                                    cursor=cursor, descending=descending)

    def count_events(self, f: EventFilter | None = None) -> int:
        with self.engine.connect() as conn:
            return reads.count_events(conn, self.dialect, f or EventFilter())

    def count_left_out(self, f: EventFilter | None = None) -> int:
        """How many events the factuality filter of ``f`` leaves out (0 with ``all``)."""
        f = f or EventFilter()
        if f.all_factuality:
            return 0
        return self.count_events(f.everything()) - self.count_events(f)

    def clusters(self, f: EventFilter | None = None, *, limit: int | None = None
                 ) -> Iterator[EventCluster]:
        """Clusters with a member event matching ``f``, most recently seen first."""
        with self.engine.connect() as conn:
            yield from reads.iter_clusters(conn, self.dialect, f or EventFilter(), limit=limit)

    def cluster_page(self, f: EventFilter | None = None, *, limit: int = 50,
                     cursor: str | None = None) -> Page[EventCluster]:
        """One page of clusters, most recently seen first."""
        with self.engine.connect() as conn:
            return reads.cluster_page(conn, self.dialect, f or EventFilter(), limit=limit,
                                      cursor=cursor)

    def count_clusters(self, f: EventFilter | None = None) -> int:
        with self.engine.connect() as conn:
            return reads.count_clusters(conn, self.dialect, f or EventFilter())

    def timeline(self, f: EventFilter | None = None, *, bucket: str = "day",
                 by: str = "type") -> list[TimelineCount]:
        """Event counts per day or week (``bucket``), per type or quad class (``by``)."""
        with self.engine.connect() as conn:
            return reads.timeline(conn, self.dialect, f or EventFilter(), bucket=bucket, by=by)

    def actor_pairs(self, f: EventFilter | None = None, *, limit: int = 100
                    ) -> list[ActorPair]:
        """Source -> target counts per quad class, largest first (a network's edges)."""
        with self.engine.connect() as conn:
            return reads.actor_pairs(conn, self.dialect, f or EventFilter(), limit=limit)

    def actors(self, f: EventFilter | None = None, *, limit: int = 100) -> list[ActorCount]:
        """Actors (country, else id) by number of events, largest first."""
        with self.engine.connect() as conn:
            return reads.actors(conn, self.dialect, f or EventFilter(), limit=limit)

    def places(self, f: EventFilter | None = None, *, limit: int = 1000) -> list[PlaceCount]:
        """Map markers: events per place with coordinates, largest first."""
        with self.engine.connect() as conn:
            return reads.places(conn, self.dialect, f or EventFilter(), limit=limit)

    def search(self, q: str, *, limit: int = 20) -> list[SearchHit]:
        """Full-text search over document text and evidence sentences."""
        with self.engine.connect() as conn:
            return reads.search(conn, self.dialect, q, limit=limit)


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class _Rows:
    """Rows waiting to be inserted, one executemany per table."""

    def __init__(self) -> None:
        self.docs: list[dict[str, Any]] = []
        self.events: list[tuple[Event, Document, EventRows | None]] = []
        self.actors: list[dict[str, Any]] = []
        self.sectors: list[dict[str, Any]] = []
        self.doc_fts: list[dict[str, Any]] = []
        self.ev_fts: list[dict[str, Any]] = []
        self.sqlite = False

    def add(self, d: Document, evs: Sequence[Event], now: str, dialect: str,
            made: Sequence[EventRows] | None = None) -> None:
        """Queue a document with its events; ``made``: their rows made elsewhere (used
        when they are these events')."""
        self.sqlite = dialect == "sqlite"
        self.docs.append(_document_row(d, now))
        if made is not None and len(made) == len(evs) and all(
                m.event_id == ev.id for m, ev in zip(made, evs, strict=True)):
            for ev, m in zip(evs, made, strict=True):
                self.events.append((ev, d, m))
                self.actors += m.actors
                self.sectors += m.sectors
        else:
            for ev in evs:
                self.events.append((ev, d, None))
                self.actors += _actor_rows(ev)
                self.sectors += _sector_rows(ev)
        if self.sqlite:
            self.doc_fts.append({"i": d.id, "t": d.title or "", "x": d.text})
            self.ev_fts += [{"e": ev.id, "d": d.id, "t": ev.evidence.text} for ev in evs]

    def flush(self, conn: Connection, cluster_of: dict[str, str] | None = None) -> None:
        """Insert the rows; ``cluster_of`` gives events the cluster linking found."""
        cluster_of = cluster_of or {}
        event_rows = [_event_row(ev, d, cluster_of.get(ev.id)) if m is None else
                      m.events_row(c if (c := cluster_of.get(ev.id)) is not None
                                   else ev.cluster_id)
                      for ev, d, m in self.events]
        counts: dict[tuple[str, str, str, int, str], int] = {}
        for r in event_rows:
            day = r["sort_key"] or ""
            k = (day[:10] if len(day) >= 10 else "", r["type"], r["cameo_root"] or "",
                 r["quad_class"] or 0, r["factuality"] or "")
            counts[k] = counts.get(k, 0) + 1
        for table, rows in ((documents, self.docs), (events, event_rows),
                            (event_actors, self.actors), (event_sectors, self.sectors)):
            if rows:
                conn.execute(table.insert(), rows)
        if counts:
            conn.execute(text(
                "INSERT INTO event_counts (day, type, cameo_root, quad_class, factuality, n) "
                "VALUES (:d, :t, :r, :q, :f, :n) ON CONFLICT (day, type, cameo_root, "
                "quad_class, factuality) DO UPDATE SET n = event_counts.n + excluded.n"),
                [{"d": k[0], "t": k[1], "r": k[2], "q": k[3], "f": k[4], "n": n}
                 for k, n in sorted(counts.items())])
        if self.doc_fts:
            conn.execute(text("INSERT INTO documents_fts(document_id, title, text) "
                              "VALUES (:i, :t, :x)"), self.doc_fts)
        if self.ev_fts:
            conn.execute(text("INSERT INTO evidence_fts(event_id, document_id, text) "
                              "VALUES (:e, :d, :t)"), self.ev_fts)
        self.__init__()  # type: ignore[misc]


# -- SQLite connection set-up ----------------------------------------------------------

def _sqlite_connect(dbapi_conn: Any, _record: Any) -> None:
    # SQLAlchemy emits BEGIN itself (see _sqlite_begin) so DDL is transactional too
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=30000")
    # pages and aggregates re-read the same index pages: keep more of them (the default
    # cache is 2 MB per connection) and read the file through a memory map rather than
    # a system call and a copy per page
    cur.execute("PRAGMA cache_size=-65536")
    cur.execute("PRAGMA mmap_size=1073741824")
    cur.close()
    for name, fn in (("sin", math.sin), ("cos", math.cos), ("asin", math.asin),
                     ("sqrt", math.sqrt)):
        dbapi_conn.create_function(name, 1, _null_safe(fn), deterministic=True)


def _null_safe(fn: Any) -> Any:
    def wrapped(x: float | None) -> float | None:
        return None if x is None else float(fn(min(max(x, -1.0), 1.0) if fn is math.asin else x))
    return wrapped


def _sqlite_begin(conn: Connection) -> None:
    # writers take the lock up front: a deferred transaction upgrading to a write
    # could fail at once instead of waiting when another process writes
    conn.exec_driver_sql("BEGIN IMMEDIATE" if _IMMEDIATE.get() else "BEGIN")


# -- rows ---------------------------------------------------------------------------

def _document_row(d: Document, now: str) -> dict[str, Any]:
    return {
        "id": d.id,
        "url": d.url,
        "outlet": d.outlet,
        "title": d.title,
        "published_at": d.published_at.isoformat() if d.published_at else None,
        "language": d.language,
        "source": d.source,
        "text": d.text,
        "meta": json.dumps(d.meta, ensure_ascii=False),
        "ingested_at": now,
    }


@dataclass(slots=True)
class EventRows:
    """An event's rows but for its cluster id, which linking gives in the writing
    process: worked out where the event was found (an ingest worker, see
    :func:`event_rows`), so that the process that writes does less.

    Attributes:
        event_id: the event.
        row: its ``events`` row without ``cluster_id`` and ``record``.
        head, tail: its record's JSON before and after the cluster id
            (:meth:`record` puts them together, the same text ``json.dumps`` gives).
        actors, sectors: its ``event_actors`` and ``event_sectors`` rows.
    """

    event_id: str
    row: dict[str, Any]
    head: str
    tail: str
    actors: list[dict[str, Any]]
    sectors: list[dict[str, Any]]

    def record(self, cluster_id: str | None) -> str:
        """The record's JSON with ``cluster_id``."""
        value = json.dumps(cluster_id, ensure_ascii=False)
        return (f"{self.head}{', ' if len(self.head) > 1 else ''}\"cluster_id\": {value}"
                f"{', ' if len(self.tail) > 1 else ''}{self.tail}")

    def events_row(self, cluster_id: str | None) -> dict[str, Any]:
        """The ``events`` row with ``cluster_id``."""
        row = dict(self.row)
        row["cluster_id"] = cluster_id
        row["record"] = self.record(cluster_id)
        return row


def event_rows(d: Document, evs: Sequence[Event]) -> list[EventRows]:
    """The :class:`EventRows` of a document's events."""
    out = []
    for ev in evs:
        record = plain(ev)
        row = _event_row(ev, d, record=record, encode=False)
        del row["cluster_id"], row["record"]
        keys = list(record)
        k = keys.index("cluster_id")
        head = json.dumps({n: record[n] for n in keys[:k]}, ensure_ascii=False)[:-1]
        tail = json.dumps({n: record[n] for n in keys[k + 1:]}, ensure_ascii=False)[1:]
        out.append(EventRows(ev.id, row, head, tail, _actor_rows(ev), _sector_rows(ev)))
    return out


def _event_row(ev: Event, d: Document, cluster_id: str | None = None, *,
               record: dict[str, Any] | None = None, encode: bool = True) -> dict[str, Any]:
    """The ``events`` row; ``cluster_id`` (when given) replaces the event's own.
    ``record``: the event's ``plain`` form when already made; without ``encode`` the
    row's record is not encoded (the caller encodes it)."""
    t = ev.time
    p = ev.place
    record = plain(ev) if record is None else record
    if cluster_id is not None:
        record["cluster_id"] = cluster_id
    published = d.published_at.isoformat() if d.published_at else None
    return {
        "id": ev.id,
        "document_id": ev.document_id,
        "type": ev.type,
        "mode": ev.mode,
        "cameo_code": ev.cameo.code,
        "cameo_root": ev.cameo.root,
        "quad_class": ev.cameo.quad_class,
        "goldstein": ev.cameo.goldstein,
        "factuality": ev.factuality.label,
        "confidence": ev.confidence,
        "time_start": t.start if t else None,
        "time_end": (t.end or t.start) if t else None,
        "place_geonameid": p.geonameid if p else None,
        "place_name": p.name if p else None,
        "place_country": p.country if p else None,
        "lat": p.lat if p else None,
        "lon": p.lon if p else None,
        "outlet": d.outlet,
        "published_at": published,
        "cluster_id": record["cluster_id"],
        "record": json.dumps(record, ensure_ascii=False) if encode else None,  # public
        "evidence_text": ev.evidence.text,
        "sort_key": sort_key(record, published),
    }


def _actor_rows(ev: Event) -> list[dict[str, Any]]:
    rows = []
    for role, actors in (("source", ev.sources), ("target", ev.targets)):
        for i, a in enumerate(actors):
            rows.append({"event_id": ev.id, "role": role, "position": i, "text": a.text,
                         "actor_id": a.id, "name": a.name, "country": a.country,
                         "sectors": ",".join(a.sectors),
                         "node": actor_node({"country": a.country, "id": a.id,
                                             "text": a.text})})
    return rows


def _sector_rows(ev: Event) -> list[dict[str, Any]]:
    seen: set[tuple[str, str]] = set()
    for role, actors in (("source", ev.sources), ("target", ev.targets)):
        for a in actors:
            for sec in a.sectors:
                seen.add((role, sec.upper()))
    return [{"event_id": ev.id, "role": r, "sector": sec} for r, sec in sorted(seen)]
