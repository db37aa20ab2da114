"""Progress on a terminal (one line redrawn) or in a log (a plain line now and then)."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from tidings.ingest.readers import CSV, JSONL, PARQUET, URLS, expand, kind_of


def _count_lines(path: Path) -> int:
    import gzip

    opener = gzip.open if path.suffix.lower() == ".gz" else open
    n = 0
    with opener(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            n += chunk.count(b"\n")
    return n


def estimate_total(inputs: Iterable[str], stop: threading.Event | None = None) -> int | None:
    """How many items the inputs will give, or None when that cannot be known cheaply
    (feeds, web archives, URLs)."""
    total = 0
    for item in expand(inputs):
        if stop is not None and stop.is_set():
            return None
        if isinstance(item, str):
            return None
        if not isinstance(item, Path):
            total += 1
            continue
        kind = kind_of(item)
        try:
            if kind in (JSONL, CSV, URLS):
                total += _count_lines(item) - (1 if kind == CSV else 0)
            elif kind == PARQUET:
                import pyarrow.parquet as pq

                total += pq.ParquetFile(item).metadata.num_rows
            elif kind in ("text", "html"):
                total += 1
            else:
                return None
        except (OSError, ImportError, ValueError):
            return None
    return total


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds >= 3600:
        return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"
    if seconds >= 60:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds}s"


class Progress:
    """Shows documents, events, rate and ETA while an ingest runs.

    Args:
        stream: where to write (standard error by default).
        interactive: redraw one line (a terminal); else print a line every
            ``interval`` seconds. Defaults to whether ``stream`` is a terminal.
        interval: seconds between plain lines.
    """

    def __init__(self, stream: TextIO | None = None, *, interactive: bool | None = None,
                 interval: float = 10.0) -> None:
        self.stream = stream or sys.stderr
        self.interactive = self.stream.isatty() if interactive is None else interactive
        self.interval = interval if not self.interactive else 0.2
        self.total: int | None = None
        self.start = time.monotonic()
        self._last = self.start
        self._drawn = False
        self._counter: threading.Thread | None = None
        self._stop = threading.Event()

    def count_in_background(self, inputs: list[str]) -> None:
        """Estimate the total (for the ETA) without delaying the start."""

        def work() -> None:
            self.total = estimate_total(inputs, self._stop)

        self._counter = threading.Thread(target=work, name="count-inputs", daemon=True)
        self._counter.start()

    def restart(self) -> None:
        """Count rates from now (after the pipelines are loaded)."""
        self.start = self._last = time.monotonic()

    def text(self, done: int, stored: int, events: int, words: int) -> str:
        elapsed = max(time.monotonic() - self.start, 1e-9)
        rate = done / elapsed
        parts = [f"{done:,}" + (f"/{self.total:,}" if self.total else "") + " docs",
                 f"stored {stored:,}", f"events {events:,}",
                 f"{rate:.1f} docs/s", f"{words / elapsed:,.0f} words/s"]
        if self.total and rate > 0 and done < self.total:
            parts.append(f"ETA {_duration((self.total - done) / rate)}")
        return "  ".join(parts)

    def update(self, done: int, stored: int, events: int, words: int,
               force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._last < self.interval:
            return
        self._last = now
        line = self.text(done, stored, events, words)
        if self.interactive:
            self.stream.write("\r\x1b[K" + line)
            self._drawn = True
        else:
            self.stream.write(f"progress: {line}\n")
        self.stream.flush()

    def close(self) -> None:
        self._stop.set()
        if self.interactive and self._drawn:
            self.stream.write("\n")
            self.stream.flush()
