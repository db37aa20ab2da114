"""Calendar expressions: written dates, months, years, decades, centuries, seasons,
holidays and clock times ("Jan. 5, 2022", "2021-12-31", "mid-1996", "the 1990s",
"10 p.m. Wednesday")."""

from __future__ import annotations

import re
from dataclasses import replace

from dateutil import parser as dateparser

from tidings.time.calendar import Cal, holiday
from tidings.time.lexicon import (
    MONTHS,
    PARTS_OF_DAY,
    SEASONS,
    WEEKDAYS,
    number_value,
    ordinal_value,
    year_words_value,
)
from tidings.time.patterns import (
    AMPM,
    DAYNUM,
    HOLIDAY,
    NUMWORD,
    ORDWORD,
    SEASON,
    TZ,
    YEAR4,
    month,
    weekday,
)
from tidings.time.resolve import (
    bound_mod,
    pos_mod,
    safe_date,
    weekday_cal,
    year_for_month,
)
from tidings.time.rules import Ctx, Norm, Rule, alt, compile_rule, g, low

POS = (r"(?:(?P<pos>" + alt(("early", "late", "mid", "the beginning of", "the start of",
                             "the middle of", "the end of", "the close of", "the early part of",
                             "the latter part of", "the first part of", "the last part of",
                             "the later part of", "the outset of", "the dawn of", "middle"))
       + r")(?:\s*-\s*|\s+))?")
APPROX = r"(?:(?P<mod>around|approximately|roughly|nearly)\s+)?"
YEAR_WORDS = (r"(?:(?:nineteen|eighteen|seventeen)[-\s]+" + NUMWORD + r"|two\s+thousand(?:\s+and)?"
              r"(?:[-\s]+" + NUMWORD + ")?)")


def month_num(text: str | None) -> int | None:
    """1-12 from a month name or abbreviation (``Sept.`` -> 9)."""
    if not text:
        return None
    return MONTHS.get(text.lower().rstrip("."))


def weekday_num(text: str | None) -> int | None:
    if not text:
        return None
    return WEEKDAYS.get(text.lower().rstrip(".").replace("'s", ""))


