"""``tidings ingest`` and ``tidings bench`` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tidings.cli import main

from .conftest import ARTICLE_1, ARTICLE_2, FRENCH
from .corpus import write_jsonl


def test_ingest_with_custom_fields_prints_a_summary(tmp_path: Path) -> None:
    data = tmp_path / "dump.jsonl"
    data.write_text("\n".join([
        json.dumps({"body": ARTICLE_1, "day": "2024-03-05"}),
        json.dumps({"body": ARTICLE_2}),
        json.dumps({"body": FRENCH}),
        "not json at all",
    ]) + "\n", encoding="utf-8")
    db = tmp_path / "t.db"
    res = CliRunner().invoke(main, ["ingest", str(data), "--db", str(db), "--field",
                                    "text=body", "--field", "published=day",
                                    "--interval", "0"])
    assert res.exit_code == 0, res.output
    assert "read 3, stored 2, duplicates 0" in res.output
    assert "bad-json: 1" in res.output and "not-english: 1" in res.output
    assert "date unknown 1" in res.output
    assert f"skipped: {data}:4: not valid JSON" in res.output
    assert "progress: " in res.output
    again = CliRunner().invoke(main, ["ingest", str(data), "--db", str(db), "--field",
                                      "text=body", "--quiet", "--no-progress"])
    assert again.exit_code == 0
    assert "stored 0, duplicates 2" in again.output and "skipped:" not in again.output


def test_ingest_exits_3_when_every_input_is_rejected(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    res = CliRunner().invoke(main, ["ingest", str(tmp_path / "empty.txt"),
                                    str(tmp_path / "missing.txt"), "--db",
                                    str(tmp_path / "t.db"), "--no-progress"])
    assert res.exit_code == 3
    assert "empty.txt" in res.output and "missing.txt" in res.output


def test_ingest_refuses_bad_options(tmp_path: Path) -> None:
    runner = CliRunner()
    res = runner.invoke(main, ["ingest", str(tmp_path), "--field", "body"])
    assert res.exit_code != 0 and "PART=FIELD" in res.output
    res = runner.invoke(main, ["ingest", str(tmp_path), "--parquet", str(tmp_path / "o")])
    assert res.exit_code != 0 and "--engine ray" in res.output


@pytest.mark.slow
def test_bench_writes_the_documented_figures(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    write_jsonl(corpus, 10)
    out = tmp_path / "bench.json"
    res = CliRunner().invoke(main, ["bench", "--docs", "10", "--workers", "1", "--corpus",
                                    str(corpus), "--json", str(out)])
    assert res.exit_code == 0, res.output
    figures = json.loads(out.read_text())
    for key in ("bare_wps", "full_wps", "ratio", "peak_rss_mb", "workers2_speedup",
                "docs", "words"):
        assert key in figures
    assert figures["docs"] == 10 and figures["words"] > 0
    assert figures["bare_wps"] > 0 and figures["full_wps"] > 0
    assert "where the full pipeline's time goes" in res.output and "parse" in res.output
