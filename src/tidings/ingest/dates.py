"""Publication dates from metadata strings, with sanity bounds.

A date that cannot be read, or that is absurd (before 1800, or later than two days
from now), is treated as unknown rather than guessed: the time stage then does not
resolve relative expressions ("on Monday") against a date that is not known.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from email.utils import parsedate_to_datetime

EARLIEST = datetime(1800, 1, 1, tzinfo=UTC)

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def latest() -> datetime:
    """The latest publication time accepted: two days from now (time zones, clock skew)."""
    return datetime.now(UTC) + timedelta(days=2)


def aware(value: date | datetime) -> datetime:
    """A timezone-aware datetime (UTC when none is given; a date becomes its midnight)."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    return datetime.combine(value, time(0, 0), tzinfo=UTC)


def plausible(value: datetime) -> bool:
    """Whether ``value`` can be a publication time of a news article."""
    return EARLIEST <= value <= latest()


def parse_date(value: object) -> datetime | None:
    """A timezone-aware datetime from ISO 8601, RFC 2822 or a common written date.

    Returns None when the value is empty, unreadable or implausible.
    """
    if value is None:
        return None
    if isinstance(value, (datetime, date)):
        when = aware(value)
        return when if plausible(when) else None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            stamp = datetime.fromtimestamp(float(value), tz=UTC)
        except (OverflowError, OSError, ValueError):
            return None
        return stamp if plausible(stamp) else None
    text = str(value).strip()
    if not text or len(text) > 100:
        return None
    out = _parse_text(text)
    return out if out is not None and plausible(out) else None


def _parse_text(text: str) -> datetime | None:
    try:
        if _ISO_DATE.match(text):
            return aware(date.fromisoformat(text))
        return aware(datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:
        pass
    try:
        return aware(parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError):
        pass
    from dateutil import parser as dateutil_parser

    try:
        # a default far in the past, so that a missing year cannot pass as plausible
        parsed = dateutil_parser.parse(text, default=datetime(1, 1, 1))
    except (ValueError, OverflowError, TypeError):
        return None
    if parsed.year == 1:
        return None
    return aware(parsed)
