"""Score floors on the shared gold data, pinned a little below what was measured
(docs/events.md has the figures). Skipped with a reason when ../shared is absent."""

from __future__ import annotations

import pytest

from tests.conftest import shared_path
from tidings.pipeline import Pipeline


@pytest.mark.slow
@pytest.mark.shared
def test_plover_gsr_floors(pipeline: Pipeline) -> None:
    from tidings.eval.plover_gsr import evaluate

    m = evaluate(shared_path("plover_gsr_cameo"), pipeline=pipeline).metrics
    assert m["stage_errors"] == 0
    assert m["type_macro_f1"] >= 0.90
    assert m["type_accuracy"] >= 0.91
    assert m["source_accuracy"] >= 0.845
    assert m["target_accuracy"] >= 0.855
    assert m["precision"] >= 0.58


@pytest.mark.slow
@pytest.mark.shared
def test_petrarch2_gsr_floors(pipeline: Pipeline) -> None:
    from tidings.eval.petrarch2 import evaluate

    result = evaluate(shared_path("petrarch2_gsr_validation"), pipeline=pipeline)
    m = result.metrics
    assert result.n == 80
    assert m["stage_errors"] == 0
    assert m["cameo_root_accuracy"] >= 0.89
    assert m["cameo_code_accuracy"] >= 0.78
    assert m["source_accuracy"] >= 0.93
    assert m["target_accuracy"] >= 0.90
