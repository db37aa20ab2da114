"""Flat rows of events: the CSV and Parquet columns, each documented once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from tidings.records import Actor
from tidings.store.query import EventRow as ExportRow


@dataclass(slots=True, frozen=True)
class Column:
    """A flat column: name, Parquet type name, description, and how to fill it."""

    name: str
    kind: str  # string, int, float, bool, date, list
    help: str
    get: Callable[[ExportRow], Any]


def _actors(field: str, attr: str) -> Callable[[ExportRow], list[str]]:
    def get(r: ExportRow) -> list[str]:
        actors: list[Actor] = getattr(r.event, field)
        out = []
        for a in actors:
            v = getattr(a, attr)
            out.append("+".join(v) if isinstance(v, list) else (v or ""))
        return out
    return get


def _date(value: str | None) -> date | None:
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _trigger(r: ExportRow) -> str:
    e = r.event.evidence
    return e.text[e.trigger[0] - e.sentence[0]:e.trigger[1] - e.sentence[0]]


def _chain(r: ExportRow) -> str:
    return " > ".join(a.name or a.text for a in r.event.attribution)


COLUMNS: tuple[Column, ...] = (
    Column("event_id", "string", "tidings event id (content hash)", lambda r: r.event.id),
    Column("document_id", "string", "id of the article the evidence is in",
           lambda r: r.event.document_id),
    Column("cluster_id", "string", "event cluster (same real-world event) it belongs to",
           lambda r: r.event.cluster_id),
    Column("type", "string", "PLOVER event type", lambda r: r.event.type),
    Column("mode", "string", "PLOVER mode", lambda r: r.event.mode),
    Column("context", "list", "PLOVER context tags", lambda r: list(r.event.context)),
    Column("cameo_code", "string", "CAMEO event code", lambda r: r.event.cameo.code),
    Column("cameo_root", "string", "CAMEO root code (two digits)", lambda r: r.event.cameo.root),
    Column("quad_class", "int", "CAMEO quad class: 1 verbal coop., 2 material coop., "
           "3 verbal conflict, 4 material conflict", lambda r: r.event.cameo.quad_class),
    Column("goldstein", "float", "Goldstein scale of the CAMEO code",
           lambda r: r.event.cameo.goldstein),
    Column("factuality", "string", "asserted, reported, negated, possible, hypothetical, "
           "planned or refuted", lambda r: r.event.factuality.label),
    Column("factuality_score", "float", "graded factuality, -3 (did not happen) to +3",
           lambda r: r.event.factuality.score),
    Column("confidence", "float", "coder confidence in type and arguments, 0-1",
           lambda r: r.event.confidence),
    Column("event_date", "date", "first day of the event time (empty when unknown)",
           lambda r: _date(r.event.time.start) if r.event.time else None),
    Column("time_value", "string", "normalized time (TIMEX3 value)",
           lambda r: r.event.time.value if r.event.time else None),
    Column("time_start", "string", "ISO start of the time interval",
           lambda r: r.event.time.start if r.event.time else None),
    Column("time_end", "string", "ISO end of the time interval",
           lambda r: r.event.time.end if r.event.time else None),
    Column("time_granularity", "string", "precision of the time (day, month, ...)",
           lambda r: r.event.time.granularity if r.event.time else None),
    Column("time_assumed", "bool", "true when the article date stands in for the event time",
           lambda r: r.event.time.assumed if r.event.time else None),
    Column("place_text", "string", "the place as written",
           lambda r: r.event.place.text if r.event.place else None),
    Column("place_name", "string", "GeoNames name of the place",
           lambda r: r.event.place.name if r.event.place else None),
    Column("place_geonameid", "int", "GeoNames id",
           lambda r: r.event.place.geonameid if r.event.place else None),
    Column("place_country", "string", "ISO 3166 alpha-3 country of the place",
           lambda r: r.event.place.country if r.event.place else None),
    Column("place_admin1", "string", "first-level division of the place",
           lambda r: r.event.place.admin1 if r.event.place else None),
    Column("lat", "float", "latitude (WGS84)",
           lambda r: r.event.place.lat if r.event.place else None),
    Column("lon", "float", "longitude (WGS84)",
           lambda r: r.event.place.lon if r.event.place else None),
    Column("source_text", "list", "source actors as written", _actors("sources", "text")),
    Column("source_id", "list", "source actors' knowledge-base ids", _actors("sources", "id")),
    Column("source_country", "list", "source actors' ISO-3 countries",
           _actors("sources", "country")),
    Column("source_sectors", "list", "source actors' sectors, '+'-joined per actor",
           _actors("sources", "sectors")),
    Column("target_text", "list", "target actors as written", _actors("targets", "text")),
    Column("target_id", "list", "target actors' knowledge-base ids", _actors("targets", "id")),
    Column("target_country", "list", "target actors' ISO-3 countries",
           _actors("targets", "country")),
    Column("target_sectors", "list", "target actors' sectors, '+'-joined per actor",
           _actors("targets", "sectors")),
    Column("attribution", "string", "attribution chain from the outlet inward, ' > '-joined",
           _chain),
    Column("outlet", "string", "publishing outlet", lambda r: r.outlet),
    Column("url", "string", "article URL", lambda r: r.url),
    Column("title", "string", "article headline", lambda r: r.title),
    Column("published_at", "timestamp", "article publication time (ISO 8601; UTC in Parquet)",
           lambda r: r.published_at),
    Column("trigger", "string", "the trigger words", _trigger),
    Column("sentence", "string", "the evidence sentence", lambda r: r.event.evidence.text),
    Column("sentence_start", "int", "offset of the sentence in the article text",
           lambda r: r.event.evidence.sentence[0]),
    Column("trigger_start", "int", "offset of the trigger in the article text",
           lambda r: r.event.evidence.trigger[0]),
    Column("trigger_end", "int", "end offset (exclusive) of the trigger",
           lambda r: r.event.evidence.trigger[1]),
)


def flat(row: ExportRow) -> dict[str, Any]:
    """The row as column name -> value (lists as lists)."""
    return {c.name: c.get(row) for c in COLUMNS}


def csv_value(value: Any) -> str:
    """CSV cell: lists '; '-joined, booleans true/false, None empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)
