"""Helpers for the time tests: parse with the session's spaCy pipeline, find expressions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from tidings.pipeline import Resources
from tidings.records import TimeValue
from tidings.time.stage import annotate

Times = Callable[[str, "date | None"], list[TimeValue]]


@pytest.fixture(scope="session")
def times(resources: Resources) -> Times:
    """``times(text, dct)``: the temporal expressions tidings finds in ``text``."""
    nlp = resources.nlp
    assert nlp is not None

    def run(text: str, dct: date | None) -> list[TimeValue]:
        return annotate(text, dct, nlp(text))

    return run


def one(found: list[TimeValue], text: str) -> TimeValue:
    """The expression whose text is ``text`` (fails with what was found instead)."""
    hits = [t for t in found if t.text == text]
    assert len(hits) == 1, f"expected one {text!r}, found {[t.text for t in found]}"
    return hits[0]
