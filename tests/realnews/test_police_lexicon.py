"""Police work and police inaction in Indian English news: the trigger patterns and the
IndiaPoliceEvents labels they lead to (sentences written for tidings)."""

from __future__ import annotations

import pytest

import tidings
from tidings.eval.india_police import police_labels
from tidings.pipeline import Pipeline
from tidings.records import Event


def _events(pipeline: Pipeline, text: str) -> list[Event]:
    return tidings.extract(text, published="2002-03-04", pipeline=pipeline)


def _labels(events: list[Event]) -> set[str]:
    out: set[str] = set()
    for e in events:
        out |= police_labels(e)
    return out


CASES: list[tuple[str, str, set[str]]] = [
    # (sentence, CAMEO code one event must have, labels the sentence must get)
    ("The police remained mute spectators while the mob set fire to the shops.",
     "128", {"FAIL"}),
    ("Residents said the policemen did nothing to stop the rioters.", "128", {"FAIL"}),
    ("There was no police protection on the train when it reached the station.",
     "128", {"FAIL"}),
    ("There was a total lack of police action when the rioters attacked the colony.",
     "128", {"FAIL"}),
    ("The policemen were twiddling their thumbs while the shops burned.", "128", {"FAIL"}),
    ("The police could not control the mob that attacked the mosque.", "175", {"FAIL"}),
    ("Police controlled the situation within an hour.", "175", {"ANY_ACTION"}),
    ("Combing operations were carried out in the old city on Monday.", "150",
     {"ANY_ACTION"}),
    ("The army staged a flag march through the affected areas.", "150", {"ANY_ACTION"}),
    ("Heavy police bandobast has been deployed in the walled city.", "153", {"ANY_ACTION"}),
    ("Police patrolling has been intensified in the sensitive localities.", "153",
     {"ANY_ACTION"}),
    ("Additional forces have been rushed to the town.", "153", {"ANY_ACTION"}),
    ("A lathi-charge was resorted to in order to disperse the crowd.", "175",
     {"FORCE", "ANY_ACTION"}),
    ("Five party workers have been booked for murder.", "173", {"ARREST", "ANY_ACTION"}),
    ("The activist was picked up by police from his residence on Monday.", "173",
     {"ARREST", "ANY_ACTION"}),
    ("Troops were deployed at the riot-affected areas on Friday.", "154", {"ANY_ACTION"}),
    ("Thousands of para-military personnel have been deployed to maintain law and order.",
     "154", {"ANY_ACTION"}),
    ("Security arrangements had been made to ensure the safe passage of the train.", "153",
     {"ANY_ACTION"}),
    ("Several areas of the town were placed under curfew after the clashes.", "1723",
     {"ANY_ACTION"}),
    ("Two men were killed in police firing near the bus stand.", "190",
     {"KILL", "FORCE", "ANY_ACTION"}),
    ("The leaders left the party office at ten and were arrested near the bridge.", "173",
     {"ARREST", "ANY_ACTION"}),
    ("The police recovered two empty cartridges from him.", "1711", {"ANY_ACTION"}),
    ("The minister reached the area escorted by the police commissioner.", "153",
     {"ANY_ACTION"}),
    ("A state-wide red alert has been sounded.", "151", {"ANY_ACTION"}),
    ("Security personnel fired in the air to disperse the stone-pelting crowd.", "190",
     {"FORCE", "ANY_ACTION"}),
    ("The BSF has been dispatched to the town after fresh arson.", "153", {"ANY_ACTION"}),
    ("Two companies of the CRPF were called in on Sunday.", "153", {"ANY_ACTION"}),
    ("The district administration imposed curfew in the old city.", "1723", {"ANY_ACTION"}),
    ("The state government failed to protect the lives of the minority community.", "128",
     {"FAIL"}),
    ("The police failed to prevent the mob from torching the shops.", "128", {"FAIL"}),
    ("Critics pointed to the delay in calling out the army.", "041", {"FAIL"}),
    ("Nine people died in police firing in the old city.", "190",
     {"KILL", "FORCE", "ANY_ACTION"}),
    ("Most of those who fell to police bullets were young men.", "193",
     {"KILL", "FORCE", "ANY_ACTION"}),
    ("Over 1,200 policemen will be deployed at the counting centres.", "153",
     {"ANY_ACTION"}),
    ("Forty more were arrested from the village on Tuesday.", "173",
     {"ARREST", "ANY_ACTION"}),
    ("The two leaders have been placed under house arrest.", "173", {"ARREST", "ANY_ACTION"}),
    ("in varanasi, about 200 demonstrators, including a local legislator, were arrested.",
     "173", {"ARREST", "ANY_ACTION"}),
    ("Curfew continued in the old city for the third day.", "1723", {"ANY_ACTION"}),
    ("The walled city remained under curfew on Sunday.", "1723", {"ANY_ACTION"}),
    ("The local police did little to stop the looting.", "128", {"FAIL"}),
    # police work as coded events (round 2): custody, raids, interventions, escorts,
    # protection, guard duty, criminal cases registered
    ("A city court remanded the suspect to ten days' police custody.", "173",
     {"ARREST", "ANY_ACTION"}),
    ("The two suspects were remanded in police custody till Friday.", "173",
     {"ARREST", "ANY_ACTION"}),
    ("A police team raided three houses in the old city on Monday.", "170",
     {"ANY_ACTION"}),
    ("The police intervened before the two groups could clash.", "175", {"ANY_ACTION"}),
    ("The road was cleared only after the intervention of the police.", "175",
     {"ANY_ACTION"}),
    ("Forty pilgrims reached their village under police escort.", "153", {"ANY_ACTION"}),
    ("Police protection has been provided to the families of the witnesses.", "153",
     {"ANY_ACTION"}),
    ("Armed policemen guarded the polling booths through the day.", "153", {"ANY_ACTION"}),
    ("Police pickets have been posted at all sensitive junctions.", "153", {"ANY_ACTION"}),
    ("The police have registered a case of arson against twelve persons.", "091",
     {"ANY_ACTION"}),
    ("An FIR has been lodged with the local police against the shopkeeper.", "091",
     {"ANY_ACTION"}),
    ("The stone-throwing youths were chased away by the Rapid Action Force.", "175",
     {"ANY_ACTION"}),
    ("The procession passed off peacefully amid tight security.", "153", {"ANY_ACTION"}),
    ("The district police sent a heavy armed police force to the village.", "153",
     {"ANY_ACTION"}),
    ("The city police have clamped restrictions on public meetings.", "172",
     {"ANY_ACTION"}),
    ("More than two hundred arrests have been made in the district so far.", "173",
     {"ARREST", "ANY_ACTION"}),
    ("The sensitive localities are being kept under strict vigil.", "153", {"ANY_ACTION"}),
    ("Each convoy was given an escort van with six armed constables.", "153",
     {"ANY_ACTION"}),
]

