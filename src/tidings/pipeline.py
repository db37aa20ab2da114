"""The pipeline: parse documents in batches, then run the stages on each.

Heavy resources (spaCy pipeline, lexicon, actor knowledge base, gazetteer) are
loaded once into :class:`Resources` and passed in. Each stage is a named callable
on an :class:`~tidings.annotations.Analysis`; the runner is a short loop with a
per-stage error handler that records the failure instead of losing the batch.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING, Protocol

from tidings.actors import ActorKB, ActorResolver, ActorStage
from tidings.annotations import Analysis, EventMention
from tidings.attribution import AttributionStage
from tidings.config import Config, load_config
from tidings.events import EventStage
from tidings.events.acled import acled_of
from tidings.factuality import FactualityStage
from tidings.geo import Gazetteer, PlaceStage
from tidings.lexicon import Lexicon
from tidings.nlp import load_nlp
from tidings.nlp.truecase import maybe_truecase
from tidings.records import Cameo, Document, Event, Evidence, Factuality, Rejected, content_id
from tidings.time import EventTimeStage, TimexStage

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


class Stage(Protocol):
    """A pipeline stage: a name, what it reads and writes, and a call on an analysis."""

    @property
    def name(self) -> str: ...

    @property
    def reads(self) -> tuple[str, ...]: ...

    @property
    def writes(self) -> tuple[str, ...]: ...

    def __call__(self, analysis: Analysis) -> None: ...


@dataclass(slots=True)
class Resources:
    """Everything heavy, loaded once per process."""

    nlp: Language | None
    lexicon: Lexicon
    actors: ActorKB
    gazetteer: Gazetteer

    @classmethod
    def load(cls, config: Config | None = None) -> Resources:
        config = config or load_config()
        res = cls.load_without_nlp()
        res.nlp = load_nlp(config.spacy_model)
        return res

    @classmethod
    def load_without_nlp(cls) -> Resources:
        return cls(nlp=None, lexicon=Lexicon.load(), actors=ActorKB.load(),
                   gazetteer=Gazetteer.load())


class AssembleStage:
    """Stage ``assemble``: turns mentions into public :class:`Event` records."""

    name = "assemble"
    reads = ("mentions",)
    writes = ("events",)

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    def __call__(self, analysis: Analysis) -> None:
        text = analysis.document.text
        for m in analysis.mentions:
            analysis.events.append(self.event(analysis.document.id, text, m))

    def event(self, document_id: str, text: str, m: EventMention) -> Event:
        info = self.lexicon.info(m.code)
        s0, s1 = m.sentence
        return Event(
            id=content_id(document_id, str(m.trigger[0]), str(m.trigger[1]), m.code),
            document_id=document_id,
            type=info.plover_type,
            mode=info.plover_mode,
            context=list(info.plover_context),
            cameo=Cameo(code=m.code, root=m.code[:2], quad_class=info.quad_class,
                        goldstein=info.goldstein),
            acled=acled_of(m.code, info.acled_sub_event_type, text[s0:s1], m.sources,
                           m.targets),
            sources=m.sources,
            targets=m.targets,
            place=m.place,
            time=m.time,
            attribution=m.attribution,
            factuality=m.factuality or Factuality(),
            evidence=Evidence(sentence=[s0, s1], trigger=[m.trigger[0], m.trigger[1]],
                              text=text[s0:s1]),
            confidence=round(m.confidence, 3),
        )


def default_stages(res: Resources) -> list[Stage]:
    """The stages after the parse, in order."""
    resolver = ActorResolver(res.actors, res.gazetteer)
    return [
        TimexStage(),
        ActorStage(resolver),
        EventStage(res.lexicon, resolver),
        EventTimeStage(),
        PlaceStage(res.gazetteer),
        AttributionStage(),
        FactualityStage(res.lexicon),
        AssembleStage(res.lexicon),
    ]


def to_datetime(value: date | datetime | str | None) -> datetime | None:
    """A timezone-aware datetime (UTC when none is given) from a date, datetime or ISO text."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    return datetime.combine(value, time(0, 0), tzinfo=UTC)


def run_stages(analysis: Analysis, stages: Iterable[Stage]) -> Analysis:
    """Run each stage; a failing stage is recorded and the later ones still run."""
    for stage in stages:
        try:
            stage(analysis)
        except Exception as exc:  # a stage bug must not lose the document
            analysis.rejected.append(Rejected(
                input=analysis.document.source or analysis.document.id,
                reason="stage-error",
                message=f"document {analysis.document.id}: stage {stage.name!r} failed: "
                        f"{type(exc).__name__}: {exc}",
                stage=stage.name,
            ))
    return analysis


def analyse_parsed(document: Document, doc: Doc, res: Resources,
                   stages: list[Stage] | None = None) -> Analysis:
    """Run the post-parse stages on a document whose parse is ``doc``."""
    dct = document.published_at.date() if document.published_at else None
    analysis = Analysis(document=document, doc=doc, dct=dct)
    return run_stages(analysis, stages if stages is not None else default_stages(res))


class Pipeline:
    """Documents in, analyses out; spaCy runs over batches with ``nlp.pipe``.

    Args:
        resources: loaded resources (``Resources.load(config)``).
        config: settings (batch size).
    """

    def __init__(self, resources: Resources, config: Config | None = None) -> None:
        if resources.nlp is None:
            raise ValueError("Pipeline needs Resources with a spaCy pipeline")
        self.resources = resources
        self.nlp: Language = resources.nlp
        self.config = config or load_config()
        self.stages = default_stages(resources)

    def parse_text(self, text: str) -> str:
        """The text the parser sees: case restored in all-upper or all-lower copy
        (setting ``truecase``); same length, so offsets hold on the document's text."""
        return maybe_truecase(text, self.config.truecase)

    def analyse(self, documents: Iterable[Document]) -> Iterator[Analysis]:
        """Yield one analysis per document, in order."""
        docs = list(documents) if not isinstance(documents, list) else documents
        texts = (self.parse_text(d.text) for d in docs)
        for document, doc in zip(docs, self.nlp.pipe(texts, batch_size=self.config.batch_size),
                                 strict=True):
            yield analyse_parsed(document, doc, self.resources, self.stages)

    def extract(self, documents: Iterable[Document]) -> Iterator[Event]:
        for analysis in self.analyse(documents):
            yield from analysis.events


_DEFAULT: dict[str, Pipeline] = {}


def default_pipeline(config: Config | None = None) -> Pipeline:
    """One pipeline per process and spaCy model, loaded on first use."""
    config = config or load_config()
    key = config.spacy_model
    if key not in _DEFAULT:
        _DEFAULT[key] = Pipeline(Resources.load(config), config)
    return _DEFAULT[key]


def extract(text: str, *, published: date | datetime | str | None = None,
            outlet: str | None = None, url: str | None = None, title: str | None = None,
            pipeline: Pipeline | None = None) -> list[Event]:
    """Events in one article's text, times resolved against ``published``."""
    document = Document.from_text(text, published_at=to_datetime(published), outlet=outlet,
                                  url=url, title=title)
    pipe = pipeline or default_pipeline()
    return list(pipe.extract([document]))

