"""``tidings timex-annotate`` and ``tidings eval timex`` on a TimeML file written here."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from tidings.cli import main
from tidings.time.timeml import read_timeml

DOC = (
    '<?xml version="1.0" ?>\n'
    '<TimeML>\n'
    '<DOCID>CLI001</DOCID>\n'
    '<DCT><TIMEX3 tid="t0" type="DATE" value="2021-03-04"'
    ' functionInDocument="CREATION_TIME">2021-03-04</TIMEX3></DCT>\n'
    '<TEXT>\n'
    'Rebels <EVENT eid="e1">seized</EVENT> the airport'
    ' <TIMEX3 tid="t1" type="DATE" value="2021-03-03">yesterday</TIMEX3>'
    ' after a siege of <TIMEX3 tid="t2" type="DURATION" value="P3W">three weeks</TIMEX3>.\n'
    '</TEXT>\n'
    '</TimeML>\n'
    '\n'
)


def test_timex_annotate_writes_own_tags(tmp_path: Path) -> None:
    src = tmp_path / "in" / "sub"
    src.mkdir(parents=True)
    (src / "cli.tml").write_text(DOC, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["timex-annotate", str(tmp_path / "in"), str(out)])
    assert result.exit_code == 0, result.output
    written = read_timeml(out / "sub" / "cli.tml")
    assert written.dct is not None and written.dct.isoformat() == "2021-03-04"
    assert [(t.text, t.value) for t in written.timexes] == [("yesterday", "2021-03-03"),
                                                             ("three weeks", "P3W")]
    assert "<EVENT" not in (out / "sub" / "cli.tml").read_text(encoding="utf-8")


def test_eval_timex_prints_and_writes_json(tmp_path: Path) -> None:
    (tmp_path / "cli.tml").write_text(DOC, encoding="utf-8")
    out = tmp_path / "scores.json"
    preds = tmp_path / "preds.jsonl"
    result = CliRunner().invoke(main, ["eval", "timex", "--data", str(tmp_path), "--json",
                                       str(out), "--predictions", str(preds)])
    assert result.exit_code == 0, result.output
    assert "value_f1" in result.output
    scores = json.loads(out.read_text(encoding="utf-8"))
    assert scores["task"] == "timex" and scores["n"] == 2
    assert scores["metrics"]["value_f1"] == 1.0
    lines = [json.loads(x) for x in preds.read_text(encoding="utf-8").splitlines()]
    assert [p["gold"]["text"] for p in lines] == ["yesterday", "three weeks"]
