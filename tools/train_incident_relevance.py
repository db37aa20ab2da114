"""Fit the incident relevance model (``src/tidings/events/data/incident_relevance.json``).

Training data: the MUC-4 training set only (``raw/dev`` of the shared MUC-4 folder: 1,300
texts and the ``key-dev-*`` answer keys). Each text goes through the whole pipeline (the
parse is cached in a pickle under /tmp, never in the repo); its events are grouped into
incidents (:func:`tidings.events.incidents.group`); an incident is a positive when it pairs
with a key template of its type (the eval's pairing), a negative otherwise. A logistic
regression (numpy, full-batch gradient descent, L2, fixed steps: deterministic) is fit on
:func:`tidings.events.incidents.features`, and the threshold is the one that maximizes
the incident type F1 of 5-fold cross-validated probabilities on the training set (key
templates the grouping never found count as misses). A story model (a logistic
regression over the words of the whole text: does it have a key template at all?) is fit
first; its out-of-fold probability is one of the incident features. Evaluate on TST1/TST2
with ``tidings eval muc4``.

    PYTHONPATH=src python tools/train_incident_relevance.py --data ../shared/data/muc4
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import pickle
import re
import sys
from pathlib import Path
from typing import Any

import numpy as np

from tidings.eval import muc4
from tidings.events import incidents as inc_mod

DOC_ID = re.compile(r"^\s*((?:DEV|TST\d)-MUC\d-\d{4})\b[^\n]*$", re.MULTILINE)
OUT = Path(__file__).resolve().parent.parent / "src/tidings/events/data/incident_relevance.json"
L2 = float(os.environ.get("RELEVANCE_L2", "20.0"))
"""Chosen by the training set's cross-validated F1 among 2, 5 and 20."""
DOC_L2 = float(os.environ.get("RELEVANCE_DOC_L2", "5.0"))
STEPS = 2000
RATE = 0.5
FOLDS = 5
DOC_MIN_DF = 10
"""Words of at least this many training stories make the story model's vocabulary."""
WORD_MIN = int(os.environ.get("RELEVANCE_WORD_MIN", "15"))
"""Sentence words of at least this many training incidents are incident features."""


def training_docs(data: Path) -> list[muc4.GoldDoc]:
    """The training texts (``raw/dev``; their id lines carry a source: "(NOSC)") and keys."""
    sub = data / "raw" / "dev"
    templates: dict[str, list[muc4.GoldTemplate]] = {}
    for key in sorted(sub.glob("key-*")):
        for doc_id, found in muc4._parse_key(key).items():  # "DEV-MUC3-0001 (NCCOSC)"
            templates.setdefault(doc_id.split()[0], []).extend(found)
    docs = []
    for tf in sorted(p for p in sub.iterdir() if p.name.startswith("dev-")):
        text = tf.read_text(encoding="latin-1")
        marks = list(DOC_ID.finditer(text))
        for k, m in enumerate(marks):
            end = marks[k + 1].start() if k + 1 < len(marks) else len(text)
            raw = text[m.end():end].strip("\n")
            docs.append(muc4.GoldDoc(doc_id=m.group(1), raw=raw, dct=muc4.dateline_date(raw),
                                     templates=templates.get(m.group(1), [])))
    return docs


def lexicon_fingerprint() -> str:
    """A hash of the trigger lexicon's data files: a cache parsed with other patterns
    holds other events, and a model fit on it would not be the one this code gives."""
    from importlib import resources

    digest = hashlib.sha256()
    root = resources.files("tidings.lexicon").joinpath("data")
    stack = [root]
    files = []
    while stack:
        for entry in stack.pop().iterdir():
            if entry.is_dir():
                stack.append(entry)
            elif entry.name.endswith((".txt", ".tsv")):
                files.append(entry)
    for entry in sorted(files, key=lambda e: e.name):
        digest.update(entry.name.encode() + entry.read_bytes())
    return digest.hexdigest()[:16]


def parsed(docs: list[muc4.GoldDoc], cache: Path) -> list[muc4.Predicted]:
    """The pipeline's events of each document, from the cache when it holds these ids
    and was parsed with the same lexicon."""
    key = ([d.doc_id for d in docs], lexicon_fingerprint())
    if cache.exists():
        found = pickle.loads(cache.read_bytes())
        if len(found) == 3 and (found[0], found[1]) == key:
            return list(found[2])
    preds = muc4.predict(docs, None)
    cache.write_bytes(pickle.dumps((*key, preds)))
    return preds


