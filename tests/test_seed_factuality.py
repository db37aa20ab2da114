"""Acceptance on the article the project starts from: the factuality side of issue 6.

The bomb threats against the embassies were refuted later in the article (nothing was
found, the messages turned out to be false); the CSTO withdrawal is announced for the
future; the Article 4 treaty clause states a condition, not an event.
"""

from __future__ import annotations

from tidings.annotations import Analysis
from tidings.records import Event


def _sentence(a: Analysis, e: Event) -> str:
    return a.document.text[e.evidence.sentence[0]:e.evidence.sentence[1]]


def _threats_against(a: Analysis, countries: set[str]) -> list[Event]:
    return [e for e in a.events if e.type == "THREATEN"
            and countries <= {t.country for t in e.targets}]


def _check_refuted(a: Analysis, e: Event) -> None:
    f = e.factuality
    assert f.label == "refuted", (e.cameo.code, _sentence(a, e), f)
    assert f.score == -3.0
    assert f.evidence_span is not None
    assert a.document.text[f.evidence_span[0]:f.evidence_span[1]] == f.evidence
    assert f.evidence_span[0] > e.evidence.trigger[1]  # a later statement


def test_threats_against_the_tajik_and_kyrgyz_embassies_are_refuted(seed: Analysis) -> None:
    threats = _threats_against(seed, {"TJK", "KGZ"})
    assert threats
    for e in threats:
        _check_refuted(seed, e)


def test_threat_against_the_armenian_and_belarusian_embassies_is_refuted(
        seed: Analysis) -> None:
    threats = _threats_against(seed, {"ARM", "BLR"})
    assert threats
    for e in threats:
        _check_refuted(seed, e)
        assert "false" in (e.factuality.evidence or "")  # refuted two paragraphs on


def test_csto_withdrawal_is_planned(seed: Analysis) -> None:
    retreat = [e for e in seed.events if e.type == "RETREAT" and e.cameo.code.startswith("087")]
    assert retreat
    for e in retreat:
        assert e.factuality.label == "planned", (_sentence(seed, e), e.factuality)
        assert e.factuality.evidence == "will"
        assert e.factuality.score < 3.0


def test_article_4_clause_is_not_asserted(seed: Analysis) -> None:
    clause = [e for e in seed.events if "Member States" in _sentence(seed, e)]
    assert clause
    for e in clause:
        assert e.factuality.label not in ("asserted", "reported"), (e.cameo.code, e.factuality)
        assert e.factuality.label == "hypothetical"
        assert e.factuality.score <= 1.5


def test_no_event_asserts_that_explosives_were_placed(seed: Analysis) -> None:
    for e in seed.events:
        text = _sentence(seed, e).lower()
        trigger = seed.document.text[e.evidence.trigger[0]:e.evidence.trigger[1]]
        if trigger in ("placed", "laying") or (
                e.type in ("THREATEN", "ASSAULT") and ("explosive" in text or "mines" in text)):
            assert e.factuality.label not in ("asserted", "reported"), (trigger, e.factuality)


def test_events_that_happened_stay_factual(seed: Analysis) -> None:
    """The refutations reach only the threats: the police check, the appeal to the CSTO
    and the deployment happened."""
    appeals = [e for e in seed.events if e.type == "REQUEST" and e.cameo.root == "02"]
    deploy = [e for e in seed.events if e.type in ("AID", "MOBILIZE") and "deploying" in
              seed.document.text[e.evidence.trigger[0]:e.evidence.trigger[1]]]
    checks = [e for e in seed.events if e.cameo.root == "09"]
    for e in appeals + deploy + checks:
        assert e.factuality.label in ("asserted", "reported"), (e.cameo.code, e.factuality)
    assert appeals and deploy and checks
