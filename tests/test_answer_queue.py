"""Answers computed on the event loop (service/answer_queue.py): in arrival order, on uvicorn's loop (uvloop)
as on asyncio's own; on uvloop, after the loop has read its sockets."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import time

import pytest
import uvloop

from service.answer_queue import AnswerQueue

LOOPS = {"asyncio": asyncio.new_event_loop, "uvloop": uvloop.new_event_loop}


def run_on(new_loop, coroutine):
    loop = new_loop()
    try:
        return loop.run_until_complete(coroutine)
    finally:
        loop.close()


@pytest.fixture(params=sorted(LOOPS))
def run(request):
    return lambda coroutine: run_on(LOOPS[request.param], coroutine)


@contextlib.contextmanager
def watched_socket(events: list[str]):
    """A socket the running loop reads when data arrives (noting "socket read"), as a client's connection;
    yields the other end, to send on."""
    loop = asyncio.get_running_loop()
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    loop.add_reader(reader, lambda: events.append("socket read") or reader.recv(16))
    try:
        yield writer
    finally:
        loop.remove_reader(reader)
        reader.close()
        writer.close()


def test_requests_are_answered_in_the_order_they_came(run):
    async def main():
        queue, order = AnswerQueue(), []
        results = await asyncio.gather(*(queue.run(lambda n=n: order.append(n) or n * 10) for n in range(5)))
        return order, results
    assert run(main()) == ([0, 1, 2, 3, 4], [0, 10, 20, 30, 40])


def test_the_loop_reads_its_sockets_between_queueing_a_request_and_answering_it():
    """On uvloop (what uvicorn runs), a client that connected (here: data waiting on a socket) is read before
    the queued answers run."""
    async def main():
        events: list[str] = []
        with watched_socket(events) as client:
            await asyncio.sleep(0)  # the reader is registered; the socket is empty
            client.send(b"x")
            await AnswerQueue().run(lambda: events.append("answered"))
        return events
    assert run_on(uvloop.new_event_loop, main()) == ["socket read", "answered"]


def test_an_answer_that_raises_raises_in_its_own_request_only(run):
    async def main():
        queue = AnswerQueue()

        def fails():
            raise ValueError("no index")
        return await asyncio.gather(queue.run(fails), queue.run(lambda: "answered"), return_exceptions=True)
    failed, answered = run(main())
    assert isinstance(failed, ValueError) and answered == "answered"


def test_a_request_whose_client_went_away_is_not_answered(run):
    async def main():
        queue, answered = AnswerQueue(), []
        gone = asyncio.ensure_future(queue.run(lambda: answered.append("gone")))
        await asyncio.sleep(0)  # queued
        gone.cancel()
        await queue.run(lambda: answered.append("kept"))
        return answered
    assert run(main()) == ["kept"]


def test_a_long_queue_is_answered_in_passes_with_the_sockets_read_between_them():
    """A pass ends once its time is spent: a client that connects meanwhile is read before the rest is answered."""
    async def main():
        events: list[str] = []
        with watched_socket(events) as client:
            def slow(n: int):
                if n == 0:
                    client.send(b"x")  # a client arrives while the first pass runs
                time.sleep(0.004)
                events.append(f"answer {n}")
            await asyncio.gather(*(queue.run(lambda n=n: slow(n)) for n in range(6)))
        return events
    queue = AnswerQueue(pass_budget_s=0.010)
    events = run_on(uvloop.new_event_loop, main())
    read = events.index("socket read")
    assert 1 <= read < 6 and events[:read] == [f"answer {n}" for n in range(read)]


def test_an_answer_runs_in_its_requests_context(run):
    """Context variables set while handling a request (a request id, a trace) are visible to its answer."""
    import contextvars

    request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id")

    async def main():
        queue = AnswerQueue()

        async def handle(rid: str) -> str:
            request_id.set(rid)
            return await queue.run(request_id.get)
        return await asyncio.gather(handle("a"), handle("b"))
    assert run(main()) == ["a", "b"]
