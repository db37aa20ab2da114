"""Ingest: read sources into Documents (or Rejected records with a reason)."""

from tidings.ingest.readers import read_sources
from tidings.ingest.run import IngestSummary, ingest

__all__ = ["IngestSummary", "ingest", "read_sources"]
