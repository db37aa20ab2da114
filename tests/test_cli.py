from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from tidings.cli import main

from .conftest import SAMPLE


def test_extract_prints_jsonl(tmp_path: Path) -> None:
    art = tmp_path / "a.txt"
    art.write_text("Iranian troops attacked a border post in Iraq on Monday, officials said.",
                   encoding="utf-8")
    res = CliRunner().invoke(main, ["extract", str(art), "--published", "2023-01-04",
                                    "--outlet", "Test Wire", "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    lines = [json.loads(line) for line in res.stdout.splitlines() if line.strip()]
    assert lines and all("evidence" in e for e in lines)


def test_extract_names_a_missing_file(tmp_path: Path) -> None:
    res = CliRunner().invoke(main, ["extract", str(tmp_path / "nope.txt")])
    assert res.exit_code != 0
    assert "nope.txt" in res.output


def test_extract_rejects_a_bad_date(tmp_path: Path) -> None:
    art = tmp_path / "a.txt"
    art.write_text("Text.", encoding="utf-8")
    res = CliRunner().invoke(main, ["extract", str(art), "--published", "12/01/2022"])
    assert res.exit_code != 0
    assert "YYYY-MM-DD" in res.output


def test_ingest_then_query(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    runner = CliRunner()
    res = runner.invoke(main, ["ingest", str(SAMPLE), "--db", str(db)])
    assert res.exit_code == 0, res.output
    assert "stored" in res.output
    again = runner.invoke(main, ["ingest", str(SAMPLE), "--db", str(db)])
    assert "stored 0" in again.output
    out = runner.invoke(main, ["events", "--db", str(db), "--format", "jsonl", "--all"])
    assert out.exit_code == 0
    assert len([line for line in out.stdout.splitlines() if line.startswith("{")]) > 0
