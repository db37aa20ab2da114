"""Event extraction: predicate-argument structures coded with the lexicon."""

from tidings.events.extract import EventStage

__all__ = ["EventStage"]
