"""Time: recognize and normalize temporal expressions, and give each event its time."""

from tidings.time.stage import EventTimeStage, TimexStage

__all__ = ["EventTimeStage", "TimexStage"]
