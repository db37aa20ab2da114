"""PlaceStage: event places (locative, sentence, document focus) and metonymy."""

from __future__ import annotations

from tidings.annotations import Analysis, EventMention
from tidings.geo.stage import PlaceStage
from tidings.pipeline import Resources
from tidings.records import Document


def analysis_with_event(resources: Resources, text: str, trigger: str) -> Analysis:
    """An analysis of ``text`` with one hand-made event mention on ``trigger``."""
    assert resources.nlp is not None
    doc = resources.nlp(text)
    start = text.index(trigger)
    tok = next(t for t in doc if t.idx == start)
    sent = tok.sent
    mention = EventMention(trigger_token=tok.i, trigger=(start, start + len(trigger)),
                           sentence=(sent.start_char, sent.end_char), code="140")
    analysis = Analysis(document=Document.from_text(text), doc=doc)
    analysis.mentions.append(mention)
    return analysis


def run(resources: Resources, text: str, trigger: str) -> Analysis:
    analysis = analysis_with_event(resources, text, trigger)
    PlaceStage(resources.gazetteer)(analysis)
    return analysis


def test_locative_of_the_predicate_most_specific_first(resources: Resources) -> None:
    a = run(resources, "Protesters rallied in Almaty, Kazakhstan, on Wednesday.", "rallied")
    place = a.mentions[0].place
    assert place is not None and place.name == "Almaty" and place.country == "KAZ"
    assert place.method is not None and place.method.startswith("locative")
    assert place.geonameid is not None and place.lat is not None


def test_sentence_place_when_no_locative(resources: Resources) -> None:
    text = "Kazakhstan's interior ministry said protesters attacked the mayor's office in Almaty."
    a = run(resources, text, "said")
    place = a.mentions[0].place
    assert place is not None and place.name == "Almaty"
    assert place.method is not None and place.method.startswith("sentence")


def test_document_focus_when_the_sentence_has_none(resources: Resources) -> None:
    text = ("Clashes broke out in Aktobe on Monday. Police in Aktobe detained dozens. "
            "Officials later condemned the violence.")
    a = run(resources, text, "condemned")
    place = a.mentions[0].place
    assert place is not None and place.name == "Aktobe"
    assert place.method is not None and place.method.startswith("document-focus")
    assert place.start is None


def test_capital_as_subject_is_an_actor_not_a_place(resources: Resources) -> None:
    text = "Moscow condemned the protests on Tuesday."
    a = run(resources, text, "condemned")
    assert a.mentions[0].place is None
    moscow = next(p for p in a.places if p.text == "Moscow")
    assert moscow.method is not None and moscow.method.startswith("metonymy")


def test_capital_as_location_stays_a_place(resources: Resources) -> None:
    a = run(resources, "Thousands protested in Moscow on Saturday.", "protested")
    place = a.mentions[0].place
    assert place is not None and place.name == "Moscow" and place.country == "RUS"


def test_demonym_is_never_the_event_place(resources: Resources) -> None:
    a = run(resources, "Russian troops attacked the border post.", "attacked")
    assert a.mentions[0].place is None
    assert any(p.method == "demonym" and p.country == "RUS" for p in a.places)


def test_places_carry_offsets_into_the_text(resources: Resources) -> None:
    text = "Floods hit Paris, Texas, and nearby Lamar County."
    a = run(resources, text, "hit")
    for p in a.places:
        assert p.start is not None and p.end is not None
        assert text[p.start:p.end] == p.text
