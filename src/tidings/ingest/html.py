"""HTML pages to documents: main text, title, date, outlet and URL (trafilatura)."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from tidings.ingest.dates import parse_date
from tidings.ingest.prepare import DATE_FROM
from tidings.ingest.text import decode_bytes
from tidings.records import Document, Rejected

_META_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)

MAX_TREE_SIZE = 200_000
"""Pages with more elements than this are not parsed (hostile or broken markup)."""


_CONFIG: Any = None


def _trafilatura_config() -> Any:
    global _CONFIG
    if _CONFIG is None:
        from trafilatura.settings import use_config

        cfg = use_config()
        cfg.set("DEFAULT", "MAX_TREE_SIZE", str(MAX_TREE_SIZE))
        cfg.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
        _CONFIG = cfg
    return _CONFIG


def declared_charset(raw: bytes) -> str | None:
    """The charset a page declares in its first kilobytes, if any."""
    m = _META_CHARSET.search(raw[:4096])
    return m.group(1).decode("ascii", "replace") if m else None


def outlet_from_url(url: str | None) -> str | None:
    """The host name of ``url`` without ``www.``, as a last-resort outlet name."""
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def html_document(content: bytes | str, *, source: str, url: str | None = None,
                  title: str | None = None, outlet: str | None = None,
                  published: datetime | None = None, charset: str | None = None,
                  meta: dict[str, str] | None = None) -> Document | Rejected:
    """The article in an HTML page.

    ``title``, ``outlet`` and ``published`` come from the source's own metadata (a
    feed entry, a JSONL record) and win over what the page says; the page's date is
    used only when the source has none (``meta['published_from']`` says which).
    """
    if isinstance(content, bytes):
        decoded = decode_bytes(content, source, charset or declared_charset(content))
        if isinstance(decoded, Rejected):
            return decoded
        content = decoded
    if not content.strip():
        return Rejected(input=source, reason="empty", message=f"{source}: the page is empty")
    from trafilatura import bare_extraction
    from trafilatura.settings import set_date_params

    try:
        found = bare_extraction(content, url=url, with_metadata=True, include_comments=False,
                                include_tables=False, config=_trafilatura_config(),
                                date_extraction_params=set_date_params(False))
    except (RecursionError, ValueError, TypeError, AttributeError) as exc:
        return Rejected(input=source, reason="bad-html",
                        message=f"{source}: the HTML cannot be parsed "
                                f"({type(exc).__name__}: {exc}); skipped")
    text = getattr(found, "text", None) if found is not None else None
    if not text or not text.strip():
        return Rejected(input=source, reason="no-text",
                        message=f"{source}: no article text found in the page; skipped")
    page_title = (getattr(found, "title", None) or "").strip() or None
    title = title or page_title
    text = _drop_title_line(text, title)
    info = dict(meta or {})
    when = published
    if when is not None:
        info[DATE_FROM] = "metadata"
    else:
        when = parse_date(getattr(found, "date", None))
        if when is not None:
            info[DATE_FROM] = "page"
    page_url = url or getattr(found, "url", None)
    return Document.from_text(
        text,
        url=page_url,
        outlet=outlet or getattr(found, "sitename", None) or outlet_from_url(page_url),
        title=title,
        published_at=when,
        source=source,
        meta=info,
    )


def _drop_title_line(text: str, title: str | None) -> str:
    # the headline is stored as the title; repeated as the first line it would be
    # parsed (and coded) twice
    if not title:
        return text
    first, sep, rest = text.partition("\n")
    if sep and first.strip() == title.strip():
        return rest.lstrip("\n")
    return text
