"""Periods and durations: fiscal quarters and halves ("the third quarter",
"third-quarter", "the year-ago period"), durations ("for three weeks", "not more
than ten days", "a 30-year history", "the past two years") and sets ("every
Friday", "daily", "twice a year")."""

from __future__ import annotations

import re
from dataclasses import replace

from tidings.time.calendar import Cal
from tidings.time.lexicon import MONTHS, ORDINALS, SEASONS, SET_ADVERBS
from tidings.time.patterns import (
    FUZZY,
    MODS,
    NUM,
    NUMWORD,
    SETADV,
    UNIT,
    UNIT_SG,
    WEEKDAY_NAMES,
    YEAR4,
)
from tidings.time.resolve import bound_mod, count, duration_value, unit_key
from tidings.time.rules import Ctx, Norm, Rule, compile_rule, g, low
from tidings.time.rules_calendar import weekday_num

_QORD = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
         "4th": 4, "final": 4, "last": 4}


def _year_of(m: re.Match[str], ctx: Ctx, ordinal: int | None, unit: str) -> tuple[int | None, str]:
    """The year of a quarter or half: written, relative (``last year's``), narrative, or DCT."""
    y_text = g(m, "qy") or g(m, "qy2")
    if y_text:
        return int(y_text), "none"
    rel = low(m, "qrel") + " " + low(m, "qrel2")
    a = ctx.anchor
    if a is None:
        return None, "anchor"
    if "last" in rel or "year-earlier" in rel or "year-ago" in rel or "year earlier" in rel:
        base = ctx.ref.year if ctx.ref is not None and ctx.ref.gran == "quarter" and \
            ctx.ref.year is not None and "last" not in rel else a.year
        return base - 1, "anchor"
    if "next" in rel:
        return a.year + 1, "anchor"
    y = a.year
    cur_q = (a.month - 1) // 3 + 1
    if unit == "quarter" and ordinal and ctx.tense == "past" and ordinal > cur_q:
        y -= 1
    return y, "anchor"


def h_quarter(m: re.Match[str], ctx: Ctx) -> Norm | None:
    ordinal = _QORD.get(low(m, "qord"))
    unit = low(m, "qu")
    if ordinal is None:
        return None
    trim = (0, 0)
    # "the third-quarter loss": the article belongs to the noun, not the expression
    if "-" in (g(m, "sep") or "") and low(m, "the") and not (g(m, "qrel") or g(m, "qy")):
        trim = (len(m["the"]), 0)
    y, uses = _year_of(m, ctx, ordinal, unit)
    rel = low(m, "qrel")
    narrative = not any(w in rel for w in ("ago", "earlier", "last", "comparable"))
    if unit.startswith("half") or unit.startswith("halves") or "two quarters" in unit:
        c = Cal("half", year=y, half=1 if ordinal == 1 else 2)
    else:
        c = Cal("quarter", year=y, quarter=ordinal)
    if y is None:
        return Norm("DATE", c.value, uses=uses, trim=trim)
    return Norm("DATE", c.value, cal=c, uses=uses, trim=trim, narrative=narrative)


def h_period(m: re.Match[str], ctx: Ctx) -> Norm | None:
    """``the quarter``, ``the latest period``, ``the year-ago quarter``, ``the 1988 period``."""
    det = low(m, "det")
    unit = low(m, "pu")
    ref = ctx.period or (ctx.ref if ctx.ref is not None and ctx.ref.gran in (
        "quarter", "half", "month", "year") else None)
    a = ctx.anchor
    if ref is not None and a is not None and ctx.tense != "future" and \
            (ref.as_date() or a) > a:
        ref = None  # a forecast ("the first quarter of 1990") is not what results discuss
    if unit == "period" and not g(m, "back") and not any(
            w in det for w in ("ago", "earlier", "latest", "comparable", "corresponding", "same",
                               "19", "20")):
        return None
    if a is None and ref is None:
        return Norm("DATE", None, uses="ref")
    if ref is None:
        ref = Cal.of_date(a, "quarter").shift("quarter", -1) if a else None
        uses = "anchor"
    else:
        uses = "ref"
    if ref is None:
        return None
    if unit == "quarter" and ref.gran != "quarter":
        ref = Cal.of_date(a, "quarter").shift("quarter", -1) if a else ref
    c = ref
    if g(m, "back"):
        det += " ago"
    if "ago" in det or "earlier" in det or "previous year" in det:
        c = _year_before(ref, ctx)
    elif g(m, "py"):
        py = int(m["py"])
        c = replace(ref, year=py) if ref.gran != "year" else Cal("year", year=py)
    elif det in ("the current", "this", "the same", "current") and unit == "quarter" and a:
        c = Cal.of_date(a, "quarter")
    return Norm("DATE", c.value, cal=c, uses=uses, base=ref if uses == "ref" else None,
                narrative=uses == "anchor" and "ago" not in det and "earlier" not in det)


