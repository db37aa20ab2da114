"""Read queries behind :class:`tidings.store.Store` (functions on a connection)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import distinct, func, literal, literal_column, select, text
from sqlalchemy.engine import Connection

from tidings.errors import StoreError
from tidings.records import DEFAULT_FACTUAL_LABELS, Document, Event, EventCluster
from tidings.store.codec import decode, event_from_json
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
    after_cursor,
    encode_cursor,
    event_clauses,
    fts5_query,
)
from tidings.store.schema import clusters, documents, event_actors, event_counts, events

MAX_PAGE = 1000


def document_from_row(row: Any) -> Document:
    return Document(
        id=row["id"], text=row["text"], url=row["url"], outlet=row["outlet"],
        title=row["title"],
        published_at=datetime.fromisoformat(row["published_at"]) if row["published_at"] else None,
        language=row["language"] or "en", source=row["source"],
        meta=json.loads(row["meta"] or "{}"),
    )


def event_from_row(record: str, cluster_id: str | None) -> Event:
    ev = event_from_json(record)
    ev.cluster_id = cluster_id
    return ev


def cluster_from_record(record: str) -> EventCluster:
    cl = decode(EventCluster, json.loads(record))
    assert isinstance(cl, EventCluster)
    return cl


def get_document(conn: Connection, document_id: str) -> Document | None:
    row = conn.execute(select(documents).where(documents.c.id == document_id)).first()
    return document_from_row(row._mapping) if row else None


def get_event(conn: Connection, event_id: str) -> Event | None:
    row = conn.execute(select(events.c.record, events.c.cluster_id)
                       .where(events.c.id == event_id)).first()
    return event_from_row(row[0], row[1]) if row else None


def get_cluster(conn: Connection, cluster_id: str) -> EventCluster | None:
    row = conn.execute(select(clusters.c.record).where(clusters.c.id == cluster_id)).first()
    return cluster_from_record(row[0]) if row else None


def cluster_detail(conn: Connection, cluster_id: str) -> ClusterDetail | None:
    cl = get_cluster(conn, cluster_id)
    if cl is None:
        return None
    rows = conn.execute(select(events.c.record, events.c.cluster_id)
                        .where(events.c.cluster_id == cluster_id)
                        .order_by(events.c.published_at, events.c.id))
    evs = [event_from_row(r, c) for r, c in rows]
    doc_ids = list(dict.fromkeys(e.document_id for e in evs))
    docs = [document_from_row(r._mapping) for r in conn.execute(
        select(documents).where(documents.c.id.in_(doc_ids))
        .order_by(documents.c.published_at, documents.c.id))]
    return ClusterDetail(cluster=cl, events=evs, documents=docs)


def _page_size(limit: int) -> int:
    if limit < 1:
        raise StoreError(f"page size {limit} must be at least 1")
    return min(limit, MAX_PAGE)


def iter_events(conn: Connection, dialect: str, f: EventFilter, *, limit: int | None,
                offset: int, descending: bool) -> Iterator[Event]:
    c = events.c
    order = (c.sort_key.desc(), c.id.desc()) if descending else (c.sort_key, c.id)
    q = (select(c.record, c.cluster_id)
         .where(*event_clauses(f, dialect, page=limit is not None)).order_by(*order))
    if offset:
        q = q.offset(offset)
    if limit is not None:
        q = q.limit(limit)
    # stream rows instead of loading the result (exports of a million events)
    for record, cluster_id in conn.execution_options(stream_results=True,
                                                     yield_per=500).execute(q):
        yield event_from_row(record, cluster_id)


def iter_event_rows(conn: Connection, dialect: str, f: EventFilter) -> Iterator[EventRow]:
    """Events with their document's outlet, URL, title and date, and cluster counts."""
    c, d, k = events.c, documents.c, clusters.c
    q = (select(c.record, c.cluster_id, d.outlet, d.url, d.title, d.published_at,
                k.n_events, k.n_outlets, k.n_documents)
         .select_from(events.join(documents, d.id == c.document_id)
                      .outerjoin(clusters, k.id == c.cluster_id))
         .where(*event_clauses(f, dialect)).order_by(c.sort_key, c.id))
    for r in conn.execution_options(stream_results=True, yield_per=1000).execute(q):
        counts = (int(r[6]), int(r[7]), int(r[8])) if r[6] is not None else None
        yield EventRow(event_from_row(r[0], r[1]), r[2], r[3], r[4], r[5], counts)


FEW = 5000
"""Matching rows below which a page is built from the match list (fetch, sort) rather
than by walking the time index and testing each event: walking finds a page of a
rare actor only after most of the table, sorting a common one reads all of it."""


