"""Whether two events are the same real-world event: a symmetric pairwise decision.

Linking builds clusters as the connected components of this relation, so the
decision must depend on the two events (and their documents) alone: then the
clusters do not depend on the order in which articles arrive.

The decision uses event type, actors, place, time overlap and the similarity of
the evidence sentences; hard conflicts (another place, another day) veto a link.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from tidings.records import Event

STOPWORDS = frozenset([
    "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for",
    "with", "from", "as", "into", "onto", "over", "under", "about", "after", "before",
    "during", "since", "until", "than", "then", "that", "this", "these", "those", "there",
    "here", "it", "its", "it's", "is", "are", "was", "were", "be", "been", "being", "has",
    "have", "had", "do", "does", "did", "not", "no", "nor", "so", "such", "very", "can",
    "could", "will", "would", "shall", "should", "may", "might", "must", "also", "just",
    "only", "more", "most", "other", "some", "any", "each", "few", "many", "much", "own",
    "same", "both", "all", "he", "she", "they", "them", "his", "her", "their", "we", "our",
    "you", "your", "i", "me", "my", "him", "who", "whom", "whose", "which", "what", "when",
    "where", "why", "how", "said", "says", "say", "told", "according", "reported", "report",
    "reports", "news", "agency", "officials", "official", "spokesman", "spokeswoman",
    "statement", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "today", "yesterday", "week", "weekend", "day", "days", "year", "years", "month", "months",
    "last", "next", "late", "early", "one", "two", "three", "four", "five", "six", "seven",
    "eight", "nine", "ten", "first", "second", "new", "mr", "mrs", "ms"
])

_TOKEN = re.compile(r"[A-Za-z][A-Za-z'-]+")

TIME_SLACK_DAYS = 1
"""Explicit event times may differ by this many days (time zones, 'late on Monday')."""

REPORT_WINDOW_DAYS = 2
"""An event without its own time happened within this many days before the report."""

SAME_PLACE_KM = 40.0
"""Places closer than this count as the same place (a city and its district)."""


def content_words(text: str) -> frozenset[str]:
    """Lower-case content words, crudely stemmed (plural and -ed/-ing endings cut)."""
    out = set()
    for w in _TOKEN.findall(text):
        w = w.lower()
        if w in STOPWORDS or len(w) < 3:
            continue
        out.add(stem(w))
    return frozenset(out)


def stem(w: str) -> str:
    for suf in ("ing", "ed", "es", "s"):
        if w.endswith(suf) and len(w) - len(suf) >= 4:
            return w[: -len(suf)]
    return w


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


@dataclass(slots=True, frozen=True)
class EventSig:
    """What linking compares, computed once per event."""

    id: str
    document_id: str
    type: str
    root: str
    sources: frozenset[str]
    targets: frozenset[str]
    geonameid: int | None
    place_country: str | None
    lat: float | None
    lon: float | None
    start: date | None
    end: date | None
    explicit_time: bool
    published: date | None
    words: frozenset[str]
    factuality: str
    # worked out once: linking compares an event with dozens of candidates
    actors: frozenset[str] = field(init=False, compare=False)
    """Sources and targets."""
    resolved: frozenset[str] = field(init=False, compare=False)
    """Actors resolved to a country or knowledge-base id."""
    _window: tuple[date, date] | None = field(init=False, compare=False, repr=False)
    _early: date | None = field(init=False, compare=False, repr=False)
    """The window's first day less the slack explicit times are allowed."""

    def __post_init__(self) -> None:
        actors = self.sources | self.targets
        object.__setattr__(self, "actors", actors)
        object.__setattr__(self, "resolved",
                           frozenset(a for a in actors if not a.startswith("t:")))
        window = self._find_window()
        object.__setattr__(self, "_window", window)
        object.__setattr__(self, "_early", window[0] - timedelta(days=TIME_SLACK_DAYS)
                           if window else None)

    def day(self) -> date | None:
        """The day blocking keys are filed under."""
        return self.start if self.explicit_time and self.start else self.published

    def window(self) -> tuple[date, date] | None:
        """The days the event may have happened on."""
        return self._window

    def _find_window(self) -> tuple[date, date] | None:
        if self.explicit_time and self.start:
            return self.start, self.end or self.start
        if self.published:
            return self.published - timedelta(days=REPORT_WINDOW_DAYS), self.published
        if self.start:
            return self.start, self.end or self.start
        return None


def _date(value: str | None) -> date | None:
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _node(country: str | None, actor_id: str | None, text: str) -> str:
    """Resolved actors by country or id; unresolved ones by their text, marked ``t:``."""
    return country or actor_id or "t:" + text.strip().lower()


