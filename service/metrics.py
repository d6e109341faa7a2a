"""Prometheus metrics, served at GET /metrics: requests by route and status, latency, answers by status, the
loaded index build and its reloads.

With several uvicorn workers each is its own process with its own counters. `python -m service --workers N`
then points PROMETHEUS_MULTIPROC_DIR at a fresh directory before the workers start; each worker writes its
values there (prometheus-client's multiprocess mode) and /metrics, whichever worker answers it, adds up all of
them. Under Ray Serve each replica exposes its own.
"""

from __future__ import annotations

import os
import time

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.multiprocess import MultiProcessCollector
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.answer import Status
from service.engine import Engine, ReloadResult
from service.request_log import route_path

# An answer takes 1-100 ms (a cached one well under 1 ms); the top buckets catch a stalled worker.
LATENCY_BUCKETS = (.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1.0, 2.5)
UNMATCHED = "unmatched"  # the route label of a path the app does not have: random paths must not add series
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def multiprocess_dir() -> str | None:
    """Where the workers' values are, if this process is one of several (set before prometheus-client loads)."""
    return os.environ.get("PROMETHEUS_MULTIPROC_DIR") or None


class Metrics:
    """One app's metric objects, in its own registry (so that apps built side by side, as tests do, count apart)."""

    def __init__(self) -> None:
        self.registry = r = CollectorRegistry()
        self.requests = Counter("rag_http_requests", "HTTP requests, by route template, method and status.",
                                ["route", "method", "status"], registry=r)
        self.latency = Histogram("rag_http_request_duration_seconds", "Time to answer a request, by route.",
                                 ["route"], buckets=LATENCY_BUCKETS, registry=r)
        self.answers = Counter("rag_answers", "Answers /v1/ask gave, by status (cached ones too).", ["status"],
                               registry=r)
        # livemax: with several workers, 1 for every build some live worker serves; a worker's values go when it
        # exits (server.py marks it dead).
        self.build_info = Gauge("rag_index_build_info", "The index build served: 1 for the loaded build.",
                                ["build_id", "built_at"], multiprocess_mode="livemax", registry=r)
        self.reloads = Counter("rag_index_reloads", "Looks for a newly published index, by outcome: reloaded, "
                               "unchanged, refused (a refused build still published counts again at each look).",
                               ["outcome"], registry=r)
        self._answer_children = {str(status): self.answers.labels(str(status)) for status in Status}
        self._build: tuple[str, str] | None = None
        # Label children by their label values: `labels()` takes a lock and builds a key on every call.
        self._request_children: dict[tuple[str, str, int], object] = {}
        self._latency_children: dict[str, object] = {}

    def observe(self, route: str, method: str, status: int, seconds: float, answer: str | None) -> None:
        """Count one finished request (a few microseconds: this runs for every request)."""
        key = (route, method if method in METHODS else "other", status)  # a client may send any method name
        child = self._request_children.get(key)
        if child is None:
            child = self._request_children[key] = self.requests.labels(key[0], key[1], str(status))
        child.inc()
        latency = self._latency_children.get(route)
        if latency is None:
            latency = self._latency_children[route] = self.latency.labels(route)
        latency.observe(seconds)
        if answer is not None:
            counter = self._answer_children.get(answer)
            if counter is None:
                counter = self._answer_children[answer] = self.answers.labels(answer)
            counter.inc()

    def serving(self, described: dict) -> None:
        """The build now served (engine.describe()): its gauge 1, the previous one's gone (0 with workers)."""
        build = (str(described.get("build") or ""), str(described.get("built_at") or ""))
        if build == self._build or not build[0]:
            return
        if self._build is not None:
            self.build_info.labels(*self._build).set(0)  # in multiprocess mode the value stays in the file
            self.build_info.remove(*self._build)
        self.build_info.labels(*build).set(1)
        self._build = build

    def exposition(self) -> bytes:
        """The text Prometheus scrapes: this process's registry, or every worker's values."""
        path = multiprocess_dir()
        if path is None:
            return generate_latest(self.registry)
        registry = CollectorRegistry()
        MultiProcessCollector(registry, path)
        return generate_latest(registry)


def watch_reloads(engine: Engine, metrics: Metrics) -> None:
    """Count every reload of `engine` by outcome and keep the build gauge on the build it serves."""

    def counted(result: ReloadResult) -> None:
        metrics.reloads.labels(result.status).inc()
        metrics.serving(engine.describe())

    engine.on_reload(counted)
    metrics.serving(engine.describe())


class RequestMetrics:
    """Times and counts every HTTP request, outermost, so that a 429 from the rate limit or a 413 counts too.

    Pure ASGI, like request_log.RequestLog. The route label is the matched route's template (`/v1/ask`), known
    only after the app ran; a request refused before routing (429, 413) is labelled with its path when that is
    exactly one of `known_paths`, and anything else is `unmatched`.
    """

    def __init__(self, app: ASGIApp, metrics: Metrics, known_paths: frozenset[str] = frozenset()) -> None:
        self.app = app
        self.metrics = metrics
        self.known_paths = known_paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500  # if the app raises before answering, the server answers 500

        async def send_with_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_with_status)
        finally:
            state = scope.get("state")
            self.metrics.observe(route_path(scope, self.known_paths) or UNMATCHED, scope["method"], status,
                                 time.perf_counter() - started, state.get("answer_status") if state else None)
