"""Readers for files: plain text and JSONL. Each yields Documents or Rejected records."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path

from tidings.records import Document, Rejected

TEXT_SUFFIXES = {".txt", ".text", ""}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}


def _decode(raw: bytes, name: str) -> str | Rejected:
    if not raw.strip():
        return Rejected(input=name, reason="empty", message=f"{name}: the file is empty")
    if b"\x00" in raw[:4096]:
        return Rejected(input=name, reason="binary",
                        message=f"{name}: looks like a binary file, not text; skipped")
    for enc in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def _expand(paths: Iterable[str | Path]) -> Iterator[Path | Rejected]:
    for p in paths:
        path = Path(p)
        if path.is_dir():
            yield from sorted(q for q in path.rglob("*") if q.is_file())
        elif path.is_file():
            yield path
        else:
            yield Rejected(input=str(p), reason="not-found",
                           message=f"{p}: no such file or directory")


def read_text_file(path: Path, *, published_at: datetime | None = None,
                   outlet: str | None = None) -> Document | Rejected:
    text = _decode(path.read_bytes(), str(path))
    if isinstance(text, Rejected):
        return text
    return Document.from_text(text, published_at=published_at, outlet=outlet, source=str(path))


def read_jsonl(path: Path) -> Iterator[Document | Rejected]:
    """One article per line: ``text``; optional ``title``, ``url``, ``outlet``, ``published``."""
    with path.open(encoding="utf-8", errors="replace") as fh:
        for n, line in enumerate(fh, 1):
            where = f"{path}:{n}"
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                yield Rejected(input=where, reason="bad-json",
                               message=f"{where}: not valid JSON ({exc.msg}); line skipped")
                continue
            text = obj.get("text") if isinstance(obj, dict) else None
            if not isinstance(text, str) or not text.strip():
                yield Rejected(input=where, reason="no-text",
                               message=f"{where}: no 'text' field; line skipped")
                continue
            published = obj.get("published") or obj.get("published_at") or obj.get("date")
            when = None
            if published:
                try:
                    from tidings.pipeline import to_datetime

                    when = to_datetime(str(published))
                except ValueError:
                    yield Rejected(input=where, reason="bad-date",
                                   message=f"{where}: cannot read date {published!r}")
                    continue
            yield Document.from_text(text, published_at=when, outlet=obj.get("outlet"),
                                     url=obj.get("url"), title=obj.get("title"), source=where)


def read_sources(paths: Iterable[str | Path], *, published_at: datetime | None = None,
                 outlet: str | None = None) -> Iterator[Document | Rejected]:
    """Documents from files and folders (``.jsonl`` read line by line, others as text)."""
    for item in _expand(paths):
        if isinstance(item, Rejected):
            yield item
        elif item.suffix.lower() in JSONL_SUFFIXES:
            yield from read_jsonl(item)
        else:
            yield read_text_file(item, published_at=published_at, outlet=outlet)
