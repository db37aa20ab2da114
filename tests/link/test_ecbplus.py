from __future__ import annotations

import pytest

from tidings.eval.ecbplus_data import DEV_TOPICS, TRAIN_TOPICS, load

from ..conftest import shared_path


def test_reader_finds_the_dev_mentions() -> None:
    root = shared_path("ecbplus")
    data = load(root, DEV_TOPICS)
    mentions = [m for docs in data.values() for d in docs for m in d.mentions]
    assert len(mentions) == 1245  # the dev event mentions of the usual split
    assert not set(TRAIN_TOPICS) & set(DEV_TOPICS)
    assert {m.subtopic for m in mentions} == {"ecb", "ecbplus"}


@pytest.mark.slow
def test_ecbplus_floor() -> None:
    from tidings.eval.ecbplus import evaluate

    res = evaluate(shared_path("ecbplus"))
    # measured on the dev topics: see docs/storage.md
    assert res.metrics["conll_f1"] >= 0.74
    assert res.metrics["conll_f1"] > res.metrics["lemma_baseline_conll_f1"]
    assert len(res.predictions) == res.n == 1245
