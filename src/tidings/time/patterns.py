"""Regex building blocks shared by the rule families (strings, for verbose patterns)."""

from __future__ import annotations

from tidings.time.lexicon import (
    HOLIDAYS,
    MODIFIERS,
    ONES,
    ORDINALS,
    PARTS_OF_DAY,
    SEASONS,
    SET_ADVERBS,
    TENS,
    UNITS,
)
from tidings.time.rules import alt

_NUMWORD = (
    "(?:(?:" + "|".join(TENS) + r")(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?"
    "|" + "|".join(sorted(ONES, key=len, reverse=True)) + ")"
)
NUMWORD = _NUMWORD
"""A number written in words, up to ninety-nine."""

NUM = (r"(?:(?:\d+(?:\.\d+)?(?:\s+\d/\d)?|" + _NUMWORD + r"(?:[-\s]hundred)?)"
       r"(?:\s+and\s+a\s+half)?"
       r"|a\s+(?:dozen|hundred|thousand|half|couple\s+of|couple)|an?|half\s+an?|dozen)")
"""A count: digits, words, ``a``/``an``, ``a dozen``, ``2 1/2``."""

FUZZY = alt(("a few", "few", "several", "some", "many", "a number of", "numerous",
             "countless", "dozens of", "hundreds of", "scores of", "a couple of", "couple of",
             "a couple"))
"""A vague count (the TIMEX3 value gets ``X``)."""

UNIT_WORDS = sorted(UNITS, key=len, reverse=True)
UNIT = (r"(?:(?:trading|business|working|calendar|fiscal|school|full|straight|consecutive)\s+)?"
        r"(?P<unit>" + "|".join(u for u in UNIT_WORDS if u != "centuries") + r"|centuries)(?:e?s)?")
"""A unit word, singular or plural, as group ``unit``."""

UNIT_SG = r"(?P<unit>" + "|".join(UNIT_WORDS) + ")"
"""A unit word in the singular (for adjectival ``30-year``)."""

MONTH_NAMES = (r"(?:jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|"
               r"june?\.?|july?\.?|aug(?:ust|\.)?|sep(?:t(?:ember|\.)?|\.)?|oct(?:ober|\.)?|"
               r"nov(?:ember|\.)?|dec(?:ember|\.)?)(?![a-z])")
"""Month names; an abbreviation without its full stop ("Jan 5") only counts before a
number (the bare-month rules reject it)."""


def month(name: str = "month") -> str:
    """A month name or abbreviation as group ``name``."""
    return f"(?P<{name}>{MONTH_NAMES})"


WEEKDAY_NAMES = (r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
                 r"mon\.|tues?\.|wed\.|thurs?\.|fri\.|sat\.|sun\.)")


def weekday(name: str = "wd") -> str:
    """A weekday name as group ``name``."""
    return f"(?P<{name}>{WEEKDAY_NAMES})"


ORDWORD = alt(k for k, v in ORDINALS.items() if v > 0)
DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR4 = r"(?:1[0-9]\d\d|20\d\d)"
SEASON = "(?P<season>" + "|".join(SEASONS) + ")"
POD = "(?P<pod>" + alt(p for p in PARTS_OF_DAY if p not in ("tonight", "overnight")) + ")"
MODS = "(?P<mod>" + alt(MODIFIERS) + ")"
HOLIDAY = "(?P<hol>" + alt(HOLIDAYS) + ")"
SETADV = "(?P<setadv>" + alt(SET_ADVERBS) + ")"
TZ = r"(?:\s+(?:\(?(?:[ECMP][SD]?T|GMT|UTC|[A-Z]{2,4}T)\)?|local\s+time))"
AMPM = r"(?:[ap]\.\s?m\b\.?|[ap]m\b)"
