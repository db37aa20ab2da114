"""Find toponyms and give each event a place."""

from __future__ import annotations

import dataclasses

from tidings.annotations import Analysis
from tidings.geo.gazetteer import Gazetteer


class PlaceStage:
    """Stage ``places``: reads the parse and mentions, writes places and ``mentions.place``."""

    name = "places"
    reads = ("doc", "mentions")
    writes = ("places", "mentions.place")

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def __call__(self, analysis: Analysis) -> None:
        for ent in analysis.doc.ents:
            if ent.label_ in ("GPE", "LOC", "FAC"):
                hit = self.gazetteer.best(ent.text)
                if hit is not None:
                    analysis.places.append(dataclasses.replace(
                        hit, text=ent.text, start=ent.start_char, end=ent.end_char))
        for m in analysis.mentions:
            tok = analysis.doc[m.trigger_token]
            for prep in tok.children:
                if prep.dep_ == "prep" and prep.lower_ in ("in", "at", "near"):
                    for p in analysis.places:
                        if p.start is not None and prep.idx < p.start <= prep.right_edge.idx:
                            m.place = dataclasses.replace(p, method="locative")
                            break
            if m.place is None:
                sent = [p for p in analysis.places
                        if p.start is not None and m.sentence[0] <= p.start < m.sentence[1]
                        and p.feature_class == "P"]
                if sent:
                    m.place = dataclasses.replace(sent[0], method="sentence")
