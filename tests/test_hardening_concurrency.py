"""Answers beyond the per-worker thread limit queue rather than fail (several workers' balance:
tests/test_service_balance.py)."""

from __future__ import annotations

import concurrent.futures

import httpx

from tests.conftest import LiveServer, make_app


def test_more_concurrent_asks_than_answer_threads_all_get_answers(small_index, embedder):
    questions = ["What is Keytruda used for?", "What is Abecma used for?", "What is R-CHOP?",
                 "Is trastuzumab approved for breast cancer?"] * 6
    with LiveServer(make_app(small_index, answer_threads=1)) as server:
        def ask(question: str) -> int:
            return httpx.post(f"{server.url}/v1/ask", json={"question": question}, timeout=120).status_code

        with concurrent.futures.ThreadPoolExecutor(len(questions)) as pool:
            statuses = list(pool.map(ask, questions))
    assert statuses == [200] * len(questions)
