"""Toponym recognition: spaCy entities, demonyms and a gazetteer match over the parse.

Three sources, merged without overlaps (earlier wins):

1. GPE, LOC and FAC entities (FAC only when the gazetteer knows the name), NORP entities
   that are demonyms ("Kazakh" -> Kazakhstan), and one-word PERSON/ORG entities that
   name a country, an admin-1 region or a large city (the small model mislabels
   "Georgia" or "Jordan" now and then).
2. Runs of proper nouns that no entity covers and that the gazetteer knows as a
   significant place (a country, a region or a city of 20,000 people or more), so
   names the model missed are still found.
3. Lower-case names ("floods in houston"): only after a locative preposition, only for
   the preferred names of countries, admin-1 regions and cities of 300,000 or more, and
   never for words that are also common English words ("turkey", "china", "reading":
   the gazetteer's list of place names found lower-case in an English dictionary).

Person names that are also towns are filtered: a multi-word PERSON entity is never a
toponym, and a proper-noun run inside a person's name ("Jackson" in "Andrew Jackson")
is not looked up.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tidings.geo.gazetteer import Gazetteer

if TYPE_CHECKING:
    from spacy.tokens import Doc

LOCATIVE_PREPS = frozenset({"in", "at", "near", "from", "to", "into", "across", "outside",
                            "inside", "throughout", "around", "towards", "toward", "via",
                            "within", "between", "through", "of"})

# Lower-case words that name places but are mostly something else in news text.
COMMON_WORDS = frozenset({
    "turkey", "china", "chad", "jordan", "georgia", "nice", "reading", "bath", "mobile",
    "split", "orange", "victoria", "florence", "marion", "young", "media", "union",
    "independence", "liberty", "concord", "harmony", "unity", "hope", "faith", "wise",
    "bowling green", "buffalo", "eagle", "moody", "price", "cash", "gladstone", "mission",
    "normal", "commerce", "industry", "enterprise", "friendship", "paradise", "opportunity",
    "wedding", "man", "most", "best", "god", "guinea", "niger", "mali", "cuba", "sale",
    "spa", "bar", "san", "la", "us", "un", "eu", "ok", "me", "oh", "hi", "in", "or",
    "state", "city", "town", "county", "central", "north", "south", "east", "west",
})

# Words that name no place by themselves; the fallback on a part of an unknown name
# ("Dubai World Cup" -> Dubai) never stops on them.
GENERIC_WORDS = frozenset({
    "north", "south", "east", "west", "northern", "southern", "eastern", "western",
    "central", "upper", "lower", "new", "old", "great", "greater", "little", "big", "lake",
    "river", "mount", "saint", "port", "fort", "university", "college", "school", "state",
    "republic", "islamic", "united", "world", "cup", "center", "centre", "airport", "metro",
    "station", "hospital", "medical", "church", "street", "road", "avenue", "park", "square",
    "tower", "hotel", "stadium", "island", "islands", "city", "town", "county", "district",
    "estate", "wing", "house", "hall", "bank", "union", "federal", "national", "international",
    "and", "of", "the", "de", "la", "el", "al", "mdc", "club", "market", "bay", "beach",
})
CALENDAR = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "today", "day"})

# Words that begin a person's name; a proper-noun run after them is not a place.
_TITLES = frozenset({"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "president", "gen",
                     "col", "capt", "lt", "sgt", "officer", "judge", "coach", "rev",
                     "saint", "pope", "king", "queen", "prince", "princess", "lord", "sir"})


@dataclass(slots=True)
class Toponym:
    """A place name found in the text.

    Attributes:
        start, end: character offsets.
        text: the name as written.
        source: where it came from (GPE, LOC, FAC, NORP, PERSON, ORG, GAZ, LOWER, GOLD).
        demonym: the text is a demonym or adjective standing for a country.
    """

    start: int
    end: int
    text: str
    source: str
    demonym: bool = False


def _strip(toks: _Tokens, i: int, j: int) -> tuple[int, int]:
    """Drop a leading "the" and a trailing possessive from token span [i, j)."""
    while i < j and toks.lower[i] in ("the", "'s", "’s"):
        i += 1
    while j > i and toks.lower[j - 1] in ("'s", "’s", "'", "’"):
        j -= 1
    return i, j


def _significant(gaz: Gazetteer, text: str, min_pop: int) -> bool:
    for e in gaz.lookup(text):
        if e.level <= 2 or e.population >= min_pop or (e.population == 0 and e.geonameid < 0):
            return True
    return False


class _Tokens:
    """Per-token attributes read once: spaCy builds a Python object at each ``doc[i]``."""

    __slots__ = ("alpha", "end", "ents", "gpe", "lower", "n", "pos", "start", "text",
                 "text_all")

    def __init__(self, doc: Doc, text: str) -> None:
        from spacy.parts_of_speech import NOUN, PROPN

        self.text_all = text
        rows = doc.to_array(["IDX", "LENGTH", "POS", "IS_ALPHA", "ENT_TYPE",
                             "ENT_IOB"]).tolist()
        gpe = doc.vocab.strings["GPE"]
        pos_names = {PROPN: "PROPN", NOUN: "NOUN"}
        self.start = [r[0] for r in rows]
        self.end = [r[0] + r[1] for r in rows]
        self.text = [text[a:b] for a, b in zip(self.start, self.end, strict=True)]
        self.lower = [t.lower() for t in self.text]
        self.pos = [pos_names.get(r[2], "") for r in rows]
        self.alpha = [bool(r[3]) for r in rows]
        self.gpe = [r[4] == gpe for r in rows]
        self.n = len(rows)
        # Entity spans from the IOB codes (3 begins, 1 continues): reading ``doc.ents``
        # would build a Python object for every token.
        self.ents: list[tuple[int, int, str]] = []
        for i, r in enumerate(rows):
            if r[5] == 3:
                self.ents.append((i, i + 1, doc.vocab.strings[r[4]]))
            elif r[5] == 1 and self.ents and self.ents[-1][1] == i:
                a, _, label = self.ents[-1]
                self.ents[-1] = (a, i + 1, label)

    def span(self, i: int, j: int) -> str:
        return self.text_all[self.start[i]:self.end[j - 1]]

    def proper(self, i: int) -> bool:
        return self.pos[i] == "PROPN" and self.alpha[i] and self.text[i][:1].isupper()


def recognize(doc: Doc, gaz: Gazetteer, text: str | None = None) -> list[Toponym]:
    """Toponyms in a parsed document, in text order, without overlaps.

    ``text`` is ``doc.text`` when the caller has it (spaCy rebuilds it at each read).
    """
    toks = _Tokens(doc, doc.text if text is None else text)
    found: list[Toponym] = []
    taken = [False] * toks.n

    def add(i: int, j: int, source: str, demonym: bool = False) -> None:
        if i >= j or any(taken[i:j]):
            return
        for k in range(i, j):
            taken[k] = True
        found.append(Toponym(toks.start[i], toks.end[j - 1], toks.span(i, j), source, demonym))

    person = [False] * toks.n
    for e_start, e_end, label in toks.ents:
        i, j = _strip(toks, e_start, e_end)
        if i >= j:
            continue
        text = toks.span(i, j)
        if (text.islower() and text in COMMON_WORDS) or not text[:1].isalpha():
            continue
        if label in ("GPE", "LOC"):
            # A name the gazetteer lacks is kept only where a place is expected: the
            # model labels some surnames GPE.
            if gaz.has_name(text) or _after_locative(toks, i):
                add(i, j, label)
        elif label == "FAC":
            if gaz.has_name(text):
                add(i, j, label)
        elif label == "NORP":
            if gaz.country_of_demonym(text) is not None:
                add(i, j, label, demonym=True)
        elif label in ("PERSON", "ORG"):
            if label == "PERSON":
                for k in range(e_start, e_end):
                    person[k] = True
            # Only a country, a first-level region or a capital: "Georgia" or "Moscow"
            # labelled as a person or an organization, not "Lincoln" or "Toyota".
            if j - i == 1 and toks.alpha[i] and text[:1].isupper() and \
                    text.lower() not in GENERIC_WORDS and _major(gaz, text) \
                    and not _personal(toks, i):
                add(i, j, label)
    _gap_fill(toks, gaz, taken, person, add)
    _lower_case(toks, gaz, taken, add)
    found.sort(key=lambda t: t.start)
    return found


def _major(gaz: Gazetteer, text: str) -> bool:
    primary = gaz.primary(text)
    return any(e.geonameid in primary and (e.level <= 2 or e.fcode == "PPLC")
               for e in gaz.lookup(text))


def _after_locative(toks: _Tokens, i: int) -> bool:
    """True when token i follows a locative preposition (skipping a "the")."""
    k = i - 1
    if k >= 0 and toks.lower[k] == "the":
        k -= 1
    return k >= 0 and toks.lower[k] in LOCATIVE_PREPS


def _place_context(toks: _Tokens, i: int, j: int) -> bool:
    """Cues that tokens [i, j) name a place: a locative preposition before them, or a
    comma and a country or state after them, or before them a comma after a place name
    ("Dayton, Ohio")."""
    if _after_locative(toks, i):
        return True
    if j + 1 < toks.n and toks.text[j] == "," and toks.gpe[j + 1]:
        return True
    return i >= 2 and toks.text[i - 1] == "," and toks.gpe[i - 2]


def _personal(toks: _Tokens, i: int) -> bool:
    """True when token i follows a title that begins a person's name ("Gov. Jackson")."""
    return i > 0 and toks.lower[i - 1].rstrip(".") in _TITLES


