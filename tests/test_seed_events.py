"""Acceptance on the article the project starts from: the event side of issue 3.

Times, attribution and factuality labels belong to other stages and are not asserted here;
the Article 4 clause only has to carry its condition marker.
"""

from __future__ import annotations

from tidings.annotations import Analysis
from tidings.records import Actor, Event


def _countries(actors: list[Actor]) -> set[str | None]:
    return {a.country for a in actors}


def _igo(actors: list[Actor]) -> bool:
    return any("IGO" in a.sectors or (a.id or "").startswith("IGO") for a in actors)


def _sentence(a: Analysis, e: Event) -> str:
    return a.document.text[e.evidence.sentence[0]:e.evidence.sentence[1]]


def test_moscow_police_check_the_tajik_and_kyrgyz_embassies(seed: Analysis) -> None:
    checks = [e for e in seed.events if e.cameo.root == "09"
              and any(a.country == "RUS" and "COP" in a.sectors for a in e.sources)]
    assert checks, [(e.cameo.code, e.sources) for e in seed.events]
    assert any({"TJK", "KGZ"} <= _countries(e.targets) for e in checks)


def test_threats_against_the_tajik_and_kyrgyz_embassies(seed: Analysis) -> None:
    threats = [e for e in seed.events if e.type == "THREATEN" and e.cameo.root == "13"]
    assert any({"TJK", "KGZ"} <= _countries(e.targets) for e in threats)


def test_demand_for_the_withdrawal_of_troops(seed: Analysis) -> None:
    demands = [e for e in seed.events if e.type == "REQUEST" and e.cameo.root == "10"]
    assert demands and all(e.cameo.code == "1056" for e in demands)


def test_january_7_threat_against_the_armenian_and_belarusian_embassies(
        seed: Analysis) -> None:
    threats = [e for e in seed.events if e.type == "THREATEN"
               and {"ARM", "BLR"} <= _countries(e.targets)]
    assert threats
    assert "January 7" in _sentence(seed, threats[0])


def test_no_event_says_explosives_were_placed(seed: Analysis) -> None:
    for e in seed.events:
        text = _sentence(seed, e).lower()
        if "explosive" in text or "mines" in text:
            assert e.type != "ASSAULT", (e.cameo.code, text)
    placed = [e for e in seed.events if seed.document.text[
        e.evidence.trigger[0]:e.evidence.trigger[1]] in ("placed", "laying")]
    assert placed and all(e.type == "THREATEN" for e in placed)


def test_tokayev_appeals_to_the_csto_for_assistance(seed: Analysis) -> None:
    appeals = [e for e in seed.events if e.type == "REQUEST" and e.cameo.root == "02"]
    assert any(a.country == "KAZ" and "GOV" in a.sectors for e in appeals for a in e.sources)
    assert any(_igo(e.targets) for e in appeals)


def test_the_csto_agrees_to_send_and_deploys_peacekeepers(seed: Analysis) -> None:
    agree = [e for e in seed.events if e.type == "AGREE" and _igo(e.sources)]
    assert any(e.cameo.root == "03" for e in agree)
    deploy = [e for e in seed.events if e.type in ("AID", "MOBILIZE") and e.cameo.root == "07"
              and _igo(e.sources) and "KAZ" in _countries(e.targets)]
    assert deploy


def test_phased_withdrawal_of_the_csto_contingent(seed: Analysis) -> None:
    retreat = [e for e in seed.events if e.type == "RETREAT" and e.cameo.code.startswith("087")]
    assert any(_igo(e.sources) for e in retreat)


def test_article_4_clause_is_marked_conditional(seed: Analysis) -> None:
    clause = [m for m in seed.mentions if "Member States" in seed.document.text[
        m.sentence[0]:m.sentence[1]]]
    assert all("condition" in m.extra for m in clause), [m.code for m in clause]
