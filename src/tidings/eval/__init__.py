"""Evaluation on public gold data: ``tidings eval TASK --data PATH``.

Each task lives in its own module, which defines
``evaluate(data: Path, **options) -> EvalResult``.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from tidings.errors import EvalDataError
from tidings.eval.base import EvalResult

TASKS: dict[str, tuple[str, str]] = {
    "plover-gsr": ("tidings.eval.plover_gsr", "PLOVER gold-standard records: type, actors"),
    "petrarch2-gsr": ("tidings.eval.petrarch2", "PETRARCH-2 GSR: CAMEO codes and actors"),
    "timex": ("tidings.eval.timex", "TempEval-3 TIMEX3 recognition and normalization"),
    "geo": ("tidings.eval.geo", "Toponym recognition and resolution (LGL, GeoWebNews, GeoVirus)"),
    "conflibert-actors": ("tidings.eval.conflibert_actors", "Source/target actor spans"),
    "attribution": ("tidings.eval.attribution", "PolNeAR source/cue/content"),
    "factuality": ("tidings.eval.factuality", "Graded event factuality (UW, MEANTIME)"),
    "linking": ("tidings.eval.linking", "Event linking on tidings' own collection"),
    "ecb-plus": ("tidings.eval.ecbplus", "ECB+ cross-document event coreference"),
    "muc4": ("tidings.eval.muc4", "MUC-4 incident templates"),
    "india-police": ("tidings.eval.india_police", "IndiaPoliceEvents police actions"),
    "case2021": ("tidings.eval.case2021", "ACLED sub-event types (CASE 2021 format)"),
}


def run_task(task: str, data: Path, **options: Any) -> EvalResult:
    """Run one evaluation task on the data at ``data``."""
    if task not in TASKS:
        raise EvalDataError(f"unknown eval task {task!r}; known: {', '.join(TASKS)}")
    if not data.exists():
        raise EvalDataError(f"{data}: evaluation data not found")
    module_name, _ = TASKS[task]
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name == module_name:
            raise EvalDataError(f"eval task {task!r} is not available in this version") from None
        raise
    result: EvalResult = module.evaluate(data, **options)
    return result


__all__ = ["TASKS", "EvalResult", "run_task"]
