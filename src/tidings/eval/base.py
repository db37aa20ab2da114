"""What every evaluation returns, and small scoring helpers."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(slots=True, kw_only=True)
class EvalResult:
    """Scores of one task.

    Attributes:
        task: the task name.
        n: number of gold items scored.
        metrics: metric name -> value (the names each issue gives).
        predictions: one dict per gold item with what tidings predicted.
        details: further tables (per-class scores, confusion, worst documents) as
            name -> printable text.
    """

    task: str
    n: int
    metrics: dict[str, float]
    predictions: list[dict[str, Any]] = field(default_factory=list)
    details: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"task": self.task, "n": self.n, "metrics": self.metrics}

    def table(self) -> str:
        width = max((len(k) for k in self.metrics), default=6)
        lines = [f"task: {self.task}   n = {self.n}", f"{'metric':<{width}}  value",
                 f"{'-' * width}  ------"]
        for k, v in self.metrics.items():
            lines.append(f"{k:<{width}}  {v:.4f}" if isinstance(v, float) else f"{k:<{width}}  {v}")
        for name, text in self.details.items():
            lines.extend(["", f"## {name}", text])
        return "\n".join(lines)

    def write(self, json_out: Path | None = None, predictions_out: Path | None = None) -> None:
        if json_out is not None:
            json_out.write_text(json.dumps(self.to_json(), indent=2) + "\n", encoding="utf-8")
        if predictions_out is not None:
            with predictions_out.open("w", encoding="utf-8") as fh:
                for p in self.predictions:
                    fh.write(json.dumps(p, ensure_ascii=False) + "\n")


def prf(tp: float, fp: float, fn: float) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts (0 where undefined)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


PRF = tuple[float, float, float]


def macro_f1(gold: Iterable[str], pred: Iterable[str | None],
             labels: Iterable[str] | None = None) -> tuple[float, dict[str, PRF]]:
    """Macro-averaged F1 over ``labels`` (default: the gold labels) and per-label P/R/F."""
    gold_l = list(gold)
    pred_l = list(pred)
    labs = sorted(set(labels) if labels is not None else set(gold_l))
    per: dict[str, PRF] = {}
    for lab in labs:
        tp = sum(1 for g, p in zip(gold_l, pred_l, strict=True) if g == lab and p == lab)
        fp = sum(1 for g, p in zip(gold_l, pred_l, strict=True) if g != lab and p == lab)
        fn = sum(1 for g, p in zip(gold_l, pred_l, strict=True) if g == lab and p != lab)
        per[lab] = prf(tp, fp, fn)
    score = sum(v[2] for v in per.values()) / len(per) if per else 0.0
    return score, per


def confusion(gold: Iterable[str], pred: Iterable[str], top: int = 30) -> str:
    """A printable list of the most frequent (gold, predicted) confusions."""
    counts: dict[tuple[str, str], int] = {}
    for g, p in zip(gold, pred, strict=True):
        if g != p:
            counts[(g, p)] = counts.get((g, p), 0) + 1
    rows = sorted(counts.items(), key=lambda kv: -kv[1])[:top]
    return "\n".join(f"{n:5d}  {g} -> {p}" for (g, p), n in rows) or "(none)"


def per_label_table(per: Mapping[str, tuple[float, float, float]]) -> str:
    lines = [f"{'label':<24} {'P':>6} {'R':>6} {'F1':>6}"]
    for lab, (p, r, f) in per.items():
        lines.append(f"{lab:<24} {p:6.3f} {r:6.3f} {f:6.3f}")
    return "\n".join(lines)
