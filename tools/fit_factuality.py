"""Fit the graded factuality scorer (src/tidings/factuality/data/model.json).

Reads the TRAIN splits of the unified UW and MEANTIME factuality data (CoNLL), parses
their tokens with the configured spaCy pipeline, computes tidings' features for every
gold-marked predicate and fits gradient-boosted regression trees (squared loss, binary
splits on feature presence) in numpy. Dev splits are only scored (``--report``), never
fitted on.

    PYTHONPATH=src python tools/fit_factuality.py --data /work/shared/data --report
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from tidings.config import load_config
from tidings.factuality.conll import parse_sentences, read_conll
from tidings.factuality.features import domain_feature, domain_of, features
from tidings.factuality.model import MODEL_FILE, Node, Scorer
from tidings.nlp import load_nlp

OUT = Path(__file__).resolve().parents[1] / "src" / "tidings" / "factuality" / "data" / MODEL_FILE
DATASETS = ("uw_factuality", "meantime_factuality")


def examples(path: Path, nlp: Any, cache: Path | None = None
             ) -> tuple[list[list[str]], list[float]]:
    """Features and gold values of every marked predicate in one CoNLL file."""
    domain = domain_of(path)
    sents = read_conll(path)
    docs = _parsed(path, sents, nlp, cache)
    xs: list[list[str]] = []
    ys: list[float] = []
    for s, doc in zip(sents, docs, strict=True):
        for i, v in sorted(s.values.items()):
            xs.append([*features(doc[i]), domain_feature(domain)])  # type: ignore[index]
            ys.append(v)
    return xs, ys


def _parsed(path: Path, sents: list[Any], nlp: Any, cache: Path | None) -> list[Any]:
    """spaCy parses, kept in ``cache`` (a folder) between runs when given."""
    from spacy.tokens import DocBin

    if cache is None:
        return parse_sentences(sents, nlp)
    file = cache / f"{path.parent.name}_{path.stem}.spacy"
    if file.exists():
        return list(DocBin().from_disk(file).get_docs(nlp.vocab))
    docs = parse_sentences(sents, nlp)
    cache.mkdir(parents=True, exist_ok=True)
    DocBin(docs=docs, store_user_data=False).to_disk(file)
    return docs


class Design:
    """The binary design matrix, kept both dense (for column look-ups) and as coordinate
    lists (for the split search, which then costs one pass over the non-zeros)."""

    def __init__(self, x: np.ndarray) -> None:
        self.x = x
        self.rows, self.cols = np.nonzero(x)
        self.d = x.shape[1]

    def sums(self, mask: np.ndarray, values: np.ndarray) -> np.ndarray:
        """Per feature: the sum of ``values`` over the masked rows having it."""
        sel = mask[self.rows]
        return np.bincount(self.cols[sel], weights=values[self.rows[sel]], minlength=self.d)


def fit_trees(x: np.ndarray, y: np.ndarray, w: np.ndarray, names: list[str], *, n_trees: int,
              depth: int, lr: float, min_leaf: int, lam: float, subsample: float,
              seed: int, loss: str = "l1") -> Scorer:
    """Gradient boosting; each split asks 'has feature j?'.

    With ``loss="l1"`` (absolute error, the metric) splits are fitted to the sign of the
    residual and leaves take the weighted median residual; with ``"l2"`` both use the mean.
    """
    rng = np.random.default_rng(seed)
    design = Design(x)
    base = float(np.average(y, weights=w)) if loss == "l2" else _wmedian(y, w)
    pred = np.full(len(y), base)
    trees: list[tuple[Node, ...]] = []
    for _ in range(n_trees):
        raw = y - pred
        resid = (np.sign(raw) if loss == "l1" else raw) * w
        rows = np.flatnonzero(rng.random(len(y)) < subsample)
        nodes: list[list[Any]] = []
        leaf = _leaf_fn(loss, raw, resid, w, lr, lam)
        _grow(design, resid, w, rows, depth, nodes, names, min_leaf, lam, leaf)
        tree = tuple((n[0], float(n[1]), int(n[2]), int(n[3])) for n in nodes)
        trees.append(tree)
        pred += _apply(x, tree, names)
    return Scorer(base=base, trees=tuple(trees), meta={})


def _leaf_fn(loss: str, raw: np.ndarray, resid: np.ndarray, w: np.ndarray, lr: float,
             lam: float) -> Any:
    """A leaf's output: weighted median residual (l1) or shrunk mean residual (l2)."""
    if loss == "l1":
        return lambda r: lr * _wmedian(raw[r], w[r])
    return lambda r: lr * float(resid[r].sum() / (w[r].sum() + lam))


