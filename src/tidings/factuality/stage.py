"""The ``factuality`` stage: one label, evidence and graded score per event mention.

The label comes from cues on the parse (:mod:`tidings.factuality.cues`), from the
attribution chain (a link beyond the outlet makes an otherwise plain statement
``reported``) and from refuting statements later in the document
(:mod:`tidings.factuality.refute`). The score comes from the fitted scorer
(:mod:`tidings.factuality.model`), then is kept inside the range its label allows so
that label and score never disagree (a ``negated`` event never scores as certain).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from tidings.annotations import Analysis
from tidings.factuality.cues import Cue, decide, find_cues
from tidings.factuality.features import DEFAULT_DOMAIN, domain_feature, features
from tidings.factuality.model import Scorer, default_scorer
from tidings.factuality.refute import Refutation, find_refutations, refutes
from tidings.records import AttributionLink, Factuality

if TYPE_CHECKING:
    from spacy.tokens import Token

LABEL_RANGES: dict[str, tuple[float, float]] = {
    "asserted": (0.5, 3.0),
    "reported": (0.0, 3.0),
    "planned": (-1.0, 2.5),
    "possible": (-1.5, 2.0),
    "hypothetical": (-1.5, 1.5),
    "negated": (-3.0, -0.25),
    "refuted": (-3.0, -3.0),
}
"""Scores each label allows, on the [-3, +3] scale."""

_ROOT_TYPES = {"13": "THREATEN", "14": "PROTEST", "15": "MOBILIZE", "16": "SANCTION",
               "17": "COERCE", "18": "ASSAULT", "19": "ASSAULT", "20": "ASSAULT",
               "08": "RETREAT", "07": "AID", "03": "AGREE", "10": "REQUEST"}


class _Typer(Protocol):
    def info(self, code: str) -> object: ...


def raw_score(tok: Token, scorer: Scorer | None = None, domain: str = DEFAULT_DOMAIN,
              cues: list[Cue] | None = None) -> float:
    """The fitted score of predicate ``tok`` on the scale of ``domain``'s annotations
    (``cues``: its :func:`find_cues`, when already found)."""
    return (scorer or default_scorer()).score([*features(tok, cues), domain_feature(domain)])


def assess(tok: Token, attribution: list[AttributionLink] | None = None,
           scorer: Scorer | None = None, domain: str = DEFAULT_DOMAIN) -> Factuality:
    """Label, evidence and score of the predicate ``tok`` from its own sentence."""
    cues = find_cues(tok)  # once: the features read them too
    raw = raw_score(tok, scorer, domain, cues)
    cue = decide(cues)
    doc = tok.doc
    if cue is not None:
        label = cue.label
        first, last = min(cue.tokens), max(cue.tokens)
        span = doc[first:last + 1]
        evidence: str | None = span.text
        ev_span: list[int] | None = [span.start_char, span.end_char]
    else:
        label, evidence, ev_span = "asserted", None, None
        reporter = next((link for link in attribution or [] if link.kind != "outlet"), None)
        if reporter is not None:
            label = "reported"
            evidence = reporter.cue or reporter.text
            if reporter.cue_start is not None and reporter.cue_end is not None:
                ev_span = [reporter.cue_start, reporter.cue_end]
    lo, hi = LABEL_RANGES[label]
    return Factuality(label=label, evidence=evidence, score=round(min(hi, max(lo, raw)), 2),
                      evidence_span=ev_span)


def refuted(f: Factuality, ref: Refutation) -> Factuality:
    return Factuality(label="refuted", evidence=ref.evidence, score=-3.0,
                      evidence_span=[ref.span[0], ref.span[1]])


def _place_keys(analysis: Analysis, span: tuple[int, int]) -> set[str]:
    """The places named in a sentence (resolved id, name and text), to keep a refutation
    about one place from reaching an event at another."""
    keys: set[str] = set()
    for p in analysis.places:
        if p.start is not None and span[0] <= p.start < span[1]:
            keys.add(p.text.lower())
            if p.name:
                keys.add(p.name.lower())
            if p.geonameid is not None:
                keys.add(f"geonames:{p.geonameid}")
    return keys


class FactualityStage:
    """Stage ``factuality``: reads the parse, mentions and attribution; writes labels."""

    name = "factuality"
    reads = ("doc", "mentions", "mentions.attribution")
    writes = ("mentions.factuality",)

    def __init__(self, lexicon: _Typer | None = None, scorer: Scorer | None = None) -> None:
        self.lexicon = lexicon
        self.scorer = scorer

    def event_type(self, code: str) -> str:
        """PLOVER type of a CAMEO code (from the lexicon when given, else by root)."""
        if self.lexicon is not None:
            t = getattr(self.lexicon.info(code), "plover_type", None)
            if isinstance(t, str) and t:
                return t
        return _ROOT_TYPES.get(code[:2], "")

    def __call__(self, analysis: Analysis) -> None:
        doc = analysis.doc
        refutations = find_refutations(doc)
        for m in analysis.mentions:
            tok = doc[m.trigger_token]
            f = assess(tok, m.attribution, self.scorer)
            if m.negated and f.label not in ("negated",):
                neg = [c for c in tok.children if c.dep_ == "neg"]
                if neg:
                    lo, hi = LABEL_RANGES["negated"]
                    f = Factuality(label="negated", evidence=neg[0].text,
                                   score=min(hi, max(lo, f.score)),
                                   evidence_span=[neg[0].idx, neg[0].idx + len(neg[0].text)])
            kind = self.event_type(m.code)
            here = _place_keys(analysis, m.sentence)
            for ref in refutations:
                there = _place_keys(analysis, ref.sentence)
                if here and there and not here & there:
                    continue  # the refutation speaks of another place
                if refutes(ref, tok, kind):
                    f = refuted(f, ref)
                    break
            m.factuality = f
