"""Binary features of a predicate token for the graded factuality score.

Features are strings (``"cue:negated:0"``, ``"tag=VBD"``): the fitted model is a table
from feature names to weights or tree splits, so it stays readable JSON and unknown
features (words never seen in training) simply carry no weight.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tidings.factuality.cues import (
    BELIEF,
    FACTIVE,
    INTENTION,
    NEGATIVE,
    REPORTING,
    Cue,
    find_cues,
)

if TYPE_CHECKING:
    from spacy.tokens import Token


DOMAINS = ("meantime", "uw")
DEFAULT_DOMAIN = "meantime"
"""Annotation conventions the scorer knows. MEANTIME (experts, discrete values, a plain
statement is +3) is the scale the pipeline reports on; UW (means of crowd judgements,
plain statements often 2.4-2.8) is the other one the trees were fitted on."""


def domain_feature(domain: str) -> str:
    return f"domain={domain}"


def domain_of(path: Path) -> str:
    """The annotation convention of a data file, from its path (a folder or file named
    ``uw...`` is UW; anything else is read on the MEANTIME scale)."""
    parts = [p.lower() for p in path.resolve().parts[-2:]]
    return "uw" if any(p.startswith("uw") for p in parts) else DEFAULT_DOMAIN


def lemma_class(lemma: str) -> str:
    """A coarse class of a governing word's meaning."""
    if lemma in NEGATIVE:
        return "negative"
    if lemma in REPORTING:
        return "reporting"
    if lemma in BELIEF:
        return "belief"
    if lemma in INTENTION:
        return "intention"
    if lemma in FACTIVE:
        return "factive"
    return "other"


def _depth_bucket(depth: int) -> str:
    return "0" if depth == 0 else ("1" if depth == 1 else ("2+" if depth < 10 else "far"))


def cue_features(cues: list[Cue]) -> list[str]:
    out = []
    for c in cues:
        d = _depth_bucket(c.depth)
        out.append(f"cue:{c.label}")
        out.append(f"cue:{c.label}:{d}")
        out.append(f"cuekind:{c.kind}")
        out.append(f"cuekind:{c.kind}:{d}")
    negs = sum(1 for c in cues if c.label == "negated")
    if negs >= 2:
        out.append("cue:double-negation")
    return out


def _aux_features(tok: Token, prefix: str) -> list[str]:
    out = []
    for c in tok.children:
        if c.dep_ in ("aux", "auxpass"):
            lem = str(c.lemma_).lower()
            out.append(f"{prefix}aux={lem}")
            if c.dep_ == "auxpass":
                out.append(f"{prefix}passive")
        elif c.dep_ in ("mark", "advmod", "neg", "det", "prt", "expl", "npadvmod"):
            out.append(f"{prefix}{c.dep_}={c.lower_}")
        elif c.dep_ in ("nsubj", "nsubjpass", "csubj"):
            out.append(f"{prefix}has-subj")
        elif c.dep_ in ("advcl", "ccomp", "xcomp"):
            out.append(f"{prefix}has-{c.dep_}")
    return out


def _clause_head(tok: Token) -> Token:
    """The nearest verb at or above the token (a noun's clause, an xcomp's governor)."""
    cur = tok
    for _ in range(6):
        if cur.pos_ in ("VERB", "AUX") or cur.head.i == cur.i:
            return cur
        cur = cur.head
    return cur


def features(tok: Token, cues: list[Cue] | None = None) -> list[str]:
    """The feature names of predicate ``tok`` (on its spaCy parse); ``cues`` are its
    :func:`find_cues` when the caller already has them."""
    head = tok.head
    is_root = head.i == tok.i
    out = ["bias", f"tag={tok.tag_}", f"pos={tok.pos_}", f"dep={tok.dep_}",
           f"lemma={str(tok.lemma_).lower()}", f"word={tok.lower_}"]
    out.extend(_aux_features(tok, ""))
    if is_root:
        out.append("root")
    else:
        hl = str(head.lemma_).lower()
        out.extend([f"head_lemma={hl}", f"head_pos={head.pos_}", f"head_tag={head.tag_}",
                    f"head_cls={lemma_class(hl)}", f"dep+head_cls={tok.dep_}+{lemma_class(hl)}",
                    f"dep+head_pos={tok.dep_}+{head.pos_}", f"head_dep={head.dep_}"])
        out.extend(_aux_features(head, "h_"))
        if head.head.i != head.i:
            gl = str(head.head.lemma_).lower()
            out.extend([f"gp_cls={lemma_class(gl)}", f"gp_lemma={gl}",
                        f"head_dep+gp_cls={head.dep_}+{lemma_class(gl)}"])
    clause = _clause_head(tok)
    if clause.i != tok.i:
        out.append(f"clause_tag={clause.tag_}")
        out.extend(_aux_features(clause, "c_"))
    # the chain of clause types up to the root: reporting and belief verbs on the way
    cur, depth = tok, 0
    while cur.head.i != cur.i and depth < 6:
        depth += 1
        cls = lemma_class(str(cur.head.lemma_).lower())
        out.append(f"anc_cls={cls}")
        out.append(f"anc_dep={cur.dep_}")
        cur = cur.head
    out.append(f"depth={min(depth, 4)}")
    out.extend(cue_features(find_cues(tok) if cues is None else cues))
    if tok.pos_ in ("NOUN", "PROPN"):
        out.append("noun")
        if not any(c.dep_ == "det" for c in tok.children):
            out.append("noun-no-det")
        for c in tok.children:
            if c.dep_ in ("det", "amod", "poss", "compound"):
                out.append(f"n_{c.dep_}={c.lower_}")
    if tok.pos_ == "ADJ":
        out.append("adj")
    if tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
        out.append("next=to")
    if tok.i > 0:
        out.append(f"prev={tok.doc[tok.i - 1].lower_}")
    return out
