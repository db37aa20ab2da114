"""The database layer: one write path, one transaction per batch, typed queries.

``Store.open("tidings.db")`` opens (and creates) a SQLite file;
``Store.open("postgresql://user@host/db")`` a PostgreSQL database. The CLI and the
API both go through this class.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, create_engine, event, exists, func, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError

from tidings.errors import StoreError
from tidings.records import DEFAULT_FACTUAL_LABELS, Document, Event, to_dict
from tidings.store.schema import documents, event_actors, events, metadata


def _url(target: str) -> str:
    if "://" in target:
        return target
    return f"sqlite:///{target}"


@dataclass(slots=True, kw_only=True)
class EventFilter:
    """Filters for event queries; every field is optional.

    Attributes:
        type: PLOVER type(s).
        cameo_root: two-digit CAMEO root(s).
        quad_class: CAMEO quad class(es), 1-4.
        actor: actor id or text (source or target).
        country: ISO-3 country of a source or target actor.
        since, until: ISO dates bounding the event time.
        factuality: labels to include; empty means the default (asserted, reported,
            planned) unless ``all_factuality``.
        all_factuality: include every label.
        outlet: publishing outlet.
        document_id: one document's events.
    """

    type: Sequence[str] = ()
    cameo_root: Sequence[str] = ()
    quad_class: Sequence[int] = ()
    actor: str | None = None
    country: str | None = None
    since: str | None = None
    until: str | None = None
    factuality: Sequence[str] = ()
    all_factuality: bool = False
    outlet: str | None = None
    document_id: str | None = None


@dataclass(slots=True)
class WriteResult:
    """What a batch write did."""

    documents_stored: int = 0
    documents_skipped: int = 0
    events_stored: int = 0
    skipped_ids: list[str] = field(default_factory=list)


class Store:
    """A tidings database (SQLite or PostgreSQL)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, target: str, *, create: bool = True) -> Store:
        url = _url(target)
        try:
            engine = create_engine(url, future=True)
            if engine.dialect.name == "sqlite":
                event.listen(engine, "connect", _sqlite_pragmas)
            if create:
                metadata.create_all(engine)
        except SQLAlchemyError as exc:
            raise StoreError(f"database {target!r} cannot be opened: {exc}") from None
        return cls(engine)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ----------------------------------------------------------------

    def add(self, batch: Iterable[tuple[Document, Sequence[Event]]]) -> WriteResult:
        """Store documents with their events in one transaction; known documents are skipped."""
        result = WriteResult()
        now = datetime.now(UTC).isoformat()
        try:
            with self.engine.begin() as conn:
                for document, evs in batch:
                    if self._has(conn, document.id):
                        result.documents_skipped += 1
                        result.skipped_ids.append(document.id)
                        continue
                    conn.execute(documents.insert().values(**_document_row(document, now)))
                    for ev in evs:
                        conn.execute(events.insert().values(**_event_row(ev, document)))
                        rows = _actor_rows(ev)
                        if rows:
                            conn.execute(event_actors.insert(), rows)
                        result.events_stored += 1
                    result.documents_stored += 1
        except SQLAlchemyError as exc:
            raise StoreError(f"write to the database failed, nothing of this batch was "
                             f"stored: {exc}") from None
        return result

    @staticmethod
    def _has(conn: Connection, document_id: str) -> bool:
        return bool(conn.execute(select(exists().where(documents.c.id == document_id))).scalar())

    # -- reading ----------------------------------------------------------------

    def has_document(self, document_id: str) -> bool:
        with self.engine.connect() as conn:
            return self._has(conn, document_id)

    def count_documents(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(documents)).scalar() or 0)

    def get_document(self, document_id: str) -> Document | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(documents).where(documents.c.id == document_id)).first()
        return _document_from_row(row._mapping) if row else None

    def _where(self, f: EventFilter) -> list[Any]:
        c = events.c
        clauses: list[Any] = []
        if f.type:
            clauses.append(c.type.in_([t.upper() for t in f.type]))
        if f.cameo_root:
            clauses.append(c.cameo_root.in_(list(f.cameo_root)))
        if f.quad_class:
            clauses.append(c.quad_class.in_(list(f.quad_class)))
        if f.since:
            clauses.append(c.time_end >= f.since)
        if f.until:
            clauses.append(c.time_start <= f.until + "\uffff")
        if f.outlet:
            clauses.append(c.outlet == f.outlet)
        if f.document_id:
            clauses.append(c.document_id == f.document_id)
        if not f.all_factuality:
            clauses.append(c.factuality.in_(list(f.factuality or DEFAULT_FACTUAL_LABELS)))
        a = event_actors.c
        if f.actor:
            sub = select(a.event_id).where(
                (a.actor_id == f.actor) | (func.lower(a.text) == f.actor.lower())
                | (func.lower(a.name) == f.actor.lower()))
            clauses.append(c.id.in_(sub))
        if f.country:
            clauses.append(c.id.in_(select(a.event_id).where(a.country == f.country.upper())))
        return clauses

    def events(self, f: EventFilter | None = None, *, limit: int | None = None,
               offset: int = 0) -> Iterator[Event]:
        """Events matching ``f`` ordered by event time then id."""
        f = f or EventFilter()
        q = (select(events.c.record).where(*self._where(f))
             .order_by(events.c.time_start, events.c.id).offset(offset))
        if limit is not None:
            q = q.limit(limit)
        with self.engine.connect() as conn:
            for (record,) in conn.execute(q):
                yield Event.from_dict(json.loads(record))

    def count_events(self, f: EventFilter | None = None) -> int:
        f = f or EventFilter()
        with self.engine.connect() as conn:
            q = select(func.count()).select_from(events).where(*self._where(f))
            return int(conn.execute(q).scalar() or 0)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


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


def _document_from_row(row: Any) -> Document:
    return Document(
        id=row["id"],
        text=row["text"],
        url=row["url"],
        outlet=row["outlet"],
        title=row["title"],
        published_at=datetime.fromisoformat(row["published_at"]) if row["published_at"] else None,
        language=row["language"] or "en",
        source=row["source"],
        meta=json.loads(row["meta"] or "{}"),
    )


def _event_row(ev: Event, d: Document) -> dict[str, Any]:
    t = ev.time
    p = ev.place
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
        "published_at": d.published_at.isoformat() if d.published_at else None,
        "cluster_id": ev.cluster_id,
        "record": json.dumps(to_dict(ev), ensure_ascii=False),
    }


def _actor_rows(ev: Event) -> list[dict[str, Any]]:
    rows = []
    for role, actors in (("source", ev.sources), ("target", ev.targets)):
        for i, a in enumerate(actors):
            rows.append({"event_id": ev.id, "role": role, "position": i, "text": a.text,
                         "actor_id": a.id, "name": a.name, "country": a.country,
                         "sectors": ",".join(a.sectors)})
    return rows
