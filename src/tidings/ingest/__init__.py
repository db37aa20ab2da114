"""Ingest: read sources into Documents (or Rejected records with a reason), analyse
them in batches (in one process or several) and store each batch whole."""

from tidings.ingest.options import FieldMap, IngestOptions
from tidings.ingest.prepare import prepare
from tidings.ingest.readers import SourceReader, read_sources
from tidings.ingest.run import IngestSummary, ingest

__all__ = [
    "FieldMap",
    "IngestOptions",
    "IngestSummary",
    "SourceReader",
    "ingest",
    "prepare",
    "read_sources",
]
