"""Every source in one place: files, folders, globs, URLs. Each yields Documents or
Rejected records, never raises for a bad input, so the rest of a batch goes on.

==============================  ===========================================
input                           read as
==============================  ===========================================
folder                          every file in it, recursively (hidden ones skipped)
``*.txt`` pattern               the matching files (``**`` recurses)
``.txt .text .md``, no suffix   plain text (or HTML/feed, when it looks like one)
``.html .htm .xhtml``           an HTML page (main text, title, date, outlet)
``.rss .atom .xml``             an RSS/Atom feed
``.warc .arc`` (``.gz``)        the HTML responses of a web archive
``.jsonl .ndjson`` (``.gz``)    one record per line; ``.json``: a list of records
``.csv .tsv`` (``.gz``)         one record per row
``.parquet``                    one record per row (needs pyarrow)
``.urls``                       one URL per line, each fetched
``http(s)://...``               fetched: an HTML page or a feed
==============================  ===========================================
"""

from __future__ import annotations

import glob
import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path

from tidings.ingest.feeds import looks_like_feed, read_feed
from tidings.ingest.fetch import Fetcher, Page
from tidings.ingest.html import html_document
from tidings.ingest.options import FieldMap, IngestOptions
from tidings.ingest.prepare import prepare
from tidings.ingest.tabular import read_csv, read_jsonl, read_parquet, record_document
from tidings.ingest.text import LanguageDetector, decode_bytes
from tidings.ingest.warc import read_warc
from tidings.records import Document, Rejected

TEXT = "text"
HTML = "html"
FEED = "feed"
WARC = "warc"
JSONL = "jsonl"
JSON = "json"
CSV = "csv"
PARQUET = "parquet"
URLS = "urls"

SUFFIXES: dict[str, str] = {
    ".txt": TEXT, ".text": TEXT, ".md": TEXT, "": TEXT,
    ".html": HTML, ".htm": HTML, ".xhtml": HTML, ".shtml": HTML,
    ".rss": FEED, ".atom": FEED, ".xml": FEED,
    ".warc": WARC, ".arc": WARC,
    ".jsonl": JSONL, ".ndjson": JSONL, ".json": JSON,
    ".csv": CSV, ".tsv": CSV,
    ".parquet": PARQUET,
    ".urls": URLS,
}

MAX_FILE_BYTES = 200_000_000
"""Single text, HTML or feed files larger than this are rejected unread."""


def is_url(item: str) -> bool:
    return item.startswith(("http://", "https://"))


