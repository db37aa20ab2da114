"""The records that flow through tidings, and their public JSON shape.

Every record is a plain typed dataclass. ``to_dict`` gives the public JSON form
(the field names of the public event record are a contract: extend, never rename);
``from_dict`` reads it back. Offsets are always character offsets into the stored
document text (``Document.text``), end-exclusive.

This module imports nothing from the rest of the package.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, TypeVar

FACTUALITY_LABELS: tuple[str, ...] = (
    "asserted",
    "reported",
    "negated",
    "possible",
    "hypothetical",
    "planned",
    "refuted",
)
"""Every factuality label, in order from 'it happened' to 'it was shown false'."""

DEFAULT_FACTUAL_LABELS: tuple[str, ...] = ("asserted", "reported", "planned")
"""Labels that queries and exports include unless asked for everything."""

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
"""The 16 PLOVER event types."""

FactualityLabel = Literal[
    "asserted", "reported", "negated", "possible", "hypothetical", "planned", "refuted"
]
LinkKind = Literal["outlet", "agency", "person", "group", "anonymous"]
Granularity = Literal[
    "second", "minute", "hour", "day", "week", "month", "quarter", "half", "season", "year",
    "decade", "century", "duration", "set", "present", "past", "future", "unknown",
]

Span = tuple[int, int]
"""A character span ``(start, end)`` into the document text, end exclusive."""


def content_id(*parts: str, length: int = 16) -> str:
    """A stable hex id from the given strings (a content hash, so re-runs upsert)."""
    h = hashlib.sha256()
    for p in parts:
        h.update(p.encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()[:length]


def normalize_text(text: str) -> str:
    """The text form that is stored and hashed.

    Line endings become ``\\n``, a byte-order mark and trailing whitespace on the
    whole text are dropped; everything else is kept so offsets stay meaningful.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.rstrip()


def document_id(text: str) -> str:
    """The document id: a hash of the normalized text (same text, same id)."""
    return content_id(normalize_text(text), length=20)


@dataclass(slots=True, kw_only=True)
class Document:
    """A news article as stored.

    Attributes:
        id: content hash of ``text`` (see :func:`document_id`).
        text: the normalized article text; every offset points into it.
        url: where the article was published, if known.
        outlet: the publishing outlet's name (e.g. "Asia-Plus").
        title: the headline, if known.
        published_at: timezone-aware publication time, or None when unknown.
        language: ISO 639-1 code of the text's language.
        source: where tidings read it from (a path, a feed URL, a WARC record id).
        meta: any further source metadata, as strings.
    """

    id: str
    text: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published_at: datetime | None = None
    language: str = "en"
    source: str | None = None
    meta: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_text(
        cls,
        text: str,
        *,
        published_at: datetime | None = None,
        outlet: str | None = None,
        url: str | None = None,
        title: str | None = None,
        source: str | None = None,
        language: str = "en",
        meta: dict[str, str] | None = None,
    ) -> Document:
        norm = normalize_text(text)
        return cls(
            id=document_id(norm),
            text=norm,
            url=url,
            outlet=outlet,
            title=title,
            published_at=published_at,
            language=language,
            source=source,
            meta=dict(meta or {}),
        )


@dataclass(slots=True, kw_only=True)
class Actor:
    """A participant as written and what it resolves to.

    Attributes:
        text: the mention as written in the document.
        id: knowledge-base id (e.g. ``"KAZ"``, ``"IGO:CSTO"``, ``"PER:kassym-jomart-tokayev"``)
            or None when unresolved.
        name: canonical name in the knowledge base.
        country: ISO 3166 alpha-3 code of the actor's country, if any.
        sectors: sector/role codes (GOV, MIL, COP, MED, IGO, REB, OPP, CVL, BUS, ...).
        kind: country, organization, person, group or unknown.
        start, end: character offsets of the mention.
        role_start, role_end: ISO dates between which the resolved role holds.
        method: how the mention was resolved (e.g. "kb", "demonym+sector", "coref").
    """

    text: str
    id: str | None = None
    name: str | None = None
    country: str | None = None
    sectors: list[str] = field(default_factory=list)
    kind: str = "unknown"
    start: int | None = None
    end: int | None = None
    role_start: str | None = None
    role_end: str | None = None
    method: str | None = None


