"""Crash safety: ``tidings ingest`` (a real subprocess) killed with SIGKILL at random
moments, three times, then run to the end, on SQLite and on PostgreSQL. Afterwards
each document is stored exactly once, every event belongs to a stored document, the
rollups (clusters, per-day counts) agree with the events, and SQLite passes
``PRAGMA integrity_check``.

The kill points are random; the seed is printed (set ``TIDINGS_CRASH_SEED`` to
replay a run).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine

from tests.ingest.corpus import write_jsonl
from tests.ingest.test_run import CONFIG
from tests.store.conftest import pg_available, pg_url
from tidings.ingest import IngestOptions, SourceReader, ingest
from tidings.pipeline import Pipeline
from tidings.store import Store

from .conftest import ROOT

N_DOCS = 96  # enough that the third kill still lands mid-run on a quiet machine


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database: a SQLite file, or a schema of its own on PostgreSQL."""
    if request.param == "sqlite":
        yield str(tmp_path / "t.db")
        return
    pg_available()  # skips with the reason when no server is reachable
    import psycopg

    schema = "crash_" + uuid.uuid4().hex[:12]
    with psycopg.connect(pg_url(), autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in pg_url() else "?"
    try:
        yield f"{pg_url()}{sep}options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(pg_url(), autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


def _engine(url: str) -> Engine:
    if "://" not in url:
        return create_engine(f"sqlite:///file:{url}?mode=ro&uri=true")
    return create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))


def _stored(engine: Engine) -> int:
    try:
        with engine.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM documents")).scalar_one())
    except Exception:  # the file or table does not exist yet, or is being created
        return 0


def _start(corpus: Path, db: str, *extra: str) -> subprocess.Popen[bytes]:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    cmd = [sys.executable, "-m", "tidings", "ingest", str(corpus), "--db", db,
           "--batch-size", "4", "--no-progress", "--quiet", *extra]
    return subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _kill_when(proc: subprocess.Popen[bytes], engine: Engine, *, at_least: int,
               delay: float, timeout: float = 240) -> None:
    """SIGKILL ``proc`` once ``at_least`` documents are stored and ``delay`` s passed."""
    deadline = time.monotonic() + timeout
    while _stored(engine) < at_least:
        assert proc.poll() is None, proc.communicate()[1].decode()[-2000:]
        assert time.monotonic() < deadline, "the ingest made no progress"
        time.sleep(0.05)
    time.sleep(delay)
    assert proc.poll() is None, "the ingest ended before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)


def _rows(engine: Engine, sql: str) -> list[tuple[Any, ...]]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql))]


def problems(engine: Engine) -> list[str]:
    """Everything that is inconsistent in a database after crashes (empty: all good)."""
    out = []
    one = [
        ("documents stored twice (same text)",
         "SELECT count(*) FROM (SELECT text FROM documents GROUP BY text HAVING count(*) > 1) d"),
        ("documents stored twice (same source)",
         "SELECT count(*) FROM (SELECT source FROM documents GROUP BY source "
         "HAVING count(*) > 1) d"),
        ("events of no stored document",
         "SELECT count(*) FROM events e WHERE NOT EXISTS "
         "(SELECT 1 FROM documents d WHERE d.id = e.document_id)"),
        ("actor rows of no stored event",
         "SELECT count(*) FROM event_actors a WHERE NOT EXISTS "
         "(SELECT 1 FROM events e WHERE e.id = a.event_id)"),
        ("events in no cluster",
         "SELECT count(*) FROM events e WHERE NOT EXISTS "
         "(SELECT 1 FROM clusters c WHERE c.id = e.cluster_id)"),
        ("clusters whose event count is wrong",
         "SELECT count(*) FROM clusters c WHERE c.n_events <> "
         "(SELECT count(*) FROM events e WHERE e.cluster_id = c.id)"),
    ]
    for what, sql in one:
        n = _rows(engine, sql)[0][0]
        if n:
            out.append(f"{n} {what}")
    expected: Counter[tuple[Any, ...]] = Counter()
    for sort_key, typ, root, quad, fact in _rows(
            engine, "SELECT sort_key, type, cameo_root, quad_class, factuality FROM events"):
        day = sort_key[:10] if sort_key and len(sort_key) >= 10 else ""
        expected[(day, typ, root or "", quad or 0, fact or "")] += 1
    counted = Counter({tuple(r[:5]): r[5] for r in _rows(
        engine, "SELECT day, type, cameo_root, quad_class, factuality, n FROM event_counts")
        if r[5]})
    if counted != expected:
        out.append(f"event_counts disagree with the events: {counted - expected} "
                   f"counted but not stored, {expected - counted} stored but not counted")
    return out


def _records(engine: Engine) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    docs = _rows(engine, "SELECT id, text, title, published_at, outlet FROM documents "
                         "ORDER BY id")
    events = _rows(engine, "SELECT id, document_id, record FROM events ORDER BY id")
    return docs, events


@pytest.mark.slow
def test_killed_ingest_resumes_without_loss_or_repeats(tmp_path: Path, pipeline: Pipeline,
                                                       db_url: str) -> None:
    seed = int(os.environ.get("TIDINGS_CRASH_SEED", random.randrange(1_000_000)))
    rng = random.Random(seed)
    corpus = tmp_path / "in.jsonl"
    write_jsonl(corpus, N_DOCS)
    reference = tmp_path / "ref.db"
    opts = IngestOptions.from_config(CONFIG)
    with Store.open(str(reference)) as store, SourceReader(opts) as reader:
        ingest(reader.read([corpus]), store, pipeline, config=CONFIG, options=opts)

    engine = _engine(db_url)
    kills = []
    try:
        # Three kills at random points of the run: the first anywhere from start-up (loading,
        # creating the schema) to a quarter of the documents, then one before half and one
        # before three quarters (that one with two worker processes). Kill points are counts
        # of stored documents, not times, so a fast or slow machine lands them alike.
        first = rng.choice([0, 0, rng.randint(1, N_DOCS // 4)])
        _kill_when(_start(corpus, db_url), engine, at_least=first,
                   delay=rng.uniform(0.5, 4.0) if first == 0 else rng.uniform(0.0, 0.2))
        kills.append(_stored(engine))
        for extra, upto in (((), N_DOCS // 2), (("--workers", "2"), 3 * N_DOCS // 4)):
            target = rng.randint(kills[-1] + 4, max(kills[-1] + 4, upto))
            _kill_when(_start(corpus, db_url, *extra), engine, at_least=target,
                       delay=rng.uniform(0.0, 0.2))
            kills.append(_stored(engine))
        assert kills[-1] < N_DOCS, "the ingest finished before the last kill"
        done = _start(corpus, db_url)
        _, err = done.communicate(timeout=300)
        assert done.returncode == 0, err.decode()
        summary = err.decode().strip().splitlines()[-1]
        print(f"\n{db_url.split('?')[0].rsplit('/', 1)[-1]}: seed {seed}, killed with "
              f"{kills} documents stored; resumed: {summary}")
        assert f"stored {N_DOCS - kills[-1]}," in summary

        assert _records(engine) == _records(_engine(str(reference)))
        assert _stored(engine) == N_DOCS
        assert problems(engine) == []
        if "://" not in db_url:
            assert _rows(engine, "PRAGMA integrity_check") == [("ok",)]
            assert _rows(engine, "PRAGMA foreign_key_check") == []
    finally:
        engine.dispose()
