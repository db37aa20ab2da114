"""The FastAPI application: REST API under ``/api``, the web page at ``/``.

``create_app(store)`` builds it; ``tidings serve`` runs it with uvicorn. The page
and its libraries are files in ``static/`` (built from ``web/`` by
``tools/build_web.py``), so it works with no network at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles

from tidings.pipeline import Pipeline
from tidings.store import Store
from tidings.version import __version__
from tidings.web import errors, routes_read, routes_write
from tidings.web.routes_write import PipelineHolder
from tidings.web.security import Guard

STATIC = Path(__file__).resolve().parent / "static"
"""Where the built page and its libraries are."""

DESCRIPTION = """\
Political events from news, each tied to the sentence that states it.

Events are the public event record (`Event.to_dict()`). Lists are paged with a cursor:
pass a page's `next_cursor` as `cursor`. Every error has the same shape:
`{"error": {"status", "code", "message", "details"}}`. The write endpoints are off
unless the server was started with `--token`, and then need `Authorization: Bearer TOKEN`.
"""


def static_ready(folder: Path = STATIC) -> bool:
    """Whether the page has been built into ``folder``."""
    return (folder / "index.html").is_file() and (folder / "app.js").is_file()


def _default_pipeline() -> Pipeline:
    from tidings.pipeline import default_pipeline

    return default_pipeline()


def create_app(store: Store, *, token: str | None = None,
               pipeline_factory: Callable[[], Pipeline] | None = None,
               allowed_hosts: Iterable[str] | None = None,
               static_dir: Path | None = None) -> FastAPI:
    """The application over ``store``.

    Args:
        store: the database to serve.
        token: turns the write endpoints on, and is then required by them.
        pipeline_factory: builds the pipeline for writes (loaded on the first write).
        allowed_hosts: Host header names accepted; None accepts any (see :class:`Guard`).
        static_dir: the built page (default: the package's ``static/``).
    """
    app = FastAPI(title="tidings", version=__version__, description=DESCRIPTION,
                  docs_url=None, redoc_url=None)  # the stock pages load a CDN: ours below
    app.state.store = store
    app.state.token = token or None
    app.state.pipeline = PipelineHolder(pipeline_factory or _default_pipeline)
    errors.install(app)
    app.add_middleware(Guard, allowed_hosts=allowed_hosts)
    app.include_router(routes_read.router)
    app.include_router(routes_write.router)

    folder = static_dir or STATIC

    def page(name: str) -> Response:
        path = folder / name
        if not static_ready(folder) or not path.is_file():
            return PlainTextResponse(
                "The tidings web page is not built into this installation. From a source "
                "checkout run `python tools/build_web.py` (needs Node.js and npm), then "
                "restart `tidings serve`. The API works meanwhile: see /openapi.json.",
                status_code=503)
        return FileResponse(path, media_type="text/html; charset=utf-8",
                            headers={"Cache-Control": "no-cache"})

    @app.get("/", include_in_schema=False)
    def index() -> Response:
        return page("index.html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> Response:
        return page("docs.html")

    if folder.is_dir():
        app.mount("/static", StaticFiles(directory=folder), name="static")
    return app
