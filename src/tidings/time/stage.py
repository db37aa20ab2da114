"""The time stages: temporal expressions of a document (``TimexStage``) and the
time of each event mention (``EventTimeStage``)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from tidings.annotations import Analysis
from tidings.records import TimeValue
from tidings.time.anchor import governing_predicate, reporting_verb
from tidings.time.eventtime import assign_event_times
from tidings.time.recognize import Found, TokenIndex, find, resolve, select

if TYPE_CHECKING:
    from spacy.tokens import Doc

_REF_GRAN = {"PRESENT_REF": "present", "PAST_REF": "past", "FUTURE_REF": "future"}


def to_time_value(f: Found, dct: date | None) -> TimeValue | None:
    """The public record for a resolved expression (None when it was rejected)."""
    n = f.norm
    if n is None:
        return None
    tv = TimeValue(text=f.text, value=n.value, type=n.type, mod=n.mod, start_char=f.start,
                   end_char=f.end)
    if n.cal is not None:
        iv = n.cal.interval()
        if iv is not None:
            tv.start, tv.end = iv[0].isoformat(), iv[1].isoformat()
        tv.granularity = n.cal.granularity
    elif n.type == "DURATION":
        tv.granularity = "duration"
        if n.interval is not None:
            tv.start, tv.end = n.interval[0].isoformat(), n.interval[1].isoformat()
    elif n.type == "SET":
        tv.granularity = "set"
    elif n.value in _REF_GRAN:
        tv.granularity = _REF_GRAN[n.value]
        if dct is not None:
            d = dct.isoformat()
            if n.value == "PRESENT_REF":
                tv.start = tv.end = d
            elif n.value == "PAST_REF":
                tv.end = d
            else:
                tv.start = d
    if n.type == "DURATION":
        tv.duration = n.value
    if n.uses == "anchor":
        tv.anchor = f.anchor or (f"dct:{dct.isoformat()}" if dct is not None else None)
    elif n.uses == "ref" and (n.base or f.ref) is not None:
        base = n.base or f.ref
        assert base is not None
        start = base.as_date()
        tv.anchor = f"narrative:{start.isoformat()}" if start else f"narrative:{base.value}"
    return tv


def speech_anchors(found: list[Found], index: TokenIndex) -> dict[int, tuple[date, str]]:
    """Anchors for deictic expressions in reported speech whose speech act has a date.

    "...will begin in two days, Tokayev told parliament yesterday": "yesterday" modifies
    the reporting verb "told", so "in two days" counts from that day, not from the DCT.
    """
    doc = index.doc
    by_pred: dict[int, list[Found]] = {}
    spans = {}
    for f in found:
        span = doc.char_span(f.start, f.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        spans[f.start] = span
        pred = governing_predicate(span)
        if pred is not None:
            by_pred.setdefault(pred.i, []).append(f)
    out: dict[int, tuple[date, str]] = {}
    for f in found:
        if f.norm is None or f.norm.uses != "anchor" or f.start not in spans:
            continue
        rv = reporting_verb(spans[f.start].root)
        if rv is None:
            continue
        for s in by_pred.get(rv.i, []):
            if s is f or s.norm is None or s.norm.cal is None:
                continue
            if s.norm.cal.gran in ("day", "partofday", "minute", "hour"):
                d = s.norm.cal.as_date()
                if d is not None:
                    out[f.start] = (d, "speech")
                    break
    return out


def annotate(text: str, dct: date | None, doc: Doc | None = None) -> list[TimeValue]:
    """Every temporal expression of ``text`` as a :class:`TimeValue`, in text order."""
    return [tv for tv in (to_time_value(f, dct) for f in analyse_times(text, dct, doc))
            if tv is not None]


def analyse_times(text: str, dct: date | None, doc: Doc | None = None) -> list[Found]:
    """Recognize and resolve expressions, re-anchoring reported speech on its speech act."""
    index = TokenIndex(doc) if doc is not None else None
    found = select(find(text, dct, index))
    resolve(found, text, dct, index)
    if index is not None and dct is not None:
        anchors = speech_anchors(found, index)
        if anchors:
            resolve(found, text, dct, index, anchors=anchors)
            for f in found:
                if f.start in anchors and f.norm is not None and f.norm.uses == "anchor":
                    f.anchor = f"speech:{anchors[f.start][0].isoformat()}"
    return [f for f in found if f.norm is not None]


class TimexStage:
    """Stage ``timex``: reads the parse and DCT, writes ``analysis.timexes``."""

    name = "timex"
    reads = ("doc", "dct")
    writes = ("timexes",)

    def __call__(self, analysis: Analysis) -> None:
        analysis.timexes.extend(annotate(analysis.document.text, analysis.dct, analysis.doc))


class EventTimeStage:
    """Stage ``event_time``: gives each mention its own time.

    In order: a temporal expression governing the trigger in the parse; one in the
    trigger's clause; the nearest in the sentence; the time of the narrative when
    the sentence continues one; else the document date marked as an assumption.
    """

    name = "event_time"
    reads = ("mentions", "timexes", "dct", "doc")
    writes = ("mentions.time",)

    def __call__(self, analysis: Analysis) -> None:
        assign_event_times(analysis)
