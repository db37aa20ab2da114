"""Calendar values at a granularity: the TIMEX3 value, the interval, and arithmetic.

A :class:`Cal` is a point on the calendar known to some precision (a year, a
quarter, an ISO week, a day, a part of a day...). It renders as a TIMEX3 value
(``1989-Q3``, ``2022-W02``, ``2022-01-11TMO``), gives the interval it covers as
ISO dates, and can be shifted by a number of units while keeping its precision
("a year earlier" than 1989-Q3 is 1988-Q3).
"""

from __future__ import annotations

import calendar as _stdcal
from dataclasses import dataclass, replace
from datetime import date, timedelta

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta

GRANULARITY_ORDER: tuple[str, ...] = (
    "century", "decade", "year", "half", "quarter", "season", "month", "week", "day",
    "partofday", "hour", "minute", "second",
)
_RANK = {g: i for i, g in enumerate(GRANULARITY_ORDER)}

SEASON_MONTHS: dict[str, tuple[int, int]] = {
    "SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2),
}


def rank(granularity: str) -> int:
    """Coarse-to-fine order of granularities (century 0 ... second 12)."""
    return _RANK.get(granularity, -1)


@dataclass(slots=True, frozen=True)
class Cal:
    """A calendar point at ``gran`` precision.

    Fields that the granularity does not use are ignored. ``year`` None means the
    year is unknown (rendered ``XXXX``).
    """

    gran: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    week: int | None = None
    quarter: int | None = None
    half: int | None = None
    season: str | None = None
    part: str | None = None
    hour: int | None = None
    minute: int | None = None
    decade: int | None = None
    century: int | None = None
    weekend: bool = False
    wday: int | None = None

    # ------------------------------------------------------------------ build
    @staticmethod
    def of_date(d: date, gran: str = "day") -> Cal:
        """``d`` truncated to ``gran`` (year, half, quarter, month, week, day...)."""
        if gran in ("century", "decade", "year"):
            c = Cal("year", year=d.year)
            if gran == "decade":
                return Cal("decade", decade=d.year // 10)
            if gran == "century":
                return Cal("century", century=d.year // 100)
            return c
        if gran == "half":
            return Cal("half", year=d.year, half=1 if d.month <= 6 else 2)
        if gran == "quarter":
            return Cal("quarter", year=d.year, quarter=(d.month - 1) // 3 + 1)
        if gran == "month":
            return Cal("month", year=d.year, month=d.month)
        if gran == "week":
            y, w, _ = d.isocalendar()
            return Cal("week", year=y, week=w)
        if gran == "season":
            s = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU",
                 8: "SU"}.get(d.month, "FA")
            return Cal("season", year=d.year, season=s)
        return Cal("day", year=d.year, month=d.month, day=d.day)

    # ---------------------------------------------------------------- render
    @property
    def value(self) -> str:
        """The TIMEX3 value."""
        y = f"{self.year:04d}" if self.year is not None else "XXXX"
        g = self.gran
        if g == "century":
            return f"{self.century:02d}" if self.century is not None else "XX"
        if g == "decade":
            return f"{self.decade:03d}" if self.decade is not None else "XXX"
        if g == "year":
            return y
        if g == "half":
            return f"{y}-H{self.half}"
        if g == "quarter":
            return f"{y}-Q{self.quarter}" if self.quarter else f"{y}-QX"
        if g == "season":
            return f"{y}-{self.season}"
        if g == "month":
            return f"{y}-{self.month:02d}" if self.month else f"{y}-XX"
        if g == "week":
            w = f"W{self.week:02d}" if self.week else "WXX"
            return f"{y}-{w}-WE" if self.weekend else f"{y}-{w}"
        m = f"{self.month:02d}" if self.month else "XX"
        d = f"{self.day:02d}" if self.day else "XX"
        base = f"{y}-{m}-{d}"
        if self.year is None and self.wday and not self.month:
            base = f"XXXX-WXX-{self.wday}"
        if g == "day":
            return base
        if g == "partofday":
            return f"{base}T{self.part}"
        hh = f"{self.hour:02d}" if self.hour is not None else "XX"
        mm = f"{self.minute:02d}" if self.minute is not None else "00"
        return f"{base}T{hh}:{mm}"

    @property
    def granularity(self) -> str:
        """The record's granularity word (``partofday`` counts as ``day``)."""
        return "day" if self.gran == "partofday" else self.gran

    @property
    def complete(self) -> bool:
        """True when every field the granularity needs is known (no ``X`` in the value)."""
        return "X" not in self.value

    def as_date(self) -> date | None:
        """The first day of the interval, or None when a needed field is unknown."""
        iv = self.interval()
        return iv[0] if iv else None

    def interval(self) -> tuple[date, date] | None:
        """First and last day covered, or None when a needed field is unknown."""
        g = self.gran
        try:
            if g == "century" and self.century is not None:
                return date(max(1, self.century * 100), 1, 1), date(self.century * 100 + 99, 12, 31)
            if g == "decade" and self.decade is not None:
                return date(max(1, self.decade * 10), 1, 1), date(self.decade * 10 + 9, 12, 31)
            if self.year is None:
                return None
            y = self.year
            if g == "year":
                return date(y, 1, 1), date(y, 12, 31)
            if g == "half" and self.half:
                m0 = 1 if self.half == 1 else 7
                return date(y, m0, 1), _month_end(y, m0 + 5)
            if g == "quarter" and self.quarter:
                m0 = 3 * (self.quarter - 1) + 1
                return date(y, m0, 1), _month_end(y, m0 + 2)
            if g == "season" and self.season:
                a, b = SEASON_MONTHS[self.season]
                if self.season == "WI":
                    return date(y, 12, 1), _month_end(y + 1, 2)
                return date(y, a, 1), _month_end(y, b)
            if g == "month" and self.month:
                return date(y, self.month, 1), _month_end(y, self.month)
            if g == "week" and self.week:
                monday = date.fromisocalendar(y, self.week, 1)
                if self.weekend:
                    return monday + timedelta(days=5), monday + timedelta(days=6)
                return monday, monday + timedelta(days=6)
            if self.month and self.day:
                d = date(y, self.month, self.day)
                return d, d
        except ValueError:
            return None
        return None

    # ------------------------------------------------------------ arithmetic
    def shift(self, unit: str, n: int) -> Cal:
        """This point moved by ``n`` units (day, week, month, quarter, year...),
        keeping its granularity; a coarser point moves in its own units."""
        g = self.gran
        if g == "century" and self.century is not None:
            k = n * {"century": 1}.get(unit, 0) or (n // 100 if unit == "year" else 0)
            return replace(self, century=self.century + k)
        if g == "decade" and self.decade is not None:
            k = {"decade": n, "century": 10 * n, "year": n // 10}.get(unit, 0)
            return replace(self, decade=self.decade + k)
        d = self.as_date()
        if d is None:
            return self
        delta = _delta(unit, n)
        if delta is None:
            return self
        moved = d + delta
        if g in ("day", "partofday", "hour", "minute", "second"):
            return replace(self, year=moved.year, month=moved.month, day=moved.day)
        if g == "week":
            y, w, _ = moved.isocalendar()
            return replace(self, year=y, week=w)
        if g == "season" and self.year is not None:
            return replace(self, year=moved.year)
        return replace(Cal.of_date(moved, g), weekend=self.weekend)

    def truncate(self, gran: str) -> Cal:
        """This point at a coarser granularity (a day -> its month, its year...)."""
        if rank(gran) >= rank(self.gran):
            return self
        d = self.as_date()
        if d is None:
            return Cal(gran, year=self.year) if gran == "year" else self
        return Cal.of_date(d, gran)


def _month_end(year: int, month: int) -> date:
    while month > 12:
        month -= 12
        year += 1
    return date(year, month, _stdcal.monthrange(year, month)[1])


_DELTA_UNITS: dict[str, tuple[str, int]] = {
    "second": ("seconds", 1), "minute": ("minutes", 1), "hour": ("hours", 1),
    "day": ("days", 1), "night": ("days", 1), "week": ("weeks", 1), "weekend": ("weeks", 1),
    "fortnight": ("weeks", 2), "month": ("months", 1), "quarter": ("months", 3),
    "half": ("months", 6), "season": ("months", 3), "year": ("years", 1),
    "decade": ("years", 10), "century": ("years", 100),
}


def _delta(unit: str, n: int) -> relativedelta | None:
    spec = _DELTA_UNITS.get(unit)
    if spec is None:
        return None
    k = n * spec[1]
    name = spec[0]
    if name == "seconds":
        return relativedelta(seconds=k)
    if name == "minutes":
        return relativedelta(minutes=k)
    if name == "hours":
        return relativedelta(hours=k)
    if name == "days":
        return relativedelta(days=k)
    if name == "weeks":
        return relativedelta(weeks=k)
    if name == "months":
        return relativedelta(months=k)
    return relativedelta(years=k)


def holiday(name: str, year: int) -> date | None:
    """The date of a named holiday in ``year`` (fixed or computed), or None."""
    from tidings.time.lexicon import HOLIDAYS

    spec = HOLIDAYS.get(name.lower())
    if spec is None:
        return None
    if isinstance(spec, tuple):
        return date(year, spec[0], spec[1])
    if spec == "easter":
        return easter(year)
    if spec == "goodfriday":
        return easter(year) - timedelta(days=2)
    if spec == "easterweek":  # Holy Week, Monday to Easter Sunday
        return easter(year) - timedelta(days=6)
    if spec == "thanksgiving":  # fourth Thursday of November
        return _nth_weekday(year, 11, 3, 4)
    if spec == "labor":  # first Monday of September
        return _nth_weekday(year, 9, 0, 1)
    if spec == "memorial":  # last Monday of May
        d = date(year, 5, 31)
        return d - timedelta(days=d.weekday())
    if spec == "election":  # the Tuesday after the first Monday of November
        return _nth_weekday(year, 11, 0, 1) + timedelta(days=1)
    return None


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    d = date(year, month, 1)
    d += timedelta(days=(weekday - d.weekday()) % 7)
    return d + timedelta(weeks=n - 1)


def weekday_near(anchor: date, weekday: int, direction: str) -> date:
    """The day with ISO ``weekday`` (1 = Monday) nearest ``anchor`` in ``direction``:
    ``past`` (on or before), ``future`` (on or after), ``past-strict``/``future-strict``
    (excluding the anchor day), else whichever is nearer (past on ties)."""
    back = (anchor.isoweekday() - weekday) % 7
    fwd = (weekday - anchor.isoweekday()) % 7
    if direction == "past":
        return anchor - timedelta(days=back)
    if direction == "future":
        return anchor + timedelta(days=fwd)
    if direction == "past-strict":
        return anchor - timedelta(days=back or 7)
    if direction == "future-strict":
        return anchor + timedelta(days=fwd or 7)
    return anchor - timedelta(days=back) if back <= fwd else anchor + timedelta(days=fwd)
