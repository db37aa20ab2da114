"""The Ray Data engine on a local Ray (2 CPUs) gives the local run's records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tidings.ingest import IngestOptions, SourceReader, ingest
from tidings.pipeline import Pipeline
from tidings.store import Store

from .conftest import ARTICLE_2, page
from .corpus import write_jsonl
from .test_run import CONFIG, records

pytest.importorskip("ray.data", reason="the optional extra 'ray' is not installed "
                                       "(pip install 'tidings[ray]')")


@pytest.mark.slow
def test_ray_engine_matches_the_local_run(tmp_path: Path, pipeline: Pipeline) -> None:
    import pyarrow.parquet as pq
    import ray

    from tidings.ingest.ray_engine import run_ray

    corpus = tmp_path / "in"
    corpus.mkdir()
    write_jsonl(corpus / "a.jsonl", 14)
    write_jsonl(corpus / "b.jsonl", 6, start=100)
    (corpus / "talks.html").write_text(page("Talks resume", ARTICLE_2,
                                            published="2024-03-08"), encoding="utf-8")
    with (corpus / "a.jsonl").open("a", encoding="utf-8") as fh:
        fh.write("{not json\n")
    inputs = [str(corpus)]
    opts = IngestOptions.from_config(CONFIG)

    local = tmp_path / "local.db"
    with Store.open(str(local)) as store, SourceReader(opts) as reader:
        expected = ingest(reader.read(inputs), store, pipeline, config=CONFIG, options=opts)

    try:
        on_ray = tmp_path / "ray.db"
        got = run_ray(inputs, config=CONFIG, options=opts, db=str(on_ray), num_cpus=2,
                      concurrency=2)
        assert (got.stored, got.events, dict(got.rejected)) == (
            expected.stored, expected.events, dict(expected.rejected))
        assert records(on_ray) == records(local)

        out = tmp_path / "parquet"
        run_ray(inputs, config=CONFIG, options=opts, parquet=str(out), concurrency=1)
    finally:
        ray.shutdown()
    rows = pq.read_table(out).to_pylist()
    local_docs, local_events = records(local)
    docs = sorted(json.loads(r["document"])["id"] for r in rows if r["kind"] == "document")
    assert docs == [d[0] for d in local_docs]
    events = sorted((e["id"], e) for r in rows if r["kind"] == "document"
                    for e in json.loads(r["events"]))
    # Parquet holds the records as extracted; cluster ids are assigned by the store's
    # linking when the records are stored, so they are the one field that differs.
    stored = [{**json.loads(rec), "cluster_id": None} for _, _, rec in local_events]
    assert any(json.loads(rec)["cluster_id"] for _, _, rec in local_events)
    assert [e for _, e in events] == stored
    assert [r["reason"] for r in rows if r["kind"] == "rejected"] == ["bad-json"]
