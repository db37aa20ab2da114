"""Intermediate annotations that pipeline stages pass to each other.

These are internal (the public records are in :mod:`tidings.records`); they hold
token indices besides character offsets so that later stages can walk the parse.
Like ``records``, this module imports nothing else from the package but records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from tidings.records import (
    Actor,
    AttributionLink,
    Document,
    Event,
    Factuality,
    Place,
    Rejected,
    TimeValue,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass(slots=True, kw_only=True)
class AttributionRelation:
    """A claim found in the text: who (source) says (cue) what (content).

    Attributes:
        source: character span of the source mention, or None (e.g. "reportedly").
        cue: character span of the cue.
        content: character span of what is claimed.
        source_text, cue_text: the spans' text.
        kind: person, group, agency, outlet or anonymous.
        actor: the source resolved to an actor, where possible.
        parent: index (in the document's list) of the relation whose content holds
            this one, for nested chains; None at the top level.
    """

    source: tuple[int, int] | None
    cue: tuple[int, int]
    content: tuple[int, int]
    source_text: str = ""
    cue_text: str = ""
    kind: str = "person"
    actor: Actor | None = None
    parent: int | None = None


@dataclass(slots=True, kw_only=True)
class EventMention:
    """An event found in one predicate-argument structure, before it becomes a record.

    Attributes:
        trigger_token: index of the trigger's head token in the spaCy Doc.
        trigger: character span of the trigger (may cover a particle or noun).
        sentence: character span of the sentence.
        code: CAMEO code (the lexicon maps it to PLOVER type, mode, quad class...).
        sources, targets: resolved actors.
        negated: the predicate itself is negated in the syntax ("did not attack").
        confidence: in [0, 1].
        time, place, attribution, factuality: filled by later stages.
        extra: stage-specific notes (pattern that matched, etc.).
    """

    trigger_token: int
    trigger: tuple[int, int]
    sentence: tuple[int, int]
    code: str
    sources: list[Actor] = field(default_factory=list)
    targets: list[Actor] = field(default_factory=list)
    negated: bool = False
    confidence: float = 0.5
    time: TimeValue | None = None
    place: Place | None = None
    attribution: list[AttributionLink] = field(default_factory=list)
    factuality: Factuality | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True, kw_only=True)
class Analysis:
    """Everything known about one document while it goes through the stages.

    Attributes:
        document: the stored document.
        doc: its spaCy parse (``doc.text == document.text``).
        dct: the document creation time (publication date), or None when unknown.
        timexes: temporal expressions found in the text.
        places: toponyms found in the text, resolved where possible.
        actors: actor mentions found in the text (for coreference and display).
        attributions: attribution relations.
        mentions: event mentions.
        events: the final public records (filled by the last stage).
        rejected: problems met on the way (a stage failing is recorded here).
    """

    document: Document
    doc: Doc
    dct: date | None = None
    timexes: list[TimeValue] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    attributions: list[AttributionRelation] = field(default_factory=list)
    mentions: list[EventMention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
