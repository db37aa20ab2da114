"""Within-document linking: pronouns, definite descriptions, surnames, acronyms."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from tests.actors.conftest import actor_at
from tidings.actors import ActorResolver
from tidings.actors.resolve import INDEX_KEY
from tidings.annotations import Analysis

Analyse = Callable[[str, date | None], Analysis]


def test_title_then_pronoun_then_definite(analyse: Analyse) -> None:
    text = ("Kazakh President Kassym-Jomart Tokayev asked the allies for help on Wednesday. "
            "He said the situation was grave. The president later thanked them.")
    an = analyse(text, date(2022, 1, 5))
    he = actor_at(an, "He")
    assert (he.id, he.method) == ("PER:kassym-jomart-tokayev", "coref-pronoun")
    the_pres = actor_at(an, "The president")
    assert the_pres.id == "PER:kassym-jomart-tokayev"


def test_the_organization_links_to_the_last_igo(analyse: Analyse) -> None:
    text = ("The Collective Security Treaty Organization met in Moscow on Thursday. "
            "The organization agreed to send a peacekeeping contingent.")
    an = analyse(text, date(2022, 1, 6))
    org = actor_at(an, "The organization")
    assert (org.id, org.method) == ("IGO:CSTO", "coref-definite")


def test_definite_sector_noun_takes_the_earlier_country(analyse: Analyse) -> None:
    text = ("Anonymous callers threatened the Tajik embassy in Moscow. "
            "Police searched the embassy but found nothing.")
    an = analyse(text, date(2022, 1, 11))
    emb = actor_at(an, "the embassy")
    assert (emb.country, emb.sectors) == ("TJK", ["GOV"])


def test_unknown_person_then_surname(analyse: Analyse) -> None:
    text = ("Local activist Dilnoza Karimbekova filed a complaint on Monday. "
            "Karimbekova said the police had ignored her.")
    an = analyse(text, None)
    later = actor_at(an, "Karimbekova")
    assert later.method == "coref-surname"
    assert later.name == "Dilnoza Karimbekova"


def test_unknown_organization_then_acronym(analyse: Analyse) -> None:
    text = ("The Free Mountain Front claimed the attack. "
            "FMF later said it had withdrawn to the mountains.")
    an = analyse(text, None)
    first = actor_at(an, "The Free Mountain Front")
    assert first.id is None  # unknown, kept as written
    assert any(a.method == "coref-acronym" for a in an.actors)


def test_resolver_uses_the_stage_links(analyse: Analyse, resolver: ActorResolver) -> None:
    text = ("Uzbek President Shavkat Mirziyoyev arrived in Bishkek. "
            "He met Kyrgyz officials.")
    an = analyse(text, date(2021, 3, 11))
    assert INDEX_KEY in an.extra
    he = next(t for t in an.doc if t.text == "He")
    actor = resolver.resolve(an.doc[he.i:he.i + 1], an.dct, an)
    assert actor.id == "PER:shavkat-mirziyoyev"
    assert actor.text == "He"


def test_pronoun_without_antecedent_is_not_invented(analyse: Analyse) -> None:
    an = analyse("She denied everything.", None)
    assert all(a.text != "She" or a.id is None for a in an.actors)
