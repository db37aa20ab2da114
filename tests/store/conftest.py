"""The storage suite runs against both back-ends: SQLite and a real PostgreSQL.

PostgreSQL comes from ``.ci/setup.d/10-postgres.sh`` (``$TIDINGS_TEST_PG``, else
the URL that script prints). Each test gets a schema of its own, dropped after.
Without a server the PostgreSQL cases skip with the reason, except in CI
(``CI=true``), where a missing server is an error.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tidings.store import Store

DEFAULT_PG = "postgresql://tidings:tidings@127.0.0.1:55432/tidings_test"


def pg_url() -> str:
    return os.environ.get("TIDINGS_TEST_PG", DEFAULT_PG)


_PG_STATE: dict[str, str | None] = {}


def _pg_problem() -> str | None:
    if "problem" not in _PG_STATE:
        try:
            import psycopg

            with psycopg.connect(pg_url(), connect_timeout=3):
                pass
            _PG_STATE["problem"] = None
        except Exception as exc:  # any failure to connect means: no server here
            _PG_STATE["problem"] = f"{type(exc).__name__}: {exc}"
    return _PG_STATE["problem"]


def pg_available() -> None:
    """Skip (or fail, in CI) when the PostgreSQL test server is not reachable."""
    problem = _pg_problem()
    if problem is None:
        return
    msg = (f"PostgreSQL test server not reachable at {pg_url()} ({problem}); "
           "run `bash .ci/setup.d/10-postgres.sh` or set TIDINGS_TEST_PG")
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(msg)
    pytest.skip(msg)


def open_store(backend: str, tmp_path: Path) -> Iterator[Store]:
    if backend == "sqlite":
        store = Store.open(str(tmp_path / "t.db"))
        yield store
        store.close()
        return
    pg_available()
    import psycopg

    schema = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(pg_url(), autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        sep = "&" if "?" in pg_url() else "?"
        store = Store.open(f"{pg_url()}{sep}options=-csearch_path%3D{schema}")
        yield store
        store.close()
    finally:
        with psycopg.connect(pg_url(), autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def store(backend: str, tmp_path: Path) -> Iterator[Store]:
    yield from open_store(backend, tmp_path)
