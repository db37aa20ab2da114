"""A story's incidents: type, day, stage, place and the story's role fillers."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from click.testing import CliRunner

from tidings.cli import main
from tidings.events.incident_report import story_incidents
from tidings.pipeline import Pipeline
from tidings.records import Document

STORY = (
    "SAN SALVADOR, 3 JAN 90 (ACAN) -- [TEXT] URBAN GUERRILLAS OF THE FARABUNDO MARTI "
    "NATIONAL LIBERATION FRONT YESTERDAY BLEW UP AN ELECTRIC POWER STATION IN SAN MIGUEL "
    "WITH DYNAMITE, THE NATIONAL POLICE REPORTED.\n\n"
    "IN A SEPARATE INCIDENT, HEAVILY ARMED MEN KIDNAPPED BUSINESSMAN JOSE ANTONIO "
    "MARTINEZ AS HE LEFT HIS HOME IN SANTA ANA ON 1 JANUARY.\n"
)
QUIET = ("The foreign ministers of Chile and Peru met in Lima on Tuesday and agreed to "
         "reopen talks on fishing rights next month.")


def test_story_incidents_type_day_place_and_roles(pipeline: Pipeline) -> None:
    [analysis] = pipeline.analyse([Document.from_text(
        STORY, published_at=datetime(1990, 1, 3))])
    story = story_incidents(analysis)
    found = {(i.type, i.date) for i in story.incidents}
    assert ("BOMBING", "1990-01-02") in found  # "yesterday" against the dateline
    assert ("KIDNAPPING", "1990-01-01") in found
    bombing = next(i for i in story.incidents if i.type == "BOMBING")
    assert bombing.stage == "ACCOMPLISHED"
    assert bombing.place is not None and bombing.place.name == "San Miguel"
    assert bombing.event_ids and "DYNAMITE" in bombing.evidence[0]
    weapons = [f.text.lower() for f in story.roles["Weapon"]]
    assert "dynamite" in weapons
    victims = " ".join(f.text.lower() for f in story.roles["Victim"])
    assert "martinez" in victims
    for fillers in story.roles.values():  # offsets point at the filler in the text
        for f in fillers:
            assert STORY[f.start:f.end].lower() == f.text.lower()


def test_a_story_without_violence_has_no_incident_and_no_roles(pipeline: Pipeline) -> None:
    [analysis] = pipeline.analyse([Document.from_text(QUIET)])
    story = story_incidents(analysis)
    assert story.incidents == [] and story.roles == {}


def test_incidents_command_prints_json(tmp_path: Path) -> None:
    art = tmp_path / "wire.txt"
    art.write_text(STORY, encoding="utf-8")
    res = CliRunner().invoke(main, ["incidents", str(art), "--published", "1990-01-03",
                                    "--json"])
    assert res.exit_code == 0, res.output
    [line] = [x for x in res.output.splitlines() if x.startswith("{")]
    out = json.loads(line)
    assert out["source"] == str(art)
    assert {i["type"] for i in out["incidents"]} >= {"BOMBING", "KIDNAPPING"}
    assert "Weapon" in out["roles"]
