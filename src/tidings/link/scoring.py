"""Coreference scores as the reference CoNLL scorer computes them.

MUC (Vilain et al. 1995), B-cubed (Bagga & Baldwin 1998), CEAF-e (Luo 2005) and
their mean (``conll_f1``), plus pairwise link precision/recall. Clusterings are
mappings from mention id to cluster label; mentions missing from one side count
as absent there, as in the reference implementation (Pradhan et al. 2014).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping
from itertools import combinations
from typing import Any

PRF = tuple[float, float, float]


def _clusters(assign: Mapping[Any, Any]) -> list[frozenset[Hashable]]:
    groups: dict[Hashable, set[Hashable]] = defaultdict(set)
    for m, c in assign.items():
        groups[c].add(m)
    return [frozenset(g) for g in groups.values()]


def _f(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def muc(key: Mapping[Any, Any], resp: Mapping[Any, Any]) -> PRF:
    def side(a: Mapping[Any, Any], b: Mapping[Any, Any]) -> float:
        num = den = 0
        for k in _clusters(a):
            parts = {b.get(m, ("missing", m)) for m in k}
            num += len(k) - len(parts)
            den += len(k) - 1
        return num / den if den else 0.0

    r, p = side(key, resp), side(resp, key)
    return p, r, _f(p, r)


def bcubed(key: Mapping[Any, Any], resp: Mapping[Any, Any]) -> PRF:
    kc = {m: c for c in _clusters(key) for m in c}
    rc = {m: c for c in _clusters(resp) for m in c}
    r = sum(len(kc[m] & rc[m]) / len(kc[m]) for m in kc if m in rc) / len(kc) if kc else 0.0
    p = sum(len(kc[m] & rc[m]) / len(rc[m]) for m in rc if m in kc) / len(rc) if rc else 0.0
    return p, r, _f(p, r)


def ceaf_e(key: Mapping[Any, Any], resp: Mapping[Any, Any]) -> PRF:
    ks, rs = _clusters(key), _clusters(resp)
    if not ks or not rs:
        return 0.0, 0.0, 0.0
    best = 0.0
    # clusters that share no mention have similarity 0: the best alignment is the sum
    # of the best alignments of the connected parts of the overlap graph
    for k_idx, r_idx in _components(ks, rs):
        sim = [[2 * len(ks[i] & rs[j]) / (len(ks[i]) + len(rs[j])) for j in r_idx]
               for i in k_idx]
        best += max_assignment(sim)
    r_, p_ = best / len(ks), best / len(rs)
    return p_, r_, _f(p_, r_)


def _components(ks: list[frozenset[Hashable]], rs: list[frozenset[Hashable]]
                ) -> list[tuple[list[int], list[int]]]:
    """Groups of key and response clusters linked by shared mentions."""
    where: dict[Hashable, int] = {m: j for j, r in enumerate(rs) for m in r}
    parent = list(range(len(ks) + len(rs)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, k in enumerate(ks):
        for m in k:
            j = where.get(m)
            if j is not None:
                parent[find(i)] = find(len(ks) + j)
    groups: dict[int, tuple[list[int], list[int]]] = {}
    for i in range(len(ks)):
        groups.setdefault(find(i), ([], []))[0].append(i)
    for j in range(len(rs)):
        groups.setdefault(find(len(ks) + j), ([], []))[1].append(j)
    return [g for g in groups.values() if g[0] and g[1]]


def conll(key: Mapping[Any, Any], resp: Mapping[Any, Any]
          ) -> dict[str, float]:
    """MUC, B-cubed and CEAF-e precision/recall/F1 and their mean F1 (``conll_f1``)."""
    out: dict[str, float] = {}
    for name, fn in (("muc", muc), ("bcubed", bcubed), ("ceafe", ceaf_e)):
        p, r, f = fn(key, resp)
        out.update({f"{name}_p": p, f"{name}_r": r, f"{name}_f1": f})
    out["conll_f1"] = (out["muc_f1"] + out["bcubed_f1"] + out["ceafe_f1"]) / 3
    return out


def pairwise(key: Mapping[Any, Any], resp: Mapping[Any, Any]) -> PRF:
    """Precision/recall of same-cluster links between mentions both sides have."""
    common = sorted(set(key) & set(resp), key=repr)
    tp = fp = fn = 0
    for a, b in combinations(common, 2):
        g, s = key[a] == key[b], resp[a] == resp[b]
        tp += g and s
        fp += s and not g
        fn += g and not s
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, _f(p, r)


def max_assignment(weights: list[list[float]]) -> float:
    """Largest total weight of a one-to-one assignment of rows to columns (Hungarian)."""
    n, m = len(weights), len(weights[0])
    transpose = n > m
    if transpose:
        weights = [list(col) for col in zip(*weights, strict=True)]
        n, m = m, n
    inf = float("inf")
    # minimize the negated weights; rows 1..n, columns 1..m, potentials u, v
    u = [0.0] * (n + 1)
    v = [0.0] * (m + 1)
    match = [0] * (m + 1)
    way = [0] * (m + 1)
    for i in range(1, n + 1):
        match[0] = i
        j0 = 0
        minv = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = match[j0], inf, 0
            for j in range(1, m + 1):
                if not used[j]:
                    cur = -weights[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[match[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if match[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            match[j0] = match[j1]
            j0 = j1
    return sum(weights[match[j] - 1][j - 1] for j in range(1, m + 1) if match[j])