def doc_model(docs: list[muc4.GoldDoc]) -> tuple[dict[str, float], float, list[float]]:
    """The story model (words -> does the story have a key template?) fit on all
    training texts, and each text's probability from a model fit without its fold (so
    that the incident model learns how far to trust it on unseen stories)."""
    toks = [inc_mod.tokens(d.raw) for d in docs]
    df: dict[str, int] = {}
    for t in toks:
        for w in t:
            df[w] = df.get(w, 0) + 1
    vocab = sorted(w for w, c in df.items() if c >= DOC_MIN_DF)
    index = {w: i for i, w in enumerate(vocab)}
    x = np.zeros((len(docs), len(vocab)))
    for i, t in enumerate(toks):
        for w in t:
            if w in index:
                x[i, index[w]] = 1.0
    y = np.array([float(bool(d.templates)) for d in docs])
    oof = np.zeros(len(docs))
    folds = np.arange(len(docs)) % FOLDS
    for k in range(FOLDS):
        w, b = fit(x[folds != k], y[folds != k], DOC_L2)
        oof[folds == k] = 1.0 / (1.0 + np.exp(-(x[folds == k] @ w + b)))
    w, b = fit(x, y, DOC_L2)
    weights = {v: round(float(c), 4) for v, c in zip(vocab, w, strict=True) if abs(c) > 1e-3}
    return weights, round(b, 4), [float(p) for p in oof]


def dataset(docs: list[muc4.GoldDoc], preds: list[muc4.Predicted], doc_p: list[float]
            ) -> tuple[list[dict[str, float]], list[int], int]:
    """Features and labels of every candidate incident, and the number of key templates."""
    feats: list[dict[str, float]] = []
    labels: list[int] = []
    n_gold = 0
    for g, p, dp in zip(docs, preds, doc_p, strict=True):
        incs = inc_mod.group(p.events, g.dct, muc4._names)
        paired = {id(i) for i, _ in muc4._pair(incs, g.templates)}
        n_gold += len(g.templates)
        for inc in incs:
            feats.append(inc_mod.features(inc, incs, g.dct, g.raw, dp))
            labels.append(int(id(inc) in paired))
    return feats, labels, n_gold


def fit(x: np.ndarray, y: np.ndarray, l2: float) -> tuple[np.ndarray, float]:
    """L2-regularized logistic regression by full-batch gradient descent."""
    w = np.zeros(x.shape[1])
    b = 0.0
    n = len(y)
    for _ in range(STEPS):
        p = 1.0 / (1.0 + np.exp(-(x @ w + b)))
        g = p - y
        w -= RATE * (x.T @ g / n + l2 * w / n)
        b -= RATE * float(g.mean())
    return w, b


def best_threshold(p: np.ndarray, y: np.ndarray, n_gold: int) -> tuple[float, float]:
    """The probability cut with the best type F1 on the training incidents."""
    best = (0.0, 0.0)
    for t in np.arange(0.05, 0.951, 0.01):
        keep = p >= t
        tp = float((keep & (y == 1)).sum())
        fp = float((keep & (y == 0)).sum())
        f1 = 2 * tp / (tp + fp + n_gold) if tp else 0.0
        if f1 > best[1]:
            best = (round(float(t), 2), f1)
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True, help="the shared MUC-4 folder")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/tidings_muc4_train.pkl"))
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    docs = training_docs(args.data)
    doc_weights, doc_bias, doc_p = doc_model(docs)
    feats, labels, n_gold = dataset(docs, parsed(docs, args.cache), doc_p)
    counts: dict[str, int] = {}
    for f in feats:
        for k in f:
            counts[k] = counts.get(k, 0) + 1
    names = sorted(k for k, c in counts.items() if not k.startswith("w=") or c >= WORD_MIN)
    x = np.array([[f.get(k, 0.0) for k in names] for f in feats])
    y = np.array(labels, dtype=float)
    folds = np.arange(len(y)) % FOLDS
    oof = np.zeros(len(y))
    for k in range(FOLDS):
        w, b = fit(x[folds != k], y[folds != k], L2)
        oof[folds == k] = 1.0 / (1.0 + np.exp(-(x[folds == k] @ w + b)))
    threshold, f1 = best_threshold(oof, y, n_gold)
    w, b = fit(x, y, L2)
    meta: dict[str, Any] = {
        "trained_on": "MUC-4 raw/dev (1,300 training texts, key-dev-*)",
        "documents": len(docs), "incidents": len(labels), "positives": int(y.sum()),
        "key_templates": n_gold, "cv_type_f1": round(f1, 4), "features": len(names),
        "l2": L2, "doc_l2": DOC_L2, "steps": STEPS, "rate": RATE, "folds": FOLDS,
    }
    model = inc_mod.RelevanceModel(
        weights={k: round(float(v), 4) for k, v in zip(names, w, strict=True)
                 if abs(v) > 1e-3},
        bias=round(b, 4), threshold=threshold, doc_weights=doc_weights, doc_bias=doc_bias,
        meta=meta)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(model.to_dict(), indent=1) + "\n", encoding="utf-8")
    print(json.dumps(meta, indent=1), "threshold", threshold, file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
