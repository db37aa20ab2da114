"""The actor knowledge base: countries, organizations, people, offices, sector nouns.

Built by ``tools/build_actors.py`` into ``data/kb.jsonl``; loaded once
(:meth:`ActorKB.load`) and passed in. Every lookup is a dictionary hit: names by
their normalized text, offices by ``(country or organization, title)``, sector and
role nouns by their lemma phrase.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from typing import Self

NAME_FORMS = ("name", "demonym", "capital", "seat", "city", "surname")
"""How a text can name an entry: its name, a demonym ("Kazakh"), its capital, a seat
of government ("the Kremlin"), a city of the country, or a person's surname."""


def norm(text: str) -> str:
    """The lookup key of a name: lower case, no accents, one space, straight quotes."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.lower().split())


_WORD_BREAK = re.compile(r"[\s\-'\u2019]+")


def first_word(text: str) -> str:
    """The first word of a name as the tokenizer splits it ("Kassym-Jomart" -> "kassym")."""
    parts = _WORD_BREAK.split(norm(text).lstrip("-' "), maxsplit=1)
    return parts[0] if parts else ""


@dataclass(slots=True, kw_only=True)
class Period:
    """A span of dates in which an organization has other sectors (the Taliban in power)."""

    start: str | None
    end: str | None
    sectors: list[str]


@dataclass(slots=True, kw_only=True)
class KBEntry:
    """One knowledge-base entry.

    Attributes:
        id: stable id (``KAZ``, ``IGO:CSTO``, ``PER:kassym-jomart-tokayev``, ``USA:GA``).
        name: canonical name.
        kind: country, region, city, person, igo, ngo, group, party, institution, media.
        country: ISO 3166 alpha-3 of the entry's country, if any.
        sectors: sector codes, most specific first.
        periods: date ranges with other sectors (empty: ``sectors`` always hold).
    """

    id: str
    name: str
    kind: str
    country: str | None = None
    sectors: list[str] = field(default_factory=list)
    periods: list[Period] = field(default_factory=list)

    def sectors_on(self, day: str | None) -> list[str]:
        """The sectors that hold on ``day`` (ISO date; None: the default ones)."""
        if day is not None:
            for p in self.periods:
                if (p.start is None or p.start <= day) and (p.end is None or day < p.end):
                    return list(p.sectors)
        return list(self.sectors)


@dataclass(slots=True, frozen=True)
class Hit:
    """A name found for an entry, and which form of name it is."""

    entry: KBEntry
    form: str
    cased: bool
    """The name is written with a capital (a lower-case text does not match it)."""


@dataclass(slots=True, kw_only=True)
class Office:
    """Someone holding an office from ``start`` to ``end`` (exclusive; None: still)."""

    of: str
    title: str
    person: str
    start: str | None
    end: str | None
    lead: bool = False

    def holds(self, day: str | None) -> bool:
        if day is None:
            return True
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(slots=True)
class SectorNoun:
    """A sector or role noun phrase; ``generic`` person nouns take a modifier's sector."""

    sectors: list[str]
    generic: bool = False


