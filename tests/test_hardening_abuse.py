"""Hostile questions over real HTTP get a 4xx or a normal answer, never a 5xx; slow answers time out with a 503;
an unexpected error is a 500 that says nothing of the question, in the response or in the logs."""

from __future__ import annotations

import json
import logging
import socket

import httpx
import pytest

from tests.conftest import LiveServer, make_app

STATUSES = {"answered", "not_in_sources", "out_of_scope", "emergency"}
EMOJI = "\U0001F600"


@pytest.fixture(scope="module")
def client(small_server):
    with httpx.Client(base_url=small_server.url, timeout=60) as client:
        yield client


def assert_4xx_or_answer(response: httpx.Response) -> None:
    assert response.status_code < 500, response.text
    body = response.json()
    if response.status_code == 200:
        assert body["status"] in STATUSES and body["disclaimer"]
    else:
        assert 400 <= response.status_code < 500 and body["error"]


@pytest.mark.parametrize("question", [
    "What is Keytruda\x01\x02\x07\x1b[31m used for?\x7f",
    "\x1b]0;pwned\x07Is Keytruda approved for lung cancer?",
    "What\u0085 is\u2028 Keytruda\u2029 used for?\u000b\u000c",
], ids=["c0-controls-and-ansi", "terminal-title-escape", "line-separators"])
def test_control_characters_get_a_4xx_or_an_answer(client, question):
    assert_4xx_or_answer(client.post("/v1/ask", json={"question": question}))


@pytest.mark.parametrize("question", [
    "What is \u202eadurtyeK\u202c used for?",
    "\u2067Is Keytruda approved for \u2066lung\u2069 cancer?\u2069",
    "\u200f\u200e\u202b\u202a\u202d\u202e",
], ids=["rlo-reversed-name", "isolates", "only-direction-marks"])
def test_right_to_left_overrides_get_a_4xx_or_an_answer(client, question):
    assert_4xx_or_answer(client.post("/v1/ask", json={"question": question}))


def test_ten_thousand_emoji_get_a_4xx(client):
    response = client.post("/v1/ask", json={"question": EMOJI * 10_000})
    assert response.status_code in (413, 422) and response.json()["error"]


def test_ten_thousand_emoji_as_escaped_json_get_a_4xx(client):
    body = json.dumps({"question": EMOJI * 10_000}, ensure_ascii=True)  # 12 bytes an emoji: over the body limit
    response = client.post("/v1/ask", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 413 and response.json()["error"]


def test_a_thousand_emoji_get_a_normal_answer(client):
    assert_4xx_or_answer(client.post("/v1/ask", json={"question": EMOJI * 1000}))


def test_emoji_history_gets_a_4xx_or_an_answer(client):
    history = [{"role": "user", "content": EMOJI * 500}] * 20
    assert_4xx_or_answer(client.post("/v1/ask", json={"question": "and for lung cancer?", "history": history}))


@pytest.mark.parametrize("question", ["\x00", "\x00" * 1000, "Keytruda\x00\x00\x00 lung cancer", "\x00What is Keytruda?"],
                         ids=["one-nul", "only-nuls", "nuls-inside", "leading-nul"])
def test_nul_bytes_in_the_question_get_a_4xx_or_an_answer(client, question):
    assert_4xx_or_answer(client.post("/v1/ask", json={"question": question}))


def test_nul_bytes_in_history_get_a_4xx_or_an_answer(client):
    history = [{"role": "user", "content": "What is Keytruda\x00?"}, {"role": "assistant", "content": "\x00" * 100}]
    assert_4xx_or_answer(client.post("/v1/ask", json={"question": "\x00and lung cancer?", "history": history}))


def test_lone_surrogate_escape_gets_a_4xx(client):
    response = client.post("/v1/ask", content=b'{"question": "What is \\ud800 Keytruda?"}',
                           headers={"content-type": "application/json"})
    assert response.status_code == 422


def test_body_that_is_not_utf8_gets_a_4xx(client):
    response = client.post("/v1/ask", content=b'{"question": "What is \xff\xfe Keytruda?"}',
                           headers={"content-type": "application/json"})
    assert 400 <= response.status_code < 500 and response.json()["error"]


def test_deeply_nested_json_gets_a_4xx(client):
    body = b'{"question": "x", "history": ' + b"[" * 20_000 + b"]" * 20_000 + b"}"
    response = client.post("/v1/ask", content=body, headers={"content-type": "application/json"})
    assert 400 <= response.status_code < 500 and response.json()["error"]


def test_search_with_control_characters_and_emoji_gets_a_4xx_or_results(client):
    for query in ["\x00\x1b\u202e", EMOJI * 1000, "Keytruda\u202e\x00 lung"]:
        response = client.get("/v1/search", params={"q": query})
        assert response.status_code < 500 and ("hits" in response.json() or response.json()["error"])


def test_malformed_http_gets_a_4xx_not_a_crash(small_server):
    with socket.create_connection(("127.0.0.1", small_server.port), timeout=30) as sock:
        sock.sendall(b"POST /v1/ask HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n{}")
        status = sock.recv(200).split(b" ")[1]
    assert status.startswith(b"4")
    assert httpx.get(f"{small_server.url}/healthz", timeout=30).status_code == 200


@pytest.mark.parametrize("answer_threads", [0, 1])  # on the event loop, and on a worker thread
def test_an_answer_slower_than_the_timeout_is_a_503(small_index, answer_threads):
    with LiveServer(make_app(small_index, request_timeout_s=0, answer_threads=answer_threads)) as server:
        response = httpx.post(f"{server.url}/v1/ask", json={"question": "What is Keytruda used for?"}, timeout=60)
    assert response.status_code == 503 and "took too long" in response.json()["error"]


def test_an_unexpected_error_is_a_500_that_leaves_the_question_out_of_response_and_logs(small_index, embedder):
    app = make_app(small_index)

    class Broken:
        def ask(self, question, history):
            raise RuntimeError(f"cannot answer {question!r}")

    app.state.engine.loaded().answerer = Broken()
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append
    loggers = [logging.getLogger(name) for name in ("", "service", "uvicorn", "uvicorn.error")]
    for logger in loggers:
        logger.addHandler(handler)
    try:
        with LiveServer(app) as server:
            response = httpx.post(f"{server.url}/v1/ask", json={"question": "secret-oncology-words"}, timeout=60)
    finally:
        for logger in loggers:
            logger.removeHandler(handler)
    assert response.status_code == 500 and response.json()["detail"] == response.headers["X-Request-ID"]
    assert "secret-oncology-words" not in response.text
    logged = "\n".join(record.getMessage() + str(record.exc_info or "") for record in records)
    assert "RuntimeError" in logged and "secret-oncology-words" not in logged