def _year_before(ref: Cal, ctx: Ctx) -> Cal:
    """The period of ``ref``, a year before the document's year ("the year-ago quarter").

    When the period under discussion is itself last year's, it is the one meant.
    """
    a = ctx.anchor
    if a is not None and ref.year is not None and ref.year < a.year:
        return replace(ref, year=a.year - 1)
    if a is not None and (ref.as_date() or a) > a:
        ref = Cal.of_date(a, "quarter").shift("quarter", -1)  # not a forecast's
    return ref.shift("year", -1)


def h_year_ago_adj(m: re.Match[str], ctx: Ctx) -> Norm | None:
    """``year-earlier`` / ``year-ago`` standing for the same period a year before."""
    ref = ctx.ref
    if ref is not None and ref.gran in ("quarter", "half", "month", "year"):
        c = _year_before(ref, ctx)
        return Norm("DATE", c.value, cal=c, uses="ref", narrative=False)
    if ctx.anchor is None:
        return Norm("DATE", None, uses="anchor")
    c = Cal("year", year=ctx.anchor.year - 1)
    return Norm("DATE", c.value, cal=c, uses="anchor", narrative=False)


_SET_BEFORE = re.compile(r"(?:\d|million|billion|thousand|hundred|percent|%|times|once|twice"
                         r"|cents|dollars|pounds|marks|yen|hours|days|flights|interviews|seats"
                         r"|calls|trips|shifts|meals|units|barrels|tons|miles|cases)\W*$")


def h_duration(m: re.Match[str], ctx: Ctx) -> Norm | None:
    if not g(m, "unit"):
        return None
    unit = unit_key(low(m, "unit"))
    after_unit = m.string[m.end("unit"):m.end("unit") + 2].lower()
    plural = after_unit[:1] == "s" or after_unit == "es" or low(m, "unit") in ("centuries",
                                                                               "millennia")
    det = low(m, "det")
    numtext = g(m, "num")
    fuzzy = numtext is not None and count(numtext) is None
    n = count(numtext) if numtext else None
    trim = (0, 0)
    if numtext is None:
        if det in ("a", "an", "one", "a full", "another", "an additional", "a single"):
            n = 1.0
        elif not plural:
            if det in ("the", "", "past", "last", "next", "first", "recent", "this") or \
                    det.endswith("same"):
                return None
            n = 1.0
        elif det == "the":
            # "in the weeks before": TimeBank leaves the article out
            trim = (m.start("unit") - m.start(), 0)
    elif det in ("a", "an", "the") and not plural and (n is None or n != 1):
        # adjectival: "a 16-hour flight", "a five year low" -> the article is the noun's
        trim = (m.start("num") - m.start(), 0)
    if numtext is None and not plural and unit == "year" and det in ("the full", "the entire"):
        # "sales for the full year": the (fiscal) year under discussion, a date
        a = ctx.anchor
        y = a.year if a is not None else None
        if ctx.ref is not None and ctx.ref.gran in ("year", "quarter") and \
                ctx.ref.year is not None and (a is None or abs(ctx.ref.year - a.year) <= 1):
            y = ctx.ref.year
        if y is None:
            return Norm("DATE", None, trim=trim, uses="anchor")
        c = Cal("year", year=y)
        return Norm("DATE", c.value, cal=c, trim=trim, uses="anchor")
    if numtext is not None and numtext.lower() == "one" and unit == "day" and not det and \
            ctx.tense == "future" and not re.match(r"\s+(?:of|after|before|later|earlier)\b",
                                                    ctx.after):
        return Norm("DATE", "FUTURE_REF", trim=trim)  # "will one day be"
    if numtext is None and plural and det in ("recent", "past", "the recent", "the past"):
        return Norm("DATE", "PAST_REF", trim=trim)  # "in recent years"
    if numtext is None and plural and det in ("coming", "the coming", "future"):
        return Norm("DATE", "FUTURE_REF", trim=trim)
    if low(m, "half"):
        n = (n or 1.0) + 0.5
    if fuzzy or (numtext is None and plural):
        n = None
    # "$5 million a year", "24 hours a day": a rate, which TimeBank leaves unmarked
    if det in ("a", "an", "per") and numtext is None and _SET_BEFORE.search(ctx.before):
        return None
    if re.match(r"\s+old\b", ctx.after) or (unit == "quarter" and re.match(r"\s+of\b",
                                                                               ctx.after)):
        return None  # ages ("52 years old"), fractions ("three-quarters of")
    mod = bound_mod(m["mod"]) if g(m, "mod") else None
    if low(m, "orso"):
        mod = "APPROX"
    # "will begin in two days": a point that far after the anchor, not a length
    if ctx.tense == "future" and n is not None and n == int(n) and not mod and \
            det in ("", "a", "an", "another") and re.search(r"\bin\s+$", ctx.before):
        return _in_future(int(n), unit, ctx, trim)
    norm = Norm("DURATION", duration_value(n, unit), mod=mod, uses="none", trim=trim)
    _place(norm, det, n, unit, ctx)
    return norm


