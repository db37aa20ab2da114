"""``tidings eval timex``: TIMEX3 recognition and normalization on TimeML data,
scored as the TempEval-3 toolkit scores it.

Definitions (UzZaman et al. 2013, TempEval-3, section 4.1, and the toolkit's
``evaluate_entities``), with the document creation time excluded:

- strict match: same characters; relaxed match: any character in common.
- precision: system expressions matching some gold expression / system expressions;
  recall: gold expressions matching some system expression / gold expressions.
- attributes are judged on relaxed matches: each gold expression is paired with the
  system expression overlapping it most; ``value_accuracy`` (``type_accuracy``) is the
  share of pairs with the same value (type), and ``value_f1`` = value_accuracy x
  relaxed F1 (value precision and recall likewise scale relaxed P and R).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tidings.eval.base import EvalResult
from tidings.time.timeml import GoldTimex, TimeMLDoc, iter_timeml


@dataclass(slots=True, kw_only=True)
class Span:
    """A temporal expression to score: character span, TIMEX3 type and value."""

    start: int
    end: int
    type: str
    value: str | None
    text: str = ""
    mod: str | None = None


@dataclass(slots=True)
class Counts:
    """Counts the TempEval-3 metrics are computed from."""

    n_gold: int = 0
    n_sys: int = 0
    strict_sys: int = 0
    strict_gold: int = 0
    relaxed_sys: int = 0
    relaxed_gold: int = 0
    pairs: int = 0
    value_ok: int = 0
    type_ok: int = 0

    def add(self, other: Counts) -> None:
        for f in self.__slots__:
            setattr(self, f, getattr(self, f) + getattr(other, f))

    def metrics(self) -> dict[str, float]:
        sp = self.strict_sys / self.n_sys if self.n_sys else 0.0
        sr = self.strict_gold / self.n_gold if self.n_gold else 0.0
        rp = self.relaxed_sys / self.n_sys if self.n_sys else 0.0
        rr = self.relaxed_gold / self.n_gold if self.n_gold else 0.0
        sf = 2 * sp * sr / (sp + sr) if sp + sr else 0.0
        rf = 2 * rp * rr / (rp + rr) if rp + rr else 0.0
        vacc = self.value_ok / self.pairs if self.pairs else 0.0
        tacc = self.type_ok / self.pairs if self.pairs else 0.0
        return {
            "strict_f1": sf, "strict_precision": sp, "strict_recall": sr,
            "relaxed_f1": rf, "relaxed_precision": rp, "relaxed_recall": rr,
            "value_f1": vacc * rf, "value_precision": vacc * rp, "value_recall": vacc * rr,
            "value_accuracy": vacc, "type_f1": tacc * rf, "type_accuracy": tacc,
        }


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def pair_up(gold: Sequence[Span], system: Sequence[Span]) -> list[Span | None]:
    """For each gold expression, the system expression overlapping it most (or None)."""
    out: list[Span | None] = []
    for gsp in gold:
        best: Span | None = None
        best_ov = 0
        for s in system:
            ov = _overlap(gsp, s)
            if ov > best_ov:
                best, best_ov = s, ov
        out.append(best)
    return out


def score_document(gold: Sequence[Span], system: Sequence[Span]) -> Counts:
    """TempEval-3 counts for one document (spans of the same text)."""
    c = Counts(n_gold=len(gold), n_sys=len(system))
    gold_spans = {(gs.start, gs.end) for gs in gold}
    sys_spans = {(s.start, s.end) for s in system}
    c.strict_sys = sum(1 for s in system if (s.start, s.end) in gold_spans)
    c.strict_gold = sum(1 for gs in gold if (gs.start, gs.end) in sys_spans)
    c.relaxed_sys = sum(1 for s in system if any(_overlap(s, gs) for gs in gold))
    for gs, s in zip(gold, pair_up(gold, system), strict=True):
        if s is None:
            continue
        c.relaxed_gold += 1
        c.pairs += 1
        c.value_ok += int((s.value or "") == (gs.value or ""))
        c.type_ok += int(s.type == gs.type)
    return c


# ---------------------------------------------------------------------- running


def gold_spans(doc: TimeMLDoc) -> list[Span]:
    return [_span(t) for t in doc.timexes]


def _span(t: GoldTimex) -> Span:
    return Span(start=t.start, end=t.end, type=t.type, value=t.value, text=t.text, mod=t.mod)


def system_spans(doc: TimeMLDoc, parsed: Any) -> list[Span]:
    """tidings' expressions for a TimeML document (``parsed``: its spaCy Doc or None)."""
    from tidings.time.stage import annotate

    out = []
    for tv in annotate(doc.text, doc.dct, parsed):
        if tv.start_char is None or tv.end_char is None:
            continue
        out.append(Span(start=tv.start_char, end=tv.end_char, type=tv.type, value=tv.value,
                        text=tv.text, mod=tv.mod))
    return out


def _family(value: str | None) -> str:
    """A coarse shape of a TIMEX3 value, for confusion tables (``1989-Q3`` -> ``YYYY-QN``)."""
    if not value:
        return "None"
    import re

    v = re.sub(r"\d", "9", value)
    v = re.sub(r"^P(T?)9+(\.9+)?", r"P\1n", v)
    return v


