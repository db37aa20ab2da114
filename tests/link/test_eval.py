from __future__ import annotations

import random
from pathlib import Path

import pytest

from tidings.eval.linking import evaluate, load

DATA = Path(__file__).resolve().parents[2] / "src" / "tidings" / "data" / "linking"


def test_collection_is_big_enough_and_well_formed() -> None:
    docs, _, gold = load(DATA)
    assert len(docs) >= 30
    events = {g.event for g in gold}
    assert len(events) >= 10
    # several outlets per event, and distinct events that look alike
    assert sum(1 for e in events if len({g.article for g in gold if g.event == e}) >= 2) >= 8


def test_linking_floor_on_own_collection() -> None:
    res = evaluate(DATA)
    # measured: B-cubed F1 0.983 over matched mentions, coverage 0.83 (docs/storage.md)
    assert res.metrics["bcubed_f1"] >= 0.90
    assert res.metrics["pairwise_p"] >= 0.95
    assert res.metrics["coverage"] >= 0.75
    assert len(res.predictions) == res.n


@pytest.mark.slow
def test_order_of_ingestion_does_not_change_the_clusters() -> None:
    docs, _, _ = load(DATA)
    order = list(range(len(docs)))
    random.Random(3).shuffle(order)
    a = evaluate(DATA)
    b = evaluate(DATA, order=order)
    assert [p["cluster"] for p in a.predictions] == [p["cluster"] for p in b.predictions]
