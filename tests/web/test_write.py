"""Write endpoints with the token: a posted article goes through the pipeline and
the one write path, and re-posting it stores nothing new."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.web.conftest import TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}
ARTICLE = {
    "text": "Thousands of farmers protested in Nairobi on Tuesday against new fuel taxes, "
            "the police said.",
    "title": "Farmers protest fuel taxes",
    "outlet": "Rift Review",
    "url": "https://example.org/rift/protest",
    "published_at": "2024-02-08",
}


def test_post_article_stores_it_once(write_client: TestClient) -> None:
    assert write_client.get("/api/facets").json()["writable"] is True
    r = write_client.post("/api/documents", json=ARTICLE, headers=AUTH)
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["stored"] == 1 and body["duplicates"] == 0
    doc_id = body["document_ids"][0]
    doc = write_client.get(f"/api/documents/{doc_id}").json()
    assert doc["title"] == ARTICLE["title"] and doc["outlet"] == "Rift Review"
    assert doc["published_at"].startswith("2024-02-08")
    evs = write_client.get(f"/api/documents/{doc_id}/events").json()["items"]
    assert {e["id"] for e in evs} == set(body["event_ids"])
    assert any(e["type"] == "PROTEST" for e in evs)

    again = write_client.post("/api/documents", json=ARTICLE, headers=AUTH)
    assert again.status_code == 200
    assert again.json()["stored"] == 0 and again.json()["duplicates"] == 1
    assert write_client.get("/api/facets").json()["documents"] == 1


def test_post_too_short_is_rejected_with_the_reason(write_client: TestClient) -> None:
    r = write_client.post("/api/documents", json={"text": "Too short."}, headers=AUTH)
    assert r.status_code == 422
    err = r.json()["error"]
    assert err["code"] == "rejected" and err["details"][0]["type"] == "empty"
    assert write_client.get("/api/facets").json()["documents"] == 0


def test_url_that_cannot_be_read_is_rejected(write_client: TestClient) -> None:
    # port 9 (discard) on loopback: nothing listens, nothing leaves the machine
    r = write_client.post("/api/ingest/url", json={"url": "http://127.0.0.1:9/none"},
                          headers=AUTH)
    assert r.status_code == 422, r.text
    assert r.json()["error"]["code"] == "rejected"
    assert write_client.get("/api/facets").json()["documents"] == 0
