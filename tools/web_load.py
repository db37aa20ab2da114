"""Load the REST API: generate an events database, serve it on loopback, send a
bounded, time-limited mix of queries, print throughput and p50/p95/p99 latency.

    python tools/web_load.py --events 1000000 --db /tmp/load.db --seconds 60

The database is made of synthetic records (random types, actors, places and dates,
short made-up sentences) written through ``Store.add``; it is reused when it exists.
Requests go to 127.0.0.1 only, from ``--clients`` threads, for at most ``--seconds``
and ``--requests``. Not a unit test: a measurement to run by hand.
"""

from __future__ import annotations

import argparse
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tidings.records import (  # noqa: E402
    PLOVER_TYPES,
    Actor,
    AttributionLink,
    Cameo,
    Document,
    Event,
    Evidence,
    Factuality,
    Place,
    TimeValue,
    content_id,
)
from tidings.store import Store  # noqa: E402

COUNTRIES = ["RUS", "UKR", "USA", "CHN", "IND", "PAK", "IRN", "ISR", "TUR", "SYR", "IRQ", "AFG",
             "NGA", "ETH", "SDN", "KEN", "BRA", "BOL", "COL", "VEN", "MEX", "FRA", "DEU", "GBR",
             "POL", "LVA", "LTU", "KAZ", "UZB", "JPN", "KOR", "PRK", "PHL", "IDN", "MMR", "FJI"]
ROOTS = {"AGREE": "03", "CONSULT": "04", "SUPPORT": "05", "CONCEDE": "08", "COOPERATE": "06",
         "AID": "07", "RETREAT": "08", "REQUEST": "02", "ACCUSE": "11", "REJECT": "12",
         "THREATEN": "13", "PROTEST": "14", "SANCTION": "16", "MOBILIZE": "15",
         "COERCE": "17", "ASSAULT": "18"}
QUAD = {"01": 1, "02": 1, "03": 1, "04": 1, "05": 2, "06": 2, "07": 2, "08": 2, "09": 2,
        "10": 3, "11": 3, "12": 3, "13": 3, "14": 3, "15": 4, "16": 4, "17": 4, "18": 4}
LABELS = ["asserted"] * 6 + ["reported"] * 3 + ["negated", "possible", "planned", "refuted"]


def _place(rng: random.Random, i: int) -> Place:
    return Place(text=f"Town{i}", geonameid=100000 + i, name=f"Town{i}",
                 country=COUNTRIES[i % len(COUNTRIES)], lat=rng.uniform(-60, 70),
                 lon=rng.uniform(-180, 180), feature_class="P", method="locative")


def generate(path: Path, n_events: int, seed: int = 7, per_doc: int = 10) -> None:
    rng = random.Random(seed)
    places = [_place(rng, i) for i in range(2000)]
    start = date(2021, 1, 1)
    store = Store.open(str(path))
    t0 = time.perf_counter()
    made = 0
    batch: list[tuple[Document, list[Event]]] = []
    while made < n_events:
        day = start + timedelta(days=rng.randrange(3 * 365))
        k = min(per_doc, n_events - made)
        a, b = rng.sample(COUNTRIES, 2)
        text = " ".join(f"Officials in {a} met envoys of {b} in Town{j} on day {made + j}."
                        for j in range(k))
        doc = Document.from_text(text, outlet=f"Outlet {rng.randrange(40)}", source="load",
                                 title=f"Report {made}",
                                 published_at=datetime(day.year, day.month, day.day,
                                                       tzinfo=UTC))
        evs = []
        pos = 0
        for _ in range(k):
            end = text.index(".", pos) + 1
            typ = rng.choice(PLOVER_TYPES)
            root = ROOTS[typ]
            src, tgt = rng.sample(COUNTRIES, 2)
            when = (day - timedelta(days=rng.randrange(3))).isoformat()
            trig = text.index("met", pos)
            evs.append(Event(
                id=content_id(doc.id, str(trig)), document_id=doc.id, type=typ,
                cameo=Cameo(code=root + "0", root=root, quad_class=QUAD[root], goldstein=0.0),
                sources=[Actor(text=src, id=src, country=src, kind="country")],
                targets=[Actor(text=tgt, id=tgt, country=tgt, kind="country")],
                place=rng.choice(places) if rng.random() < 0.7 else None,
                time=TimeValue(text="", value=when, start=when, end=when, granularity="day"),
                attribution=[AttributionLink(text="", name=doc.outlet, kind="outlet")],
                factuality=Factuality(label=rng.choice(LABELS)),
                evidence=Evidence(sentence=[pos, end], trigger=[trig, trig + 3],
                                  text=text[pos:end])))
            pos = end + 1
        batch.append((doc, evs))
        made += k
        if len(batch) >= 500:
            store.add(batch)
            batch = []
            print(f"\r{made} events, {time.perf_counter() - t0:.0f} s", end="", flush=True)
    if batch:
        store.add(batch)
    store.close()
    print(f"\rgenerated {made} events in {time.perf_counter() - t0:.0f} s into {path}")


