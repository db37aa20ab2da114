"""Security headers, the Host check, the write token, and the last-resort 500.

The guard is the outermost layer of the application, so that every response,
errors and crashes included, carries the headers, and a crash still answers in
the error envelope.
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
from collections.abc import Iterable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tidings.web.errors import error_response, internal_error

log = logging.getLogger("tidings.web")

CSP = "; ".join((
    "default-src 'self'",
    "script-src 'self'",  # no inline script, no eval
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
))
"""The Content-Security-Policy of every response."""

SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
)

LOOPBACK_NAMES: frozenset[str] = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})


def is_loopback(host: str) -> bool:
    """True when ``host`` (a name or address) is only reachable from this machine."""
    if host.strip("[]").lower() in {"localhost", "ip6-localhost"}:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _host_name(value: str) -> str:
    value = value.strip().lower()
    if value.startswith("["):  # [::1]:8000
        return value[: value.find("]") + 1] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def token_matches(given: str | None, expected: str) -> bool:
    """Compare a presented token with the server's in constant time."""
    if given is None:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


class Guard:
    """ASGI middleware: security headers on every response, Host check, crash envelope.

    Args:
        app: the application to wrap.
        allowed_hosts: Host header names accepted (without port); None accepts any.
            Checking it keeps a loopback server out of reach of DNS-rebinding pages.
    """

    def __init__(self, app: ASGIApp, allowed_hosts: Iterable[str] | None = None) -> None:
        self.app = app
        self.allowed = frozenset(h.lower() for h in allowed_hosts) if allowed_hosts else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = [(k, v) for k, v in message.get("headers", [])
                           if k.lower() not in {h for h, _ in SECURITY_HEADERS}]
                message["headers"] = headers + list(SECURITY_HEADERS)
            await send(message)

        if self.allowed is not None:
            host = ""
            for k, v in scope.get("headers", []):
                if k == b"host":
                    host = v.decode("latin-1")
            if _host_name(host) not in self.allowed:
                resp = error_response(
                    400, "bad_host", f"Host {host!r} is not served here; open the page as "
                    "http://127.0.0.1:PORT/ or start the server with --allow-host NAME")
                await resp(scope, receive, send_with_headers)
                return
        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            log.exception("request %s %s failed", scope.get("method"), scope.get("path"))
            if started:  # the response is half sent: nothing better to do than stop
                raise
            await internal_error()(scope, receive, send_with_headers)
