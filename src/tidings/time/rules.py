"""The shape of a recognition rule, the context it is normalized in, and its result.

A :class:`Rule` is a compiled pattern over the raw text plus a handler that turns
a match into a :class:`Norm` (TIMEX3 type, value, modifier, calendar point) given a
:class:`Ctx` (document date, the anchor for deictic words, the narrative reference
time, the tense of the governing clause). Handlers return None to reject a match.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from tidings.time.calendar import Cal


@dataclass(slots=True)
class Ctx:
    """What a handler may use to resolve a match.

    Attributes:
        dct: the document creation time, or None when unknown.
        anchor: the date deictic words count from (the DCT, or the time of the speech
            act for reported speech); None when unknown.
        anchor_kind: ``dct`` or ``speech``.
        ref: the narrative reference time (the last calendar value mentioned).
        tense: ``past``, ``present`` or ``future`` for the clause governing the match,
            or None when unknown.
        text: the whole document text (for looking around a match).
        after: lower-cased text right after the match (up to ~40 characters).
        ref_near: the reference time was mentioned in this sentence or the one before.
        period: the last quarter or half mentioned in this sentence or the one before
            (the period under discussion in results: "a year earlier" counts from it).
        before: lower-cased text right before the match (up to ~40 characters).
    """

    dct: date | None
    anchor: date | None
    anchor_kind: str = "dct"
    ref: Cal | None = None
    tense: str | None = None
    text: str = ""
    before: str = ""
    after: str = ""
    ref_near: bool = False
    period: Cal | None = None


@dataclass(slots=True)
class Norm:
    """A normalized temporal expression.

    Attributes:
        type: TIMEX3 type (DATE, TIME, DURATION, SET).
        value: TIMEX3 value, or None when it cannot be given.
        cal: the calendar point for DATE/TIME values that have one.
        mod: TIMEX3 modifier.
        uses: what the value was resolved against: ``anchor`` (a deictic word:
            DCT or speech time), ``ref`` (the narrative reference time), or
            ``none`` (absolute, or no resolution needed).
        quant, freq: TIMEX3 SET attributes (``EVERY``, ``2X``).
        trim: characters to drop from the start and end of the match (a handler
            may decide that part of what the pattern took is not the expression).
        interval: the dates a duration covers when the text places it ("the past two
            years" ends at the anchor, "the next ten days" starts there).
        base: the narrative value counted from, when it is not the reference time
            itself (the quarter under discussion, for "a year earlier").
        narrative: False for comparisons that look back from the period under
            discussion ("a year earlier", "the year-ago quarter"): they do not become
            the narrative reference time.
    """

    type: str
    value: str | None
    cal: Cal | None = None
    mod: str | None = None
    uses: str = "none"
    quant: str | None = None
    freq: str | None = None
    trim: tuple[int, int] = (0, 0)
    narrative: bool = True
    interval: tuple[date, date] | None = None
    base: Cal | None = None


Handler = Callable[[re.Match[str], Ctx], Norm | None]


@dataclass(slots=True)
class Rule:
    """A named pattern with its handler.

    ``priority`` breaks ties between equal spans; ``needs`` names context checks the
    recognizer applies; ``keys`` names the trigger-word classes (see
    :data:`tidings.time.recognize.KEYS`) near which the pattern can match, so that it
    is only run around them.
    """

    name: str
    pattern: re.Pattern[str]
    handler: Handler
    priority: int = 0
    needs: frozenset[str] = field(default_factory=frozenset)
    keys: tuple[str, ...] = ()


def alt(words: Iterable[str]) -> str:
    """A regex alternation of literal ``words``, longest first (``re`` takes the first
    alternative that matches, not the longest), spaces matching any whitespace and
    hyphens matching a hyphen or a space."""
    out = []
    for w in sorted(set(words), key=len, reverse=True):
        esc = re.escape(w).replace(r"\ ", r"\s+").replace(r"\-", r"[-\s]")
        out.append(esc)
    return "(?:" + "|".join(out) + ")"


def compile_rule(pattern: str) -> re.Pattern[str]:
    """Compile a rule pattern: case-insensitive, verbose, bounded by non-word characters."""
    # a possessive "'s" may follow ("Friday's meeting": the expression is "Friday")
    return re.compile(r"(?<![\w$.'-])(?:" + pattern + r")(?![\w]|-\w|'(?!s\b)\w)", re.I | re.X)


def g(m: re.Match[str], name: str) -> str | None:
    """Named group ``name`` of ``m`` or None when the group is absent or did not match."""
    try:
        return m.group(name)
    except IndexError:
        return None


def low(m: re.Match[str], name: str) -> str:
    """Named group ``name``, lower-cased with runs of whitespace as one space ("" if absent)."""
    v = g(m, name)
    return " ".join(v.lower().split()) if v else ""
