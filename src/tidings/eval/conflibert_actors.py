"""``tidings eval conflibert-actors``: source/target actor spans on ConfliBERT's CAMEO set.

The data (``cameo_ner_train.txt``) is CoNLL-style ``token tag`` lines with BIO tags
``S`` (source), ``T`` (target) and ``R`` (reciprocal: counted as a gold source *and* a
gold target). The sentence text is the tokens joined by single spaces.

Each sentence goes through the whole tidings pipeline; the predicted spans are the
character spans of the source and target actors of its events. Scored per role:

- ``{role}_exact_p/r/f1``: a predicted span equal to a gold span;
- ``{role}_overlap_p/r/f1``: a predicted span sharing a token with a gold span (the
  gold spans are whole noun phrases with their relative clauses, tidings' actors are
  the noun phrase up to its head, so this is the fairer match);
- the gold carries no codes, so resolution is measured two ways:
  ``gold_resolved`` is the share of gold spans that the resolver maps to a country,
  organization, person or sector (the rest stay "as written"), and
  ``country_agreement`` / ``sector_agreement`` compare, over overlapping pairs, the
  actor tidings extracted with the resolution of the gold span itself (same country;
  same first sector), i.e. whether the span tidings chose changes who the actor is.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tidings.errors import EvalDataError
from tidings.eval.base import EvalResult, prf

FILE = "cameo_ner_train.txt"
ROLES = ("source", "target")
_TAG_ROLE = {"S": ("source",), "T": ("target",), "R": ("source", "target")}


@dataclass(slots=True)
class Sentence:
    """One gold sentence: its text and gold spans (character offsets) per role."""

    text: str
    spans: dict[str, list[tuple[int, int]]] = field(
        default_factory=lambda: {r: [] for r in ROLES})


def read(path: Path) -> list[Sentence]:
    """Read the CoNLL-style file into sentences with character-offset gold spans."""
    if path.is_dir():
        path = path / FILE
    if not path.exists():
        raise EvalDataError(f"{path}: not found; pass --data with the folder holding {FILE}")
    out: list[Sentence] = []
    for block in _blocks(path):
        words: list[str] = []
        tags: list[str] = []
        for lineno, line in block:
            parts = line.rsplit(" ", 1)
            if len(parts) != 2:
                raise EvalDataError(f"{path}:{lineno}: expected 'token TAG', got {line!r}")
            words.append(parts[0])
            tags.append(parts[1])
        sent = Sentence(text=" ".join(words))
        pos = 0
        open_span: tuple[str, int, int] | None = None
        for word, tag in zip(words, tags, strict=True):
            start, end = pos, pos + len(word)
            pos = end + 1
            kind = tag[2:] if len(tag) > 2 else ""
            if tag.startswith("I-") and open_span and open_span[0] == kind:
                open_span = (kind, open_span[1], end)
                continue
            if open_span:
                _close(sent, open_span)
                open_span = None
            if tag[:2] in ("B-", "I-") and kind in _TAG_ROLE:
                open_span = (kind, start, end)
        if open_span:
            _close(sent, open_span)
        out.append(sent)
    return out


def _blocks(path: Path) -> Iterator[list[tuple[int, str]]]:
    block: list[tuple[int, str]] = []
    with path.open(encoding="utf-8") as fh:
        for lineno, raw in enumerate(fh, 1):
            line = raw.rstrip("\n")
            if not line.strip():
                if block:
                    yield block
                block = []
            else:
                block.append((lineno, line))
    if block:
        yield block


def _close(sent: Sentence, span: tuple[str, int, int]) -> None:
    for role in _TAG_ROLE[span[0]]:
        sent.spans[role].append((span[1], span[2]))


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def evaluate(data: Path, *, limit: int | None = None, **_: Any) -> EvalResult:
    """Score source/target spans and resolution on the ConfliBERT CAMEO sentences."""
    from tidings.actors import ActorResolver
    from tidings.config import load_config
    from tidings.pipeline import Pipeline, Resources
    from tidings.records import Document

    sentences = read(data)
    if limit:
        sentences = sentences[:limit]
    config = load_config()
    resources = Resources.load(config)
    pipe = Pipeline(resources, config)
    resolver = ActorResolver(resources.actors, resources.gazetteer)
    docs = [Document.from_text(s.text) for s in sentences]
    counts = {f"{r}_{m}": [0, 0, 0] for r in ROLES for m in ("exact", "overlap")}
    agree = {"country": [0, 0], "sector": [0, 0]}
    resolved = [0, 0]
    predictions: list[dict[str, Any]] = []
    worst: list[tuple[int, int, str]] = []
    for i, (sent, analysis) in enumerate(zip(sentences, pipe.analyse(docs), strict=True)):
        pred: dict[str, dict[tuple[int, int], Any]] = {r: {} for r in ROLES}
        for ev in analysis.events:
            for role, actors in (("source", ev.sources), ("target", ev.targets)):
                for a in actors:
                    if a.start is not None and a.end is not None:
                        pred[role].setdefault((a.start, a.end), a)
        missed = 0
        for role in ROLES:
            gold = sent.spans[role]
            got = list(pred[role])
            exact = len(set(gold) & set(got))
            _add(counts[f"{role}_exact"], exact, len(got) - exact, len(gold) - exact)
            hit_gold = sum(any(_overlaps(g, p) for p in got) for g in gold)
            hit_pred = sum(any(_overlaps(p, g) for g in gold) for p in got)
            _add(counts[f"{role}_overlap"], hit_gold, len(got) - hit_pred, len(gold) - hit_gold)
            missed += len(gold) - hit_gold
            for g in gold:
                span = analysis.doc.char_span(g[0], g[1], alignment_mode="expand")
                if span is None:
                    continue
                gold_actor = resolver.resolve(span, None)
                resolved[1] += 1
                resolved[0] += gold_actor.method != "unknown"
                for p, actor in pred[role].items():
                    if _overlaps(p, g):
                        agree["country"][1] += 1
                        agree["country"][0] += actor.country == gold_actor.country
                        agree["sector"][1] += 1
                        agree["sector"][0] += (actor.sectors[:1] == gold_actor.sectors[:1])
                        break
        worst.append((missed, i, sent.text[:100]))
        predictions.append({
            "sentence": i, "text": sent.text,
            "gold": {r: sent.spans[r] for r in ROLES},
            "pred": {r: [{"span": list(p), "text": a.text, "country": a.country,
                          "sectors": a.sectors, "id": a.id} for p, a in pred[r].items()]
                     for r in ROLES},
        })
    metrics: dict[str, float] = {}
    for key, (tp, fp, fn) in counts.items():
        prec, rec, f1 = prf(tp, fp, fn)
        metrics[f"{key}_p"], metrics[f"{key}_r"], metrics[f"{key}_f1"] = prec, rec, f1
    metrics["gold_resolved"] = resolved[0] / resolved[1] if resolved[1] else 0.0
    for k, (ok, total) in agree.items():
        metrics[f"{k}_agreement"] = ok / total if total else 0.0
    worst.sort(key=lambda t: (-t[0], t[1]))
    details = {"ten worst sentences (missed gold spans)":
               "\n".join(f"{m:3d}  #{i}  {t}" for m, i, t in worst[:10])}
    return EvalResult(task="conflibert-actors", n=len(sentences), metrics=metrics,
                      predictions=predictions, details=details)


def _add(c: list[int], tp: int, fp: int, fn: int) -> None:
    c[0] += tp
    c[1] += fp
    c[2] += fn