_BACK_DETS = frozenset({"the past", "the last", "past", "last", "the previous", "the preceding",
                        "the prior", "each of the past", "each of the last"})
_AHEAD_DETS = frozenset({"the next", "next", "the coming", "coming", "the following",
                         "the ensuing", "each of the next"})


def _place(norm: Norm, det: str, n: float | None, unit: str, ctx: Ctx) -> None:
    """Give "the past two years" / "the next ten days" the dates they cover."""
    if ctx.anchor is None or n is None or n != int(n) or det not in _BACK_DETS | _AHEAD_DETS:
        return
    step = {"decade": ("year", 10), "century": ("year", 100), "fortnight": ("week", 2),
            "night": ("day", 1), "weekend": ("day", 2)}.get(unit, (unit, 1))
    try:
        moved = Cal.of_date(ctx.anchor).shift(step[0], int(n) * step[1] *
                                              (-1 if det in _BACK_DETS else 1)).as_date()
    except (ValueError, OverflowError):
        return
    if moved is None or moved == ctx.anchor:
        return
    norm.interval = (moved, ctx.anchor) if moved < ctx.anchor else (ctx.anchor, moved)
    norm.uses = "anchor"


_IN_GRAN = {"day": "day", "night": "day", "week": "week", "fortnight": "week", "month": "month",
            "quarter": "quarter", "year": "year", "decade": "year", "century": "year"}


def _in_future(n: int, unit: str, ctx: Ctx, trim: tuple[int, int]) -> Norm | None:
    gran = _IN_GRAN.get(unit)
    if gran is None:
        return Norm("DATE", "FUTURE_REF", uses="anchor", trim=trim)
    if ctx.anchor is None:
        return Norm("DATE", None, uses="anchor", trim=trim)
    k = n * {"decade": 10, "century": 100, "fortnight": 2}.get(unit, 1)
    step = {"decade": "year", "century": "year", "fortnight": "week", "night": "day"}.get(unit,
                                                                                       unit)
    c = Cal.of_date(ctx.anchor, gran).shift(step, k) if gran != "day" else \
        Cal.of_date(ctx.anchor).shift("day", k)
    return Norm("DATE", c.value, cal=c, uses="anchor", trim=trim)


def h_set(m: re.Match[str], ctx: Ctx) -> Norm | None:
    """``every Friday``, ``each month``, ``daily``, ``twice a year``, ``on Mondays``."""
    adv = low(m, "setadv")
    if adv:
        return Norm("SET", SET_ADVERBS[adv], quant=None)
    quant = "EVERY" if low(m, "every") in ("every", "each", "every other", "each other") else None
    freq = None
    times = low(m, "times")
    if times:
        k = {"once": 1, "twice": 2, "thrice": 3}.get(times)
        if k is None:
            k = int(count(times.replace(" times", "")) or 0) or None
        freq = f"{k}X" if k else None
    wd = weekday_num(g(m, "swd"))
    if wd:
        pod = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
               "nights": "NI", "mornings": "MO", "evenings": "EV", "afternoons": "AF"}.get(
            low(m, "spod"))
        return Norm("SET", f"XXXX-WXX-{wd}" + (f"T{pod}" if pod else ""), quant=quant)
    mon = g(m, "smonth")
    if mon:
        return Norm("SET", f"XXXX-{MONTHS[mon.lower().rstrip('.')]:02d}", quant=quant)
    season = g(m, "sseason")
    if season:
        return Norm("SET", f"XXXX-{SEASONS[season.lower()]}", quant=quant)
    unit = unit_key(low(m, "unit"))
    every_other = "other" in low(m, "every")
    n = 2.0 if every_other else 1.0
    return Norm("SET", duration_value(n, unit), quant=quant, freq=freq)


