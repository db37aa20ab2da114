"""Attribution relations from reporting verbs and "according to", and event chains."""

from __future__ import annotations

from tidings.annotations import Analysis, AttributionRelation
from tidings.records import AttributionLink

_CUES = {"say", "tell", "report", "claim", "announce", "state", "deny", "quote"}
_AGENCIES = {"tass", "reuters", "afp", "ap", "interfax", "xinhua", "ria novosti", "moskva"}


def _kind(text: str) -> str:
    low = text.lower()
    if any(a in low for a in _AGENCIES):
        return "agency"
    if "source" in low or "anonymous" in low:
        return "anonymous"
    return "person"


class AttributionStage:
    """Stage ``attribution``: writes relations and each mention's chain from the outlet in."""

    name = "attribution"
    reads = ("doc", "mentions")
    writes = ("attributions", "mentions.attribution")

    def __call__(self, analysis: Analysis) -> None:
        doc = analysis.doc
        for tok in doc:
            if tok.pos_ == "VERB" and tok.lemma_.lower() in _CUES:
                subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
                comp = [c for c in tok.children if c.dep_ in ("ccomp", "dobj")]
                if not subj:
                    continue
                s = subj[0]
                content = (comp[0].left_edge.idx, comp[0].right_edge.idx + len(
                    comp[0].right_edge.text)) if comp else (tok.sent.start_char, tok.sent.end_char)
                src = doc[s.left_edge.i : s.right_edge.i + 1]
                analysis.attributions.append(AttributionRelation(
                    source=(src.start_char, src.end_char), cue=(tok.idx, tok.idx + len(tok)),
                    content=content, source_text=src.text, cue_text=tok.text,
                    kind=_kind(src.text)))
        outlet = analysis.document.outlet
        for m in analysis.mentions:
            chain = []
            if outlet:
                chain.append(AttributionLink(text="", name=outlet, kind="outlet"))
            for r in analysis.attributions:
                if r.content[0] <= m.trigger[0] < r.content[1]:
                    chain.append(AttributionLink(text=r.source_text, name=r.source_text,
                                                 kind=r.kind, cue=r.cue_text,
                                                 start=r.source[0] if r.source else None,
                                                 end=r.source[1] if r.source else None))
            m.attribution = chain
