"""Records with fields: JSONL (optionally gzipped), CSV/TSV and Parquet.

Which field holds the text, title, URL, outlet and date is configurable
(:class:`~tidings.ingest.options.FieldMap`); a record holding HTML instead of text
goes through the HTML extractor. A broken line or row is rejected alone.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from tidings.ingest.dates import parse_date
from tidings.ingest.html import html_document
from tidings.ingest.options import FieldMap
from tidings.ingest.prepare import DATE_FROM
from tidings.records import Document, Rejected


def record_document(record: Any, where: str, fields: FieldMap) -> Document | Rejected:
    """The article held in one record (a dict), or why there is none."""
    if not isinstance(record, dict):
        return Rejected(input=where, reason="bad-record",
                        message=f"{where}: expected an object with fields, got "
                                f"{type(record).__name__}; skipped")
    text = fields.get(record, "text")
    markup = fields.get(record, "html")
    title = _str(fields.get(record, "title"))
    url = _str(fields.get(record, "url"))
    outlet = _str(fields.get(record, "outlet"))
    meta: dict[str, str] = {}
    raw_date = fields.get(record, "published")
    published = parse_date(raw_date)
    if raw_date is not None and published is None:
        meta["date_problem"] = f"unreadable or implausible date {str(raw_date)[:60]!r}"
    if published is not None:
        meta[DATE_FROM] = "metadata"
    if not isinstance(text, str) or not text.strip():
        if isinstance(markup, str) and markup.strip():
            return html_document(markup, source=where, url=url, title=title, outlet=outlet,
                                 published=published, meta=meta)
        wanted = " or ".join(fields.names["text"][:3])
        return Rejected(input=where, reason="no-text",
                        message=f"{where}: no text field ({wanted}...; set another with "
                                "--field text=NAME); skipped")
    return Document.from_text(text, title=title, url=url, outlet=outlet,
                              published_at=published, source=where, meta=meta)


def _str(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _open_binary(path: Path) -> IO[bytes]:
    if path.suffix.lower() == ".gz":
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return path.open("rb")


def read_jsonl(path: Path, fields: FieldMap | None = None) -> Iterator[Document | Rejected]:
    """One article per line; broken lines are rejected one by one."""
    fields = fields or FieldMap()
    n = 0
    try:
        with _open_binary(path) as fh:
            for n, raw in enumerate(fh, 1):
                if not raw.strip():
                    continue
                where = f"{path}:{n}"
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError:
                    line = raw.decode("cp1252", errors="replace")
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    yield Rejected(input=where, reason="bad-json",
                                   message=f"{where}: not valid JSON ({exc.msg} at column "
                                           f"{exc.colno}); line skipped")
                    continue
                yield record_document(obj, where, fields)
    except (OSError, EOFError) as exc:
        yield Rejected(input=f"{path}:{n + 1}", reason="bad-file",
                       message=f"{path}: reading stopped at line {n + 1} "
                               f"({type(exc).__name__}: {exc})")


def read_csv(path: Path, fields: FieldMap | None = None) -> Iterator[Document | Rejected]:
    """One article per row, the first row naming the fields (``.tsv``: tab separated)."""
    fields = fields or FieldMap()
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    delimiter = "\t" if ".tsv" in path.suffixes else ","
    n = 1
    try:
        with _open_binary(path) as raw:
            text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="")
            reader = csv.DictReader(text, delimiter=delimiter)
            _ = reader.fieldnames  # reads the header row, so line numbers below are right
            while True:
                # the line the row starts on (a quoted field may span several lines)
                n = reader.line_num + 1
                row = next(reader, None)
                if row is None:
                    break
                yield record_document(dict(row), f"{path}:{n}", fields)
    except (OSError, EOFError, csv.Error) as exc:
        yield Rejected(input=f"{path}:{n}", reason="bad-file",
                       message=f"{path}: reading stopped near line {n} "
                               f"({type(exc).__name__}: {exc})")


def read_parquet(path: Path, fields: FieldMap | None = None
                 ) -> Iterator[Document | Rejected]:
    """One article per row of a Parquet file (needs pyarrow: the ``ray`` extra)."""
    fields = fields or FieldMap()
    try:
        import pyarrow.parquet as pq
    except ImportError:
        yield Rejected(input=str(path), reason="missing-extra",
                       message=f"{path}: reading Parquet needs pyarrow "
                               "(pip install 'tidings[ray]'); skipped")
        return
    n = 0
    try:
        for batch in pq.ParquetFile(path).iter_batches(batch_size=1024):
            for row in batch.to_pylist():
                n += 1
                yield record_document(row, f"{path}:{n}", fields)
    except (OSError, ValueError) as exc:
        yield Rejected(input=f"{path}:{n + 1}", reason="bad-file",
                       message=f"{path}: reading stopped at row {n + 1} "
                               f"({type(exc).__name__}: {exc})")
