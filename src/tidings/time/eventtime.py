"""Event time assignment (placeholder while recognition is built)."""

from __future__ import annotations

from tidings.annotations import Analysis


def assign_event_times(analysis: Analysis) -> None:
    """Give each mention a time."""