def _bounded_count(conn: Connection, sql: str, params: dict[str, Any]) -> int:
    return int(conn.execute(text(f"SELECT count(*) FROM ({sql} LIMIT {FEW}) AS x"),
                            params).scalar_one())


def _few_actor_rows(conn: Connection, f: EventFilter) -> bool:
    """Whether the actor, country or sector asked for has fewer than FEW rows."""
    checks: list[tuple[str, dict[str, Any]]] = []
    if f.actor:
        low = f.actor.lower()
        checks.append(("SELECT 1 FROM event_actors WHERE actor_id = :a UNION ALL "
                       "SELECT 1 FROM event_actors WHERE node = :a UNION ALL "
                       "SELECT 1 FROM event_actors WHERE lower(text) = :l UNION ALL "
                       "SELECT 1 FROM event_actors WHERE lower(name) = :l",
                       {"a": f.actor, "l": low}))
    if f.country:
        checks.append(("SELECT 1 FROM event_actors WHERE node = :c", {"c": f.country.upper()}))
    if f.sector:
        checks.append(("SELECT 1 FROM event_sectors WHERE sector = :s",
                       {"s": f.sector.upper()}))
    return any(_bounded_count(conn, sql, p) < FEW for sql, p in checks)


def _many_text_matches(conn: Connection, f: EventFilter) -> bool:
    """Whether the full-text filter matches at least FEW events (about)."""
    if not f.text:
        return False
    m = fts5_query(f.text)
    ev = _bounded_count(conn, "SELECT 1 FROM evidence_fts WHERE evidence_fts MATCH :m",
                        {"m": m})
    docs = _bounded_count(conn, "SELECT 1 FROM documents_fts WHERE documents_fts MATCH :m",
                          {"m": m})
    return ev >= FEW or docs >= FEW // 5


def event_page(conn: Connection, dialect: str, f: EventFilter, *, limit: int,
               cursor: str | None, descending: bool) -> Page[Event]:
    c = events.c
    size = _page_size(limit)
    order = (c.sort_key.desc(), c.id.desc()) if descending else (c.sort_key, c.id)
    # SQLite plans without statistics: choose between walking the time index and
    # sorting the matches from how many rows the selective filters match
    probe = dialect != "sqlite" or not _few_actor_rows(conn, f)
    walk = dialect == "sqlite" and _many_text_matches(conn, f)
    q = (select(c.record, c.cluster_id, c.sort_key, c.id)
         .where(*event_clauses(f, dialect, page=probe, walk_text=walk),
                *after_cursor(c.sort_key, c.id, cursor, descending))
         .order_by(*order).limit(size + 1))
    rows = conn.execute(q).all()
    items = [event_from_row(r[0], r[1]) for r in rows[:size]]
    nxt = encode_cursor(rows[size - 1][2] or "", rows[size - 1][3]) if len(rows) > size else None
    return Page(items, nxt)


def count_events(conn: Connection, dialect: str, f: EventFilter) -> int:
    if _rollup_ok(f):
        total = conn.execute(select(func.sum(event_counts.c.n))
                             .where(*_rollup_clauses(f))).scalar()
        return int(total or 0)
    q = select(func.count()).select_from(events).where(*event_clauses(f, dialect))
    return int(conn.execute(q).scalar() or 0)


def _cluster_clauses(f: EventFilter, dialect: str) -> list[Any]:
    """Clusters whose own factuality passes and that have a member matching the rest."""
    from dataclasses import replace

    out: list[Any] = []
    if not f.all_factuality:
        out.append(clusters.c.factuality.in_(list(f.factuality or DEFAULT_FACTUAL_LABELS)))
    member = replace(f, factuality=(), all_factuality=True)
    member_clauses = event_clauses(member, dialect)
    if member_clauses:
        out.append(clusters.c.id.in_(select(events.c.cluster_id).where(*member_clauses)))
    return out


def iter_clusters(conn: Connection, dialect: str, f: EventFilter, *,
                  limit: int | None) -> Iterator[EventCluster]:
    c = clusters.c
    q = (select(c.record).where(*_cluster_clauses(f, dialect))
         .order_by(c.last_seen.desc(), c.id.desc()))
    if limit is not None:
        q = q.limit(limit)
    for (record,) in conn.execution_options(stream_results=True, yield_per=500).execute(q):
        yield cluster_from_record(record)


