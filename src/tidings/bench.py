"""Throughput benchmark: the bare spaCy parse against the full tidings pipeline.

``tidings bench [--docs N] [--json OUT]`` (or ``python -m tidings.bench``) runs, in
one process, ``nlp.pipe`` alone and the full pipeline (prepare, parse, every stage,
the database write) on the same documents, alternating rounds so that a change in
machine load hits both alike; then the full ingest with one worker and with two.
It prints words per second, their ratio, peak memory per worker, the speed-up from
one worker to two, and where the time goes, step by step.

Targets: full >= 0.8 x bare, <= 1 GB per worker, >= 1.8 x from one worker to two.
"""

from __future__ import annotations

import cProfile
import io
import json
import os
import platform
import pstats
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tidings.config import Config, load_config
from tidings.ingest.options import IngestOptions
from tidings.ingest.prepare import prepare
from tidings.ingest.process import BatchProcessor, add_seconds, peak_rss_mb
from tidings.records import Document

SHARED_CORPUS = Path("data") / "india_police_events" / "docs.jsonl"
TARGET_RATIO = 0.8
TARGET_RSS_MB = 1024.0
TARGET_SPEEDUP = 1.8


def find_corpus(explicit: str | None = None) -> Path | None:
    """The shared news corpus: ``explicit``, ``$TIDINGS_SHARED``/data/..., or a
    ``shared`` folder beside or above the working directory."""
    if explicit:
        return Path(explicit)
    roots = []
    if os.environ.get("TIDINGS_SHARED"):
        roots.append(Path(os.environ["TIDINGS_SHARED"]))
    cwd = Path.cwd()
    roots += [cwd / "shared", cwd.parent / "shared", cwd.parent.parent / "shared"]
    for root in roots:
        if (root / SHARED_CORPUS).is_file():
            return root / SHARED_CORPUS
    return None


def load_corpus(n_docs: int, path: Path | None) -> tuple[list[Document], str]:
    """``n_docs`` documents and a description of where they came from."""
    out: list[Document] = []
    if path is not None:
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if len(out) >= n_docs:
                    break
                rec = json.loads(line)
                text = rec.get("doc_text") or rec.get("text") or ""
                if text.strip():
                    out.append(Document.from_text(text, source=f"{path}:{len(out) + 1}"))
        return out, f"{path} (first {len(out)} documents)"
    from importlib.resources import files

    sample = files("tidings") / "data" / "sample" / "articles.jsonl"
    texts = [json.loads(line)["text"] for line in sample.read_text("utf-8").splitlines()
             if line.strip()]
    # repeated copies get a distinct last line, so none is skipped as a duplicate
    for i in range(n_docs):
        out.append(Document.from_text(f"{texts[i % len(texts)]}\n\n(Copy {i}.)",
                                      source=f"sample:{i}"))
    return out, f"bundled sample repeated to {len(out)} documents"


@dataclass(slots=True)
class BenchResult:
    """The figures of one benchmark run (``to_json`` gives the documented keys)."""

    docs: int = 0
    words: int = 0
    bare_seconds: float = 0.0
    full_seconds: float = 0.0
    bare_cpu: float = 0.0
    full_cpu: float = 0.0
    peak_rss_mb: float = 0.0
    workers1_seconds: float = 0.0
    workers2_seconds: float = 0.0
    workers2_rss_mb: list[float] = field(default_factory=list)
    workers1_cpu: float = 0.0
    workers2_cpu: float = 0.0
    workers2_main_cpu: float = 0.0
    workers2_busiest_cpu: float = 0.0
    steps: dict[str, float] = field(default_factory=dict)
    corpus: str = ""
    machine: dict[str, Any] = field(default_factory=dict)
    profile: str = ""

    @property
    def bare_wps(self) -> float:
        return self.words / self.bare_seconds if self.bare_seconds else 0.0

    @property
    def full_wps(self) -> float:
        return self.words / self.full_seconds if self.full_seconds else 0.0

    @property
    def ratio(self) -> float:
        return self.full_wps / self.bare_wps if self.bare_wps else 0.0

    @property
    def ratio_cpu(self) -> float:
        return self.bare_cpu / self.full_cpu if self.full_cpu else 0.0

    @property
    def workers2_cpu_bound(self) -> float:
        """The speed-up the CPU accounting allows on free cores: one worker's CPU time
        over the busiest worker's plus the main process's (an estimate, not a
        measurement)."""
        slowest = self.workers2_busiest_cpu + self.workers2_main_cpu
        return self.workers1_cpu / slowest if slowest else 0.0

    @property
    def workers2_speedup(self) -> float:
        if not self.workers2_seconds:
            return 0.0
        return self.workers1_seconds / self.workers2_seconds

    def to_json(self) -> dict[str, Any]:
        return {
            "bare_wps": round(self.bare_wps, 1),
            "full_wps": round(self.full_wps, 1),
            "ratio": round(self.ratio, 3),
            "peak_rss_mb": round(max([self.peak_rss_mb, *self.workers2_rss_mb]), 1),
            "workers2_speedup": round(self.workers2_speedup, 3),
            "docs": self.docs,
            "words": self.words,
            "bare_cpu_wps": round(self.words / self.bare_cpu, 1) if self.bare_cpu else 0.0,
            "full_cpu_wps": round(self.words / self.full_cpu, 1) if self.full_cpu else 0.0,
            "ratio_cpu": round(self.ratio_cpu, 3),
            "workers1_wps": round(self.words / self.workers1_seconds, 1)
            if self.workers1_seconds else 0.0,
            "workers2_wps": round(self.words / self.workers2_seconds, 1)
            if self.workers2_seconds else 0.0,
            "workers1_cpu_s": round(self.workers1_cpu, 2),
            "workers2_cpu_s": round(self.workers2_cpu, 2),
            "workers2_main_cpu_s": round(self.workers2_main_cpu, 2),
            "workers2_busiest_cpu_s": round(self.workers2_busiest_cpu, 2),
            "workers2_cpu_bound_speedup": round(self.workers2_cpu_bound, 3),
            "rss_mb_per_worker": [round(x, 1) for x in
                                  [self.peak_rss_mb, *self.workers2_rss_mb]],
            "steps_seconds": {k: round(v, 3) for k, v in sorted(self.steps.items())},
            "corpus": self.corpus,
            "machine": self.machine,
        }


