"""Score floors on TempEval-3 TBAQ (TimeBank + AQUAINT); skipped without ../shared.

The floors sit a little below the scores measured when they were set (see docs/time.md),
on the whole corpus and on each half, so that a change that helps one half by costing
the other shows up.
"""

from __future__ import annotations

import pytest

from tests.conftest import shared_path
from tidings.eval.timex import run_system, score
from tidings.pipeline import Resources
from tidings.time.timeml import iter_timeml

FLOORS = {
    "all": {"strict_f1": 0.885, "relaxed_f1": 0.94, "value_f1": 0.815, "type_accuracy": 0.945,
            "value_accuracy": 0.86},
    "TimeBank": {"strict_f1": 0.90, "relaxed_f1": 0.945, "value_f1": 0.838,
                 "value_accuracy": 0.883},
    "AQUAINT": {"strict_f1": 0.855, "relaxed_f1": 0.935, "value_f1": 0.765,
                "value_accuracy": 0.81},
}
SIZES = {"all": 1822, "TimeBank": 1243, "AQUAINT": 579}
MAX_TIME_COST = 0.10
"""Time handling may cost at most this share of the bare spaCy parse (issue 4)."""


@pytest.mark.slow
@pytest.mark.shared
def test_tbaq_score_floors(resources: Resources) -> None:
    data = shared_path("tempeval3_tbaq_cleaned")
    docs = list(iter_timeml(data))
    systems, timing = run_system(docs, resources.nlp)
    for part, floors in FLOORS.items():
        keep = [i for i, d in enumerate(docs) if part == "all" or part in d.path.parts]
        result = score([docs[i] for i in keep], [systems[i] for i in keep])
        assert result.n == SIZES[part]
        for name, floor in floors.items():
            got = result.metrics[name]
            assert got >= floor, f"{part} {name} {got:.4f} < {floor}"
    t_parse, t_time = timing
    assert t_time / t_parse <= MAX_TIME_COST
