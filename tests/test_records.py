from __future__ import annotations

import json
from datetime import UTC, datetime

from tidings.records import (
    Actor,
    Cameo,
    Document,
    Event,
    Evidence,
    Factuality,
    TimeValue,
    document_id,
)
from tidings.schema import SCHEMAS, render

from .conftest import ROOT

PUBLIC_KEYS = {"id", "document_id", "type", "mode", "cameo", "sources", "targets", "place",
               "time", "attribution", "factuality", "evidence", "confidence"}


def _event() -> Event:
    return Event(
        id="e1", document_id="d1", type="THREATEN",
        cameo=Cameo(code="1383", root="13", quad_class=3, goldstein=-7.0),
        sources=[Actor(text="unknown persons", sectors=["UNK"])],
        targets=[Actor(text="Tajikistan", id="TJK", country="TJK")],
        time=TimeValue(text="yesterday", value="2022-01-11", start="2022-01-11",
                       end="2022-01-11", granularity="day", anchor="dct:2022-01-12"),
        factuality=Factuality(label="refuted", evidence="turned out to be false"),
        evidence=Evidence(sentence=[0, 40], trigger=[10, 18], text="x" * 40),
    )


def test_document_id_is_a_content_hash() -> None:
    a = Document.from_text("Troops crossed the river.\r\n")
    b = Document.from_text("Troops crossed the river.")
    assert a.id == b.id == document_id("Troops crossed the river.")
    assert Document.from_text("Troops crossed the lake.").id != a.id


def test_public_event_record_keeps_its_field_names() -> None:
    d = _event().to_dict()
    assert set(d) >= PUBLIC_KEYS
    assert set(d["cameo"]) >= {"code", "root", "quad_class", "goldstein"}
    assert set(d["sources"][0]) >= {"text", "id", "name", "country", "sectors"}
    assert set(d["time"]) >= {"text", "value", "start", "end", "duration", "granularity",
                              "anchor"}
    assert set(d["factuality"]) >= {"label", "evidence"}
    assert set(d["evidence"]) >= {"sentence", "trigger", "text"}
    json.dumps(d)


def test_event_round_trips_through_json() -> None:
    ev = _event()
    back = Event.from_dict(json.loads(json.dumps(ev.to_dict())))
    assert back == ev


def test_document_round_trip_keeps_timezone() -> None:
    doc = Document.from_text("Text.", published_at=datetime(2022, 1, 12, tzinfo=UTC))
    from tidings.records import from_dict, to_dict

    back = from_dict(Document, json.loads(json.dumps(to_dict(doc))))
    assert back.published_at == doc.published_at


def test_json_schema_in_repo_matches_the_code() -> None:
    for name in SCHEMAS:
        path = ROOT / "schema" / f"{name}.schema.json"
        assert path.read_text(encoding="utf-8") == render(name), (
            f"{path} is stale: run python -m tidings.schema schema")
