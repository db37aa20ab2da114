"""One test per PLOVER family: sentences of our own, each with the type it must give.

Where the sentence makes it unambiguous, the source and target countries are checked too.
"""

from __future__ import annotations

import pytest

from .conftest import Extract, countries

Case = tuple[str, str, str | None, str | None]
"""(sentence, CAMEO root, source country, target country); None: not checked."""

FAMILIES: dict[str, list[Case]] = {
    "AGREE": [
        ("Chile and Peru agreed on Tuesday to reopen their common border crossings.",
         "03", "CHL", None),
        ("Norway offered to mediate between the Colombian government and the rebels.",
         "03", "NOR", "COL"),
        ("Ghana is ready to contribute troops to a regional peacekeeping force.",
         "03", "GHA", None),
    ],
    "CONSULT": [
        ("The Turkish foreign minister met his Greek counterpart in Athens on Friday.",
         "04", "TUR", "GRC"),
        ("The Kenyan president telephoned the Ugandan leader on Sunday.", "04", "KEN", "UGA"),
        ("Officials from Sudan and South Sudan held talks in Addis Ababa on Monday.",
         "04", None, None),
    ],
    "SUPPORT": [
        ("The Canadian prime minister praised Ukraine for its reforms.", "05", "CAN", "UKR"),
        ("Bhutan established diplomatic relations with Germany on Thursday.",
         "05", "BTN", "DEU"),
        ("Japan apologized to South Korea for the incident.", "05", "JPN", "KOR"),
    ],
    "CONCEDE": [
        ("The Thai government lifted the curfew in Bangkok on Saturday.", "08", "THA", None),
        ("Striking dockworkers called off their strike after the port authority raised wages.",
         "08", None, None),
        ("The Zambian president resigned on Monday.", "08", "ZMB", None),
    ],
    "COOPERATE": [
        ("Greece extradited a Turkish suspect to Turkey on Wednesday.", "06", "GRC", "TUR"),
        ("French and German warships held joint exercises in the Baltic Sea.",
         "06", "FRA", None),
        ("Israel shared intelligence with Jordan about the smuggling ring.",
         "06", "ISR", "JOR"),
    ],
    "AID": [
        ("Germany sent 20 tonnes of medical supplies to Morocco after the earthquake.",
         "07", "DEU", "MAR"),
        ("The United States provided weapons to the Ukrainian army.", "07", "USA", "UKR"),
        ("Uruguay granted asylum to three Venezuelan opposition politicians.",
         "07", "URY", "VEN"),
    ],
    "RETREAT": [
        ("Russian troops withdrew from the city of Kherson.", "08", "RUS", None),
        ("The rebels released twelve hostages on Sunday.", "08", None, None),
        ("The European Union lifted sanctions on Belarus.", "08", None, "BLR"),
    ],
    "REQUEST": [
        ("The Somali government appealed to the African Union for military assistance.",
         "02", "SOM", None),
        ("Protesters demanded the resignation of the prime minister.", "10", None, None),
        ("Pakistan asked China for an emergency loan.", "02", "PAK", "CHN"),
    ],
    "ACCUSE": [
        ("Iraq accused Turkey of violating its airspace.", "11", "IRQ", "TUR"),
        ("Brazilian police launched an investigation into the killing of two journalists.",
         "09", "BRA", None),
        ("Egypt summoned the Ethiopian ambassador over the dam dispute.", "11", "EGY", "ETH"),
    ],
    "REJECT": [
        ("Venezuela rejected a Colombian proposal for border talks.", "12", "VEN", "COL"),
        ("The Serbian government refused to recognize the election results.",
         "12", "SRB", None),
        ("The opposition party boycotted the talks with the government.", "12", None, None),
    ],
    "THREATEN": [
        ("Russia threatened to cut gas supplies to Moldova.", "13", "RUS", "MDA"),
        ("North Korea warned that it would attack South Korea.", "13", "PRK", "KOR"),
        ("Azerbaijan issued an ultimatum to the separatists.", "13", "AZE", None),
    ],
    "PROTEST": [
        ("Thousands of students marched through Santiago against the education reform.",
         "14", None, None),
        ("Workers at the copper mine went on strike on Monday.", "14", None, None),
        ("Prisoners rioted at a jail near Lima.", "14", None, None),
    ],
    "SANCTION": [
        ("Lithuania recalled its ambassador from Beijing.", "16", "LTU", "CHN"),
        ("Australia suspended military aid to Fiji.", "16", "AUS", "FJI"),
        ("Bolivia broke off diplomatic relations with Israel.", "16", "BOL", "ISR"),
    ],
    "MOBILIZE": [
        ("Armenia mobilized its reservists on Sunday.", "15", "ARM", None),
        ("China deployed warships near the Taiwan Strait.", "15", "CHN", None),
        ("The Philippine army put its troops on high alert.", "15", "PHL", None),
    ],
    "COERCE": [
        ("Police arrested forty protesters in Minsk.", "17", None, None),
        ("The Cuban government imposed a curfew in Havana.", "17", "CUB", None),
        ("Tajik customs officers confiscated the cargo of an Afghan trader.",
         "17", "TJK", "AFG"),
        ("The Ugandan government deported two British journalists.", "17", "UGA", "GBR"),
    ],
    "ASSAULT": [
        ("Gunmen kidnapped eight aid workers in South Sudan.", "18", None, None),
        ("Ethiopian forces shelled rebel positions near Mekelle.", "19", "ETH", None),
        ("Turkish warplanes bombed Kurdish militant camps in northern Iraq.",
         "19", "TUR", None),
        ("Rebels attacked a government convoy in Darfur.", "19", None, None),
    ],
}


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_family(family: str, events_of: Extract) -> None:
    for sentence, root, src, tgt in FAMILIES[family]:
        found = [e for e in events_of(sentence) if e.type == family]
        assert found, f"{family}: nothing from {sentence!r}"
        assert any(e.cameo.root == root for e in found), (sentence, [e.cameo for e in found])
        if src is not None:
            assert any(src in countries(e.sources) for e in found), (sentence, found)
        if tgt is not None:
            assert any(tgt in countries(e.targets) for e in found), (sentence, found)


def test_every_plover_type_has_a_family() -> None:
    from tidings.records import PLOVER_TYPES

    assert set(FAMILIES) == set(PLOVER_TYPES)


def test_cameo_code_fields_come_from_the_table(events_of: Extract) -> None:
    (e,) = [e for e in events_of("Police arrested forty protesters in Minsk.")
            if e.type == "COERCE"]
    assert (e.cameo.code, e.cameo.root, e.cameo.quad_class, e.cameo.goldstein) == (
        "173", "17", 4, -5.0)
    assert e.mode == "arrest"
