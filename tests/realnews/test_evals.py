"""The three real-news evaluations: input errors, scoring helpers, score floors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import shared_path
from tidings.errors import EvalDataError
from tidings.eval import case2021, india_police, muc4

HERE = Path(__file__).parent
SAMPLE = HERE / "case2021_sample.tsv"


def test_case2021_rejects_bad_tsv(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("id\ttext\tlabel\n1\tPolice arrested him.\tARREST\n", encoding="utf-8")
    with pytest.raises(EvalDataError, match="header lacks"):
        case2021.load(bad)
    bad.write_text("id\tEventSnippet\tSubType\n1\tPolice arrested him.\tARRESTS\n",
                   encoding="utf-8")
    with pytest.raises(EvalDataError, match="unknown SubType"):
        case2021.load(bad)


def test_case2021_sample_covers_every_label() -> None:
    rows = case2021.load(SAMPLE)
    assert {r[2] for r in rows} == set(case2021.LABELS)
    assert len(rows) >= 60


@pytest.mark.slow
def test_case2021_floor(pipeline) -> None:  # type: ignore[no-untyped-def]
    result = case2021.evaluate(SAMPLE, pipeline=pipeline)
    # measured 0.9293 weighted F1, 0.9394 accuracy on the 66 sample snippets
    assert result.metrics["weighted_f1"] >= 0.90
    assert result.metrics["accuracy"] >= 0.91
    assert "confusion (gold -> predicted)" in result.details


def test_muc4_matching_is_one_to_one() -> None:
    gold = [["guerrillas", "guerrilla column"], ["urban commandos"]]
    assert muc4.ceaf_matches(["guerrillas", "guerrilla column"], gold) == 1
    assert muc4.ceaf_matches(["guerrilla column", "urban commandos"], gold) == 2
    assert muc4.ceaf_matches(["the guerrillas"], gold) == 0  # fillers are normalized before


def test_muc4_dates_and_dateline() -> None:
    assert str(muc4.dateline_date("  BOGOTA, 4 FEB 90 (EFE) -- [TEXT] THE")) == "1990-02-04"
    assert muc4._date_ok("1990-02-02", "02 FEB 90")
    assert muc4._date_ok("1989-12-28", "28 DEC 89 - 29 DEC 89")
    assert not muc4._date_ok("1990-01-02", "28 DEC 89 - 29 DEC 89")
    assert muc4._date_ok("1989-08-20", "- 26 AUG 89")
    assert muc4._date_ok("1980-03", "01 MAR 80 - 31 MAR 80")
    assert not muc4._date_ok("1980-03", "05 MAR 80")
    assert muc4._date_ok("1989-12-08", "(09 DEC 89) / (- 09 DEC 89)")
    assert muc4._date_ok(None, "-") and not muc4._date_ok("1989-12-08", "-")


def test_muc4_rejects_a_folder_without_its_layout(tmp_path: Path) -> None:
    with pytest.raises(EvalDataError, match="processed_grit"):
        muc4.load(tmp_path)


def test_india_police_rejects_missing_files(tmp_path: Path) -> None:
    with pytest.raises(EvalDataError, match=r"docs\.jsonl"):
        india_police.load(tmp_path)


def test_india_police_aligns_sentences_through_repair(tmp_path: Path) -> None:
    text = "surat: police arrested 12 men. the â€˜bandhâ€™ was peaceful."
    (tmp_path / "docs.jsonl").write_text(json.dumps(
        {"doc_id": 1, "doc_text": text, "doc_labels": ["ARREST", "ANY_ACTION"]}) + "\n",
        encoding="utf-8")
    sents = ["surat: police arrested 12 men.", "the â€˜bandhâ€", "™ was peaceful."]
    (tmp_path / "sents.jsonl").write_text("".join(json.dumps(
        {"doc_id": 1, "sent_id": i, "sent_text": s, "sent_labels": []}) + "\n"
        for i, s in enumerate(sents)), encoding="utf-8")
    [doc] = india_police.load(tmp_path)
    assert doc.unaligned == 0
    assert "\u2018bandh\u2019" in doc.text
    s0, s1 = doc.sentences[0].span
    assert doc.text[s0:s1] == "surat: police arrested 12 men."
    s0, s1 = doc.sentences[2].span
    assert doc.text[s0:s1].endswith("was peaceful.")


@pytest.mark.slow
@pytest.mark.shared
def test_india_police_floor(pipeline) -> None:  # type: ignore[no-untyped-def]
    data = shared_path("india_police_events")
    result = india_police.evaluate(data, pipeline=pipeline, limit=150)
    m = result.metrics
    # measured on these first 150 documents: see docs/realnews.md
    assert m["sentences_unaligned"] == 0
    assert m["doc_macro_f1"] >= FLOORS["india_doc"]
    assert m["sent_macro_f1"] >= FLOORS["india_sent"]


@pytest.mark.slow
@pytest.mark.shared
def test_muc4_floor(pipeline) -> None:  # type: ignore[no-untyped-def]
    data = shared_path("muc4")
    result = muc4.evaluate(data, pipeline=pipeline, limit=60)
    m = result.metrics
    assert m["role_f1"] >= FLOORS["muc_role"]
    assert m["type_f1"] >= FLOORS["muc_type"]
    assert m["stage_accuracy"] >= FLOORS["muc_stage"]
    assert m["date_accuracy"] >= FLOORS["muc_date"]


FLOORS = {"india_doc": 0.81, "india_sent": 0.68, "muc_role": 0.35, "muc_type": 0.65,
          "muc_stage": 0.94, "muc_date": 0.94}
"""Just below the figures measured on the fixed subsets (first 150 IndiaPoliceEvents
documents, coded events only: doc 0.8354, sentence 0.6891; first 60 MUC-4 dev documents:
role 0.3791, type 0.6667, stage 0.9655, date 0.9655)."""
