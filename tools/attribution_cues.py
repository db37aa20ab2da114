"""Build ``src/tidings/attribution/data/cue_words.tsv`` from the PolNeAR TRAIN split.

For every word form, how often it occurs in the training texts and how often inside a
gold cue span. The attribution stage keeps verbs whose share is high enough as reporting
cues (besides its hand-written core list). Only counts are stored, no text.

Usage: python tools/attribution_cues.py /work/shared/data/polnear/train
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
OUT = Path(__file__).resolve().parent.parent / "src/tidings/attribution/data/cue_words.tsv"


def cue_spans(ann: Path) -> list[tuple[int, int]]:
    """Character spans (first fragment only) of the Cue annotations of one .ann file."""
    out = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2 or not parts[0].startswith("T"):
            continue
        label, _, offsets = parts[1].partition(" ")
        if label != "Cue":
            continue
        for frag in offsets.split(";"):
            a, b = frag.split()
            out.append((int(a), int(b)))
    return out


def main(train: Path) -> None:
    total: Counter[str] = Counter()
    in_cue: Counter[str] = Counter()
    texts = {p.stem: p for p in (train / "text").glob("*.txt")}
    seen: set[str] = set()
    for ann in sorted((train / "attributions").glob("*.ann")):
        stem = ann.stem.rsplit("_", 1)[0]
        if stem not in texts or stem in seen:  # double-annotated articles: the first only
            continue
        seen.add(stem)
        text = texts[stem].read_text(encoding="utf-8")
        covered = [False] * len(text)
        for a, b in cue_spans(ann):
            for k in range(a, min(b, len(text))):
                covered[k] = True
        for m in _WORD.finditer(text):
            w = m.group().lower()
            total[w] += 1
            if covered[m.start()]:
                in_cue[w] += 1
    rows = sorted((w for w in in_cue if in_cue[w] >= 2), key=lambda w: (-in_cue[w], w))
    with OUT.open("w", encoding="utf-8") as fh:
        fh.write("# word\tin_cue\ttotal  (PolNeAR train, tools/attribution_cues.py)\n")
        for w in rows:
            fh.write(f"{w}\t{in_cue[w]}\t{total[w]}\n")
    print(f"{len(seen)} articles, {len(rows)} words -> {OUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data/polnear/train"))
