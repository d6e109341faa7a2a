"""Answers computed on the event loop in short passes, so that the loop keeps accepting and reading clients.

A worker per core answers on its event loop (no thread hand-off, no GIL contention: docs/PERFORMANCE.md). When
a request's answer was computed inside its handler, one pass of the loop answered every request it had just
read before it polled its sockets again, and under load a client that had just connected waited for three
such passes: to be accepted, to be read, to be answered (2 workers, caches off: p50 162 ms on a new connection
against 62 on a kept one with 32 clients; 521 against 212 with 128). Here a handler only queues its work; the
queue is answered, first come first served, in passes of at most PASS_BUDGET_S, each followed by a poll, so a
new connection is accepted and read within a pass and then waits its turn like any other request (with 128
clients: p50 215 ms new, 229 kept; p99 567 and 531).
"""

from __future__ import annotations

import asyncio
import contextvars
import time
import weakref
from collections import deque
from collections.abc import Callable
from typing import Any

PASS_BUDGET_S = 0.010  # answers begun in one pass of the loop, before it polls its sockets: about three


class AnswerQueue:
    """First come, first answered, on the running event loop."""

    def __init__(self, pass_budget_s: float = PASS_BUDGET_S) -> None:
        self.pass_budget_s = pass_budget_s
        self._pending: deque[tuple[Callable[[], Any], asyncio.Future, contextvars.Context]] = deque()

    def __len__(self) -> int:
        return len(self._pending)

    async def run(self, function: Callable[[], Any]) -> Any:
        """`function()`, once the requests queued before it are answered, in the caller's context (its context
        variables). It may raise (say, an HTTP 503 for a request that waited past its timeout): the caller gets
        the exception."""
        loop = asyncio.get_running_loop()
        future = loop.create_future()
        if not self._pending:
            loop.call_soon(self._answer)
        self._pending.append((function, future, contextvars.copy_context()))
        return await future

    def _answer(self) -> None:
        started = time.perf_counter()
        while self._pending and time.perf_counter() - started < self.pass_budget_s:
            function, future, context = self._pending.popleft()
            if future.cancelled():  # the client went away
                continue
            try:
                future.set_result(context.run(function))
            except Exception as exc:  # noqa: BLE001 - handed to the request that asked
                future.set_exception(exc)
        if self._pending:
            asyncio.get_running_loop().call_soon(self._answer)  # in the loop's next pass, after it polls


_queues: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, AnswerQueue] = weakref.WeakKeyDictionary()


def answer_queue() -> AnswerQueue:
    """The running event loop's queue (a future belongs to one loop)."""
    loop = asyncio.get_running_loop()
    queue = _queues.get(loop)
    if queue is None:
        queue = _queues[loop] = AnswerQueue()
    return queue
