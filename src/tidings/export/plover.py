"""PLOVER JSON: the fields of the PLOVER specification, one object per event.

The output is one JSON array (as the PLOVER gold-standard records are), written
object by object. Fields: ``id``, ``date``, ``event``, ``mode``, ``context``,
``source`` and ``target`` (``actorText``, ``code``, ``sector``), ``eventText``,
``eventLoc`` (``placeText``, ``name``, ``geonameID``, ``country``, ``lat``,
``lon``), ``text``, ``language``, ``publication``, ``url``, ``coder``,
``version``, ``dateCoded``; tidings adds ``factuality``, ``cameo`` and
``clusterId`` under ``tidings``. Null fields are left out, as in the spec.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import IO, Any

from tidings.records import Actor
from tidings.store.query import EventRow
from tidings.version import __version__


def _actor(a: Actor) -> dict[str, Any]:
    code = a.country or (a.id.split(":", 1)[-1] if a.id else None)
    out: dict[str, Any] = {"actorText": a.text, "code": code}
    if a.sectors:
        out["sector"] = a.sectors[0] if len(a.sectors) == 1 else list(a.sectors)
    return {k: v for k, v in out.items() if v not in (None, "", [])}


def record(r: EventRow, coded: str) -> dict[str, Any]:
    """One event as a PLOVER record."""
    e = r.event
    ev = e.evidence
    trigger = ev.text[ev.trigger[0] - ev.sentence[0]:ev.trigger[1] - ev.sentence[0]]
    date = (e.time.start if e.time and e.time.start else (r.published_at or "")[:10]) or None
    loc = None
    if e.place:
        p = e.place
        loc = {k: v for k, v in {"placeText": p.text, "name": p.name, "geonameID": p.geonameid,
                                 "country": p.country, "lat": p.lat, "lon": p.lon}.items()
               if v is not None}
    out: dict[str, Any] = {
        "id": e.id,
        "date": date,
        "event": e.type,
        "mode": e.mode or None,
        "context": ", ".join(e.context) or None,
        "source": [_actor(a) for a in e.sources] or None,
        "target": [_actor(a) for a in e.targets] or None,
        "eventText": trigger,
        "eventLoc": loc,
        "text": ev.text,
        "language": "en",
        "publication": r.outlet,
        "url": r.url,
        "coder": f"tidings {__version__}",
        "version": "PLOVER 0.8",
        "dateCoded": coded,
        "tidings": {"factuality": e.factuality.label, "cameo": e.cameo.code,
                    "clusterId": e.cluster_id, "documentId": e.document_id},
    }
    return {k: v for k, v in out.items() if v is not None}


def write(rows: Iterator[EventRow], fh: IO[str]) -> int:
    coded = datetime.now(UTC).date().isoformat()
    n = 0
    fh.write("[")
    for r in rows:
        fh.write(",\n" if n else "\n")
        fh.write(json.dumps(record(r, coded), ensure_ascii=False))
        n += 1
    fh.write("\n]\n")
    return n
