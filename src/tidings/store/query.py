"""Query filters, typed results and the SQL clauses behind them.

The names here are the query API that the CLI, the REST API and the exports use;
they are kept stable (extend, never rename).
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, Literal, TypeVar

from sqlalchemy import and_, exists, func, literal, literal_column, or_, select, text, union
from sqlalchemy.sql.elements import ColumnElement

from tidings.errors import StoreError
from tidings.records import DEFAULT_FACTUAL_LABELS, Document, Event, EventCluster
from tidings.store.schema import event_actors, event_sectors, events

T = TypeVar("T")

EARTH_RADIUS_KM = 6371.0088


@dataclass(slots=True, kw_only=True)
class EventFilter:
    """Filters for event and cluster queries; every field is optional.

    Attributes:
        type: PLOVER type(s).
        cameo_root: two-digit CAMEO root(s).
        quad_class: CAMEO quad class(es), 1-4.
        actor: actor id, name or text (source or target).
        country: ISO-3 country of a source or target actor.
        sector: sector code of a source or target actor (GOV, MIL, COP, ...).
        place: a place name (case-insensitive) or GeoNames id.
        bbox: ``(min_lon, min_lat, max_lon, max_lat)``; events placed inside it.
        near: ``(lat, lon, radius_km)``; events placed within the radius.
        since, until: ISO dates bounding the event time (inclusive).
        factuality: labels to include; empty means the default (asserted, reported,
            planned) unless ``all_factuality``.
        all_factuality: include every label.
        outlet: publishing outlet.
        text: full-text query over evidence sentences and document text.
        document_id: one document's events.
        cluster_id: one cluster's events.
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

    def everything(self) -> EventFilter:
        """The same filter with every factuality label included."""
        from dataclasses import replace

        return replace(self, factuality=(), all_factuality=True)


@dataclass(slots=True)
class Page(Generic[T]):
    """One page of results and the cursor of the next (None on the last page)."""

    items: list[T]
    next_cursor: str | None = None


@dataclass(slots=True, kw_only=True)
class TimelineCount:
    """Events in one time bucket (``YYYY-MM-DD``, the Monday for weeks) and group."""

    bucket: str
    key: str
    count: int


@dataclass(slots=True, kw_only=True)
class ActorPair:
    """Events from one actor (country, else actor id) to another, in one quad class."""

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
    """Events one actor (country, else actor id) takes part in."""

    node: str
    name: str | None
    count: int


@dataclass(slots=True, kw_only=True)
class SearchHit:
    """A full-text match: a document, or an event's evidence sentence."""

    kind: Literal["document", "event"]
    id: str
    document_id: str
    title: str | None
    outlet: str | None
    published_at: str | None
    snippet: str


@dataclass(slots=True, frozen=True)
class EventRow:
    """An event with what exports need of its document and cluster.

    ``cluster_counts`` is (events, outlets, documents) of its cluster, when linked.
    """

    event: Event
    outlet: str | None
    url: str | None
    title: str | None
    published_at: str | None
    cluster_counts: tuple[int, int, int] | None = None


@dataclass(slots=True, kw_only=True)
class ClusterDetail:
    """A cluster with its member events and the documents they come from."""

    cluster: EventCluster
    events: list[Event] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)


# -- cursors ------------------------------------------------------------------------

def encode_cursor(key: str, row_id: str) -> str:
    raw = json.dumps([key, row_id], separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: str) -> tuple[str, str]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        key, row_id = json.loads(raw)
        return str(key), str(row_id)
    except (ValueError, TypeError) as exc:
        raise StoreError(f"cursor {cursor!r} is not one this database gave out; start "
                         f"again without a cursor ({exc})") from None


def after_cursor(key_col: Any, id_col: Any, cursor: str | None, descending: bool) -> list[Any]:
    """Keyset condition: rows after the cursor in (key, id) order."""
    if not cursor:
        return []
    key, row_id = decode_cursor(cursor)
    if descending:
        return [or_(key_col < key, and_(key_col == key, id_col < row_id))]
    return [or_(key_col > key, and_(key_col == key, id_col > row_id))]


# -- full text ----------------------------------------------------------------------

_WORD = re.compile(r"\w+", re.UNICODE)


def fts5_query(q: str) -> str:
    """A user's words as an FTS5 query: every word must occur (no operators)."""
    words = _WORD.findall(q)
    if not words:
        raise StoreError(f"full-text query {q!r} has no words to search for")
    return " ".join(f'"{w}"' for w in words)


