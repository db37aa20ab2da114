"""The same ingest on Ray Data: read in tasks, analyse in actors, write Parquet or the DB.

Needs the optional extra ``ray`` (``pip install 'tidings[ray]'``). Each input file is
read by a Ray task with the same readers as the local run; documents go in batches
to actors that each hold one :class:`~tidings.ingest.process.BatchProcessor` (one
spaCy pipeline and one set of resources per actor), so the records are the same as
those of the local run. Results are either written as Parquet by Ray (``parquet``)
or streamed back to the driver and stored through ``Store.add`` (``db``).

Connects to ``address`` (or ``$RAY_ADDRESS``) when given, else starts a local Ray.
Inputs must be readable at the same path on every node (a shared filesystem).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tidings.errors import TidingsError
from tidings.ingest.options import IngestOptions
from tidings.ingest.process import add_seconds, date_unknown
from tidings.ingest.readers import SourceReader, expand
from tidings.ingest.run import IngestSummary
from tidings.records import Document, Event, Rejected, from_dict, to_dict

if TYPE_CHECKING:
    from tidings.config import Config

COLUMNS = ("kind", "id", "reason", "n_events", "known", "words", "document", "events")
"""Output columns: ``kind`` is document, rejected or stats; ``document`` holds the
document (or the rejection) as JSON, ``events`` the document's events as a JSON list."""

READ_CPUS = 0.1
"""CPU share reserved by a reading task (reading is cheap beside parsing)."""

BLOCK_BYTES = 1 << 20
"""Target size of a Ray Data block of documents (about 500 news articles)."""


class RayMissing(TidingsError):
    """The optional extra is not installed."""

    exit_code = 4


def _require_ray() -> Any:
    try:
        import ray
        import ray.data
    except ImportError:
        raise RayMissing("--engine ray needs Ray Data: pip install 'tidings[ray]'") from None
    return ray


def _item_row(item: Document | Rejected) -> dict[str, Any]:
    kind = "raw" if isinstance(item, Document) else "rejected"
    reason = item.reason if isinstance(item, Rejected) else ""
    return {"kind": kind, "id": "", "reason": reason, "n_events": 0, "known": 0,
            "words": 0, "document": json.dumps(to_dict(item), ensure_ascii=False),
            "events": "[]"}


def _read_input(row: dict[str, Any], options: IngestOptions) -> Iterator[dict[str, Any]]:
    """Ray task body: one input (file, URL) to rows of raw documents and rejections."""
    with SourceReader(options) as reader:
        for item in reader.read([row["input"]]):
            yield _item_row(item)


class _Analyse:
    """Ray actor: one pipeline, analysing batches of raw documents."""

    def __init__(self, config: Config, options: IngestOptions, db: str | None) -> None:
        from tidings.ingest.process import BatchProcessor

        self.processor = BatchProcessor(config, options, db=db)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        out: dict[str, list[Any]] = {c: [] for c in COLUMNS}

        def add(**row: Any) -> None:
            for c in COLUMNS:
                out[c].append(row[c])

        docs: list[Document] = []
        for kind, payload in zip(batch["kind"], batch["document"], strict=True):
            if kind == "raw":
                docs.append(from_dict(Document, json.loads(payload)))
            else:
                data = json.loads(payload)
                add(kind="rejected", id="", reason=data["reason"], n_events=0, known=0,
                    words=0, document=payload, events="[]")
        result = self.processor.process(docs) if docs else None
        if result is not None:
            for doc, events in result.pairs:
                add(kind="document", id=doc.id, reason="", n_events=len(events), known=0,
                    words=0, document=json.dumps(to_dict(doc), ensure_ascii=False),
                    events=json.dumps([e.to_dict() for e in events], ensure_ascii=False))
            for r in result.rejected:
                add(kind="rejected", id="", reason=r.reason, n_events=0, known=0, words=0,
                    document=json.dumps(to_dict(r), ensure_ascii=False), events="[]")
        # one stats row per batch, so that no batch is empty and the driver can count
        add(kind="stats", id="", reason="", n_events=0,
            known=result.known if result else 0, words=result.words if result else 0,
            document=json.dumps({"read": len(docs),
                                 "seconds": result.seconds if result else {},
                                 "rss_mb": result.rss_mb if result else 0.0,
                                 "pid": result.pid if result else 0}),
            events="[]")
        return out


