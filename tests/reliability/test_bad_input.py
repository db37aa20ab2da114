"""Bad input: each generated junk file gets a clear message naming it and the reason,
the rest of the batch is stored, nothing already stored changes, the exit status is
the documented one (0 when something was stored, 3 when every input was rejected)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from tests.ingest.corpus import write_jsonl
from tests.ingest.server import LocalServer, Reply
from tidings.config import load_config
from tidings.ingest import IngestOptions, SourceReader, ingest
from tidings.ingest.prepare import prepare
from tidings.pipeline import Pipeline
from tidings.records import Document, Rejected
from tidings.store import Store

from .conftest import ROOT, changed_rows, load_tool, snapshot

bad = load_tool("make_bad_inputs")

CONFIG = load_config(env={}).replace(batch_size=8, fetch_timeout=2.0, fetch_retries=1)
TOML = "fetch_timeout = 2.0\nfetch_retries = 1\nbatch_size = 8\n"


@pytest.fixture(scope="module")
def server() -> Iterator[LocalServer]:
    srv = LocalServer()
    for path, (status, headers, delay) in bad.SERVER_ROUTES.items():
        srv.routes[path] = Reply(status, b"status page", "text/plain", headers, delay)
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, server: LocalServer) -> list[Any]:
    return list(bad.make_bad_inputs(tmp_path_factory.mktemp("bad"), server.url("")))


def _seeded(db: Path, folder: Path, pipeline: Pipeline) -> None:
    """A database that already holds three articles (and their events)."""
    seed = folder / "seed.jsonl"
    write_jsonl(seed, 3)
    opts = IngestOptions.from_config(CONFIG)
    with Store.open(str(db)) as store, SourceReader(opts) as reader:
        summary = ingest(reader.read([seed]), store, pipeline, config=CONFIG, options=opts)
    assert summary.stored == 3


def _names(name: str, path: Path) -> bool:
    """Whether ``name`` (an input in a message) is ``path`` or a part of it."""
    return name == str(path) or name.startswith((f"{path}#", f"{path}:"))


def _owner(r: Rejected, items: list[Any], base: str) -> Any:
    for item in items:
        if _names(r.input, item.path):
            return item
    if r.input.startswith(base):
        return next(i for i in items if i.name == "urls")
    raise AssertionError(f"rejection of an unknown input: {r.message}")


def _stored_sources(db: Path) -> list[tuple[str, str | None, str, str]]:
    con = sqlite3.connect(db)
    try:
        return [(str(s), p, str(m), str(t)) for s, p, m, t in
                con.execute("SELECT source, published_at, meta, text FROM documents")]
    finally:
        con.close()


@pytest.mark.slow
def test_every_bad_input_is_named_and_the_rest_is_stored(tmp_path: Path, pipeline: Pipeline,
                                                         corpus: list[Any],
                                                         server: LocalServer) -> None:
    db = tmp_path / "t.db"
    _seeded(db, tmp_path, pipeline)
    before = snapshot(db)
    good = tmp_path / "zz_good.jsonl"  # after every bad input: the run must reach it
    write_jsonl(good, 2, start=100)

    rejections: list[Rejected] = []
    opts = replace(IngestOptions.from_config(CONFIG), fetch_backoff=0.1)
    with Store.open(str(db)) as store, SourceReader(opts) as reader:
        summary = ingest(reader.read([i.path for i in corpus] + [good]), store, pipeline,
                         config=CONFIG, options=opts, on_reject=rejections.append)

    base = server.url("")
    by_input: dict[str, list[Rejected]] = {i.name: [] for i in corpus}
    for r in rejections:
        by_input[_owner(r, corpus, base).name].append(r)
    sources = _stored_sources(db)
    lines = []
    for item in corpus:
        got = by_input[item.name]
        reasons = Counter(r.reason for r in got)
        stored = [s for s in sources if _names(s[0], item.path)]
        lines.append(f"  {item.name:<18} stored {len(stored)}, rejected {len(got)} "
                     f"({', '.join(f'{k}: {v}' for k, v in sorted(reasons.items())) or '-'})"
                     f"  [{item.note}]")
        for r in got:
            name = base if item.name == "urls" else str(item.path)
            assert r.message.startswith(name), r.message  # the message names the input
            assert "Traceback" not in r.message
            assert len(r.message) > len(r.input) + 10, r.message  # ...and gives a reason
        if item.reasons:
            assert set(reasons) <= item.reasons | {"no-text", "bad-json", "bad-record"}, \
                (item.name, reasons)
            assert set(reasons) & item.reasons, (item.name, reasons)
            assert len(got) >= item.at_least_rejected, (item.name, len(got))
        else:
            assert not got, (item.name, [r.message for r in got])
        assert len(stored) == item.stored, (item.name, stored)
        for want in item.texts:  # decoded right: no mojibake, no byte-order mark
            assert any(want in s[3] and not s[3].startswith("\ufeff") for s in stored), \
                (item.name, want, [s[3][:120] for s in stored])
    print("\nbad inputs:\n" + "\n".join(lines))
    print(f"bad inputs: {len(corpus)} files, {len(rejections)} rejections "
          f"({dict(sorted(Counter(r.reason for r in rejections).items()))}), "
          f"{sum(i.stored for i in corpus)} documents stored from them; summary: "
          f"{summary.line()}")

    # the good file after the junk was stored whole; the seeded documents are untouched
    assert sum(1 for s in sources if _names(s[0], good)) == 2
    assert summary.stored == sum(i.stored for i in corpus) + 2
    assert changed_rows(before, snapshot(db)) == {}

    # absurd dates are dropped, and the record says which value was refused
    dates = next(i.path for i in corpus if i.name == "absurd-dates")
    dated = [s for s in sources if _names(s[0], dates)]
    assert len(dated) == 4 and all(p is None and "date_problem" in m for _, p, m, _ in dated)
    assert summary.date_unknown >= 4


def _cli(paths: list[Path], db: Path, config: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    cmd = [sys.executable, "-m", "tidings", "ingest", *map(str, paths), "--db", str(db),
           "--config", str(config), "--no-progress"]
    return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_cli_exit_status_and_messages(tmp_path: Path, pipeline: Pipeline,
                                      corpus: list[Any]) -> None:
    db = tmp_path / "t.db"
    _seeded(db, tmp_path, pipeline)
    before = snapshot(db)
    config = tmp_path / "tidings.toml"
    config.write_text(TOML)
    rejected_only = [i for i in corpus if not i.stored and i.name != "feed-10k"]

    run = _cli([i.path for i in rejected_only], db, config)
    print(f"\nCLI, {len(rejected_only)} bad inputs only: exit {run.returncode}; "
          f"{run.stderr.strip().splitlines()[-1]}")
    assert run.returncode == 3, run.stderr
    assert "Traceback" not in run.stderr
    for item in rejected_only:
        named = [ln for ln in run.stderr.splitlines() if ln.startswith("skipped: ")
                 and (str(item.path) in ln or (item.name == "urls" and "127.0.0.1" in ln))]
        assert named, f"{item.name}: no message names it\n{run.stderr}"

    good = tmp_path / "good.jsonl"
    write_jsonl(good, 1, start=200)
    run = _cli([*(i.path for i in rejected_only[:6]), good], db, config)
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    assert "stored 1," in run.stderr.strip().splitlines()[-1]
    assert changed_rows(before, snapshot(db)) == {}


def test_a_large_text_file_is_refused_unread(tmp_path: Path, corpus: list[Any]) -> None:
    big = next(i for i in corpus if i.name == "big")
    opts = IngestOptions.from_config(CONFIG)
    with SourceReader(opts) as reader:
        out = list(reader.read([big.path]))
    assert len(out) == 1 and isinstance(out[0], Rejected) and out[0].reason == "too-long"
    assert "max_chars" in out[0].message and str(big.path) in out[0].message
    # under 4 x max_chars bytes it is read, and refused after decoding, for the same reason
    small = replace(opts, max_chars=big.path.stat().st_size // 2)
    with SourceReader(small) as reader:
        doc = next(iter(reader.read([big.path])))
    assert isinstance(doc, Document)
    late = prepare(doc, small)
    assert isinstance(late, Rejected) and late.reason == "too-long"
