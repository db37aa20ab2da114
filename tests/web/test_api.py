"""The REST API, in process: every endpoint, every filter, cursor pagination."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.web.records import corpus
from tidings.records import Event

ALL = [e for _, evs in corpus() for e in evs]
FACTUAL = [e for e in ALL if e.factuality.label in ("asserted", "reported", "planned")]


def ids(items: list[dict[str, Any]]) -> set[str]:
    return {i["id"] for i in items}


def events(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    r = client.get("/api/events", params={"limit": 500, **params})
    assert r.status_code == 200, r.text
    assert r.json()["next_cursor"] is None
    return list(r.json()["items"])


def expect(pred: Any, pool: list[Event] = FACTUAL) -> set[str]:
    return {e.id for e in pool if pred(e)}


def record(e: Event) -> dict[str, Any]:
    """The public record as written, less the cluster id (the store's linker assigns it)."""
    out = e.to_dict()
    del out["cluster_id"]
    return out


def cluster_of(client: TestClient, event_id: str) -> str:
    cid = client.get(f"/api/events/{event_id}").json()["cluster_id"]
    assert isinstance(cid, str)
    return cid


def test_events_are_public_records(client: TestClient) -> None:
    items = events(client, all="true")
    assert ids(items) == {e.id for e in ALL}
    by_id = {e.id: e for e in ALL}
    for item in items:
        assert set(item) == set(by_id[item["id"]].to_dict())
        assert {k: v for k, v in item.items() if k != "cluster_id"} == record(by_id[item["id"]])


def test_default_leaves_out_refuted(client: TestClient) -> None:
    assert ids(events(client)) == {e.id for e in FACTUAL}
    assert len(FACTUAL) < len(ALL)


@pytest.mark.parametrize(("params", "pred"), [
    ({"type": "ASSAULT"}, lambda e: e.type == "ASSAULT"),
    ({"type": ["ASSAULT", "AID"]}, lambda e: e.type in ("ASSAULT", "AID")),
    ({"root": "18"}, lambda e: e.cameo.root == "18"),
    ({"quad_class": 1}, lambda e: e.cameo.quad_class == 1),
    ({"quad_class": [3, 4]}, lambda e: e.cameo.quad_class in (3, 4)),
    ({"actor": "JPN"}, lambda e: any(a.id == "JPN" for a in e.sources + e.targets)),
    ({"actor": "riot police"}, lambda e: any(a.text == "Riot police" for a in e.sources)),
    ({"country": "bol"}, lambda e: any(a.country == "BOL" for a in e.sources + e.targets)),
    ({"sector": "COP"}, lambda e: any("COP" in a.sectors for a in e.sources + e.targets)),
    ({"place": "La Paz"}, lambda e: e.place is not None and e.place.name == "La Paz"),
    ({"place": "2198148"}, lambda e: e.place is not None and e.place.geonameid == 2198148),
    ({"since": "2023-05-01"}, lambda e: e.time is not None and e.time.start >= "2023-05-01"),
    ({"until": "2023-03-07"}, lambda e: e.time is not None and e.time.start <= "2023-03-07"),
    ({"since": "2023-03-07", "until": "2023-03-08"},
     lambda e: e.time is not None and "2023-03-07" <= e.time.start <= "2023-03-08"),
    ({"outlet": "Pacific Wire"}, lambda e: e.document_id in {
        d.id for d, _ in corpus() if d.outlet == "Pacific Wire"}),
    ({"q": "tear gas"}, lambda e: e.document_id in {
        d.id for d, _ in corpus() if "tear gas" in d.text}),
    ({"bbox": "-70,-20,-60,-10"}, lambda e: e.place is not None and e.place.name == "La Paz"),
    # a box across the antimeridian: from 170°E to 170°W
    ({"bbox": "170,-30,-170,70"}, lambda e: e.place is not None and abs(e.place.lon or 0) > 170),
    ({"near": "-16.5,-68.1,50"}, lambda e: e.place is not None and e.place.name == "La Paz"),
])
def test_filters(client: TestClient, params: dict[str, Any], pred: Any) -> None:
    want = expect(pred)
    assert want, "the filter must select something in the test records"
    assert want != {e.id for e in FACTUAL} or params.get("quad_class")
    assert ids(events(client, **params)) == want
    assert client.get("/api/events/count", params=params).json() == {"count": len(want)}


def test_factuality_filters(client: TestClient) -> None:
    refuted = expect(lambda e: e.factuality.label == "refuted", ALL)
    assert refuted
    assert ids(events(client, factuality="refuted")) == refuted
    assert ids(events(client, all="true")) == {e.id for e in ALL}


@pytest.mark.parametrize("order", ["asc", "desc"])
def test_cursor_walks_every_event_once(client: TestClient, order: str) -> None:
    seen: list[str] = []
    keys: list[str] = []
    cursor = None
    pages = 0
    while True:
        params: dict[str, Any] = {"limit": 3, "all": "true", "order": order}
        if cursor:
            params["cursor"] = cursor
        body = client.get("/api/events", params=params).json()
        pages += 1
        seen += [i["id"] for i in body["items"]]
        keys += [(i["time"] or {}).get("start") or "" for i in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert pages == -(-len(ALL) // 3)
    assert sorted(seen) == sorted(e.id for e in ALL)
    assert keys == sorted(keys, reverse=order == "desc")


def test_event_and_document(client: TestClient) -> None:
    doc, evs = corpus()[0]
    r = client.get(f"/api/events/{evs[0].id}").json()
    assert {k: v for k, v in r.items() if k != "cluster_id"} == record(evs[0])
    d = client.get(f"/api/documents/{doc.id}").json()
    assert d["text"] == doc.text and d["outlet"] == "Andes Daily"
    t0, t1 = evs[0].evidence.trigger
    assert d["text"][t0:t1] == "fired"
    listed = client.get(f"/api/documents/{doc.id}/events").json()["items"]
    assert ids(listed) == {e.id for e in evs}


def test_documents_list_and_pages(client: TestClient) -> None:
    body = client.get("/api/documents", params={"limit": 4}).json()
    assert len(body["items"]) == 4 and body["next_cursor"]
    rest = client.get("/api/documents", params={"limit": 50, "cursor": body["next_cursor"]})
    all_ids = ids(body["items"]) | ids(rest.json()["items"])
    assert all_ids == {d.id for d, _ in corpus()}
    dates = [i["published_at"] for i in body["items"]]
    assert dates == sorted(dates, reverse=True)
    assert "text" not in body["items"][0]
    pw = client.get("/api/documents", params={"outlet": "Pacific Wire"}).json()["items"]
    assert {i["n_events"] for i in pw} == {1}


def test_cluster_brings_every_source(client: TestClient) -> None:
    members = [e for e in ALL if e.cluster_id == "story-lapaz"]
    cid = cluster_of(client, members[0].id)
    assert cluster_of(client, members[1].id) == cid
    body = client.get(f"/api/clusters/{cid}").json()
    assert ids(body["events"]) == {e.id for e in members}
    assert {d["outlet"] for d in body["documents"]} == {"Andes Daily", "Altiplano Post"}
    c = body["cluster"]
    assert (c["n_events"], c["n_documents"], c["n_outlets"]) == (2, 2, 2)
    assert c["type"] == "ASSAULT"
    assert c["first_seen"] < c["last_seen"]


def test_cluster_list(client: TestClient) -> None:
    story = next(e for e in ALL if e.cluster_id == "story-lapaz")
    cid = cluster_of(client, story.id)
    items = client.get("/api/clusters", params={"limit": 100}).json()["items"]
    found = [(c["n_events"], c["n_documents"], c["type"]) for c in items if c["id"] == cid]
    assert found == [(2, 2, "ASSAULT")]
    in_japan = client.get("/api/clusters", params={"country": "JPN"}).json()["items"]
    assert cid not in {c["id"] for c in in_japan}


def test_timeline_by_day_week_and_quad_class(client: TestClient) -> None:
    day = client.get("/api/timeline", params={"all": "true"}).json()
    total = sum(c["count"] for c in day["counts"])
    assert total == len(ALL)
    assert {"bucket": "2023-07-20", "key": "ASSAULT", "count": 2} in day["counts"]
    week = client.get("/api/timeline", params={"all": "true", "bucket": "week",
                                               "by": "quad_class"}).json()
    assert sum(c["count"] for c in week["counts"]) == len(ALL)
    # 6, 7, 8 and 12 March 2023 are in the week starting Monday 6 March
    march = [c for c in week["counts"] if c["bucket"] == "2023-03-06"]
    assert {c["key"]: c["count"] for c in march} == {"2": 1, "3": 2, "4": 1}
    one = client.get("/api/timeline", params={"by": "none", "type": "ASSAULT"}).json()
    assert {c["key"] for c in one["counts"]} == {"all"}


def test_network_edges_and_nodes(client: TestClient) -> None:
    body = client.get("/api/network", params={"all": "true"}).json()
    edges = {(e["source"], e["target"]): e for e in body["edges"]}
    assert edges[("RUS", "JPN")]["quad_class"] == 3
    assert edges[("JPN", "RUS")]["count"] == 1
    assert edges[("FJI", "TON")]["by_quad_class"] == {"2": 1}
    assert edges[("LVA", "LTU")]["quad_class"] == 1
    nodes = {n["id"]: n for n in body["nodes"]}
    assert set(nodes) == {s for pair in edges for s in pair}
    assert nodes["RUS"]["count"] == 2
    only_conflict = client.get("/api/network", params={"quad_class": 1}).json()
    assert {(e["source"], e["target"]) for e in only_conflict["edges"]} >= {("LVA", "LTU")}
    assert ("RUS", "JPN") not in {(e["source"], e["target"]) for e in only_conflict["edges"]}


def test_places_and_actors(client: TestClient) -> None:
    places = client.get("/api/places", params={"all": "true"}).json()["items"]
    by_name = {p["name"]: p for p in places}
    assert by_name["La Paz"]["count"] == 3
    assert by_name["Suva"]["lon"] == pytest.approx(178.44)
    assert by_name["Nuku'alofa"]["lon"] == pytest.approx(-175.2)
    assert "Nuku'alofa" not in {p["name"] for p in
                                client.get("/api/places").json()["items"]}  # refuted
    actors = client.get("/api/actors").json()["items"]
    counts = {a["node"]: a["count"] for a in actors}
    assert counts["BOL"] >= 3
    pre = client.get("/api/actors", params={"prefix": "ru"}).json()["items"]
    assert [a["node"] for a in pre] == ["RUS"]


def test_search_finds_documents_and_sentences(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "tear gas"}).json()["items"]
    kinds = {(h["kind"], h["outlet"]) for h in hits}
    assert ("document", "Andes Daily") in kinds and ("document", "Altiplano Post") in kinds
    # the store's snippets may bracket the matched words: [tear] [gas]
    assert any(h["kind"] == "event" and "tear gas" in re.sub(r"[\[\]]", "", h["snippet"])
               for h in hits)
    assert client.get("/api/search", params={"q": "zeppelin"}).json()["items"] == []


def test_export_jsonl(client: TestClient) -> None:
    import json

    r = client.get("/api/export", params={"all": "true", "type": "ASSAULT"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/x-ndjson")
    assert "attachment" in r.headers["content-disposition"]
    lines = [json.loads(x) for x in r.text.splitlines()]
    assert {x["id"] for x in lines} == expect(lambda e: e.type == "ASSAULT", ALL)


def test_facets(client: TestClient) -> None:
    f = client.get("/api/facets").json()
    assert "Pacific Wire" in f["outlets"]
    assert f["events"] == len(ALL) and f["documents"] == len(corpus())
    assert f["types"]["ASSAULT"] == 3 and f["factuality"]["refuted"] == 1
    assert f["writable"] is False


def test_openapi_schema_lists_the_endpoints(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    paths = set(schema["paths"])
    for p in ("/api/events", "/api/events/{event_id}", "/api/documents/{document_id}",
              "/api/clusters/{cluster_id}", "/api/timeline", "/api/network", "/api/places",
              "/api/actors", "/api/search", "/api/export", "/api/documents", "/api/clusters",
              "/api/ingest/url"):
        assert p in paths
    event_schema = schema["components"]["schemas"]["Event"]
    assert {"evidence", "factuality", "attribution", "cameo"} <= set(event_schema["properties"])


@pytest.mark.parametrize(("fmt", "kind"), [("csv", "text/csv"), ("gdelt", "tab-separated"),
                                           ("plover", "application/json"),
                                           ("parquet", "parquet")])
def test_export_formats(client: TestClient, fmt: str, kind: str) -> None:
    if fmt == "parquet":
        pytest.importorskip("pyarrow", reason="Parquet export needs pyarrow")
    r = client.get("/api/export", params={"format": fmt, "all": "true", "type": "ASSAULT"})
    assert r.status_code == 200, r.text
    assert kind in r.headers["content-type"]
    assert 'filename="tidings-events.' in r.headers["content-disposition"]
    n = len(expect(lambda e: e.type == "ASSAULT", ALL))
    if fmt == "csv":
        import csv
        import io

        assert len(list(csv.DictReader(io.StringIO(r.text)))) == n
    elif fmt == "gdelt":
        assert len(r.text.splitlines()) == n
    elif fmt == "parquet":
        import io

        import pyarrow.parquet as pq

        assert pq.read_table(io.BytesIO(r.content)).num_rows == n
