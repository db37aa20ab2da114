"""Query parameters shared by the event routes, read into one event filter.

The names follow ``tidings events`` (``type``, ``root``, ``actor``, ``country``,
``since``, ``until``, ``outlet``, ``factuality``, ``all``) plus what the map and the
search box need (``quad_class``, ``sector``, ``place``, ``bbox``, ``near``, ``q``).
Repeatable parameters are given once per value (``?type=PROTEST&type=ASSAULT``).
"""

from __future__ import annotations

import math
import re
from datetime import date
from enum import Enum
from typing import Annotated

from fastapi import Query

from tidings.records import FACTUALITY_LABELS, PLOVER_TYPES
from tidings.store import EventFilter
from tidings.web.errors import ApiError

PloverType = Enum("PloverType", {t: t for t in PLOVER_TYPES}, type=str)  # type: ignore[misc]
FactualityName = Enum(  # type: ignore[misc]
    "FactualityName", {f: f for f in FACTUALITY_LABELS}, type=str)

_WORD = re.compile(r"\w", re.UNICODE)


def _numbers(name: str, value: str, n: int) -> list[float]:
    parts = value.split(",")
    try:
        nums = [float(p) for p in parts]
    except ValueError:
        nums = []
    if len(nums) != n or not all(math.isfinite(x) for x in nums):
        raise ApiError(422, "invalid_request",
                       f"{name}={value!r}: give {n} comma-separated numbers",
                       [{"loc": ["query", name], "msg": f"expected {n} numbers",
                         "type": "value_error"}])
    return nums


def _bad(name: str, value: str, why: str) -> ApiError:
    return ApiError(422, "invalid_request", f"{name}={value!r}: {why}",
                    [{"loc": ["query", name], "msg": why, "type": "value_error"}])


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    w, s, e, n = _numbers("bbox", value, 4)
    if not (-180 <= w <= 180 and -180 <= e <= 180 and -90 <= s <= n <= 90):
        raise _bad("bbox", value, "min_lon,min_lat,max_lon,max_lat within -180..180 and "
                   "-90..90, min_lat <= max_lat")
    return (w, s, e, n)


def parse_near(value: str | None) -> tuple[float, float, float] | None:
    if not value:
        return None
    lat, lon, km = _numbers("near", value, 3)
    if not (-90 <= lat <= 90 and -180 <= lon <= 180 and 0 < km <= 20_000):
        raise _bad("near", value, "lat,lon,radius_km with a radius in (0, 20000]")
    return (lat, lon, km)


def words_or_422(name: str, value: str | None) -> str | None:
    """``value`` if it has a word to search for, None if empty; else a 422."""
    if not value or not value.strip():
        return None
    if not _WORD.search(value):
        raise _bad(name, value, "has no words to search for")
    return value


def event_filter(
    type: Annotated[list[PloverType] | None, Query(
        description="PLOVER event type (repeatable).")] = None,
    root: Annotated[list[Annotated[str, Query(pattern=r"^[0-9]{2}$")]] | None, Query(
        description="Two-digit CAMEO root, e.g. 14 (repeatable).")] = None,
    quad_class: Annotated[list[Annotated[int, Query(ge=1, le=4)]] | None, Query(
        description="CAMEO quad class 1-4: verbal/material cooperation, verbal/material "
                    "conflict (repeatable).")] = None,
    actor: Annotated[str | None, Query(
        max_length=200, description="Actor id, name or text (source or target).")] = None,
    country: Annotated[str | None, Query(
        pattern=r"^[A-Za-z]{3}$", description="ISO-3 country of a source or target.")] = None,
    sector: Annotated[str | None, Query(
        pattern=r"^[A-Za-z]{2,4}$", description="Sector code of an actor (GOV, MIL...).")
    ] = None,
    place: Annotated[str | None, Query(
        max_length=200, description="Place name or GeoNames id.")] = None,
    bbox: Annotated[str | None, Query(
        max_length=200, description="min_lon,min_lat,max_lon,max_lat (min_lon > max_lon "
        "crosses the antimeridian).")] = None,
    near: Annotated[str | None, Query(
        max_length=200, description="lat,lon,radius_km.")] = None,
    since: Annotated[date | None, Query(description="Events on or after this day.")] = None,
    until: Annotated[date | None, Query(description="Events on or before this day.")] = None,
    factuality: Annotated[list[FactualityName] | None, Query(
        description="Factuality labels to include (repeatable); default asserted, "
                    "reported, planned.")] = None,
    all: Annotated[bool, Query(
        description="Include every factuality label.")] = False,
    outlet: Annotated[str | None, Query(max_length=200, description="Publishing outlet.")
    ] = None,
    q: Annotated[str | None, Query(
        max_length=200, description="Words that must all occur in the article.")] = None,
) -> EventFilter:
    """The event filter from the query string (a FastAPI dependency)."""
    if since and until and since > until:
        raise _bad("until", until.isoformat(), "is before since")
    return EventFilter(
        type=[t.value for t in type or ()],
        cameo_root=list(root or ()),
        quad_class=list(quad_class or ()),
        actor=actor or None,
        country=country.upper() if country else None,
        sector=sector.upper() if sector else None,
        place=place or None,
        bbox=parse_bbox(bbox),
        near=parse_near(near),
        since=since.isoformat() if since else None,
        until=until.isoformat() if until else None,
        factuality=[f.value for f in factuality or ()],
        all_factuality=all,
        outlet=outlet or None,
        text=words_or_422("q", q),
    )
