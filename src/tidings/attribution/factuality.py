"""One factuality label per event, from negation, modality, conditionals and sources."""

from __future__ import annotations

from tidings.annotations import Analysis
from tidings.records import Factuality

_MODAL_POSSIBLE = {"may", "might", "could"}
_MODAL_PLANNED = {"will", "shall", "'ll"}


class FactualityStage:
    """Stage ``factuality``: reads the parse, mentions and attribution; writes labels."""

    name = "factuality"
    reads = ("doc", "mentions")
    writes = ("mentions.factuality",)

    def __call__(self, analysis: Analysis) -> None:
        doc = analysis.doc
        for m in analysis.mentions:
            tok = doc[m.trigger_token]
            aux = {c.lower_ for c in tok.children if c.dep_ == "aux"}
            marks = {c.lower_ for c in tok.subtree if c.dep_ == "mark"}
            if m.negated:
                m.factuality = Factuality(label="negated", evidence="not", score=-3.0)
            elif "if" in marks:
                m.factuality = Factuality(label="hypothetical", evidence="if", score=0.0)
            elif aux & _MODAL_PLANNED:
                m.factuality = Factuality(label="planned", evidence=sorted(aux & _MODAL_PLANNED)[0],
                                          score=1.0)
            elif aux & _MODAL_POSSIBLE:
                m.factuality = Factuality(label="possible",
                                          evidence=sorted(aux & _MODAL_POSSIBLE)[0], score=1.0)
            elif any(link.kind != "outlet" for link in m.attribution):
                m.factuality = Factuality(label="reported", score=2.5)
            else:
                m.factuality = Factuality(label="asserted", score=3.0)
