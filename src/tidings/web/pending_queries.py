"""Queries the web layer needs that ``tidings.store`` does not offer yet.

TO BE REPLACED. Every function here stands in for the :class:`tidings.store.Store`
method of the same purpose that the storage engineer is adding (``events`` with a
cursor, ``get_event``, ``timeline``, ``actor_pairs``, ``places``, ``actors``,
``search``, ``cluster``, ``documents``), and the result classes mirror the ones
announced in ``tidings.store.query``. When main has a method, the web layer calls
it and the function here goes; when all have landed, this module is deleted.

It only reads: writes go through :meth:`Store.add` alone (one write path). All SQL
is SQLAlchemy Core with bound parameters, written against the tables of
:mod:`tidings.store.schema` as they are on main.
"""

from __future__ import annotations

import base64
import json
import math
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Generic, Literal, TypeVar

from sqlalchemy import and_, func, or_, select

from tidings.errors import StoreError
from tidings.records import DEFAULT_FACTUAL_LABELS, Document, Event, EventCluster
from tidings.store import Store
from tidings.store.schema import documents, event_actors, events

T = TypeVar("T")
EARTH_RADIUS_KM = 6371.0088


@dataclass(slots=True, kw_only=True)
class EventFilter:
    """Event filters: the fields of the store's coming ``EventFilter``, all optional.

    Attributes:
        type, cameo_root, quad_class: codes to include.
        actor: actor id, name or text (source or target).
        country: ISO-3 country of a source or target actor.
        sector: sector code of a source or target actor.
        place: a place name (case-insensitive) or GeoNames id.
        bbox: ``(min_lon, min_lat, max_lon, max_lat)``.
        near: ``(lat, lon, radius_km)``.
        since, until: ISO dates bounding the event time (inclusive).
        factuality: labels to include (empty: asserted, reported, planned).
        all_factuality: include every label.
        outlet: publishing outlet.
        text: words that must all occur in the document (title or text).
        document_id, cluster_id: one document's or one cluster's events.
    """

    type: Sequence[str] = ()
    cameo_root: Sequence[str] = ()
    quad_class: Sequence[int] = ()
    actor: str | None = None
    country: str | None = None
    sector: str | None = None
    place: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    near: tuple[float, float, float] | None = None
    since: str | None = None
    until: str | None = None
    factuality: Sequence[str] = ()
    all_factuality: bool = False
    outlet: str | None = None
    text: str | None = None
    document_id: str | None = None
    cluster_id: str | None = None


@dataclass(slots=True)
class Page(Generic[T]):
    """One page of results and the cursor of the next (None on the last page)."""

    items: list[T]
    next_cursor: str | None = None


@dataclass(slots=True, kw_only=True)
class TimelineCount:
    """Events in one bucket (``YYYY-MM-DD``; the Monday for weeks) and group."""

    bucket: str
    key: str
    count: int


@dataclass(slots=True, kw_only=True)
class ActorPair:
    """Events from one actor node to another, in one quad class."""

    source: str
    target: str
    quad_class: int
    count: int
    source_name: str | None = None
    target_name: str | None = None


@dataclass(slots=True, kw_only=True)
class PlaceCount:
    """Events at one place: a map marker."""

    geonameid: int | None
    name: str | None
    country: str | None
    lat: float
    lon: float
    count: int


@dataclass(slots=True, kw_only=True)
class ActorCount:
    """Events one actor node (country, else actor id) takes part in."""

    node: str
    name: str | None
    count: int


@dataclass(slots=True, kw_only=True)
class SearchHit:
    """A text match: a document, or an event's evidence sentence."""

    kind: Literal["document", "event"]
    id: str
    document_id: str
    title: str | None
    outlet: str | None
    published_at: str | None
    snippet: str


@dataclass(slots=True, kw_only=True)
class ClusterDetail:
    """A cluster with its member events and the documents they come from."""

    cluster: EventCluster
    events: list[Event] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)


# -- cursors -------------------------------------------------------------------------

def encode_cursor(key: str, row_id: str) -> str:
    raw = json.dumps([key, row_id], separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: str) -> tuple[str, str]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        key, row_id = json.loads(raw)
        if not isinstance(key, str) or not isinstance(row_id, str):
            raise TypeError("cursor parts are not strings")
        return key, row_id
    except (ValueError, TypeError) as exc:
        raise StoreError(f"cursor {cursor!r} is not one this server gave out; start again "
                         f"without a cursor ({exc})") from None


