"""Sentence-level labels, each with the words that decide it, on sentences written for
these tests."""

from __future__ import annotations

import pytest

from tidings.records import Factuality

from .conftest import Assess


def _check(f: Factuality, text: str, label: str, evidence: str | None) -> None:
    assert f.label == label, (f, text)
    if evidence is not None:
        assert f.evidence is not None and evidence in f.evidence.lower(), (f, text)
        assert f.evidence_span is not None
        assert text[f.evidence_span[0]:f.evidence_span[1]].lower() == f.evidence.lower()


@pytest.mark.parametrize(("text", "word", "evidence"), [
    ("Troops attacked the village on Monday.", "attacked", None),
    ("The rebels seized the airport after a short battle.", "seized", None),
    ("Police arrested three protesters outside the parliament.", "arrested", None),
])
def test_plain_statements_are_asserted(fact: Assess, text: str, word: str,
                                       evidence: str | None) -> None:
    f = fact(text, word)
    _check(f, text, "asserted", evidence)
    assert f.score >= 2.0


@pytest.mark.parametrize(("text", "word", "evidence"), [
    ("The army did not attack the town.", "attack", "not"),
    ("Police never arrested the suspect.", "arrested", "never"),
    ("The government denied attacking the convoy.", "attacking", "denied"),
    ("The ministry denied that its forces shelled the village.", "shelled", "denied"),
    ("The rebels failed to capture the bridge.", "capture", "failed"),
    ("The president refused to sign the decree.", "sign", "refused"),
    ("No attack took place on Tuesday.", "attack", "no"),
    ("The militia didn't withdraw and did not disarm.", "withdraw", "n't"),
])
def test_negation_scope(fact: Assess, text: str, word: str, evidence: str) -> None:
    f = fact(text, word)
    _check(f, text, "negated", evidence)
    assert f.score < 0


def test_negation_stays_in_its_clause(fact: Assess) -> None:
    text = "The envoy did not say when, but the troops withdrew on Sunday."
    assert fact(text, "withdrew").label == "asserted"
    text = "Police found no weapons after they searched the house."
    assert fact(text, "searched").label == "asserted"


@pytest.mark.parametrize(("text", "word", "evidence"), [
    ("The rebels may attack the capital.", "attack", "may"),
    ("Protesters could block the highway tomorrow.", "block", "could"),
    ("The army might withdraw from the border.", "withdraw", "might"),
    ("The group is reportedly preparing an offensive.", "preparing", "reportedly"),
    ("The militia allegedly kidnapped two journalists.", "kidnapped", "allegedly"),
    ("Officials suspect the rebels poisoned the well.", "poisoned", "suspect"),
    ("Did the army shell the hospital?", "shell", "?"),
])
def test_possible(fact: Assess, text: str, word: str, evidence: str) -> None:
    f = fact(text, word)
    _check(f, text, "possible", evidence)
    assert f.score < 2.5


@pytest.mark.parametrize(("text", "word", "evidence"), [
    ("If the talks fail, the army will attack the city.", "attack", "if"),
    ("If the rebels attack, the army will respond.", "attack", "if"),
    ("Unless the troops withdraw, sanctions will follow.", "withdraw", "unless"),
    ("In the event of an attack, members shall assist each other.", "assist", "in the event"),
    ("In the event of an attack, members shall assist each other.", "attack", "in the event"),
    ("In the case of aggression against a member, the others shall provide aid.", "aggression",
     "in the case"),
    ("Member states shall provide military assistance to one another.", "provide", "shall"),
    ("The minister said the government would never negotiate with terrorists.", "negotiate",
     None),
])
def test_hypothetical(fact: Assess, text: str, word: str, evidence: str | None) -> None:
    f = fact(text, word)
    assert f.label in ("hypothetical", "negated") if word == "negotiate" else True
    if word != "negotiate":
        _check(f, text, "hypothetical", evidence)
    assert f.score <= 1.5


