"""Relative expressions: deictic ("yesterday afternoon", "last week", "two days ago",
"on Tuesday"), anaphoric ("the next day", "a year earlier", "the quarter") and
general references ("now", "recently", "the future")."""

from __future__ import annotations

import re
from dataclasses import replace

from tidings.time.calendar import Cal, rank
from tidings.time.lexicon import PARTS_OF_DAY
from tidings.time.patterns import FUZZY, NUM, POD, UNIT, weekday
from tidings.time.resolve import (
    count,
    pos_mod,
    unit_key,
    weekday_cal,
)
from tidings.time.rules import Ctx, Norm, Rule, alt, compile_rule, g, low
from tidings.time.rules_calendar import weekday_num

POS = (r"(?:(?P<pos>" + alt(("early", "late", "mid", "earlier", "later", "the beginning of",
                             "the start of", "the middle of", "the end of", "the close of",
                             "the first part of", "the latter part of", "the early part of",
                             "the last part of", "the rest of", "the remainder of",
                             "the balance of"))
       + r")(?:\s*-\s*|\s+))?")

_DAY_OFFSETS = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1,
                "the day before yesterday": -2, "the day after tomorrow": 2}


def _pos_mod(m: re.Match[str]) -> str | None:
    p = low(m, "pos")
    if p in ("the rest of", "the remainder of", "the balance of"):
        return None
    return pos_mod(p) if p else None


def _anchor_day(ctx: Ctx, offset: int) -> Cal | None:
    return Cal.of_date(ctx.anchor).shift("day", offset) if ctx.anchor else None


def _day_norm(day: Cal | None, pod: str | None, m: re.Match[str], uses: str) -> Norm:
    if day is None:
        return Norm("TIME" if pod else "DATE", None, uses=uses, mod=_pos_mod(m))
    if pod:
        c = replace(day, gran="partofday", part=pod)
        return Norm("TIME", c.value, cal=c, uses=uses, mod=_pos_mod(m))
    return Norm("DATE", day.value, cal=day, uses=uses, mod=_pos_mod(m))


def h_rel_day(m: re.Match[str], ctx: Ctx) -> Norm | None:
    word = low(m, "rd")
    off = _DAY_OFFSETS.get(word)
    if off is None:
        return None
    pod = PARTS_OF_DAY.get(low(m, "pod")) or ("NI" if word == "tonight" else None)
    return _day_norm(_anchor_day(ctx, off), pod, m, "anchor")


def h_pod_rel(m: re.Match[str], ctx: Ctx) -> Norm | None:
    """``this morning``, ``last night``, ``overnight``."""
    rel = low(m, "rel")
    pod = PARTS_OF_DAY.get(low(m, "pod") or "night")
    off = -1 if rel in ("last", "overnight") else 0
    if rel in ("that", "the same", "the"):
        ref = ctx.ref if ctx.ref is not None and ctx.ref.gran in ("day", "partofday") else None
        if ref is None:
            return None
        return _day_norm(replace(ref, gran="day"), pod, m, "ref")
    if rel in ("the next", "the following"):
        if ctx.ref is None or ctx.ref.gran not in ("day", "partofday"):
            return None
        return _day_norm(replace(ctx.ref, gran="day").shift("day", 1), pod, m, "ref")
    return _day_norm(_anchor_day(ctx, off), pod, m, "anchor")


def h_weekday(m: re.Match[str], ctx: Ctx) -> Norm | None:
    wd = weekday_num(m["wd"])
    if wd is None:
        return None
    rel = low(m, "rel")
    pod = PARTS_OF_DAY.get(low(m, "pod"))
    if rel in ("the previous", "the preceding", "the following", "the next") and ctx.ref:
        ref_day = ctx.ref.as_date()
        if ref_day is not None:
            sub = Ctx(dct=ctx.dct, anchor=ref_day, ref=ctx.ref, tense=ctx.tense)
            return _day_norm(weekday_cal(wd, sub, rel), pod, m, "ref")
    day = weekday_cal(wd, ctx, rel)
    if day is not None and day.year is None:
        value = day.value + (f"T{pod}" if pod else "")
        return Norm("TIME" if pod else "DATE", value, uses="anchor", mod=_pos_mod(m))
    return _day_norm(day, pod, m, "anchor")


