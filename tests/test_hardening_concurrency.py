"""Several workers stay evenly loaded (keep-alive connections are recycled), and answers beyond the per-worker
thread limit queue rather than fail."""

from __future__ import annotations

import concurrent.futures

import httpx

from tests.conftest import LiveServer, make_app


def test_with_several_workers_a_keep_alive_connection_is_closed_after_the_limit(small_index, embedder):
    with LiveServer(make_app(small_index, workers=2, keepalive_max_requests=3)) as server:
        with httpx.Client(base_url=server.url, timeout=60) as client:
            headers = [client.get("/healthz").headers.get("connection", "") for _ in range(4)]
    assert headers[:3] == ["", "", "close"] and headers[3] == ""


def test_with_one_worker_keep_alive_connections_are_kept(small_index, embedder):
    with LiveServer(make_app(small_index, workers=1, keepalive_max_requests=3)) as server:
        with httpx.Client(base_url=server.url, timeout=60) as client:
            headers = [client.get("/healthz").headers.get("connection", "") for _ in range(6)]
    assert "close" not in headers


def test_more_concurrent_asks_than_answer_threads_all_get_answers(small_index, embedder):
    questions = ["What is Keytruda used for?", "What is Abecma used for?", "What is R-CHOP?",
                 "Is trastuzumab approved for breast cancer?"] * 6
    with LiveServer(make_app(small_index, answer_threads=1)) as server:
        def ask(question: str) -> int:
            return httpx.post(f"{server.url}/v1/ask", json={"question": question}, timeout=120).status_code

        with concurrent.futures.ThreadPoolExecutor(len(questions)) as pool:
            statuses = list(pool.map(ask, questions))
    assert statuses == [200] * len(questions)
