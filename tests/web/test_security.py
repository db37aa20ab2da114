"""Security: headers on every response, SQL injection through every filter, the
token, and the server binding to loopback unless told otherwise."""

from __future__ import annotations

import re
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from tests.web.records import corpus
from tidings.store import Store
from tidings.web.security import CSP, is_loopback, token_matches

N_ALL = sum(len(evs) for _, evs in corpus())


@pytest.mark.parametrize("path", ["/api/health", "/api/events", "/api/nothing",
                                  "/api/events?limit=0", "/openapi.json", "/", "/docs",
                                  "/static/app.js"])
def test_security_headers_everywhere(client: TestClient, path: str) -> None:
    r = client.get(path)
    h = r.headers
    assert h["content-security-policy"] == CSP
    assert h["x-content-type-options"] == "nosniff"
    assert h["x-frame-options"] == "DENY"
    assert h["referrer-policy"] == "no-referrer"


def test_csp_allows_no_inline_script_and_no_other_origin() -> None:
    directives = dict(d.strip().split(" ", 1) for d in CSP.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "unsafe" not in CSP and "http" not in CSP and "*" not in CSP


INJECTIONS = ["' OR '1'='1", "'; DROP TABLE events; --", "\" OR 1=1 --", "1) OR (1=1",
              "%' OR '%'='", "x' UNION SELECT record FROM events --", "\\'", "%", "_"]
STRING_FILTERS = ["actor", "place", "outlet", "q"]


@pytest.mark.parametrize("name", STRING_FILTERS)
@pytest.mark.parametrize("payload", INJECTIONS)
def test_sql_injection_through_filters(client: TestClient, records_store: Store, name: str,
                                       payload: str) -> None:
    params: dict[str, Any] = {name: payload, "all": "true"}
    for path in ("/api/events", "/api/events/count", "/api/timeline", "/api/places",
                 "/api/network", "/api/actors"):
        r = client.get(path, params=params)
        assert r.status_code in (200, 422), (path, r.text)
        if r.status_code != 200 or path not in ("/api/events", "/api/events/count"):
            continue
        if name == "q":  # a word search: only the words count, the quotes are not code
            words = " ".join(re.findall(r"\w+", payload))
            assert words, "a query without words is refused"
            same = client.get(path, params={**params, "q": words}).json()
            assert r.json() == same
        elif path == "/api/events":
            assert r.json()["items"] == [], f"{name}={payload!r} matched events"
        else:
            assert r.json()["count"] == 0
    assert client.get("/api/events/count", params={"all": "true"}).json()["count"] == N_ALL


@pytest.mark.parametrize("payload", INJECTIONS)
def test_sql_injection_through_ids_search_and_prefix(client: TestClient, payload: str) -> None:
    words = " ".join(re.findall(r"\w+", payload))
    r = client.get("/api/search", params={"q": payload})
    if words:
        assert r.json() == client.get("/api/search", params={"q": words}).json()
    else:
        assert r.status_code == 422
    for path, params in (("/api/actors", {"prefix": payload}),
                         ("/api/documents", {"q": payload, "outlet": payload})):
        r = client.get(path, params=params)
        assert r.status_code in (200, 422), r.text
        if r.status_code == 200:
            assert r.json()["items"] == []
    from urllib.parse import quote

    r = client.get(f"/api/events/{quote(payload, safe='')}")
    assert r.status_code in (404, 422)
    assert client.get("/api/events/count", params={"all": "true"}).json()["count"] == N_ALL


def test_token_compare() -> None:
    assert token_matches("abc", "abc")
    assert not token_matches("abd", "abc")
    assert not token_matches(None, "abc")
    assert not token_matches("", "abc")
    assert not token_matches("abcabc", "abc")
    assert not token_matches("äbc", "abc")


def test_token_compare_is_constant_time() -> None:
    import inspect

    from tidings.web import security

    assert "hmac.compare_digest" in inspect.getsource(security.token_matches)


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("127.0.0.2", True), ("localhost", True), ("::1", True),
    ("[::1]", True), ("0.0.0.0", False), ("::", False), ("192.168.1.5", False),
    ("example.org", False)])
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def _serve(args: list[str], monkeypatch: pytest.MonkeyPatch,
           db: str) -> tuple[Any, dict[str, Any]]:
    """Run `tidings serve` with uvicorn.run replaced by a recorder."""
    import uvicorn

    from tidings.cli import main

    seen: dict[str, Any] = {}

    def fake_run(app: Any, **kwargs: Any) -> None:
        seen.update(kwargs, app=app)

    monkeypatch.setattr(uvicorn, "run", fake_run)
    result = CliRunner().invoke(main, ["serve", "--db", db, *args])
    return result, seen


def test_serve_binds_loopback_by_default(records_store: Store,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    db = records_store.engine.url.database
    assert db
    result, seen = _serve([], monkeypatch, db)
    assert result.exit_code == 0, result.output
    assert seen["host"] == "127.0.0.1" and seen["port"] == 8000
    assert "Warning: listening" not in result.output
    assert seen["app"].state.token is None


def test_serve_warns_beyond_loopback(records_store: Store,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    db = records_store.engine.url.database
    assert db
    result, seen = _serve(["--host", "0.0.0.0", "--port", "8123"], monkeypatch, db)
    assert result.exit_code == 0
    assert seen["host"] == "0.0.0.0" and seen["port"] == 8123
    assert "Warning: listening on 0.0.0.0" in result.output


def test_serve_token_from_environment(records_store: Store,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    db = records_store.engine.url.database
    assert db
    monkeypatch.setenv("TIDINGS_TOKEN", "a-long-enough-token-1234")
    result, seen = _serve([], monkeypatch, db)
    assert result.exit_code == 0, result.output
    assert seen["app"].state.token == "a-long-enough-token-1234"
    assert "writes on" in result.output
    monkeypatch.setenv("TIDINGS_TOKEN", "short")
    result, _ = _serve([], monkeypatch, db)
    assert result.exit_code != 0 and "16 characters" in result.output


def test_serve_names_a_missing_database(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    result, seen = _serve([], monkeypatch, str(tmp_path / "none.db"))
    assert result.exit_code == 3
    assert "none.db" in result.output and "tidings ingest" in result.output
    assert not seen
    assert not (tmp_path / "none.db").exists()


TYPED_FILTERS = ["type", "root", "quad_class", "country", "sector", "bbox", "near", "since",
                 "until", "factuality", "order", "cursor", "limit"]


@pytest.mark.parametrize("name", TYPED_FILTERS)
def test_injection_through_typed_filters_is_refused(client: TestClient, name: str) -> None:
    for payload in ("' OR '1'='1", "1; DROP TABLE events; --", "ASSAULT' --"):
        r = client.get("/api/events", params={name: payload, "all": "true"})
        assert r.status_code in (400, 422), (name, payload, r.status_code)
        assert r.json()["error"]["status"] == r.status_code
    assert client.get("/api/events/count", params={"all": "true"}).json()["count"] == N_ALL