def build_dataset(inputs: list[str], *, config: Config, options: IngestOptions,
                  db: str | None, concurrency: int | None = None) -> Any:
    """The Ray dataset of result rows (see :data:`COLUMNS`) for ``inputs``."""
    ray = _require_ray()
    items: list[str] = []
    rejected: list[Rejected] = []
    for item in expand(inputs):
        if isinstance(item, Rejected):
            rejected.append(item)
        else:
            items.append(item if isinstance(item, str) else str(Path(item).resolve()))
    cpus = int(ray.cluster_resources().get("CPU", 1))
    n_actors = concurrency or max(1, cpus)
    rows = [{"input": i} for i in items]
    ds = ray.data.from_items(rows, override_num_blocks=max(1, len(rows)))
    # small blocks, so that even one input file feeds every actor
    ray.data.DataContext.get_current().target_max_block_size = BLOCK_BYTES
    ds = ds.flat_map(_read_input, fn_kwargs={"options": options}, num_cpus=READ_CPUS)
    if rejected:
        ds = ds.union(ray.data.from_items([_item_row(r) for r in rejected]))
    return ds.map_batches(
        _Analyse,
        fn_constructor_args=(config, options, db),
        batch_size=config.batch_size,
        batch_format="numpy",
        compute=ray.data.ActorPoolStrategy(min_size=1, max_size=n_actors),
        num_cpus=min(1.0, max(0.1, (cpus - READ_CPUS) / n_actors)),
    )


def init_ray(address: str | None = None, num_cpus: int | None = None) -> Any:
    """Connect to ``address`` (or ``$RAY_ADDRESS``), else start a local Ray."""
    import logging

    ray = _require_ray()
    logging.getLogger("ray.data").setLevel(logging.WARNING)
    if not ray.is_initialized():
        target = address or os.environ.get("RAY_ADDRESS")
        kwargs: dict[str, Any] = {"ignore_reinit_error": True, "log_to_driver": False}
        if target:
            kwargs["address"] = target
        else:
            kwargs.update(num_cpus=num_cpus, include_dashboard=False)
        ray.init(**kwargs)
    return ray


def _count(summary: IngestSummary, row: dict[str, Any],
           on_reject: Callable[[Rejected], None] | None) -> None:
    kind = row["kind"]
    if kind == "rejected":
        summary.rejected[row["reason"]] += 1
        if on_reject is not None:
            on_reject(from_dict(Rejected, json.loads(row["document"])))
    elif kind == "stats":
        summary.duplicates += int(row["known"])
        summary.words += int(row["words"])
        info = json.loads(row["document"])
        summary.read += int(info["read"])
        add_seconds(summary.seconds, info["seconds"])
        if info["pid"]:
            summary.peak_rss_mb[info["pid"]] = max(summary.peak_rss_mb.get(info["pid"], 0.0),
                                                   info["rss_mb"])


def run_ray(inputs: list[str], *, config: Config, options: IngestOptions,
            db: str | None = None, parquet: str | None = None,
            on_reject: Callable[[Rejected], None] | None = None,
            address: str | None = None, num_cpus: int | None = None,
            concurrency: int | None = None) -> IngestSummary:
    """Ingest ``inputs`` on Ray; store in ``db`` or write Parquet files to ``parquet``."""
    from tidings.store import Store

    if (db is None) == (parquet is None):
        raise TidingsError("run_ray: give exactly one of db and parquet")
    init_ray(address, num_cpus)
    started = time.monotonic()
    summary = IngestSummary()
    ds = build_dataset(inputs, config=config, options=options, db=db,
                       concurrency=concurrency)
    if parquet is not None:
        ds.write_parquet(parquet)
        import pyarrow.parquet as pq

        table = pq.read_table(parquet, columns=["kind", "reason", "n_events", "known",
                                                "words", "document"])
        for row in table.to_pylist():
            if row["kind"] == "document":
                summary.stored += 1
                summary.events += int(row["n_events"])
                if date_unknown(from_dict(Document, json.loads(row["document"]))):
                    summary.date_unknown += 1
            else:
                _count(summary, row, on_reject)
    else:
        assert db is not None
        with Store.open(db) as store:
            for batch in ds.iter_batches(batch_size=config.batch_size, batch_format="numpy"):
                pairs: list[tuple[Document, list[Event]]] = []
                for row in _rows(batch):
                    if row["kind"] == "document":
                        doc = from_dict(Document, json.loads(row["document"]))
                        events = [Event.from_dict(e) for e in json.loads(row["events"])]
                        pairs.append((doc, events))
                    else:
                        _count(summary, row, on_reject)
                if pairs:
                    written = store.add(pairs)
                    skipped = set(written.skipped_ids)
                    summary.date_unknown += sum(1 for d, _ in pairs
                                                if d.id not in skipped and date_unknown(d))
                    summary.stored += written.documents_stored
                    summary.duplicates += written.documents_skipped
                    summary.events += written.events_stored
    summary.elapsed = time.monotonic() - started
    return summary


def _rows(batch: dict[str, Any]) -> Iterator[dict[str, Any]]:
    n = len(batch["kind"])
    for i in range(n):
        yield {c: batch[c][i] for c in COLUMNS}
