"""The TempEval-3 scorer on hand-made cases whose scores are worked out by hand."""

from __future__ import annotations

import pytest

from tidings.eval.timex import Counts, Span, score_document


def sp(start: int, end: int, value: str, typ: str = "DATE") -> Span:
    return Span(start=start, end=end, type=typ, value=value)


def test_strict_relaxed_and_value() -> None:
    gold = [sp(3, 9, "2022-01-10"), sp(35, 46, "P3W", "DURATION"), sp(53, 62, "2022-05")]
    system = [
        sp(3, 9, "2022-01-10"),               # exact span, right value
        sp(28, 46, "P3W", "DURATION"),        # overlaps the duration, right value
        sp(59, 62, "2022-04"),                # overlaps the month, wrong value
        sp(70, 75, "2022-06"),                # matches nothing
    ]
    m = score_document(gold, system).metrics()
    # strict: 1 of 4 system spans, 1 of 3 gold spans
    assert m["strict_precision"] == pytest.approx(1 / 4)
    assert m["strict_recall"] == pytest.approx(1 / 3)
    assert m["strict_f1"] == pytest.approx(2 * (1 / 4) * (1 / 3) / (1 / 4 + 1 / 3))
    # relaxed: 3 of 4 system spans overlap gold, all 3 gold spans are overlapped
    assert m["relaxed_precision"] == pytest.approx(3 / 4)
    assert m["relaxed_recall"] == pytest.approx(1.0)
    relaxed_f1 = 2 * 0.75 * 1.0 / 1.75
    assert m["relaxed_f1"] == pytest.approx(relaxed_f1)
    # values: 2 of the 3 relaxed matches are right; value F1 = accuracy x relaxed F1
    assert m["value_accuracy"] == pytest.approx(2 / 3)
    assert m["value_f1"] == pytest.approx(2 / 3 * relaxed_f1)
    assert m["type_accuracy"] == pytest.approx(1.0)


def test_one_system_span_over_two_gold_spans() -> None:
    gold = [sp(0, 5, "2022-01-05"), sp(6, 10, "2022", "DATE")]
    system = [sp(0, 10, "2022-01-05", "TIME")]
    m = score_document(gold, system).metrics()
    assert (m["strict_precision"], m["strict_recall"]) == (0.0, 0.0)
    assert (m["relaxed_precision"], m["relaxed_recall"]) == (1.0, 1.0)
    # each gold span is paired with the system span; only the first has its value
    assert m["value_accuracy"] == pytest.approx(0.5)
    assert m["value_f1"] == pytest.approx(0.5)
    assert m["type_accuracy"] == 0.0


def test_counts_add_up_over_documents() -> None:
    a = score_document([sp(0, 4, "1990")], [sp(0, 4, "1990")])
    b = score_document([sp(0, 4, "1991")], [])
    total = Counts()
    total.add(a)
    total.add(b)
    m = total.metrics()
    assert m["relaxed_precision"] == 1.0
    assert m["relaxed_recall"] == pytest.approx(0.5)
    assert m["value_accuracy"] == 1.0
    assert m["value_f1"] == pytest.approx(2 * 1.0 * 0.5 / 1.5)


def test_empty_system_scores_zero() -> None:
    m = score_document([sp(0, 4, "1990")], []).metrics()
    assert m["strict_f1"] == m["relaxed_f1"] == m["value_f1"] == 0.0