_UNIT_GRAN = {"week": "week", "weekend": "week", "month": "month", "year": "year",
              "quarter": "quarter", "decade": "decade", "century": "century", "half": "half",
              "fiscal year": "year", "day": "day", "season": "season"}


def _unit_cal(base: Cal, unit: str, n: int) -> Cal:
    gran = _UNIT_GRAN[unit]
    c = base.truncate(gran) if rank(base.gran) > rank(gran) else base
    if gran != c.gran:
        d = base.as_date()
        c = Cal.of_date(d, gran) if d else c
    c = c.shift(unit if unit not in ("fiscal year",) else "year", n)
    return replace(c, weekend=True) if unit == "weekend" else c


def h_rel_unit(m: re.Match[str], ctx: Ctx) -> Norm | None:
    """``last week``, ``this year``, ``next month``, ``the previous year``, ``that day``."""
    rel = low(m, "rel")
    unit = low(m, "u").replace("fiscal ", "") if "fiscal" not in low(m, "u") else "fiscal year"
    if unit not in _UNIT_GRAN:
        return None
    deictic = {"this": 0, "current": 0, "the current": 0, "the present": 0, "this past": -1,
               "last": -1, "past": -1, "the past": -1, "the last": -1, "next": 1, "coming": 1,
               "the coming": 1, "the next": 1, "this coming": 1, "the latest": 0, "latest": 0,
               "the": 0, "this fiscal": 0, "the current fiscal": 0}
    anaphoric = {"the previous": -1, "the preceding": -1, "the prior": -1, "previous": -1,
                 "the following": 1, "the same": 0, "that": 0, "that same": 0,
                 "later that": 0, "earlier that": 0, "the very same": 0}
    if rel in anaphoric:
        base = ctx.ref if ctx.ref is not None else (Cal.of_date(ctx.anchor) if ctx.anchor else None)
        uses = "ref" if ctx.ref is not None else "anchor"
        n = anaphoric[rel]
    elif rel in deictic:
        base = Cal.of_date(ctx.anchor) if ctx.anchor else None
        uses = "anchor"
        n = deictic[rel]
    else:
        return None
    if unit == "day" and rel not in anaphoric:
        return None
    if unit in ("decade", "century") and rel in ("the past", "the last", "past", "last"):
        # "over the past decade": the ten years up to now, a length
        years = 10 if unit == "decade" else 100
        norm = Norm("DURATION", f"P{years}Y", uses="anchor", mod=_pos_mod(m))
        if ctx.anchor is not None:
            start = Cal.of_date(ctx.anchor).shift("year", -years).as_date()
            norm.interval = (start, ctx.anchor) if start is not None else None
        return norm
    if base is None or base.as_date() is None:
        return Norm("DATE", None, uses=uses, mod=_pos_mod(m))
    if rel in ("the latest", "latest") and unit == "quarter":
        # the last completed quarter, unless the quarter under discussion is an earlier one
        c = _unit_cal(base, "quarter", -1)
        latest, period = c.as_date(), ctx.period.as_date() if ctx.period else None
        if ctx.period is not None and ctx.period.gran == "quarter" and period is not None and \
                latest is not None and period <= latest:
            c, uses = ctx.period, "ref"
    elif rel == "the" and ctx.ref is not None and ctx.ref.gran == _UNIT_GRAN[unit]:
        c, uses = ctx.ref, "ref"
    else:
        c = _unit_cal(base, unit, n)
    mod = _pos_mod(m)
    if low(m, "pos") == "earlier" and rel in ("this", "the"):
        mod = "START"
    return Norm("DATE", c.value, cal=c, uses=uses, mod=mod)


