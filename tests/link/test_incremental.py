from __future__ import annotations

from itertools import permutations

from tidings.records import Document, Event
from tidings.store import EventFilter, Store

from ..store.conftest import open_store
from ..store.corpus import build
from ..store.factory import actor, doc, event

ALL = EventFilter(all_factuality=True)


def partition(store: Store) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for e in store.events(ALL):
        assert e.cluster_id
        groups.setdefault(e.cluster_id, set()).add(e.id)
    return {frozenset(g) for g in groups.values()}


def test_same_event_across_outlets_one_cluster(store: Store) -> None:
    store.add(build())
    la_paz = store.events(EventFilter(type=["PROTEST"]))
    assert len({e.cluster_id for e in la_paz}) == 1
    # the Almaty attack and the Almaty hoax threat, and the two COERCE events in two
    # cities, stay apart
    assert len(partition(store)) == 6
    [cl] = store.clusters(EventFilter(type=["PROTEST"]))
    assert cl.n_events == 2 and cl.n_outlets == 2 and cl.n_documents == 2
    assert cl.first_seen is not None and cl.first_seen.startswith("2023-07-17")
    assert cl.last_seen is not None and cl.last_seen.startswith("2023-07-18")
    refuted = list(store.clusters(EventFilter(factuality=["refuted"])))
    assert len(refuted) == 1 and refuted[0].type == "THREATEN"
    assert store.count_clusters() == 5  # the refuted one is left out by default


def test_within_a_document(store: Store) -> None:
    d = doc("An anonymous caller threatened to bomb the embassy in Almaty on Monday. "
            "The threat was sent in several messages. Police later attacked a car in Almaty. "
            "The inspection found nothing and the threat turned out to be a hoax.")
    evs = [event(d, "threatened", "THREATEN", place="Almaty"),
           event(d, "threat", "THREATEN"),
           event(d, "attacked", "ASSAULT", place="Almaty"),
           event(d, "threat", "THREATEN", occurrence=1, factuality="refuted")]
    store.add([(d, evs)])
    got = {e.id: e.cluster_id for e in store.events(ALL)}
    threat = {got[evs[0].id], got[evs[1].id], got[evs[3].id]}
    assert len(threat) == 1 and got[evs[2].id] not in threat
    cl = store.get_cluster(threat.pop())
    assert cl is not None and cl.factuality.label == "refuted" and cl.n_events == 3


def _bridge() -> list[tuple[Document, list[Event]]]:
    """A and B do not link to each other, C links to both: one cluster in the end."""
    a = doc("Crowds marched through central Almaty.", day="2023-04-03", outlet="A")
    b = doc("Kazakh teachers walked out in anger.", day="2023-04-03", outlet="B")
    c = doc("Kazakh teachers marched in Almaty.", day="2023-04-03", outlet="C")
    return [(a, [event(a, "marched", "PROTEST", place="Almaty", when="2023-04-03")]),
            (b, [event(b, "walked out", "PROTEST", sources=[actor("KAZ", "EDU")],
                       when="2023-04-03")]),
            (c, [event(c, "marched", "PROTEST", sources=[actor("KAZ", "EDU")], place="Almaty",
                       when="2023-04-03")])]


def test_a_bridging_article_merges_clusters(store: Store) -> None:
    a, b, c = _bridge()
    store.add([a, b])
    assert len(partition(store)) == 2
    store.add([c])
    assert len(partition(store)) == 1
    assert store.count_clusters() == 1  # the two old cluster rows are gone
    [cl] = store.clusters()
    assert cl.n_outlets == 3 and cl.id == min(e.id for _, evs in (a, b, c) for e in evs)


def test_result_does_not_depend_on_ingestion_order(backend: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    docs = build() + _bridge()
    results = []
    orders = [list(range(len(docs))), list(reversed(range(len(docs))))]
    orders += [list(p) for p in list(permutations(range(len(docs))))[::997][:3]]
    for n, order in enumerate(orders):
        gen = open_store(backend, tmp_path / str(n))
        (tmp_path / str(n)).mkdir()
        store = next(gen)
        # one document per batch, then everything in one batch: the same clusters
        if n % 2:
            store.add([docs[i] for i in order])
        else:
            for i in order:
                store.add([docs[i]])
        results.append((partition(store), sorted(c.to_dict().__repr__()
                                                  for c in store.clusters(ALL))))
        for _ in gen:
            pass
    assert all(r == results[0] for r in results[1:])


def test_the_stored_record_carries_the_cluster_id(store: Store) -> None:
    import json

    from sqlalchemy import select

    from tidings.store.schema import events

    store.add(build())
    with store.engine.connect() as conn:
        for record, cluster_id in conn.execute(select(events.c.record, events.c.cluster_id)):
            assert json.loads(record)["cluster_id"] == cluster_id