@pytest.mark.parametrize(("text", "word", "evidence"), [
    ("The withdrawal of the contingent will begin in two days.", "withdrawal", "will"),
    ("The army will begin its withdrawal on Friday.", "begin", "will"),
    ("The government plans to hold elections in March.", "hold", "plans"),
    ("The two leaders are to meet in Geneva next week.", "meet", None),
    ("The union intends to strike on Monday.", "strike", "intends"),
    ("The talks are scheduled to resume on Tuesday.", "resume", "scheduled"),
    ("The opposition wants to organise a rally.", "organise", "wants"),
    ("The planned withdrawal was announced by the ministry.", "withdrawal", "planned"),
])
def test_planned(fact: Assess, text: str, word: str, evidence: str | None) -> None:
    f = fact(text, word)
    _check(f, text, "planned", evidence)
    assert -1.0 <= f.score <= 2.5


def test_started_action_is_not_planned(fact: Assess) -> None:
    assert fact("The peacekeepers began deploying on Thursday.", "deploying").label == "asserted"


def test_adjunct_does_not_inherit_the_hedge(fact: Assess) -> None:
    text = "No weapons were reportedly found during the search of the house."
    assert fact(text, "search").label == "asserted"


def test_score_follows_the_label(fact: Assess) -> None:
    """The fitted score lies in the range of the label given."""
    asserted = fact("Soldiers fired on the crowd.", "fired").score
    planned = fact("Soldiers will fire on the crowd.", "fire").score
    negated = fact("Soldiers did not fire on the crowd.", "fire").score
    assert asserted > planned > negated


def test_reporting_tell_is_not_a_directive(fact: Assess) -> None:
    text = "The army refused to leave the region, the minister told reporters."
    assert fact(text, "refused").label == "asserted"
    assert fact(text, "leave").label == "negated"
    assert fact("The general told the troops to leave the region.", "leave").label == "planned"


def test_two_negations_cancel(fact: Assess) -> None:
    text = "The guards did not fail to stop the convoy."
    assert fact(text, "stop").label == "asserted"


@pytest.mark.parametrize(("text", "word", "evidence"), [
    ("The attack did not happen.", "attack", "not"),
    ("The now-cancelled deal angered the unions.", "deal", "cancelled"),
])
def test_negated_event_nouns(fact: Assess, text: str, word: str, evidence: str) -> None:
    _check(fact(text, word), text, "negated", evidence)


def test_plain_subjects_keep_their_polarity(fact: Assess) -> None:
    text = "The first searches did not find the missing rifles."
    assert fact(text, "searches").label == "asserted"
    text = "Their repeated attacks must be stopped."
    assert fact(text, "attacks").label == "asserted"


def test_reported_future_and_polite_would(fact: Assess) -> None:
    text = "The spokesman said the council would discuss the request next week."
    f = fact(text, "discuss")
    assert f.label == "planned" and f.evidence == "would"
    text = "The minister would like to thank the rescue teams."
    assert fact(text, "like").label == "asserted"


@pytest.mark.parametrize(("text", "word", "evidence"), [
    ("Nobody was hurt in the blast.", "hurt", "nobody"),
    ("No weapon was recovered at the scene.", "recovered", "no"),
    ("Many villagers no longer farm the valley.", "farm", "no longer"),
    ("The board decided against selling the refinery.", "selling", "against"),
    ("The carrier rejected a proposal to merge the two airlines.", "merge", "rejected"),
])
def test_more_negation(fact: Assess, text: str, word: str, evidence: str) -> None:
    _check(fact(text, word), text, "negated", evidence)


def test_a_ruling_asserts(fact: Assess) -> None:
    text = "The court ruled that the father has custody of the boy."
    assert fact(text, "has").label == "asserted"


def test_polite_would_in_a_quote(fact: Assess) -> None:
    text = "The airline said it would like to thank the crews for their work."
    assert fact(text, "like").label == "asserted"
    assert fact(text, "thank").label == "asserted"
