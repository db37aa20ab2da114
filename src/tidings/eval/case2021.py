"""``tidings eval case2021``: ACLED sub-event types of news snippets (CASE 2021 format).

``--data`` is a TSV file with the header ``id``, ``EventSnippet``, ``SubType``: one news
snippet per row and its gold sub-type, one of the 25 labels of the CASE 2021 shared task
(``ARMED_CLASH``, ``PEACE_PROTEST``... :data:`tidings.events.acled.CASE_CODES`). Each
snippet is run through the whole pipeline as a document; it gets the CASE label of its
most salient event (:func:`salient`), or ``OTHER`` when no event has an ACLED type.
Scores: ``accuracy``, ``macro_f1`` (over the gold labels) and ``weighted_f1`` (per-label
F1 weighted by gold frequency, as the shared task ranked systems).
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tidings.errors import EvalDataError
from tidings.eval.base import EvalResult, confusion, macro_f1, per_label_table
from tidings.events.acled import CASE_CODES, case_code
from tidings.records import Document, Event

LABELS = tuple(sorted(CASE_CODES.values()))
NOT_HAPPENED = frozenset({"negated", "hypothetical", "refuted"})


def load(path: Path) -> list[tuple[str, str, str]]:
    """(id, snippet, gold label) rows of the TSV file."""
    if path.is_dir():
        found = sorted(path.glob("*.tsv"))
        if len(found) != 1:
            raise EvalDataError(f"{path}: --data takes one TSV file (id, EventSnippet, SubType)")
        path = found[0]
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
            missing = {"id", "EventSnippet", "SubType"} - set(reader.fieldnames or [])
            if missing:
                raise EvalDataError(f"{path}: the header lacks {', '.join(sorted(missing))} "
                                    "(it needs id, EventSnippet, SubType)")
            rows = [(str(r["id"]), str(r["EventSnippet"] or ""), str(r["SubType"] or "").strip())
                    for r in reader]
    except UnicodeDecodeError as exc:
        raise EvalDataError(f"{path}: not UTF-8 text ({exc})") from None
    for rid, _, label in rows:
        if label not in LABELS:
            raise EvalDataError(f"{path}: row {rid!r} has an unknown SubType {label!r}")
    return rows


def salient(events: Sequence[Event]) -> Event | None:
    """The event a snippet is about: one with an ACLED type, that happened, in the
    earliest sentence, most confident; else None."""
    typed = [e for e in events if e.acled]
    if not typed:
        return None
    first = min(e.evidence.sentence[0] for e in typed)

    def key(e: Event) -> tuple[bool, bool, float, int]:
        return (e.factuality.label not in NOT_HAPPENED, e.evidence.sentence[0] == first,
                e.confidence, -e.evidence.trigger[0])

    return max(typed, key=key)


def predict(rows: Sequence[tuple[str, str, str]], pipeline: Any | None) -> list[list[Event]]:
    from tidings.pipeline import Pipeline

    if pipeline is None:
        from tidings.config import load_config
        from tidings.pipeline import Resources

        config = load_config()
        pipeline = Pipeline(Resources.load(config), config)
    docs = [Document.from_text(text or " ", source=f"case2021:{rid}") for rid, text, _ in rows]
    return [a.events for a in pipeline.analyse(docs)]


def _weighted_f1(gold: Sequence[str], per: dict[str, tuple[float, float, float]]) -> float:
    counts = Counter(gold)
    total = sum(counts.values())
    return sum(per[lab][2] * n for lab, n in counts.items() if lab in per) / total if total else 0.0


def score(rows: Sequence[tuple[str, str, str]], events: Sequence[Sequence[Event]]) -> EvalResult:
    gold: list[str] = []
    pred: list[str] = []
    predictions: list[dict[str, Any]] = []
    for (rid, text, label), evs in zip(rows, events, strict=True):
        ev = salient(evs)
        got = case_code(ev.acled) if ev else "OTHER"
        gold.append(label)
        pred.append(got)
        predictions.append({
            "id": rid, "gold": label, "predicted": got, "text": text,
            "event": ({"code": ev.cameo.code, "type": ev.type, "acled": ev.acled,
                       "trigger": text[ev.evidence.trigger[0]:ev.evidence.trigger[1]]}
                      if ev else None),
        })
    mf1, _ = macro_f1(gold, pred, sorted(set(gold)))
    _, per_all = macro_f1(gold, pred, sorted(set(gold) | set(pred)))
    n = len(gold)
    wrong = [p for p in predictions if p["gold"] != p["predicted"]][:10]
    right = sum(g == p for g, p in zip(gold, pred, strict=True))
    metrics = {
        "accuracy": round(right / n, 4) if n else 0.0,
        "macro_f1": round(mf1, 4),
        "weighted_f1": round(_weighted_f1(gold, per_all), 4),
    }
    details = {
        "per sub-type (P/R/F1)": per_label_table(per_all),
        "confusion (gold -> predicted)": confusion(gold, pred),
        "ten worst snippets (misclassified)": "\n".join(
            f"{p['id']:>8}  {p['gold']} -> {p['predicted']}  {p['text'][:90]}" for p in wrong)
        or "(none)",
    }
    return EvalResult(task="case2021", n=n, metrics=metrics, predictions=predictions,
                      details=details)


def evaluate(data: Path, **options: Any) -> EvalResult:
    """Score tidings on a CASE 2021-style TSV (``--data`` the file)."""
    rows = load(data)
    if not rows:
        raise EvalDataError(f"{data}: no snippets found")
    return score(rows, predict(rows, options.get("pipeline")))