def evaluate(data: Path, **options: Any) -> EvalResult:
    """Score recognition and normalization on every ``.tml`` under ``data``.

    Options: ``nlp`` (a loaded spaCy pipeline; the configured one is loaded otherwise),
    ``limit`` (score only the first N documents).
    """
    docs = list(iter_timeml(data))
    limit = options.get("limit")
    if limit:
        docs = docs[: int(limit)]
    nlp = options.get("nlp")
    if nlp is None:
        from tidings.config import load_config
        from tidings.nlp import load_nlp

        nlp = load_nlp(load_config().spacy_model)
    t0 = time.perf_counter()
    parsed = list(nlp.pipe([d.text for d in docs], batch_size=16))
    t_parse = time.perf_counter() - t0
    t0 = time.perf_counter()
    systems = [system_spans(d, p) for d, p in zip(docs, parsed, strict=True)]
    t_time = time.perf_counter() - t0
    return score(docs, systems, timing=(t_parse, t_time))


def score(docs: Sequence[TimeMLDoc], systems: Sequence[Sequence[Span]],
          timing: tuple[float, float] | None = None) -> EvalResult:
    """Score system spans against the documents' gold TIMEX3 and build the report."""
    total = Counts()
    predictions: list[dict[str, Any]] = []
    per_doc: list[tuple[float, int, str, Counts]] = []
    types_conf: Counter[tuple[str, str]] = Counter()
    value_conf: Counter[tuple[str, str]] = Counter()
    missed: Counter[str] = Counter()
    spurious: Counter[str] = Counter()
    for doc, system in zip(docs, systems, strict=True):
        gold = gold_spans(doc)
        c = score_document(gold, system)
        total.add(c)
        m = c.metrics()
        errors = (c.n_gold - c.value_ok) + (c.n_sys - c.relaxed_sys)
        per_doc.append((m["value_f1"], errors, doc.docid, c))
        paired = pair_up(gold, system)
        used: set[tuple[int, int]] = set()
        for gs, s in zip(gold, paired, strict=True):
            if s is not None:
                used.add((s.start, s.end))
                types_conf[(gs.type, s.type)] += 1
                if (s.value or "") != (gs.value or ""):
                    value_conf[(_family(gs.value), _family(s.value))] += 1
            else:
                missed[gs.text.lower()] += 1
            predictions.append({
                "doc": doc.docid, "dct": doc.dct_value,
                "gold": {"start": gs.start, "end": gs.end, "text": gs.text, "type": gs.type,
                         "value": gs.value, "mod": gs.mod},
                "pred": None if s is None else {"start": s.start, "end": s.end, "text": s.text,
                                                "type": s.type, "value": s.value, "mod": s.mod},
                "strict": s is not None and (s.start, s.end) == (gs.start, gs.end),
                "relaxed": s is not None,
                "value_ok": s is not None and (s.value or "") == (gs.value or ""),
            })
        for s in system:
            if not any(_overlap(s, gs) for gs in gold):
                spurious[s.text.lower()] += 1
                predictions.append({
                    "doc": doc.docid, "dct": doc.dct_value, "gold": None,
                    "pred": {"start": s.start, "end": s.end, "text": s.text, "type": s.type,
                             "value": s.value, "mod": s.mod},
                    "strict": False, "relaxed": False, "value_ok": False})
    metrics = total.metrics()
    metrics["n_system"] = float(total.n_sys)
    details: dict[str, str] = {}
    if timing is not None:
        t_parse, t_time = timing
        metrics["time_cost_ratio"] = t_time / t_parse if t_parse else 0.0
        details["speed"] = (f"spaCy parse {t_parse:.2f} s; time handling {t_time:.2f} s "
                            f"({100 * t_time / t_parse if t_parse else 0:.1f}% of the parse)")
    details["type confusion (gold -> system, relaxed matches)"] = "\n".join(
        f"{n:5d}  {g} -> {s}" for (g, s), n in sorted(types_conf.items(), key=lambda kv: -kv[1]))
    details["value errors by shape (gold -> system)"] = "\n".join(
        f"{n:5d}  {g} -> {s}" for (g, s), n in value_conf.most_common(20)) or "(none)"
    details["most missed"] = ", ".join(f"{t!r} x{n}" for t, n in missed.most_common(25))
    details["most spurious"] = ", ".join(f"{t!r} x{n}" for t, n in spurious.most_common(25))
    worst = sorted(per_doc, key=lambda x: (-x[1], x[0]))[:10]
    details["ten worst documents (errors = wrong or missed values + spurious)"] = "\n".join(
        f"{docid:<28} errors {err:3d}  gold {c.n_gold:3d}  system {c.n_sys:3d}  "
        f"value_f1 {vf:.3f}" for vf, err, docid, c in worst)
    return EvalResult(task="timex", n=total.n_gold, metrics=metrics, predictions=predictions,
                      details=details)


__all__ = ["Counts", "Span", "evaluate", "pair_up", "score", "score_document"]
