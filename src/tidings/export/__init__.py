"""Exports: JSONL, CSV, Parquet, GDELT 2.0 event TSV and PLOVER JSON, streamed.

Every format reads the events through :meth:`tidings.store.Store.event_rows`,
which streams rows from the database, and writes them as they come, so a
million events export in constant memory. Like queries, exports hold the events
that happened or are reported or planned unless asked for all (the summary says
how many others were left out).
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from tidings.errors import InputError
from tidings.export import gdelt, plover
from tidings.export.rows import COLUMNS, csv_value, flat
from tidings.store import EventFilter, Store
from tidings.store.codec import plain

FORMATS: tuple[str, ...] = ("jsonl", "csv", "parquet", "gdelt", "plover")
SUFFIX = {"jsonl": ".jsonl", "csv": ".csv", "parquet": ".parquet", "gdelt": ".tsv",
          "plover": ".json"}
PARQUET_BATCH = 5000


@dataclass(slots=True)
class ExportSummary:
    """What an export wrote."""

    format: str
    written: int
    left_out: int
    path: str | None


@contextmanager
def _text_out(out: Path | None) -> Iterator[IO[str]]:
    if out is None:
        yield sys.stdout
        return
    with out.open("w", encoding="utf-8", newline="") as fh:
        yield fh


def export(store: Store, fmt: str, out: Path | None, f: EventFilter | None = None
           ) -> ExportSummary:
    """Write the events matching ``f`` to ``out`` (stdout when None) in ``fmt``."""
    f = f or EventFilter()
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "parquet" and out is None:
        raise InputError("Parquet is a binary format: give a file with --out")
    rows = store.event_rows(f)
    n = 0
    if fmt == "parquet":
        assert out is not None
        n = _parquet(rows, out)
    else:
        with _text_out(out) as fh:
            if fmt == "jsonl":
                for r in rows:
                    fh.write(json.dumps(plain(r.event), ensure_ascii=False) + "\n")
                    n += 1
            elif fmt == "csv":
                w = csv.writer(fh)
                w.writerow([c.name for c in COLUMNS])
                for r in rows:
                    w.writerow([csv_value(v) for v in flat(r).values()])
                    n += 1
            elif fmt == "gdelt":
                for r in rows:
                    fh.write("\t".join(_tsv(v) for v in gdelt.row(r, r.cluster_counts)) + "\n")
                    n += 1
            else:
                n = plover.write(rows, fh)
    return ExportSummary(fmt, n, store.count_left_out(f), str(out) if out else None)


def _tsv(value: str) -> str:
    return value.replace("\t", " ").replace("\n", " ")


def arrow_schema() -> Any:
    """The Parquet schema: one typed column per :data:`~tidings.export.rows.COLUMNS`."""
    import pyarrow as pa

    kinds = {"string": pa.string(), "int": pa.int64(), "float": pa.float64(),
             "bool": pa.bool_(), "date": pa.date32(), "list": pa.list_(pa.string()),
             "timestamp": pa.timestamp("us", tz="UTC")}
    return pa.schema([pa.field(c.name, kinds[c.kind]) for c in COLUMNS])


def _timestamp(value: str | None) -> datetime | None:
    if not value:
        return None
    dt = datetime.fromisoformat(value)
    return dt.astimezone(UTC) if dt.tzinfo else dt.replace(tzinfo=UTC)


def _parquet(rows: Iterator[Any], out: Path) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ModuleNotFoundError:
        raise InputError("Parquet export needs pyarrow: pip install 'tidings[parquet]'"
                         ) from None
    schema = arrow_schema()
    stamps = [c.name for c in COLUMNS if c.kind == "timestamp"]
    n = 0
    batch: list[dict[str, Any]] = []
    with pq.ParquetWriter(str(out), schema, compression="zstd") as writer:
        for r in rows:
            row = flat(r)
            for name in stamps:
                row[name] = _timestamp(row[name])
            batch.append(row)
            if len(batch) >= PARQUET_BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n += len(batch)
                batch = []
        if batch or n == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n


def csv_columns_doc() -> str:
    """The CSV/Parquet columns as a Markdown table (docs/storage.md)."""
    buf = io.StringIO()
    buf.write("| column | type | meaning |\n|---|---|---|\n")
    for c in COLUMNS:
        buf.write(f"| `{c.name}` | {c.kind} | {c.help} |\n")
    return buf.getvalue()


__all__ = ["FORMATS", "ExportSummary", "arrow_schema", "csv_columns_doc", "export"]