def cluster_page(conn: Connection, dialect: str, f: EventFilter, *, limit: int,
                 cursor: str | None) -> Page[EventCluster]:
    c = clusters.c
    size = _page_size(limit)
    key = func.coalesce(c.last_seen, "")
    q = (select(c.record, key, c.id)
         .where(*_cluster_clauses(f, dialect), *after_cursor(key, c.id, cursor, True))
         .order_by(key.desc(), c.id.desc()).limit(size + 1))
    rows = conn.execute(q).all()
    items = [cluster_from_record(r[0]) for r in rows[:size]]
    nxt = encode_cursor(rows[size - 1][1], rows[size - 1][2]) if len(rows) > size else None
    return Page(items, nxt)


def count_clusters(conn: Connection, dialect: str, f: EventFilter) -> int:
    q = select(func.count()).select_from(clusters).where(*_cluster_clauses(f, dialect))
    return int(conn.execute(q).scalar() or 0)


def _bucket(dialect: str, bucket: str, day_col: Any = None) -> Any:
    day = func.substr(events.c.sort_key, 1, 10) if day_col is None else day_col
    if bucket == "day":
        return day
    if bucket != "week":
        raise StoreError(f"timeline bucket {bucket!r} is not one of: day, week")
    if dialect == "sqlite":
        return func.date(day, "weekday 0", "-6 days")  # the Monday of the ISO week
    return func.to_char(func.date_trunc("week", func.to_date(day, "YYYY-MM-DD")), "YYYY-MM-DD")


ROLLUP_FIELDS = frozenset({"type", "cameo_root", "quad_class", "since", "until", "factuality",
                           "all_factuality"})


def _rollup_ok(f: EventFilter) -> bool:
    """Whether ``f`` filters only on what ``event_counts`` holds."""
    from dataclasses import fields

    return all(not getattr(f, fl.name) for fl in fields(f) if fl.name not in ROLLUP_FIELDS)


def _rollup_clauses(f: EventFilter) -> list[Any]:
    k = event_counts.c
    out: list[Any] = []
    if f.type:
        out.append(k.type.in_([t.upper() for t in f.type]))
    if f.cameo_root:
        out.append(k.cameo_root.in_([r.zfill(2) for r in f.cameo_root]))
    if f.quad_class:
        out.append(k.quad_class.in_([int(q) for q in f.quad_class]))
    if f.since:
        out.append(k.day >= f.since[:10])
    if f.until:
        out.append(k.day <= f.until[:10])
    if not f.all_factuality:
        out.append(k.factuality.in_(list(f.factuality or DEFAULT_FACTUAL_LABELS)))
    return out


def timeline(conn: Connection, dialect: str, f: EventFilter, *, bucket: str,
             by: str) -> list[TimelineCount]:
    if by not in ("type", "quad_class"):
        raise StoreError(f"timeline grouping {by!r} is not one of: type, quad_class")
    if _rollup_ok(f):
        k = event_counts.c
        b = _bucket(dialect, bucket, k.day).label("bucket")
        key = k.type if by == "type" else k.quad_class
        total = func.sum(k.n)
        q = (select(b, key, total).where(*_rollup_clauses(f), func.length(k.day) == 10)
             .group_by(b, key)
             .order_by(b, key))
        return [TimelineCount(bucket=str(r[0]), key=str(r[1]), count=int(r[2]))
                for r in conn.execute(q)]
    b = _bucket(dialect, bucket).label("bucket")
    key = events.c.type if by == "type" else events.c.quad_class
    q = (select(b, key, func.count()).where(*event_clauses(f, dialect),
                                            func.length(events.c.sort_key) >= 10)
         .group_by(b, key).order_by(b, key))
    return [TimelineCount(bucket=str(r[0]), key=str(r[1]), count=int(r[2]))
            for r in conn.execute(q)]


def _outer_id(dialect: str) -> Any:
    """``events.id`` for joining actor rows to the filtered events.

    On SQLite the events are made the outer loop (``+events.id`` cannot be looked
    up): otherwise, to save the GROUP BY sort, the planner walks every actor row in
    node order and looks its event up (15 s for a month of a million events,
    instead of reading that month's events and their actors).
    """
    return literal_column("+events.id") if dialect == "sqlite" else events.c.id


