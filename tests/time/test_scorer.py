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


def test_two_system_spans_on_one_gold_span() -> None:
    # gold "Tuesday night" (0-13); the system splits it into "Tuesday" and "night"
    gold = [sp(0, 13, "2022-01-11TNI", "TIME")]
    system = [sp(0, 7, "2022-01-11"), sp(8, 13, "2022-01-11TNI", "TIME")]
    m = score_document(gold, system).metrics()
    # both system spans overlap the gold one: relaxed precision counts both
    assert (m["relaxed_precision"], m["relaxed_recall"]) == (1.0, 1.0)
    assert (m["strict_precision"], m["strict_recall"]) == (0.0, 0.0)
    # the gold span is judged against the system span overlapping it most ("Tuesday", 7
    # characters), whose value differs
    assert m["value_accuracy"] == 0.0


def test_relaxed_match_with_the_right_value_counts_for_value() -> None:
    # gold "earlier this month", system "this month": not strict, but the value is right
    gold = [sp(10, 28, "2022-01")]
    system = [sp(18, 28, "2022-01")]
    m = score_document(gold, system).metrics()
    assert m["strict_f1"] == 0.0
    assert m["value_accuracy"] == 1.0
    assert m["value_f1"] == pytest.approx(1.0)


def _reference(docs: list[tuple[list[Span], list[Span]]]) -> dict[str, float]:
    """The TempEval-3 definitions, written out directly (micro-averaged over documents)."""
    n_g = n_s = s_s = s_g = r_s = r_g = v_ok = 0
    for gold, system in docs:
        n_g += len(gold)
        n_s += len(system)
        for s in system:
            s_s += any((s.start, s.end) == (x.start, x.end) for x in gold)
            r_s += any(min(s.end, x.end) > max(s.start, x.start) for x in gold)
        for x in gold:
            s_g += any((s.start, s.end) == (x.start, x.end) for s in system)
            over = [(min(s.end, x.end) - max(s.start, x.start), i) for i, s in enumerate(system)]
            over = [o for o in over if o[0] > 0]
            if over:
                r_g += 1
                best = system[max(over, key=lambda o: (o[0], -o[1]))[1]]
                v_ok += best.value == x.value

    def f(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    rf = f(r_s / n_s, r_g / n_g)
    return {"strict_f1": f(s_s / n_s, s_g / n_g), "relaxed_f1": rf,
            "value_f1": f(v_ok / r_g * r_s / n_s, v_ok / r_g * r_g / n_g) if r_g else 0.0}


def test_scorer_agrees_with_the_definitions_on_random_documents() -> None:
    import random

    rng = random.Random(7)
    docs = []
    total = Counts()
    for _ in range(60):
        gold: list[Span] = []
        pos = 0
        for _ in range(rng.randint(1, 6)):
            pos += rng.randint(1, 20)
            length = rng.randint(1, 12)
            gold.append(sp(pos, pos + length, rng.choice("AB")))
            pos += length
        system = []
        for _ in range(rng.randint(1, 6)):
            start = rng.randint(0, pos)
            system.append(sp(start, start + rng.randint(1, 12), rng.choice("AB")))
        system.sort(key=lambda s: s.start)
        docs.append((gold, system))
        total.add(score_document(gold, system))
    ours, ref = total.metrics(), _reference(docs)
    for name in ("strict_f1", "relaxed_f1", "value_f1"):
        assert ours[name] == pytest.approx(ref[name]), name