def year_num(text: str | None, ctx: Ctx) -> int | None:
    """A year from four digits, ``'89`` or words (``nineteen ninety-six``)."""
    if not text:
        return None
    t = text.strip().lower()
    if t.startswith("'") and t[1:].isdigit():
        base = ctx.anchor.year if ctx.anchor else 2000
        y = (base // 100) * 100 + int(t[1:])
        return y - 100 if y > base + 10 else y
    if t.isdigit():
        return int(t)
    return year_words_value(t)


def with_mod(norm: Norm, m: re.Match[str]) -> Norm:
    """Apply the position (``pos``) or approximation (``mod``) prefix of a match."""
    pos = g(m, "pos")
    if pos:
        norm.mod = pos_mod(pos) or norm.mod
    mod = g(m, "mod")
    if mod and norm.mod is None:
        norm.mod = bound_mod(mod) or ("APPROX" if "about" in mod.lower() else None)
        if mod.lower().startswith(("shortly", "just")):
            norm.mod = "AFTER" if "after" in mod.lower() else "BEFORE"
    return norm


def date_norm(cal: Cal | None, uses: str = "none", typ: str = "DATE") -> Norm | None:
    return Norm(typ, cal.value, cal=cal, uses=uses) if cal is not None else None


# ---------------------------------------------------------------------------- handlers

def h_iso(m: re.Match[str], ctx: Ctx) -> Norm | None:
    """``2021-12-31``, ``2021-12-31T14:05`` (read by dateutil's ISO parser)."""
    try:
        dt = dateparser.isoparse(m.group(0))
    except (ValueError, OverflowError):
        return None
    c = Cal.of_date(dt.date())
    if g(m, "hh"):
        c = replace(c, gran="minute", hour=dt.hour, minute=dt.minute)
        return Norm("TIME", c.value, cal=c)
    return date_norm(c)


def h_slash(m: re.Match[str], ctx: Ctx) -> Norm | None:
    """``12/31/2021``, ``11/02/89`` (US month first; read by dateutil)."""
    try:
        dt = dateparser.parse(m.group(0), dayfirst=False, yearfirst=False)
    except (ValueError, OverflowError):
        return None
    return date_norm(Cal.of_date(dt.date()))


def _day_of(text: str) -> int | None:
    t = text.lower().rstrip(".")
    v = ordinal_value(re.sub(r"(st|nd|rd|th)$", "", t) if t[:1].isdigit() else t)
    return v if v and 1 <= v <= 31 else None


def h_month_day(m: re.Match[str], ctx: Ctx) -> Norm | None:
    mo = month_num(m["month"])
    day = _day_of(m["day"])
    if mo is None or day is None:
        return None
    y = year_num(g(m, "year"), ctx)
    uses = "none"
    if y is None:
        y = year_for_month(mo, ctx, day)
        uses = "anchor"
    c = safe_date(y, mo, day)
    if c is None:
        return None
    return with_mod(Norm("DATE", c.value, cal=c, uses=uses), m)


def h_month_year(m: re.Match[str], ctx: Ctx) -> Norm | None:
    mo = month_num(m["month"])
    y = year_num(m["year"], ctx)
    if mo is None or y is None:
        return None
    c = Cal("month", year=y, month=mo)
    return with_mod(Norm("DATE", c.value, cal=c), m)


def h_month_rel(m: re.Match[str], ctx: Ctx) -> Norm | None:
    """``January this year``, ``June of last year``, ``last May``, ``next March``."""
    mo = month_num(m["month"])
    if mo is None:
        return None
    rel = low(m, "rel") or low(m, "rel2")
    if not rel or _SHORT.fullmatch(m["month"]):
        return None  # a bare month is the "month" rule's
    a = ctx.anchor
    if a is None:
        return Norm("DATE", f"XXXX-{mo:02d}", uses="anchor")
    if "year" in rel:
        y = a.year + (-1 if "last" in rel or "previous" in rel else 1 if "next" in rel else 0)
    elif rel in ("last", "this past", "past"):
        y = a.year if mo < a.month else a.year - 1
    elif rel in ("next", "this coming", "coming"):
        y = a.year if mo > a.month else a.year + 1
    else:  # "this March"
        y = a.year
    c = Cal("month", year=y, month=mo)
    return with_mod(Norm("DATE", c.value, cal=c, uses="anchor"), m)


_SHORT = re.compile(r"(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)", re.I)


def h_month(m: re.Match[str], ctx: Ctx) -> Norm | None:
    if _SHORT.fullmatch(m["month"]):
        return None  # "Mar", "Dec" alone are too ambiguous without a number
    mo = month_num(m["month"])
    if mo is None:
        return None
    y = year_for_month(mo, ctx)
    if y is None:
        return with_mod(Norm("DATE", f"XXXX-{mo:02d}", uses="anchor"), m)
    c = Cal("month", year=y, month=mo)
    return with_mod(Norm("DATE", c.value, cal=c, uses="anchor"), m)


def h_year(m: re.Match[str], ctx: Ctx) -> Norm | None:
    y = year_num(g(m, "year") or g(m, "yw"), ctx)
    if y is None or not 1000 <= y <= 2099:
        return None
    c = Cal("year", year=y)
    return with_mod(Norm("DATE", c.value, cal=c), m)


def h_decade(m: re.Match[str], ctx: Ctx) -> Norm | None:
    d = g(m, "dec")
    if d:
        t = d.lstrip("'")
        if len(t) == 2:
            base = ctx.anchor.year // 100 if ctx.anchor else 19
            dec = base * 10 + int(t) // 10
            if ctx.anchor and dec * 10 > ctx.anchor.year:
                dec -= 10
        else:
            dec = int(t) // 10
    else:
        words = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                 "seventies": 7, "eighties": 8, "nineties": 9}
        k = words.get(low(m, "decw"))
        if k is None:
            return None
        base = ctx.anchor.year // 100 if ctx.anchor else 19
        dec = base * 10 + k
        if ctx.anchor and dec * 10 > ctx.anchor.year:
            dec -= 10
    c = Cal("decade", decade=dec)
    return with_mod(Norm("DATE", c.value, cal=c), m)


