"""Fixtures for the actor tests: one knowledge base, one resolver, a parse helper."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from spacy.tokens import Doc, Span

from tidings.actors import ActorKB, ActorResolver, ActorStage
from tidings.annotations import Analysis
from tidings.events.args import noun_phrase
from tidings.pipeline import Resources
from tidings.records import Actor, Document


@pytest.fixture(scope="session")
def kb(resources: Resources) -> ActorKB:
    return resources.actors


@pytest.fixture(scope="session")
def resolver(kb: ActorKB) -> ActorResolver:
    return ActorResolver(kb)


@pytest.fixture(scope="session")
def parse(resources: Resources) -> Callable[[str], Doc]:
    assert resources.nlp is not None
    nlp = resources.nlp
    return lambda text: nlp(text)


@pytest.fixture(scope="session")
def phrase(parse: Callable[[str], Doc]) -> Callable[[str, str], Span]:
    """The noun phrase (as the events stage builds it) headed by the word ``head``."""

    def make(text: str, head: str) -> Span:
        doc = parse(text)
        tok = next(t for t in doc if t.text == head)
        return noun_phrase(tok)

    return make


@pytest.fixture(scope="session")
def analyse(parse: Callable[[str], Doc],
            resolver: ActorResolver) -> Callable[[str, date | None], Analysis]:
    """Run the actors stage on a text and return the analysis."""

    def run(text: str, when: date | None = None) -> Analysis:
        doc = parse(text)
        analysis = Analysis(document=Document.from_text(text), doc=doc, dct=when)
        ActorStage(resolver)(analysis)
        return analysis

    return run


def actor_at(analysis: Analysis, text: str, nth: int = 0) -> Actor:
    """The ``nth`` actor mention whose text is ``text``."""
    found = [a for a in analysis.actors if a.text == text]
    assert len(found) > nth, f"no mention {text!r}: {[a.text for a in analysis.actors]}"
    return found[nth]
