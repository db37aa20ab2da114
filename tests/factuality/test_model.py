"""The compiled scorer gives the same float as walking the trees node by node."""

from __future__ import annotations

import random

from tidings.factuality.model import Scorer, compile_trees, default_scorer


def test_compiled_trees_match_the_walk_on_the_shipped_model() -> None:
    scorer = default_scorer()
    names = sorted({n[0] for tree in scorer.trees for n in tree if n[0]})
    rng = random.Random(7)
    fn = compile_trees(scorer.base, scorer.trees)
    for size in (0, 1, 5, 20, 60):
        for _ in range(40):
            present = frozenset([*rng.sample(names, min(size, len(names))), "unknown=x"])
            assert fn(present) == scorer.walk(present)
            assert scorer.score(present) == max(-3.0, min(3.0, scorer.walk(present)))


def test_a_small_model_by_hand() -> None:
    # tree 1: "a" ? 1.0 : ("b" ? 0.5 : -0.25); tree 2: a leaf
    trees = (((("a", 0.0, 1, 2), (None, 1.0, 0, 0), ("b", 0.0, 3, 4), (None, 0.5, 0, 0),
               (None, -0.25, 0, 0))), ((None, 0.125, 0, 0),))
    scorer = Scorer(base=0.1, trees=trees, meta={})
    assert scorer.score({"a"}) == 0.1 + 1.0 + 0.125
    assert scorer.score({"b"}) == 0.1 + 0.5 + 0.125
    assert scorer.score(set()) == 0.1 - 0.25 + 0.125
    assert scorer.score({"a", "b"}) == scorer.walk(frozenset({"a", "b"}))
    big = Scorer(base=5.0, trees=((("a", 0.0, 1, 2), (None, 1.0, 0, 0), (None, 0.0, 0, 0)),),
                 meta={})
    assert big.score({"a"}) == 3.0  # clipped to the scale
