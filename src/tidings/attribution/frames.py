"""Verb frames: the shape of a candidate cue's arguments, the key of the learned table.

A verb is a reporting cue depending on its lemma *and* on what it governs: "said that"
nearly always is one, "found a job" rarely. ``data/cue_frames.tsv`` (made by
``tools/attribution_frames.py`` from the PolNeAR train split) counts, per (lemma,
frame), how often the verb was inside a gold cue; :class:`FrameTable` turns the counts
into a probability with back-off to the lemma.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from spacy.tokens import Token

PRIOR = 2.0


def frame(v: Token, quote_adjacent: bool) -> str:
    """``comp|subj``: the verb's complement kind (ccomp, xcomp, quote, obj, prep, none)
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
    elif "prep" in deps and any(c.dep_ == "prep" and c.i > v.i for c in v.children):
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


@dataclass(slots=True)
class FrameTable:
    """Counts (in cue, total) per (lemma, frame) and per lemma."""

    frames: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)
    lemmas: dict[str, tuple[int, int]] = field(default_factory=dict)

    def probability(self, lemma: str, fr: str) -> float | None:
        """P(cue | lemma, frame), smoothed toward P(cue | lemma); None for unseen lemmas."""
        lem = self.lemmas.get(lemma)
        if lem is None or lem[1] == 0:
            return None
        prior = lem[0] / lem[1]
        n, t = self.frames.get((lemma, fr), (0, 0))
        return (n + PRIOR * prior) / (t + PRIOR)

    @classmethod
    def parse(cls, text: str) -> FrameTable:
        table = cls()
        for line in text.splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            lemma, fr, n, t = line.split("\t")
            table.frames[(lemma, fr)] = (int(n), int(t))
            a, b = table.lemmas.get(lemma, (0, 0))
            table.lemmas[lemma] = (a + int(n), b + int(t))
        return table


@lru_cache(maxsize=1)
def load_frames() -> FrameTable:
    """The packaged table (empty if it has not been built)."""
    path = resources.files("tidings.attribution") / "data" / "cue_frames.tsv"
    if not path.is_file():
        return FrameTable()
    return FrameTable.parse(path.read_text(encoding="utf-8"))
