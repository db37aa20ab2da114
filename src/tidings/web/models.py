"""Request and response models: what the OpenAPI schema tells clients.

Events, documents and clusters are the public records of :mod:`tidings.records`
(``Event.to_dict()`` and friends); the models here only wrap them in pages and
add the aggregates the page draws (timeline, places, network).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from tidings.records import Event, EventCluster, Rejected


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EventPage(_Model):
    """A page of events; pass ``next_cursor`` as ``cursor`` for the next one."""

    items: list[Event]
    next_cursor: str | None = None


class Count(_Model):
    count: int


class DocumentSummary(_Model):
    """A document without its text, with the number of events stored from it."""

    id: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published_at: str | None = None
    n_events: int = 0


class DocumentPage(_Model):
    items: list[DocumentSummary]
    next_cursor: str | None = None


class DocumentOut(_Model):
    """A stored document (the ``Document`` record; offsets point into ``text``)."""

    id: str
    text: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published_at: str | None = None
    language: str = "en"
    source: str | None = None
    meta: dict[str, str] = {}


class ClusterOut(_Model):
    """A story: its summary record, every member event and every reporting document."""

    cluster: EventCluster
    events: list[Event]
    documents: list[DocumentSummary]


class ClusterPage(_Model):
    """A page of stories; pass ``next_cursor`` as ``cursor`` for the next one."""

    items: list[EventCluster]
    next_cursor: str | None = None


class TimelineCountOut(_Model):
    bucket: str = Field(description="YYYY-MM-DD: the day, or the Monday of the week.")
    key: str = Field(description="Event type, quad class, or 'all'.")
    count: int


class TimelineOut(_Model):
    bucket: Literal["day", "week"]
    by: Literal["type", "quad_class", "none"]
    counts: list[TimelineCountOut]


class PlaceOut(_Model):
    geonameid: int | None = None
    name: str | None = None
    country: str | None = None
    lat: float
    lon: float
    count: int


class PlacesOut(_Model):
    items: list[PlaceOut]


class ActorOut(_Model):
    node: str = Field(description="Country code, else actor id.")
    name: str | None = None
    count: int


class ActorsOut(_Model):
    items: list[ActorOut]


class NetworkNode(_Model):
    id: str
    name: str | None = None
    count: int = Field(description="Events on the edges shown that involve this node.")


class NetworkEdge(_Model):
    source: str
    target: str
    count: int
    quad_class: int = Field(description="The quad class with most events on this edge.")
    by_quad_class: dict[str, int]


class NetworkOut(_Model):
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]


class SearchHitOut(_Model):
    kind: Literal["document", "event"]
    id: str
    document_id: str
    title: str | None = None
    outlet: str | None = None
    published_at: str | None = None
    snippet: str


class SearchOut(_Model):
    items: list[SearchHitOut]


class FacetsOut(_Model):
    outlets: list[str]
    types: dict[str, int]
    factuality: dict[str, int]
    first: str | None = None
    last: str | None = None
    documents: int
    events: int
    writable: bool = Field(description="Whether the write endpoints are on.")


class ArticleIn(_Model):
    """An article to ingest."""

    text: str = Field(min_length=1, max_length=1_000_000)
    title: str | None = Field(default=None, max_length=2000)
    url: str | None = Field(default=None, max_length=2000)
    outlet: str | None = Field(default=None, max_length=200)
    published_at: datetime | date | None = None


class UrlIn(_Model):
    """A web page to fetch and ingest (http or https)."""

    url: str = Field(min_length=1, max_length=2000)
    outlet: str | None = Field(default=None, max_length=200)
    published_at: datetime | date | None = None


class IngestOut(_Model):
    """What an ingest did: stored, or known already, or rejected (with the reason)."""

    document_ids: list[str]
    stored: int
    duplicates: int
    event_ids: list[str]
    rejected: list[Rejected]