def _gap_fill(toks: _Tokens, gaz: Gazetteer, taken: list[bool], person: list[bool],
              add: Callable[[int, int, str], None]) -> None:
    """Proper-noun runs the model did not label as places.

    The longest known name starting at each proper noun is taken when it is a country or
    a first-level region, or when a cue says a place is meant (a locative preposition
    before it, a state after a comma) and it names a place of 20,000 people or more --
    never a month or weekday, a generic word, or a surname of someone named in the text.
    Without a cue, one-word names are too often common words ("March", "Police") or
    surnames ("Lincoln") to be taken.
    """
    n = toks.n
    # Surnames: "Scott" alone is the person named "Rick Scott" earlier.
    names = {toks.text[k] for k in range(n) if person[k]}
    i = 0
    while i < n:
        if taken[i] or person[i] or not toks.proper(i):
            i += 1
            continue
        j = i
        while j < n and j - i < 4 and not taken[j] and not person[j] and toks.proper(j):
            j += 1
        if _personal(toks, i):
            i = j
            continue
        for k in range(j, i, -1):
            text = toks.span(i, k)
            low = text.lower()
            if k - i == 1 and (low in GENERIC_WORDS or low in CALENDAR or len(text) < 3
                               or text in names):
                continue
            if not (_major(gaz, text) or _place_context(toks, i, k)):
                continue
            if _significant(gaz, text, 20_000):
                add(i, k, "GAZ")
                i = k
                break
        else:
            i += 1


def _lower_case(toks: _Tokens, gaz: Gazetteer, taken: list[bool],
                add: Callable[[int, int, str], None]) -> None:
    def candidate(i: int) -> bool:
        w = toks.text[i]
        return (not taken[i] and toks.alpha[i] and w.islower()
                and toks.pos[i] in ("NOUN", "PROPN"))

    for i in range(1, toks.n):
        if len(toks.text[i]) < 4 or toks.lower[i - 1] not in LOCATIVE_PREPS or \
                not candidate(i):
            continue
        for k in (i + 2, i + 1):
            if k > toks.n or not all(candidate(m) for m in range(i, k)):
                continue
            text = toks.span(i, k)
            if text in COMMON_WORDS or text in gaz.common_words:
                continue
            primary = gaz.primary(text)
            if any(e.geonameid in primary and (e.level <= 2 or e.population >= 300_000)
                   for e in gaz.lookup(text)):
                add(i, k, "LOWER")
                break
