"""Word tables for temporal expressions: numbers, calendar names, units, modifiers.

Everything here is plain data and small lookups; the grammar builds its patterns
from these tables, and the normalizer reads values from them.
"""

from __future__ import annotations

import re

ONES: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "last": -1, "final": -1,
}
FUZZY_NUMBERS = ("a few", "few", "several", "some", "many", "a number of", "numerous",
                 "the past few", "a couple of", "couple of", "dozens of", "hundreds of",
                 "scores of", "countless", "the next few", "the last few", "the first few")

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
WEEKDAYS: dict[str, int] = {
    "monday": 1, "mon": 1, "tuesday": 2, "tue": 2, "tues": 2, "wednesday": 3, "wed": 3,
    "thursday": 4, "thu": 4, "thur": 4, "thurs": 4, "friday": 5, "fri": 5, "saturday": 6,
    "sat": 6, "sunday": 7, "sun": 7,
}
SEASONS: dict[str, str] = {
    "spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI",
}
PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI",
    "overnight": "NI", "midday": "MI", "dawn": "MO", "daybreak": "MO", "dusk": "EV",
    "nightfall": "EV", "mid-afternoon": "AF", "midafternoon": "AF", "late-night": "NI",
}

UNITS: dict[str, str] = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "night": "D", "week": "W",
    "weekend": "WE", "fortnight": "2W", "month": "M", "quarter": "Q", "year": "Y",
    "decade": "E", "century": "C", "centuries": "C", "millennium": "L", "millennia": "L",
    "season": "SE", "semester": "6M",
}
"""Unit word -> TIMEX3 duration letter (minutes and months share ``M``; see UNIT_TIME)."""

UNIT_TIME = {"second", "minute", "hour"}
"""Units written after ``T`` in a TIMEX3 duration (PT5H, but P5M for months)."""

UNIT_GRANULARITY: dict[str, str] = {
    "second": "second", "minute": "minute", "hour": "hour", "day": "day", "night": "day",
    "week": "week", "weekend": "week", "fortnight": "week", "month": "month",
    "quarter": "quarter", "year": "year", "decade": "decade", "century": "century",
    "centuries": "century", "millennium": "century", "millennia": "century",
    "season": "season", "semester": "month",
}

SET_ADVERBS: dict[str, str] = {
    "hourly": "PT1H", "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W",
    "monthly": "P1M", "quarterly": "P3M", "annually": "P1Y", "yearly": "P1Y",
    "semiannually": "P6M", "biannually": "P6M",
}

HOLIDAYS: dict[str, tuple[int, int] | str] = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
    "new year's day": (1, 1), "new year's eve": (12, 31), "new year": (1, 1),
    "valentine's day": (2, 14), "halloween": (10, 31), "independence day": (7, 4),
    "fourth of july": (7, 4), "veterans day": (11, 11), "boxing day": (12, 26),
    "may day": (5, 1), "armistice day": (11, 11), "bastille day": (7, 14),
    "thanksgiving": "thanksgiving", "thanksgiving day": "thanksgiving",
    "labor day": "labor", "memorial day": "memorial", "election day": "election",
    "easter": "easter", "easter sunday": "easter", "good friday": "goodfriday",
    "easter week": "easterweek",
}

MODIFIERS: dict[str, str] = {
    "more than": "MORE_THAN", "longer than": "MORE_THAN",
    "upwards of": "MORE_THAN", "well over": "MORE_THAN",
    "at least": "EQUAL_OR_MORE", "no less than": "EQUAL_OR_MORE",
    "not less than": "EQUAL_OR_MORE", "a minimum of": "EQUAL_OR_MORE",
    "less than": "LESS_THAN", "under": "LESS_THAN", "fewer than": "LESS_THAN",
    "shorter than": "LESS_THAN", "just under": "LESS_THAN",
    "nearly": "LESS_THAN", "not quite": "LESS_THAN",
    "up to": "EQUAL_OR_LESS", "not more than": "EQUAL_OR_LESS",
    "no more than": "EQUAL_OR_LESS", "at most": "EQUAL_OR_LESS",
    "a maximum of": "EQUAL_OR_LESS", "no longer than": "EQUAL_OR_LESS",
    "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX",
    "an estimated": "APPROX", "close to": "APPROX", "or so": "APPROX",
}
"""Bound and approximation words before an expression -> TIMEX3 ``mod``.

Words that TimeBank leaves outside the expression ("about", "almost", "over",
"within", "just") are not listed, so they are not taken into the span."""

