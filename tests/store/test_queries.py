from __future__ import annotations

import pytest

from tidings.errors import StoreError
from tidings.store import EventFilter, Store

from .corpus import build


@pytest.fixture
def filled(store: Store) -> Store:
    store.add(build())
    return store


def ids(store: Store, **kw: object) -> set[str]:
    return {e.evidence.text.split()[0] for e in store.events(EventFilter(**kw))}  # type: ignore[arg-type]


def test_default_factuality_leaves_refuted_out_and_counts_it(filled: Store) -> None:
    assert filled.count_events() == 6
    assert filled.count_left_out() == 1
    assert filled.count_events(EventFilter(all_factuality=True)) == 7
    assert filled.count_events(EventFilter(factuality=["refuted"])) == 1


def test_filters(filled: Store) -> None:
    assert filled.count_events(EventFilter(type=["protest"])) == 2
    assert filled.count_events(EventFilter(cameo_root=["17"])) == 2
    assert filled.count_events(EventFilter(quad_class=[4])) == 3
    assert filled.count_events(EventFilter(country="uzb")) == 1
    assert filled.count_events(EventFilter(country="UZB", all_factuality=True)) == 2
    assert filled.count_events(EventFilter(actor="Bolivia")) == 3
    assert filled.count_events(EventFilter(sector="COP")) == 3
    assert filled.count_events(EventFilter(place="la paz")) == 3
    assert filled.count_events(EventFilter(place="1526384")) == 1
    assert filled.count_events(EventFilter(outlet="Steppe Herald")) == 2
    assert filled.count_events(EventFilter(since="2023-07-01")) == 4
    assert filled.count_events(EventFilter(since="2023-07-18", until="2023-07-21")) == 1
    assert filled.count_events(EventFilter(until="2023-05-03")) == 2
    assert filled.count_events(EventFilter(type=["PROTEST"], outlet="Altiplano Post")) == 1


def test_place_box_and_radius(filled: Store) -> None:
    # a box around Bolivia
    assert filled.count_events(EventFilter(bbox=(-70.0, -20.0, -60.0, -10.0))) == 3
    # 400 km around Almaty reaches neither Tashkent (~600 km) nor La Paz
    assert filled.count_events(EventFilter(near=(43.25, 76.9, 400.0))) == 1
    assert filled.count_events(EventFilter(near=(43.25, 76.9, 800.0))) == 2
    # a box crossing the antimeridian holds nothing here, and does not fail
    assert filled.count_events(EventFilter(bbox=(170.0, -50.0, -170.0, 50.0))) == 0


def test_full_text(filled: Store) -> None:
    assert filled.count_events(EventFilter(text="radar")) == 1
    assert filled.count_events(EventFilter(text="miners tax")) == 3  # document text too
    hits = filled.search("protesters")
    assert {h.kind for h in hits} == {"document", "event"}
    assert any("[protesters]" in h.snippet for h in hits if h.kind == "event")
    with pytest.raises(StoreError):
        filled.search("  ")


def test_cursor_pages_cover_everything_once(filled: Store) -> None:
    seen: list[str] = []
    cursor = None
    f = EventFilter(all_factuality=True)
    while True:
        page = filled.event_page(f, limit=3, cursor=cursor)
        seen += [e.id for e in page.items]
        cursor = page.next_cursor
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == 7
    keys = [filled.get_event(i).time.start or "" for i in seen]  # type: ignore[union-attr]
    assert keys == sorted(keys, reverse=True)
    with pytest.raises(StoreError):
        filled.event_page(f, cursor="not-a-cursor")


def test_timeline_counts(filled: Store) -> None:
    days = filled.timeline(EventFilter(type=["PROTEST", "COERCE"]))
    assert {(t.bucket, t.key): t.count for t in days} == {
        ("2023-07-17", "PROTEST"): 2, ("2023-07-17", "COERCE"): 1, ("2023-07-21", "COERCE"): 1}
    weeks = filled.timeline(bucket="week", by="quad_class")
    got = {(t.bucket, t.key): t.count for t in weeks}
    assert got[("2023-07-17", "3")] == 2  # Monday 17 July: both protests
    assert got[("2023-07-17", "4")] == 2  # the two arrests of that week
    assert sum(got.values()) == 6
    with pytest.raises(StoreError):
        filled.timeline(bucket="hour")


def test_actor_pairs_places_actors(filled: Store) -> None:
    pairs = filled.actor_pairs()
    assert (pairs[0].source == "BOL" and pairs[0].target == "BOL") or pairs[0].count >= 1
    by = {(p.source, p.target, p.quad_class): p.count for p in pairs}
    assert by[("LVA", "LTU", 1)] == 1
    assert ("BOL", "BOL", 3) not in by  # same node on both sides is not an edge
    marks = {p.name: p.count for p in filled.places()}
    assert marks == {"La Paz": 3, "Tashkent": 1, "Riga": 1, "Almaty": 1}
    la_paz = next(p for p in filled.places() if p.name == "La Paz")
    assert la_paz.geonameid == 3911925 and la_paz.lat == pytest.approx(-16.5)
    top = filled.actors()
    assert top[0].node == "BOL" and top[0].count == 3


def test_get_records_back(filled: Store) -> None:
    [(d, evs)] = build()[:1]
    got = filled.get_document(d.id)
    assert got is not None and got.text == d.text and got.published_at == d.published_at
    ev = filled.get_event(evs[0].id)
    assert ev is not None and ev.to_dict() | {"cluster_id": None} == evs[0].to_dict()
    assert ev.cluster_id is not None
    detail = filled.cluster(ev.cluster_id)
    assert detail is not None and evs[0].id in {e.id for e in detail.events}
    assert d.id in {x.id for x in detail.documents}
    assert filled.get_event("nope") is None and filled.cluster("nope") is None


def test_rollup_counts_agree_with_the_events(filled: Store) -> None:
    from dataclasses import replace

    from tidings.store import reads

    fs = [EventFilter(), EventFilter(all_factuality=True), EventFilter(type=["PROTEST"]),
          EventFilter(quad_class=[4], since="2023-07-18"), EventFilter(cameo_root=["05"])]
    with filled.engine.connect() as conn:
        for f in fs:
            assert reads._rollup_ok(f)
            # the same filter with a no-op condition the rollup cannot answer
            slow = replace(f, outlet=None, sector=None, bbox=(-180.0, -90.0, 180.0, 90.0))
            assert not reads._rollup_ok(slow)
            assert filled.count_events(f) == len(list(filled.events(f)))
            fast_t = filled.timeline(f, bucket="week", by="quad_class")
            slow_t = reads.timeline(conn, filled.dialect, slow, bucket="week", by="quad_class")
            assert fast_t == slow_t


def test_actor_lists_under_a_country_filter_keep_the_other_actors(filled: Store) -> None:
    # events involving Latvia: the Lithuanian side of them is listed too
    nodes = {a.node for a in filled.actors(EventFilter(country="LVA"))}
    assert nodes == {"LVA", "LTU"}
    pairs = filled.actor_pairs(EventFilter(country="LTU"))
    assert [(p.source, p.target) for p in pairs] == [("LVA", "LTU")]
