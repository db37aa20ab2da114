"""Fit the incident role model (src/tidings/events/data/incident_roles.json.gz).

Reads the MUC-4 training documents only: the upper-case texts of ``raw/dev`` (1,300
stories) and their role fillers in GRIT's ``processed_grit/train.json``. Each story goes
through the whole tidings pipeline (case restored, parsed, events extracted); the parses
are cached in ``--cache`` (default /tmp) so features can be reworked without parsing
again. Candidate phrases (:func:`tidings.events.incident_roles.candidates`) are labelled
with the role whose gold filler they equal (normalized strings), and a multinomial
logistic regression is fitted with numpy (Adagrad, L2, fixed seed: the output is
deterministic). A threshold and an entity limit per role are tuned on held-out
training stories: each story is scored by a model fitted on the other folds
(``--folds``, CEAF-REE F1 as GRIT scores it); the shipped model is then refitted on all
1,300 stories with those settings. The evaluation sets (TST1-2) are never read.

    PYTHONPATH=src python tools/train_incident_roles.py --data ../shared/data/muc4
"""

from __future__ import annotations

import argparse
import json
import pickle
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from tidings.eval.muc4 import ceaf_matches
from tidings.events.incident_roles import (
    LABELS,
    MODEL_PATH,
    ROLES,
    Candidate,
    RoleModel,
    aliases,
    candidates,
    group,
    normalize,
    phrases,
    score_candidates,
)

DOC_ID = re.compile(r"^\s*((?:DEV|TST\d)-MUC\d-\d{4})\b.*$", re.MULTILINE)
Gold = dict[str, list[list[str]]]


def read_texts(raw_dev: Path) -> dict[str, str]:
    """The training stories by id (upper-case text with its dateline)."""
    out: dict[str, str] = {}
    for path in sorted(raw_dev.iterdir()):
        if not path.is_file() or path.name.startswith(("key-", "text-headers")):
            continue
        text = path.read_text(encoding="latin-1")
        marks = list(DOC_ID.finditer(text))
        for k, m in enumerate(marks):
            end = marks[k + 1].start() if k + 1 < len(marks) else len(text)
            out[m.group(1)] = text[m.end():end].strip("\n")
    return out


def read_gold(path: Path) -> dict[str, Gold]:
    out: dict[str, Gold] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            out[str(row["docid"]).upper()] = {
                r: [[str(m[0]) for m in ent] for ent in row["extracts"].get(r, [])]
                for r in ROLES}
    return out


def parse_all(texts: dict[str, str], cache: Path) -> dict[str, tuple[bytes, list[Any]]]:
    """Doc bytes and events per story, from the cache or the pipeline."""
    if cache.exists():
        with cache.open("rb") as fh:
            cached: dict[str, tuple[bytes, list[Any]]] = pickle.load(fh)
        if set(cached) >= set(texts):
            return cached
    from tidings.config import load_config
    from tidings.eval.muc4 import dateline_date
    from tidings.pipeline import Pipeline, Resources, to_datetime
    from tidings.records import Document

    config = load_config(env={})
    pipe = Pipeline(Resources.load(config), config)
    ids = sorted(texts)
    docs = []
    for i in ids:
        day = dateline_date(texts[i])
        docs.append(Document.from_text(texts[i], published_at=to_datetime(day) if day else None,
                                       source=f"muc4:{i}"))
    out: dict[str, tuple[bytes, list[Any]]] = {}
    t0 = time.time()
    for k, (i, a) in enumerate(zip(ids, pipe.analyse(docs), strict=True)):
        out[i] = (a.doc.to_bytes(), a.events)
        if k % 100 == 0:
            print(f"parsed {k}/{len(ids)} ({time.time() - t0:.0f}s)", file=sys.stderr)
    with cache.open("wb") as fh:
        pickle.dump(out, fh)
    return out


def featurize(parsed: dict[str, tuple[bytes, list[Any]]], ids: Sequence[str]
              ) -> tuple[dict[str, list[Candidate]], dict[str, dict[str, set[str]]]]:
    """Candidates and their aliases per story."""
    import spacy
    from spacy.tokens import Doc

    from tidings.config import load_config

    vocab = spacy.load(load_config(env={}).spacy_model).vocab
    out, alias = {}, {}
    for i in ids:
        raw, events = parsed[i][0], parsed[i][1]
        out[i] = candidates(Doc(vocab).from_bytes(raw), events)
        alias[i] = aliases(out[i])
    return out, alias


