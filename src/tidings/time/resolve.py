"""Resolution helpers shared by the rule families: years for bare months and days,
weekdays by tense, position and bound modifiers, and duration values."""

from __future__ import annotations

import math
from datetime import date

from tidings.time.calendar import Cal, weekday_near
from tidings.time.lexicon import MODIFIERS, POSITION_MODS, UNITS, number_value
from tidings.time.rules import Ctx


def direction(ctx: Ctx) -> str:
    """``past``, ``future`` or ``near`` (no tense known) for picking among candidates."""
    return {"past": "past", "future": "future"}.get(ctx.tense or "", "near")


def year_for_month(month: int, ctx: Ctx, day: int | None = None) -> int | None:
    """The year of a month (and day) written without one, by the clause's tense.

    Future clauses take the first such date not before the anchor (a week of slack
    for days); past clauses the last one not after it, with some slack because past
    clauses also report deadlines ("extended the offer to Nov. 20"); other clauses
    the last one not more than about a quarter ahead, since news mostly reports the
    recent past.
    """
    a = ctx.anchor
    if a is None:
        return None
    d = direction(ctx)
    years = (a.year - 1, a.year, a.year + 1)
    if day is None:
        am = a.year * 12 + a.month - 1
        idx = {y: y * 12 + month - 1 for y in years}
        if d == "future":
            return min((y for y in years if idx[y] >= am), default=a.year)
        if d == "past":
            return max((y for y in years if idx[y] <= am), default=a.year)
        return min(years, key=lambda y: (abs(idx[y] - am), idx[y] > am))
    cands = []
    for y in years:
        try:
            cands.append((date(y, month, day), y))
        except ValueError:
            continue
    if not cands:
        return a.year
    if d == "future":
        return min((y for dd, y in cands if (dd - a).days >= -7), default=a.year)
    if d == "past":
        return max((y for dd, y in cands if (dd - a).days <= 45), default=a.year)
    return min(cands, key=lambda c: (abs((c[0] - a).days), c[0] > a))[1]


def weekday_cal(wd: int, ctx: Ctx, rel: str = "") -> Cal | None:
    """The day a weekday name means: ``last``/``next`` explicit, else by tense."""
    a = ctx.anchor
    if a is None:
        return Cal("day", wday=wd)
    if rel in ("last", "this past", "past", "the previous", "previous", "the preceding"):
        d = weekday_near(a, wd, "past-strict")
    elif rel in ("next", "this coming", "coming", "the following", "following"):
        d = weekday_near(a, wd, "future-strict")
    elif rel == "this":
        d = weekday_near(a, wd, "future" if ctx.tense != "past" else "past")
    elif ctx.tense is None:
        # no tense to go by ("Thursday's closing price"): news mostly reports the
        # past week, so the past day unless the next one is tomorrow
        d = weekday_near(a, wd, "future" if (wd - a.isoweekday()) % 7 == 1 else "past")
    else:
        d = weekday_near(a, wd, direction(ctx))
    return Cal.of_date(d)


def pos_mod(text: str) -> str | None:
    """TIMEX3 ``mod`` for a position word (``early`` -> START, ``the end of`` -> END)."""
    t = " ".join(text.lower().replace("-", " ").split())
    return POSITION_MODS.get(t)


def bound_mod(text: str) -> str | None:
    """TIMEX3 ``mod`` for a bound word (``not more than`` -> EQUAL_OR_LESS)."""
    t = " ".join(text.lower().split())
    return MODIFIERS.get(t)


def unit_key(unit: str) -> str:
    """The singular unit word (``centuries`` -> ``century``, ``Days`` -> ``day``)."""
    u = unit.lower()
    if u in UNITS:
        return u
    for cand in (u[:-1], u[:-2]):
        if cand in UNITS:
            return cand
    return u


def duration_value(n: float | None, unit: str) -> str:
    """A TIMEX3 duration (``P10D``, ``PT5H30M``, ``P2Y6M``, ``PXY``) for ``n`` units."""
    u = unit_key(unit)
    letter = UNITS.get(u, "X")
    if u in ("decade",):
        letter, n = "Y", (n * 10 if n is not None else None)
    elif u in ("century", "centuries"):
        letter, n = "Y", (n * 100 if n is not None else None)
    elif u in ("millennium", "millennia"):
        letter, n = "Y", (n * 1000 if n is not None else None)
    elif u == "fortnight":
        letter, n = "W", (n * 2 if n is not None else None)
    elif u == "weekend":
        letter, n = "D", (n * 2 if n is not None else None)
    elif u == "night":
        letter = "D"
    elif u == "semester":
        letter, n = "M", (n * 6 if n is not None else None)
    elif u == "season":
        letter, n = "M", (n * 3 if n is not None else None)
    t = "T" if u in ("second", "minute", "hour") else ""
    if n is None:
        return f"P{t}X{letter}"
    whole = math.floor(n)
    frac = n - whole
    if frac < 1e-9:
        return f"P{t}{int(whole)}{letter}"
    # a fraction goes to the next smaller unit: 2 1/2 years -> P2Y6M
    smaller = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("M", 60),
               "Q": ("M", 3)}
    if t and letter == "M":
        sub, k = "S", 60
    else:
        sub, k = smaller.get(letter, ("", 0))
    if not sub:
        return f"P{t}{n:g}{letter}"
    extra = round(frac * k)
    head = f"{int(whole)}{letter}" if whole else ""
    if letter == "D" and sub == "H":
        return f"P{head}T{extra}H" if head else f"PT{extra}H"
    if letter == "Q":
        return f"P{int(whole) * 3 + extra}M"
    return f"P{t}{head}{extra}{sub}"


def count(text: str | None) -> float | None:
    """A count from a number phrase; None for vague ones (several, a few)."""
    if not text:
        return None
    return number_value(text)


def safe_date(y: int | None, m: int, d: int) -> Cal | None:
    """A day Cal when the date exists (Feb 30 does not)."""
    try:
        if y is not None:
            date(y, m, d)
        elif not (1 <= m <= 12 and 1 <= d <= 31):
            return None
    except ValueError:
        return None
    return Cal("day", year=y, month=m, day=d)
