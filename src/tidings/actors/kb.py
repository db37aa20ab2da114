"""The actor knowledge base: countries, organizations, sector nouns, office-holders.

Loaded once (``ActorKB.load()``) and passed in. Lookups are dictionary hits on
lower-cased names.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from importlib import resources
from typing import Self


@dataclass(slots=True, kw_only=True)
class KBEntry:
    """One knowledge-base entry (a country, organization or person)."""

    id: str
    name: str
    kind: str
    country: str | None = None
    sectors: list[str] = field(default_factory=list)
    start: str | None = None
    end: str | None = None


@dataclass(slots=True)
class ActorKB:
    """Name and noun tables for actor resolution.

    Attributes:
        names: lower-cased name or demonym -> entries it may denote.
        sectors: lower-cased role noun lemma -> sector codes (``police`` -> COP).
        entries: id -> entry.
    """

    names: dict[str, list[KBEntry]] = field(default_factory=dict)
    sectors: dict[str, list[str]] = field(default_factory=dict)
    entries: dict[str, KBEntry] = field(default_factory=dict)

    @classmethod
    def load(cls) -> Self:
        kb = cls()
        data = resources.files("tidings.actors") / "data"
        with (data / "entries.tsv").open(encoding="utf-8") as fh:
            for row in csv.DictReader(_uncommented(fh), delimiter="\t"):
                entry = KBEntry(
                    id=row["id"],
                    name=row["name"],
                    kind=row["kind"],
                    country=row["country"] or None,
                    sectors=[s for s in row["sectors"].split(",") if s],
                    start=row.get("start") or None,
                    end=row.get("end") or None,
                )
                kb.entries[entry.id] = entry
                for alias in [entry.name, *row["aliases"].split("|")]:
                    alias = alias.strip().lower()
                    if alias:
                        kb.names.setdefault(alias, []).append(entry)
        with (data / "sectors.tsv").open(encoding="utf-8") as fh:
            for row in csv.DictReader(_uncommented(fh), delimiter="\t"):
                kb.sectors[row["noun"].lower()] = row["sectors"].split(",")
        return kb

    def lookup(self, name: str) -> list[KBEntry]:
        return self.names.get(name.lower(), [])


def _uncommented(lines: object) -> list[str]:
    return [line for line in lines if line.strip() and not line.startswith("#")]  # type: ignore[attr-defined]
