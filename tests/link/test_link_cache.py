"""Linking with the decoded events a Store keeps across batches gives the database a
store opened afresh for every batch (no cache) gives; the cache is bounded and filled
only by committed batches."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from tidings.errors import StoreError
from tidings.link.incremental import LinkCache
from tidings.store import EventFilter, Store
from tidings.store.schema import clusters, events

from ..store.corpus import build
from .test_incremental import _bridge

ALL = EventFilter(all_factuality=True)


def _dump(store: Store) -> tuple[list[tuple[str, str, str]], list[tuple[str, str]]]:
    with store.engine.connect() as conn:
        evs = [(r[0], r[1], r[2]) for r in conn.execute(
            select(events.c.id, events.c.cluster_id, events.c.record).order_by(events.c.id))]
        cls = [(r[0], r[1]) for r in conn.execute(
            select(clusters.c.id, clusters.c.record).order_by(clusters.c.id))]
    return evs, cls


def test_the_cache_changes_nothing_in_the_database(tmp_path: Path) -> None:
    docs = build() + _bridge()
    kept = Store.open(str(tmp_path / "kept.db"))
    for i in range(0, len(docs), 2):
        kept.add(docs[i:i + 2])
    assert kept._link_cache.items  # later batches did read from it
    fresh_path = str(tmp_path / "fresh.db")
    for i in range(0, len(docs), 2):
        with Store.open(fresh_path) as fresh:
            fresh.add(docs[i:i + 2])
    with Store.open(fresh_path) as fresh:
        assert _dump(kept) == _dump(fresh)
    for record, cluster_id in ((json.loads(r), c) for _, c, r in _dump(kept)[0]):
        assert record["cluster_id"] == cluster_id
    kept.close()


def test_a_failed_batch_leaves_nothing_in_the_cache(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "x.db"))
    batch = build()
    d, evs = batch[0]
    with pytest.raises(StoreError):
        store.add([*batch[1:3], (d, evs + evs)])  # duplicate event ids: the insert fails
    assert not store._link_cache.items
    store.add(batch)
    assert len(store._link_cache.items) == store.count_events(ALL)
    store.close()


def test_the_cache_is_bounded_and_drops_the_oldest(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "x.db"))
    store.add(build())
    items = dict(store._link_cache.items)
    assert len(items) >= 3
    cache = LinkCache(limit=2)
    cache.update(items)
    assert list(cache.items) == list(items)[-2:]
    first = next(iter(items))
    cache.update({first: items[first]})  # seen again: now the newest
    assert list(cache.items)[-1] == first and len(cache.items) == 2
    store.close()
