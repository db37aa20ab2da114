"""Resolution of single mentions: one sentence of our own for each ambiguity."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from spacy.tokens import Span

from tidings.actors import ActorResolver

Phrase = Callable[[str, str], Span]


def test_demonym_with_a_sector_noun(resolver: ActorResolver, phrase: Phrase) -> None:
    a = resolver.resolve(phrase("Kyrgyz troops crossed the river at dawn.", "troops"))
    assert (a.country, a.sectors, a.kind) == ("KGZ", ["MIL"], "group")


def test_country_name_versus_demonym(resolver: ActorResolver, phrase: Phrase) -> None:
    bare = resolver.resolve(phrase("Armenia recalled its envoy on Monday.", "Armenia"))
    assert (bare.id, bare.country, bare.sectors, bare.kind) == ("ARM", "ARM", [], "country")
    people = resolver.resolve(phrase("Thousands of Armenians marched in the rain.",
                                     "Armenians"))
    assert people.country == "ARM"


def test_capital_modifying_a_sector_noun(resolver: ActorResolver, phrase: Phrase) -> None:
    a = resolver.resolve(phrase("Moscow police sealed off the square.", "police"))
    assert (a.country, a.sectors) == ("RUS", ["COP"])


def test_possessive_title_gives_the_office_holder_on_the_date(
        resolver: ActorResolver, phrase: Phrase) -> None:
    span = phrase("Kazakhstan's president addressed the nation on television.", "president")
    a = resolver.resolve(span, date(2022, 1, 5))
    assert (a.id, a.country, a.sectors, a.kind) == (
        "PER:kassym-jomart-tokayev", "KAZ", ["GOV"], "person")
    older = resolver.resolve(span, date(2015, 1, 5))
    assert older.id == "PER:nursultan-nazarbayev"


def test_demonym_title(resolver: ActorResolver, phrase: Phrase) -> None:
    a = resolver.resolve(phrase("The Kazakh president signed the decree.", "president"),
                         date(2022, 1, 5))
    assert a.name == "Kassym-Jomart Tokayev"
    assert a.role_start == "2019-03-20"


def test_of_phrase_title_depends_on_the_date(resolver: ActorResolver, phrase: Phrase) -> None:
    span = phrase("The president of the United States spoke by phone.", "president")
    assert resolver.resolve(span, date(2015, 6, 1)).id == "PER:barack-obama"
    assert resolver.resolve(span, date(2023, 6, 1)).id == "PER:joe-biden"
    assert resolver.resolve(span).id == "USA"  # no date: the government, not a guess


def test_title_with_a_name(resolver: ActorResolver, phrase: Phrase) -> None:
    a = resolver.resolve(phrase("President Kassym-Jomart Tokayev met the envoys.", "Tokayev"),
                         date(2022, 1, 10))
    assert (a.id, a.country, a.sectors) == ("PER:kassym-jomart-tokayev", "KAZ", ["GOV"])


def test_former_office_holder_is_an_elite(resolver: ActorResolver, phrase: Phrase) -> None:
    a = resolver.resolve(phrase("Former president Askar Akayev gave a lecture.", "Akayev"),
                         date(2012, 3, 1))
    assert (a.country, a.sectors) == ("KGZ", ["ELI"])


def test_organization_with_its_acronym(resolver: ActorResolver, phrase: Phrase) -> None:
    text = "The Collective Security Treaty Organization (CSTO) sent a contingent."
    a = resolver.resolve(phrase(text, "Organization"))
    assert (a.id, a.kind, a.country) == ("IGO:CSTO", "organization", None)
    assert "IGO" in a.sectors


def test_organization_with_a_sector_noun(resolver: ActorResolver, phrase: Phrase) -> None:
    a = resolver.resolve(phrase("UN peacekeepers withdrew from the buffer zone.",
                                "peacekeepers"))
    assert a.id == "IGO:UN"
    assert a.sectors[0] == "MIL"


def test_coordinated_demonyms_give_two_actors(resolver: ActorResolver, phrase: Phrase) -> None:
    span = phrase("Callers threatened the Uzbek and Turkmen consulates.", "consulates")
    actors = resolver.resolve_all(span)
    assert [(a.country, a.sectors) for a in actors] == [("UZB", ["GOV"]), ("TKM", ["GOV"])]


def test_coordinated_of_phrase_gives_two_actors(resolver: ActorResolver,
                                                phrase: Phrase) -> None:
    span = phrase("Letters reached the embassies of Georgia and Moldova.", "embassies")
    actors = resolver.resolve_all(span)
    assert [a.country for a in actors] == ["GEO", "MDA"]


def test_georgia_the_country_by_default(resolver: ActorResolver, phrase: Phrase) -> None:
    a = resolver.resolve(phrase("Georgia recalled its ambassador from Minsk.", "Georgia"))
    assert a.country == "GEO"


def test_georgia_the_state_in_a_us_story(resolver: ActorResolver, phrase: Phrase,
                                         parse: Callable[[str], object]) -> None:
    text = ("Officials in Atlanta and Savannah said Texas and Florida had sent help. "
            "Georgia asked Washington for more trucks.")
    a = resolver.resolve(phrase(text, "Georgia"))
    assert (a.id, a.country) == ("USA:GA", "USA")


def test_seat_of_government_is_the_government(resolver: ActorResolver,
                                              phrase: Phrase) -> None:
    a = resolver.resolve(phrase("The Kremlin rejected the proposal on Friday.", "Kremlin"))
    assert (a.country, a.sectors) == ("RUS", ["GOV"])


def test_capital_as_subject_is_the_government(resolver: ActorResolver, phrase: Phrase) -> None:
    a = resolver.resolve(phrase("Tashkent protested the border closure.", "Tashkent"))
    assert (a.country, a.sectors, a.method) == ("UZB", ["GOV"], "metonymy")


def test_capital_as_place_is_not_the_government(resolver: ActorResolver,
                                                phrase: Phrase) -> None:
    a = resolver.resolve(phrase("Crowds gathered in Tashkent on Sunday.", "Tashkent"))
    assert a.country == "UZB"
    assert "GOV" not in a.sectors


def test_generic_noun_takes_the_modifier_sector(resolver: ActorResolver,
                                                phrase: Phrase) -> None:
    a = resolver.resolve(phrase("Two army officers were detained.", "officers"))
    assert a.sectors == ["MIL"]


def test_non_state_group_with_country(resolver: ActorResolver, phrase: Phrase) -> None:
    a = resolver.resolve(phrase("Hezbollah fighters fired across the border.", "fighters"))
    assert (a.id, a.country, a.sectors[0]) == ("LBN:HEZBOLLAH", "LBN", "REB")


def test_unknown_actor_is_kept_as_written(resolver: ActorResolver, phrase: Phrase) -> None:
    a = resolver.resolve(phrase("The Zorblax Collective denied the claim.", "Collective"))
    assert a.text == "Zorblax Collective"
    assert a.id is None and a.country is None
    assert a.start is not None and a.end is not None


def test_sector_noun_without_country(resolver: ActorResolver, phrase: Phrase) -> None:
    a = resolver.resolve(phrase("Protesters blocked the highway.", "Protesters"))
    assert (a.country, a.sectors, a.kind) == (None, ["OPP"], "group")
