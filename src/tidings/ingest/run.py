"""Ingest runner: read, skip known documents, parse in batches, store each batch whole."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import TypeVar

from tidings.pipeline import Pipeline
from tidings.records import Document, Rejected
from tidings.store import Store

T = TypeVar("T")


@dataclass(slots=True)
class IngestSummary:
    """Counts of what an ingest did."""

    read: int = 0
    stored: int = 0
    duplicates: int = 0
    events: int = 0
    rejected: Counter[str] = field(default_factory=Counter)
    messages: list[str] = field(default_factory=list)

    def line(self) -> str:
        rej = ", ".join(f"{k}: {v}" for k, v in sorted(self.rejected.items())) or "none"
        return (f"read {self.read}, stored {self.stored}, duplicates {self.duplicates}, "
                f"events {self.events}, rejected {sum(self.rejected.values())} ({rej})")


def _batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def ingest(items: Iterable[Document | Rejected], store: Store, pipeline: Pipeline, *,
           batch_size: int = 32, min_chars: int = 20,
           on_reject: Callable[[Rejected], None] | None = None) -> IngestSummary:
    """Process and store documents; one transaction per batch, known documents skipped."""
    summary = IngestSummary()
    seen: set[str] = set()

    def reject(r: Rejected) -> None:
        summary.rejected[r.reason] += 1
        summary.messages.append(r.message)
        if on_reject:
            on_reject(r)

    for batch in _batches(items, batch_size):
        todo: list[Document] = []
        for item in batch:
            if isinstance(item, Rejected):
                reject(item)
                continue
            summary.read += 1
            if len(item.text.strip()) < min_chars:
                reject(Rejected(input=item.source or item.id, reason="empty",
                                message=f"{item.source or item.id}: text too short "
                                        f"({len(item.text.strip())} characters)"))
                continue
            if item.id in seen or store.has_document(item.id):
                summary.duplicates += 1
                continue
            seen.add(item.id)
            todo.append(item)
        if not todo:
            continue
        pairs = []
        for analysis in pipeline.analyse(todo):
            for r in analysis.rejected:
                reject(r)
            pairs.append((analysis.document, analysis.events))
        result = store.add(pairs)
        summary.stored += result.documents_stored
        summary.duplicates += result.documents_skipped
        summary.events += result.events_stored
    return summary
