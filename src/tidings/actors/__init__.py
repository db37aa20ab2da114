"""Actors: the knowledge base and the resolution of mentions to actors."""

from tidings.actors.kb import ActorKB
from tidings.actors.resolve import ActorResolver

__all__ = ["ActorKB", "ActorResolver"]