@dataclass(slots=True)
class ActorKB:
    """Name, office and noun tables for actor resolution.

    Attributes:
        entries: id -> entry.
        names: normalized name -> hits (case-insensitive names).
        acronyms: exact text -> hits, for all-capital names ("US", "UN", "IS") that
            must not match lower-case words ("us").
        offices: (country or organization id, title) -> offices sorted by start.
        person_offices: person id -> offices.
        sectors: lemma phrase -> sector noun.
        roles: lemma phrase -> office title.
        max_name_words: the longest name in words (bounds the n-gram search).
    """

    entries: dict[str, KBEntry] = field(default_factory=dict)
    names: dict[str, list[Hit]] = field(default_factory=dict)
    acronyms: dict[str, list[Hit]] = field(default_factory=dict)
    offices: dict[tuple[str, str], list[Office]] = field(default_factory=dict)
    person_offices: dict[str, list[Office]] = field(default_factory=dict)
    sectors: dict[str, SectorNoun] = field(default_factory=dict)
    roles: dict[str, str] = field(default_factory=dict)
    max_name_words: int = 1
    max_phrase_words: int = 1
    first_words: set[str] = field(default_factory=set)
    _starts: dict[str, bool] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls) -> Self:
        """Read the packaged knowledge base (``data/kb.jsonl``)."""
        kb = cls()
        path = resources.files("tidings.actors") / "data" / "kb.jsonl"
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                kb.add_row(json.loads(line))
        for offices in kb.offices.values():
            offices.sort(key=lambda o: o.start or "")
        return kb

    def add_row(self, row: dict[str, object]) -> None:
        """Add one row of the built file (an entry, office, sector or role)."""
        kind = row["t"]
        if kind == "entry":
            self._add_entry(row)
        elif kind == "office":
            office = Office(of=str(row["of"]), title=str(row["title"]),
                            person=str(row["person"]), start=_opt(row.get("start")),
                            end=_opt(row.get("end")), lead=bool(row.get("lead")))
            self.offices.setdefault((office.of, office.title), []).append(office)
            if office.lead:
                self.offices.setdefault((office.of, "leader"), []).append(office)
            self.person_offices.setdefault(office.person, []).append(office)
        elif kind == "sector":
            phrase = str(row["phrase"])
            sectors = row["sectors"]
            assert isinstance(sectors, list)
            self.sectors[phrase] = SectorNoun([str(s) for s in sectors], bool(row.get("generic")))
            self.max_phrase_words = max(self.max_phrase_words, len(phrase.split()))
        elif kind == "role":
            phrase = str(row["phrase"])
            self.roles[phrase] = str(row["title"])
            self.max_phrase_words = max(self.max_phrase_words, len(phrase.split()))

    def _add_entry(self, row: dict[str, object]) -> None:
        sectors = row.get("sectors") or []
        periods = row.get("periods") or []
        assert isinstance(sectors, list) and isinstance(periods, list)
        entry = KBEntry(
            id=str(row["id"]), name=str(row["name"]), kind=str(row["kind"]),
            country=_opt(row.get("country")), sectors=[str(s) for s in sectors],
            periods=[Period(start=p.get("start"), end=p.get("end"), sectors=p["sectors"])
                     for p in periods],
        )
        self.entries[entry.id] = entry
        forms = row.get("forms") or {}
        assert isinstance(forms, dict)
        for form, names in forms.items():
            for name in names:
                self.add_name(name, entry, form)

    def add_name(self, name: str, entry: KBEntry, form: str) -> None:
        """Index ``name`` as a ``form`` of ``entry``."""
        name = name.strip()
        if not name:
            return
        if name.startswith("the ") or name.startswith("The "):
            name = name[4:]
        hit = Hit(entry, form, name[0].isupper())
        self.first_words.add(first_word(name))
        letters = [ch for ch in name if ch.isalpha()]
        if len(letters) <= 5 and letters and all(ch.isupper() for ch in letters):
            bucket = self.acronyms.setdefault(name, [])
        else:
            bucket = self.names.setdefault(norm(name), [])
        if not any(h.entry.id == entry.id and h.form == form for h in bucket):
            bucket.append(hit)
        self.max_name_words = max(self.max_name_words, len(name.split()) + name.count("-") * 2)

    def may_start(self, token_text: str) -> bool:
        """Whether some name begins with this token (prunes the n-gram search; memoized,
        since the same words come back in every document)."""
        hit = self._starts.get(token_text)
        if hit is None:
            if len(self._starts) > 200_000:
                self._starts.clear()
            hit = self._starts[token_text] = first_word(token_text) in self.first_words
        return hit

    def lookup(self, text: str) -> list[Hit]:
        """Entries that ``text`` names (acronyms by exact case, other names by key)."""
        if text[:4] in ("the ", "The "):
            text = text[4:]
        exact = self.acronyms.get(text)
        if exact:
            return exact
        hits = self.names.get(norm(text), [])
        if not hits:
            return []
        if text.islower():
            return [h for h in hits if not h.cased]
        return hits

    def office_holder(self, of: str, title: str, day: str | None) -> Office | None:
        """Who held ``title`` of ``of`` on ``day`` (None when unknown or no date)."""
        if day is None:
            return None
        for office in reversed(self.offices.get((of, title), [])):
            if office.holds(day):
                return office
        return None

    def offices_of(self, person_id: str, day: str | None) -> list[Office]:
        """The offices ``person_id`` held on ``day`` (all of them when ``day`` is None)."""
        return [o for o in self.person_offices.get(person_id, []) if o.holds(day)]


def _opt(value: object) -> str | None:
    return str(value) if value else None