def _after(key_col: Any, id_col: Any, cursor: str | None, descending: bool) -> list[Any]:
    if not cursor:
        return []
    key, row_id = decode_cursor(cursor)
    if descending:
        return [or_(key_col < key, and_(key_col == key, id_col < row_id))]
    return [or_(key_col > key, and_(key_col == key, id_col > row_id))]


# -- filters -------------------------------------------------------------------------

_WORD = re.compile(r"\w+", re.UNICODE)


def _like(words: str) -> str:
    escaped = words.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _text_matches(column: Any, q: str) -> list[Any]:
    words = _WORD.findall(q)
    if not words:
        raise StoreError(f"text query {q!r} has no words to search for")
    return [func.lower(column).like(_like(w), escape="\\") for w in words]


def _distance_km(lat: float, lon: float) -> Any:
    c = events.c
    rad = math.pi / 180.0
    dlat = (c.lat - lat) * rad / 2
    dlon = (c.lon - lon) * rad / 2
    h = (func.sin(dlat) * func.sin(dlat)
         + func.cos(c.lat * rad) * math.cos(lat * rad) * func.sin(dlon) * func.sin(dlon))
    return 2 * EARTH_RADIUS_KM * func.asin(func.sqrt(h))


_NODE = func.coalesce(event_actors.c.country, event_actors.c.actor_id)


def clauses(f: EventFilter) -> list[Any]:
    """SQL conditions on ``events`` for ``f``."""
    c = events.c
    a = event_actors.c
    out: list[Any] = []
    if f.type:
        out.append(c.type.in_([t.upper() for t in f.type]))
    if f.cameo_root:
        out.append(c.cameo_root.in_([r.zfill(2) for r in f.cameo_root]))
    if f.quad_class:
        out.append(c.quad_class.in_([int(q) for q in f.quad_class]))
    if f.since:
        out.append(c.time_end >= f.since[:10])
    if f.until:
        out.append(c.time_start <= f.until[:10] + "\uffff")
    if f.outlet:
        out.append(c.outlet == f.outlet)
    if f.document_id:
        out.append(c.document_id == f.document_id)
    if f.cluster_id:
        out.append(c.cluster_id == f.cluster_id)
    if not f.all_factuality:
        out.append(c.factuality.in_(list(f.factuality or DEFAULT_FACTUAL_LABELS)))
    if f.actor:
        low = f.actor.lower()
        out.append(c.id.in_(select(a.event_id).where(
            (a.actor_id == f.actor) | (f.actor == _NODE) | (func.lower(a.text) == low)
            | (func.lower(a.name) == low))))
    if f.country:
        out.append(c.id.in_(select(a.event_id).where(a.country == f.country.upper())))
    if f.sector:
        out.append(c.id.in_(select(a.event_id).where(
            ("," + a.sectors + ",").like(_like("," + f.sector.upper() + ","), escape="\\"))))
    if f.place:
        if f.place.isdigit():
            out.append(c.place_geonameid == int(f.place))
        else:
            out.append(func.lower(c.place_name) == f.place.lower())
    if f.bbox:
        min_lon, min_lat, max_lon, max_lat = f.bbox
        out.append(c.lat.between(min_lat, max_lat))
        if min_lon <= max_lon:
            out.append(c.lon.between(min_lon, max_lon))
        else:  # the box crosses the antimeridian
            out.append(or_(c.lon >= min_lon, c.lon <= max_lon))
    if f.near:
        lat, lon, km = f.near
        out.append(c.lat.between(lat - km / 111.0, lat + km / 111.0))
        out.append(_distance_km(lat, lon) <= km)
    if f.text:
        d = documents.c
        out.append(c.document_id.in_(select(d.id).where(
            *_text_matches(func.coalesce(d.title, "") + " " + d.text, f.text))))
    return out


# -- events --------------------------------------------------------------------------

_SORT = func.coalesce(events.c.time_start, "")


