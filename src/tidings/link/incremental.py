"""Incremental linking inside the write path.

Each new event is compared with the stored events it shares a blocking key with
(type with an actor, type with a place) on a nearby day, with the events of
near-duplicate articles, and with the other events of its own article. Links
join clusters (union-find); only the clusters touched by a batch are rewritten,
never the whole database. Because the clusters are the connected components of a
symmetric pairwise relation, they do not depend on the order of ingestion.

The batch is linked before its events are written, so that each new record is
written once, with its cluster id: the batch's own blocking keys and document
fingerprints are held in memory, earlier batches' are looked up in the database.
Decoded stored events are kept across batches in a :class:`LinkCache` (a stored
record never changes except for its cluster id, which is read from its column).
"""

from __future__ import annotations

import dataclasses
import itertools
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.engine import Connection

from tidings.link import minhash
from tidings.link.features import EventSig, decide, signature
from tidings.link.summary import Member, summarize
from tidings.records import Document, Event
from tidings.store.codec import event_from_json, plain
from tidings.store.schema import clusters, document_lsh, document_minhash, events, link_keys


@dataclass(slots=True)
class LinkHints:
    """What linking needs of one document that depends on nothing stored: its MinHash
    signature and LSH bands, and its events' signatures. Worked out where the
    document was analysed (an ingest worker, see :func:`link_hints`), so that the
    process that writes, the only one, does less; ``Store.add`` takes them."""

    document_id: str
    minhash: Any  # numpy array of minhash.NUM_PERM unsigned integers
    bands: list[str]
    sigs: list[EventSig]

    def fits(self, document: Document, evs: Sequence[Event]) -> bool:
        """Whether these are the hints of ``document`` with exactly ``evs``."""
        return self.document_id == document.id and len(self.sigs) == len(evs) and all(
            s.id == ev.id for s, ev in zip(self.sigs, evs, strict=True))


def link_hints(document: Document, evs: Sequence[Event]) -> LinkHints:
    """The :class:`LinkHints` of a document with its events."""
    published = document.published_at.isoformat() if document.published_at else None
    sig = minhash.signature(document.text)
    return LinkHints(document.id, sig, minhash.bands(sig),
                     [signature(ev, published) for ev in evs])


KEY_WINDOW_DAYS = 7
"""Candidates are looked up among events filed this many days either side."""

NO_DAY = "0000-00-00"


def blocking_keys(sig: EventSig) -> list[str]:
    """Keys an event is filed under; two events are compared only if they share one."""
    keys = {f"{sig.type}|a:{node}"[:120] for node in sig.actors}
    if sig.geonameid is not None:
        keys.add(f"{sig.type}|g:{sig.geonameid}")
    if sig.place_country:
        keys.add(f"{sig.type}|c:{sig.place_country}")
    return sorted(keys)


def _days(sig: EventSig) -> tuple[str, str]:
    """The first and last day of the keys an event is compared under."""
    day = sig.day()
    if day is None:
        return NO_DAY, NO_DAY
    return ((day - timedelta(days=KEY_WINDOW_DAYS)).isoformat(),
            (day + timedelta(days=KEY_WINDOW_DAYS)).isoformat())


def _slot(key: str, day: str) -> tuple[str, bool]:
    """Undated keys are fetched apart from dated ones (their day sorts before all)."""
    return key, day == NO_DAY


def _day(sig: EventSig) -> str:
    day = sig.day()
    return day.isoformat() if day else NO_DAY


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


@dataclass(slots=True, frozen=True)
class Stored:
    """A stored event as linking needs it: its signature and its summary member (the
    member's event carries the cluster id its record had when it was read)."""

    sig: EventSig
    member: Member


class LinkCache:
    """Stored events already decoded, kept by a :class:`~tidings.store.Store` across
    batches: decoding the candidates' JSON again at every batch cost more than the
    comparisons. Bounded (the least recently used go first; an entry is a few KB, so
    the default 10,000 hold the last weeks of a busy feed in tens of MB); filled only
    from committed batches."""

    def __init__(self, limit: int = 10_000) -> None:
        self.limit = limit
        self.items: dict[str, Stored] = {}

    def get(self, event_id: str) -> Stored | None:
        return self.items.get(event_id)

    def update(self, entries: dict[str, Stored]) -> None:
        """Add the entries of a committed batch, dropping the oldest over the limit."""
        for eid, item in entries.items():
            self.items.pop(eid, None)
            self.items[eid] = item
        over = len(self.items) - self.limit
        if over > 0:
            for eid in list(itertools.islice(self.items, over)):
                del self.items[eid]


@dataclass(slots=True)
class _New:
    event: Event
    published: str | None
    outlet: str | None