def h_ago(m: re.Match[str], ctx: Ctx) -> Norm | None:
    """``two days ago``, ``a year earlier``, ``three weeks later``, ``a month from now``."""
    unit = unit_key(low(m, "unit"))
    direction = low(m, "dir")
    numtext = g(m, "num")
    n = count(numtext) if numtext else (1.0 if not m["unit"].lower().endswith("s") else None)
    sign = -1 if direction in ("ago", "earlier", "before", "back", "previously") else 1
    use_ref = direction in ("earlier", "later", "before", "after")
    mod = None
    if g(m, "mod"):
        from tidings.time.lexicon import APPROX_WORDS
        from tidings.time.resolve import bound_mod
        mod = bound_mod(m["mod"]) or APPROX_WORDS.get(low(m, "mod"))
    if low(m, "orso"):
        mod = "APPROX"
    if n is None or unit in ("second", "minute", "hour"):
        ref_v = "PAST_REF" if sign < 0 else "FUTURE_REF"
        if n is None:
            return Norm("DATE", ref_v, uses="anchor", mod=mod)
    base: Cal | None
    k = round(n or 1)
    if unit == "year" and k == 1 and ctx.period is not None and sign < 0:
        # "a year earlier" / (in results) "a year ago": the period under discussion,
        # a year before (1989-Q3 -> 1988-Q3)
        base, uses = ctx.period, "ref"
    elif use_ref and ctx.ref is not None and ctx.ref.as_date() is not None:
        base, uses = ctx.ref, "ref"
    elif ctx.anchor is not None:
        base, uses = Cal.of_date(ctx.anchor), "anchor"
    else:
        return Norm("DATE", None, uses="anchor", mod=mod)
    if unit in ("second", "minute", "hour"):
        day = base if base.gran in ("day", "partofday", "minute") else Cal.of_date(ctx.anchor) \
            if ctx.anchor else base
        return Norm("DATE", replace(day, gran="day").value, cal=replace(day, gran="day"),
                    uses=uses, mod=mod)
    gran = {"day": "day", "night": "day", "week": "week", "weekend": "week",
            "fortnight": "week", "month": "month", "quarter": "quarter", "season": "season",
            "year": "year", "decade": "year", "century": "year", "centuries": "year"}.get(unit)
    if gran is None:
        return None
    if uses == "ref":
        # an anaphoric shift keeps the precision of what it counts from
        target = replace(base, gran="day") if base.gran in ("partofday", "minute") else base
    else:
        target = base.truncate(gran) if rank(base.gran) >= rank(gran) else base
    amount = k * {"decade": 10, "century": 100, "centuries": 100, "fortnight": 2}.get(unit, 1)
    shift_unit = {"decade": "year", "century": "year", "centuries": "year",
                  "fortnight": "week", "night": "day", "weekend": "week"}.get(unit, unit)
    c = target.shift(shift_unit, sign * amount)
    return Norm("DATE", c.value, cal=c, uses=uses, mod=mod, base=base if uses == "ref" else None,
                narrative=not (unit in ("year", "quarter") and k == 1))


def h_anaphor_day(m: re.Match[str], ctx: Ctx) -> Norm | None:
    """``the day before``, ``the next day``, ``the following week`` (from the narrative)."""
    which = low(m, "which") or low(m, "ba")
    unit = low(m, "u") or low(m, "u_")
    n = {"next": 1, "following": 1, "after": 1, "previous": -1, "preceding": -1, "prior": -1,
         "before": -1, "same": 0, "very same": 0, "very next": 1}.get(which)
    if n is None or unit not in _UNIT_GRAN:
        return None
    if ctx.ref is not None and ctx.ref.as_date() is not None:
        base, uses = ctx.ref, "ref"
    elif ctx.anchor is not None:
        base, uses = Cal.of_date(ctx.anchor), "anchor"
    else:
        return Norm("DATE", None, uses="ref")
    c = _unit_cal(replace(base, gran="day") if base.gran in ("partofday", "minute") else base,
                  unit, n)
    return Norm("DATE", c.value, cal=c, uses=uses)


_REF_WORDS = {
    "now": "PRESENT_REF",
    "currently": "PRESENT_REF", "current": "PRESENT_REF", "at present": "PRESENT_REF",
    "presently": "PRESENT_REF", "nowadays": "PRESENT_REF", "these days": "PRESENT_REF",
    "the present": "PRESENT_REF",
    "recently": "PAST_REF", "recent": "PAST_REF", "lately": "PAST_REF", "the past": "PAST_REF",
    "formerly": "PAST_REF", "more recently": "PAST_REF", "most recently": "PAST_REF",
    "until recently": "PAST_REF", "the recent past": "PAST_REF",
    "the future": "FUTURE_REF", "the near future": "FUTURE_REF", "the near term": "FUTURE_REF",
    "the short term": "FUTURE_REF", "the long term": "FUTURE_REF", "the medium term": "FUTURE_REF",
    "the foreseeable future": "FUTURE_REF", "the distant future": "FUTURE_REF",
    "the long run": "FUTURE_REF", "the short run": "FUTURE_REF",
    "as soon as possible": "FUTURE_REF",
    "a later date": "FUTURE_REF", "the days ahead": "FUTURE_REF", "the years ahead": "FUTURE_REF",
}


