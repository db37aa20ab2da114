"""The attribution lexicon: reporting verbs, hedging adverbs, agencies, outlets.

Two package files: ``data/lexicon.txt`` (hand-written sections) and
``data/cue_words.tsv`` (word forms with how often they were a cue in the PolNeAR
training split, made by ``tools/attribution_cues.py``). A learned form counts as a cue
when it was one in at least :data:`MIN_SHARE` of its occurrences.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

MIN_SHARE = 0.3
MIN_COUNT = 4


@dataclass(slots=True)
class CueLexicon:
    """What the attribution rules look words up in.

    Attributes:
        verbs: reporting-verb lemmas; the value says whether a plain object is content.
        learned: word forms whose share as a cue in training data is high enough.
        adverbs: "reportedly", "allegedly"...
        citing: lemmas of the participles through which a source cites another.
        agencies, outlets: lower-cased names of news agencies and outlets.
        anonymous: head nouns of unnamed sources; markers: phrases that make one unnamed.
    """

    verbs: dict[str, bool] = field(default_factory=dict)
    learned: set[str] = field(default_factory=set)
    adverbs: set[str] = field(default_factory=set)
    citing: set[str] = field(default_factory=set)
    agencies: set[str] = field(default_factory=set)
    outlets: set[str] = field(default_factory=set)
    anonymous: set[str] = field(default_factory=set)
    markers: list[str] = field(default_factory=list)

    def is_verb_cue(self, lemma: str, form: str) -> bool:
        return lemma in self.verbs or form in self.learned

    def takes_object(self, lemma: str) -> bool:
        return self.verbs.get(lemma, False)


def _sections(text: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    current = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            out.setdefault(current, [])
        else:
            out.setdefault(current, []).append(line)
    return out


def parse_learned(text: str, min_share: float = MIN_SHARE,
                  min_count: int = MIN_COUNT) -> set[str]:
    """Word forms of ``cue_words.tsv`` that were a cue often enough."""
    out: set[str] = set()
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        word, in_cue, total = line.split("\t")
        n, t = int(in_cue), int(total)
        if n >= min_count and t and n / t >= min_share:
            out.add(word)
    return out


@lru_cache(maxsize=1)
def load_lexicon() -> CueLexicon:
    """The packaged lexicon (read once per process)."""
    base = resources.files("tidings.attribution") / "data"
    sec = _sections((base / "lexicon.txt").read_text(encoding="utf-8"))
    verbs: dict[str, bool] = {}
    for entry in sec.get("verbs", []):
        lemma, _, flag = entry.partition(" ")
        verbs[lemma] = verbs.get(lemma, False) or flag == "+obj"
    learned = parse_learned((base / "cue_words.tsv").read_text(encoding="utf-8"))
    return CueLexicon(
        verbs=verbs, learned=learned, adverbs=set(sec.get("adverbs", [])),
        citing=set(sec.get("citing", [])), agencies=set(sec.get("agencies", [])),
        outlets=set(sec.get("outlets", [])), anonymous=set(sec.get("anonymous", [])),
        markers=list(sec.get("anonymous_markers", [])))