class Linker:
    """Links the events of one write batch.

    Call :meth:`add_document` for each new document (before its rows are written),
    then :meth:`finish` (which gives each new event its cluster id), write the
    batch's rows, then :meth:`write`; after the commit, :meth:`committed` fills the
    cache.
    """

    def __init__(self, conn: Connection, cache: LinkCache | None = None) -> None:
        self.conn = conn
        self.cache = cache if cache is not None else LinkCache()
        self.uf = _UnionFind()
        self.sigs: dict[str, EventSig] = {}
        self.node: dict[str, str] = {}  # event id -> union-find node (cluster id or event id)
        self.new: dict[str, _New] = {}
        self.cluster_of: dict[str, str] = {}  # new event id -> its cluster id (after finish)
        # this batch's blocking keys and fingerprints (earlier batches' are in the database)
        self.keys: dict[str, list[tuple[str, str]]] = {}
        self.bands: dict[str, set[str]] = {}
        self.minhashes: dict[str, Any] = {}  # document id -> its MinHash signature
        self.doc_events: dict[str, list[str]] = {}
        # stored (day, event id, cluster id) rows per blocking key (and whether undated),
        # for the span of days fetched
        self.fetched: dict[tuple[str, bool], tuple[str, str, list[tuple[str, str, Any]]]] = {}
        self.key_rows: list[dict[str, str]] = []
        self.lsh_rows: list[dict[str, str]] = []
        self.minhash_rows: list[dict[str, object]] = []
        self.updates: list[dict[str, str]] = []
        self.dropped: list[str] = []
        self.cluster_rows: list[dict[str, object]] = []
        self.seen: dict[str, Stored] = {}  # stored and new events, for the cache

    # -- per document -------------------------------------------------------------

    def add_document(self, document: Document, evs: list[Event],
                     hints: LinkHints | None = None) -> None:
        """Link a new document's events; ``hints`` (computed elsewhere) are used when
        they are this document's with these events, else worked out here."""
        published = document.published_at.isoformat() if document.published_at else None
        if hints is None or not hints.fits(document, evs):
            hints = link_hints(document, evs)
        near = self._near_duplicates(document, hints.minhash, hints.bands)
        sigs = hints.sigs
        for ev, sig in zip(evs, sigs, strict=True):
            self.sigs[ev.id] = sig
            self.node[ev.id] = "e:" + ev.id
            self.uf.find("e:" + ev.id)
            self.new[ev.id] = _New(ev, published, document.outlet)
        near_events = self._events_of(near) if near else set()
        self._fetch(sigs)
        own = {s.id for s in sigs}
        find = self.uf.find
        for i, sig in enumerate(sigs):
            for other in sigs[:i]:  # the article's own earlier events
                if find(self.node[sig.id]) != find(self.node[other.id]) and \
                        decide(sig, other).same:
                    self.uf.union(self.node[sig.id], self.node[other.id])
            cands = self._candidates(sig) | near_events
            cands -= own
            for cid in sorted(cands):
                # already joined (through another candidate): the decision cannot
                # change the clusters, so it is not taken
                if find(self.node[sig.id]) == find(self.node[cid]):
                    continue
                other = self.sigs[cid]
                if decide(sig, other, near_duplicate=other.document_id in near).same:
                    self.uf.union(self.node[sig.id], self.node[cid])
        self.doc_events[document.id] = [ev.id for ev in evs]
        for s in sigs:
            day = _day(s)
            for k in blocking_keys(s):
                self.keys.setdefault(k, []).append((day, s.id))
                self.key_rows.append({"key": k, "day": day, "event_id": s.id})

    def _near_duplicates(self, document: Document, sig: Any, bands: list[str]) -> set[str]:
        found = {r[0] for r in self.conn.execute(
            select(document_lsh.c.document_id).where(document_lsh.c.band.in_(bands))
            .distinct())}
        near = set()
        if found:
            for doc_id, enc in self.conn.execute(
                    select(document_minhash.c.document_id, document_minhash.c.signature)
                    .where(document_minhash.c.document_id.in_(sorted(found)))):
                if minhash.similarity(sig, minhash.decode(enc)) >= minhash.NEAR_DUPLICATE:
                    near.add(doc_id)
        in_batch = set().union(*(self.bands.get(b, ()) for b in bands))
        for doc_id in sorted(in_batch):
            if minhash.similarity(sig, self.minhashes[doc_id]) >= minhash.NEAR_DUPLICATE:
                near.add(doc_id)
        self.minhashes[document.id] = sig
        for b in bands:
            self.bands.setdefault(b, set()).add(document.id)
        self.minhash_rows.append({"document_id": document.id,
                                  "signature": minhash.encode(sig)})
        self.lsh_rows += [{"band": b, "document_id": document.id} for b in bands]
        return near

    def _candidates(self, sig: EventSig) -> set[str]:
        """Events sharing a blocking key with ``sig`` on a nearby day (loaded)."""
        keys = blocking_keys(sig)
        if not keys:
            return set()
        lo, hi = _days(sig)
        out: set[str] = set()
        stored: dict[str, str | None] = {}
        for k in keys:
            for day, eid, cluster_id in self.fetched[_slot(k, lo)][2]:
                if lo <= day <= hi:
                    stored[eid] = cluster_id
            out.update(eid for d, eid in self.keys.get(k, ()) if lo <= d <= hi)
        self._load(stored)
        out.update(stored)
        return out

    def _fetch(self, sigs: list[EventSig]) -> None:
        """The stored rows under the blocking keys of an article's events, in one query.

        The database does not change while a batch is linked (its rows are written at
        the end): rows already fetched for a key and a span of days are kept for the
        batch (a query per event and key cost more than the comparisons)."""
        need: dict[tuple[str, bool], tuple[str, str]] = {}
        for sig in sigs:
            lo, hi = _days(sig)
            for k in blocking_keys(sig):
                slot = _slot(k, lo)
                have = self.fetched.get(slot)
                if have is not None and have[0] <= lo and hi <= have[1]:
                    continue
                old = need.get(slot) or (have[:2] if have is not None else (lo, hi))
                need[slot] = (min(old[0], lo), max(old[1], hi))
        for slot, (a, b) in need.items():
            self.fetched[slot] = (a, b, [])
        for undated in (False, True):  # apart: an undated key's day sorts before all
            spans = [r for (_, u), r in need.items() if u == undated]
            if not spans:
                continue
            q = (select(link_keys.c.key, link_keys.c.day, link_keys.c.event_id,
                        events.c.cluster_id)
                 .join(events, events.c.id == link_keys.c.event_id)
                 .where(link_keys.c.key.in_(sorted({k for k, u in need if u == undated})))
                 .where(link_keys.c.day.between(min(r[0] for r in spans),
                                                max(r[1] for r in spans))))
            for key, day, eid, cluster_id in self.conn.execute(q):
                slot = _slot(key, day)
                got = self.fetched.get(slot)
                if slot in need and got is not None and got[0] <= day <= got[1]:
                    got[2].append((day, eid, cluster_id))

    def _events_of(self, doc_ids: Iterable[str]) -> set[str]:
        out: set[str] = set()
        stored = sorted(d for d in doc_ids if d not in self.doc_events)
        for d in doc_ids:
            out.update(self.doc_events.get(d, ()))
        if stored:
            found = {eid: cluster for eid, cluster in self.conn.execute(
                select(events.c.id, events.c.cluster_id)
                .where(events.c.document_id.in_(stored)))}
            self._load(found)
            out.update(found)
        return out

    def _load(self, clusters_of: dict[str, str | None]) -> None:
        """Signatures and union-find nodes of stored events (id -> stored cluster id)."""
        todo = []
        for eid, cluster_id in clusters_of.items():
            if eid in self.sigs:
                continue
            self.node[eid] = "c:" + cluster_id if cluster_id else "e:" + eid
            self.uf.find(self.node[eid])
            item = self.seen.get(eid) or self.cache.get(eid)
            if item is None:
                todo.append(eid)
            else:
                self.seen[eid] = item
                self.sigs[eid] = item.sig
        for item in self._read(todo):
            self.sigs[item.sig.id] = item.sig

    def _read(self, ids: list[str]) -> list[Stored]:
        """Decode stored events (not cached)."""
        out = []
        for chunk in range(0, len(ids), 500):
            part = sorted(ids[chunk:chunk + 500])
            for record, published, outlet in self.conn.execute(
                    select(events.c.record, events.c.published_at, events.c.outlet)
                    .where(events.c.id.in_(part))):
                ev = event_from_json(record)
                item = Stored(signature(ev, published), Member(ev, published, outlet))
                self.seen[ev.id] = item
                out.append(item)
        return out

    # -- per batch ----------------------------------------------------------------

    def finish(self) -> int:
        """Summarize the clusters the batch touched and give each new event its cluster
        id (:attr:`cluster_of`); the writes wait for :meth:`write`. Returns how many
        clusters."""
        groups: dict[str, set[str]] = {}
        for eid in self.new:
            groups.setdefault(self.uf.find(self.node[eid]), set())
        for node in list(self.uf.parent):
            root = self.uf.find(node)
            if root in groups:
                groups[root].add(node)
        # the stored members of every touched cluster, in one query per 500 names
        group_of: dict[str, str] = {}
        for root, nodes in groups.items():
            for n in nodes:
                group_of[n] = root
        old = sorted(n[2:] for n in group_of if n.startswith("c:"))
        loose = sorted(n[2:] for n in group_of if n.startswith("e:") and n[2:] not in self.new)
        rows: dict[str, tuple[str | None, str]] = {}  # stored event id -> (cluster, root)
        for col, names, prefix in ((events.c.cluster_id, old, "c:"),
                                   (events.c.id, loose, "e:")):
            for chunk in range(0, len(names), 500):
                for eid, cluster_id in self.conn.execute(
                        select(events.c.id, events.c.cluster_id)
                        .where(col.in_(names[chunk:chunk + 500]))):
                    key = prefix + (cluster_id if prefix == "c:" else eid)
                    rows[eid] = (cluster_id, group_of[key])
        self._read(sorted(e for e in rows if e not in self.seen
                          and self.cache.get(e) is None))
        members: dict[str, list[tuple[Member, str | None]]] = {root: [] for root in groups}
        for eid, (cluster_id, root) in rows.items():
            item = self.seen.get(eid) or self.cache.get(eid)
            assert item is not None
            self.seen[eid] = item
            members[root].append((item.member, cluster_id))
        for eid, new in self.new.items():
            members[self.uf.find(self.node[eid])].append((Member(new.event, new.published,
                                                                 new.outlet), None))
        for root in sorted(groups):
            self._summarize(members[root])
        self.dropped = old
        return len(groups)

    def _summarize(self, members: list[tuple[Member, str | None]]) -> None:
        cl = summarize([m for m, _ in members])
        for m, cluster_id in members:
            ev = m.event
            if ev.id in self.new:
                self.cluster_of[ev.id] = cl.id
                continue
            # the stored public record carries the cluster id too: rewrite those that change
            if cluster_id != cl.id or ev.cluster_id != cl.id:
                ev = dataclasses.replace(ev, cluster_id=cl.id)
                self.seen[ev.id] = Stored(self.seen[ev.id].sig,
                                          Member(ev, m.published_at, m.outlet))
                self.updates.append({"b_id": ev.id, "b_cluster": cl.id,
                                     "b_record": json.dumps(plain(ev), ensure_ascii=False)})
        self.cluster_rows.append(cluster_row(cl))

    def write(self) -> None:
        """Write what linking found, after the batch's documents and events."""
        if self.updates:
            # one statement each for the whole batch: a statement per event cost more
            # than the linking itself
            self.conn.execute(update(events).where(events.c.id == bindparam("b_id")).values(
                cluster_id=bindparam("b_cluster"), record=bindparam("b_record")), self.updates)
        for chunk in range(0, len(self.dropped), 500):
            self.conn.execute(delete(clusters).where(
                clusters.c.id.in_(self.dropped[chunk:chunk + 500])))
        for table, rows in ((clusters, self.cluster_rows), (link_keys, self.key_rows),
                            (document_minhash, self.minhash_rows),
                            (document_lsh, self.lsh_rows)):
            if rows:
                self.conn.execute(table.insert(), rows)

    def committed(self) -> None:
        """The batch is stored: keep its decoded events for the next batches."""
        entries = dict(self.seen)
        for eid, n in self.new.items():
            ev = n.event
            cid = self.cluster_of.get(eid, ev.cluster_id)
            if ev.cluster_id != cid:
                ev = dataclasses.replace(ev, cluster_id=cid)
            entries[eid] = Stored(self.sigs[eid], Member(ev, n.published, n.outlet))
        self.cache.update(entries)


def cluster_row(cl: object) -> dict[str, object]:
    """The ``clusters`` row of an :class:`~tidings.records.EventCluster`."""
    from tidings.records import EventCluster

    assert isinstance(cl, EventCluster)
    t, p = cl.time, cl.place
    return {
        "id": cl.id, "type": cl.type,
        "cameo_code": cl.cameo.code if cl.cameo else None,
        "cameo_root": cl.cameo.root if cl.cameo else None,
        "quad_class": cl.cameo.quad_class if cl.cameo else None,
        "factuality": cl.factuality.label,
        "time_start": t.start if t else None, "time_end": (t.end or t.start) if t else None,
        "place_geonameid": p.geonameid if p else None, "place_name": p.name if p else None,
        "place_country": p.country if p else None,
        "lat": p.lat if p else None, "lon": p.lon if p else None,
        "first_seen": cl.first_seen, "last_seen": cl.last_seen,
        "n_events": cl.n_events, "n_documents": cl.n_documents, "n_outlets": cl.n_outlets,
        "record": json.dumps(plain(cl), ensure_ascii=False),  # = to_dict, faster
    }
