"""Toponym resolution with whole-document evidence.

Every distinct name in a document is resolved once (one sense per discourse) by scoring
each gazetteer candidate:

- **prior**: log population, plus feature-type weights (countries and first-level regions
  are what a bare name usually means; an admin-2 region whose population is summed from
  its cities gives way to the city of the same name; capitals get a small bonus) and a
  bonus when the text is the place's preferred name rather than an alias;
- **containment**: "Paris, Texas", "Almaty, Kazakhstan", "Frankfort, Ky." -- a following
  country or first-level region rewards candidates inside it and penalizes the rest;
- **document context**, from the other names' current choices weighted by confidence:
  the share of the document's places in the candidate's country and in its first-level
  region, the distance to the nearest other local place, and the countries of the
  document's actors and demonyms.

Context is applied over a few rounds, each using the previous round's choices. The
``method`` says what decided: ``unique``, ``prior``, ``containment``, ``context`` or
``demonym``.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from tidings.geo.gazetteer import Entry, Gazetteer, normalize
from tidings.geo.recognize import GENERIC_WORDS, Toponym

ROUNDS = 3
MAX_CANDIDATES = 40

_COUNTY = re.compile(r"\b(county|parish|borough)$", re.IGNORECASE)
_SUFFIX = re.compile(r"\s+(province|region|state|district|prefecture|governorate|oblast|"
                     r"city|town|village|island|islands|municipality|territory)$",
                     re.IGNORECASE)
_AFTER_COMMA = re.compile(r",\s*((?:[A-Z][\w’'.]*\.?)(?:\s+[A-Z][\w’'.]*\.?)?)")


@dataclass(slots=True)
class Resolution:
    """One toponym's chosen place.

    Attributes:
        toponym: the name in the text.
        entry: the chosen gazetteer entry, or None when no candidate exists.
        confidence: in [0, 1], from the margin over the runner-up.
        method: what decided (see the module docstring).
    """

    toponym: Toponym
    entry: Entry | None
    confidence: float
    method: str


@dataclass(slots=True)
class _Group:
    key: str
    mentions: list[Toponym]
    candidates: list[Entry]
    prior: list[float]
    containers: list[list[Entry]] = field(default_factory=list)
    demonym: bool = False
    probs: list[float] = field(default_factory=list)
    best: int = -1
    confidence: float = 0.0
    method: str = "prior"


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


@dataclass(slots=True)
class Priors:
    """Feature-type weights added to log10(population)."""

    country: float = 1.75
    continent: float = 2.0
    admin1_us: float = 1.0
    admin1: float = -0.75
    admin2: float = -1.5
    capital: float = 0.25
    primary: float = 1.0
    feature: float = 6.0  # hand-written features (no population)
    region: float = 7.0  # world regions among them ("Middle East")
    seat: float = -2.0  # an admin region whose namesake city dominates it


PRIORS = Priors()


def prior(e: Entry, primary: bool, pr: Priors = PRIORS) -> float:
    """How likely a bare mention of this name means ``e``, before any context."""
    if e.population > 0:
        score = math.log10(e.population + 1)
    elif e.geonameid < 0 or e.fclass in "HLT":
        score = pr.region if e.level == 0 or e.fcode == "RGN" else pr.feature
    else:
        score = 2.5
    if e.is_country:
        score += pr.country
    elif e.fcode in ("CONT", "OCN"):
        score += pr.continent
    elif e.fcode == "ADM1":
        score += pr.admin1_us if e.cc2 == "US" else pr.admin1
    elif e.fcode == "ADM2":
        score += pr.admin2
    elif e.fcode == "PPLC":
        score += pr.capital
    if primary:
        score += pr.primary
    return score


def candidates(gaz: Gazetteer, text: str) -> tuple[list[Entry], frozenset[int]]:
    """Candidates for a name as written and the ids whose preferred name it is.

    A demonym stands for its place ("Canadian" -> Canada, not the town of Canadian).
    An unknown name is tried without a generic suffix ("Hubei Province"), and an unknown
    longer name falls back on the longest known part of it ("Dubai World Cup" ->
    Dubai, "West Surrey" -> Surrey).
    """
    demonym = gaz.country_of_demonym(text)
    if demonym is not None:
        return [demonym], frozenset({demonym.geonameid})
    found = list(gaz.lookup(text))
    if found:
        if _COUNTY.search(text):
            found = [e for e in found if e.fcode == "ADM2"] or found
        return found, gaz.primary(text)
    m = _SUFFIX.search(text)
    if m:
        base = text[:m.start()]
        word = m.group(1).lower()
        found = list(gaz.lookup(base))
        if word in ("city", "town", "village"):
            found = [e for e in found if e.fclass == "P"] or found
        elif word not in ("island", "islands"):
            found = [e for e in found if e.fclass == "A"] or found
        if found:
            return found, gaz.primary(base)
    words = text.split()
    for n in range(len(words) - 1, 0, -1):
        for i in range(len(words) - n + 1):
            part = " ".join(words[i:i + n])
            if not part[:1].isupper() or len(part) < 4 or \
                    all(w.lower().strip(".,") in GENERIC_WORDS for w in words[i:i + n]):
                continue
            hits = [e for e in gaz.lookup(part) if e.level <= 2 or e.population >= 10_000]
            if not hits:
                demonym = gaz.country_of_demonym(part)
                hits = [demonym] if demonym is not None else []
            if hits:
                return hits, gaz.primary(part)
    return [], frozenset()


def resolve(gaz: Gazetteer, text: str, toponyms: Sequence[Toponym],
            actor_countries: Iterable[str] = ()) -> list[Resolution]:
    """Resolve each toponym of a document (``text`` is its full text).

    ``actor_countries`` are ISO 3166 alpha-2 or alpha-3 codes of the document's actors.
    """
    groups = _group(gaz, text, toponyms)
    iso2 = {v: k for k, v in gaz.iso3.items()}
    actors = {iso2.get(c, c) for c in actor_countries}
    for g in groups.values():
        g.best = max(range(len(g.candidates)), key=lambda i: g.prior[i], default=-1)
        if g.candidates:
            g.probs = _probs(g.prior)
            g.confidence = 0.5
    for _ in range(ROUNDS):
        _round(list(groups.values()), actors, gaz.neighbours)
    out = []
    for g in groups.values():
        entry = g.candidates[g.best] if g.best >= 0 else None
        for t in g.mentions:
            out.append(Resolution(t, entry, g.confidence, g.method if entry else "unresolved"))
    out.sort(key=lambda r: r.toponym.start)
    return out


def _group(gaz: Gazetteer, text: str, toponyms: Sequence[Toponym]) -> dict[str, _Group]:
    groups: dict[str, _Group] = {}
    by_start = {t.start: t for t in toponyms}
    for t in toponyms:
        if t.demonym:
            country = gaz.country_of_demonym(t.text)
            key = f"demonym:{country.cc2 if country else normalize(t.text)}"
            cands, primary = (([country], frozenset({country.geonameid})) if country
                              else ([], frozenset()))
        else:
            key = normalize(t.text)
            cands, primary = candidates(gaz, t.text)
        g = groups.get(key)
        if g is None:
            cands = cands[:MAX_CANDIDATES]
            priors = [prior(e, e.geonameid in primary) + (PRIORS.seat if _has_seat(e, cands)
                                                          else 0.0) for e in cands]
            g = groups[key] = _Group(key, [], cands, priors, demonym=t.demonym)
        g.mentions.append(t)
        g.containers.append(_container(gaz, text, t, by_start))
    return groups


def _has_seat(e: Entry, cands: list[Entry]) -> bool:
    """True for an admin region whose namesake city inside it is a large share of its
    people ("Moscow" the city within Moscow the region; "New York" the city within the
    state), or that shares its name with its country's capital ("Washington"): a bare
    name then means the city."""
    if e.fcode not in ("ADM1", "ADM2") or not e.admin1:
        return False
    return any(c.fclass == "P" and c.cc2 == e.cc2 and (
        c.fcode == "PPLC" or (c.admin1 == e.admin1 and c.population >= 0.25 * e.population))
        for c in cands)


def _container(gaz: Gazetteer, text: str, t: Toponym,
               by_start: dict[int, Toponym]) -> list[Entry]:
    """Countries or first-level regions named right after ``t`` ("Paris, Texas")."""
    m = _AFTER_COMMA.match(text, t.end)
    if m is None:
        return []
    nxt = next((by_start[s] for s in range(m.start(1), m.start(1) + 1) if s in by_start), None)
    name = nxt.text if nxt is not None else m.group(1)
    found = [e for e in gaz.lookup(name) if e.level <= 2]
    if not found and " " in name:
        found = [e for e in gaz.lookup(name.split()[0]) if e.level <= 2]
    return found


def _inside(e: Entry, container: Entry) -> bool:
    if container.is_country:
        return e.cc2 == container.cc2 and e.geonameid != container.geonameid
    if container.fcode == "ADM1":
        return (e.cc2 == container.cc2 and e.admin1 == container.admin1
                and e.geonameid != container.geonameid)
    return False


@dataclass(slots=True)
class Weights:
    """How much each kind of evidence counts (log-population units)."""

    containment: float = 5.0
    contained_elsewhere: float = -2.0
    country: float = 3.0
    admin1: float = 3.5
    proximity: float = 2.0
    actor: float = 3.0  # for local places (cities, counties) only
    neighbour: float = 1.5
    country_mention: float = 0.5  # a country named as such counts this much


WEIGHTS = Weights()
_CELL = 1.0  # degrees: the grid cell of the proximity index


def _probs(scores: list[float]) -> list[float]:
    top = max(scores)
    ex = [math.exp(s - top) for s in scores]
    total = sum(ex)
    return [x / total for x in ex]


def _near(d: float) -> float:
    return 1.0 if d < 40 else 0.75 if d < 100 else 0.5 if d < 200 else \
        0.15 if d < 500 else 0.0


def _round(groups: list[_Group], actors: set[str], neighbours: dict[str, frozenset[str]],
           w: Weights = WEIGHTS) -> None:
    """Rescore every group against the others' current beliefs.

    Evidence is soft: each other group contributes through the probability it gives its
    candidates, so two ambiguous names near each other ("Paris" and "Henry County")
    can pull each other to the right pair.
    """
    country_w: dict[str, float] = defaultdict(float)
    admin_w: dict[tuple[str, str], float] = defaultdict(float)
    own_c: dict[int, dict[str, float]] = {}
    own_a: dict[int, dict[tuple[str, str], float]] = {}
    grid: dict[tuple[int, int], list[tuple[int, float, float, float]]] = defaultdict(list)
    total = 0.0
    weight: dict[int, float] = {}
    for gi, g in enumerate(groups):
        if not g.candidates:
            continue
        wg = (0.3 + 0.7 * g.confidence) * math.sqrt(len(g.mentions))
        weight[gi] = wg
        total += wg
        oc: dict[str, float] = defaultdict(float)
        oa: dict[tuple[str, str], float] = defaultdict(float)
        for e, p in zip(g.candidates, g.probs, strict=True):
            # A country named as such says less about where the rest of the document is
            # than its cities or its demonym ("Canadian officials") do.
            pw = p * (w.country_mention if e.level <= 1 and not g.demonym else 1.0)
            if e.level >= 3 and p >= 0.001:
                # Nearness counts even for unlikely candidates (square root): two
                # ambiguous names with a pair of candidates close together are rare
                # by chance, so the pair is evidence for both.
                cell = (int(e.lat // _CELL), int(e.lon // _CELL))
                grid[cell].append((gi, wg * math.sqrt(p), e.lat, e.lon))
            if p < 0.02:
                continue
            if e.cc2:
                oc[e.cc2] += wg * pw
            if e.admin1 and e.level >= 2:
                oa[(e.cc2, e.admin1)] += wg * p
        for k, v in oc.items():
            country_w[k] += v
        for k2, v in oa.items():
            admin_w[k2] += v
        own_c[gi], own_a[gi] = oc, oa
    for gi, g in enumerate(groups):
        if len(g.candidates) <= 1:
            g.best = 0 if g.candidates else -1
            g.confidence = 1.0 if g.candidates else 0.0
            g.probs = [1.0] * len(g.candidates)
            g.method = "demonym" if g.demonym else "unique"
            continue
        rest = total - weight.get(gi, 0.0)
        oc, oa = own_c.get(gi, {}), own_a.get(gi, {})
        scores = []
        contained = any(g.containers)
        for i, e in enumerate(g.candidates):
            s = g.prior[i]
            if contained:
                inside = any(_inside(e, c) for cont in g.containers for c in cont)
                s += w.containment if inside else w.contained_elsewhere
            if rest > 0:
                s += w.country * max(country_w.get(e.cc2, 0.0) - oc.get(e.cc2, 0.0), 0.0) / rest
                if e.admin1:
                    k2 = (e.cc2, e.admin1)
                    s += w.admin1 * max(admin_w.get(k2, 0.0) - oa.get(k2, 0.0), 0.0) / rest
            if e.cc2 in actors and e.level >= 3:
                s += w.actor
            if rest > 0 and e.cc2 and w.neighbour:
                near = sum(country_w.get(n, 0.0) - oc.get(n, 0.0)
                           for n in neighbours.get(e.cc2, ()))
                s += w.neighbour * max(near, 0.0) / rest
            if e.level >= 3 and grid and rest > 0:
                s += w.proximity * min(1.0, _proximity(e, gi, grid))
            scores.append(s)
        g.probs = _probs(scores)
        order = sorted(range(len(scores)), key=lambda i: -scores[i])
        best, second = order[0], order[1]
        g.best = best
        g.confidence = 1.0 - math.exp(-(scores[best] - scores[second]))
        top_prior = max(range(len(g.prior)), key=lambda i: g.prior[i])
        if g.demonym:
            g.method = "demonym"
        elif best == top_prior:
            g.method = "prior"
        else:
            g.method = "containment" if contained else "context"


def _proximity(e: Entry, gi: int, grid: dict[tuple[int, int], list[tuple[int, float, float, float]]]
               ) -> float:
    """Support from other groups' candidates near ``e``: each group counts once, at its
    candidate that best combines probability and nearness."""
    best: dict[int, float] = {}
    ci, cj = int(e.lat // _CELL), int(e.lon // _CELL)
    for di in (-2, -1, 0, 1, 2):
        for dj in (-3, -2, -1, 0, 1, 2, 3):
            for gj, wp, lat, lon in grid.get((ci + di, cj + dj), ()):
                if gj == gi:
                    continue
                v = wp * _near(km(e.lat, e.lon, lat, lon))
                if v > best.get(gj, 0.0):
                    best[gj] = v
    return sum(best.values())
