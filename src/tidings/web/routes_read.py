"""Read-only endpoints: events, documents, clusters, aggregates, search, export.

Handlers are plain functions (FastAPI runs them in its thread pool) that call the
store and return JSON built from the public records. They return responses
directly, so each record is serialized once (and a stored event record not at all);
the models in :mod:`tidings.web.models` document the shapes in the OpenAPI schema,
and the fuzz test checks the answers against them.
"""

from __future__ import annotations

import os
import tempfile
from collections import defaultdict
from pathlib import Path as PathLib
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import FileResponse, JSONResponse
from starlette.background import BackgroundTask

from tidings.records import Document, Event, to_dict
from tidings.store import EventFilter, Page, Store
from tidings.version import __version__
from tidings.web import models
from tidings.web import pending_queries as pq
from tidings.web.errors import ERROR_RESPONSES, ApiError
from tidings.web.params import event_filter, words_or_422

router = APIRouter(prefix="/api", responses=ERROR_RESPONSES)

Filter = Annotated[EventFilter, Depends(event_filter)]
Cursor = Annotated[str | None, Query(max_length=500, description="From a previous page's "
                                     "next_cursor.")]
Id = Annotated[str, Path(min_length=1, max_length=80, pattern=r"^[A-Za-z0-9_.:-]+$")]


def store_of(request: Request) -> Store:
    store = request.app.state.store
    assert isinstance(store, Store)
    return store


StoreDep = Annotated[Store, Depends(store_of)]


def json_response(data: Any, status: int = 200) -> JSONResponse:
    return JSONResponse(data, status_code=status)


def page_response(page: Page[Any]) -> JSONResponse:
    """A page of records (events, clusters) with the cursor of the next."""
    return json_response({"items": [to_dict(x) for x in page.items],
                          "next_cursor": page.next_cursor})


def _not_found(what: str, ident: str) -> ApiError:
    return ApiError(404, "not_found", f"no {what} with id {ident!r} in this database")


def document_summary(d: Document, n_events: int = 0) -> dict[str, Any]:
    return {"id": d.id, "url": d.url, "outlet": d.outlet, "title": d.title,
            "published_at": d.published_at.isoformat() if d.published_at else None,
            "n_events": n_events}


@router.get("/health", tags=["meta"], summary="Liveness and version")
def health() -> dict[str, str]:
    return {"status": "ok", "version": __version__}


@router.get("/facets", response_model=models.FacetsOut, tags=["meta"],
            summary="What the filters can take: outlets, types, labels, date range")
def facets(request: Request, store: StoreDep) -> JSONResponse:
    out = pq.facets(store)
    out["writable"] = request.app.state.token is not None
    return json_response(out)


@router.get("/events", response_model=models.EventPage, tags=["events"],
            summary="Events matching the filters, a page at a time")
def list_events(store: StoreDep, f: Filter, cursor: Cursor = None,
                limit: Annotated[int, Query(ge=1, le=500)] = 50,
                order: Literal["asc", "desc"] = "asc") -> JSONResponse:
    return page_response(store.event_page(f, limit=limit, cursor=cursor,
                                          descending=order == "desc"))


@router.get("/events/count", response_model=models.Count, tags=["events"],
            summary="How many events match the filters")
def count_events(store: StoreDep, f: Filter) -> JSONResponse:
    return json_response({"count": store.count_events(f)})


@router.get("/events/{event_id}", response_model=Event, tags=["events"],
            summary="One event (the public event record)")
def get_event(store: StoreDep, event_id: Id) -> JSONResponse:
    ev = store.get_event(event_id)
    if ev is None:
        raise _not_found("event", event_id)
    return json_response(ev.to_dict())


@router.get("/documents", response_model=models.DocumentPage, tags=["documents"],
            summary="Documents, newest first, without their text")
def list_documents(store: StoreDep, cursor: Cursor = None,
                   outlet: Annotated[str | None, Query(max_length=200)] = None,
                   q: Annotated[str | None, Query(max_length=200)] = None,
                   limit: Annotated[int, Query(ge=1, le=500)] = 50) -> JSONResponse:
    page = pq.documents_page(store, outlet=outlet or None, text=words_or_422("q", q),
                             cursor=cursor,
                             limit=limit)
    return json_response({"items": page.items, "next_cursor": page.next_cursor})


@router.get("/documents/{document_id}", response_model=models.DocumentOut,
            tags=["documents"], summary="One document with its text")
def get_document(store: StoreDep, document_id: Id) -> JSONResponse:
    doc = store.get_document(document_id)
    if doc is None:
        raise _not_found("document", document_id)
    return json_response(to_dict(doc))


@router.get("/documents/{document_id}/events", response_model=models.EventPage,
            tags=["documents"], summary="Every event of one document, any factuality")
def document_events(store: StoreDep, document_id: Id, cursor: Cursor = None,
                    limit: Annotated[int, Query(ge=1, le=1000)] = 500) -> JSONResponse:
    if not store.has_document(document_id):
        raise _not_found("document", document_id)
    f = EventFilter(document_id=document_id, all_factuality=True)
    return page_response(store.event_page(f, limit=limit, cursor=cursor, descending=False))


@router.get("/clusters", response_model=models.ClusterPage, tags=["clusters"],
            summary="Stories with a member event matching the filters, last seen first")
