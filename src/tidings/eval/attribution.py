"""``tidings eval attribution``: PolNeAR source / cue / content spans.

Data: a PolNeAR folder (``dev/`` and ``train/`` inside, each with ``text/*.txt`` and
``attributions/*.ann`` in BRAT standoff) or one split folder. The dev split is scored by
default (option ``split``). Double-annotated articles are scored against each
annotation.

Scoring follows the PolNeAR agreement measures (Newell et al. 2018): relations are
aligned one-to-one by their cues (largest character overlap first); then for each role

- overlap match: the aligned spans share a (non-space) character;
- exact match: the aligned spans cover the same characters (whitespace ignored;
  discontinuous spans are compared as character sets).

Cue P/R count aligned relations over predicted/gold relations; source P/R count the
relations having a source on either side (gold "Attribution-no-source" relations have
none), content likewise. Our relations that share a cue are merged (their content
spans joined) before alignment, as PolNeAR annotates one relation per cue.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tidings.errors import EvalDataError
from tidings.eval.base import EvalResult, prf

Frags = tuple[tuple[int, int], ...]
_ID = re.compile(r"^[TE]\d+$")
ROLES = ("source", "cue", "content")


@dataclass(slots=True)
class Rel:
    """One attribution relation as character fragments per role."""

    cue: Frags
    content: Frags
    source: Frags | None = None


@dataclass(slots=True)
class GoldDoc:
    """A PolNeAR article with one annotator's relations."""

    docid: str
    ann: str
    text: str
    relations: list[Rel] = field(default_factory=list)


# ------------------------------------------------------------------ reading
def _frags(offsets: str) -> Frags:
    out = []
    for frag in offsets.split(";"):
        a, b = frag.split()
        out.append((int(a), int(b)))
    return tuple(out)


def parse_ann(text: str, name: str) -> list[Rel]:
    """Relations of a BRAT ``.ann`` file (``E# Attribution:T Source:T Cue:T Content:T``)."""
    spans: dict[str, Frags] = {}
    events: list[dict[str, str]] = []
    for n, line in enumerate(text.splitlines(), 1):
        parts = line.split("\t")
        if not _ID.match(parts[0]):
            continue  # the text of a span that runs over a line break, or a note
        try:
            if parts[0].startswith("T"):
                _, _, offsets = parts[1].partition(" ")
                spans[parts[0]] = _frags(offsets)
            elif parts[0].startswith("E"):
                roles = dict(r.split(":", 1) for r in parts[1].split())
                events.append(roles)
        except (IndexError, ValueError) as exc:
            raise EvalDataError(f"{name}: line {n} is not BRAT standoff: {line!r}") from exc
    out = []
    for roles in events:
        cue = roles.get("Cue")
        if cue not in spans:
            continue
        content = spans.get(roles.get("Content", ""), ())
        source = spans.get(roles.get("Source", ""))
        out.append(Rel(cue=spans[cue], content=content, source=source))
    return out


def split_dir(data: Path, split: str) -> Path:
    """The folder holding ``text/`` and ``attributions/`` for ``split``."""
    if (data / "text").is_dir() and (data / "attributions").is_dir():
        return data
    if (data / split / "text").is_dir():
        return data / split
    raise EvalDataError(f"{data}: no PolNeAR split {split!r} (expected {split}/text and "
                        f"{split}/attributions, or text/ and attributions/)")


def read_split(folder: Path) -> list[GoldDoc]:
    """Every annotation of a split, with its article text."""
    texts = {p.stem: p for p in sorted((folder / "text").glob("*.txt"))}
    docs = []
    for ann in sorted((folder / "attributions").glob("*.ann")):
        stem = ann.stem.rsplit("_", 1)[0]
        if stem not in texts:
            raise EvalDataError(f"{ann}: no article text {stem}.txt in {folder / 'text'}")
        text = texts[stem].read_text(encoding="utf-8")
        docs.append(GoldDoc(docid=stem, ann=ann.stem, text=text,
                            relations=parse_ann(ann.read_text(encoding="utf-8"), str(ann))))
    if not docs:
        raise EvalDataError(f"{folder}: no .ann files under attributions/")
    return docs


# ------------------------------------------------------------------ scoring
def _chars(text: str, frags: Frags | None) -> frozenset[int]:
    if not frags:
        return frozenset()
    return frozenset(i for a, b in frags for i in range(a, min(b, len(text)))
                     if not text[i].isspace())


