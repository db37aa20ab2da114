"""Frames and the events they compose, and what mentions tell the later stages."""

from __future__ import annotations

from tidings.pipeline import Pipeline
from tidings.records import Document

from .conftest import Extract, countries, of_type


def test_commissive_frame_keeps_the_committed_act(events_of: Extract) -> None:
    events = events_of("The government promised to free all political prisoners.")
    assert [e.cameo.code for e in of_type(events, "AGREE")] == ["0353"]
    assert [e.cameo.code for e in of_type(events, "RETREAT")] == ["0841"]


def test_intent_over_force_is_a_threat(events_of: Extract) -> None:
    events = events_of("Serbia vowed to attack the rebels.")
    (threat,) = of_type(events, "THREATEN")
    assert threat.cameo.root == "13" and countries(threat.sources) == {"SRB"}
    assert [a.text for a in threat.targets] == ["rebels"]


def test_refusals_compose_with_what_is_refused(events_of: Extract) -> None:
    (r,) = of_type(events_of("Kenya refused to release the detained Somali fishermen."),
                   "REJECT")
    assert r.cameo.code == "1243" and countries(r.targets) == {"SOM"}
    (c,) = of_type(events_of("Uganda rejected calls by Kenya for a ceasefire."), "REJECT")
    assert c.cameo.root == "12" and countries(c.targets) == {"KEN"}


def test_negated_future_cooperation_is_a_refusal(events_of: Extract) -> None:
    (e,) = events_of("Hungary said it would not provide weapons to Ukraine.")
    assert (e.type, e.cameo.code) == ("REJECT", "1222")
    assert countries(e.sources) == {"HUN"} and countries(e.targets) == {"UKR"}


def test_stated_future_act_is_also_an_expressed_intent(events_of: Extract) -> None:
    events = events_of("The United States will supply fighter jets to Poland.")
    assert sorted(e.cameo.code for e in events) == ["0332", "072"]


def test_must_under_a_speech_verb_is_a_demand(events_of: Extract) -> None:
    (e,) = events_of("The minister said the rebels must lay down their arms.")
    assert (e.type, e.cameo.code) == ("REQUEST", "1056")
    assert [a.text for a in e.targets] == ["rebels"]


def test_demand_that_clause_targets_its_subject(events_of: Extract) -> None:
    (e,) = events_of("The opposition demanded that the president resign.")
    assert e.cameo.code == "1041" and [a.text for a in e.targets] == ["president"]


def test_claim_of_responsibility_and_accusation(events_of: Extract) -> None:
    events = events_of("The militant group claimed responsibility for the bombing in "
                       "Mogadishu.")
    assert {e.cameo.code for e in events} == {"015", "183"}
    events = events_of("Chad's army said the rebels had attacked its base.")
    (acc,) = of_type(events, "ACCUSE")
    assert countries(acc.sources) == {"TCD"} and "REB" in acc.targets[0].sectors


def test_threat_with_unless_targets_the_one_put_to_the_condition(events_of: Extract) -> None:
    (e,) = events_of("The union threatened to strike unless the government raises salaries.")
    assert e.cameo.code == "133" and [a.text for a in e.targets] == ["government"]


def test_mentions_carry_governor_and_condition(pipeline: Pipeline) -> None:
    text = ("The CSTO agreed to send peacekeepers. In the case of an attack on any member, "
            "the other members shall provide military aid.")
    (analysis,) = pipeline.analyse([Document.from_text(text)])
    by_code = {m.code: m for m in analysis.mentions}
    assert by_code["074"].extra["governor"]["lemma"] == "agree"
    cond = by_code["072"].extra["condition"]
    assert text[cond["span"][0]:cond["span"][1]] == "case"
    assert "0332" not in by_code  # a treaty rule is not a pledge