def machine() -> dict[str, Any]:
    """The machine and how busy it is (the 1, 5 and 15 minute load averages)."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(),
            "load_avg": [round(x, 2) for x in load]}


def _rounds(items: list[Document], n: int) -> Iterator[list[Document]]:
    size = max(1, -(-len(items) // n))
    for i in range(0, len(items), size):
        yield items[i:i + size]


def run_bench(n_docs: int = 300, *, workers: int = 2, corpus: str | None = None,
              config: Config | None = None, rounds: int = 4,
              profile: bool = False, log: Any = None) -> BenchResult:
    """Measure; see the module docstring. ``workers=1`` skips the multi-process part."""
    from tidings.pipeline import Pipeline, Resources
    from tidings.store import Store

    def say(msg: str) -> None:
        if log is not None:
            log(msg)

    config = config or load_config()
    options = IngestOptions.from_config(config)
    raw, where = load_corpus(n_docs, find_corpus(corpus))
    result = BenchResult(corpus=where)
    say(f"corpus: {where}")
    resources = Resources.load(config)
    pipeline = Pipeline(resources, config)
    nlp = pipeline.nlp
    # the bare parse reads the same (prepared) texts the full pipeline parses
    ready: list[Document] = []
    ids: set[str] = set()
    for r in raw:
        d = prepare(r, options)
        # a repeated text would be skipped as known by the full pipeline, not by spaCy
        if isinstance(d, Document) and d.id not in ids:
            ids.add(d.id)
            ready.append(d)
    texts = {d.source: d.text for d in ready}
    raw = [r for r in raw if r.source in texts]
    result.docs = len(ready)
    result.words = sum(len(d.text.split()) for d in ready)
    say(f"{result.docs} documents, {result.words:,} words; batch size {config.batch_size}")

    tmp = tempfile.TemporaryDirectory(prefix="tidings-bench-")
    store = Store.open(str(Path(tmp.name) / "full.db"))
    processor = BatchProcessor(config, options, store=store, pipeline=pipeline)
    # warm-up: first calls pay for lazy loading (language model, vectors, caches)
    for _ in nlp.pipe([d.text for d in ready[:4]], batch_size=config.batch_size):
        pass
    Store.open(str(Path(tmp.name) / "warm.db")).add(processor.process(raw[:4]).pairs)

    profiler = cProfile.Profile() if profile else None
    done_words = 0
    for chunk in _rounds(raw, rounds):
        chunk_texts = [texts[d.source] for d in chunk]
        t0, c0 = time.perf_counter(), time.process_time()
        for _ in nlp.pipe(chunk_texts, batch_size=config.batch_size):
            pass
        result.bare_seconds += time.perf_counter() - t0
        result.bare_cpu += time.process_time() - c0
        t0, c0 = time.perf_counter(), time.process_time()
        if profiler is not None:
            profiler.enable()
        for start in range(0, len(chunk), config.batch_size):
            out = processor.process(chunk[start:start + config.batch_size])
            t_store = time.perf_counter()
            store.add(out.pairs, hints=out.hints, rows=out.rows)
            add_seconds(result.steps, out.seconds)
            add_seconds(result.steps, {"store": time.perf_counter() - t_store})
        if profiler is not None:
            profiler.disable()
        result.full_seconds += time.perf_counter() - t0
        result.full_cpu += time.process_time() - c0
        done_words += sum(len(t.split()) for t in chunk_texts)
        say(f"  after {done_words:,} words: bare {done_words / result.bare_seconds:,.0f} "
            f"words/s, full {done_words / result.full_seconds:,.0f} words/s")
    store.close()
    result.peak_rss_mb = peak_rss_mb()
    if profiler is not None:
        buf = io.StringIO()
        pstats.Stats(profiler, stream=buf).sort_stats("cumulative").print_stats(30)
        result.profile = buf.getvalue()

    if workers > 1:
        one = _ingest_run(raw, 1, config, options, tmp.name, pipeline)
        result.workers1_seconds, result.workers1_cpu = one.seconds, one.cpu
        say(f"  ingest, 1 worker: {result.words / one.seconds:,.0f} words/s")
        many = _ingest_run(raw, workers, config, options, tmp.name, None)
        result.workers2_seconds, result.workers2_cpu = many.seconds, many.cpu
        result.workers2_main_cpu = many.main_cpu
        result.workers2_busiest_cpu = many.busiest_cpu
        result.workers2_rss_mb = many.rss
        say(f"  ingest, {workers} workers: {result.words / many.seconds:,.0f} words/s")
    result.machine = machine()
    tmp.cleanup()
    return result


@dataclass(slots=True)
class _Run:
    seconds: float
    cpu: float
    main_cpu: float
    busiest_cpu: float
    rss: list[float]


def _ingest_run(raw: list[Document], workers: int, config: Config, options: IngestOptions,
                folder: str, pipeline: Any) -> _Run:
    """Ingest ``raw``: wall seconds (pipeline loading excluded), CPU seconds spent
    analysing (all processes), CPU seconds of this process, and worker memory."""
    from tidings.ingest.run import ingest
    from tidings.store import Store

    with Store.open(str(Path(folder) / f"workers{workers}.db")) as store:
        c0 = time.process_time()
        summary = ingest(iter(raw), store, pipeline if workers == 1 else None,
                         config=config, options=options, workers=workers)
        main_cpu = time.process_time() - c0
    rss = list(summary.peak_rss_mb.values()) if workers > 1 else []
    busiest = max(summary.cpu_by_pid.values(), default=0.0)
    return _Run(summary.elapsed - summary.load_seconds, summary.cpu, main_cpu, busiest, rss)


def report(result: BenchResult, workers: int) -> str:
    """The figures as text, with the targets."""
    j = result.to_json()
    ok = {True: "ok", False: "BELOW TARGET"}
    lines = [
        f"corpus      {result.corpus}",
        f"machine     {j['machine']['cpu']}, {j['machine']['cores']} cores, load average "
        f"{' '.join(str(x) for x in j['machine']['load_avg'])} (1, 5, 15 min)",
        f"documents   {result.docs}, words {result.words:,}",
        f"bare spaCy  {result.bare_wps:10,.0f} words/s",
        f"full        {result.full_wps:10,.0f} words/s   ratio {result.ratio:.2f} "
        f"(target >= {TARGET_RATIO}: {ok[result.ratio >= TARGET_RATIO]})",
        f"CPU time    bare {j['bare_cpu_wps']:,.0f}, full {j['full_cpu_wps']:,.0f} words per "
        f"CPU-second: ratio {result.ratio_cpu:.2f} (steadier than wall time on a busy "
        "machine)",
        f"peak RSS    {j['peak_rss_mb']:,.0f} MB per worker (target <= {TARGET_RSS_MB:.0f}: "
        f"{ok[j['peak_rss_mb'] <= TARGET_RSS_MB]})",
    ]
    if workers > 1:
        lines.append(
            f"ingest      1 worker {j['workers1_wps']:,.0f} words/s, {workers} workers "
            f"{j['workers2_wps']:,.0f} words/s: speed-up {result.workers2_speedup:.2f} "
            f"(target >= {TARGET_SPEEDUP}: {ok[result.workers2_speedup >= TARGET_SPEEDUP]})")
        lines.append(
            f"            CPU: 1 worker {result.workers1_cpu:.1f} s; {workers} workers "
            f"{result.workers2_cpu:.1f} s in the workers + {result.workers2_main_cpu:.1f} s "
            f"in the main process; busiest worker {result.workers2_busiest_cpu:.1f} s: "
            f"speed-up on {workers} free cores at most {result.workers2_cpu_bound:.2f} "
            "(an estimate from CPU time; the wall-clock figure above is the measurement, "
            "and it needs free cores)")
    total = sum(result.steps.values()) or 1.0
    lines.append("where the full pipeline's time goes:")
    for name, secs in sorted(result.steps.items(), key=lambda kv: -kv[1]):
        lines.append(f"  {name:<28} {secs:8.2f} s  {100 * secs / total:5.1f} %")
    if result.profile:
        lines += ["", result.profile]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m tidings.bench", description=__doc__)
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", dest="json_out")
    parser.add_argument("--corpus")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args(argv)
    result = run_bench(args.docs, workers=args.workers, corpus=args.corpus,
                       profile=args.profile, log=print)
    print(report(result, args.workers))
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(result.to_json(), indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
