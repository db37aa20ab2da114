"""One batch of documents through prepare, known-id check, parse and stages.

A :class:`BatchProcessor` holds everything heavy (one spaCy pipeline, one set of
resources, the language model) and is built once per process: in the main process
for ``--workers 1``, in each worker process otherwise. Its output crosses the
process boundary, so it is plain picklable records.
"""

from __future__ import annotations

import os
import resource
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tidings.ingest.options import IngestOptions
from tidings.ingest.prepare import DATE_FROM, check_language, prepare
from tidings.ingest.text import LanguageDetector
from tidings.records import Document, Event, Rejected

if TYPE_CHECKING:
    from tidings.annotations import Analysis
    from tidings.config import Config
    from tidings.link.incremental import LinkHints
    from tidings.pipeline import Pipeline, Stage
    from tidings.store import Store
    from tidings.store.db import EventRows


def peak_rss_mb() -> float:
    """This process's peak resident memory, in MiB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports KiB, macOS bytes
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


@dataclass(slots=True)
class BatchResult:
    """What one batch gave: documents with their events, rejections, counts, timings.

    Attributes:
        pairs: each new document with its events, ready for ``Store.add``.
        rejected: inputs not stored, with reasons (including stage failures).
        known: documents already in the database (skipped before parsing).
        words: words in the parsed documents.
        seconds: time per step (prepare, known, parse, each stage by name).
        cpu: CPU seconds the batch took in the process that did the work.
        rss_mb: peak resident memory of the process that did the work.
        pid: that process.
        hints: per new document id, what linking needs of it that depends on nothing
            stored (MinHash, event signatures), worked out here so that the process
            that writes, in ``Store.add``, does not.
        rows: per new document id, its events' database rows but for the cluster id
            (``tidings.store.db.event_rows``), for the same reason.
    """

    pairs: list[tuple[Document, list[Event]]] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    known: int = 0
    words: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    cpu: float = 0.0
    rss_mb: float = 0.0
    pid: int = 0
    hints: dict[str, LinkHints] = field(default_factory=dict)
    rows: dict[str, list[EventRows]] = field(default_factory=dict)


class _TimedStage:
    """A stage that adds its running time to a shared counter."""

    def __init__(self, stage: Stage, seconds: defaultdict[str, float]) -> None:
        self.stage = stage
        self.seconds = seconds
        self.name = stage.name
        self.reads = stage.reads
        self.writes = stage.writes

    def __call__(self, analysis: Analysis) -> None:
        t0 = time.perf_counter()
        try:
            self.stage(analysis)
        finally:
            self.seconds["stage:" + self.name] += time.perf_counter() - t0


WARM_UP_TEXT = (
    "Police arrested two men in the old city on Monday after a clash near the railway "
    "station, officials said. The state government ordered an inquiry and said troops "
    "would stay in the area until Friday.")
"""A short article of tidings' own, analysed once when a worker starts (never stored)."""


