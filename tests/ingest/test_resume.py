"""Resumability: a real ``tidings ingest`` killed with SIGKILL and started again."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tidings.ingest import IngestOptions, SourceReader, ingest
from tidings.pipeline import Pipeline
from tidings.store import Store

from .corpus import write_jsonl
from .test_run import CONFIG, records

ROOT = Path(__file__).resolve().parents[2]
N_DOCS = 60


def _stored(db: Path) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
    except sqlite3.OperationalError:
        return 0
    try:
        return int(con.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.OperationalError:
        return 0
    finally:
        con.close()


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    if not path.exists():
        return []
    return [int(x) for x in path.read_text().split()]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split(")")[-1].split()[0] == "Z")


def _start(corpus: Path, db: Path, *extra: str) -> subprocess.Popen[bytes]:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    cmd = [sys.executable, "-m", "tidings", "ingest", str(corpus), "--db", str(db),
           "--batch-size", "4", "--no-progress", "--quiet", *extra]
    return subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _kill_when(proc: subprocess.Popen[bytes], db: Path, *, at_least: int,
               extra_delay: float, timeout: float = 240) -> list[int]:
    """SIGKILL ``proc`` once ``db`` holds ``at_least`` documents and ``extra_delay`` s
    more have passed; returns the pids of its worker processes."""
    deadline = time.monotonic() + timeout
    while _stored(db) < at_least:
        assert proc.poll() is None, "the ingest ended before it could be interrupted"
        assert time.monotonic() < deadline, "the ingest made no progress"
        time.sleep(0.05)
    time.sleep(extra_delay)
    workers = _children(proc.pid)
    assert proc.poll() is None, "the ingest ended before it could be interrupted"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    return workers


@pytest.mark.slow
def test_killed_ingest_resumes_storing_each_document_once(tmp_path: Path,
                                                          pipeline: Pipeline) -> None:
    corpus = tmp_path / "in.jsonl"
    write_jsonl(corpus, N_DOCS)
    reference = tmp_path / "ref.db"
    opts = IngestOptions.from_config(CONFIG)
    with Store.open(str(reference)) as store, SourceReader(opts) as reader:
        ingest(reader.read([corpus]), store, pipeline, config=CONFIG, options=opts)

    db = tmp_path / "t.db"
    rng = random.Random(8)
    # killed at a random moment once a batch or two is in, mid-batch most likely
    _kill_when(_start(corpus, db), db, at_least=4, extra_delay=rng.uniform(0.0, 0.5))
    first = _stored(db)
    assert 4 <= first < N_DOCS
    # killed again with two workers, further on; the workers must not outlive it
    workers = _kill_when(_start(corpus, db, "--workers", "2"), db, at_least=first + 4,
                         extra_delay=rng.uniform(0.0, 0.5))
    second = _stored(db)
    assert first < second < N_DOCS
    deadline = time.monotonic() + 30
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [w for w in workers if _alive(w)], "orphaned workers kept running"

    done = _start(corpus, db)
    _, err = done.communicate(timeout=300)
    assert done.returncode == 0, err.decode()
    summary = err.decode().strip().splitlines()[-1]
    assert f"stored {N_DOCS - second}," in summary and f"duplicates {second}," in summary

    assert records(db) == records(reference)
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == N_DOCS
    finally:
        con.close()
