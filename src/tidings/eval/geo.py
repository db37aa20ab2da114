"""``tidings eval geo``: toponym recognition and resolution on LGL, GeoWebNews, GeoVirus.

Resolution is scored on the gold toponym spans: each document is parsed once, its own
recognized toponyms serve as context, and every gold span is resolved with that
document-level context. Recognition is scored separately, predicted spans against gold
spans (exact offsets, and any overlap).

Metrics per corpus (names prefixed ``CORPUS.``, and over all corpora without prefix):

- ``acc_161``: share of gold toponyms resolved within 161 km (100 miles) of the gold point;
- ``exact_id``: share with the gold GeoNames id, over the gold toponyms that carry one
  (LGL gaztags; GeoWebNews' 2,401 toponyms with an id, which are also the only ones
  scored for resolution there, as its authors do; GeoVirus has none);
- ``mean_error_km``, ``median_error_km``;
- ``auc``: area under the curve of sorted errors on a log scale, as Gritta et al. define
  it ("What's missing in geographical parsing?", 2018; used in the 2019 guide):
  errors sorted ascending, each mapped to ln(1 + km) / ln(1 + 20039), integrated by the
  trapezoid rule over the share of toponyms in [0, 1]. 0 is perfect, 1 the worst; an
  unresolved toponym counts as the maximum error, 20,039 km;
- ``rec_precision``, ``rec_recall``, ``rec_f1``: exact-span recognition; and
  ``rec_overlap_f1`` where a predicted span overlapping a gold span counts.
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tidings.eval.base import EvalResult, prf
from tidings.eval.geo_data import GoldDoc, find_corpora, read
from tidings.geo.gazetteer import Gazetteer
from tidings.geo.parse import geoparse
from tidings.geo.recognize import recognize
from tidings.geo.resolve import km

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MAX_ERROR_KM = 20039.0


def auc(errors: list[float]) -> float:
    """Gritta et al.'s AUC of the log-error curve (0 best, 1 worst)."""
    if not errors:
        return 0.0
    ys = [math.log(1 + min(e, MAX_ERROR_KM)) / math.log(1 + MAX_ERROR_KM)
          for e in sorted(errors)]
    if len(ys) == 1:
        return ys[0]
    step = 1 / (len(ys) - 1)
    return sum((a + b) / 2 * step for a, b in pairwise(ys))


def _parse(nlp: Language, docs: list[GoldDoc], cache: Path | None) -> list[Doc]:
    """Parse the documents, reusing a DocBin cache file when given (development)."""
    from spacy.tokens import DocBin

    if cache is not None and cache.exists():
        parsed = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if [d.text for d in parsed] == [d.text for d in docs]:
            return parsed
    parsed = list(nlp.pipe((d.text for d in docs), batch_size=32))
    if cache is not None:
        DocBin(store_user_data=False, docs=parsed).to_disk(cache)
    return parsed


def score_corpus(name: str, docs: list[GoldDoc], parsed: list[Doc], gaz: Gazetteer
                 ) -> tuple[dict[str, float], list[dict[str, Any]], dict[str, Any]]:
    """Metrics, one prediction per gold toponym, and raw counts for pooling."""
    errors: list[float] = []
    exact: list[bool] = []
    preds: list[dict[str, Any]] = []
    tp = fp = fn = 0
    otp = ofp = ofn = 0
    per_doc: dict[str, list[float]] = defaultdict(list)
    for gold, doc in zip(docs, parsed, strict=True):
        targets = [t for t in gold.toponyms if t.resolve and t.lat is not None]
        spans = sorted({(t.start, t.end) for t in targets})
        res = {(r.toponym.start, r.toponym.end): r for r in geoparse(doc, gaz, spans)}
        for t in targets:
            r = res.get((t.start, t.end))
            e = r.entry if r else None
            err = (km(t.lat, t.lon, e.lat, e.lon)  # type: ignore[arg-type]
                   if e is not None else MAX_ERROR_KM)
            errors.append(err)
            per_doc[gold.id].append(err)
            hit_id = None
            if t.geonameid is not None:
                hit_id = e is not None and e.geonameid == t.geonameid
                exact.append(hit_id)
            preds.append({
                "corpus": name, "doc": gold.id, "start": t.start, "end": t.end,
                "text": t.text, "gold_id": t.geonameid, "gold_lat": t.lat, "gold_lon": t.lon,
                "pred_id": e.geonameid if e is not None and e.geonameid > 0 else None,
                "pred_name": e.name if e else None, "pred_fcode": e.fcode if e else None,
                "pred_country": e.cc2 if e else None,
                "pred_lat": e.lat if e else None, "pred_lon": e.lon if e else None,
                "error_km": round(err, 1), "exact": hit_id,
                "method": r.method if r else "missing",
            })
        gold_spans = {(t.start, t.end) for t in gold.toponyms if t.recognize}
        pred_spans = {(t.start, t.end) for t in recognize(doc, gaz)}
        tp += len(gold_spans & pred_spans)
        fp += len(pred_spans - gold_spans)
        fn += len(gold_spans - pred_spans)
        otp += sum(1 for s, e in gold_spans if any(s < pe and ps < e for ps, pe in pred_spans))
        ofn += sum(1 for s, e in gold_spans
                   if not any(s < pe and ps < e for ps, pe in pred_spans))
        ofp += sum(1 for s, e in pred_spans
                   if not any(s < ge and gs < e for gs, ge in gold_spans))
    p, r_, f = prf(tp, fp, fn)
    of = prf(otp, ofp, ofn)[2]
    metrics = _resolution_metrics(errors, exact)
    metrics.update({"rec_precision": p, "rec_recall": r_, "rec_f1": f, "rec_overlap_f1": of,
                    "n_resolution": float(len(errors)), "n_exact": float(len(exact)),
                    "n_recognition": float(tp + fn)})
    raw: dict[str, Any] = {"errors": errors, "exact": exact, "rec": [tp, fp, fn, otp, ofp, ofn],
           "worst": sorted(((statistics.fmean(v), k, len(v)) for k, v in per_doc.items()),
                           reverse=True)[:10]}
    return metrics, preds, raw


