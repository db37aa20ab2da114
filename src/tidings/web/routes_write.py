"""Write endpoints: ingest a posted article or a URL.

They are off unless the server was started with a token, and then every call must
present it (``Authorization: Bearer TOKEN``), compared in constant time. They go
through the same ingest runner and :meth:`Store.add` as ``tidings ingest``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date, datetime
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, Header, Request
from fastapi.responses import JSONResponse

from tidings.errors import TidingsError
from tidings.pipeline import Pipeline, to_datetime
from tidings.records import Document, Rejected
from tidings.store import EventFilter
from tidings.web import models
from tidings.web.errors import ERROR_RESPONSES, ApiError
from tidings.web.routes_read import store_of
from tidings.web.security import token_matches


def require_token(request: Request,
                  authorization: Annotated[str | None, Header(max_length=1000)] = None,
                  ) -> None:
    """Refuse unless the server has a token and the request presents it."""
    expected = request.app.state.token
    if expected is None:
        raise ApiError(403, "read_only", "this server is read-only; start it with "
                       "`tidings serve --token TOKEN` to turn the write endpoints on")
    given = None
    if authorization and authorization[:7].lower() == "bearer ":
        given = authorization[7:].strip()
    if not token_matches(given, expected):
        raise ApiError(401, "unauthorized", "this endpoint needs the server's token as "
                       "`Authorization: Bearer TOKEN`", headers={"WWW-Authenticate": "Bearer"})


router = APIRouter(prefix="/api", responses=ERROR_RESPONSES, tags=["write"],
                   dependencies=[Depends(require_token)])


class PipelineHolder:
    """Loads the pipeline on the first write and serializes writes (spaCy is not
    thread-safe, and one writer keeps SQLite simple)."""

    def __init__(self, factory: Callable[[], Pipeline]) -> None:
        self.factory = factory
        self.lock = threading.Lock()
        self._pipeline: Pipeline | None = None

    def get(self) -> Pipeline:
        if self._pipeline is None:
            self._pipeline = self.factory()
        return self._pipeline


def _when(value: datetime | date | None) -> datetime | None:
    return to_datetime(value) if value is not None else None


def _run(request: Request, items: list[Document | Rejected]) -> JSONResponse:
    from tidings.ingest import ingest

    holder: PipelineHolder = request.app.state.pipeline
    store = store_of(request)
    rejected: list[Rejected] = []
    docs = [i for i in items if isinstance(i, Document)]
    with holder.lock:
        pipeline = holder.get()
        try:
            summary = ingest(items, store, pipeline, min_chars=pipeline.config.min_chars,
                             on_reject=rejected.append)
        except TidingsError as exc:
            raise ApiError(500, "store_failed", f"nothing was stored: {exc}") from None
        event_ids = [e.id for d in docs for e in store.event_page(
            EventFilter(document_id=d.id, all_factuality=True), limit=1000).items]
    body: dict[str, Any] = {
        "document_ids": [d.id for d in docs], "stored": summary.stored,
        "duplicates": summary.duplicates, "event_ids": event_ids,
        "rejected": [r.to_dict() for r in rejected]}
    if rejected and not summary.stored and not summary.duplicates:
        raise ApiError(422, "rejected", "; ".join(r.message for r in rejected),
                       [{"loc": ["body"], "msg": r.message, "type": r.reason}
                        for r in rejected])
    return JSONResponse(body, status_code=201 if summary.stored else 200)


@router.post("/documents", response_model=models.IngestOut, status_code=201,
             summary="Ingest an article (needs the token)")
def post_document(request: Request, article: models.ArticleIn) -> JSONResponse:
    doc = Document.from_text(article.text, title=article.title, url=article.url,
                             outlet=article.outlet, published_at=_when(article.published_at),
                             source="api")
    return _run(request, [doc])


@router.post("/ingest/url", response_model=models.IngestOut, status_code=201,
             summary="Fetch a web page and ingest it (needs the token)")
def post_url(request: Request, body: models.UrlIn) -> JSONResponse:
    from tidings.ingest import read_sources

    parts = urlsplit(body.url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        # never hand a path to the readers: a client must not make the server read its files
        raise ApiError(422, "invalid_request", f"url {body.url!r}: give an http(s) URL",
                       [{"loc": ["body", "url"], "msg": "not an http(s) URL",
                         "type": "value_error"}])
    items = list(read_sources([body.url], published_at=_when(body.published_at),
                              outlet=body.outlet))
    return _run(request, items)
