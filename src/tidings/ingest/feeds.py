"""RSS and Atom feeds: each entry's linked page, or the entry's own content."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from tidings.ingest.dates import parse_date, plausible
from tidings.ingest.html import html_document
from tidings.ingest.options import IngestOptions
from tidings.ingest.prepare import DATE_FROM
from tidings.records import Document, Rejected

if TYPE_CHECKING:
    from tidings.ingest.fetch import Fetcher

AUTO_FETCH_BELOW = 600
"""In ``fetch_links = auto``, entries whose own text is shorter than this many
characters (a teaser, not the article) have their link fetched."""

_BLOCKS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr")


def fragment_text(markup: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content), paragraphs kept apart."""
    if "<" not in markup:
        return markup.strip()
    import lxml.html
    from lxml.etree import ParserError

    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (ParserError, ValueError):
        return ""
    for el in root.iter(*_BLOCKS):
        el.tail = "\n\n" + (el.tail or "")
    lines = [line.strip() for line in root.text_content().split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


_CHARREF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]{1,16})|([0-9]{1,20}));")


def _safe_charref(m: re.Match[bytes]) -> bytes:
    """A character reference feedparser can decode: out-of-range ones (``&#0;``,
    ``&#xFFFFFFF;``, surrogates) become U+FFFD instead of failing the whole feed."""
    value = int(m.group(1), 16) if m.group(1) else int(m.group(2))
    if value == 0 or value > 0x10FFFF or 0xD800 <= value <= 0xDFFF:
        return b"&#xFFFD;"
    return m.group(0)


def looks_like_feed(head: bytes) -> bool:
    """Whether the first bytes of a document are an RSS, RDF or Atom feed."""
    sample = head[:2048].lower()
    return b"<rss" in sample or b"<feed" in sample or b"<rdf:rdf" in sample


@dataclass(slots=True)
class _Entry:
    n: int
    link: str | None
    title: str | None
    published: datetime | None
    text: str


def _entry_date(entry: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            try:
                stamp = datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)
            except (OverflowError, ValueError, OSError):
                continue
            if plausible(stamp):
                return stamp
    for key in ("published", "updated", "dc_date"):
        when = parse_date(entry.get(key))
        if when is not None:
            return when
    return None


def _entry_text(entry: Any) -> str:
    best = ""
    for content in entry.get("content") or []:
        value = fragment_text(str(content.get("value") or ""))
        if len(value) > len(best):
            best = value
    summary = fragment_text(str(entry.get("summary") or ""))
    return best if len(best) >= len(summary) else summary


def read_feed(content: bytes, *, source: str, options: IngestOptions,
              fetcher: Fetcher | None = None) -> Iterator[Document | Rejected]:
    """The articles of a feed, in entry order.

    Dates, titles and the outlet come from the feed (the source's metadata) and win
    over the linked pages'; an entry whose link cannot be fetched falls back to its
    own content when that is long enough, else it is rejected with the fetch error.
    """
    import feedparser

    content = _CHARREF.sub(_safe_charref, content)
    try:
        parsed = feedparser.parse(content, sanitize_html=False, resolve_relative_uris=False)
    except Exception as exc:  # feedparser's loose parser raises anything
        # on hostile markup (e.g. ValueError for "&#xFFFFFFF;"); one feed must not stop a run
        yield Rejected(input=source, reason="bad-feed",
                       message=f"{source}: the feed cannot be parsed "
                               f"({type(exc).__name__}: {exc}); skipped")
        return
    usable = any(e.get("link") or e.get("title") or e.get("summary") or e.get("content")
                 for e in parsed.entries)
    if not usable:
        why = parsed.get("bozo_exception")
        detail = f" ({type(why).__name__}: {why})" if why else ""
        yield Rejected(input=source, reason="bad-feed",
                       message=f"{source}: not a readable RSS/Atom feed, or it has no "
                               f"entries{detail}; skipped")
        return
    outlet = options.outlet or (parsed.feed.get("title") or "").strip() or None
    entries = [
        _Entry(n=n, link=(e.get("link") or "").strip() or None,
               title=(e.get("title") or "").strip() or None,
               published=_entry_date(e), text=_entry_text(e))
        for n, e in enumerate(parsed.entries, 1)
    ]

    def wants_fetch(e: _Entry) -> bool:
        if fetcher is None or not e.link or options.fetch_links == "never":
            return False
        return options.fetch_links == "always" or len(e.text) < AUTO_FETCH_BELOW

    to_fetch = [e.link for e in entries if wants_fetch(e) and e.link]
    pages = fetcher.fetch_many(to_fetch) if fetcher is not None and to_fetch else iter(())
    for e in entries:
        name = f"{source}#{e.n}"
        meta = {"feed": source}
        if wants_fetch(e):
            _, page = next(pages)
            if not isinstance(page, Rejected):
                doc = html_document(page.content, source=e.link or name, url=page.final_url,
                                    title=e.title, outlet=outlet, published=e.published,
                                    charset=page.charset, meta=meta)
                if isinstance(doc, Document) or len(e.text) < options.min_chars:
                    yield doc
                    continue
            elif len(e.text) < options.min_chars:
                yield page
                continue
        if len(e.text) < options.min_chars:
            yield Rejected(input=name, reason="no-text",
                           message=f"{name}: the feed entry has no text and its link was not "
                                   "fetched (fetch_links = never, or no link); skipped")
            continue
        if e.published is not None:
            meta[DATE_FROM] = "metadata"
        yield Document.from_text(e.text, url=e.link, title=e.title, outlet=outlet,
                                 published_at=e.published, source=e.link or name, meta=meta)