def actor_pairs(conn: Connection, dialect: str, f: EventFilter, *,
                limit: int) -> list[ActorPair]:
    src = event_actors.alias("src")
    tgt = event_actors.alias("tgt")
    n = func.count(distinct(events.c.id))
    q = (select(src.c.node, tgt.c.node, events.c.quad_class, n,
                func.max(src.c.name), func.max(tgt.c.name))
         .select_from(events.join(src, src.c.event_id == _outer_id(dialect))
                      .join(tgt, tgt.c.event_id == _outer_id(dialect)))
         .where(src.c.role == "source", tgt.c.role == "target", src.c.node != tgt.c.node,
                *event_clauses(f, dialect))
         .group_by(src.c.node, tgt.c.node, events.c.quad_class)
         .order_by(n.desc(), src.c.node, tgt.c.node).limit(limit))
    return [ActorPair(source=r[0], target=r[1], quad_class=int(r[2] or 0), count=int(r[3]),
                      source_name=r[4], target_name=r[5]) for r in conn.execute(q)]


def actors(conn: Connection, dialect: str, f: EventFilter, *, limit: int) -> list[ActorCount]:
    a = event_actors.c
    n = func.count(distinct(events.c.id))
    q = (select(a.node, func.max(a.name), n)
         .select_from(events.join(event_actors, a.event_id == _outer_id(dialect)))
         .where(*event_clauses(f, dialect)).group_by(a.node)
         .order_by(n.desc(), a.node).limit(limit))
    return [ActorCount(node=r[0], name=r[1], count=int(r[2])) for r in conn.execute(q)]


def places(conn: Connection, dialect: str, f: EventFilter, *, limit: int) -> list[PlaceCount]:
    c = events.c
    n = func.count()
    q = (select(c.place_geonameid, func.max(c.place_name), func.max(c.place_country),
                func.avg(c.lat), func.avg(c.lon), n)
         .where(c.lat.is_not(None), c.lon.is_not(None), *event_clauses(f, dialect))
         .group_by(c.place_geonameid, func.round(c.lat * 1000), func.round(c.lon * 1000))
         .order_by(n.desc()).limit(limit))
    return [PlaceCount(geonameid=r[0], name=r[1], country=r[2], lat=float(r[3]),
                       lon=float(r[4]), count=int(r[5])) for r in conn.execute(q)]


def search(conn: Connection, dialect: str, q: str, *, limit: int) -> list[SearchHit]:
    hits: list[SearchHit] = []
    m = fts5_query(q)  # also rejects a query without words, on both back-ends
    if dialect == "sqlite":
        doc_rows = conn.execute(text(
            "SELECT f.document_id, d.title, d.outlet, d.published_at, "
            "snippet(documents_fts, 2, '[', ']', '…', 16) "
            "FROM documents_fts f JOIN documents d ON d.id = f.document_id "
            "WHERE documents_fts MATCH :m ORDER BY rank LIMIT :n"), {"m": m, "n": limit})
        ev_rows = conn.execute(text(
            "SELECT f.event_id, f.document_id, d.title, d.outlet, d.published_at, "
            "snippet(evidence_fts, 2, '[', ']', '…', 24) "
            "FROM evidence_fts f JOIN documents d ON d.id = f.document_id "
            "WHERE evidence_fts MATCH :m ORDER BY rank LIMIT :n"), {"m": m, "n": limit})
    else:
        tsq = func.plainto_tsquery("english", q)
        dvec = func.to_tsvector("english", func.coalesce(documents.c.title, "") + literal(" ")
                                + documents.c.text)
        doc_rows = conn.execute(
            select(documents.c.id, documents.c.title, documents.c.outlet,
                   documents.c.published_at,
                   func.ts_headline("english", documents.c.text, tsq,
                                    "StartSel=[,StopSel=],MaxWords=24,MinWords=8"))
            .where(dvec.op("@@")(tsq)).order_by(func.ts_rank(dvec, tsq).desc()).limit(limit))
        evec = func.to_tsvector("english", func.coalesce(events.c.evidence_text, ""))
        ev_rows = conn.execute(
            select(events.c.id, events.c.document_id, documents.c.title, documents.c.outlet,
                   documents.c.published_at,
                   func.ts_headline("english", events.c.evidence_text, tsq,
                                    "StartSel=[,StopSel=],MaxWords=30,MinWords=10"))
            .select_from(events.join(documents, documents.c.id == events.c.document_id))
            .where(evec.op("@@")(tsq)).order_by(func.ts_rank(evec, tsq).desc()).limit(limit))
    for r in doc_rows:
        hits.append(SearchHit(kind="document", id=r[0], document_id=r[0], title=r[1],
                              outlet=r[2], published_at=r[3], snippet=r[4] or ""))
    for r in ev_rows:
        hits.append(SearchHit(kind="event", id=r[0], document_id=r[1], title=r[2],
                              outlet=r[3], published_at=r[4], snippet=r[5] or ""))
    return hits