def h_adj(m: re.Match[str], ctx: Ctx) -> Norm | None:
    if low(m, "old"):
        return None  # ages ("a 44-year-old") are not temporal expressions in TimeML
    numtext = g(m, "num")
    unit = low(m, "unit") or low(m, "unitp")
    if not unit:
        return None
    n = count(numtext) if numtext else (None if unit.endswith("s") else 1.0)
    mod = bound_mod(m["mod"]) if g(m, "mod") else None
    return Norm("DURATION", duration_value(n, unit), mod=mod)


def h_set_any(m: re.Match[str], ctx: Ctx) -> Norm | None:
    swd2 = g(m, "swd2")
    if swd2:
        return Norm("SET", f"XXXX-WXX-{weekday_num(swd2[:-1])}", quant=None)
    if g(m, "times"):
        unit = low(m, "unit2")
        t = low(m, "times")
        k = {"once": 1, "twice": 2, "thrice": 3}.get(t) or int(count(t.split()[0]) or 0)
        return Norm("SET", duration_value(1.0, unit), freq=f"{k}X" if k else None)
    return h_set(m, ctx)


def h_the_unit(m: re.Match[str], ctx: Ctx) -> Norm | None:
    """``the weekend``, ``the week``, ``the year`` (``the year ended Sept. 30`` is a length)."""
    unit = low(m, "tu")
    a = ctx.anchor
    if unit == "weekend":
        if a is None:
            return Norm("DATE", "XXXX-WXX-WE", uses="anchor")
        wd = a.isoweekday()
        week = Cal.of_date(a, "week")
        if ctx.tense == "future":
            c = week if wd <= 5 else week.shift("week", 1)
        else:
            c = week if wd >= 6 else week.shift("week", -1)
        c = replace(c, weekend=True)
        return Norm("DATE", c.value, cal=c, uses="anchor")
    if unit.endswith("year") and re.match(r"\s+(?:ended|ending|ends|to\s+date)\b", ctx.after):
        return Norm("DURATION", "P1Y")
    gran = "week" if unit == "week" else "year"
    if ctx.ref is not None and ctx.ref.gran in ("year", "quarter", "month", "week", "day") and \
            ctx.ref.as_date() is not None and (gran == "year" or ctx.ref.gran in ("week", "day")):
        c = ctx.ref.truncate(gran)
        return Norm("DATE", c.value, cal=c, uses="ref")
    if a is None:
        return Norm("DATE", None, uses="anchor")
    c = Cal.of_date(a, gran)
    return Norm("DATE", c.value, cal=c, uses="anchor")


def h_year_end(m: re.Match[str], ctx: Ctx) -> Norm | None:
    """``year-end``, ``year's end``, ``around year end``."""
    a = ctx.anchor
    if a is None:
        return Norm("DATE", "XXXX", mod="END", uses="anchor")
    y = a.year - 1 if re.search(r"\bsince\s+$", ctx.before) else a.year
    c = Cal("year", year=y)
    return Norm("DATE", c.value, cal=c, mod="APPROX" if g(m, "around") else "END",
                uses="anchor")


def h_vague(m: re.Match[str], ctx: Ctx) -> Norm | None:
    """``for some time``, ``for a while``: a length of unknown size."""
    if not re.search(r"\b(?:for|in|after|within)\s+$", ctx.before):
        return None
    return Norm("DURATION", "PXX")


_MONTHS_ALT = "|".join(sorted({k for k in MONTHS if len(k) > 3}, key=len, reverse=True))
_DET = (r"(?P<det>the\s+(?:past|last|next|first|final|coming|previous|following"
        r"|remaining|entire|full|latest|initial|same|ensuing|intervening|year-earlier|year-ago"
        r"|recent|preceding|prior)|the|a\s+full|another|an\s+additional|an|a|past|last|next|first"
        r"|recent|coming|future|each\s+of\s+the\s+(?:past|last|next)|per)")