@dataclass(slots=True, kw_only=True)
class Place:
    """A place as written and the GeoNames entry it resolves to.

    Attributes:
        text: the toponym as written.
        geonameid: GeoNames id, or None when unresolved.
        name: GeoNames name.
        country: ISO 3166 alpha-3 code of the country containing the place.
        admin1: first-level administrative division (name or code).
        lat, lon: WGS84 coordinates.
        feature_class: GeoNames feature class (A, P, H, L, T, ...).
        feature_code: GeoNames feature code (PPLC, ADM1, PCLI, ...).
        start, end: character offsets of the toponym.
        method: how it was chosen (e.g. "locative", "sentence", "document-focus").
    """

    text: str
    geonameid: int | None = None
    name: str | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    feature_class: str | None = None
    feature_code: str | None = None
    start: int | None = None
    end: int | None = None
    method: str | None = None


@dataclass(slots=True, kw_only=True)
class TimeValue:
    """A temporal expression as written and its normalized value.

    Attributes:
        text: the expression as written ("" when the time is the assumed document date).
        value: TIMEX3-style value (``2022-01-11``, ``2022-W02``, ``P10D``, ``PRESENT_REF``...).
        start, end: ISO dates of the interval the value covers, for queries.
        duration: ISO 8601 duration when the expression has one (``P10D``).
        granularity: precision of the value (day, month, year, duration, ...).
        anchor: what relative expressions were resolved against: an ISO date, prefixed
            by its origin, e.g. ``"dct:2022-01-12"``, ``"speech:2022-01-11"`` or
            ``"narrative:2022-01-05"`` (a date the text stated earlier);
            ``"assumed:dct"`` when no expression was found and the document date is used.
        type: TIMEX3 type: DATE, TIME, DURATION or SET.
        mod: TIMEX3 modifier (``EQUAL_OR_LESS``, ``START``, ``APPROX`` ...), when any.
        start_char, end_char: character offsets of the expression.
        assumed: True when no temporal expression governs the event and the time is
            the document date taken as a default.
    """

    text: str
    value: str | None = None
    start: str | None = None
    end: str | None = None
    duration: str | None = None
    granularity: str = "unknown"
    anchor: str | None = None
    type: str = "DATE"
    mod: str | None = None
    start_char: int | None = None
    end_char: int | None = None
    assumed: bool = False


@dataclass(slots=True, kw_only=True)
class AttributionLink:
    """One link in an attribution chain, ordered from the outlet inward.

    Attributes:
        text: the source as written ("" for the outlet itself when not in the text).
        name: canonical name (outlet name, agency, resolved person/organization).
        kind: outlet, agency, person, group or anonymous.
        cue: the reporting cue ("said", "according to", "was quoted as saying by"...).
        actor: the source resolved as an actor, where possible.
        start, end: character offsets of the source mention, if in the text.
        cue_start, cue_end: character offsets of the cue, if in the text.
    """

    text: str
    name: str | None = None
    kind: str = "person"
    cue: str | None = None
    actor: Actor | None = None
    start: int | None = None
    end: int | None = None
    cue_start: int | None = None
    cue_end: int | None = None


@dataclass(slots=True, kw_only=True)
class Factuality:
    """Whether the event happened, according to the text.

    Attributes:
        label: one of :data:`FACTUALITY_LABELS`.
        evidence: the words that decide the label ("turned out to be false", "will").
        score: graded factuality on the [-3, +3] scale (+3 certainly happened).
        evidence_span: character offsets of ``evidence``, when in the text.
    """

    label: str = "asserted"
    evidence: str | None = None
    score: float = 3.0
    evidence_span: list[int] | None = None


@dataclass(slots=True, kw_only=True)
class Cameo:
    """A CAMEO code with its root, quad class and Goldstein score."""

    code: str
    root: str
    quad_class: int
    goldstein: float


@dataclass(slots=True, kw_only=True)
class Evidence:
    """Where the event is stated: sentence and trigger offsets, and the sentence text."""

    sentence: list[int]
    trigger: list[int]
    text: str


