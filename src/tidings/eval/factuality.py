"""``tidings eval factuality``: graded event factuality on the unified UW and MEANTIME data.

Every gold-marked predicate token is scored by the same code the pipeline's factuality
stage uses (:func:`tidings.factuality.assess`: cue label, fitted score kept inside the
label's range), whether or not tidings would call that predicate an event. Metrics:
``mae`` (mean absolute error) and ``pearson_r`` against the gold value on [-3, +3].

``--data`` takes a dataset folder (its ``dev.conll`` is read unless ``split`` says
otherwise; the split read is printed) or one CoNLL file.
"""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path
from typing import Any

from tidings.errors import EvalDataError
from tidings.eval.base import EvalResult
from tidings.factuality.conll import GoldSentence, parse_sentences, read_conll, resolve_split
from tidings.factuality.features import DEFAULT_DOMAIN, domain_of
from tidings.factuality.model import Scorer, default_scorer, load_scorer
from tidings.factuality.stage import assess, raw_score


def pearson(xs: list[float], ys: list[float]) -> float:
    """Pearson correlation (0 when either side is constant)."""
    n = len(xs)
    if n < 2:
        return 0.0
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    return sxy / math.sqrt(sxx * syy) if sxx > 0 and syy > 0 else 0.0


def evaluate(data: Path, **options: Any) -> EvalResult:
    """Score every gold predicate of the split (default ``dev``) or file at ``data``.

    Options: ``nlp`` (a loaded spaCy pipeline), ``split`` (``dev`` or ``train``),
    ``model`` (path of another fitted model JSON), ``limit`` (first N sentences),
    ``domain`` (annotation scale, ``uw`` or ``meantime``; by default from the path).
    """
    files = resolve_split(data, str(options.get("split") or "dev"))
    sentences: list[GoldSentence] = []
    for f in files:
        sentences.extend(read_conll(f))
    limit = options.get("limit")
    if limit:
        sentences = sentences[: int(limit)]
    if not any(s.values for s in sentences):
        raise EvalDataError(f"{data}: no factuality values found (expected the unified "
                            "CoNLL layout: index, token, value, ...)")
    nlp = options.get("nlp")
    if nlp is None:
        from tidings.config import load_config
        from tidings.nlp import load_nlp

        nlp = load_nlp(load_config().spacy_model)
    model = options.get("model")
    scorer = load_scorer(Path(model)) if model else default_scorer()
    domain = str(options.get("domain") or domain_of(files[0]))
    return score(sentences, parse_sentences(sentences, nlp), scorer, domain=domain,
                 read=f"{', '.join(str(f) for f in files)} (scale: {domain})")


def score(sentences: list[GoldSentence], docs: list[Any], scorer: Scorer,
          domain: str = DEFAULT_DOMAIN, read: str = "") -> EvalResult:
    """Metrics and per-predicate predictions for parsed gold sentences."""
    gold: list[float] = []
    pred: list[float] = []
    raw: list[float] = []
    labels: Counter[str] = Counter()
    by_label: dict[str, list[float]] = {}
    predictions: list[dict[str, Any]] = []
    for s, doc in zip(sentences, docs, strict=True):
        for i, value in sorted(s.values.items()):
            tok = doc[i]
            f = assess(tok, None, scorer, domain)
            r = raw_score(tok, scorer, domain)
            gold.append(value)
            pred.append(f.score)
            raw.append(r)
            labels[f.label] += 1
            by_label.setdefault(f.label, []).append(value)
            predictions.append({"file": s.source, "sentence": s.number, "token_index": i,
                                "token": s.words[i], "gold": value, "pred": f.score,
                                "label": f.label, "evidence": f.evidence,
                                "unclamped": round(r, 3)})
    n = len(gold)
    mae = sum(abs(p - g) for p, g in zip(pred, gold, strict=True)) / n
    metrics = {
        "mae": mae,
        "pearson_r": pearson(pred, gold),
        "mae_unclamped": sum(abs(p - g) for p, g in zip(raw, gold, strict=True)) / n,
        "pearson_r_unclamped": pearson(raw, gold),
        "mae_always_3": sum(abs(3.0 - g) for g in gold) / n,
    }
    rows = [f"{'label':<14} {'n':>6} {'mean gold':>10}"]
    for lab, vals in sorted(by_label.items(), key=lambda kv: -len(kv[1])):
        rows.append(f"{lab:<14} {len(vals):6d} {sum(vals) / len(vals):10.2f}")
    worst = sorted(predictions, key=lambda p: -abs(p["pred"] - p["gold"]))[:15]
    worst_rows = [f"{p['gold']:5.1f} {p['pred']:5.1f}  {p['token']:<14} {p['label']:<12} "
                  f"{p['file']}#{p['sentence']}" for p in worst]
    details = {"data read": read or "(given sentences)",
               "labels given to the gold predicates": "\n".join(rows),
               "largest errors (gold, pred)": "\n".join(worst_rows)}
    return EvalResult(task="factuality", n=n, metrics=metrics, predictions=predictions,
                      details=details)
