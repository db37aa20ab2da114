"""Shared helpers for the reliability tests: the bad-input generator, store snapshots."""

from __future__ import annotations

import importlib.util
import sqlite3
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[2]

SNAPSHOT_TABLES = ("documents", "events", "event_actors", "event_sectors")
"""What a stored document is made of; an ingest must never change these rows."""


def load_tool(name: str) -> ModuleType:
    """Import ``tools/NAME.py`` (the tools folder is not a package)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def snapshot(db: Path) -> dict[str, set[tuple[Any, ...]]]:
    """Every row of the tables that hold stored documents and events."""
    con = sqlite3.connect(db)
    try:
        return {t: set(con.execute(f"SELECT * FROM {t}").fetchall()) for t in SNAPSHOT_TABLES}
    finally:
        con.close()


def changed_rows(before: dict[str, set[tuple[Any, ...]]],
                 after: dict[str, set[tuple[Any, ...]]]) -> dict[str, int]:
    """Rows of ``before`` that are missing or altered in ``after``, per table."""
    return {t: len(before[t] - after[t]) for t in before if before[t] - after[t]}
