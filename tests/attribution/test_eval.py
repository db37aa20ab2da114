"""The PolNeAR reader and scorer on small hand-made BRAT files, and the score floor."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import shared_path
from tidings.errors import EvalDataError
from tidings.eval.attribution import Counts, Rel, evaluate, parse_ann, score_document
from tidings.pipeline import Resources

TEXT = "The mayor said the market would reopen. Prices rose, traders said."
ANN = (
    "T1\tSource 0 9\tThe mayor\n"
    "T2\tCue 10 14\tsaid\n"
    "T3\tContent 15 38\tthe market would reopen\n"
    "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3\n"
    "T4\tContent 40 51\tPrices rose\n"
    "T5\tSource 53 60\ttraders\n"
    "T6\tCue 61 65\tsaid\n"
    "E2\tAttribution:T6 Content:T4 Cue:T6 Source:T5\n"
)


def test_parse_ann_reads_relations() -> None:
    rels = parse_ann(ANN, "x.ann")
    assert len(rels) == 2
    assert rels[0].source == ((0, 9),) and rels[0].cue == ((10, 14),)
    assert rels[1].content == ((40, 51),)


def test_parse_ann_names_the_file_on_bad_offsets() -> None:
    with pytest.raises(EvalDataError, match=r"broken\.ann"):
        parse_ann("T1\tCue ten 14\tsaid\n", "broken.ann")


def test_exact_and_overlap_matches() -> None:
    gold = parse_ann(ANN, "x.ann")
    pred = [Rel(cue=((10, 14),), content=((15, 38),), source=((0, 9),)),
            Rel(cue=((61, 65),), content=((40, 52),), source=((53, 60),)),
            Rel(cue=((46, 50),), content=((40, 45),), source=None)]
    counts = Counts()
    score_document(TEXT, gold, pred, counts)
    m = counts.metrics()
    assert m["cue_exact_recall"] == 1.0 and m["cue_exact_precision"] == pytest.approx(2 / 3)
    assert m["content_overlap_recall"] == 1.0
    assert m["content_exact_recall"] == 0.5  # "Prices rose." vs "Prices rose"
    assert m["source_exact_f1"] == 1.0


def test_missing_split_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(EvalDataError, match="no PolNeAR split"):
        evaluate(tmp_path, split="dev", nlp=object())


@pytest.mark.slow
@pytest.mark.shared
def test_polnear_dev_floor(resources: Resources) -> None:
    data = shared_path("polnear")
    result = evaluate(data, split="dev", nlp=resources.nlp)
    m = result.metrics
    assert result.n == 2319  # 2320 relations, one without a cue
    assert m["cue_overlap_f1"] >= 0.73  # measured 0.755
    assert m["source_overlap_f1"] >= 0.70  # 0.727
    assert m["content_overlap_f1"] >= 0.69  # 0.713
    assert m["cue_exact_f1"] >= 0.63  # 0.659
    assert m["source_exact_f1"] >= 0.65  # 0.673
    assert m["content_exact_f1"] >= 0.43  # 0.453
