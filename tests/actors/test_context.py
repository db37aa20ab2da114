"""Actors whose country comes from the sentence around them: towns and regions below the
knowledge base, ethnic groups where they live, the story's country for domestic groups
that name none, a place of action. One sentence of our own per rule."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from tidings.actors import ActorResolver
from tidings.annotations import Analysis

from .conftest import actor_at
from .test_resolve import Phrase

Analyse = Callable[[str, date | None], Analysis]


def test_region_below_the_kb_through_the_gazetteer(resolver: ActorResolver,
                                                   phrase: Phrase) -> None:
    a = resolver.resolve(phrase("The army accused Darfur rebels of looting a market.",
                                "rebels"))
    assert (a.country, a.sectors) == ("SDN", ["REB"])


def test_town_below_the_kb_in_an_of_phrase(resolver: ActorResolver, phrase: Phrase) -> None:
    a = resolver.resolve(phrase("Gunmen in the town of Goražde fired on a bus.", "Gunmen"))
    assert a.country == "BIH"


def test_ethnic_group_where_it_lives(resolver: ActorResolver, phrase: Phrase) -> None:
    a = resolver.resolve(phrase("About 300 ethnic Hungarians rallied on Sunday in Romania.",
                                "Hungarians"))
    assert (a.country, a.method) == ("ROU", "residence")
    home = resolver.resolve(phrase("Thousands of Hungarians rallied on Sunday in Romania.",
                                   "Hungarians"))
    assert home.country == "HUN"  # not "ethnic": a people abroad keeps its own country


def test_people_of_a_region_and_a_people_of_a_country(resolver: ActorResolver,
                                                       phrase: Phrase) -> None:
    a = resolver.resolve(phrase("The Serbs of northern Kosovo boycotted the vote.", "Serbs"))
    assert (a.country, a.method) == ("XKX", "residence")
    b = resolver.resolve(phrase("Bosnian Croats blocked the road to the border.", "Croats"))
    assert b.country == "BIH"


def test_domestic_group_takes_the_story_country(resolver: ActorResolver,
                                                phrase: Phrase) -> None:
    a = resolver.resolve(phrase("Opposition activists accused the Georgian interior "
                                "ministry of torture.", "activists"))
    assert (a.country, a.method) == ("GEO", "sector+context")


def test_a_country_that_is_an_argument_is_not_context(resolver: ActorResolver,
                                                      phrase: Phrase) -> None:
    a = resolver.resolve(phrase("The senators asked the president to help Ukraine.",
                                "senators"))
    assert a.country is None  # Ukraine is helped, it says nothing of the senators
    b = resolver.resolve(phrase("Protesters burned Danish flags outside the embassy.",
                                "Protesters"))
    assert b.country is None  # a demonym on a thing ("Danish flags") is no story country


def test_kb_city_yields_to_the_country_the_story_names(resolver: ActorResolver,
                                                       phrase: Phrase) -> None:
    a = resolver.resolve(phrase("Clashes between rival militias in Tripoli spread through "
                                "the north Lebanese port.", "militias"))
    assert a.country == "LBN"


def test_place_of_action_is_the_country_not_its_civilians(resolver: ActorResolver,
                                                          phrase: Phrase) -> None:
    a = resolver.resolve(phrase("A journalist was detained in Tehran on Friday.", "Tehran"))
    assert (a.country, a.sectors, a.method) == ("IRN", [], "location")
    b = resolver.resolve(phrase("Rebels shelled Kabul overnight.", "Kabul"))
    assert (b.country, b.sectors) == ("AFG", ["CVL"])  # a physical act: the city


def test_president_of_a_country_is_not_an_earlier_president(analyse: Analyse) -> None:
    an = analyse("President Putin said he was ready to meet the president of Armenia.",
                 date(2015, 3, 1))
    who = [a for a in an.actors if a.text.startswith("the president")]
    assert who and who[0].method != "coref-definite"


def test_generic_person_noun_takes_the_sector_of_its_body(resolver: ActorResolver,
                                                          phrase: Phrase) -> None:
    a = resolver.resolve(phrase("Leaders of the Kenyan opposition coalition called off "
                                "the march.", "Leaders"))
    assert (a.country, a.sectors) == ("KEN", ["OPP"])


def test_actor_at_helper_still_finds_stage_mentions(analyse: Analyse) -> None:
    an = analyse("Ethnic Uzbeks demonstrated in Kyrgyzstan on Monday.", None)
    assert actor_at(an, "Ethnic Uzbeks").country == "KGZ"
