"""Temporal expressions from the parse, normalized against the document date."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from dateutil import parser as dateparser

from tidings.annotations import Analysis
from tidings.records import TimeValue

_RELATIVE_DAYS = {"yesterday": -1, "today": 0, "tomorrow": 1}


def normalize(text: str, dct: date | None) -> TimeValue:
    """A TIMEX3-style value for ``text`` resolved against ``dct``."""
    low = text.lower()
    for word, delta in _RELATIVE_DAYS.items():
        if word in low:
            if dct is None:
                return TimeValue(text=text, granularity="day", anchor=None)
            day = dct + timedelta(days=delta)
            return TimeValue(text=text, value=day.isoformat(), start=day.isoformat(),
                             end=day.isoformat(), granularity="day",
                             anchor=f"dct:{dct.isoformat()}")
    if dct is not None and re.search(r"\d", text):
        try:
            default = datetime(dct.year, 1, 1)
            day = dateparser.parse(text, default=default, fuzzy=True).date()
        except (ValueError, OverflowError):
            return TimeValue(text=text)
        return TimeValue(text=text, value=day.isoformat(), start=day.isoformat(),
                         end=day.isoformat(), granularity="day",
                         anchor=f"dct:{dct.isoformat()}")
    return TimeValue(text=text)


class TimexStage:
    """Stage ``timex``: reads the parse and DCT, writes ``analysis.timexes``."""

    name = "timex"
    reads = ("doc", "dct")
    writes = ("timexes",)

    def __call__(self, analysis: Analysis) -> None:
        for ent in analysis.doc.ents:
            if ent.label_ in ("DATE", "TIME"):
                tv = normalize(ent.text, analysis.dct)
                tv.start_char, tv.end_char = ent.start_char, ent.end_char
                analysis.timexes.append(tv)


class EventTimeStage:
    """Stage ``event_time``: gives each mention the time of its sentence, else the DCT."""

    name = "event_time"
    reads = ("mentions", "timexes", "dct")
    writes = ("mentions.time",)

    def __call__(self, analysis: Analysis) -> None:
        for m in analysis.mentions:
            in_sent = [t for t in analysis.timexes
                       if t.start_char is not None and m.sentence[0] <= t.start_char < m.sentence[1]
                       and t.value]
            if in_sent:
                m.time = min(in_sent, key=lambda t: abs((t.start_char or 0) - m.trigger[0]))
            elif analysis.dct is not None:
                d = analysis.dct.isoformat()
                m.time = TimeValue(text="", value=d, start=d, end=d, granularity="day",
                                   anchor="assumed:dct", assumed=True)