ACLED_CASES = [
    ("Army engineers defused two bombs found near the bridge.", "1711",
     "Disrupted weapons use"),
    ("Government troops recaptured the town from the rebels on Sunday.", "192",
     "Government regains territory"),
    ("The militants set up a base in the forest near the border.", "154",
     "Headquarters or base established"),
    ("Two rebel factions merged to form a new armed group.", "060",
     "Change to group/activity"),
]


def test_companies_merging_are_no_armed_group_change(pipeline: Pipeline) -> None:
    assert all(e.acled is None for e in _events(pipeline, "The two banks merged last year."))


@pytest.mark.parametrize(("text", "code", "sub"), ACLED_CASES, ids=[c[1] for c in ACLED_CASES])
def test_case_verbs(pipeline: Pipeline, text: str, code: str, sub: str) -> None:
    events = [e for e in _events(pipeline, text) if e.cameo.code == code]
    assert events, text
    assert events[0].acled is not None and events[0].acled["sub_event_type"] == sub


def test_a_shooting_by_no_one_named_is_not_police_work(pipeline: Pipeline) -> None:
    assert "KILL" not in _labels(_events(
        pipeline, "A trader was shot dead near the market on Saturday."))
    assert "KILL" in _labels(_events(
        pipeline, "Two terrorists were shot dead in an encounter on Saturday."))


@pytest.mark.parametrize(("text", "code", "labels"), CASES, ids=[c[0][:40] for c in CASES])
def test_police_patterns(pipeline: Pipeline, text: str, code: str, labels: set[str]) -> None:
    events = _events(pipeline, text)
    assert code in {e.cameo.code for e in events}, [(e.cameo.code, e.evidence.text)
                                                   for e in events]
    assert labels <= _labels(events)


def test_inaction_is_not_an_action(pipeline: Pipeline) -> None:
    events = _events(pipeline, "Residents said the policemen did nothing to stop the rioters.")
    assert "ANY_ACTION" not in _labels(events)
    labels = _labels(_events(pipeline, "The railway police failed to disperse the mob."))
    assert "FAIL" in labels and "ANY_ACTION" not in labels


def test_bare_nouns_outside_police_news_code_nothing(pipeline: Pipeline) -> None:
    # "none" among the sources lets only the listed police nouns stand without an actor
    assert not _events(pipeline, "The march was long and the weather was cold.")
    assert not _events(pipeline, "The charge for the service has been raised to ten rupees.")
    assert not _events(pipeline, "The economy recovered strongly last year.")
    assert not _events(pipeline, "The talks continued in the capital on Monday.")
    # a policeman doing something is no inaction
    assert "FAIL" not in _labels(_events(pipeline, "The police arrested twelve men on Monday."))


def test_failures_that_are_not_police_inaction(pipeline: Pipeline) -> None:
    # no arrests made is no failure to act; complicity is siding, not standing by;
    # failing at something else is no failure of duty
    assert "FAIL" not in _labels(_events(
        pipeline, "The superintendent said no arrests could be made as the attackers had fled."))
    assert "FAIL" not in _labels(_events(
        pipeline, "The opposition alleged police complicity in the riots."))
    events = _events(pipeline, "The government failed to reach an agreement with the unions.")
    assert "128" not in {e.cameo.code for e in events}
    assert "FAIL" not in _labels(events)


def test_police_work_patterns_keep_to_the_police(pipeline: Pipeline) -> None:
    # a raid by the police is no assault, and no force unless force is named
    labels = _labels(_events(pipeline, "Police raided the office of the party on Friday."))
    assert "ANY_ACTION" in labels and "FORCE" not in labels
    # custody that no police hold, a court's intervention, a lawsuit: no police work
    assert not _labels(_events(
        pipeline, "The carved stones were kept in the safe custody of the district magistrate."))
    assert not _labels(_events(
        pipeline, "The petitioners sought the court's intervention in the dispute."))
    events = _events(pipeline, "The trustee has filed a case against the chairman of the trust.")
    assert "091" not in {e.cameo.code for e in events} and not _labels(events)
    assert not _labels(_events(
        pipeline, "Guarding the border is the responsibility of the centre."))
    # a dog chasing a cat, security as a topic: no police work
    assert not _events(pipeline, "The dog chased the cat across the yard.")
    assert not _labels(_events(pipeline, "The security situation in the state has improved."))
    assert not _labels(_events(
        pipeline, "Hundreds of students held a candlelight vigil for the victims."))