RULES: list[Rule] = [
    Rule("quarter", compile_rule(
        r"(?P<the>the\s+)?(?:(?P<qy>" + YEAR4 + r")(?:'s)?\s+|(?P<qrel>this\s+year's|last\s+year's"
        r"|next\s+year's|year[-\s]earlier|year[-\s]ago|comparable(?:\s+year[-\s](?:ago|earlier))?"
        r"|same|current|latest|fiscal\s+year's)\s+)?(?:fiscal[-\s]+)?"
        r"(?P<qord>first|second|third|fourth|1st|2nd|3rd|4th|final|last)(?P<sep>[-\s]+)"
        r"(?:fiscal[-\s]+)?(?P<qu>quarter|half|two\s+quarters)"
        r"(?:\s+of\s+(?:fiscal\s+)?(?:(?P<qy2>" + YEAR4 + r")|(?P<qrel2>this|last|next)\s+year))?"),
        h_quarter, 4, frozenset({"quarter_ctx"}), keys=("quarter",)),
    Rule("period", compile_rule(
        r"(?P<det>the\s+(?:comparable\s+)?year[-\s](?:ago|earlier)|year[-\s](?:ago|earlier)"
        r"|the\s+(?:latest|current|same|comparable|corresponding|previous\s+year's)"
        r"|the\s+(?P<py>" + YEAR4 + r")|the|this|that|latest)\s+(?P<pu>quarter|period)"
        r"(?:\s+(?P<back>last\s+year|a\s+year\s+(?:ago|earlier)))?"),
        h_period, 3, keys=("quarter",)),
    Rule("year_ago_adj", compile_rule(r"year[-\s](?:earlier|ago)"), h_year_ago_adj, 1,
         frozenset({"year_ago_adj"}), keys=("unit",)),
    Rule("duration", compile_rule(
        r"(?:" + MODS + r"\s+)?(?:" + _DET + r"\s+)?(?:(?P<num>" + NUM + "|" + FUZZY + r")"
        r"(?:\s*(?:to|-|or)\s*(?:" + NUM + r"))?[\s-]+)?"
        r"(?:(?:more|additional|further|straight|full|long|consecutive|successive)\s+)?"
        + UNIT + r"(?P<half>\s+and\s+a\s+half)?(?P<orso>\s+or\s+so)?"),
        h_duration, 2, frozenset({"duration_ctx"}), keys=("unit",)),
    Rule("adj_long", compile_rule(
        r"(?:(?P<num>\d+(?:\.\d+)?|" + NUMWORD + r"|one|a|half)-)?"
        + r"(?:" + UNIT_SG + r"|(?P<unitp>decades|years|months|weeks|days|hours|centuries))-long"),
        h_adj, 3, keys=("unit",)),
    Rule("adj_duration", compile_rule(
        r"(?:" + MODS + r"\s+)?(?P<num>\d+(?:\.\d+)?|" + NUMWORD + r"|half)-" + UNIT_SG
        + r"(?:-(?P<old>old))?"), h_adj, 3, keys=("unit",)),
    Rule("set", compile_rule(
        r"(?P<every>every\s+other|each\s+other|every|each|per)\s+(?:single\s+)?(?:"
        r"(?P<swd>" + WEEKDAY_NAMES + r")|(?P<smonth>" + _MONTHS_ALT + r")|(?P<sseason>spring"
        r"|summer|fall|autumn|winter)|" + UNIT + r")"
        r"|(?P<times>once|twice|thrice|(?:" + NUM + r")\s+times)\s+(?:a|an|per|each|every)\s+"
        + r"(?P<unit2>year|month|week|day|hour|quarter|decade)"
        r"|(?:on\s+)?(?P<swd2>mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays)"
        r"|" + SETADV), h_set_any, 3, frozenset({"set_ctx"}), keys=("set", "unit")),
    Rule("the_unit", compile_rule(r"the\s+(?P<tu>weekend|week|(?:fiscal\s+)?year)"),
         h_the_unit, 1, keys=("unit",)),
    Rule("year_end", compile_rule(
        r"(?:(?P<around>around|about)\s+)?(?:year[-\s]end|year's\s+end)"),
        h_year_end, 3, keys=("unit",)),
    Rule("vague", compile_rule(r"(?:quite\s+)?some\s+time|a\s+(?:long\s+)?while|a\s+long\s+time"),
         h_vague, 1, keys=("ref",)),
]


__all__ = ["ORDINALS", "RULES"]

