"""Which verbs are reporting cues: a logistic model over the verb and its frame.

A verb is a cue depending on its lemma *and* on what it governs and who its subject
is: "said that" nearly always is one, "found a job" rarely, "I think" in a politician's
mouth is one while "the market thinks" in an analyst's piece less so. The features are
symbolic (lemma, frame, lemma x frame, tag, dependency, subject kind, negation); the
weights in ``data/cue_model.tsv`` are fitted on the PolNeAR TRAIN split by
``tools/attribution_frames.py``. Lemmas the model never saw as a cue fall back to the
hand-written lexicon.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from spacy.tokens import Token


def frame(v: Token, quote_adjacent: bool) -> str:
    """``comp|subj``: the verb's complement kind (ccomp, quote, xcomp, obj, prep, none)
    and whether it has a subject (``s``), a passive agent (``a``) or neither (``-``)."""
    deps = {c.dep_ for c in v.children}
    if "ccomp" in deps:
        comp = "ccomp"
    elif quote_adjacent:
        comp = "quote"
    elif "xcomp" in deps:
        comp = "xcomp"
    elif "dobj" in deps:
        comp = "obj"
    elif any(c.dep_ == "prep" and c.i > v.i for c in v.children):
        comp = "prep"
    else:
        comp = "none"
    if "agent" in deps:
        subj = "a"
    elif deps & {"nsubj", "csubj"}:
        subj = "s"
    else:
        subj = "-"
    return f"{comp}|{subj}"


def _subject_kind(v: Token) -> str:
    subj = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
    if not subj:
        return "none"
    s = subj[0]
    if s.ent_type_:
        return s.ent_type_
    return s.tag_


def features(v: Token, quote_adjacent: bool) -> list[str]:
    """The model's features of a candidate verb."""
    lemma = v.lemma_.lower()
    fr = frame(v, quote_adjacent)
    subj = _subject_kind(v)
    neg = any(c.dep_ == "neg" for c in v.children)
    subj_lemma = next((c.lemma_.lower() for c in v.children
                       if c.dep_ in ("nsubj", "nsubjpass")), "-")
    obj_lemma = next((c.lemma_.lower() for c in v.children if c.dep_ == "dobj"), "-")
    head = v.head.lemma_.lower() if v.head.i != v.i else "-"
    return ["bias", f"l={lemma}", f"f={fr}", f"lf={lemma}|{fr}", f"t={v.tag_}",
            f"d={v.dep_}", f"s={subj}", f"ls={lemma}|{subj}", f"df={v.dep_}|{fr}",
            f"n={neg}", f"w={v.lower_}", f"sl={subj_lemma}", f"lo={lemma}|{obj_lemma}",
            f"hd={head}|{v.dep_}"]


_NOUN_PREPS = frozenset({"of", "for", "about", "against", "on", "to", "with", "from"})


def noun_frame(n: Token, quote_adjacent: bool) -> str:
    """A candidate nominal cue's frame: a clause ("the claim that"), a preposition with
    an object ("support for"), an adjacent quote, or nothing; and a possessor or not."""
    kids = list(n.children)
    if any(c.dep_ in ("acl", "ccomp") and any(k.dep_ == "mark" for k in c.children)
           for c in kids):
        comp = "clause"
    elif any(c.dep_ == "prep" and c.lower_ in _NOUN_PREPS and c.i > n.i for c in kids):
        comp = next(c.lower_ for c in kids if c.dep_ == "prep" and c.lower_ in _NOUN_PREPS
                    and c.i > n.i)
    elif quote_adjacent:
        comp = "quote"
    else:
        comp = "none"
    poss = "p" if any(c.dep_ == "poss" for c in kids) else "-"
    return f"{comp}|{poss}"


def noun_features(n: Token, quote_adjacent: bool) -> list[str]:
    """The model's features of a candidate noun (prefixed ``N:``, their own bias)."""
    lemma = n.lemma_.lower()
    fr = noun_frame(n, quote_adjacent)
    head = n.head.lemma_.lower() if n.head.i != n.i else "-"
    return ["N:bias", f"N:l={lemma}", f"N:f={fr}", f"N:lf={lemma}|{fr}", f"N:d={n.dep_}",
            f"N:h={head}", f"N:lh={lemma}|{head}", f"N:t={n.tag_}"]


@dataclass(slots=True)
class CueModel:
    """Feature weights, and the lemmas seen as a cue in training."""

    weights: dict[str, float] = field(default_factory=dict)

    def known(self, lemma: str) -> bool:
        return f"l={lemma}" in self.weights

    def known_noun(self, lemma: str) -> bool:
        return f"N:l={lemma}" in self.weights

    def probability(self, feats: list[str]) -> float:
        z = sum(self.weights.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    @classmethod
    def parse(cls, text: str) -> CueModel:
        weights = {}
        for line in text.splitlines():
            if line.strip() and not line.startswith("#"):
                name, w = line.rsplit("\t", 1)
                weights[name] = float(w)
        return cls(weights)


@lru_cache(maxsize=1)
def load_model() -> CueModel:
    """The packaged model (empty, so that the lexicon decides, if it is not built)."""
    path = resources.files("tidings.attribution") / "data" / "cue_model.tsv"
    if not path.is_file():
        return CueModel()
    return CueModel.parse(path.read_text(encoding="utf-8"))