def h_century(m: re.Match[str], ctx: Ctx) -> Norm | None:
    n = ordinal_value(re.sub(r"(st|nd|rd|th)$", "", low(m, "ord")) if low(m, "ord")[:1].isdigit()
                      else low(m, "ord"))
    if n is None or n < 1:
        return None
    c = Cal("century", century=n - 1)
    return with_mod(Norm("DATE", c.value, cal=c), m)


def h_season(m: re.Match[str], ctx: Ctx) -> Norm | None:
    s = SEASONS.get(low(m, "season"))
    if s is None:
        return None
    rel = low(m, "rel")
    y = year_num(g(m, "year") or g(m, "yw"), ctx)
    uses = "none"
    if y is None:
        a = ctx.anchor
        if a is None:
            return with_mod(Norm("DATE", f"XXXX-{s}", uses="anchor"), m)
        cur = Cal.of_date(a, "season")
        order = ["WI", "SP", "SU", "FA"]
        idx, cidx = order.index(s), order.index(cur.season or "WI")
        uses = "anchor"
        if rel in ("last", "this past", "past", "the past"):
            y = a.year if idx < cidx else a.year - 1
        elif rel in ("next", "this coming", "coming", "the coming"):
            y = a.year if idx > cidx else a.year + 1
        elif rel == "this" or ctx.tense not in ("past", "future"):
            y = a.year
        elif ctx.tense == "past":
            y = a.year if idx <= cidx else a.year - 1
        else:
            y = a.year if idx >= cidx else a.year + 1
    c = Cal("season", year=y, season=s)
    return with_mod(Norm("DATE", c.value, cal=c, uses=uses), m)


def h_holiday(m: re.Match[str], ctx: Ctx) -> Norm | None:
    name = low(m, "hol")
    y = year_num(g(m, "year"), ctx)
    uses = "none"
    if y is None:
        if ctx.anchor is None:
            return Norm("DATE", None, uses="anchor")
        y = ctx.anchor.year
        uses = "anchor"
        rel = low(m, "rel")
        a = ctx.anchor
        cands = [(d, yy) for yy in (y - 1, y, y + 1) if (d := holiday(name, yy)) is not None]
        if cands:
            if rel == "last" or (not rel and ctx.tense == "past"):
                y = max((yy for d, yy in cands if d <= a), default=y)
            elif rel == "next" or (not rel and ctx.tense == "future"):
                y = min((yy for d, yy in cands if d >= a), default=y)
            else:
                y = min(cands, key=lambda c: (abs((c[0] - a).days), c[0] > a))[1]
    d = holiday(name, y)
    if d is None:
        return None
    c = Cal.of_date(d, "week") if name == "easter week" else Cal.of_date(d)
    return with_mod(Norm("DATE", c.value, cal=c, uses=uses), m)


def _clock(m: re.Match[str]) -> tuple[int, int] | None:
    word = low(m, "clockw")
    if word in ("noon", "midday"):
        return 12, 0
    if word == "midnight":
        return 24, 0
    hh_t = g(m, "hh") or g(m, "hh_") or g(m, "hhw") or g(m, "hh2")
    if hh_t is None:
        return None
    hh_v = number_value(hh_t)
    if hh_v is None:
        return None
    hh = int(hh_v)
    mi_t = g(m, "mi") or g(m, "mi_")
    mi = int(mi_t) if mi_t else 0
    ampm = low(m, "ampm").replace(".", "").replace(" ", "")
    podw = low(m, "podw")
    if ampm.startswith("p") or podw in ("afternoon", "evening", "night"):
        if hh < 12:
            hh += 12
    elif (ampm.startswith("a") or podw == "morning") and hh == 12:
        hh = 0
    if not (0 <= hh <= 24 and 0 <= mi < 60):
        return None
    return hh, mi


