"""Ingest runner: read, skip known documents, analyse in batches, store each batch whole.

Resumable by construction: a document's id is the hash of its text, documents
already in the database are skipped before parsing, and each batch is written in
one transaction, so a run killed at any moment and started again stores what is
missing and nothing twice.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING, TypeVar

from tidings.ingest.options import IngestOptions
from tidings.ingest.process import BatchProcessor, BatchResult, add_seconds, date_unknown
from tidings.records import Document, Rejected

if TYPE_CHECKING:
    from tidings.config import Config
    from tidings.ingest.progress import Progress
    from tidings.pipeline import Pipeline
    from tidings.store import Store

T = TypeVar("T")

MAX_SEEN = 1_000_000
"""Ids remembered to drop repeats within a run before parsing (about 100 MB)."""

MAX_MESSAGES = 1000
"""Rejection messages kept in the summary (the counts are always complete)."""


@dataclass(slots=True)
class IngestSummary:
    """Counts of what an ingest did.

    Attributes:
        read: documents read from the sources (before any filtering).
        stored: new documents stored.
        duplicates: documents skipped because the same text was stored before (in
            this run or an earlier one).
        events: events stored.
        rejected: rejections by reason.
        date_unknown: stored documents whose publication date is unknown.
        words: words in the analysed documents.
        seconds: time per step (prepare, known, parse, stage:NAME, store), summed over
            processes.
        elapsed: wall-clock seconds.
        load_seconds: of which loading the pipelines (before the first batch).
        cpu: CPU seconds spent analysing, summed over processes.
        cpu_by_pid: the same, per analysing process.
        peak_rss_mb: peak resident memory of each analysing process, by pid.
        interrupted: the run was stopped before the end.
    """

    read: int = 0
    stored: int = 0
    duplicates: int = 0
    events: int = 0
    rejected: Counter[str] = field(default_factory=Counter)
    date_unknown: int = 0
    words: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    elapsed: float = 0.0
    load_seconds: float = 0.0
    cpu: float = 0.0
    cpu_by_pid: dict[int, float] = field(default_factory=dict)
    peak_rss_mb: dict[int, float] = field(default_factory=dict)
    interrupted: bool = False
    messages: list[str] = field(default_factory=list)

    def line(self) -> str:
        rej = ", ".join(f"{k}: {v}" for k, v in sorted(self.rejected.items())) or "none"
        return (f"read {self.read}, stored {self.stored}, duplicates {self.duplicates}, "
                f"events {self.events}, rejected {sum(self.rejected.values())} ({rej}), "
                f"date unknown {self.date_unknown}")

    def absorb(self, result: BatchResult) -> None:
        self.duplicates += result.known
        self.words += result.words
        self.cpu += result.cpu
        if result.pid:
            self.cpu_by_pid[result.pid] = self.cpu_by_pid.get(result.pid, 0.0) + result.cpu
        add_seconds(self.seconds, result.seconds)
        if result.pid:
            self.peak_rss_mb[result.pid] = max(self.peak_rss_mb.get(result.pid, 0.0),
                                               result.rss_mb)


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def ingest(items: Iterable[Document | Rejected], store: Store,
           pipeline: Pipeline | None = None, *, config: Config | None = None,
           options: IngestOptions | None = None, workers: int = 1,
           batch_size: int | None = None, min_chars: int | None = None,
           progress: Progress | None = None,
           on_reject: Callable[[Rejected], None] | None = None) -> IngestSummary:
    """Analyse and store documents read from sources (see :class:`SourceReader`).

    Args:
        items: documents as read (they are prepared here) and reader rejections.
        store: the database; the only writer is this function, through ``Store.add``.
        pipeline: a loaded pipeline for ``workers == 1`` (else one is loaded).
        config: settings (spaCy model, batch size); defaults from :func:`load_config`.
        options: reading/preparing options (defaults from ``config``).
        workers: processes analysing batches; 1 analyses in this process.
        batch_size: documents per batch and per transaction.
        min_chars: shortest text kept (overrides ``options``).
        progress: where to show progress, if anywhere.
        on_reject: called with each rejection as it happens.

    A ``KeyboardInterrupt`` stops the run after what was committed; the summary so far
    is attached to the exception as ``summary`` and it is raised again.
    """
    from dataclasses import replace

    from tidings.config import load_config

    config = config or (pipeline.config if pipeline is not None else load_config())
    options = options or IngestOptions.from_config(config)
    if min_chars is not None:
        options = replace(options, min_chars=min_chars)
    size = batch_size or config.batch_size
    summary = IngestSummary()
    started = time.monotonic()
    done = 0

    def reject(r: Rejected) -> None:
        summary.rejected[r.reason] += 1
        if len(summary.messages) < MAX_MESSAGES:
            summary.messages.append(r.message)
        if on_reject:
            on_reject(r)

    seen: set[str] = set()

    def documents() -> Iterator[Document]:
        nonlocal done
        for item in items:
            done += 1
            if isinstance(item, Rejected):
                reject(item)
                continue
            summary.read += 1
            # exact repeats within the run are dropped before they cost a parse (the
            # reader's id is the hash of the text as read, before repair)
            if item.id in seen:
                summary.duplicates += 1
                continue
            if len(seen) >= MAX_SEEN:
                seen.clear()  # only a shortcut: the database check catches the rest
            seen.add(item.id)
            yield item

    def commit(result: BatchResult) -> None:
        summary.absorb(result)
        for r in result.rejected:
            reject(r)
        if result.pairs:
            t0 = time.perf_counter()
            written = store.add(result.pairs, hints=result.hints, rows=result.rows)
            add_seconds(summary.seconds, {"store": time.perf_counter() - t0})
            summary.stored += written.documents_stored
            summary.duplicates += written.documents_skipped
            summary.events += written.events_stored
            skipped = set(written.skipped_ids)
            summary.date_unknown += sum(1 for d, _ in result.pairs
                                        if d.id not in skipped and date_unknown(d))
        if progress is not None:
            progress.update(done, summary.stored, summary.events, summary.words)

    try:
        if workers <= 1:
            processor = BatchProcessor(config, options, store=store, pipeline=pipeline)
            summary.load_seconds = time.monotonic() - started
            if progress is not None:
                progress.restart()
            for batch in batches(documents(), size):
                commit(processor.process(batch))
        else:
            from tidings.ingest.workers import WorkerPool

            db = store.engine.url.render_as_string(hide_password=False)
            with WorkerPool(workers, config, options, db) as pool:
                pool.start()
                summary.load_seconds = time.monotonic() - started
                if progress is not None:
                    progress.restart()
                for result in pool.map(batches(documents(), size)):
                    commit(result)
    except KeyboardInterrupt as exc:
        summary.interrupted = True
        summary.elapsed = time.monotonic() - started
        exc.summary = summary  # type: ignore[attr-defined]
        raise
    finally:
        if progress is not None:
            progress.update(done, summary.stored, summary.events, summary.words, force=True)
            progress.close()
    summary.elapsed = time.monotonic() - started
    return summary
