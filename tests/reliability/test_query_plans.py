"""SQLite query plans for the load-bearing queries (a database without statistics, as
``tidings ingest`` leaves it): pages walk the time index and stop, aggregates start
from the filtered events and read only indexes. Each plan here once took seconds on a
million events (see docs/reliability.md)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from tests.store.factory import actor, doc
from tests.store.factory import event as make_event
from tidings.store import EventFilter, Store


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store.open(str(tmp_path / "p.db"))
    d = doc("Police detained protesters in Almaty on Tuesday, the ministry said.")
    s.add([(d, [make_event(d, "detained", "PROTEST", sources=[actor("KAZ", "COP")],
                           targets=[actor("KAZ", "OPP")])])], link=False)
    yield s
    s.close()


def plans(store: Store, call: Callable[[], Any]) -> list[str]:
    """The query plan of every statement ``call`` runs (joined lines, one per query)."""
    seen: list[tuple[str, Any]] = []

    def grab(conn: Any, cursor: Any, statement: str, params: Any, *rest: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT") and "sqlite_master" not in statement:
            seen.append((statement, params))

    event.listen(store.engine, "before_cursor_execute", grab)
    try:
        call()
    finally:
        event.remove(store.engine, "before_cursor_execute", grab)
    db = store.engine.url.database
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return [" | ".join(r[3] for r in con.execute("EXPLAIN QUERY PLAN " + sql, p))
                for sql, p in seen]
    finally:
        con.close()


def test_a_page_walks_the_time_index(store: Store) -> None:
    for desc in (True, False):
        (plan,) = plans(store, lambda d=desc: store.event_page(limit=50, descending=d))
        assert "ix_events_sort_cover" in plan and "TEMP B-TREE" not in plan, plan
    (plan,) = plans(store, lambda: store.event_page(
        EventFilter(since="2023-03-01", until="2023-03-31"), limit=50))
    assert "ix_events_sort_cover" in plan and "TEMP B-TREE" not in plan, plan


def test_a_rare_country_page_starts_from_its_list(store: Store) -> None:
    page = plans(store, lambda: store.event_page(EventFilter(country="FJI"), limit=50))[-1]
    assert "LIST SUBQUERY" in page and "ix_actors_node" in page, page
    assert "CORRELATED" not in page, page


def test_aggregates_start_from_the_events_and_read_only_indexes(store: Store) -> None:
    month = EventFilter(since="2023-03-01", until="2023-03-31")
    (plan,) = plans(store, lambda: store.actor_pairs(month, limit=100))
    assert plan.startswith("SEARCH events USING COVERING INDEX ix_events_sort_cover"), plan
    assert plan.count("COVERING INDEX ix_actors_event_cover") == 2, plan
    # by country: the country's events looked up by id (with statistics, as after
    # ``PRAGMA optimize``, through the covering ix_events_id_cover), never a scan
    (plan,) = plans(store, lambda: store.timeline(EventFilter(country="KAZ"), bucket="week"))
    assert plan.startswith("SEARCH events USING") and "(id=?)" in plan, plan
    assert "LIST SUBQUERY" in plan and "SCAN" not in plan, plan
    (plan,) = plans(store, lambda: store.places(EventFilter(type=["PROTEST"]), limit=10))
    assert "COVERING INDEX ix_events_type_cover" in plan, plan