def _wmedian(v: np.ndarray, w: np.ndarray) -> float:
    order = np.argsort(v)
    cw = np.cumsum(w[order])
    return float(v[order][np.searchsorted(cw, cw[-1] / 2.0)])


def _grow(design: Design, resid: np.ndarray, w: np.ndarray, rows: np.ndarray, depth: int,
          nodes: list[list[Any]], names: list[str], min_leaf: int, lam: float,
          leaf: Any) -> int:
    me = len(nodes)
    nodes.append([None, 0.0, 0, 0])
    s, n = resid[rows].sum(), w[rows].sum()
    if depth == 0 or len(rows) < 2 * min_leaf:
        nodes[me][1] = leaf(rows)
        return me
    mask = np.zeros(design.x.shape[0], dtype=bool)
    mask[rows] = True
    s1 = design.sums(mask, resid)
    n1 = design.sums(mask, w)
    c1 = design.sums(mask, np.ones_like(w))
    s0, n0, c0 = s - s1, n - n1, len(rows) - c1
    gain = s1 ** 2 / (n1 + lam) + s0 ** 2 / (n0 + lam) - s ** 2 / (n + lam)
    gain[(c1 < min_leaf) | (c0 < min_leaf)] = -1.0
    j = int(np.argmax(gain))
    if gain[j] <= 1e-9:
        nodes[me][1] = leaf(rows)
        return me
    has = design.x[rows, j] > 0
    nodes[me][0] = names[j]
    nodes[me][2] = _grow(design, resid, w, rows[has], depth - 1, nodes, names, min_leaf, lam,
                         leaf)
    nodes[me][3] = _grow(design, resid, w, rows[~has], depth - 1, nodes, names, min_leaf, lam,
                         leaf)
    return me


def _apply(x: np.ndarray, tree: tuple[Node, ...], names: list[str]) -> np.ndarray:
    index = {n: i for i, n in enumerate(names)}
    out = np.zeros(x.shape[0])

    def walk(node: int, rows: np.ndarray) -> None:
        feat, value, yes, no = tree[node]
        if feat is None:
            out[rows] += value
            return
        has = x[rows, index[feat]] > 0
        walk(yes, rows[has])
        walk(no, rows[~has])

    walk(0, np.arange(x.shape[0]))
    return out


def blend(a: Scorer, b: Scorer, share_b: float) -> Scorer:
    """One scorer whose output is (1 - share_b) * a + share_b * b (trees rescaled)."""

    def scaled(t: tuple[Node, ...], k: float) -> tuple[Node, ...]:
        return tuple((f, v * k if f is None else v, y, n) for f, v, y, n in t)

    trees = tuple(scaled(t, 1 - share_b) for t in a.trees) + tuple(
        scaled(t, share_b) for t in b.trees)
    return Scorer(base=(1 - share_b) * a.base + share_b * b.base, trees=trees, meta={})


def matrix(xs: list[list[str]], names: list[str]) -> np.ndarray:
    index = {n: i for i, n in enumerate(names)}
    x = np.zeros((len(xs), len(names)), dtype=np.uint8)
    for r, feats in enumerate(xs):
        for f in feats:
            j = index.get(f)
            if j is not None:
                x[r, j] = 1
    return x


