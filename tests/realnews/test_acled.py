"""ACLED crosswalk: table defaults and context rules."""

from __future__ import annotations

import pytest

from tidings.events.acled import CASE_CODES, EVENT_TYPE, acled_of, case_code, classify
from tidings.lexicon import Lexicon
from tidings.records import Actor

POLICE = Actor(text="police", sectors=["COP"])
REBELS = Actor(text="rebels", sectors=["REB"], kind="group")
TROOPS = Actor(text="troops", sectors=["MIL"])
CROWD = Actor(text="crowd")


def test_all_25_labels_and_event_types() -> None:
    assert len(CASE_CODES) == 25
    assert set(EVENT_TYPE) == set(CASE_CODES)
    assert case_code(None) == "OTHER"


def test_table_has_acled_columns_for_violence() -> None:
    lex = Lexicon.load()
    assert lex.info("173").acled_sub_event_type == "Arrests"
    assert lex.info("1831").acled_sub_event_type == "Suicide bomb"
    assert lex.info("195").acled_event_type == "Explosions/Remote violence"
    assert lex.info("010").acled_event_type == ""


@pytest.mark.parametrize(("code", "sentence", "sources", "targets", "expected"), [
    ("193", "Police opened fire on protesters, killing two.", [POLICE], [CROWD],
     "Excessive force against protesters"),
    ("175", "Police fired tear gas to disperse the protesters.", [POLICE], [CROWD],
     "Protest with intervention"),
    ("173", "Police arrested 20 protesters at the rally.", [POLICE], [CROWD],
     "Protest with intervention"),
    ("173", "Police arrested a smuggler.", [POLICE], [], "Arrests"),
    ("141", "Teachers marched peacefully to parliament.", [], [], "Peaceful protest"),
    ("141", "Protesters threw stones and torched cars.", [], [], "Violent demonstration"),
    ("190", "A suicide bomber blew himself up at the checkpoint.", [], [], "Suicide bomb"),
    ("190", "Warplanes bombed the village.", [], [], "Air/drone strike"),
    ("180", "A grenade was thrown into the bar.", [], [], "Grenade"),
    ("180", "Militiamen raped two women.", [REBELS], [], "Sexual violence"),
    ("182", "A mob lynched a suspected thief.", [CROWD], [], "Mob violence"),
    ("193", "Troops fought rebels near the border.", [TROOPS], [REBELS], "Armed clash"),
    ("192", "Rebels captured the town.", [REBELS], [], "Non-state actor overtakes territory"),
    ("192", "Troops recaptured the town.", [TROOPS], [],
     "Government regains territory"),
    ("1711", "Soldiers seized a cache of weapons.", [TROOPS], [], "Disrupted weapons use"),
])
def test_context_rules(code: str, sentence: str, sources: list[Actor],
                       targets: list[Actor], expected: str) -> None:
    table = Lexicon.load().info(code).acled_sub_event_type
    assert classify(code, table, sentence, sources, targets) == expected


def test_no_category_for_diplomacy() -> None:
    assert acled_of("042", "", "The minister visited Paris.", [], []) is None


def test_events_carry_acled_types(pipeline) -> None:  # type: ignore[no-untyped-def]
    from tidings.pipeline import extract

    events = extract("Police arrested fourteen opposition activists in Harare on Wednesday.",
                     pipeline=pipeline)
    arrests = [e for e in events if e.cameo.code.startswith("173")]
    assert arrests and arrests[0].acled == {"event_type": "Strategic developments",
                                            "sub_event_type": "Arrests"}
