"""The last step before parsing: repair, bound, identify language, fill defaults.

Readers yield documents as found; :func:`prepare` turns one into the document that
is stored (its id is the hash of the repaired text) or into a ``Rejected`` record
with the reason. It runs in the worker processes, so it must stay cheap.
"""

from __future__ import annotations

from tidings.ingest.options import IngestOptions
from tidings.ingest.text import LanguageDetector, repair_text
from tidings.records import Document, Rejected, document_id, normalize_text

MIN_LANGUAGE_CONFIDENCE = 0.8
"""Below this probability a non-English guess is not trusted (short or mixed texts)."""

DATE_FROM = "published_from"
"""Document meta key: where the publication date came from (metadata, page, default,
unknown)."""


def source_name(doc: Document) -> str:
    """How a document is named in messages: its source, else URL, else id."""
    return doc.source or doc.url or doc.id


def prepare(doc: Document, options: IngestOptions,
            detector: LanguageDetector | None = None, *,
            language: bool = True) -> Document | Rejected:
    """The stored form of ``doc``, or why it is not stored.

    ``language=False`` leaves the language test to :func:`check_language`, so
    that documents already stored can be skipped before it.
    """
    name = source_name(doc)
    if len(doc.text) > options.max_chars:
        return _too_long(name, len(doc.text), options)
    text = normalize_text(repair_text(doc.text))
    length = len(text.strip())
    if length < options.min_chars:
        # one reason for both, as the foundation runner had it (the API reports it)
        return Rejected(input=name, reason="empty",
                        message=f"{name}: text too short ({length} characters after cleaning, "
                                f"the minimum is {options.min_chars}); skipped")
    if len(text) > options.max_chars:
        return _too_long(name, len(text), options)
    meta = dict(doc.meta)
    published = doc.published_at
    if published is not None:
        meta.setdefault(DATE_FROM, "metadata")
    elif options.published is not None:
        published = options.published
        meta[DATE_FROM] = "default"
    else:
        meta[DATE_FROM] = "unknown"
    title = repair_text(doc.title).strip() if doc.title else None
    ready = Document(
        id=document_id(text),
        text=text,
        url=doc.url,
        outlet=doc.outlet or options.outlet,
        title=title or None,
        published_at=published,
        language=doc.language or "en",
        source=doc.source,
        meta=meta,
    )
    return check_language(ready, options, detector) if language else ready


def check_language(doc: Document, options: IngestOptions,
                   detector: LanguageDetector | None = None) -> Document | Rejected:
    """``doc`` with its language set, or ``not-english`` when the filter is on."""
    if not options.language_filter:
        return doc
    guess = (detector or LanguageDetector()).detect(doc.text)
    doc.meta["language_confidence"] = f"{guess.confidence:.2f}"
    if guess.language != "en" and guess.confidence >= MIN_LANGUAGE_CONFIDENCE:
        name = source_name(doc)
        return Rejected(input=name, reason="not-english",
                        message=f"{name}: language detected as {guess.language!r} "
                                f"(p={guess.confidence:.2f}); the pipeline reads English "
                                "only (set language_filter = false to keep it)")
    doc.language = "en"
    return doc


def _too_long(name: str, length: int, options: IngestOptions) -> Rejected:
    return Rejected(input=name, reason="too-long",
                    message=f"{name}: text has {length:,} characters, over max_chars "
                            f"({options.max_chars:,}); split it or raise max_chars")
