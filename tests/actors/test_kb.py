"""The knowledge base: names, acronyms, offices by date, sector and role nouns."""

from __future__ import annotations

from tidings.actors import ActorKB


def test_every_country_has_an_iso3_entry(kb: ActorKB) -> None:
    countries = [e for e in kb.entries.values() if e.kind == "country"]
    assert len(countries) >= 240
    assert kb.entries["KAZ"].name == "Kazakhstan"
    assert all(len(e.id) == 3 and e.id == e.country for e in countries)


def test_alternative_names_and_demonyms(kb: ActorKB) -> None:
    for text, iso3 in [("U.S.", "USA"), ("UK", "GBR"), ("Britain", "GBR"),
                       ("the Netherlands", "NLD"), ("Netherlands", "NLD"),
                       ("Ivory Coast", "CIV"), ("Kyrgyz", "KGZ"), ("Afghans", "AFG"),
                       ("Burma", "MMR"), ("Kazakhstani", "KAZ")]:
        assert iso3 in {h.entry.country for h in kb.lookup(text)}, text


def test_acronyms_match_only_in_capitals(kb: ActorKB) -> None:
    assert kb.lookup("US")[0].entry.id == "USA"
    assert kb.lookup("us") == []
    assert kb.lookup("CSTO")[0].entry.id == "IGO:CSTO"
    assert kb.lookup("who") == []


def test_capitalized_names_do_not_match_lower_case_words(kb: ActorKB) -> None:
    assert kb.lookup("Turkey")
    assert kb.lookup("turkey") == []


def test_office_holder_depends_on_the_date(kb: ActorKB) -> None:
    def holder(of: str, title: str, day: str) -> str | None:
        office = kb.office_holder(of, title, day)
        return office.person if office else None

    assert holder("KAZ", "president", "2022-01-05") == "PER:kassym-jomart-tokayev"
    assert holder("KAZ", "president", "2018-06-01") == "PER:nursultan-nazarbayev"
    assert holder("USA", "president", "2016-05-01") == "PER:barack-obama"
    assert holder("USA", "president", "2022-05-01") == "PER:joe-biden"
    assert holder("USA", "president", "2025-03-01") == "PER:donald-trump"
    assert holder("RUS", "foreign minister", "2010-01-01") == "PER:sergei-lavrov"
    assert holder("DEU", "leader", "2010-01-01") == "PER:angela-merkel"
    assert holder("KAZ", "president", "1985-01-01") is None


def test_sector_and_role_nouns(kb: ActorKB) -> None:
    assert kb.sectors["police"].sectors == ["COP"]
    assert kb.sectors["troop"].sectors == ["MIL"]
    assert kb.sectors["journalist"].sectors == ["MED"]
    assert kb.roles["prime minister"] == "prime minister"
    assert kb.sectors["officer"].generic


def test_periods_change_an_organization_sectors(kb: ActorKB) -> None:
    taliban = kb.entries["AFG:TALIBAN"]
    assert taliban.sectors_on("2010-01-01") == ["REB"]
    assert taliban.sectors_on("2022-01-01") == ["GOV"]