def text_clause(dialect: str, q: str, *, walk: bool = False) -> ColumnElement[bool]:
    """Events whose evidence sentence or document matches ``q``.

    ``walk`` (SQLite): the matches are many, so the page query should walk the time
    index and test each event against the two match lists (read once) rather than
    fetch and sort every match (a common word matches a fifth of a million events).
    """
    c = events.c
    if dialect == "sqlite":
        m = fts5_query(q)
        ev = text("SELECT event_id FROM evidence_fts WHERE evidence_fts MATCH :m").bindparams(m=m)
        doc = text("SELECT document_id FROM documents_fts WHERE documents_fts MATCH :m2"
                   ).bindparams(m2=m)
        if walk:
            return or_(literal_column("+events.id").in_(ev),
                       literal_column("+events.document_id").in_(doc))
        return or_(c.id.in_(ev), c.document_id.in_(doc))
    fts5_query(q)  # rejects a query without words
    tsq = func.plainto_tsquery("english", q)
    from tidings.store.schema import documents

    doc_match = select(documents.c.id).where(
        func.to_tsvector("english", func.coalesce(documents.c.title, "") + literal(" ")
                         + documents.c.text).op("@@")(tsq))
    return or_(func.to_tsvector("english", func.coalesce(c.evidence_text, "")).op("@@")(tsq),
               c.document_id.in_(doc_match))


# -- event filter clauses -----------------------------------------------------------

def _distance_km(lat: float, lon: float) -> ColumnElement[float]:
    """Great-circle distance from (lat, lon) to each event's place (haversine)."""
    c = events.c
    rad = 3.141592653589793 / 180.0
    dlat = (c.lat - lat) * rad / 2
    dlon = (c.lon - lon) * rad / 2
    h = (func.sin(dlat) * func.sin(dlat)
         + func.cos(c.lat * rad) * func.cos(lat * rad) * func.sin(dlon) * func.sin(dlon))
    return 2 * EARTH_RADIUS_KM * func.asin(func.sqrt(h))  # type: ignore[no-any-return]


def factuality_clause(f: EventFilter, dialect: str) -> ColumnElement[bool]:
    """Events whose factuality label is one of those asked for (else the default ones).

    The default labels hold nearly every event, so on SQLite the term is written so
    that no index can serve it (``+factuality``): without statistics the planner
    would otherwise pick the factuality index, read most of the table through it and
    sort, instead of walking the time index and stopping at the page size (seconds
    instead of milliseconds on a million events). Labels asked for stay indexable
    (``refuted`` is rare).
    """
    if f.factuality or dialect != "sqlite":
        return events.c.factuality.in_(list(f.factuality or DEFAULT_FACTUAL_LABELS))
    return literal_column("+events.factuality").in_(list(DEFAULT_FACTUAL_LABELS))


def event_clauses(f: EventFilter, dialect: str, *, page: bool = False,
                  walk_text: bool = False) -> list[Any]:
    """SQL conditions on ``events`` for filter ``f``.

    With ``page`` (a query ordered by time with a limit) actor, country and sector are
    correlated EXISTS probes: the query walks the time index and stops at the page size.
    Otherwise (counts, aggregates, and pages of a rare actor) they are IN lists,
    collected once from their index. ``walk_text``: see :func:`text_clause`.
    """
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
        out.append(c.sort_key >= f.since[:10])
    if f.until:
        out.append(c.sort_key <= f.until[:10] + "\uffff")
    if f.outlet:
        out.append(c.outlet == f.outlet)
    if f.document_id:
        out.append(c.document_id == f.document_id)
    if f.cluster_id:
        out.append(c.cluster_id == f.cluster_id)
    if not f.all_factuality:
        out.append(factuality_clause(f, dialect))
    # an alias, so that a query joining event_actors itself (actors()) is not correlated
    a = event_actors.alias("filter_actors").c
    s = event_sectors.alias("filter_sectors").c
    if f.actor:
        low = f.actor.lower()
        if page:
            out.append(exists().where(
                a.event_id == c.id,
                (a.actor_id == f.actor) | (a.node == f.actor) | (func.lower(a.text) == low)
                | (func.lower(a.name) == low)))
        else:  # a union of index lookups (an OR makes SQLite scan the table)
            out.append(c.id.in_(union(
                select(a.event_id).where(a.actor_id == f.actor),
                select(a.event_id).where(a.node == f.actor),
                select(a.event_id).where(func.lower(a.text) == low),
                select(a.event_id).where(func.lower(a.name) == low))))
    if f.country:
        code = f.country.upper()
        out.append(exists().where(a.event_id == c.id, a.node == code) if page
                   else c.id.in_(select(a.event_id).where(a.node == code)))
    if f.sector:
        sec = f.sector.upper()
        out.append(exists().where(s.event_id == c.id, s.sector == sec) if page
                   else c.id.in_(select(s.event_id).where(s.sector == sec)))
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
        # a box first, so the lat/lon index narrows the rows the distance is computed for
        dlat = km / 111.0
        out.append(c.lat.between(lat - dlat, lat + dlat))
        out.append(_distance_km(lat, lon) <= km)
    if f.text:
        out.append(text_clause(dialect, f.text, walk=walk_text))
    return out
