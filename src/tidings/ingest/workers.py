"""Worker processes: one spaCy pipeline and one set of resources per process.

The main process reads the sources and is the only writer (``Store.add``); the
workers prepare and analyse batches. Results come back in the order the batches
were sent, so ``--workers 2`` stores the same records as ``--workers 1``. At most
``2 × workers`` batches are in flight, so memory stays flat on any input size.

Workers ignore Ctrl-C (the main process stops them) and exit by themselves when
the main process disappears (killed with SIGKILL, for instance).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import queue
import signal
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tidings.errors import TidingsError
from tidings.ingest.options import IngestOptions
from tidings.ingest.process import BatchProcessor, BatchResult
from tidings.records import Document, Rejected

if TYPE_CHECKING:
    from tidings.config import Config

READY_TIMEOUT = 600.0
"""Seconds to wait for the workers to load their pipelines."""


class WorkerError(TidingsError):
    """A worker process failed to start or died; what was stored so far is kept."""

    exit_code = 7


@dataclass(frozen=True, slots=True)
class _Job:
    config: Config
    options: IngestOptions
    db: str | None


def _watch_parent(parent: int) -> None:
    """Exit at once when the main process is gone, even in the middle of a batch.

    ``os._exit`` and not ``sys.exit``: a normal exit would wait to flush the results
    queue into a pipe that nobody reads any more (the siblings hold its read end open,
    so the write blocks instead of failing) and the orphan would never end.
    """
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            os._exit(0)


def _worker(job: _Job, tasks: Any, results: Any) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = os.getppid()
    threading.Thread(target=_watch_parent, args=(parent,), name="watch-parent",
                     daemon=True).start()
    results.cancel_join_thread()
    try:
        processor = BatchProcessor(job.config, job.options, db=job.db)
        processor.load()
    except Exception as exc:  # reported to the main process, which stops the run
        results.put(("failed", os.getpid(), f"{type(exc).__name__}: {exc}"))
        return
    results.put(("ready", os.getpid(), None))
    while True:
        try:
            task = tasks.get(timeout=1.0)
        except queue.Empty:
            continue
        if task is None:
            break
        seq, docs = task
        try:
            out = processor.process(docs)
        except Exception as exc:  # a bug must not lose the other documents of the run
            out = BatchResult(rejected=[
                Rejected(input=d.source or d.id, reason="worker-error",
                         message=f"{d.source or d.id}: the batch failed in a worker "
                                 f"({type(exc).__name__}: {exc})", stage="worker")
                for d in docs])
        results.put(("done", seq, out))
    processor.close()


def _why(dead: list[Any]) -> str:
    parts = []
    for p in dead:
        code = p.exitcode
        if code is not None and code < 0:
            name = signal.Signals(-code).name
            hint = " (out of memory?)" if code == -signal.SIGKILL else ""
            parts.append(f"{p.name} killed by {name}{hint}")
        else:
            parts.append(f"{p.name} exited with status {code}; its error is printed above")
    return ", ".join(parts)


class WorkerPool:
    """``n`` worker processes fed batches in order.

    Use as a context manager; :meth:`start` returns once every worker has loaded its
    pipeline (so timings can exclude start-up).
    """

    def __init__(self, n: int, config: Config, options: IngestOptions,
                 db: str | None) -> None:
        self.n = n
        ctx = mp.get_context("spawn")
        self._tasks: Any = ctx.Queue(maxsize=2 * n)
        self._results: Any = ctx.Queue()
        job = _Job(config, options, db)
        self._procs = [ctx.Process(target=_worker, args=(job, self._tasks, self._results),
                                   name=f"tidings-worker-{i}", daemon=True)
                       for i in range(n)]
        self._started = False
        self.pids: list[int] = []

    def start(self) -> None:
        if self._started:
            return
        for p in self._procs:
            p.start()
        self._started = True
        deadline = time.monotonic() + READY_TIMEOUT
        while len(self.pids) < self.n:
            kind, pid, info = self._get(deadline)
            if kind == "failed":
                raise WorkerError(f"a worker could not load the pipeline: {info}")
            if kind == "ready":
                self.pids.append(pid)

    def _get(self, deadline: float | None = None) -> tuple[str, Any, Any]:
        while True:
            try:
                item: tuple[str, Any, Any] = self._results.get(timeout=0.5)
                return item
            except queue.Empty:
                dead = [p for p in self._procs if not p.is_alive()]
                if dead:
                    raise WorkerError(
                        f"worker process died ({_why(dead)}). Batches already committed "
                        "are kept: run the same command again to resume.") from None
                if deadline is not None and time.monotonic() > deadline:
                    raise WorkerError("workers did not start in time") from None

    def map(self, batches: Iterable[list[Document]]) -> Iterator[BatchResult]:
        """Results of the batches, in the order given."""
        self.start()
        pending: dict[int, BatchResult] = {}
        sent: deque[int] = deque()
        nxt = 0
        for seq, batch in enumerate(batches):
            self._put((seq, batch))
            sent.append(seq)
            # keep at most 2n batches in flight; yield what is ready, in order
            while len(sent) >= 2 * self.n or (sent and sent[0] in pending):
                while sent[0] not in pending:
                    kind, done_seq, out = self._get()
                    if kind == "done":
                        pending[done_seq] = out
                sent.popleft()
                yield pending.pop(nxt)
                nxt += 1
        while sent:
            while sent[0] not in pending:
                kind, done_seq, out = self._get()
                if kind == "done":
                    pending[done_seq] = out
            sent.popleft()
            yield pending.pop(nxt)
            nxt += 1

    def _put(self, task: Any) -> None:
        while True:
            try:
                self._tasks.put(task, timeout=0.5)
                return
            except queue.Full:
                dead = [p for p in self._procs if not p.is_alive()]
                if dead:
                    raise WorkerError(
                        f"worker process died ({_why(dead)}); run the same command again "
                        "to resume") from None

    def close(self, *, force: bool = False) -> None:
        """Stop the workers: after their current batch, or at once with ``force``."""
        if force:
            for p in self._procs:
                if p.pid is not None and p.is_alive():
                    p.terminate()
        elif self._started:
            for _ in self._procs:
                try:
                    self._tasks.put(None, timeout=0.1)
                except queue.Full:
                    break
        for p in self._procs:
            if p.pid is None:
                continue
            p.join(timeout=5)
            if p.is_alive():
                p.terminate()
                p.join(timeout=5)
        self._tasks.close()
        self._results.close()

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        self.close(force=exc_type is not None)