def h_ref(m: re.Match[str], ctx: Ctx) -> Norm | None:
    word = low(m, "ref")
    v = _REF_WORDS.get(word)
    if v is None:
        return None
    return Norm("DATE", v, uses="none")


REL_WORDS = (r"this\s+past|this\s+coming|the\s+current|the\s+present|the\s+latest|the\s+past|"
             r"the\s+last|the\s+next|the\s+coming|the\s+previous|the\s+preceding|the\s+prior|"
             r"the\s+following|the\s+same|that\s+same|earlier\s+that|later\s+that|this|last|next|"
             r"past|coming|previous|current|latest|that")

RULES: list[Rule] = [
    Rule("rel_day", compile_rule(
        POS + r"(?P<rd>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|yesterday|"
              r"today|tomorrow|tonight)(?:\s+" + POD + r")?"), h_rel_day, 3,
        frozenset({"today_generic"}), keys=("relday",)),
    Rule("pod_rel", compile_rule(
        POS + r"(?:(?P<rel>this|last|that|the\s+same|the\s+next|the\s+following)\s+"
        + r"(?P<pod>morning|afternoon|evening|night)|(?P<rel2>overnight))"), h_pod_rel, 2,
        frozenset({"overnight"}), keys=("pod",)),
    Rule("weekday", compile_rule(
        POS + r"(?:(?P<rel>last|next|this\s+past|this\s+coming|this|the\s+previous|the\s+preceding"
              r"|the\s+following|the\s+next|coming)\s+)?" + weekday("wd")
        + r"(?:\s+" + POD + r")?"),
        h_weekday, 2, frozenset({"weekday_case"}), keys=("weekday",)),
    Rule("rel_unit", compile_rule(
        POS + r"(?P<rel>" + REL_WORDS + r")\s+(?P<u>(?:fiscal\s+)?year|week(?:end)?|month|quarter"
        r"|decade|century|half|day)"), h_rel_unit, 2, keys=("unit",)),
    Rule("rel_unit_pos", compile_rule(
        r"(?P<pos>the\s+(?:beginning|start|middle|end|close|rest|remainder|balance)\s+of|"
        r"the\s+(?:early|latter|first|last|later)\s+part\s+of)\s+(?P<rel>the|this|that)\s+"
        r"(?P<u>(?:fiscal\s+)?year|week|month|quarter|decade|century)"), h_rel_unit, 3,
        keys=("unit",)),
    Rule("ago", compile_rule(
        r"(?:(?P<mod>about|around|some|nearly|almost|roughly|approximately|more\s+than|less\s+than"
        r"|at\s+least)\s+)?(?:(?P<num>" + NUM + "|" + FUZZY + r")[-\s]+)?"
        + UNIT + r"(?P<orso>\s+or\s+so)?\s+(?P<dir>ago|earlier|later|back|from\s+now|hence"
        r"|before(?=\s*[,.;:!?)]|\s+that|\s+then)|after(?=\s*[,.;:!?)]|\s+that|\s+then))"),
        h_ago, 4, keys=("unit",)),
    Rule("anaphor", compile_rule(
        r"the\s+(?P<which>next|following|previous|preceding|prior|very\s+next|same|very\s+same)"
        r"\s+(?P<u>day|week|weekend|month|year)"
        r"|the\s+(?P<u_>day|week|month|year)\s+(?P<ba>before|after)(?=\s*[,.;:!?)]|\s+that)"),
        h_anaphor_day, 3, keys=("unit",)),
    Rule("ref", compile_rule(r"(?P<ref>" + alt(_REF_WORDS) + r")"), h_ref, 1,
         frozenset({"ref_ctx"}), keys=("ref",)),
]