def metrics(pred: list[float], gold: list[float]) -> tuple[float, float]:
    p, g = np.asarray(pred), np.asarray(gold)
    return float(np.mean(np.abs(p - g))), float(np.corrcoef(p, g)[0, 1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=Path("/work/shared/data"))
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--report", action="store_true", help="also score the dev splits")
    ap.add_argument("--trees", type=int, default=600)
    ap.add_argument("--depth", type=int, default=5)
    ap.add_argument("--lr", type=float, default=0.1)
    ap.add_argument("--min-leaf", type=int, default=8)
    ap.add_argument("--lam", type=float, default=5.0)
    ap.add_argument("--min-count", type=int, default=4)
    ap.add_argument("--subsample", type=float, default=0.8)
    ap.add_argument("--meantime-weight", type=float, default=3.0)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--loss", choices=("l1", "l2"), default="l1")
    ap.add_argument("--blend", type=float, default=0.4,
                    help="share of a second model fitted with the other loss")
    ap.add_argument("--parse-cache", type=Path, default=None,
                    help="folder to keep the spaCy parses in between runs")
    args = ap.parse_args()

    nlp = load_nlp(load_config(env={}).spacy_model)
    t0 = time.time()
    train: dict[str, tuple[list[list[str]], list[float]]] = {}
    dev: dict[str, tuple[list[list[str]], list[float]]] = {}
    for ds in DATASETS:
        train[ds] = examples(args.data / ds / "train.conll", nlp, args.parse_cache)
        if args.report:
            dev[ds] = examples(args.data / ds / "dev.conll", nlp, args.parse_cache)
    print(f"features in {time.time() - t0:.1f}s")
    xs = [f for ds in DATASETS for f in train[ds][0]]
    ys = [v for ds in DATASETS for v in train[ds][1]]
    ws = [args.meantime_weight if ds.startswith("meantime") else 1.0
          for ds in DATASETS for _ in train[ds][1]]
    counts = Counter(f for feats in xs for f in set(feats))
    names = sorted(f for f, c in counts.items() if c >= args.min_count)
    x = matrix(xs, names)
    print(f"{len(ys)} training predicates, {len(names)} features")
    t0 = time.time()
    scorer = fit_trees(x, np.asarray(ys), np.asarray(ws), names, n_trees=args.trees,
                       depth=args.depth, lr=args.lr, min_leaf=args.min_leaf, lam=args.lam,
                       subsample=args.subsample, seed=args.seed, loss=args.loss)
    if args.blend > 0:
        other = fit_trees(x, np.asarray(ys), np.asarray(ws), names, n_trees=args.trees,
                          depth=args.depth, lr=args.lr, min_leaf=args.min_leaf, lam=args.lam,
                          subsample=args.subsample, seed=args.seed + 1,
                          loss="l2" if args.loss == "l1" else "l1")
        scorer = blend(scorer, other, args.blend)
    print(f"fitted in {time.time() - t0:.1f}s")
    meta: dict[str, Any] = {
        "fitted_on": [f"{ds}/train.conll" for ds in DATASETS],
        "params": {k: v for k, v in vars(args).items()
                   if k not in ("data", "out", "report", "parse_cache")},
        "n_train": len(ys), "n_features": len(names),
    }
    for split, table in (("train", train), ("dev", dev)):
        for ds, (fx, fy) in table.items():
            mae, r = metrics([scorer.score(f) for f in fx], fy)
            meta[f"{split}_{ds}"] = {"mae": round(mae, 4), "pearson_r": round(r, 4)}
            print(f"{split:5s} {ds:22s} MAE {mae:.3f}  r {r:.3f}  n {len(fy)}")
    final = Scorer(base=scorer.base, trees=scorer.trees, meta=meta)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(final.to_dict(), separators=(",", ":")) + "\n",
                        encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
