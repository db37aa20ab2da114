"""What the readers and the runner need to know, gathered in one picklable value."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from tidings.config import Config, load_config
from tidings.errors import ConfigError

FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "doc_text", "full_text", "content", "body", "article", "maintext"),
    "html": ("html", "raw_html", "page"),
    "title": ("title", "headline"),
    "url": ("url", "link", "source_url"),
    "outlet": ("outlet", "source", "sitename", "site_name", "publisher", "domain"),
    "published": ("published", "published_at", "date_publish", "pubdate", "publish_date",
                  "date", "timestamp"),
    "language": ("language", "lang"),
}
"""Field names tried, in order, for each part of an article in JSONL, CSV and Parquet."""


@dataclass(frozen=True, slots=True)
class FieldMap:
    """Which record field holds which part of an article (JSONL, CSV, Parquet).

    Each part maps to the field names tried in order; ``FieldMap.parse(["text=body"])``
    puts ``body`` first for the text.
    """

    names: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(FIELD_ALIASES))

    @classmethod
    def parse(cls, specs: list[str] | tuple[str, ...]) -> FieldMap:
        """``PART=FIELD`` pairs (e.g. ``text=doc_text``, ``published=date``)."""
        names = dict(FIELD_ALIASES)
        for spec in specs:
            part, sep, name = spec.partition("=")
            part, name = part.strip(), name.strip()
            if not sep or not name:
                raise ConfigError(f"--field {spec!r}: write PART=FIELD, e.g. text=body")
            if part not in names:
                raise ConfigError(f"--field {spec!r}: unknown part {part!r} "
                                  f"(known: {', '.join(sorted(names))})")
            names[part] = (name,)
        return cls(names)

    def get(self, record: dict[str, Any], part: str) -> Any:
        """The first non-empty value among the fields for ``part``, else None."""
        for name in self.names[part]:
            value = record.get(name)
            if value not in (None, ""):
                return value
        return None


FETCH_LINKS = ("auto", "always", "never")


@dataclass(frozen=True, slots=True, kw_only=True)
class IngestOptions:
    """Settings for reading and preparing documents.

    Attributes:
        min_chars, max_chars: bounds on the cleaned text length.
        language_filter: skip documents detected as not English.
        published: publication date for inputs that carry none (else unknown).
        outlet: outlet for inputs that carry none.
        fields: field names for JSONL/CSV/Parquet records.
        fetch_links: for feed entries, fetch the linked page: ``auto`` (when the
            entry's own content is short), ``always`` or ``never``.
        user_agent, fetch_timeout, fetch_per_host, fetch_retries: polite fetching.
        fetch_backoff: first retry delay in seconds (doubles each retry).
        fetch_max_bytes: larger responses are rejected.
        respect_robots: honour robots.txt.
    """

    min_chars: int = 20
    max_chars: int = 1_000_000
    language_filter: bool = True
    published: datetime | None = None
    outlet: str | None = None
    fields: FieldMap = field(default_factory=FieldMap)
    fetch_links: str = "auto"
    user_agent: str = "tidings"
    fetch_timeout: float = 20.0
    fetch_per_host: int = 2
    fetch_retries: int = 3
    fetch_backoff: float = 1.0
    fetch_max_bytes: int = 20_000_000
    respect_robots: bool = True

    @classmethod
    def from_config(cls, config: Config | None = None, **changes: Any) -> IngestOptions:
        """Options from settings, with ``changes`` (None values ignored) on top."""
        from tidings.version import __version__

        config = config or load_config()
        base = cls(
            min_chars=config.min_chars,
            max_chars=config.max_chars,
            language_filter=config.language_filter,
            user_agent=config.user_agent.replace("{version}", __version__),
            fetch_timeout=config.fetch_timeout,
            fetch_per_host=config.fetch_per_host,
            fetch_retries=config.fetch_retries,
        )
        changes = {k: v for k, v in changes.items() if v is not None}
        if changes.get("fetch_links", "auto") not in FETCH_LINKS:
            raise ConfigError(f"fetch_links must be one of {', '.join(FETCH_LINKS)}")
        return dataclasses.replace(base, **changes)
