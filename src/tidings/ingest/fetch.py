"""Polite URL fetching with httpx: per-host limits, timeouts, retries, robots.txt.

One :class:`Fetcher` serves a whole ingest. Each host gets at most
``fetch_per_host`` requests at once and its robots.txt (cached, ``Crawl-delay``
honoured) is read before the first page. Failures become ``Rejected`` records
naming the URL and the reason (``http-404``, ``timeout``, ``redirect-loop``,
``robots``...), so one bad URL never stops a batch.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

import httpx

from tidings.ingest.options import IngestOptions
from tidings.records import Rejected

RETRY_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})
MAX_RETRY_AFTER = 60.0
MAX_REDIRECTS = 10


@dataclass(frozen=True, slots=True)
class Page:
    """A fetched response body.

    Attributes:
        url: the URL asked for.
        final_url: where the redirects ended.
        content: the body.
        content_type: media type without parameters, lower case ("text/html").
        charset: the charset the server declared, if any.
    """

    url: str
    final_url: str
    content: bytes
    content_type: str
    charset: str | None


class _Host:
    """Per-host state: a concurrency limit, robots rules and crawl delay."""

    def __init__(self, per_host: int) -> None:
        self.slots = threading.Semaphore(max(1, per_host))
        self.lock = threading.Lock()
        self.robots: RobotFileParser | None = None
        self.robots_error: str | None = None
        self.robots_read = False
        self.delay = 0.0
        self.next_at = 0.0


class Fetcher:
    """Fetches URLs politely; thread-safe, one per ingest.

    Args:
        options: user agent, timeout, per-host limit, retries, back-off, size limit.
        max_workers: requests in flight over all hosts.
        transport: an httpx transport (tests use a mock or a local server).
    """

    def __init__(self, options: IngestOptions, *, max_workers: int = 8,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.options = options
        self.max_workers = max_workers
        self.client = httpx.Client(
            headers={"User-Agent": options.user_agent},
            timeout=httpx.Timeout(options.fetch_timeout),
            follow_redirects=True,
            max_redirects=MAX_REDIRECTS,
            transport=transport,
        )
        self._hosts: dict[str, _Host] = {}
        self._hosts_lock = threading.Lock()
        self._pool: ThreadPoolExecutor | None = None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- one URL -----------------------------------------------------------------

    def fetch(self, url: str) -> Page | Rejected:
        """The page at ``url``, or why it could not be had."""
        parts = urlsplit(url.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return Rejected(input=url, reason="bad-url",
                            message=f"{url}: not an http(s) URL; skipped")
        host = self._host(parts)
        if self.options.respect_robots:
            refusal = self._robots_check(url, parts, host)
            if refusal is not None:
                return refusal
        with host.slots:
            self._wait_turn(host)
            return self._get_with_retries(url)

    def _host(self, parts: Any) -> _Host:
        key = f"{parts.scheme}://{parts.netloc}"
        with self._hosts_lock:
            if key not in self._hosts:
                self._hosts[key] = _Host(self.options.fetch_per_host)
            return self._hosts[key]

    def _wait_turn(self, host: _Host) -> None:
        with host.lock:
            now = time.monotonic()
            wait = max(0.0, host.next_at - now)
            host.next_at = max(now, host.next_at) + host.delay
        if wait:
            time.sleep(wait)

    def _robots_check(self, url: str, parts: Any, host: _Host) -> Rejected | None:
        with host.lock:
            if not host.robots_read:
                self._read_robots(parts, host)
                host.robots_read = True
        if host.robots_error is not None:
            return Rejected(input=url, reason="robots",
                            message=f"{url}: robots.txt of {parts.netloc} could not be read "
                                    f"({host.robots_error}), so the site is not fetched")
        assert host.robots is not None
        if not host.robots.can_fetch(self.options.user_agent, url):
            return Rejected(input=url, reason="robots",
                            message=f"{url}: disallowed by the site's robots.txt; skipped")
        return None

    def _read_robots(self, parts: Any, host: _Host) -> None:
        robots_url = urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))
        parser = RobotFileParser(robots_url)
        got = self._get_with_retries(robots_url)
        if isinstance(got, Rejected):
            if got.reason.startswith("http-4"):
                # RFC 9309: an absent robots.txt (4xx) allows everything...
                allow = got.reason not in ("http-401", "http-403")
                parser.allow_all = allow  # type: ignore[attr-defined]
                parser.disallow_all = not allow  # type: ignore[attr-defined]
            else:
                # ...an unreachable one (5xx, network) means complete disallow
                host.robots_error = got.reason
            host.robots = parser
            return
        parser.parse(got.content.decode("utf-8", "replace").splitlines())
        delay = parser.crawl_delay(self.options.user_agent)
        if delay:
            host.delay = min(float(delay), MAX_RETRY_AFTER)
        host.robots = parser

    def _get_with_retries(self, url: str) -> Page | Rejected:
        attempts = max(0, self.options.fetch_retries) + 1
        for attempt in range(attempts):
            result, retry_after = self._get_once(url)
            if isinstance(result, Page):
                return result
            if retry_after is None:
                return result
            if attempt == attempts - 1:
                result.message += f" (gave up after {attempts} attempts)"
                return result
            backoff = self.options.fetch_backoff * (2 ** attempt)
            time.sleep(min(max(backoff, retry_after), MAX_RETRY_AFTER))
        raise AssertionError("unreachable")

    def _get_once(self, url: str) -> tuple[Page | Rejected, float | None]:
        """One request; the float is the delay before a retry, None when not to retry."""
        try:
            with self.client.stream("GET", url) as resp:
                if resp.status_code >= 400:
                    reason = f"http-{resp.status_code}"
                    rej = Rejected(input=url, reason=reason,
                                   message=f"{url}: the server answered {resp.status_code} "
                                           f"{resp.reason_phrase}")
                    if resp.status_code in RETRY_STATUS:
                        return rej, _retry_after(resp.headers.get("retry-after"))
                    return rej, None
                body = bytearray()
                for chunk in resp.iter_bytes():
                    body.extend(chunk)
                    if len(body) > self.options.fetch_max_bytes:
                        return Rejected(input=url, reason="too-large",
                                        message=f"{url}: response over "
                                                f"{self.options.fetch_max_bytes:,} bytes; "
                                                "skipped"), None
                ctype = resp.headers.get("content-type", "")
                media = ctype.split(";")[0].strip().lower()
                charset = resp.charset_encoding
                return Page(url=url, final_url=str(resp.url), content=bytes(body),
                            content_type=media, charset=charset), None
        except httpx.TooManyRedirects:
            return Rejected(input=url, reason="redirect-loop",
                            message=f"{url}: more than {MAX_REDIRECTS} redirects "
                                    "(a redirect loop?); skipped"), None
        except httpx.TimeoutException:
            return Rejected(input=url, reason="timeout",
                            message=f"{url}: no answer within "
                                    f"{self.options.fetch_timeout:g} s"), 0.0
        except httpx.HTTPError as exc:
            return Rejected(input=url, reason="network-error",
                            message=f"{url}: {type(exc).__name__}: {exc}"), 0.0

    # -- many URLs ---------------------------------------------------------------

    def fetch_many(self, urls: Iterable[str]) -> Iterator[tuple[str, Page | Rejected]]:
        """Fetch concurrently; results come back in the order of ``urls``.

        At most ``2 * max_workers`` requests are queued ahead, so a list of millions of
        URLs is streamed, not loaded.
        """
        if self._pool is None:
            self._pool = ThreadPoolExecutor(self.max_workers, thread_name_prefix="fetch")
        window: deque[tuple[str, Future[Page | Rejected]]] = deque()
        for url in urls:
            window.append((url, self._pool.submit(self.fetch, url)))
            if len(window) >= 2 * self.max_workers:
                u, fut = window.popleft()
                yield u, fut.result()
        while window:
            u, fut = window.popleft()
            yield u, fut.result()


def _retry_after(value: str | None) -> float:
    if not value:
        return 0.0
    try:
        return max(0.0, float(value))
    except ValueError:
        return 0.0
