"""Fixtures for the web tests: databases, in-process clients, a live server, a browser."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.conftest import SAMPLE
from tests.web.records import corpus
from tidings.pipeline import Pipeline
from tidings.store import Store
from tidings.web import create_app, static_ready

TOKEN = "test-token-0123456789abcdef"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"]


def need(condition: bool, reason: str) -> None:
    """Skip with ``reason`` when ``condition`` fails; in CI (which installs everything)
    fail instead, so that a broken set-up cannot pass as skipped tests."""
    if condition:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI installs it in .ci/setup.d/20-chromium.sh)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def records_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """A database of hand-built records (see tests/web/records.py)."""
    path = tmp_path_factory.mktemp("web") / "records.db"
    store = Store.open(str(path))
    store.add(corpus())
    yield store
    store.close()


@pytest.fixture(scope="session")
def client(records_store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(records_store)) as c:
        yield c


@pytest.fixture()
def writable_store(tmp_path: Path) -> Iterator[Store]:
    store = Store.open(str(tmp_path / "write.db"))
    yield store
    store.close()


@pytest.fixture()
def write_client(writable_store: Store, pipeline: Pipeline) -> Iterator[TestClient]:
    with TestClient(create_app(writable_store, token=TOKEN,
                               pipeline_factory=lambda: pipeline)) as c:
        yield c


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline
                 ) -> Iterator[Store]:
    """The bundled sample ingested through the pipeline, plus the hand-built records."""
    from tidings.ingest import ingest, read_sources

    path = tmp_path_factory.mktemp("web") / "sample.db"
    store = Store.open(str(path))
    summary = ingest(read_sources([SAMPLE]), store, pipeline)
    assert summary.stored >= 4, summary.line()
    store.add(corpus())
    yield store
    store.close()


class LiveServer:
    """uvicorn in a thread on 127.0.0.1 and a free port."""

    def __init__(self, store: Store) -> None:
        import uvicorn

        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        sock.close()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(create_app(store, allowed_hosts={"127.0.0.1", "localhost"}),
                                host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the test server did not start within 20 s")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_server(sample_store: Store) -> Iterator[LiveServer]:
    need(static_ready(), "the web page is not built: run `python tools/build_web.py`")
    with LiveServer(sample_store) as server:
        yield server


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    need(Path(CHROMIUM).is_file() or shutil.which("chromium") is not None,
         f"headless browser tests need Debian's chromium at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        need(False, "headless browser tests need the playwright package (pip install -e .[dev])")
        raise
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield b
        b.close()