def signature(ev: Event, published: str | None) -> EventSig:
    t = ev.time
    p = ev.place
    start = _date(t.start) if t else None
    end = _date(t.end) if t and t.end else start
    explicit = bool(t and not t.assumed and start and t.granularity in ("day", "hour", "minute",
                                                                        "second", "week"))
    if explicit and start and end and (end - start).days > 7:
        explicit = False  # "this month" does not pin an event down
    return EventSig(
        id=ev.id, document_id=ev.document_id, type=ev.type, root=ev.cameo.root,
        sources=frozenset(_node(a.country, a.id, a.text) for a in ev.sources),
        targets=frozenset(_node(a.country, a.id, a.text) for a in ev.targets),
        geonameid=p.geonameid if p else None, place_country=p.country if p else None,
        lat=p.lat if p else None, lon=p.lon if p else None,
        start=start, end=end, explicit_time=explicit, published=_date(published),
        words=content_words(ev.evidence.text), factuality=ev.factuality.label,
    )


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = math.pi / 180
    h = (math.sin((lat2 - lat1) * r / 2) ** 2
         + math.cos(lat1 * r) * math.cos(lat2 * r) * math.sin((lon2 - lon1) * r / 2) ** 2)
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, h)))


_CLOSE: dict[tuple[float, float, float, float], bool] = {}
"""Whether two coordinates are within :data:`SAME_PLACE_KM` (linking meets the same
pairs of places again and again)."""


def _close(lat1: float, lon1: float, lat2: float, lon2: float) -> bool:
    key = (lat1, lon1, lat2, lon2)
    known = _CLOSE.get(key)
    if known is None:
        if len(_CLOSE) > 200_000:
            _CLOSE.clear()
        known = _CLOSE[key] = distance_km(lat1, lon1, lat2, lon2) <= SAME_PLACE_KM
    return known


def place_relation(a: EventSig, b: EventSig) -> str:
    """'same', 'near' (same country), 'unknown' or 'conflict'."""
    if a.geonameid is None or b.geonameid is None:
        return "unknown"
    if a.geonameid == b.geonameid:
        return "same"
    if a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None \
            and _close(a.lat, a.lon, b.lat, b.lon):
        return "same"
    if a.place_country and a.place_country == b.place_country:
        # a country-level place ("in Kazakhstan") is compatible with a city in it
        return "near"
    return "conflict"


def time_relation(a: EventSig, b: EventSig) -> str:
    """'same' (explicit times overlap), 'overlap', 'unknown' or 'conflict'."""
    wa, wb = a._window, b._window
    if wa is None or wb is None:
        return "unknown"
    # wa[0] - slack > wb[1] or wb[0] - slack > wa[1], the differences worked out once
    if a._early > wb[1] or b._early > wa[1]:  # type: ignore[operator]
        return "conflict"
    if a.explicit_time and b.explicit_time:
        return "same"
    return "overlap"


@dataclass(slots=True, frozen=True)
class Decision:
    same: bool
    score: float
    reason: str


LINK_THRESHOLD = 3.0
"""Score at or above which two events in different documents are linked."""


def decide(a: EventSig, b: EventSig, *, near_duplicate: bool = False) -> Decision:
    """Whether ``a`` and ``b`` are the same event; symmetric in ``a`` and ``b``."""
    if a.type != b.type:
        return Decision(False, 0.0, "type")
    words = jaccard(a.words, b.words) if near_duplicate else -1.0
    if near_duplicate and words >= 0.5:
        # a wire copy or an update of the same article: the same sentence again
        return Decision(True, 10.0, "near-duplicate")
    place = place_relation(a, b)
    if place == "conflict":
        return Decision(False, 0.0, "place")
    when = time_relation(a, b)
    if when == "conflict":
        return Decision(False, 0.0, "time")
    if words < 0:  # only now: most candidates are ruled out above
        words = jaccard(a.words, b.words)
    same_doc = a.document_id == b.document_id
    shared = a.actors & b.actors
    # only resolved actors can contradict: unresolved text ("the crowd", "protesters")
    # is worded differently by every outlet
    disjoint = bool(a.resolved) and bool(b.resolved) and not (a.resolved & b.resolved)
    if same_doc:
        # within one article a later mention of the same type ("the threat", "the
        # messages") is the same event unless its arguments say otherwise
        if disjoint and place != "same":
            return Decision(False, 0.0, "actors")
        return Decision(True, 5.0, "same-document")
    score = 0.0
    score += {"same": 2.0, "near": 0.5, "unknown": 0.0}[place]
    score += {"same": 1.0, "overlap": 0.5, "unknown": 0.0}[when]
    if shared:
        score += 1.0 + 2.0 * len(shared) / len(a.actors | b.actors)
        if a.sources & b.sources and a.targets & b.targets:
            score += 0.5
    elif disjoint:
        score -= 1.5
    score += 4.0 * words
    return Decision(score >= LINK_THRESHOLD, round(score, 3), "score")
