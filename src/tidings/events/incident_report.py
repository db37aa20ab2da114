"""A story's incidents, as an analyst reads a wire report of an attack.

Events answer "who did what to whom"; a story about an attack reports it several times
("the bomb exploded", "the blast destroyed", "the explosion killed") and mentions older
violence as background. :func:`story_incidents` turns one analysed document into the
incidents it reports (:mod:`tidings.events.incidents`: grouping, the relevance model,
the incident's day and stage of execution) and the story's role fillers
(:mod:`tidings.events.incident_roles`: perpetrators, targets, victims, weapons). It is
what ``tidings incidents FILE`` prints, and what ``tidings eval muc4`` scores.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tidings.annotations import Analysis
from tidings.events import incidents as _inc
from tidings.events.incident_roles import RoleFiller, incident_roles
from tidings.records import Place


@dataclass(slots=True)
class IncidentSummary:
    """One incident: its type (ATTACK, BOMBING, KIDNAPPING, ARSON, ROBBERY), day,
    stage (ACCOMPLISHED, ATTEMPTED, THREATENED), place, the relevance model's score, and
    the events that report it with their evidence sentences."""

    type: str
    date: str | None
    stage: str
    place: Place | None
    relevance: float
    event_ids: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        place = None
        if self.place is not None:
            place = {"text": self.place.text, "name": self.place.name,
                     "geonameid": self.place.geonameid, "country": self.place.country}
        return {"type": self.type, "date": self.date, "stage": self.stage, "place": place,
                "relevance": round(self.relevance, 3), "event_ids": self.event_ids,
                "evidence": self.evidence}


@dataclass(slots=True)
class StoryIncidents:
    """A document's incidents and, when it has any, its role fillers (role -> entities,
    best first; the roles are the story's, not one incident's)."""

    document_id: str
    incidents: list[IncidentSummary]
    roles: dict[str, list[RoleFiller]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"document_id": self.document_id,
                "incidents": [i.to_dict() for i in self.incidents],
                "roles": {r: [{"text": f.text, "start": f.start, "end": f.end,
                               "score": round(f.score, 3)} for f in fs]
                          for r, fs in self.roles.items()}}


def story_incidents(analysis: Analysis, body_start: int = 0) -> StoryIncidents:
    """The incidents ``analysis`` reports and its role fillers.

    Args:
        analysis: a document through the pipeline (events, time expressions, parse).
        body_start: where the story proper starts (after a dateline); days named before
            it are not incident days.
    """
    text = analysis.document.text
    incs = _inc.relevance(_inc.group(analysis.events, analysis.dct), analysis.dct, text)
    out = []
    for inc in incs:
        place = next((e.place for e in inc.events if e.place is not None), None)
        out.append(IncidentSummary(
            type=inc.type, date=_inc.incident_date(inc, analysis.timexes, body_start),
            stage=_inc.stage(inc.events), place=place, relevance=inc.relevance,
            event_ids=[e.id for e in inc.events],
            evidence=list(dict.fromkeys(e.evidence.text for e in inc.events))))
    roles = incident_roles(analysis.doc, analysis.events) if out else {}
    return StoryIncidents(analysis.document.id, out, roles)
