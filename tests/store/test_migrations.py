from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import create_engine, insert, inspect, text

from tidings.store import EventFilter, Store
from tidings.store.migrate import MIGRATIONS, migrate
from tidings.store.schema import documents

from .conftest import open_store
from .corpus import build

NAMES = [m.name for m in MIGRATIONS]


def test_every_migration_applied_once(store: Store) -> None:
    assert store.migrations() == NAMES
    assert migrate(store.engine) == []  # opening again changes nothing
    assert store.migrations() == NAMES


def test_names_are_unique_and_ordered() -> None:
    assert len(set(NAMES)) == len(NAMES)
    assert sorted(NAMES) == NAMES


def test_an_old_database_is_upgraded_and_back_filled(backend: str, tmp_path: Path) -> None:
    gen = open_store(backend, tmp_path)
    store = next(gen)
    try:
        # rebuild the database as the first version left it: 0001 only
        with store.engine.begin() as conn:
            for t in reversed(inspect(conn).get_table_names()):
                conn.execute(text(f"DROP TABLE {t} CASCADE" if backend == "postgresql"
                                  else f"DROP TABLE {t}"))
            if backend == "sqlite":
                for t in ("documents_fts", "evidence_fts"):
                    conn.execute(text(f"DROP TABLE IF EXISTS {t}"))
        assert migrate(store.engine, upto="0001_initial") == ["0001_initial"]
        d, evs = build()[0]
        with store.engine.begin() as conn:
            conn.execute(insert(documents).values(id=d.id, text=d.text, title=d.title,
                                                  published_at=d.published_at.isoformat()))  # type: ignore[union-attr]
            ev = evs[0]
            conn.execute(text(
                "INSERT INTO events (id, document_id, type, factuality, time_start, record) "
                "VALUES (:i, :d, :t, 'asserted', :s, :r)"),
                {"i": ev.id, "d": d.id, "t": ev.type, "s": ev.time.start,  # type: ignore[union-attr]
                 "r": json.dumps(ev.to_dict())})
            conn.execute(text(
                "INSERT INTO event_actors (event_id, role, position, text, country, sectors) "
                "VALUES (:i, 'source', 0, 'miners', 'BOL', 'LAB')"), {"i": ev.id})
        assert migrate(store.engine) == NAMES[1:]
        assert store.migrations() == NAMES
        assert store.count_events(EventFilter(sector="LAB")) == 1
        assert store.count_events(EventFilter(country="BOL")) == 1
        assert store.count_events(EventFilter(since="2023-07-17", until="2023-07-17")) == 1
        assert store.count_events(EventFilter(text="miners")) == 1
    finally:
        for _ in gen:
            pass


def test_a_database_from_before_migrations_is_recognized(tmp_path: Path) -> None:
    # the first version created its tables with create_all and recorded nothing
    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    migrate(engine, upto="0001_initial")
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE schema_migrations"))
    engine.dispose()
    with Store.open(str(path)) as store:
        assert store.migrations() == NAMES


def test_opening_a_missing_file_read_only_names_it(tmp_path: Path) -> None:
    from tidings.errors import StoreError

    with pytest.raises(StoreError, match=r"nope\.db"):
        Store.open(str(tmp_path / "nope.db"), create=False)
