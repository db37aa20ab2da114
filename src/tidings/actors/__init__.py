"""Actors: the knowledge base, the resolution of mentions, within-document coreference."""

from tidings.actors.kb import ActorKB
from tidings.actors.resolve import ActorResolver
from tidings.actors.stage import ActorStage

__all__ = ["ActorKB", "ActorResolver", "ActorStage"]