def h_clock(m: re.Match[str], ctx: Ctx) -> Norm | None:
    hm = _clock(m)
    if hm is None:
        return None
    day: Cal | None = None
    uses = "anchor"
    wd = weekday_num(g(m, "wd"))
    rd = low(m, "rd")
    if wd:
        day = weekday_cal(wd, ctx)
    elif rd:
        if ctx.anchor is None:
            day = None
        else:
            off = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}.get(rd, 0)
            day = Cal.of_date(ctx.anchor).shift("day", off)
    elif g(m, "month"):
        mo = month_num(m["month"])
        dd = _day_of(m["day"]) if g(m, "day") else None
        if mo and dd:
            y = year_num(g(m, "year"), ctx) or year_for_month(mo, ctx, dd)
            day = safe_date(y, mo, dd)
    elif ctx.ref is not None and ctx.ref.gran in ("day", "partofday", "minute", "hour"):
        day, uses = ctx.ref, "ref"
    elif ctx.anchor is not None:
        day = Cal.of_date(ctx.anchor)
    if day is None or day.gran not in ("day", "partofday", "minute", "hour"):
        c = Cal("minute", hour=hm[0], minute=hm[1])
        return with_mod(Norm("TIME", f"XXXX-XX-XXT{hm[0]:02d}:{hm[1]:02d}", uses=uses), m)
    c = replace(day, gran="minute", hour=hm[0], minute=hm[1])
    return with_mod(Norm("TIME", c.value, cal=c, uses=uses), m)


def h_weekday_date(m: re.Match[str], ctx: Ctx) -> Norm | None:
    return h_month_day(m, ctx)


# ---------------------------------------------------------------------------- patterns

_YEAR_TAIL = r"(?:,?\s+(?P<year>" + YEAR4 + r"|'\d\d)(?![\d,]\d))?"
_DAYW = r"(?:" + DAYNUM + "|" + ORDWORD + r")"
_WD_PREFIX = r"(?:" + weekday("wd") + r",?\s+(?:the\s+)?)?"
_CLOCK = (r"(?:(?P<hh>\d{1,2})(?::(?P<mi>[0-5]\d))?\s*(?P<ampm>" + AMPM + ")"
          r"|(?P<hh_>\d{1,2}):(?P<mi_>[0-5]\d)(?!\d)"
          r"|(?P<clockw>noon|midnight|midday)"
          r"|(?P<hhw>\d{1,2}|" + NUMWORD + r")\s+o'clock"
          r"|(?P<hh2>\d{1,2}|" + NUMWORD + r")\s+(?:o'clock\s+)?in\s+the\s+"
          r"(?P<podw>morning|afternoon|evening))")
_DAY_AFTER = (r"(?:,?\s+(?:" + weekday("wd")
              + r"|(?P<rd>today|yesterday|tomorrow|tonight)"
              r"|" + month("month") + r"\s+(?P<day>" + DAYNUM + r")" + _YEAR_TAIL + r"))?")


