"""Fit ``src/tidings/attribution/data/cue_model.tsv`` on the PolNeAR TRAIN split.

Parses every training article (first annotation of double-annotated ones), takes each
verb and noun outside direct quotes with its features (:func:`tidings.attribution.frames.features`)
and whether a gold cue span covers it, and fits an L2-regularised logistic regression
(Adagrad). Only feature weights are stored. Features seen fewer than ``MIN_COUNT`` times
are dropped. The parse takes several minutes; ``--cache FILE`` keeps it in a DocBin.

Usage: python tools/attribution_frames.py [TRAIN_DIR] [--cache F] [--skip N] [--out F]
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

import numpy as np
from spacy.tokens import DocBin

from tidings.attribution.extract import _adjacent
from tidings.attribution.frames import features, noun_features
from tidings.attribution.quotes import find_quotes
from tidings.config import load_config
from tidings.eval.attribution import read_split
from tidings.nlp import load_nlp

OUT = Path(__file__).resolve().parent.parent / "src/tidings/attribution/data/cue_model.tsv"
MIN_COUNT = 2
MIN_WEIGHT = 0.05  # lighter weights are dropped (lemma features kept: they mark 'seen')
L2 = 1e-4
EPOCHS = 300
RATE = 1.0


def samples(ids: list[str], parsed: list, gold: dict) -> tuple[list[list[str]], list[int]]:
    xs: list[list[str]] = []
    ys: list[int] = []
    for docid, doc in zip(ids, parsed, strict=True):
        covered = set()
        for r in gold[docid].relations:
            for a, b in r.cue:
                covered.update(range(a, b))
        quotes = find_quotes(doc.text)
        for tok in doc:
            if tok.pos_ not in ("VERB", "NOUN") or any(q.start <= tok.idx < q.end
                                                       for q in quotes):
                continue
            adj = any(q.start < tok.sent.end_char and q.end > tok.sent.start_char
                      and _adjacent(doc, q, tok) for q in quotes)
            xs.append(features(tok, adj) if tok.pos_ == "VERB" else noun_features(tok, adj))
            ys.append(int(tok.idx in covered))
    return xs, ys


def fit(xs: list[list[str]], ys: list[int]) -> dict[str, float]:
    counts = Counter(f for x in xs for f in x)
    names = sorted(f for f, n in counts.items() if n >= MIN_COUNT)
    index = {f: i + 1 for i, f in enumerate(names)}  # 0: padding
    width = max(len(x) for x in xs)
    mat = np.zeros((len(xs), width), dtype=np.int64)
    for r, x in enumerate(xs):
        idx = [index[f] for f in x if f in index]
        mat[r, : len(idx)] = idx
    y = np.array(ys, dtype=np.float64)
    w = np.zeros(len(names) + 1)
    hist = np.full_like(w, 1e-8)
    for _ in range(EPOCHS):
        w[0] = 0.0
        z = w[mat].sum(axis=1)
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        grad = np.zeros_like(w)
        np.add.at(grad, mat, ((p - y) / len(y))[:, None])
        grad += L2 * w
        grad[0] = 0.0
        hist += grad * grad
        w -= RATE * grad / np.sqrt(hist)
    return {f: float(w[index[f]]) for f in names}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("train", nargs="?", default="/work/shared/data/polnear/train", type=Path)
    ap.add_argument("--cache", type=Path)
    ap.add_argument("--skip", type=int, default=0,
                    help="leave out the first N articles (to tune the threshold on them)")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    gold = {}
    for d in read_split(args.train):
        gold.setdefault(d.docid, d)
    ids = sorted(gold)
    nlp = load_nlp(load_config().spacy_model)
    if args.cache and args.cache.exists():
        parsed = list(DocBin().from_bytes(args.cache.read_bytes()).get_docs(nlp.vocab))
    else:
        parsed = list(nlp.pipe([gold[i].text for i in ids], batch_size=16))
        if args.cache:
            db = DocBin()
            for p in parsed:
                db.add(p)
            args.cache.write_bytes(db.to_bytes())
    xs, ys = samples(ids[args.skip:], parsed[args.skip:], gold)
    weights: dict[str, float] = {}
    for nominal in (False, True):  # verbs and nouns fitted apart, each with its own bias
        part = [(x, y) for x, y in zip(xs, ys, strict=True)
                if x[0].startswith("N:") == nominal]
        weights.update(fit([x for x, _ in part], [y for _, y in part]))
    with args.out.open("w", encoding="utf-8") as fh:
        fh.write(f"# feature\tweight  (PolNeAR train minus first {args.skip}, "
                 f"tools/attribution_frames.py; {len(xs)} verbs, {sum(ys)} cues)\n")
        for f in sorted(weights):
            if abs(weights[f]) >= MIN_WEIGHT or f.startswith(("l=", "N:l=")):
                fh.write(f"{f}\t{weights[f]:.4f}\n")
    print(f"{len(ids) - args.skip} articles, {len(xs)} verbs, {len(weights)} features "
          f"-> {args.out}")


if __name__ == "__main__":
    main()
