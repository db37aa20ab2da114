"""URL fetching against a local server on 127.0.0.1 (never the internet)."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

from tidings.ingest import IngestOptions, SourceReader
from tidings.ingest.fetch import Fetcher, Page
from tidings.records import Document, Rejected

from .conftest import ARTICLE_1, ARTICLE_2, ARTICLE_3, page
from .server import LocalServer, Reply

OPTS = IngestOptions(user_agent="tidings-test/1.0 (+https://example.org/bot)",
                     fetch_timeout=2.0, fetch_per_host=2, fetch_retries=2,
                     fetch_backoff=0.01)


def html(title: str, text: str) -> Reply:
    return Reply(body=page(title, text).encode())


def test_fetches_pages_with_a_clear_user_agent(server: LocalServer) -> None:
    server.routes["/a"] = html("Detentions", ARTICLE_1)
    with Fetcher(OPTS) as f:
        got = f.fetch(server.url("/a"))
    assert isinstance(got, Page) and got.content_type == "text/html"
    assert b"Karvan" in got.content
    assert set(server.agents) == {OPTS.user_agent}
    assert server.hits["/robots.txt"] == 1  # asked before the page


def test_robots_txt_is_honoured_and_read_once(server: LocalServer) -> None:
    server.routes["/robots.txt"] = Reply(
        body=b"User-agent: tidings-test\nDisallow: /private/\n\nUser-agent: *\nAllow: /\n",
        content_type="text/plain")
    server.routes["/private/x"] = html("Secret", ARTICLE_2)
    server.routes["/public/y"] = html("Talks", ARTICLE_2)
    with Fetcher(OPTS) as f:
        refused = f.fetch(server.url("/private/x"))
        allowed = f.fetch(server.url("/public/y"))
    assert isinstance(refused, Rejected) and refused.reason == "robots"
    assert "/private/x" in refused.message
    assert isinstance(allowed, Page)
    assert server.hits["/private/x"] == 0
    assert server.hits["/robots.txt"] == 1


def test_unreachable_robots_means_the_site_is_not_fetched(server: LocalServer) -> None:
    server.routes["/robots.txt"] = Reply(503, b"busy", "text/plain")
    server.routes["/a"] = html("Detentions", ARTICLE_1)
    with Fetcher(OPTS) as f:
        got = f.fetch(server.url("/a"))
    assert isinstance(got, Rejected) and got.reason == "robots"
    assert server.hits["/a"] == 0


def test_server_errors_are_retried_with_back_off(server: LocalServer) -> None:
    server.routes["/flaky"] = lambda n: (Reply(503, b"try later", "text/plain") if n < 3
                                         else html("Convoy", ARTICLE_3))
    server.routes["/down"] = Reply(500, b"broken", "text/plain")
    with Fetcher(OPTS) as f:
        flaky = f.fetch(server.url("/flaky"))
        down = f.fetch(server.url("/down"))
    assert isinstance(flaky, Page) and server.hits["/flaky"] == 3
    assert isinstance(down, Rejected) and down.reason == "http-500"
    assert server.hits["/down"] == 1 + OPTS.fetch_retries
    assert "3 attempts" in down.message


def test_not_found_is_not_retried(server: LocalServer) -> None:
    with Fetcher(OPTS) as f:
        got = f.fetch(server.url("/missing"))
    assert isinstance(got, Rejected) and got.reason == "http-404"
    assert server.hits["/missing"] == 1
    assert "/missing" in got.message and "404" in got.message


def test_timeouts_give_up_in_bounded_time(server: LocalServer) -> None:
    server.routes["/slow"] = Reply(body=b"late", delay=1.5)
    opts = replace(OPTS, fetch_timeout=0.3, fetch_retries=1)
    start = time.monotonic()
    with Fetcher(opts) as f:
        got = f.fetch(server.url("/slow"))
    assert isinstance(got, Rejected) and got.reason == "timeout"
    assert server.hits["/slow"] == 2
    assert time.monotonic() - start < 5


def test_redirect_loop_is_rejected(server: LocalServer) -> None:
    server.routes["/loop-a"] = Reply(302, b"", headers={"Location": "/loop-b"})
    server.routes["/loop-b"] = Reply(302, b"", headers={"Location": "/loop-a"})
    server.routes["/moved"] = Reply(301, b"", headers={"Location": "/a"})
    server.routes["/a"] = html("Detentions", ARTICLE_1)
    with Fetcher(OPTS) as f:
        loop = f.fetch(server.url("/loop-a"))
        moved = f.fetch(server.url("/moved"))
    assert isinstance(loop, Rejected) and loop.reason == "redirect-loop"
    assert isinstance(moved, Page) and moved.final_url.endswith("/a")


def test_per_host_concurrency_is_limited(server: LocalServer) -> None:
    for i in range(8):
        server.routes[f"/p{i}"] = Reply(body=page(f"Story {i}", ARTICLE_1).encode(), delay=0.2)
    with Fetcher(OPTS, max_workers=8) as f:
        results = list(f.fetch_many(server.url(f"/p{i}") for i in range(8)))
    assert [u.rsplit("/", 1)[1] for u, _ in results] == [f"p{i}" for i in range(8)]
    assert all(isinstance(p, Page) for _, p in results)
    assert server.max_active <= OPTS.fetch_per_host


def test_url_list_and_feed_links_through_the_reader(server: LocalServer, tmp_path: Path) -> None:
    server.routes["/a"] = html("Detentions in Karvan", ARTICLE_1)
    server.routes["/b"] = html("Talks resume", ARTICLE_2)
    server.routes["/feed"] = Reply(
        body=(f"<?xml version='1.0'?><rss version='2.0'><channel><title>Courier feed</title>"
              f"<item><title>Feed title wins</title><link>{server.url('/b')}</link>"
              "<pubDate>Tue, 05 Mar 2024 09:30:00 GMT</pubDate>"
              "<description>Short teaser.</description></item>"
              f"<item><title>Gone</title><link>{server.url('/gone')}</link>"
              "<description>Teaser only.</description></item></channel></rss>").encode(),
        content_type="application/rss+xml")
    urls = tmp_path / "list.urls"
    urls.write_text(f"# morning list\n{server.url('/a')}\n\n{server.url('/nope')}\n",
                    encoding="utf-8")
    with SourceReader(OPTS) as reader:
        items = list(reader.read([urls, server.url("/feed")]))
    got = [i for i in items if isinstance(i, Document)]
    rej = [i for i in items if isinstance(i, Rejected)]
    assert [d.title for d in got] == ["Detentions in Karvan", "Feed title wins"]
    assert got[0].url == server.url("/a")
    assert got[1].outlet == "Courier feed"  # the feed's metadata wins over the page's
    assert got[1].published_at is not None and got[1].published_at.year == 2024
    assert "exchange prisoners" in got[1].text  # the linked page, not the teaser
    assert sorted(r.reason for r in rej) == ["http-404", "http-404"]