RULES: list[Rule] = [
    Rule("iso", compile_rule(r"(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)"
                             r"(?:T(?P<hh>[0-2]\d):(?P<mi>[0-5]\d))?"), h_iso, 5, keys=("digit",)),
    Rule("slash", compile_rule(
        r"(?P<m>1[0-2]|0?[1-9])/(?P<d>[12]\d|3[01]|0?[1-9])/(?P<y>\d{4}|\d\d)"),
         h_slash, 5, keys=("digit",)),
    Rule("month_day", compile_rule(
        APPROX + POS + _WD_PREFIX + month("month") + r"\s*(?P<day>" + _DAYW + r")\b" + _YEAR_TAIL),
        h_month_day, 4, frozenset({"month_case"}), keys=("month",)),
    Rule("day_month", compile_rule(
        APPROX + POS + _WD_PREFIX + r"(?:the\s+)?(?P<day>" + DAYNUM + r")\s+(?:of\s+)?"
        + month("month") + _YEAR_TAIL), h_month_day, 4, frozenset({"month_case"}), keys=("month",)),
    Rule("month_year", compile_rule(
        POS + month("month") + r",?\s+(?:of\s+)?(?P<year>" + YEAR4 + r"|" + YEAR_WORDS + r")"),
        h_month_year, 3, frozenset({"month_case"}), keys=("month",)),
    Rule("month_rel", compile_rule(
        POS + r"(?:(?P<rel>last|next|this\s+past|this\s+coming|this)\s+)?" + month("month")
        + r"(?:\s+(?:of\s+)?(?P<rel2>this\s+year|last\s+year|next\s+year|the\s+previous\s+year"
          r"|the\s+following\s+year))?(?!\s*\d)"), h_month_rel, 2,
        frozenset({"month_case", "month_rel"}), keys=("month",)),
    Rule("month", compile_rule(POS + month("month") + r"(?!\s*\d)"), h_month, 1,
        frozenset({"month_case", "month_noun"}), keys=("month",)),
    Rule("year", compile_rule(
        r"(?:(?P<pos>" + alt(("early", "late", "mid", "the end of", "the beginning of",
                              "the start of", "the middle of", "the first half of",
                              "the close of")) + r")(?:\s*-\s*|\s+))?"
        + r"(?:fiscal\s+(?:year\s+)?|calendar\s+(?:year\s+)?|the\s+year\s+|model\s+year\s+)?"
        + r"(?:(?P<year>" + YEAR4 + r")(?![,.]\d)|(?P<yw>" + YEAR_WORDS + r"))"
        + r"(?!\s+(?:years?|months?|days?|weeks?|hours?|decades?|centuries)\b)"),
        h_year, 1, frozenset({"year_ctx"}), keys=("year",)),
    Rule("decade", compile_rule(
        r"(?:the\s+)?" + POS + r"(?:(?P<dec>1\d\d0|20\d0|'\d0)'?s"
        r"|(?P<decw>twenties|thirties|forties"
        r"|fifties|sixties|seventies|eighties|nineties))"), h_decade, 3, keys=("decade",)),
    Rule("century", compile_rule(
        r"(?:the\s+)?" + POS + r"(?P<ord>\d{1,2}(?:st|nd|rd|th)|" + ORDWORD + r")[-\s]+century"),
        h_century, 3, keys=("century",)),
    Rule("season", compile_rule(
        POS + r"(?:(?P<rel>last|next|this\s+past|this\s+coming|this|the\s+past|the\s+coming"
        r"|the)\s+)?" + SEASON + r"(?:\s+(?:of\s+)?(?P<year>" + YEAR4 + r")|\s+of\s+(?P<yw>"
        + YEAR_WORDS + "))?"),
        h_season, 2, frozenset({"season_ctx"}), keys=("season",)),
    Rule("holiday", compile_rule(
        r"(?:(?P<rel>last|next|this)\s+)?" + HOLIDAY + r"(?:\s+(?P<year>" + YEAR4 + "))?"),
        h_holiday, 2, frozenset({"capitalized"}), keys=("holiday",)),
    Rule("clock", compile_rule(APPROX + _CLOCK + TZ + r"?" + _DAY_AFTER), h_clock, 4,
         frozenset({"clock"}), keys=("clock",)),
]

# names of weekdays and parts of the day are used by the relative family
__all__ = ["PARTS_OF_DAY", "RULES", "month_num", "weekday_num", "with_mod", "year_num"]
