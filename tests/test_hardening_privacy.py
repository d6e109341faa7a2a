"""No question or history text reaches the logs at the default level: the service's own, uvicorn's and every
library's, from a real `python -m service` process (one worker and several)."""

from __future__ import annotations

import json
import socket
import uuid
from urllib.parse import urlsplit

import httpx
import pytest

from tests.test_hardening_reload import start_service, stop_service


def ask_every_way(url: str, marker: str) -> list[int]:
    """Put `marker` everywhere a client can put question text, in requests that succeed and that fail."""
    statuses = []
    with httpx.Client(base_url=url, timeout=120) as client:
        history = [{"role": "user", "content": f"what is {marker} keytruda"},
                   {"role": "assistant", "content": f"{marker} was in the answer"}]
        for question in (f"Is Keytruda approved for {marker} cancer?", f"What about {marker}?",
                         f"I have chest pain after {marker}", f"What are the side effects of {marker} Keytruda?"):
            statuses.append(client.post("/v1/ask", json={"question": question, "history": history}).status_code)
        statuses.append(client.get("/v1/search", params={"q": f"{marker} lung"}).status_code)
        statuses.append(client.get("/v1/ask", params={"question": marker}).status_code)  # wrong method
        statuses.append(client.post(f"/v1/ask/{marker}", json={"question": marker}).status_code)  # wrong path
        statuses.append(client.post("/v1/ask", content=f'{{"question": "{marker}'.encode(),
                                    headers={"content-type": "application/json"}).status_code)  # not JSON
        statuses.append(client.post("/v1/ask", json={"question": marker, "prompt": marker}).status_code)
        statuses.append(client.post("/v1/ask", json={"question": marker * 200}).status_code)  # too long
        statuses.append(client.post("/v1/ask", json={"question": marker, "history": [{"role": marker,
                                                                                       "content": marker}]}).status_code)
        statuses.append(client.post("/v1/ask", content=json.dumps({"question": marker * 5000}).encode(),
                                    headers={"content-type": "application/json"}).status_code)  # too large
    host, port = urlsplit(url).hostname, urlsplit(url).port
    with socket.create_connection((host, port), timeout=30) as sock:  # a request uvicorn itself cannot parse
        sock.sendall(f"POST /v1/ask?q={marker} HTTP/1.1\r\nHost: x\r\nX-Note: {marker}\r\nContent-Length: -1\r\n\r\n".encode())
        statuses.append(int(sock.recv(200).split(b" ")[1]))
    return statuses


@pytest.mark.parametrize("workers", [1, 2], ids=["one-process", "two-workers"])
def test_question_and_history_text_never_reach_the_logs(tmp_path, small_index, workers):
    marker = f"privacymarker{uuid.uuid4().hex[:12]}"
    log = tmp_path / "service.log"
    process, url = start_service(small_index, log, "--workers", str(workers))
    try:
        statuses = ask_every_way(url, marker)
    finally:
        output = stop_service(process, log)
    assert statuses[:5] == [200] * 5 and {400, 404, 405, 413, 422} <= set(statuses)
    assert "POST /v1/ask status=200 answer=answered" in output and "status=413" in output
    assert marker not in output
