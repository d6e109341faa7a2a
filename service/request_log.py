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

from service.limits import RateLimiter

log = logging.getLogger("service")
TOO_MANY = json.dumps({"error": "too many requests; slow down and retry later"}).encode()


class RequestLog:
    """Gives each request an id (X-Request-ID, the client's own up to 64 characters, else a new one) that the
    response carries; answers /v1/ requests over the client's rate with 429 and Retry-After; turns an uncaught
    error into a JSON 500 that quotes the id; logs one line per request: id, method, route, status, answer
    status, milliseconds. Never the question: not its text, nor the query string, nor an unknown path."""

    def __init__(self, app: ASGIApp, rate_limiter: RateLimiter) -> None:
        self.app = app
        self.rate_limiter = rate_limiter
        self._known_paths: set[str] | None = None  # the app's own paths, read from its routes on first use

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
            client = scope.get("client")
            retry_after = self.rate_limiter.check(client[0] if client else "unknown")
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

    def _path(self, scope: Scope) -> str:
        """The matched route's path template, or the path if it is one of the app's own, else a placeholder."""
        route = scope.get("route")
        if route is not None and getattr(route, "path", None):
            return route.path
        if self._known_paths is None:
            self._known_paths = {getattr(r, "path", "") for r in getattr(scope.get("app"), "routes", [])}
        return scope["path"] if scope["path"] in self._known_paths else "(other path)"

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


def where(exc: BaseException) -> str:
    """file:line of the innermost frame, without any values."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    if tb is None:
        return "?"
    return f"{Path(tb.tb_frame.f_code.co_filename).name}:{tb.tb_lineno}"
