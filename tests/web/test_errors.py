"""One error envelope for every error: unknown routes, missing records, bad
parameters, bad cursors, refused writes, wrong hosts and crashes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tidings.store import Store
from tidings.web import create_app
from tidings.web.errors import ErrorEnvelope

TOKEN = "another-token-0123456789"


def check(r: Any, status: int, code: str | None = None) -> dict[str, Any]:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    ErrorEnvelope.model_validate(body)  # exactly the envelope, nothing more
    assert body["error"]["status"] == status
    assert body["error"]["message"]
    if code:
        assert body["error"]["code"] == code
    return dict(body["error"])


@pytest.mark.parametrize("path", ["/api/nothing", "/nothing", "/static/nothing.js",
                                  "/api/events/abc/def"])
def test_unknown_route(client: TestClient, path: str) -> None:
    check(client.get(path), 404, "not_found")


@pytest.mark.parametrize("path", ["/api/events/0000", "/api/documents/0000",
                                  "/api/documents/0000/events", "/api/clusters/0000"])
def test_missing_record(client: TestClient, path: str) -> None:
    err = check(client.get(path), 404, "not_found")
    assert "0000" in err["message"]


@pytest.mark.parametrize(("params", "where"), [
    ({"type": "NOPE"}, "type"),
    ({"since": "2023-13-45"}, "since"),
    ({"limit": 0}, "limit"),
    ({"limit": 100000}, "limit"),
    ({"quad_class": 5}, "quad_class"),
    ({"root": "1x"}, "root"),
    ({"country": "Bolivia"}, "country"),
    ({"bbox": "1,2,3"}, "bbox"),
    ({"bbox": "0,50,10,40"}, "bbox"),
    ({"near": "0,0,-5"}, "near"),
    ({"near": "nan,0,5"}, "near"),
    ({"q": "!!!"}, "q"),
    ({"since": "2023-05-02", "until": "2023-05-01"}, "until"),
    ({"order": "sideways"}, "order"),
    ({"factuality": "rumoured"}, "factuality"),
])
def test_validation_errors(client: TestClient, params: dict[str, Any], where: str) -> None:
    err = check(client.get("/api/events", params=params), 422, "invalid_request")
    assert err["details"], "a validation error names the parameter"
    assert any(where in d["loc"] for d in err["details"])


def test_method_not_allowed(client: TestClient) -> None:
    check(client.delete("/api/events"), 405)


def test_bad_cursor(client: TestClient) -> None:
    err = check(client.get("/api/events", params={"cursor": "bm90IGEgY3Vyc29y"}), 400)
    assert "cursor" in err["message"]


def test_writes_off_without_token(client: TestClient) -> None:
    err = check(client.post("/api/documents", json={"text": "x" * 50}), 403, "read_only")
    assert "--token" in err["message"]


@pytest.fixture()
def token_client(records_store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(records_store, token=TOKEN)) as c:
        yield c


@pytest.mark.parametrize("header", [None, "Bearer wrong", f"Basic {TOKEN}", "Bearer ",
                                    f"Bearer {TOKEN}x", f"Bearer {TOKEN[:-1]}"])
def test_writes_refuse_a_wrong_token(token_client: TestClient, header: str | None) -> None:
    headers = {"Authorization": header} if header is not None else {}
    r = token_client.post("/api/documents", json={"text": "y" * 50}, headers=headers)
    check(r, 401, "unauthorized")
    assert r.headers["www-authenticate"] == "Bearer"
    r = token_client.post("/api/ingest/url", json={"url": "http://127.0.0.1:9/"},
                          headers=headers)
    check(r, 401, "unauthorized")


def test_body_validation(token_client: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    err = check(token_client.post("/api/documents", json={"txt": "a"}, headers=auth), 422)
    assert any("text" in d["loc"] for d in err["details"])
    check(token_client.post("/api/documents", content=b"{not json", headers={
        **auth, "Content-Type": "application/json"}), 422)


@pytest.mark.parametrize("url", ["/etc/passwd", "file:///etc/passwd", "ftp://example.org/x",
                                 "javascript:alert(1)", "http://"])
def test_url_ingest_takes_only_http(token_client: TestClient, url: str) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    err = check(token_client.post("/api/ingest/url", json={"url": url}, headers=auth), 422)
    assert "http" in err["message"]


def test_bad_host(records_store: Store) -> None:
    app = create_app(records_store, allowed_hosts={"127.0.0.1", "localhost"})
    with TestClient(app, base_url="http://rebound.example") as c:
        check(c.get("/api/health"), 400, "bad_host")
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        assert c.get("/api/health").status_code == 200


def test_crash_is_a_500_in_the_envelope(tmp_path: Path) -> None:
    # a database whose tables are gone under the server: every query fails
    store = Store.open(str(tmp_path / "gone.db"))
    with store.engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE event_actors")
        conn.exec_driver_sql("DROP TABLE events")
    try:
        with TestClient(create_app(store), raise_server_exceptions=False) as c:
            r = c.get("/api/events/count", params={"country": "BOL"})
    finally:
        store.close()
    err = check(r, 500, "internal_error")
    assert "events" not in err["message"] and "SQL" not in err["message"]  # nothing leaks
    assert r.headers["x-content-type-options"] == "nosniff"
