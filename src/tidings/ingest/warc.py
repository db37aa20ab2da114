"""WARC and ARC files: HTML responses only, each payload once (by its digest)."""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tidings.ingest.html import html_document
from tidings.records import Document, Rejected

HTML_TYPES = ("text/html", "application/xhtml+xml")

TRAILING_SLACK = 8
"""Bytes allowed after the last record (an uncompressed WARC ends with a blank line)."""


def _payload_digest(record: Any, body: bytes) -> str:
    digest = record.rec_headers.get_header("WARC-Payload-Digest")
    return str(digest) if digest else "sha1:" + hashlib.sha1(body).hexdigest()


def read_warc(path: Path, *, seen_digests: set[str] | None = None
              ) -> Iterator[Document | Rejected]:
    """Documents from the HTML responses of a WARC or ARC file (gzipped or not).

    Non-HTML responses, requests, metadata and error statuses are passed over
    silently (they are not articles); a payload seen before in this run (same
    digest) is passed over too. A damaged record ends the file with a ``bad-warc``
    rejection naming the record, the documents before it are kept.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    seen = seen_digests if seen_digests is not None else set()
    n = 0
    end = 0
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            records = ArchiveIterator(fh, arc2warc=True)
            for record in records:
                n += 1
                doc = _response(path, record, n, seen)
                records.read_to_end(record)
                if getattr(record.raw_stream, "limit", 0) > 0:
                    raise EOFError("the record ends before its declared length")
                end = records.get_record_offset() + records.get_record_length()
                if doc is not None:
                    yield doc
        # a gzipped archive cut inside a record just stops: compare with the file size
        if size - end > TRAILING_SLACK:
            raise EOFError(f"{size - end:,} bytes after the last complete record")
    except (ArchiveLoadFailed, EOFError, zlib.error, OSError, ValueError) as exc:
        yield Rejected(input=f"{path}#record {n}", reason="bad-warc",
                       message=f"{path}: record {n} is damaged or truncated "
                               f"({type(exc).__name__}: {exc}); the rest of the file is "
                               "skipped, the records before it were read")


def _response(path: Path, record: Any, n: int, seen: set[str]) -> Document | Rejected | None:
    """The document in one record, or None when it is not an HTML page seen first here."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    if record.http_headers.get_statuscode() != "200":
        return None
    ctype = (record.http_headers.get_header("Content-Type") or "").lower()
    if not ctype.startswith(HTML_TYPES):
        return None
    body = record.content_stream().read()
    digest = _payload_digest(record, body)
    if digest in seen:
        return None
    seen.add(digest)
    url = record.rec_headers.get_header("WARC-Target-URI")
    rec_id = record.rec_headers.get_header("WARC-Record-ID") or f"record {n}"
    charset = None
    if "charset=" in ctype:
        charset = ctype.split("charset=", 1)[1].split(";")[0].strip(" \"'") or None
    meta = {"warc_digest": digest}
    crawled = record.rec_headers.get_header("WARC-Date")
    if crawled:
        # the crawl time is not the publication time: kept apart
        meta["crawled_at"] = str(crawled)
    return html_document(body, source=f"{path}#{rec_id}", url=url,
                         charset=charset, meta=meta)