def events_page_json(store: Store, f: EventFilter, *, cursor: str | None = None,
                     limit: int = 50, descending: bool = False) -> Page[str]:
    """One page of events in (event time, id) order, each as the JSON text of its public
    record as stored (``Event.to_dict()``, written by ``Store.add``): the API passes
    it through without parsing it. Stands in for ``Store.events``."""
    c = events.c
    order = [_SORT.desc(), c.id.desc()] if descending else [_SORT, c.id]
    q = (select(c.record, _SORT, c.id)
         .where(*clauses(f), *_after(_SORT, c.id, cursor, descending))
         .order_by(*order).limit(limit + 1))
    with store.engine.connect() as conn:
        rows = conn.execute(q).all()
    nxt = encode_cursor(rows[limit - 1][1], rows[limit - 1][2]) if len(rows) > limit else None
    return Page([r[0] for r in rows[:limit]], nxt)


def events_page(store: Store, f: EventFilter, *, cursor: str | None = None, limit: int = 50,
                descending: bool = False) -> Page[Event]:
    """One page of events as records (see :func:`events_page_json`)."""
    page = events_page_json(store, f, cursor=cursor, limit=limit, descending=descending)
    return Page([Event.from_dict(json.loads(r)) for r in page.items], page.next_cursor)


def iter_events_json(store: Store, f: EventFilter, *, batch: int = 500) -> Iterator[str]:
    """Every matching event's JSON record, read a page at a time (constant memory)."""
    cursor: str | None = None
    while True:
        page = events_page_json(store, f, cursor=cursor, limit=batch)
        yield from page.items
        if page.next_cursor is None:
            return
        cursor = page.next_cursor


def iter_events(store: Store, f: EventFilter, *, batch: int = 500) -> Iterator[Event]:
    """Every matching event, read a page at a time (constant memory)."""
    cursor: str | None = None
    while True:
        page = events_page(store, f, cursor=cursor, limit=batch)
        yield from page.items
        if page.next_cursor is None:
            return
        cursor = page.next_cursor


def count_events(store: Store, f: EventFilter) -> int:
    with store.engine.connect() as conn:
        q = select(func.count()).select_from(events).where(*clauses(f))
        return int(conn.execute(q).scalar() or 0)


def get_event_json(store: Store, event_id: str) -> str | None:
    """One event's public record as stored (JSON text), or None."""
    with store.engine.connect() as conn:
        record = conn.execute(select(events.c.record).where(events.c.id == event_id)).scalar()
    return str(record) if record else None


# -- aggregates ----------------------------------------------------------------------

def _week(day: str) -> str:
    d = date.fromisoformat(day)
    return (d - timedelta(days=d.weekday())).isoformat()


def timeline(store: Store, f: EventFilter, *, bucket: Literal["day", "week"] = "day",
             by: Literal["type", "quad_class", "none"] = "type") -> list[TimelineCount]:
    """Event counts per day or week (the Monday), per type or quad class."""
    c = events.c
    day = func.substr(c.time_start, 1, 10)
    key: Any = {"type": c.type, "quad_class": c.quad_class, "none": c.type}[by]
    q = (select(day, key, func.count()).where(*clauses(f), c.time_start.is_not(None))
         .group_by(day, key))
    counts: Counter[tuple[str, str]] = Counter()
    with store.engine.connect() as conn:
        for d, k, n in conn.execute(q):
            try:
                b = _week(d) if bucket == "week" else date.fromisoformat(d).isoformat()
            except ValueError:  # a time value that is not a day (e.g. a bare year)
                continue
            counts[(b, "all" if by == "none" else str(k))] += int(n)
    return [TimelineCount(bucket=b, key=k, count=n) for (b, k), n in sorted(counts.items())]


def actor_pairs(store: Store, f: EventFilter, *, limit: int = 200) -> list[ActorPair]:
    """Source -> target counts per quad class, the largest ``limit`` pairs."""
    s = event_actors.alias("s")
    t = event_actors.alias("t")
    snode = func.coalesce(s.c.country, s.c.actor_id)
    tnode = func.coalesce(t.c.country, t.c.actor_id)
    n = func.count(func.distinct(events.c.id))
    q = (select(snode, tnode, events.c.quad_class, n, func.max(s.c.name), func.max(t.c.name))
         .select_from(events.join(s, and_(s.c.event_id == events.c.id, s.c.role == "source"))
                      .join(t, and_(t.c.event_id == events.c.id, t.c.role == "target")))
         .where(*clauses(f), snode.is_not(None), tnode.is_not(None), snode != tnode)
         .group_by(snode, tnode, events.c.quad_class)
         .order_by(n.desc(), snode, tnode).limit(limit))
    with store.engine.connect() as conn:
        return [ActorPair(source=a, target=b, quad_class=int(qc or 0), count=int(k),
                          source_name=sn, target_name=tn)
                for a, b, qc, k, sn, tn in conn.execute(q)]


