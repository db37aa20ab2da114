"""Helpers for the factuality tests: parse a sentence, assess one of its words."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tidings.factuality import assess
from tidings.pipeline import Resources
from tidings.records import Factuality

Assess = Callable[[str, str], Factuality]


@pytest.fixture(scope="session")
def nlp(resources: Resources) -> Any:
    assert resources.nlp is not None
    return resources.nlp


def token(doc: Any, word: str) -> Any:
    """The first token whose text is ``word`` (fails with the tokens when absent)."""
    hits = [t for t in doc if t.text == word]
    assert hits, f"{word!r} not in {[t.text for t in doc]}"
    return hits[0]


@pytest.fixture(scope="session")
def fact(nlp: Any) -> Assess:
    """``fact(text, word)``: the factuality tidings gives the predicate ``word``."""

    def run(text: str, word: str) -> Factuality:
        return assess(token(nlp(text), word))

    return run