def kind_of(path: Path) -> str:
    """What a file is read as, from its suffix (``.gz`` looks at the one before)."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    last = suffixes[-1] if suffixes else ""
    return SUFFIXES.get(last, TEXT)


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def expand(inputs: Iterable[str | Path]) -> Iterator[Path | str | Rejected]:
    """Files (sorted within each folder or pattern), URLs as given, missing inputs
    rejected."""
    for item in inputs:
        text = str(item)
        if is_url(text):
            yield text
            continue
        path = Path(item)
        if path.is_dir():
            yield from sorted(q for q in path.rglob("*") if q.is_file() and not _hidden(q, path))
        elif path.is_file():
            yield path
        elif glob.has_magic(text):
            matches = sorted(Path(m) for m in glob.glob(text, recursive=True))
            files = [m for m in matches if m.is_file()]
            if not files:
                yield Rejected(input=text, reason="not-found",
                               message=f"{text}: the pattern matches no file")
            yield from files
        else:
            yield Rejected(input=text, reason="not-found",
                           message=f"{text}: no such file, folder or pattern")


class SourceReader:
    """Reads any mix of inputs; holds the one fetcher and the WARC digests of a run.

    Use as a context manager (the fetcher's connections are closed on exit).
    """

    def __init__(self, options: IngestOptions, *, fetcher: Fetcher | None = None) -> None:
        self.options = options
        self._fetcher = fetcher
        self._own_fetcher = fetcher is None
        self.warc_digests: set[str] = set()

    @property
    def fetcher(self) -> Fetcher:
        if self._fetcher is None:
            self._fetcher = Fetcher(self.options)
        return self._fetcher

    def close(self) -> None:
        if self._fetcher is not None and self._own_fetcher:
            self._fetcher.close()
            self._fetcher = None

    def __enter__(self) -> SourceReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def read(self, inputs: Iterable[str | Path]) -> Iterator[Document | Rejected]:
        """Documents as found (not yet prepared: see :func:`tidings.ingest.prepare`)."""
        for item in expand(inputs):
            if isinstance(item, Rejected):
                yield item
            elif isinstance(item, str):
                yield from self.read_urls([item], source=item)
            else:
                yield from self.read_file(item)

    def read_file(self, path: Path) -> Iterator[Document | Rejected]:
        kind = kind_of(path)
        fields = self.options.fields
        if kind == JSONL:
            yield from read_jsonl(path, fields)
        elif kind == CSV:
            yield from read_csv(path, fields)
        elif kind == PARQUET:
            yield from read_parquet(path, fields)
        elif kind == WARC:
            yield from read_warc(path, seen_digests=self.warc_digests)
        elif kind == URLS:
            yield from self.read_urls(_url_lines(path), source=str(path))
        else:
            yield from self._read_whole(path, kind, fields)

    def _read_whole(self, path: Path, kind: str, fields: FieldMap
                    ) -> Iterator[Document | Rejected]:
        name = str(path)
        try:
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                yield Rejected(input=name, reason="too-large",
                               message=f"{name}: {size:,} bytes is too large for one "
                                       "document; split it (or use JSONL)")
                return
            if kind == TEXT and size > 4 * self.options.max_chars and not _markup(path):
                # even at four bytes per character the text is over max_chars: say so
                # without reading (and decoding, repairing) tens of megabytes
                yield Rejected(input=name, reason="too-long",
                               message=f"{name}: {size:,} bytes of text, over max_chars "
                                       f"({self.options.max_chars:,} characters); split it "
                                       "or raise max_chars")
                return
            raw = path.read_bytes()
        except OSError as exc:
            yield Rejected(input=name, reason="unreadable", message=f"{name}: {exc.strerror}")
            return
        if kind == JSON:
            yield from _read_json(raw, name, fields)
            return
        head = raw[:2048].lstrip().lower()
        if kind == FEED or (kind == TEXT and looks_like_feed(head) and head.startswith(b"<")):
            yield from read_feed(raw, source=name, options=self.options, fetcher=self.fetcher)
        elif kind == HTML or (kind == TEXT and head.startswith((b"<!doctype html", b"<html"))):
            yield html_document(raw, source=name)
        else:
            text = decode_bytes(raw, name)
            if isinstance(text, Rejected):
                yield text
            else:
                yield Document.from_text(text, source=name)

    def read_urls(self, urls: Iterable[str], *, source: str) -> Iterator[Document | Rejected]:
        """Fetch each URL (politely, several at once) and read what comes back."""
        cleaned = (u.strip() for u in urls if u.strip())
        for _url, page in self.fetcher.fetch_many(cleaned):
            if isinstance(page, Rejected):
                yield page
            else:
                yield from self._read_page(page)

    def _read_page(self, page: Page) -> Iterator[Document | Rejected]:
        ctype = page.content_type
        head = page.content[:2048].lstrip().lower()
        if "rss" in ctype or "atom" in ctype or (("xml" in ctype or not ctype)
                                                   and looks_like_feed(head)):
            yield from read_feed(page.content, source=page.url, options=self.options,
                                 fetcher=self.fetcher)
        elif ctype in ("text/html", "application/xhtml+xml") or (
                not ctype and head.startswith((b"<!doctype html", b"<html"))):
            yield html_document(page.content, source=page.url, url=page.final_url,
                                charset=page.charset)
        elif ctype == "text/plain":
            text = decode_bytes(page.content, page.url, page.charset)
            yield text if isinstance(text, Rejected) else Document.from_text(
                text, url=page.final_url, source=page.url)
        else:
            yield Rejected(input=page.url, reason="unsupported-type",
                           message=f"{page.url}: content type {ctype or 'unknown'!r} is not "
                                   "an article (HTML, feed or plain text); skipped")


def _markup(path: Path) -> bool:
    """Whether a text file starts like an HTML page or a feed (read as markup)."""
    with path.open("rb") as fh:
        head = fh.read(2048).lstrip().lower()
    return head.startswith(b"<") and (looks_like_feed(head) or head.startswith(
        (b"<!doctype html", b"<html")))


def _url_lines(path: Path) -> Iterator[str]:
    with path.open(encoding="utf-8", errors="replace") as fh:
        for line in fh:
            line = line.strip()
            if line and not line.startswith("#"):
                yield line


def _read_json(raw: bytes, name: str, fields: FieldMap) -> Iterator[Document | Rejected]:
    try:
        data = json.loads(raw.decode("utf-8-sig", errors="replace"))
    except json.JSONDecodeError as exc:
        yield Rejected(input=name, reason="bad-json",
                       message=f"{name}: not valid JSON ({exc.msg}, line {exc.lineno}); "
                               "skipped")
        return
    records = data if isinstance(data, list) else [data]
    for n, record in enumerate(records, 1):
        yield record_document(record, f"{name}:{n}" if isinstance(data, list) else name, fields)


def read_sources(paths: Iterable[str | Path], *, published_at: datetime | None = None,
                 outlet: str | None = None, options: IngestOptions | None = None,
                 prepared: bool = True) -> Iterator[Document | Rejected]:
    """Documents from any inputs, ready to parse (``prepared=False``: as found)."""
    opts = options or IngestOptions()
    if published_at is not None or outlet is not None:
        from dataclasses import replace

        opts = replace(opts, published=published_at or opts.published,
                       outlet=outlet or opts.outlet)
    detector = LanguageDetector()
    with SourceReader(opts) as reader:
        for item in reader.read(paths):
            if prepared and isinstance(item, Document):
                yield prepare(item, opts, detector)
            else:
                yield item
