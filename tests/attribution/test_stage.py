"""Event chains through the whole pipeline, on a short article written for this test."""

from __future__ import annotations

import pytest

from tidings.annotations import Analysis
from tidings.pipeline import Pipeline
from tidings.records import Document, Event

TEXT = (
    "Police arrested 12 protesters in the capital on Monday, Interfax reported, citing a "
    "source in the interior ministry.\n\n"
    "“The army shelled two villages near the border,” President Vladimir Putin told "
    "reporters on Tuesday.\n\n"
    "The rebels reportedly attacked a convoy on Sunday.\n\n"
    "According to a local official who asked not to be named, gunmen killed three "
    "villagers.\n\n"
    "The governor visited the flooded district."
)


@pytest.fixture(scope="module")
def story(pipeline: Pipeline) -> Analysis:
    doc = Document.from_text(TEXT, outlet="Daily Example", published_at=None)
    (analysis,) = pipeline.analyse([doc])
    assert not analysis.rejected
    return analysis


def _event(a: Analysis, trigger: str) -> Event:
    for e in a.events:
        if a.document.text[e.evidence.trigger[0]:e.evidence.trigger[1]].startswith(trigger):
            return e
    raise AssertionError(f"no event {trigger!r}: {[e.cameo.code for e in a.events]}")


def test_agency_citing_an_anonymous_official(story: Analysis) -> None:
    chain = _event(story, "arrested").attribution
    assert [link.kind for link in chain] == ["outlet", "agency", "anonymous"]
    assert chain[0].name == "Daily Example"
    assert chain[1].name == "Interfax" and chain[1].cue == "reported"
    assert chain[1].actor is not None and chain[1].actor.country == "RUS"  # the KB entry
    assert chain[2].text == "a source in the interior ministry" and chain[2].cue == "citing"
    assert chain[2].actor is not None and "GOV" in chain[2].actor.sectors


def test_quoted_head_of_state_resolves_to_the_government(story: Analysis) -> None:
    chain = _event(story, "shelled").attribution
    assert [link.kind for link in chain] == ["outlet", "person"]
    putin = chain[1]
    assert putin.cue == "told"
    assert putin.actor is not None and putin.actor.country == "RUS"
    assert "GOV" in putin.actor.sectors
    assert putin.start is not None and putin.end is not None
    assert story.document.text[putin.start:putin.end] == "President Vladimir Putin"


def test_reportedly_is_an_anonymous_link_without_text(story: Analysis) -> None:
    chain = _event(story, "attacked").attribution
    assert [link.kind for link in chain] == ["outlet", "anonymous"]
    assert chain[1].cue == "reportedly" and chain[1].text == ""


def test_according_to_an_unnamed_official(story: Analysis) -> None:
    chain = _event(story, "killed").attribution
    assert [link.kind for link in chain] == ["outlet", "anonymous"]
    assert chain[1].cue == "According to"
    assert not any(r.cue_text == "asked" for r in story.attributions)


def test_the_outlets_own_statement_has_only_the_outlet(story: Analysis) -> None:
    visits = [e for e in story.events if "visited" in story.document.text[
        e.evidence.trigger[0]:e.evidence.trigger[1]]]
    assert visits
    for e in visits:
        assert [link.kind for link in e.attribution] == ["outlet"]