def places(store: Store, f: EventFilter, *, limit: int = 2000) -> list[PlaceCount]:
    """One row per located place with its event count."""
    c = events.c
    n = func.count()
    q = (select(c.place_geonameid, func.max(c.place_name), func.max(c.place_country),
                func.avg(c.lat), func.avg(c.lon), n)
         .where(*clauses(f), c.lat.is_not(None), c.lon.is_not(None))
         .group_by(c.place_geonameid, func.coalesce(c.place_geonameid, c.lat * 1000 + c.lon))
         .order_by(n.desc()).limit(limit))
    with store.engine.connect() as conn:
        return [PlaceCount(geonameid=g, name=name, country=country, lat=float(lat),
                           lon=float(lon), count=int(k))
                for g, name, country, lat, lon, k in conn.execute(q)]


def actors(store: Store, f: EventFilter, *, prefix: str | None = None,
           limit: int = 100) -> list[ActorCount]:
    """Actor nodes (country, else actor id) by the number of their events."""
    a = event_actors.c
    node = func.coalesce(a.country, a.actor_id)
    n = func.count(func.distinct(a.event_id))
    where: list[Any] = [a.event_id.in_(select(events.c.id).where(*clauses(f))),
                        node.is_not(None)]
    if prefix:
        p = prefix.lower()
        where.append(or_(func.lower(node).like(_like(p)[1:], escape="\\"),
                         func.lower(a.name).like(_like(p)[1:], escape="\\")))
    q = (select(node, func.max(a.name), n).where(*where).group_by(node)
         .order_by(n.desc(), node).limit(limit))
    with store.engine.connect() as conn:
        return [ActorCount(node=k, name=name, count=int(c)) for k, name, c in conn.execute(q)]


def facets(store: Store) -> dict[str, Any]:
    """What the filter menus offer: outlets, types, roots, labels and the date range."""
    c = events.c
    with store.engine.connect() as conn:
        outlets = [r[0] for r in conn.execute(
            select(documents.c.outlet).where(documents.c.outlet.is_not(None))
            .group_by(documents.c.outlet).order_by(documents.c.outlet))]
        types = {r[0]: int(r[1]) for r in conn.execute(
            select(c.type, func.count()).group_by(c.type))}
        labels = {r[0]: int(r[1]) for r in conn.execute(
            select(c.factuality, func.count()).group_by(c.factuality))}
        first, last = conn.execute(select(func.min(c.time_start), func.max(c.time_end))).one()
        n_docs = int(conn.execute(select(func.count()).select_from(documents)).scalar() or 0)
    return {"outlets": outlets, "types": types, "factuality": labels,
            "first": first[:10] if first else None, "last": last[:10] if last else None,
            "documents": n_docs, "events": sum(types.values())}


# -- documents, search, clusters -----------------------------------------------------

def _summary_row(row: Any) -> dict[str, Any]:
    return {"id": row.id, "url": row.url, "outlet": row.outlet, "title": row.title,
            "published_at": row.published_at, "n_events": int(row.n_events or 0)}


def documents_page(store: Store, *, outlet: str | None = None, text: str | None = None,
                   cursor: str | None = None, limit: int = 50) -> Page[dict[str, Any]]:
    """Document summaries (no text), newest first, with their event counts."""
    d = documents.c
    sort = func.coalesce(d.published_at, "")
    n_events = (select(func.count()).where(events.c.document_id == d.id)
                .scalar_subquery().label("n_events"))
    where: list[Any] = []
    if outlet:
        where.append(d.outlet == outlet)
    if text:
        where.extend(_text_matches(func.coalesce(d.title, "") + " " + d.text, text))
    q = (select(d.id, d.url, d.outlet, d.title, d.published_at, n_events, sort.label("k"))
         .where(*where, *_after(sort, d.id, cursor, True))
         .order_by(sort.desc(), d.id.desc()).limit(limit + 1))
    with store.engine.connect() as conn:
        rows = conn.execute(q).all()
    nxt = encode_cursor(rows[limit - 1].k, rows[limit - 1].id) if len(rows) > limit else None
    return Page([_summary_row(r) for r in rows[:limit]], nxt)