def list_clusters(store: StoreDep, f: Filter, cursor: Cursor = None,
                  limit: Annotated[int, Query(ge=1, le=500)] = 50) -> JSONResponse:
    return page_response(store.cluster_page(f, limit=limit, cursor=cursor))


@router.get("/clusters/{cluster_id}", response_model=models.ClusterOut, tags=["clusters"],
            summary="A story: every event and source reporting the same real-world event")
def get_cluster(store: StoreDep, cluster_id: Id) -> JSONResponse:
    detail = store.cluster(cluster_id)
    if detail is None:
        raise _not_found("cluster", cluster_id)
    per_doc: dict[str, int] = defaultdict(int)
    for e in detail.events:
        per_doc[e.document_id] += 1
    return json_response({
        "cluster": detail.cluster.to_dict(),
        "events": [e.to_dict() for e in detail.events],
        "documents": [document_summary(d, per_doc[d.id]) for d in detail.documents]})


@router.get("/actors", response_model=models.ActorsOut, tags=["aggregates"],
            summary="Actors (countries, else actor ids) by number of events")
def list_actors(store: StoreDep, f: Filter,
                prefix: Annotated[str | None, Query(max_length=100)] = None,
                limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> JSONResponse:
    if prefix:  # the store ranks actors; the prefix is matched among the first 2000
        p = prefix.lower()
        items = [a for a in store.actors(f, limit=2000)
                 if a.node.lower().startswith(p) or (a.name or "").lower().startswith(p)]
    else:
        items = store.actors(f, limit=limit)
    return json_response({"items": [to_dict(a) for a in items[:limit]]})


@router.get("/places", response_model=models.PlacesOut, tags=["aggregates"],
            summary="Located places with their event counts (map markers)")
def list_places(store: StoreDep, f: Filter,
                limit: Annotated[int, Query(ge=1, le=10000)] = 2000) -> JSONResponse:
    return json_response({"items": [to_dict(p) for p in store.places(f, limit=limit)]})


@router.get("/timeline", response_model=models.TimelineOut, tags=["aggregates"],
            summary="Event counts per day or week, by type or quad class")
def timeline(store: StoreDep, f: Filter, bucket: Literal["day", "week"] = "day",
             by: Literal["type", "quad_class", "none"] = "type") -> JSONResponse:
    counts = store.timeline(f, bucket=bucket, by="type" if by == "none" else by)
    if by == "none":
        per: dict[str, int] = defaultdict(int)
        for c in counts:
            per[c.bucket] += c.count
        rows = [{"bucket": b, "key": "all", "count": n} for b, n in sorted(per.items())]
    else:
        rows = [to_dict(c) for c in counts]
    return json_response({"bucket": bucket, "by": by, "counts": rows})


@router.get("/network", response_model=models.NetworkOut, tags=["aggregates"],
            summary="Actor network: event counts from source to target actors")
def network(store: StoreDep, f: Filter,
            limit: Annotated[int, Query(ge=1, le=2000)] = 200) -> JSONResponse:
    pairs = store.actor_pairs(f, limit=limit)
    edges: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    names: dict[str, str | None] = {}
    weight: dict[str, int] = defaultdict(int)
    for p in pairs:
        edges[(p.source, p.target)][str(p.quad_class)] = p.count
        names.setdefault(p.source, p.source_name)
        names.setdefault(p.target, p.target_name)
        weight[p.source] += p.count
        weight[p.target] += p.count
    return json_response({
        "nodes": [{"id": n, "name": names[n], "count": weight[n]} for n in sorted(names)],
        "edges": [{"source": s, "target": t, "count": sum(by.values()),
                   "quad_class": int(max(by, key=lambda k: (by[k], k))),
                   "by_quad_class": by} for (s, t), by in edges.items()]})


@router.get("/search", response_model=models.SearchOut, tags=["search"],
            summary="Full-text search over documents and evidence sentences")
def search(store: StoreDep, q: Annotated[str, Query(min_length=1, max_length=200)],
           limit: Annotated[int, Query(ge=1, le=200)] = 20) -> JSONResponse:
    words = words_or_422("q", q)
    hits = store.search(words, limit=limit) if words else []
    return json_response({"items": [to_dict(h) for h in hits]})


MEDIA = {"jsonl": "application/x-ndjson", "csv": "text/csv; charset=utf-8",
         "parquet": "application/vnd.apache.parquet",
         "gdelt": "text/tab-separated-values; charset=utf-8", "plover": "application/json"}


@router.get("/export", tags=["export"], summary="Download the matching events",
            response_class=FileResponse,
            responses={200: {"content": {m.split(";")[0]: {} for m in MEDIA.values()},
                             "description": "The events in the format asked for: JSONL of "
                             "the public record, CSV, Parquet, GDELT 2.0 TSV or PLOVER JSON "
                             "(as `tidings export`)."}})
def export(store: StoreDep, f: Filter,
           format: Literal["jsonl", "csv", "parquet", "gdelt", "plover"] = "jsonl",
           ) -> FileResponse:
    from tidings.export import SUFFIX
    from tidings.export import export as write_export

    # written to a temporary file first (Parquet needs a seekable file), sent, then removed
    fd, name = tempfile.mkstemp(prefix="tidings-export-", suffix=SUFFIX[format])
    os.close(fd)
    path = PathLib(name)
    try:
        write_export(store, format, path, f)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return FileResponse(path, media_type=MEDIA[format],
                        filename=f"tidings-events{SUFFIX[format]}",
                        background=BackgroundTask(path.unlink, missing_ok=True))
