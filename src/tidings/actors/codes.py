"""CAMEO-style actor codes: write one for an actor, and compare one with an actor.

Gold data from the classic coders writes an actor as a string of three-letter parts:
a country (``USA``), or ``---`` for none, or ``IGO``/``NGO``/``IMG`` for international
bodies, followed by role parts (``GOV``, ``MIL``...) and sometimes ethnic, religious or
organization parts (``MUS``, ``GZA``, ``UNO``). tidings keeps the country and the
sectors apart; these helpers translate.
"""

from __future__ import annotations

from tidings.records import Actor

SECTOR_CODES = frozenset({
    "GOV", "LEG", "JUD", "MIL", "COP", "SPY", "REB", "OPP", "PTY", "CVL", "REF", "MED",
    "HLH", "EDU", "BUS", "LAB", "REL", "ELI", "CRM", "AGR", "HRI", "NGO", "IGO", "UAF",
    "AID", "ENV",
})
"""The sector codes tidings writes (docs/actors.md explains each)."""

LEGACY_COUNTRIES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "ROM": "ROU", "GMY": "DEU",
                    "UKG": "GBR", "SUD": "SDN", "YUG": "SRB"}
"""Older country codes in the gold files, with the ISO 3166 code they mean."""

LEGACY_SECTORS = {"JRN": "MED", "CIV": "CVL", "MOS": "REL", "MUS": "REL", "CHR": "REL",
                  "PPL": "CVL", "MED": "HLH"}
"""Older sector codes: PLOVER's GSR writes JRN for journalists, MED for medical staff,
MOS for Muslim groups. ``MED`` is translated only when ``medical_med`` is set."""

INTERNATIONAL = frozenset({"IGO", "NGO", "IMG"})


def actor_code(actor: Actor) -> str:
    """A CAMEO-style code: country (or ``IGO``/``NGO``/``IMG``/``---``) + first sector."""
    sectors = list(actor.sectors)
    if actor.country:
        prefix = actor.country
    elif actor.id and actor.id[:4] in ("IGO:", "NGO:", "IMG:"):
        prefix = actor.id[:3]
    elif "IGO" in sectors:
        prefix = "IGO"
    elif "NGO" in sectors:
        prefix = "NGO"
    else:
        prefix = "---"
    first = next((s for s in sectors if s != prefix), "")
    return prefix + first


def split_code(code: str) -> tuple[str, list[str]]:
    """``"USAGOV"`` -> ``("USA", ["GOV"])``; parts after the first kept in order."""
    code = code.strip()
    parts = [code[i:i + 3] for i in range(0, len(code), 3)]
    return (parts[0] if parts else "---"), parts[1:]


def prefix_matches(prefix: str, actor: Actor) -> bool:
    """The actor is of the gold code's country or international kind."""
    prefix = LEGACY_COUNTRIES.get(prefix, prefix)
    ident = actor.id or ""
    if prefix == "IGO":
        return "IGO" in actor.sectors or ident.startswith("IGO:")
    if prefix == "NGO":
        return "NGO" in actor.sectors or ident.startswith("NGO:")
    if prefix == "IMG":
        return ident.startswith("IMG:")
    if prefix == "---":
        return actor.country is None and not ident.startswith(("IGO:", "NGO:", "IMG:"))
    return actor.country == prefix


def sector_matches(sector: str, actor: Actor, *, medical_med: bool = False) -> bool:
    """The gold sector is among the actor's sectors (legacy codes translated)."""
    sector = sector[:3].upper()
    if sector == "MED" and not medical_med:
        return "MED" in actor.sectors
    sector = LEGACY_SECTORS.get(sector, sector)
    return sector in actor.sectors


def code_matches(code: str, actor: Actor) -> bool:
    """A gold CAMEO-style code agrees with the actor: same country (or kind), and the
    first role part (when the code has one we know) among the actor's sectors."""
    prefix, rest = split_code(code)
    if not prefix_matches(prefix, actor):
        return False
    # religious and ethnic parts (MUS, CHR, KUR...) are not roles
    roles = [p for p in rest if p in SECTOR_CODES or p in ("JRN", "CIV", "PPL")]
    if prefix == "IGO":
        roles = [p for p in roles if p in ("MIL", "COP", "GOV", "JUD", "REF")]
    return not roles or sector_matches(roles[0], actor)