def open_stories(parsed: dict[str, tuple[bytes, list[Any]]], texts: dict[str, str],
                 ids: Sequence[str]) -> set[str]:
    """Stories where tidings finds an incident (:func:`tidings.eval.muc4.incidents`):
    only those get fillers in the evaluation, so thresholds are tuned on the same terms."""
    from tidings.eval.muc4 import dateline_date, incidents

    return {i for i in ids if incidents(parsed[i][1], dateline_date(texts[i]))}


def label(cands: Sequence[Candidate], gold: Gold) -> list[int]:
    """Each candidate's label index: the first role with a gold filler equal to it."""
    keys = {r: {normalize(m) for ent in gold.get(r, []) for m in ent} for r in ROLES}
    out = []
    for c in cands:
        lab = 0
        for j, r in enumerate(ROLES, 1):
            if c.key in keys[r]:
                lab = j
                break
        out.append(lab)
    return out


def fit(rows: list[list[str]], labels: list[int], *, min_count: int = 3, epochs: int = 5,
        l2: float = 1e-6, rate: float = 0.2, seed: int = 13) -> RoleModel:
    """Multinomial logistic regression by minibatch Adagrad (deterministic)."""
    counts = Counter(f for r in rows for f in set(r))
    vocab = sorted(f for f, n in counts.items() if n >= min_count)
    index = {f: k for k, f in enumerate(vocab)}
    n_feat, n_lab = len(vocab), len(LABELS)
    feats = [np.array(sorted({index[f] for f in r if f in index}), dtype=np.int64)
             for r in rows]
    y = np.array(labels, dtype=np.int64)
    w = np.zeros((n_feat, n_lab))
    b = np.zeros(n_lab)
    gw = np.full((n_feat, n_lab), 1e-8)
    gb = np.full(n_lab, 1e-8)
    rng = np.random.RandomState(seed)
    batch = 64
    for epoch in range(epochs):
        order = rng.permutation(len(rows))
        loss = 0.0
        for s in range(0, len(order), batch):
            idx = order[s:s + batch]
            lens = np.array([len(feats[i]) for i in idx])
            flat = np.concatenate([feats[i] for i in idx]) if lens.sum() else \
                np.zeros(0, dtype=np.int64)
            owner = np.repeat(np.arange(len(idx)), lens)
            z = np.tile(b, (len(idx), 1))
            np.add.at(z, owner, w[flat])
            z -= z.max(axis=1, keepdims=True)
            p = np.exp(z)
            p /= p.sum(axis=1, keepdims=True)
            loss -= float(np.log(p[np.arange(len(idx)), y[idx]] + 1e-12).sum())
            grad = p
            grad[np.arange(len(idx)), y[idx]] -= 1.0
            g = np.zeros((len(flat), n_lab))
            g[:] = grad[owner]
            uniq, inv = np.unique(flat, return_inverse=True)
            gsum = np.zeros((len(uniq), n_lab))
            np.add.at(gsum, inv, g)
            gsum += l2 * w[uniq]
            gw[uniq] += gsum ** 2
            w[uniq] -= rate * gsum / np.sqrt(gw[uniq])
            gbias = grad.sum(axis=0)
            gb += gbias ** 2
            b -= rate * gbias / np.sqrt(gb)
        print(f"epoch {epoch + 1}: loss {loss / len(rows):.4f}", file=sys.stderr)
    weights = {f: [round(float(x), 4) for x in w[k]] for f, k in index.items()
               if np.abs(w[k]).max() >= 1e-3}
    return RoleModel(weights, [round(float(x), 4) for x in b], dict.fromkeys(ROLES, 0.5))


Scored = dict[str, tuple[dict[str, dict[str, tuple[float, Candidate]]], dict[str, set[str]]]]


ALIASES: dict[str, dict[str, set[str]]] = {}
OPEN: set[str] = set()


