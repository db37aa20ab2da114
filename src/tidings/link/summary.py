"""A cluster's summary: its best-supported coding, place and time, and its sources."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from tidings.records import Actor, Event, EventCluster, Factuality, Place, TimeValue

CERTAINTY_ORDER: tuple[str, ...] = (
    "asserted", "reported", "planned", "possible", "hypothetical", "negated",
)
"""Without a refutation, a cluster takes the most certain label any member has."""


@dataclass(slots=True, frozen=True)
class Member:
    """An event with what linking knows of its document."""

    event: Event
    published_at: str | None
    outlet: str | None

    def seen_key(self) -> tuple[str, str]:
        """Order of first report: publication time, then id (no date sorts last)."""
        return (self.published_at or "~", self.event.id)


def _best(counter: Counter[str]) -> str | None:
    if not counter:
        return None
    top = max(counter.values())
    return min(k for k, v in counter.items() if v == top)  # ties: the smallest, stably


def _actor_key(a: Actor) -> str:
    return a.id or a.country or a.text.strip().lower()


def _best_actors(lists: Sequence[list[Actor]]) -> list[Actor]:
    """The actors named by the most members (each member counted once per actor)."""
    counts: Counter[str] = Counter()
    first: dict[str, Actor] = {}
    for actors in lists:
        keys = {_actor_key(a) for a in actors}
        counts.update(keys)
        for a in actors:
            first.setdefault(_actor_key(a), a)
    if not counts:
        return []
    top = max(counts.values())
    keep = sorted(k for k, v in counts.items() if v == top or v >= 2)
    return [_bare(first[k]) for k in keep]


def _bare(a: Actor) -> Actor:
    """The actor without its mention offsets (they belong to one document)."""
    return Actor(text=a.text, id=a.id, name=a.name, country=a.country, sectors=list(a.sectors),
                 kind=a.kind, role_start=a.role_start, role_end=a.role_end, method=a.method)


def _best_place(events: Sequence[Event]) -> Place | None:
    counts: Counter[str] = Counter()
    first: dict[str, Place] = {}
    for e in events:
        if e.place and e.place.geonameid is not None:
            gid = str(e.place.geonameid)
            counts[gid] += 1
            first.setdefault(gid, e.place)
    key = _best(counts)
    if key is None:
        return None
    p = first[key]
    return Place(text=p.name or p.text, geonameid=p.geonameid, name=p.name, country=p.country,
                 admin1=p.admin1, lat=p.lat, lon=p.lon, feature_class=p.feature_class,
                 feature_code=p.feature_code, method="cluster")


def _best_time(events: Sequence[Event]) -> TimeValue | None:
    explicit = [e.time for e in events if e.time and not e.time.assumed and e.time.start]
    pool = explicit or [e.time for e in events if e.time and e.time.start]
    if not pool:
        return None
    counts = Counter(f"{t.start}|{t.end or ''}|{t.value or ''}" for t in pool)
    key = _best(counts)
    t = next(t for t in pool if f"{t.start}|{t.end or ''}|{t.value or ''}" == key)
    return TimeValue(text="", value=t.value, start=t.start, end=t.end, duration=t.duration,
                     granularity=t.granularity, anchor=t.anchor, type=t.type, mod=t.mod,
                     assumed=t.assumed)


def cluster_factuality(events: Sequence[Event]) -> Factuality:
    """Refuted if any member is refuted; else the most certain label of any member."""
    refuted = [e for e in events if e.factuality.label == "refuted"]
    if refuted:
        f = min(refuted, key=lambda e: e.id).factuality
        return Factuality(label="refuted", evidence=f.evidence, score=f.score)
    labels = {e.factuality.label for e in events}
    for lab in CERTAINTY_ORDER:
        if lab in labels:
            f = min((e for e in events if e.factuality.label == lab),
                    key=lambda e: e.id).factuality
            return Factuality(label=lab, evidence=f.evidence, score=f.score)
    return Factuality()


def summarize(members: Sequence[Member]) -> EventCluster:
    """The cluster record of ``members`` (at least one); independent of their order."""
    members = sorted(members, key=Member.seen_key)
    events = [m.event for m in members]
    type_ = _best(Counter(e.type for e in events)) or events[0].type
    typed = [e for e in events if e.type == type_]
    code = _best(Counter(e.cameo.code for e in typed))
    cameo = next(e.cameo for e in typed if e.cameo.code == code)
    mode = _best(Counter(e.mode for e in typed)) or ""
    dates = sorted(m.published_at for m in members if m.published_at)
    outlets = {m.outlet for m in members if m.outlet}
    return EventCluster(
        id=members[0].event.id,
        type=type_, mode=mode, cameo=cameo,
        sources=_best_actors([e.sources for e in typed]),
        targets=_best_actors([e.targets for e in typed]),
        place=_best_place(typed) or _best_place(events),
        time=_best_time(typed) or _best_time(events),
        factuality=cluster_factuality(events),
        first_seen=dates[0] if dates else None,
        last_seen=dates[-1] if dates else None,
        n_events=len(events),
        n_documents=len({e.document_id for e in events}),
        n_outlets=len(outlets),
        event_ids=sorted(e.id for e in events),
    )
