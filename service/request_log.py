"""Request ids, the per-client rate limit, one log line per request, and a JSON 500 for anything unexpected.

A pure ASGI middleware: Starlette's `@app.middleware("http")` (BaseHTTPMiddleware) runs every request through
an extra task and streams the response body through a memory channel, which cost about a millisecond a
request here, more than answering a cached question does.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from pathlib import Path

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.client_address import Network, client_address
from service.limits import RateLimiter

log = logging.getLogger("service")
TOO_MANY = json.dumps({"error": "too many requests; slow down and retry later"}).encode()


class RequestLog:
    """Gives each request an id (X-Request-ID, the client's own up to 64 characters, else a new one) that the
    response carries; answers /v1/ requests over the client's rate with 429 and Retry-After; turns an uncaught
    error into a JSON 500 that quotes the id; logs one line per request: id, method, route, status, answer
    status, milliseconds. Never the question: not its text, nor the query string, nor an unknown path. The
    client of the rate limit is the peer, or behind `trusted_proxies` the address they forwarded for."""

    def __init__(self, app: ASGIApp, rate_limiter: RateLimiter, trusted_proxies: tuple[Network, ...] = (),
                 known_paths: frozenset[str] = frozenset()) -> None:
        self.app = app
        self.rate_limiter = rate_limiter
        self.trusted_proxies = trusted_proxies
        self.known_paths = known_paths  # the app's own paths, for a request answered before routing (429, 413)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        headers = dict(scope.get("headers") or [])
        request_id = headers.get(b"x-request-id", b"")[:64].decode("latin-1") or uuid.uuid4().hex
        state = scope.setdefault("state", {})
        state["request_id"] = request_id
        state["started"] = started
        status = 0

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message = {**message, "headers": [*message.get("headers", []),
                                                  (b"x-request-id", request_id.encode("latin-1"))]}
            await send(message)

        if scope["path"].startswith("/v1/"):
            retry_after = self.rate_limiter.check(self._client(scope))
            if retry_after:
                await self._json(send_with_id, 429, TOO_MANY, [(b"retry-after", str(retry_after).encode())])
                self._log(scope, request_id, 429, started)
                return
        try:
            await self.app(scope, receive, send_with_id)
        except Exception as exc:  # noqa: BLE001
            # The kind of error and where, never its message or a traceback with values: either may hold the
            # question. uvicorn would otherwise log the whole traceback as "Exception in ASGI application".
            log.error("request id=%s %s %s failed: %s at %s", request_id, scope["method"], self._path(scope),
                      type(exc).__name__, where(exc))
            if status == 0:  # nothing sent yet: the client gets a reason and the id to quote
                body = json.dumps({"error": "internal error; quote the request id if you report it",
                                   "detail": request_id}).encode()
                await self._json(send_with_id, 500, body)
                status = 500
        self._log(scope, request_id, status, started)

    def _client(self, scope: Scope) -> str:
        peer = scope.get("client")
        if not self.trusted_proxies:  # the default: no header is believed, and nothing to parse
            return peer[0] if peer else "unknown"
        forwarded = [value.decode("latin-1") for name, value in scope.get("headers") or [] if name == b"x-forwarded-for"]
        return client_address(peer[0] if peer else None, forwarded, self.trusted_proxies)

    def _path(self, scope: Scope) -> str:
        return route_path(scope, self.known_paths) or "(other path)"

    def _log(self, scope: Scope, request_id: str, status: int, started: float) -> None:
        answer = scope.get("state", {}).get("answer_status", "-")
        log.info("request id=%s %s %s status=%d answer=%s ms=%.1f", request_id, scope["method"], self._path(scope),
                 status, answer, (time.perf_counter() - started) * 1000)

    @staticmethod
    async def _json(send: Send, status: int, body: bytes, extra: list[tuple[bytes, bytes]] | None = None) -> None:
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                                *(extra or [])]})
        await send({"type": "http.response.body", "body": body})


def route_path(scope: Scope, known_paths: frozenset[str]) -> str | None:
    """The matched route's path template (`/v1/ask`), or the path if it is exactly one of `known_paths` (a
    request answered before routing), else None: an unknown path may be anything, even question text."""
    path = getattr(scope.get("route"), "path", None)
    if path:
        return path
    return scope["path"] if scope["path"] in known_paths else None


def where(exc: BaseException) -> str:
    """file:line of the innermost frame, without any values."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    if tb is None:
        return "?"
    return f"{Path(tb.tb_frame.f_code.co_filename).name}:{tb.tb_lineno}"