class BatchProcessor:
    """Prepares, filters and analyses batches; one per process.

    Args:
        config: settings (spaCy model, batch size).
        options: reading and preparing options.
        db: database to check for known documents (a path or URL), or None.
        store: an open store to use for that instead (the main process's).
        pipeline: an already loaded pipeline (else one is loaded).
    """

    def __init__(self, config: Config, options: IngestOptions, *, db: str | None = None,
                 store: Store | None = None, pipeline: Pipeline | None = None) -> None:
        self.config = config
        self.options = options
        self.detector = LanguageDetector()
        self._pipeline = pipeline
        self._stages: list[Stage] | None = None
        self.seconds: defaultdict[str, float] = defaultdict(float)
        self._own_store = store is None and db is not None
        if store is None and db is not None:
            from tidings.store import Store

            store = Store.open(db, create=False)
        self.store = store

    @property
    def pipeline(self) -> Pipeline:
        """The pipeline, loaded on first use (a run with nothing new to parse never
        loads it)."""
        if self._pipeline is None:
            from tidings.pipeline import Pipeline, Resources

            self._pipeline = Pipeline(Resources.load(self.config), self.config)
        return self._pipeline

    @property
    def stages(self) -> list[Stage]:
        if self._stages is None:
            self._stages = [_TimedStage(s, self.seconds) for s in self.pipeline.stages]
        return self._stages

    def load(self) -> None:
        """Load the pipeline now and warm it up on a short article (workers do, so that
        start-up is not timed as work): the first document through a fresh process pays
        for lazy loading (the language identifier, spaCy's first batch, the factuality
        trees compiled, lookup caches), which a process that has already analysed
        something does not. The warm-up article is analysed, never stored."""
        _ = self.stages
        self.process([Document.from_text(WARM_UP_TEXT, source="<warm-up>")])

    def close(self) -> None:
        if self._own_store and self.store is not None:
            self.store.close()

    def process(self, docs: list[Document]) -> BatchResult:
        """The batch's new documents analysed, the rest accounted for."""
        from tidings.link.incremental import link_hints
        from tidings.pipeline import analyse_parsed
        from tidings.store.db import event_rows

        result = BatchResult()
        self.seconds.clear()
        c0 = time.process_time()
        t0 = time.perf_counter()
        todo: list[Document] = []
        for doc in docs:
            ready = prepare(doc, self.options, self.detector, language=False)
            if isinstance(ready, Rejected):
                result.rejected.append(ready)
            else:
                todo.append(ready)
        t1 = time.perf_counter()
        if self.store is not None and todo:
            known = known_ids(self.store, [d.id for d in todo])
            fresh = [d for d in todo if d.id not in known]
            result.known = len(todo) - len(fresh)
            todo = fresh
        t2 = time.perf_counter()
        # language last: on a resumed run, stored documents are not looked at again
        checked = [check_language(d, self.options, self.detector) for d in todo]
        result.rejected.extend(d for d in checked if isinstance(d, Rejected))
        todo = [d for d in checked if isinstance(d, Document)]
        t3 = time.perf_counter()
        if todo:
            nlp = self.pipeline.nlp
            stages = self.stages
            t3 = time.perf_counter()  # a first load of the pipeline is not parse time
        texts = (self.pipeline.parse_text(d.text) for d in todo)  # case restored if needed
        parses = nlp.pipe(texts, batch_size=self.pipeline.config.batch_size) if todo else ()
        for document, parsed in zip(todo, parses, strict=True):
            analysis = analyse_parsed(document, parsed, self.pipeline.resources, stages)
            result.rejected.extend(analysis.rejected)
            result.pairs.append((analysis.document, analysis.events))
            result.words += len(document.text.split())
        t4 = time.perf_counter()
        for document, evs in result.pairs:
            result.hints[document.id] = link_hints(document, evs)
            result.rows[document.id] = event_rows(document, evs)
        t5 = time.perf_counter()
        stage_time = sum(v for k, v in self.seconds.items() if k.startswith("stage:"))
        result.seconds = dict(self.seconds)
        result.seconds["prepare"] = t1 - t0
        result.seconds["known"] = t2 - t1
        result.seconds["language"] = t3 - t2
        result.seconds["parse"] = (t4 - t3) - stage_time
        result.seconds["store_prep"] = t5 - t4
        result.cpu = time.process_time() - c0
        result.rss_mb = peak_rss_mb()
        result.pid = os.getpid()
        return result


def known_ids(store: Store, ids: list[str]) -> set[str]:
    """Which of ``ids`` the database already holds, in one query.

    ``Store.has_document`` would cost a round trip per document; on resume of a
    large run every document of the input is checked, so this asks once per batch.
    """
    from sqlalchemy import select

    from tidings.store.schema import documents

    with store.engine.connect() as conn:
        rows = conn.execute(select(documents.c.id).where(documents.c.id.in_(ids)))
        return {row[0] for row in rows}


def date_unknown(doc: Document) -> bool:
    """Whether the document's publication date is unknown (and so not used)."""
    return doc.published_at is None or doc.meta.get(DATE_FROM) == "unknown"


def add_seconds(into: dict[str, float], more: dict[str, float]) -> None:
    """Add timings ``more`` into ``into``, step by step."""
    for key, value in more.items():
        into[key] = into.get(key, 0.0) + value
