"""Events -> incidents (tidings.events.incidents): type, relevance, date, stage."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.conftest import shared_path
from tidings.eval import muc4
from tidings.events import incidents as inc
from tidings.records import Actor, Cameo, Document, Event, Evidence

DATELINE = datetime(1989, 10, 5, tzinfo=UTC)


def _incidents(pipeline, text: str, relevant: bool = False):  # type: ignore[no-untyped-def]
    doc = Document.from_text(text, published_at=DATELINE, source="test")
    (a,) = list(pipeline.analyse([doc]))
    found = inc.group(a.events, DATELINE.date())
    if relevant:
        found = inc.relevance(found, DATELINE.date(), text)
    return found, list(a.timexes)


def test_a_bombing_is_one_incident_of_its_type(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("LIMA, 5 OCT 89 (EFE) -- [TEXT] Urban guerrillas set off a car bomb outside the "
            "headquarters of the electricity company on Tuesday. The bomb destroyed the "
            "front of the building and wounded two watchmen.")
    found, _ = _incidents(pipeline, text)
    assert [i.type for i in found] == ["BOMBING"]


def test_the_day_named_next_to_the_act_wins_over_today(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("LIMA, 5 OCT 89 (EFE) -- [TEXT] The police reported today that gunmen "
            "kidnapped a local businessman on 3 October in the city of Trujillo.")
    found, timexes = _incidents(pipeline, text)
    assert [i.type for i in found] == ["KIDNAPPING"]
    start = muc4._body_start(text)
    assert start == text.index("The police")
    assert inc.incident_date(found[0], timexes, start) == "1989-10-03"


def test_yesterday_in_the_lead_dates_the_incident(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("BOGOTA, 5 OCT 89 (EFE) -- [TEXT] Yesterday afternoon an unidentified group "
            "set fire to three buses in the southern outskirts of the capital.\n\n"
            "The drivers escaped unhurt, the fire department said.")
    found, timexes = _incidents(pipeline, text)
    assert [i.type for i in found] == ["ARSON"]
    assert inc.incident_date(found[0], timexes, muc4._body_start(text)) == "1989-10-04"


def test_the_story_model_tells_terrorism_from_diplomacy() -> None:
    model = inc.load_model()
    assert model is not None and model.doc_weights and 0.0 < model.threshold < 1.0
    attack = ("Terrorists of the urban commandos machinegunned a bus and set off a dynamite "
              "charge at the police station; two civilians were killed and the guerrillas "
              "claimed responsibility for the attack.")
    talks = ("The foreign minister met his counterpart to discuss trade, the debt and a "
             "visit of the president next month; both governments signed an agreement.")
    p_attack, p_talks = model.doc_score(attack), model.doc_score(talks)
    assert p_attack is not None and p_talks is not None
    assert p_attack > 0.5 > p_talks


def test_relevance_model_round_trips() -> None:
    model = inc.RelevanceModel(weights={"type=ATTACK": -0.5, "lead": 1.0}, bias=0.1,
                               threshold=0.4, doc_weights={"bomb": 2.0}, doc_bias=-1.0)
    again = inc.RelevanceModel.from_dict(model.to_dict())
    assert again == model
    assert again.score({"lead": 1.0}) > again.score({"type=ATTACK": 1.0})
    assert again.doc_score("a bomb") == pytest.approx(1 / (1 + pow(2.718281828, -1.0)),
                                                      rel=1e-6)


def test_relevance_cuts_at_the_threshold(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("LIMA, 5 OCT 89 (EFE) -- [TEXT] Gunmen shot and killed a judge in Lima on "
            "Tuesday.")
    found, _ = _incidents(pipeline, text)
    assert found
    keep_all = inc.RelevanceModel(weights={}, bias=0.0, threshold=0.5)
    drop_all = inc.RelevanceModel(weights={}, bias=0.0, threshold=0.51)
    assert inc.relevance(list(found), DATELINE.date(), text, keep_all) == found
    assert found[0].relevance == 0.5 and found[0].features["lead"] == 1.0
    assert inc.relevance(list(found), DATELINE.date(), text, drop_all) == []


@pytest.mark.slow
@pytest.mark.shared
def test_incident_floor_on_the_first_60_documents(pipeline) -> None:  # type: ignore[no-untyped-def]
    data = shared_path("muc4")
    m = muc4.evaluate(data, pipeline=pipeline, limit=60).metrics
    # measured on these 60 TST1 documents: type P 0.6591, F1 0.6667, date 0.9655,
    # stage 0.9655 (round 1: P 0.6757, F1 0.6250, date 0.9200, stage 0.9200; before the
    # relevance model: P 0.5000, F1 0.5586)
    assert m["type_precision"] >= FLOOR["precision"]
    assert m["type_f1"] >= FLOOR["f1"]
    assert m["date_accuracy"] >= FLOOR["date"]
    assert m["stage_accuracy"] >= FLOOR["stage"]


FLOOR = {"precision": 0.64, "f1": 0.65, "date": 0.94, "stage": 0.94}


def _event(code: str, sentence: str, trigger: str, targets: list[Actor],
           at: int = 0) -> Event:
    t0 = sentence.index(trigger)
    return Event(id=f"e{at}", document_id="d", type="ASSAULT",
                 cameo=Cameo(code=code, root=code[:2], quad_class=4, goldstein=-10.0),
                 targets=targets,
                 evidence=Evidence(sentence=[at, at + len(sentence)],
                                   trigger=[at + t0, at + t0 + len(trigger)], text=sentence))


def test_a_nationality_with_people_is_no_state() -> None:
    jesuits = Actor(text="the Spanish Jesuits", id="ESP", name="Spain", kind="country",
                    method="kb-name")
    city = Actor(text="Medellin", id="COL", name="Colombia", kind="country",
                 method="location")
    army = Actor(text="the Honduran army", id="HND", name="Honduras", kind="country",
                 method="kb-name")
    country = Actor(text="Colombia", id="COL", name="Colombia", kind="country",
                    method="location")
    assert not inc.state(jesuits) and not inc.state(city)
    assert inc.state(army) and inc.state(country)
    killing = _event("180", "Gunmen killed the Spanish Jesuits at their residence.",
                     "killed", [jesuits])
    assert not inc.war(killing) and inc.named(jesuits)
    raid = _event("190", "Troops attacked Colombia from the border.", "attacked", [country])
    assert inc.war(raid)


def test_the_weapon_next_to_the_attack_makes_a_bombing() -> None:
    target = [Actor(text="the embassy warehouse", kind="unknown")]
    dynamite = _event("190", "Guerrillas denied the dynamite attack on the embassy "
                      "warehouse.", "attack", target)
    shooting = _event("190", "Guerrillas denied the attack on the embassy warehouse.",
                      "attack", target)
    blown = _event("1712", "Rebels blew up a power pylon near the town.", "blew up",
                   [Actor(text="a power pylon")])
    assert inc.incident_type(dynamite) == "BOMBING"
    assert inc.incident_type(shooting) == "ATTACK"
    assert inc.incident_type(blown) == "BOMBING"


def test_bombs_with_targets_of_their_own_are_two_incidents() -> None:
    first = "A bomb exploded at the Banco Popular branch, damaging the bank."
    second = "Another bomb destroyed the electricity pylon on the highway."
    bank = _event("183", first, "exploded", [Actor(text="the Banco Popular branch")])
    pylon = _event("183", second, "destroyed", [Actor(text="the electricity pylon")],
                   at=len(first) + 1)
    again = _event("183", "Police said the branch had been closed.", "branch",
                   [Actor(text="the branch")], at=len(first) + len(second) + 2)
    found = inc.group([bank, pylon, again])
    assert [(i.type, len(i.events)) for i in found] == [("BOMBING", 2), ("BOMBING", 1)]


def test_what_a_blast_did_and_a_robbery_are_incidents(pipeline) -> None:  # type: ignore[no-untyped-def]
    blast = ("LA PAZ, 5 OCT 89 (EFE) -- [TEXT] A violent explosion damaged the Peruvian "
             "consulate in La Paz last night.")
    robbery = ("BOGOTA, 5 OCT 89 (EFE) -- [TEXT] Two armed men robbed a branch of the "
               "Banco Cafetero in Cali this morning.")
    storm = ("LIMA, 5 OCT 89 (EFE) -- [TEXT] The storm damaged the harbour of Callao "
             "last night.")
    assert [i.type for i in _incidents(pipeline, blast)[0]] == ["BOMBING"]
    assert [i.type for i in _incidents(pipeline, robbery)[0]] == ["ROBBERY"]
    assert _incidents(pipeline, storm)[0] == []