def _resolution_metrics(errors: list[float], exact: list[bool]) -> dict[str, float]:
    if not errors:
        return {}
    out = {
        "acc_161": sum(e <= 161 for e in errors) / len(errors),
        "mean_error_km": statistics.fmean(errors),
        "median_error_km": statistics.median(errors),
        "auc": auc(errors),
    }
    if exact:
        out["exact_id"] = sum(exact) / len(exact)
    return out


def evaluate(data: Path, nlp: Language | None = None, gazetteer: Gazetteer | None = None,
             parse_cache: Path | None = None, limit: int | None = None) -> EvalResult:
    """Score toponym recognition and resolution on the corpora found at ``data``.

    ``parse_cache`` (a folder) keeps the spaCy parses between runs while developing;
    ``limit`` scores only the first documents of each corpus.
    """
    corpora = find_corpora(data)
    if nlp is None or gazetteer is None:
        from tidings.pipeline import Resources

        res = Resources.load()
        nlp, gazetteer = nlp or res.nlp, gazetteer or res.gazetteer
    assert nlp is not None
    metrics: dict[str, float] = {}
    predictions: list[dict[str, Any]] = []
    details: dict[str, str] = {}
    all_errors: list[float] = []
    all_exact: list[bool] = []
    rec = [0] * 6
    for name, path in corpora.items():
        docs = read(name, path)[:limit]
        cache = parse_cache / f"{name}-{len(docs)}.spacy" if parse_cache else None
        parsed = _parse(nlp, docs, cache)
        m, preds, raw = score_corpus(name, docs, parsed, gazetteer)
        metrics.update({f"{name}.{k}": v for k, v in m.items()})
        predictions.extend(preds)
        all_errors.extend(raw["errors"])
        all_exact.extend(raw["exact"])
        rec = [a + b for a, b in zip(rec, raw["rec"], strict=True)]
        details[f"{name}: ten worst documents (mean error km, doc, toponyms)"] = "\n".join(
            f"{err:9.1f}  {doc}  {n}" for err, doc, n in raw["worst"])
        details[f"{name}: resolution by method (n, acc_161)"] = _by_method(
            [p for p in preds if p["corpus"] == name])
    if len(corpora) > 1:
        metrics.update(_resolution_metrics(all_errors, all_exact))
        metrics["rec_f1"] = prf(rec[0], rec[1], rec[2])[2]
    return EvalResult(task="geo", n=len(predictions), metrics=metrics,
                      predictions=predictions, details=details)


def _by_method(preds: list[dict[str, Any]]) -> str:
    groups: dict[str, list[float]] = defaultdict(list)
    for p in preds:
        groups[p["method"]].append(p["error_km"])
    return "\n".join(f"{m:<12} {len(v):6d}  {sum(e <= 161 for e in v) / len(v):.3f}"
                     for m, v in sorted(groups.items(), key=lambda kv: -len(kv[1])))
