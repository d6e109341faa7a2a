"""Answers computed on the event loop, in batches between the loop's polls of its sockets.

A worker per core answers on its event loop (no thread hand-off, no GIL contention: docs/PERFORMANCE.md). When
a request's answer is computed inside its handler, a pass of the loop answers every request it has just read
before it polls its sockets again, and under load a client that has just connected waited for three such
passes (2 workers, 32 clients, caches off: p50 162 ms and p99 449 ms on a new connection against 62 and 85 on
a kept one). Here the handlers only queue their work, and the queue is answered in the loop's next pass,
after a poll: new connections are accepted and read between batches (p50 70-74 ms on a new connection). A
worker with the longer queue still takes longer between polls, so it accepts fewer of the new connections and
the two workers' loads stay level (answering one request a pass levelled nothing: p99 130 ms).
"""

from __future__ import annotations

import asyncio
import weakref
from collections import deque
from collections.abc import Callable
from typing import Any


class AnswerQueue:
    """First come, first answered, on the running event loop."""

    def __init__(self) -> None:
        self._pending: deque[tuple[Callable[[], Any], asyncio.Future]] = deque()

    def __len__(self) -> int:
        return len(self._pending)

    async def run(self, function: Callable[[], Any]) -> Any:
        """`function()`, in the loop's next pass. It may raise (say, an HTTP 503 for a request that waited past
        its timeout): the caller gets the exception."""
        loop = asyncio.get_running_loop()
        future = loop.create_future()
        if not self._pending:
            loop.call_soon(self._answer)
        self._pending.append((function, future))
        return await future

    def _answer(self) -> None:
        while self._pending:  # nothing joins while this runs: the loop reads no socket until it returns
            function, future = self._pending.popleft()
            if future.cancelled():  # the client went away
                continue
            try:
                future.set_result(function())
            except Exception as exc:  # noqa: BLE001 - handed to the request that asked
                future.set_exception(exc)


_queues: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, AnswerQueue] = weakref.WeakKeyDictionary()


def answer_queue() -> AnswerQueue:
    """The running event loop's queue (a future belongs to one loop)."""
    loop = asyncio.get_running_loop()
    queue = _queues.get(loop)
    if queue is None:
        queue = _queues[loop] = AnswerQueue()
    return queue