APPROX_WORDS: dict[str, str] = {"about": "APPROX", "almost": "LESS_THAN", "some": "APPROX"}
"""Approximators kept outside a duration's span but inside an ``ago`` expression."""

POSITION_MODS: dict[str, str] = {
    "early": "START", "earlier": "START", "the beginning of": "START", "the start of": "START",
    "the early part of": "START", "the first part of": "START", "the dawn of": "START",
    "the outset of": "START",
    "mid": "MID", "the middle of": "MID", "the mid": "MID", "middle": "MID",
    "late": "END", "later": "END", "the end of": "END", "the close of": "END",
    "the latter part of": "END", "the last part of": "END", "the later part of": "END",
}
"""Words that pick a part of a period -> TIMEX3 ``mod`` (``early 1990`` -> 1990, START)."""


_NUM_RE = re.compile(r"^(\d+(?:\.\d+)?)(?:\s+(\d)/(\d))?$")


def number_value(text: str) -> float | None:
    """The value of a written number: ``"10"``, ``"ten"``, ``"twenty-five"``, ``"a"``,
    ``"2 1/2"``, ``"a dozen"``; None for vague amounts (``"several"``)."""
    t = text.lower().strip().replace("\u2010", "-").replace("\u2013", "-")
    if not t:
        return None
    m = _NUM_RE.match(t.replace(",", ""))
    if m:
        v = float(m.group(1))
        if m.group(2):
            v += int(m.group(2)) / int(m.group(3))
        return v
    if t in ("a", "an", "one", "a single", "single"):
        return 1.0
    if t in ("a half", "half a", "half an", "half"):
        return 0.5
    if t in ("a couple", "a couple of", "couple of", "a pair of", "a couple more"):
        return 2.0
    if t in ("a dozen", "dozen"):
        return 12.0
    if t in ("a hundred", "hundred", "one hundred"):
        return 100.0
    if t in ("a thousand", "thousand", "one thousand"):
        return 1000.0
    for suffix, extra in ((" and a half", 0.5),):
        if t.endswith(suffix):
            base = number_value(t[: -len(suffix)])
            return base + extra if base is not None else None
    t = t.replace(" ", "-")
    if t in ONES:
        return float(ONES[t])
    if t in TENS:
        return float(TENS[t])
    if "-" in t:
        a, _, b = t.partition("-")
        if a in TENS and b in ONES and ONES[b] < 10:
            return float(TENS[a] + ONES[b])
        if a in ONES and b == "hundred":
            return float(ONES[a] * 100)
    return None


def year_words_value(text: str) -> int | None:
    """Years written out as in broadcast transcripts: ``nineteen ninety-six`` -> 1996."""
    words = text.lower().replace("-", " ").split()
    if len(words) >= 2 and words[0] in ONES and ONES[words[0]] in (19, 18, 17):
        rest = number_value("-".join(words[1:]))
        if rest is not None and 0 < rest < 100:
            return ONES[words[0]] * 100 + int(rest)
    if words[:2] == ["two", "thousand"]:
        if len(words) == 2:
            return 2000
        rest = number_value("-".join(w for w in words[2:] if w != "and"))
        if rest is not None and rest < 100:
            return 2000 + int(rest)
    return None


def ordinal_value(text: str) -> int | None:
    """``third`` -> 3, ``3rd`` -> 3, ``twenty-first`` -> 21."""
    t = text.lower().strip()
    m = re.match(r"^(\d+)(?:st|nd|rd|th)?$", t)
    if m:
        return int(m.group(1))
    if t in ORDINALS:
        return ORDINALS[t]
    if "-" in t:
        a, _, b = t.partition("-")
        if a in TENS and b in ORDINALS and 0 < ORDINALS[b] < 10:
            return TENS[a] + ORDINALS[b]
    return None
