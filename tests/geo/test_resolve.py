"""Resolution with document evidence, on sentences written for these tests."""

from __future__ import annotations

import pytest

from tidings.geo.parse import geoparse
from tidings.geo.resolve import Resolution
from tidings.pipeline import Resources


def places(resources: Resources, text: str) -> dict[str, Resolution]:
    assert resources.nlp is not None
    doc = resources.nlp(text)
    return {r.toponym.text: r for r in geoparse(doc, resources.gazetteer)}


def test_paris_texas_by_containment(resources: Resources) -> None:
    got = places(resources, "A grain elevator burned in Paris, Texas, on Monday night.")
    paris = got["Paris"].entry
    assert paris is not None and paris.cc2 == "US" and paris.admin1 == "TX"
    assert got["Paris"].method == "containment"


def test_bare_paris_is_the_french_capital(resources: Resources) -> None:
    got = places(resources, "Thousands marched through Paris against the pension reform.")
    paris = got["Paris"].entry
    assert paris is not None and paris.cc2 == "FR" and paris.fcode == "PPLC"


def test_almaty_kazakhstan_is_the_city(resources: Resources) -> None:
    got = places(resources, "Police dispersed a rally in Almaty, Kazakhstan, on Wednesday.")
    almaty = got["Almaty"].entry
    assert almaty is not None and almaty.cc2 == "KZ" and almaty.fclass == "P"


def test_georgia_the_state_among_us_places(resources: Resources) -> None:
    got = places(resources, "Storms hit Atlanta and Savannah overnight. Georgia officials "
                            "said roads across Georgia remained closed.")
    georgia = got["Georgia"].entry
    assert georgia is not None and georgia.cc2 == "US" and georgia.fcode == "ADM1"


def test_georgia_the_country_near_the_caucasus(resources: Resources) -> None:
    got = places(resources, "Russian troops crossed into Georgia, and shells fell near "
                            "Tbilisi and Gori.")
    georgia = got["Georgia"].entry
    assert georgia is not None and georgia.cc2 == "GE" and georgia.is_country


def test_demonym_evidence_moves_an_ambiguous_city(resources: Resources) -> None:
    got = places(resources, "Canadian firefighters said the blaze near London was "
                            "contained by Friday.")
    london = got["London"].entry
    assert london is not None and london.cc2 == "CA"
    assert got["Canadian"].method == "demonym"


def test_actor_countries_are_evidence(resources: Resources) -> None:
    assert resources.nlp is not None
    doc = resources.nlp("Officials said the blaze near London was contained by Friday.")
    plain = {r.toponym.text: r for r in geoparse(doc, resources.gazetteer)}
    with_actor = {r.toponym.text: r for r in geoparse(doc, resources.gazetteer,
                                                       actor_countries=["CAN"])}
    assert plain["London"].entry is not None and plain["London"].entry.cc2 == "GB"
    assert with_actor["London"].entry is not None and with_actor["London"].entry.cc2 == "CA"


def test_nearby_towns_pull_each_other(resources: Resources) -> None:
    got = places(resources, "Deputies from Henry County searched a farm outside Paris "
                            "after the storm, and crews from Murray and Puryear helped.")
    paris = got["Paris"].entry
    assert paris is not None and paris.cc2 == "US" and paris.admin1 == "TN"


@pytest.mark.parametrize("text", [
    "Jackson Smith scored twice for the visitors.",
    "President Andrew Jackson signed the act.",
])
def test_person_names_that_are_towns_are_not_toponyms(resources: Resources, text: str) -> None:
    got = places(resources, text)
    assert "Jackson" not in got and "Jackson Smith" not in got


def test_lower_case_toponyms_after_a_locative(resources: Resources) -> None:
    got = places(resources, "hundreds of families fled to kazakhstan after the floods.")
    assert "kazakhstan" in got
    kz = got["kazakhstan"].entry
    assert kz is not None and kz.cc2 == "KZ"


def test_common_words_in_lower_case_are_not_places(resources: Resources) -> None:
    got = places(resources, "they cooked turkey in china bowls for the reading group.")
    assert not got


def test_forced_spans_are_resolved_and_recognized_ones_kept_as_context(
        resources: Resources) -> None:
    assert resources.nlp is not None
    text = "The Almaty office of the bank, Kazakhstan's largest, closed."
    doc = resources.nlp(text)
    start = text.index("Almaty")
    got = geoparse(doc, resources.gazetteer, spans=[(start, start + 6)])
    almaty = next(r for r in got if r.toponym.start == start)
    assert almaty.toponym.source == "GOLD"
    assert almaty.entry is not None and almaty.entry.cc2 == "KZ"


@pytest.mark.parametrize(("text", "cc2"), [
    ("U.S. officials said Russian troops had entered Georgia on Friday.", "GE"),
    ("The U.S. ambassador said Georgia would get aid after the war with Russia.", "GE"),
    ("U.S. forecasters said the storm would reach Georgia and Florida by Sunday.", "US"),
])
def test_georgia_with_the_us_named_in_passing(resources: Resources, text: str,
                                              cc2: str) -> None:
    georgia = places(resources, text)["Georgia"].entry
    assert georgia is not None and georgia.cc2 == cc2


def test_actors_named_by_a_toponym_are_not_evidence_for_it(resources: Resources) -> None:
    from tidings.records import Actor

    assert resources.nlp is not None
    text = "Russian tanks rolled on as Georgia appealed for help."
    doc = resources.nlp(text)
    s = text.index("Georgia")
    # An actor resolver that read "Georgia" as the US state must not pull the place there.
    actor = Actor(text="Georgia", country="USA", start=s, end=s + 7)
    got = {r.toponym.text: r for r in geoparse(doc, resources.gazetteer, actors=[actor])}
    assert got["Georgia"].entry is not None and got["Georgia"].entry.cc2 == "GE"
