"""Incident role fillers: span candidates, entity grouping, the shipped model, a floor."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import shared_path
from tidings.eval import muc4
from tidings.events.incident_roles import (
    LABELS,
    ROLES,
    Candidate,
    RoleModel,
    candidates,
    group,
    incident_roles,
    load_model,
    normalize,
    same_entity,
)
from tidings.records import Document

WIRE = ("LIMA, 12 MAR 90 (EFE) -- [TEXT] HEAVILY ARMED GUERRILLAS OF THE SHINING PATH "
        "TODAY DYNAMITED A POWER PYLON AND THE TOWN HALL OF HUANTA, IN AYACUCHO "
        "DEPARTMENT. POLICE SAID THE REBELS ALSO KIDNAPPED THE MAYOR, JUAN QUISPE "
        "HUAMAN, AND TWO TEACHERS, WHO WERE TAKEN AWAY IN A STOLEN TRUCK.\n\n"
        "THE ATTACKERS USED RIFLES AND HAND GRENADES, THE POLICE ADDED.")


def test_normalize_drops_case_articles_and_punctuation() -> None:
    assert normalize("The F.M.L.N.'s  urban commandos") == "fmlns urban commandos"
    assert normalize("a car-bomb") == "carbomb"


def test_same_entity_by_head_containment_and_acronym() -> None:
    assert same_entity("urban guerrillas", "guerrillas")
    assert same_entity("farabundo marti national liberation front", "fmln")
    assert not same_entity("mayor", "town hall")
    assert not same_entity("fmln", "national police")


def _cand(text: str) -> Candidate:
    return Candidate(text, 0, len(text), normalize(text), [], 0)


def test_group_keeps_the_best_phrase_of_each_entity_above_threshold() -> None:
    scored = {"urban guerrillas": (0.9, _cand("urban guerrillas")),
              "guerrillas": (0.7, _cand("guerrillas")),
              "soldiers": (0.6, _cand("soldiers")),
              "peasants": (0.2, _cand("peasants"))}
    got = [f.text for f in group(scored, 0.5)]
    assert got == ["urban guerrillas", "soldiers"]


def test_model_refuses_other_labels() -> None:
    with pytest.raises(ValueError, match="labels"):
        RoleModel.from_json({"labels": ["none", "X"], "bias": [0, 0], "thresholds": {},
                             "weights": {}})


def test_model_probabilities_sum_to_one() -> None:
    model = load_model()
    assert set(model.thresholds) == set(ROLES)
    probs = model.probabilities(["hw=guerrillas", "dep=nsubj", "ev=18"])
    assert len(probs) == len(LABELS)
    assert abs(sum(probs) - 1.0) < 1e-6


def test_upper_case_wire_story_gets_its_fillers(pipeline) -> None:  # type: ignore[no-untyped-def]
    (a,) = pipeline.analyse([Document.from_text(WIRE)])
    cands = candidates(a.doc, a.events)
    keys = {c.key for c in cands}
    assert {"shining path", "town hall", "rifles"} <= keys
    roles = incident_roles(a.doc, a.events)
    assert set(roles) == set(ROLES)
    found = {r: [normalize(f.text) for f in fs] for r, fs in roles.items()}
    perpetrators = found["PerpInd"] + found["PerpOrg"]
    assert any("guerrillas" in t or "shining path" in t for t in perpetrators), found
    assert any(t in ("power pylon", "town hall", "town hall of huanta")
               for t in found["Target"]), found
    assert not any("text" in t.split() for fs in found.values() for t in fs), found
    assert any(t in ("mayor", "juan quispe huaman", "teachers") for t in found["Victim"]), found
    for fillers in roles.values():
        for f in fillers:
            assert a.doc.text[f.start:f.end] == f.text  # offsets point at the phrase
            assert 0.0 <= f.score <= 1.0


@pytest.mark.slow
@pytest.mark.shared
def test_incident_roles_floor_on_muc4_dev(pipeline) -> None:  # type: ignore[no-untyped-def]
    data: Path = shared_path("muc4")
    m = muc4.evaluate(data, pipeline=pipeline, limit=60).metrics
    # measured on these first 60 TST1 stories: role_f1 0.3791 (refit with the round-2
    # incident gate; round 1: 0.351, P 0.371, R 0.333)
    assert m["role_f1"] >= ROLE_FLOOR
    assert m["perporg_f1"] > 0.0 and m["weapon_f1"] > 0.0


ROLE_FLOOR = 0.35
