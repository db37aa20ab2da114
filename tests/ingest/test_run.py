"""The ingest runner: summary counts, skipping known documents, dates, workers."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tidings.config import load_config
from tidings.ingest import IngestOptions, SourceReader, ingest
from tidings.ingest.progress import Progress, estimate_total
from tidings.pipeline import Pipeline
from tidings.store import Store

from .conftest import ARTICLE_1, FRENCH
from .corpus import write_jsonl

CONFIG = load_config(env={}).replace(batch_size=4)


def run(inputs: list[Any], db: Path, pipeline: Pipeline | None, *, workers: int = 1,
        options: IngestOptions | None = None, progress: Progress | None = None) -> Any:
    opts = options or IngestOptions.from_config(CONFIG)
    with Store.open(str(db)) as store, SourceReader(opts) as reader:
        return ingest(reader.read(inputs), store, pipeline, config=CONFIG, options=opts,
                      workers=workers, progress=progress)


def records(db: Path) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Every document (less its ingest time) and event record, sorted by id."""
    con = sqlite3.connect(db)
    try:
        docs = con.execute("SELECT id, url, outlet, title, published_at, language, source, "
                           "text, meta FROM documents ORDER BY id").fetchall()
        events = con.execute("SELECT id, document_id, record FROM events ORDER BY id").fetchall()
    finally:
        con.close()
    return docs, events


def test_summary_counts_and_skips_known_documents(tmp_path: Path, pipeline: Pipeline) -> None:
    corpus = tmp_path / "in.jsonl"
    write_jsonl(corpus, 6)
    with corpus.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps({"text": FRENCH}) + "\n")
        fh.write("{broken\n")
        fh.write(json.dumps({"text": ARTICLE_1}) + "\n")
        fh.write(json.dumps({"text": ARTICLE_1}) + "\n")  # the same article twice
    db = tmp_path / "t.db"
    first = run([corpus], db, pipeline)
    assert (first.read, first.stored, first.duplicates) == (9, 7, 1)
    assert dict(first.rejected) == {"not-english": 1, "bad-json": 1}
    assert first.date_unknown == 1  # ARTICLE_1 carries no date
    assert first.events > 0 and first.words > 0
    assert "stored 7" in first.line() and "not-english: 1" in first.line()
    again = run([corpus], db, pipeline)
    assert (again.stored, again.duplicates, again.events) == (0, 8, 0)
    # nothing already stored was parsed again
    assert again.words == 0


def test_unknown_date_is_stored_as_unknown(tmp_path: Path, pipeline: Pipeline) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE_1, encoding="utf-8")
    db = tmp_path / "t.db"
    run([tmp_path / "a.txt"], db, pipeline)
    with Store.open(str(db)) as store:
        (doc_id,) = [r[0] for r in records(db)[0]]
        doc = store.get_document(doc_id)
    assert doc is not None and doc.published_at is None
    assert doc.meta["published_from"] == "unknown"


def test_progress_lines_when_not_on_a_terminal(tmp_path: Path, pipeline: Pipeline) -> None:
    corpus = tmp_path / "in.jsonl"
    write_jsonl(corpus, 8)
    out = io.StringIO()
    bar = Progress(out, interactive=False, interval=0.0)
    bar.total = estimate_total([str(corpus)])
    assert bar.total == 8
    run([corpus], tmp_path / "t.db", pipeline, progress=bar)
    lines = out.getvalue().splitlines()
    assert len(lines) >= 2 and all(line.startswith("progress: ") for line in lines)
    assert "8/8 docs" in lines[-1] and "stored 8" in lines[-1] and "docs/s" in lines[-1]
    assert "ETA" in lines[0]


def test_progress_redraws_one_line_on_a_terminal() -> None:
    out = io.StringIO()
    bar = Progress(out, interactive=True)
    bar.total = 10
    bar.update(5, 5, 7, 500, force=True)
    bar.update(10, 10, 12, 1000, force=True)
    bar.close()
    text = out.getvalue()
    assert text.count("\r\x1b[K") == 2 and text.endswith("\n") and "ETA" in text


@pytest.mark.slow
def test_two_workers_store_the_same_records_as_one(tmp_path: Path,
                                                   pipeline: Pipeline) -> None:
    corpus = tmp_path / "in.jsonl"
    write_jsonl(corpus, 24)
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    s1 = run([corpus], one, pipeline, workers=1)
    s2 = run([corpus], two, None, workers=2)
    assert s1.stored == s2.stored == 24
    assert s1.events == s2.events > 0
    assert len(s2.peak_rss_mb) == 2  # both workers did work, each reported its memory
    assert records(one) == records(two)
