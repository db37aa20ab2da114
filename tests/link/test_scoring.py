from __future__ import annotations

import pytest

from tidings.link.scoring import bcubed, ceaf_e, conll, max_assignment, muc, pairwise

# The worked example of Pradhan et al. (2014), "Scoring coreference partitions of
# predicted mentions: a reference implementation", whose published scores are
# MUC R 0.40 P 0.40, B-cubed R 0.42 P 0.50, CEAF-e R 0.65 P 0.43.
KEY = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2, "f": 2, "g": 2}
RESP = {"a": 1, "b": 1, "c": 2, "d": 2, "f": 3, "g": 3, "h": 3, "i": 3}


def test_published_example() -> None:
    assert muc(KEY, RESP)[:2] == pytest.approx((0.40, 0.40))
    assert bcubed(KEY, RESP)[:2] == pytest.approx((0.50, 35 / 84))
    assert ceaf_e(KEY, RESP)[:2] == pytest.approx((1.3 / 3, 0.65))
    c = conll(KEY, RESP)
    assert c["conll_f1"] == pytest.approx((c["muc_f1"] + c["bcubed_f1"] + c["ceafe_f1"]) / 3)


def test_perfect_and_degenerate() -> None:
    assert conll(KEY, KEY)["conll_f1"] == pytest.approx(1.0)
    one = {m: 0 for m in KEY}
    p, r, _ = muc(KEY, one)
    assert r == 1.0 and p == pytest.approx(5 / 6)
    singletons = {m: m for m in KEY}
    assert muc(KEY, singletons)[2] == 0.0
    assert bcubed(KEY, singletons)[0] == 1.0


def test_pairwise() -> None:
    assert pairwise({"a": 1, "b": 1, "c": 2}, {"a": 0, "b": 0, "c": 0}) == pytest.approx(
        (1 / 3, 1.0, 0.5))


def test_assignment_is_optimal() -> None:
    w = [[0.9, 0.8, 0.0], [0.85, 0.1, 0.0]]
    assert max_assignment(w) == pytest.approx(0.8 + 0.85)
    assert max_assignment([list(c) for c in zip(*w, strict=True)]) == pytest.approx(1.65)
