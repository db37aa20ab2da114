"""Stage ``places``: geoparse the document and give each event the place where it happened.

An event's place is, in order:

1. ``locative``: a toponym in a locative phrase attached to the event's predicate
   ("clashes *in Almaty*, Kazakhstan" -> Almaty, the most specific of the phrase);
2. ``sentence``: else the most specific place named in the event's sentence (nearest the
   trigger on ties);
3. ``document-focus``: else the place the document names most often.

The resolution method follows after a ``+`` (``locative+containment``). Toponyms used
metonymically -- a capital or a country standing for its government as the subject of a
verb or as a possessor ("Moscow said", "Washington's sanctions") -- and demonyms
("Russian troops") are actors, not places of action: they are never an event's place.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from typing import TYPE_CHECKING

from tidings.annotations import Analysis, EventMention
from tidings.geo.gazetteer import Gazetteer
from tidings.geo.parse import geoparse, to_place
from tidings.geo.resolve import Resolution
from tidings.records import Place

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout",
                      "around", "within", "on", "into", "off", "along", "beyond", "over"})
_SUBJECT = frozenset({"nsubj", "nsubjpass", "csubj", "agent"})


def metonymic(doc: Doc, r: Resolution) -> bool:
    """True when a capital or country names its government here, not a location."""
    e = r.entry
    if r.toponym.demonym:
        return True
    if e is None or not (e.is_country or e.fcode == "PPLC"):
        return False
    span = doc.char_span(r.toponym.start, r.toponym.end, alignment_mode="expand")
    if span is None:
        return False
    head = span.root
    if head.dep_ in _SUBJECT:
        return True
    if head.dep_ == "pobj" and head.head.lower_ == "by" and head.head.dep_ == "agent":
        return True
    # "Moscow's decision": a possessive of a non-place noun.
    return head.dep_ == "poss" and head.head.ent_type_ not in ("GPE", "LOC", "FAC")


class PlaceStage:
    """Stage ``places``: reads the parse, actors and mentions; writes places and
    ``mentions.place``."""

    name = "places"
    reads = ("doc", "actors", "mentions")
    writes = ("places", "mentions.place")

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def __call__(self, analysis: Analysis) -> None:
        doc = analysis.doc
        actors = list(analysis.actors)
        for m in analysis.mentions:
            actors.extend((*m.sources, *m.targets))
        resolutions = geoparse(doc, self.gazetteer, actors=actors,
                               text=analysis.document.text)
        literal: list[tuple[Resolution, Place]] = []
        for r in resolutions:
            if r.entry is None:
                continue
            place = to_place(r, self.gazetteer)
            if metonymic(doc, r):
                place.method = f"metonymy+{r.method}" if not r.toponym.demonym else "demonym"
            else:
                literal.append((r, place))
            analysis.places.append(place)
        focus = _focus(literal)
        for m in analysis.mentions:
            m.place = self.event_place(doc, m, literal, focus)

    def event_place(self, doc: Doc, m: EventMention, literal: list[tuple[Resolution, Place]],
                    focus: Place | None) -> Place | None:
        """The place where mention ``m`` happened, with how it was chosen."""
        trigger = doc[m.trigger_token]
        for prep in _locative_preps(trigger):
            lo, hi = prep.idx, prep.right_edge.idx + len(prep.right_edge)
            inside = [(r, p) for r, p in literal if lo <= r.toponym.start < hi]
            if inside:
                r, p = _most_specific(inside, trigger.idx)
                return dataclasses.replace(p, method=f"locative+{r.method}")
        s0, s1 = m.sentence
        in_sentence = [(r, p) for r, p in literal if s0 <= r.toponym.start < s1]
        if in_sentence:
            r, p = _most_specific(in_sentence, trigger.idx)
            return dataclasses.replace(p, method=f"sentence+{r.method}")
        if focus is not None:
            return dataclasses.replace(focus, method=f"document-focus+{focus.method}",
                                       start=None, end=None)
        return None


def _locative_preps(trigger: Token) -> list[Token]:
    """Locative prepositions attached to the trigger, or to its verb when the trigger is
    a noun ("the protest in Almaty", "protesters rallied in Almaty")."""
    heads = [trigger]
    if trigger.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj") and trigger.head.pos_ == "VERB":
        heads.append(trigger.head)
    preps = []
    for h in heads:
        for child in h.children:
            if child.dep_ == "prep" and child.lower_ in LOCATIVE:
                preps.append(child)
    return preps


def _most_specific(items: list[tuple[Resolution, Place]], anchor: int
                   ) -> tuple[Resolution, Place]:
    def key(item: tuple[Resolution, Place]) -> tuple[int, int]:
        r = item[0]
        level = r.entry.level if r.entry is not None else 0
        return (-level, abs(r.toponym.start - anchor))

    return min(items, key=key)


def _focus(literal: list[tuple[Resolution, Place]]) -> Place | None:
    """The place the document names most often (more specific places win ties)."""
    if not literal:
        return None
    counts = Counter(p.geonameid or p.name for _, p in literal)
    best = max(literal, key=lambda rp: (counts[rp[1].geonameid or rp[1].name],
                                        rp[0].entry.level if rp[0].entry else 0,
                                        -rp[0].toponym.start))
    return best[1]