def _free_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = int(s.getsockname()[1])
    s.close()
    return port


def mix(rng: random.Random, sample_ids: list[str]) -> tuple[str, str, dict[str, Any]]:
    """One query: (kind, path, params)."""
    y = rng.choice([2021, 2022, 2023])
    m = rng.randrange(1, 12)
    choices: list[tuple[str, str, dict[str, Any]]] = [
        ("events", "/api/events", {"limit": 50}),
        ("events", "/api/events", {"limit": 50, "order": "desc"}),
        ("events", "/api/events", {"type": rng.choice(PLOVER_TYPES), "limit": 50}),
        ("events", "/api/events", {"country": rng.choice(COUNTRIES), "limit": 50}),
        ("events", "/api/events", {"since": f"{y}-{m:02d}-01", "until": f"{y}-{m + 1:02d}-01",
                                   "limit": 50}),
        ("events", "/api/events", {"root": "18", "since": f"{y}-01-01", "limit": 50}),
        ("event", f"/api/events/{rng.choice(sample_ids)}", {}),
        ("count", "/api/events/count", {"type": rng.choice(PLOVER_TYPES)}),
        ("timeline", "/api/timeline", {"bucket": "week", "country": rng.choice(COUNTRIES)}),
        ("places", "/api/places", {"type": rng.choice(PLOVER_TYPES)}),
        ("network", "/api/network", {"since": f"{y}-{m:02d}-01", "until": f"{y}-{m:02d}-28"}),
    ]
    return rng.choice(choices)


def load(db: Path, seconds: float, max_requests: int, clients: int) -> int:
    import httpx

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "tidings", "serve", "--db", str(db),
                               "--port", str(port)], cwd=ROOT,
                              env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"})
    try:
        with httpx.Client(base_url=base, timeout=30) as c:
            # opening a large database may first apply a migration (an index): wait
            deadline = time.monotonic() + 600
            while True:
                assert server.poll() is None, "the server stopped"
                try:
                    if c.get("/api/health").status_code == 200:
                        break
                except httpx.TransportError:
                    assert time.monotonic() < deadline, "the server did not start"
                    time.sleep(0.2)
            ids = [e["id"] for e in c.get("/api/events", params={"limit": 200}).json()["items"]]
        lat: dict[str, list[float]] = defaultdict(list)
        errors: list[str] = []
        lock = threading.Lock()
        deadline = time.monotonic() + seconds
        sent = [0]

        def worker(k: int) -> None:
            rng = random.Random(k)
            with httpx.Client(base_url=base, timeout=30) as c:
                while time.monotonic() < deadline:
                    with lock:
                        if sent[0] >= max_requests:
                            return
                        sent[0] += 1
                    kind, path, params = mix(rng, ids)
                    t = time.perf_counter()
                    r = c.get(path, params=params)
                    ms = (time.perf_counter() - t) * 1000
                    with lock:
                        lat[kind].append(ms)
                        if r.status_code != 200:
                            errors.append(f"{r.status_code} {path} {params}")

        t0 = time.perf_counter()
        threads = [threading.Thread(target=worker, args=(k,)) for k in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - t0
    finally:
        server.terminate()
        server.wait(timeout=20)

    def q(xs: list[float], p: float) -> float:
        return statistics.quantiles(xs, n=100)[int(p) - 1] if len(xs) > 1 else xs[0]

    total = sum(len(v) for v in lat.values())
    print(f"{total} requests in {wall:.1f} s from {clients} clients: {total / wall:.1f} req/s, "
          f"{len(errors)} errors")
    print(f"{'kind':<10}{'n':>6}{'p50 ms':>10}{'p95 ms':>10}{'p99 ms':>10}")
    every: list[float] = []
    for kind in sorted(lat):
        xs = lat[kind]
        every += xs
        print(f"{kind:<10}{len(xs):>6}{q(xs, 50):>10.1f}{q(xs, 95):>10.1f}{q(xs, 99):>10.1f}")
    print(f"{'all':<10}{len(every):>6}{q(every, 50):>10.1f}{q(every, 95):>10.1f}"
          f"{q(every, 99):>10.1f}")
    for e in errors[:10]:
        print("error:", e)
    return 1 if errors else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, default=Path("/tmp/tidings-load.db"))
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--requests", type=int, default=5000)
    ap.add_argument("--clients", type=int, default=4)
    args = ap.parse_args()
    if not args.db.exists():
        generate(args.db, args.events)
    return load(args.db, args.seconds, args.requests, args.clients)


if __name__ == "__main__":
    sys.exit(main())