def score_all(model: RoleModel, feats: dict[str, list[Candidate]]) -> Scored:
    """Stories without an incident get no scores (no fillers)."""
    return {i: (score_candidates(cands, model) if i in OPEN else {r: {} for r in ROLES},
                ALIASES[i]) for i, cands in feats.items()}


def counts(scored: Scored, gold: dict[str, Gold], role: str, threshold: float,
           limit: int = 0) -> tuple[int, int, int]:
    """Matched, predicted and gold entities of ``role`` at ``threshold``."""
    m = p = g = 0
    for i, (by_role, alias) in scored.items():
        pred = [normalize(f.text) for f in group(by_role[role], threshold, alias, limit)]
        m += ceaf_matches(pred, gold[i].get(role, []))
        p += len(pred)
        g += len(gold[i].get(role, []))
    return m, p, g


def f1(m: int, p: int, g: int) -> float:
    return 2 * m / (p + g) if p + g else 0.0


def tune(scored: Scored, gold: dict[str, Gold]) -> tuple[dict[str, float], dict[str, int]]:
    """Per role, the threshold and the entity limit with the best held-out F1."""
    thresholds, limits = {}, {}
    grid = [(round(float(t), 2), n) for t in np.arange(0.05, 0.81, 0.05)
            for n in (0, 1, 2, 3, 4)]
    tot = [0, 0, 0]
    for role in ROLES:
        best = max(grid, key=lambda tn: (f1(*counts(scored, gold, role, *tn)), -tn[0],
                                          -tn[1]))
        m, p, g = counts(scored, gold, role, *best)
        tot = [tot[0] + m, tot[1] + p, tot[2] + g]
        print(f"{role}: threshold {best[0]} limit {best[1]} P {m / max(p, 1):.3f} "
              f"R {m / max(g, 1):.3f} F1 {f1(m, p, g):.3f}", file=sys.stderr)
        thresholds[role], limits[role] = best
    print(f"held-out micro F1 {f1(*tot):.3f}", file=sys.stderr)
    return thresholds, limits


def held_out_scores(feats: dict[str, list[Candidate]], gold: dict[str, Gold],
                    ids: Sequence[str], folds: int, **options: Any) -> Scored:
    """Every story scored by a model fitted on the other folds (interleaved folds)."""
    out: Scored = {}
    for k in range(folds):
        test = set(ids[k::folds])
        model = fit(*rows_of(feats, gold, [i for i in ids if i not in test]), **options)
        out.update(score_all(model, {i: feats[i] for i in sorted(test)}))
    return out


def rows_of(feats: dict[str, list[Candidate]], gold: dict[str, Gold], ids: Sequence[str]
            ) -> tuple[list[list[str]], list[int]]:
    rows: list[list[str]] = []
    labels: list[int] = []
    for i in ids:
        rows += [c.features for c in feats[i]]
        labels += label(feats[i], gold[i])
    return rows, labels


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, required=True, help="the MUC-4 folder (shared/muc4)")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/tidings_muc4_train_parses.pkl"))
    ap.add_argument("--folds", type=int, default=5,
                    help="cross-validation folds of the training stories for thresholds")
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--unit", choices=("phrase", "mention"), default="mention",
                    help="fit on a story's phrases (all mentions' features) or mentions")
    args = ap.parse_args(argv)
    texts = read_texts(args.data / "raw" / "dev")
    gold = read_gold(args.data / "processed_grit" / "train.json")
    ids = sorted(set(texts) & set(gold))
    print(f"{len(ids)} training stories", file=sys.stderr)
    parsed = parse_all({i: texts[i] for i in ids}, args.cache)
    feats, alias = featurize(parsed, ids)
    ALIASES.update(alias)
    OPEN.update(open_stories(parsed, texts, ids))
    print(f"{len(OPEN)} stories with an incident", file=sys.stderr)
    if args.unit == "phrase":
        feats = {i: phrases(c) for i, c in feats.items()}
    scored = held_out_scores(feats, gold, ids, args.folds)
    thresholds, limits = tune(scored, gold)
    final = fit(*rows_of(feats, gold, ids))
    final.thresholds, final.limits, final.unit = thresholds, limits, args.unit
    args.out.parent.mkdir(parents=True, exist_ok=True)
    final.save(args.out)
    print(f"wrote {args.out} ({len(final.weights)} features)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
