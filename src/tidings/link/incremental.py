"""Incremental linking inside the write path.

Each new event is compared with the stored events it shares a blocking key with
(type with an actor, type with a place) on a nearby day, with the events of
near-duplicate articles, and with the other events of its own article. Links
join clusters (union-find); only the clusters touched by a batch are rewritten,
never the whole database. Because the clusters are the connected components of a
symmetric pairwise relation, they do not depend on the order of ingestion.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import timedelta

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.engine import Connection

from tidings.link import minhash
from tidings.link.features import EventSig, decide, signature
from tidings.link.summary import Member, summarize
from tidings.records import Document, Event, to_dict
from tidings.store.codec import event_from_json, plain
from tidings.store.schema import clusters, document_lsh, document_minhash, events, link_keys

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


class Linker:
    """Links the events of one write batch; call :meth:`finish` before commit."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.uf = _UnionFind()
        self.sigs: dict[str, EventSig] = {}
        self.node: dict[str, str] = {}  # event id -> union-find node (cluster id or event id)
        self.new_events: list[str] = []

    # -- per document -------------------------------------------------------------

    def add_document(self, document: Document, evs: list[Event]) -> None:
        published = document.published_at.isoformat() if document.published_at else None
        near = self._near_duplicates(document)
        sigs = [signature(ev, published) for ev in evs]
        for ev, sig in zip(evs, sigs, strict=True):
            self.sigs[ev.id] = sig
            self.node[ev.id] = "e:" + ev.id
            self.uf.find("e:" + ev.id)
            self.new_events.append(ev.id)
        near_events = self._events_of(near) if near else []
        for i, sig in enumerate(sigs):
            for other in sigs[:i]:  # the article's own earlier events
                if decide(sig, other).same:
                    self.uf.union(self.node[sig.id], self.node[other.id])
            cands = set(self._candidates(sig)) | set(near_events)
            cands.discard(sig.id)
            cands -= {s.id for s in sigs}
            self._load(cands)
            for cid in sorted(cands):
                other = self.sigs[cid]
                if decide(sig, other, near_duplicate=other.document_id in near).same:
                    self.uf.union(self.node[sig.id], self.node[cid])
        rows = [{"key": k, "day": _day(s), "event_id": s.id}
                for s in sigs for k in blocking_keys(s)]
        if rows:
            self.conn.execute(link_keys.insert(), rows)

    def _near_duplicates(self, document: Document) -> set[str]:
        sig = minhash.signature(document.text)
        bands = minhash.bands(sig)
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
        self.conn.execute(document_minhash.insert().values(document_id=document.id,
                                                           signature=minhash.encode(sig)))
        self.conn.execute(document_lsh.insert(),
                          [{"band": b, "document_id": document.id} for b in bands])
        return near

    def _candidates(self, sig: EventSig) -> list[str]:
        keys = blocking_keys(sig)
        if not keys:
            return []
        day = sig.day()
        q = select(link_keys.c.event_id).where(link_keys.c.key.in_(keys)).distinct()
        if day is None:
            q = q.where(link_keys.c.day == NO_DAY)
        else:
            lo = (day - timedelta(days=KEY_WINDOW_DAYS)).isoformat()
            hi = (day + timedelta(days=KEY_WINDOW_DAYS)).isoformat()
            q = q.where(link_keys.c.day.between(lo, hi))
        return [r[0] for r in self.conn.execute(q)]

    def _events_of(self, doc_ids: Iterable[str]) -> list[str]:
        return [r[0] for r in self.conn.execute(
            select(events.c.id).where(events.c.document_id.in_(sorted(doc_ids))))]

    def _load(self, ids: set[str]) -> None:
        todo = sorted(i for i in ids if i not in self.sigs)
        for chunk in range(0, len(todo), 500):
            part = todo[chunk:chunk + 500]
            for eid, record, published, cluster_id in self.conn.execute(
                    select(events.c.id, events.c.record, events.c.published_at,
                           events.c.cluster_id).where(events.c.id.in_(part))):
                self.sigs[eid] = signature(event_from_json(record), published)
                self.node[eid] = "c:" + cluster_id if cluster_id else "e:" + eid
                self.uf.find(self.node[eid])

    # -- per batch ----------------------------------------------------------------

    def finish(self) -> int:
        """Write the clusters the batch touched; returns how many."""
        groups: dict[str, set[str]] = {}
        for eid in self.new_events:
            groups.setdefault(self.uf.find(self.node[eid]), set())
        for node in list(self.uf.parent):
            root = self.uf.find(node)
            if root in groups:
                groups[root].add(node)
        updates: list[dict[str, str]] = []
        dropped: list[str] = []
        rows: list[dict[str, object]] = []
        for nodes in groups.values():
            self._write_cluster(nodes, updates, dropped, rows)
        # one statement each for the whole batch (groups are disjoint, so no read above
        # depends on another group's writes): a statement per event cost more than the
        # linking itself
        if updates:
            self.conn.execute(update(events).where(events.c.id == bindparam("b_id")).values(
                cluster_id=bindparam("b_cluster"), record=bindparam("b_record")), updates)
        for chunk in range(0, len(dropped), 500):
            self.conn.execute(delete(clusters).where(
                clusters.c.id.in_(dropped[chunk:chunk + 500])))
        if rows:
            self.conn.execute(clusters.insert(), rows)
        return len(groups)

    def _write_cluster(self, nodes: set[str], updates: list[dict[str, str]],
                       dropped: list[str], inserts: list[dict[str, object]]) -> None:
        """Summarize one cluster; collect its writes into ``updates`` (events whose
        record changes), ``dropped`` (clusters it absorbs) and ``inserts`` (its row)."""
        old = sorted(n[2:] for n in nodes if n.startswith("c:"))
        fresh = sorted(n[2:] for n in nodes if n.startswith("e:"))
        cond = (events.c.id.in_(fresh) | events.c.cluster_id.in_(old) if old
                else events.c.id.in_(fresh))
        rows = self.conn.execute(
            select(events.c.record, events.c.published_at, events.c.outlet,
                   events.c.cluster_id).where(cond)).all()
        members = [Member(event_from_json(rec), pub, outlet) for rec, pub, outlet, _ in rows]
        cl = summarize(members)
        # the stored public record carries the cluster id too: rewrite those that change
        for m, row in zip(members, rows, strict=True):
            if row[3] != cl.id or m.event.cluster_id != cl.id:
                m.event.cluster_id = cl.id
                updates.append({"b_id": m.event.id, "b_cluster": cl.id,
                                "b_record": json.dumps(plain(m.event), ensure_ascii=False)})
        dropped.extend(old)
        inserts.append(cluster_row(cl))


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
        "record": json.dumps(to_dict(cl), ensure_ascii=False),
    }
