"""Build ``src/tidings/attribution/data/cue_frames.tsv`` from the PolNeAR TRAIN split.

Parses every training article (first annotation of double-annotated ones) and counts,
for each verb outside direct quotes, its (lemma, frame) and whether a gold cue span
covers it. Only counts are stored. The parse takes several minutes; ``--cache FILE``
keeps it in a spaCy DocBin for reruns.

Usage: python tools/attribution_frames.py [/work/shared/data/polnear/train] [--cache F]
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from spacy.tokens import DocBin

from tidings.attribution.extract import _adjacent
from tidings.attribution.frames import frame
from tidings.attribution.quotes import find_quotes
from tidings.config import load_config
from tidings.eval.attribution import read_split
from tidings.nlp import load_nlp

OUT = Path(__file__).resolve().parent.parent / "src/tidings/attribution/data/cue_frames.tsv"
MIN_TOTAL = 2


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("train", nargs="?", default="/work/shared/data/polnear/train", type=Path)
    ap.add_argument("--cache", type=Path)
    ap.add_argument("--skip", type=int, default=0,
                    help="leave out the first N articles (to tune the threshold on them)")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    docs = {}
    for d in read_split(args.train):
        docs.setdefault(d.docid, d)
    ids = sorted(docs)
    nlp = load_nlp(load_config().spacy_model)
    if args.cache and args.cache.exists():
        parsed = list(DocBin().from_bytes(args.cache.read_bytes()).get_docs(nlp.vocab))
    else:
        parsed = list(nlp.pipe([docs[i].text for i in ids], batch_size=16))
        if args.cache:
            db = DocBin()
            for p in parsed:
                db.add(p)
            args.cache.write_bytes(db.to_bytes())
    total: Counter[tuple[str, str]] = Counter()
    in_cue: Counter[tuple[str, str]] = Counter()
    for docid, doc in list(zip(ids, parsed, strict=True))[args.skip:]:
        gold = docs[docid]
        covered = set()
        for r in gold.relations:
            for a, b in r.cue:
                covered.update(range(a, b))
        quotes = find_quotes(doc.text)
        for tok in doc:
            if tok.pos_ != "VERB" or any(q.start <= tok.idx < q.end for q in quotes):
                continue
            adj = any(q.start < tok.sent.end_char and q.end > tok.sent.start_char
                      and _adjacent(doc, q, tok) for q in quotes)
            key = (tok.lemma_.lower(), frame(tok, adj))
            total[key] += 1
            if tok.idx in covered:
                in_cue[key] += 1
    lemma_cue: Counter[str] = Counter()
    for (lemma, _), n in in_cue.items():
        lemma_cue[lemma] += n
    rows = sorted(k for k in total if lemma_cue[k[0]] >= 1 and total[k] >= MIN_TOTAL)
    with args.out.open("w", encoding="utf-8") as fh:
        fh.write("# lemma\tframe\tin_cue\ttotal  (PolNeAR train, tools/attribution_frames.py)\n")
        for k in rows:
            fh.write(f"{k[0]}\t{k[1]}\t{in_cue[k]}\t{total[k]}\n")
    print(f"{len(ids)} articles, {len(rows)} (lemma, frame) rows -> {args.out}")


if __name__ == "__main__":
    main()
