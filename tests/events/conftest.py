"""Helpers for the event tests: extract events from one sentence of our own."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import tidings
from tidings.pipeline import Pipeline
from tidings.records import Event

Extract = Callable[..., list[Event]]


@pytest.fixture(scope="session")
def events_of(pipeline: Pipeline) -> Extract:
    """``events_of(text, published="2023-05-01")`` -> the events tidings extracts."""

    def run(text: str, published: str = "2023-05-01") -> list[Event]:
        return tidings.extract(text, published=published, pipeline=pipeline)

    return run


def of_type(events: list[Event], type_: str) -> list[Event]:
    return [e for e in events if e.type == type_]


def countries(actors: list[tidings.Actor]) -> set[str | None]:
    return {a.country for a in actors}