def _snippet(text: str, words: list[str], width: int = 160) -> str:
    low = text.lower()
    hits = [low.find(w.lower()) for w in words]
    first = min((h for h in hits if h >= 0), default=0)
    start = max(0, first - width // 3)
    return ("…" if start else "") + text[start:start + width].replace("\n", " ") + (
        "…" if start + width < len(text) else "")


def search(store: Store, q: str, *, limit: int = 20) -> list[SearchHit]:
    """Documents, then evidence sentences, in which every word of ``q`` occurs."""
    words = _WORD.findall(q)
    if not words:
        raise StoreError(f"search {q!r} has no words to search for")
    d = documents.c
    hay = func.coalesce(d.title, "") + " " + d.text
    with store.engine.connect() as conn:
        docs = conn.execute(select(d.id, d.title, d.outlet, d.published_at, d.text)
                            .where(*_text_matches(hay, q))
                            .order_by(func.coalesce(d.published_at, "").desc(), d.id)
                            .limit(limit)).all()
        hits = [SearchHit(kind="document", id=r.id, document_id=r.id, title=r.title,
                          outlet=r.outlet, published_at=r.published_at,
                          snippet=_snippet(r.text, words)) for r in docs]
        by_doc = {r.id: r for r in docs}
        recs = conn.execute(select(events.c.record).where(
            events.c.document_id.in_(list(by_doc))).order_by(events.c.id)).all()
    for (rec,) in recs:
        ev = Event.from_dict(json.loads(rec))
        sentence = ev.evidence.text.lower()
        if all(w.lower() in sentence for w in words) and len(hits) < 2 * limit:
            r = by_doc[ev.document_id]
            hits.append(SearchHit(kind="event", id=ev.id, document_id=ev.document_id,
                                  title=r.title, outlet=r.outlet, published_at=r.published_at,
                                  snippet=ev.evidence.text))
    return hits


@dataclass(slots=True, kw_only=True)
class ClusterCount:
    """A cluster in a list: its size and time span."""

    id: str
    type: str
    n_events: int
    n_documents: int
    time_start: str | None
    time_end: str | None


def clusters(store: Store, f: EventFilter, *, limit: int = 50) -> list[ClusterCount]:
    """Clusters with a member event matching ``f``, the most reported first."""
    c = events.c
    n = func.count()
    q = (select(c.cluster_id, func.max(c.type), n, func.count(func.distinct(c.document_id)),
                func.min(c.time_start), func.max(c.time_end))
         .where(*clauses(f), c.cluster_id.is_not(None)).group_by(c.cluster_id)
         .order_by(n.desc(), c.cluster_id).limit(limit))
    with store.engine.connect() as conn:
        return [ClusterCount(id=i, type=t, n_events=int(k), n_documents=int(d), time_start=a,
                             time_end=b) for i, t, k, d, a, b in conn.execute(q)]


def cluster(store: Store, cluster_id: str) -> ClusterDetail | None:
    """A cluster's events (every factuality) and documents, with a summary record."""
    evs = list(iter_events(store, EventFilter(cluster_id=cluster_id, all_factuality=True)))
    if not evs:
        return None
    doc_ids = sorted({e.document_id for e in evs})
    docs = [d for d in (store.get_document(i) for i in doc_ids) if d is not None]
    published = sorted(d.published_at.isoformat() for d in docs if d.published_at)
    best = Counter(e.type for e in evs).most_common(1)[0][0]
    first = next(e for e in evs if e.type == best)
    summary = EventCluster(
        id=cluster_id, type=best, mode=first.mode, cameo=first.cameo, sources=first.sources,
        targets=first.targets, place=first.place, time=first.time,
        factuality=first.factuality, first_seen=published[0] if published else None,
        last_seen=published[-1] if published else None, n_events=len(evs),
        n_documents=len(docs), n_outlets=len({d.outlet for d in docs if d.outlet}),
        event_ids=[e.id for e in evs])
    return ClusterDetail(cluster=summary, events=evs, documents=docs)

