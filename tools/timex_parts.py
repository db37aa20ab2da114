"""Score the time rules on TBAQ part by part, with the spaCy parse cached.

Usage: PYTHONPATH=src python tools/timex_parts.py [--data DIR] [--cache FILE]
       [--predictions OUT] [--kinds]

Parsing TBAQ takes a minute or two; the time rules take seconds. The first run keeps the
parse in ``--cache`` (a spaCy DocBin); later runs only rerun the rules, so a rule change
can be measured in seconds. Scores are printed for the whole corpus, each half
(TimeBank, AQUAINT) and, since the results-story rules only concern the Wall Street
Journal part, for alternate halves of the WSJ documents and the rest of TimeBank: a
change drawn from one part should not cost on another (docs/time.md).

``--kinds`` sorts the value errors into the kinds of docs/time.md (conventions TBAQ
itself splits, other precision, the rest). ``--predictions`` writes the predictions
(one per gold expression and one per spurious system expression, with the part) as JSON.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from spacy.tokens import DocBin

from tidings.config import load_config
from tidings.eval.timex import score, system_spans
from tidings.nlp import load_nlp
from tidings.time.timeml import TimeMLDoc, iter_timeml

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "tempeval3_tbaq_cleaned"


def part_of(i: int, doc: TimeMLDoc) -> str:
    if "AQUAINT" in doc.path.parts:
        return "AQUAINT"
    if doc.docid.lower().startswith("wsj"):
        return "WSJ-a" if i % 2 else "WSJ-b"
    return "TB-other"


PARTS = {"all": ("AQUAINT", "WSJ-a", "WSJ-b", "TB-other"),
         "TimeBank": ("WSJ-a", "WSJ-b", "TB-other"), "AQUAINT": ("AQUAINT",),
         "WSJ-a": ("WSJ-a",), "WSJ-b": ("WSJ-b",), "TB-other": ("TB-other",)}


def error_kind(gold: str, system: str, dct: str) -> str:
    """The kind of a value error (the table of docs/time.md)."""
    if "WXX" in gold and re.search(r"W\d\d", system):
        return "split convention: WXX for a known week"
    if re.search(r"-W\d$", gold):
        return "split convention: unpadded week"
    if re.fullmatch(r"\d{4}-XX(-XX)?", gold) and system == gold[:4]:
        return "split convention: year as YYYY-XX"
    if re.fullmatch(r"\d{3}X", gold) and system == gold[:3]:
        return "split convention: decade as dddX"
    if re.fullmatch(r"\d{4}-\d\d-\d\d(T(MO|AF|EV|NI))?", gold) and \
            re.fullmatch(r"\d{4}-\d\d-\d\dT(MO|AF|EV|NI)", system) and gold[:10] == system[:10]:
        return "split convention: weekday + part of day"
    if gold[:4].isdigit() and system[:4].isdigit() and dct[:4].isdigit():
        off_gold = abs(int(gold[:4]) - int(dct[:4]))
        off_system = abs(int(system[:4]) - int(dct[:4]))
        if off_gold >= 9 and off_system <= 1:
            return "gold off by a decade"
    if not gold.startswith("P") and len(gold) >= 7 and len(system) >= 7 and \
            gold[:7] == system[:7]:
        return "same month, other precision or day"
    if gold[:4].isdigit() and gold[:4] == system[:4] and len(gold) != len(system):
        return "same year, other precision"
    return "other"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--cache", type=Path, default=Path("/tmp/tidings_tbaq_parse.spacy"))
    ap.add_argument("--predictions", type=Path)
    ap.add_argument("--kinds", action="store_true")
    args = ap.parse_args()
    docs = list(iter_timeml(args.data))
    nlp = load_nlp(load_config().spacy_model)
    if args.cache.exists():
        parsed = list(DocBin().from_disk(args.cache).get_docs(nlp.vocab))
        if [p.text for p in parsed] != [d.text for d in docs]:
            raise SystemExit(f"{args.cache} holds other texts; delete it to parse again")
    else:
        parsed = list(nlp.pipe([d.text for d in docs], batch_size=16))
        DocBin(docs=parsed).to_disk(args.cache)
    systems = [system_spans(d, p) for d, p in zip(docs, parsed, strict=True)]
    parts = [part_of(i, d) for i, d in enumerate(docs)]
    by_doc = {d.docid: part for d, part in zip(docs, parts, strict=True)}
    predictions: list[dict[str, Any]] = []
    for name, members in PARTS.items():
        keep = [i for i, p in enumerate(parts) if p in members]
        result = score([docs[i] for i in keep], [systems[i] for i in keep])
        m = result.metrics
        preds = result.predictions
        ok = sum(p["value_ok"] for p in preds)
        spurious = sum(p["gold"] is None for p in preds)
        print(f"{name:9s} n={result.n:5d} value ok {ok:5d} spurious {spurious:4d}  "
              f"strict {m['strict_f1']:.4f}  relaxed {m['relaxed_f1']:.4f}  "
              f"value F1 {m['value_f1']:.4f}  value acc {m['value_accuracy']:.4f}")
        if name == "all":
            predictions = preds
            for p in predictions:
                p["part"] = by_doc[p["doc"]]
    if args.kinds:
        kinds: Counter[tuple[str, str]] = Counter()
        for p in predictions:
            if p["gold"] and p["pred"] and not p["value_ok"]:
                half = "AQUAINT" if p["part"] == "AQUAINT" else "TimeBank"
                kind = error_kind(p["gold"]["value"] or "", p["pred"]["value"] or "",
                                  p["dct"] or "")
                kinds[(kind, half)] += 1
        for (kind, half), n in sorted(kinds.items()):
            print(f"{n:5d}  {half:8s}  {kind}")
    if args.predictions:
        args.predictions.write_text(json.dumps(predictions, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