@dataclass(slots=True, kw_only=True)
class Event:
    """One coded event, tied to the sentence that states it.

    Attributes:
        id: content hash of the document id, trigger offsets and code.
        document_id: the document the evidence is in.
        type: PLOVER event type (one of :data:`PLOVER_TYPES`).
        mode: PLOVER mode (may be empty).
        context: PLOVER context tags.
        cameo: CAMEO code, root, quad class and Goldstein score.
        acled: ACLED event type and sub-event type where the type maps
            (``{"event_type": ..., "sub_event_type": ...}``), else None.
        sources, targets: the actors.
        place: where it happened, or None.
        time: when it happened, or None.
        attribution: chain from the outlet inward.
        factuality: whether it happened.
        evidence: sentence and trigger offsets.
        confidence: in [0, 1], how sure the coder is of type and arguments.
        cluster_id: the event cluster it belongs to, once linked.
    """

    id: str
    document_id: str
    type: str
    mode: str = ""
    context: list[str] = field(default_factory=list)
    cameo: Cameo
    acled: dict[str, str] | None = None
    sources: list[Actor] = field(default_factory=list)
    targets: list[Actor] = field(default_factory=list)
    place: Place | None = None
    time: TimeValue | None = None
    attribution: list[AttributionLink] = field(default_factory=list)
    factuality: Factuality = field(default_factory=Factuality)
    evidence: Evidence
    confidence: float = 0.5
    cluster_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The public event record as a JSON-ready dict."""
        return to_dict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        return from_dict(cls, data)


@dataclass(slots=True, kw_only=True)
class EventCluster:
    """A story: events judged to be the same real-world event, every source kept.

    Attributes:
        id: stable id (the id of the cluster's first event, by first-seen time and id).
        type, mode, cameo: best-supported coding.
        sources, targets: best-supported actors.
        place, time: best-supported place and time.
        factuality: respects refutations from any member.
        first_seen, last_seen: ISO timestamps of the earliest and latest report.
        n_events, n_documents, n_outlets: counts of the evidence.
        event_ids: the member events.
    """

    id: str
    type: str
    mode: str = ""
    cameo: Cameo | None = None
    sources: list[Actor] = field(default_factory=list)
    targets: list[Actor] = field(default_factory=list)
    place: Place | None = None
    time: TimeValue | None = None
    factuality: Factuality = field(default_factory=Factuality)
    first_seen: str | None = None
    last_seen: str | None = None
    n_events: int = 0
    n_documents: int = 0
    n_outlets: int = 0
    event_ids: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return to_dict(self)


@dataclass(slots=True, kw_only=True)
class Rejected:
    """An input that could not be processed, with the reason (never just a log line).

    Attributes:
        input: what was given (path, URL, record number...).
        reason: a short machine-readable reason (``empty``, ``binary``, ``not-english``...).
        message: a sentence for people, naming the input and the next step.
        stage: the pipeline stage that rejected it.
    """

    input: str
    reason: str
    message: str
    stage: str = "ingest"

    def to_dict(self) -> dict[str, Any]:
        return to_dict(self)


# ---------------------------------------------------------------------------
# (de)serialization

_T = TypeVar("_T")


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def to_dict(record: Any) -> dict[str, Any]:
    """Any record as a JSON-ready dict (datetimes as ISO strings)."""
    out = _plain(record)
    assert isinstance(out, dict)
    return out


_NESTED: dict[str, dict[str, Any]] = {}


def _field_types(cls: type) -> dict[str, Any]:
    name = cls.__name__
    if name not in _NESTED:
        import typing

        _NESTED[name] = typing.get_type_hints(cls)
    return _NESTED[name]


def _coerce(tp: Any, value: Any) -> Any:
    import types
    import typing

    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return _coerce(args[0], value) if len(args) == 1 else value
    if origin is list:
        (arg,) = typing.get_args(tp) or (Any,)
        return [_coerce(arg, v) for v in value]
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return from_dict(tp, value)
    if tp is datetime and isinstance(value, str):
        return datetime.fromisoformat(value)
    return value


def from_dict(cls: type[_T], data: dict[str, Any]) -> _T:
    """Read a record back from its dict form (unknown keys are ignored)."""
    hints = _field_types(cls)
    kwargs = {}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        if f.name in data:
            kwargs[f.name] = _coerce(hints[f.name], data[f.name])
    return cls(**kwargs)


RECORD_TYPES: tuple[type, ...] = (
    Document,
    Event,
    Actor,
    Place,
    TimeValue,
    AttributionLink,
    Factuality,
    Cameo,
    Evidence,
    EventCluster,
    Rejected,
)