@dataclass(slots=True)
class Counts:
    """Counts per role: gold, predicted, exact and overlap matches."""

    gold: Counter[str] = field(default_factory=Counter)
    pred: Counter[str] = field(default_factory=Counter)
    exact: Counter[str] = field(default_factory=Counter)
    overlap: Counter[str] = field(default_factory=Counter)

    def metrics(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for role in ROLES:
            for how, counter in (("overlap", self.overlap), ("exact", self.exact)):
                tp = counter[role]
                p, r, f = prf(tp, self.pred[role] - tp, self.gold[role] - tp)
                out[f"{role}_{how}_f1"] = f
                out[f"{role}_{how}_precision"] = p
                out[f"{role}_{how}_recall"] = r
        return out


def merge_by_cue(rels: Sequence[Rel]) -> list[Rel]:
    """One relation per cue span: contents joined, the first source kept."""
    by: dict[Frags, Rel] = {}
    for r in rels:
        cur = by.get(r.cue)
        if cur is None:
            by[r.cue] = Rel(cue=r.cue, content=r.content, source=r.source)
        else:
            cur.content = tuple(sorted(set(cur.content) | set(r.content)))
            cur.source = cur.source or r.source
    return list(by.values())


def align(text: str, gold: Sequence[Rel], pred: Sequence[Rel]) -> list[tuple[int, int]]:
    """One-to-one (gold, predicted) pairs whose cues overlap, largest overlap first."""
    cands = []
    gc = [_chars(text, g.cue) for g in gold]
    pc = [_chars(text, p.cue) for p in pred]
    for i, g in enumerate(gc):
        for j, p in enumerate(pc):
            ov = len(g & p)
            if ov:
                cands.append((-ov, i, j))
    cands.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, i, j in cands:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((i, j))
    return pairs


def score_document(text: str, gold: Sequence[Rel], pred: Sequence[Rel],
                   counts: Counts) -> list[dict[str, Any]]:
    """Add one document's counts; return one prediction line per gold (and spurious)
    relation."""
    for role in ROLES:
        counts.gold[role] += sum(1 for g in gold if getattr(g, role))
        counts.pred[role] += sum(1 for p in pred if getattr(p, role))
    pairs = dict(align(text, gold, pred))
    lines: list[dict[str, Any]] = []
    for i, g in enumerate(gold):
        j = pairs.get(i)
        p = pred[j] if j is not None else None
        line: dict[str, Any] = {"gold": _show(text, g), "predicted": _show(text, p)}
        for role in ROLES:
            gs = _chars(text, getattr(g, role))
            ps = _chars(text, getattr(p, role)) if p is not None else frozenset()
            ok_o = bool(gs and ps and gs & ps)
            ok_e = bool(gs and gs == ps)
            counts.overlap[role] += ok_o
            counts.exact[role] += ok_e
            line[f"{role}_overlap"] = ok_o
            line[f"{role}_exact"] = ok_e
        lines.append(line)
    matched = set(pairs.values())
    for j, p in enumerate(pred):
        if j not in matched:
            lines.append({"gold": None, "predicted": _show(text, p), "spurious": True})
    return lines


def _show(text: str, r: Rel | None) -> dict[str, Any] | None:
    if r is None:
        return None
    out: dict[str, Any] = {}
    for role in ROLES:
        frags = getattr(r, role)
        out[role] = None if not frags else {
            "spans": [list(f) for f in frags], "text": " ... ".join(text[a:b] for a, b in frags)}
    return out


# ------------------------------------------------------------------ running
def predict(texts: Sequence[str], nlp: Any) -> list[list[Rel]]:
    """tidings' relations for each text (the parse batched with ``nlp.pipe``)."""
    from tidings.attribution.extract import Extractor

    ex = Extractor()
    out = []
    for doc in nlp.pipe(texts, batch_size=16):
        rels = [Rel(cue=(r.cue,), content=(r.content,),
                    source=(r.source,) if r.source else None) for r in ex.relations(doc)]
        out.append(merge_by_cue(rels))
    return out


def evaluate(data: Path, **options: Any) -> EvalResult:
    """Score PolNeAR attribution on ``data`` (options: ``split`` = dev, ``limit`` = N
    articles, ``nlp`` = a loaded spaCy pipeline)."""
    split = str(options.get("split") or "dev")
    folder = split_dir(data, split)
    label = f"split {split}" if folder != data else f"folder {folder.name}"
    docs = read_split(folder)
    limit = options.get("limit")
    if limit:
        keep = sorted({d.docid for d in docs})[: int(limit)]
        docs = [d for d in docs if d.docid in set(keep)]
    nlp = options.get("nlp")
    if nlp is None:
        from tidings.config import load_config
        from tidings.nlp import load_nlp

        nlp = load_nlp(load_config().spacy_model)
    texts = sorted({d.docid: d.text for d in docs}.items())
    t0 = time.perf_counter()
    preds = dict(zip([k for k, _ in texts], predict([t for _, t in texts], nlp), strict=True))
    seconds = time.perf_counter() - t0
    counts = Counts()
    lines: list[dict[str, Any]] = []
    for d in docs:
        for line in score_document(d.text, d.relations, preds[d.docid], counts):
            line["document"] = d.ann
            lines.append(line)
    metrics = counts.metrics()
    n = sum(len(d.relations) for d in docs)
    details = {
        "data": f"PolNeAR {label}: {len(texts)} articles, {len(docs)} annotations, "
                f"{n} gold relations, {counts.pred['cue']} predicted per annotation "
                f"(summed); parse + rules {seconds:.1f} s",
    }
    return EvalResult(task="attribution", n=n, metrics=metrics, predictions=lines,
                      details=details)
