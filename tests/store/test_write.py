from __future__ import annotations

from collections.abc import Iterator

import pytest

from tidings.errors import StoreError
from tidings.records import Document, Event
from tidings.store import EventFilter, Store

from .corpus import build

EVERYTHING = EventFilter(all_factuality=True)


def test_reingesting_is_a_no_op(store: Store) -> None:
    first = store.add(build())
    again = store.add(build())
    assert first.documents_stored == 6 and first.events_stored == 7
    assert again.documents_stored == 0 and again.documents_skipped == 6
    assert store.count_documents() == 6
    assert store.count_events(EVERYTHING) == 7
    assert store.count_events(EventFilter(text="radar")) == 1  # no doubled full-text rows
    assert len(store.search("radar")) == 2  # the document and its one event


def test_a_failing_batch_leaves_nothing(store: Store) -> None:
    batch = build()
    d, evs = batch[0]
    broken = [*batch[1:3], (d, evs + evs)]  # duplicate event ids: the insert fails
    with pytest.raises(StoreError, match="nothing of this batch"):
        store.add(broken)
    assert store.count_documents() == 0
    assert store.count_events(EVERYTHING) == 0
    assert store.count_clusters(EVERYTHING) == 0
    assert store.search("miners") == []


def test_an_interrupted_ingest_leaves_no_half_written_document(store: Store) -> None:
    store.add(build()[:2])

    def batch() -> Iterator[tuple[Document, list[Event]]]:
        yield from build()[2:4]
        raise KeyboardInterrupt  # the user pressed ^C in the middle of the batch

    with pytest.raises(KeyboardInterrupt):
        store.add(batch())
    assert store.count_documents() == 2
    assert store.count_events(EVERYTHING) == 3
    assert store.search("radar") == []
    # the next run stores what the interrupted one did not
    assert store.add(build()).documents_stored == 4


def test_events_carry_their_cluster(store: Store) -> None:
    store.add(build())
    evs = list(store.events(EVERYTHING))
    assert all(e.cluster_id for e in evs)
    assert store.count_clusters(EVERYTHING) == len({e.cluster_id for e in evs})
