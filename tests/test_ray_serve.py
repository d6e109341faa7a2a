"""The service as a Ray Serve deployment: two replicas answer as the uvicorn service does, a new build reaches
every replica under load with no failed request, a broken build is refused and the old one keeps serving, and
the cluster talks over loopback only.

Deployed the documented way, `python -m service.ray_serve --address ... --non-blocking` with the repository's
Serve config (`--env` turns its rate limit off for the load), on the session's local cluster.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from evals.golden import load_cases, select
from service.loopback import connections, off_loopback
from tests.conftest import REPO, LiveServer, free_port, make_app
from tests.test_hardening_reload import QUESTIONS, fresh_index, publish_copy, truncate_faiss

pytestmark = pytest.mark.ray

CLIENTS = 32


class ServeApp:
    """The application on the session's Ray cluster, redeployed with `deploy`."""

    def __init__(self, address: str) -> None:
        self.address = address
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"

    def deploy(self, index: Path) -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "service.ray_serve", "--index", str(index), "--address", self.address,
                   "--port", str(self.port), "--env", "RAG_RATE_LIMIT_PER_MINUTE=0", "--non-blocking"]
        result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stdout + result.stderr
        return result

    def readiness(self, times: int = 20) -> list[dict]:
        """/readyz through Serve's proxy, often enough to reach both replicas (each draw picks one)."""
        with httpx.Client(base_url=self.url, timeout=30) as client:
            return [client.get("/readyz").json() for _ in range(times)]


@pytest.fixture(scope="module")
def serve_index(tmp_path_factory, corpus_index) -> Path:
    """A private copy of the full corpus index, published as build-a."""
    return fresh_index(tmp_path_factory.mktemp("serve"), corpus_index)


@pytest.fixture(scope="module")
def serve_app(ray_cluster, serve_index):
    from ray import serve

    app = ServeApp(ray_cluster.address_info["address"])
    app.deploy(serve_index)
    yield app
    serve.shutdown()


def ask(client: httpx.Client, case) -> dict:
    response = client.post("/v1/ask", json={"question": case.question, "history": case.history})
    return {"http_status": response.status_code, **response.json()}


def test_two_replicas_answer_the_golden_fast_subset_exactly_as_the_uvicorn_service(serve_app, serve_index):
    cases = select(load_cases(), subset="fast")
    with LiveServer(make_app(serve_index)) as uvicorn_server, \
            httpx.Client(base_url=uvicorn_server.url, timeout=30) as on_uvicorn, \
            httpx.Client(base_url=serve_app.url, timeout=30) as on_serve:
        for case in cases:
            assert ask(on_serve, case) == ask(on_uvicorn, case), case.id
    from ray import serve

    deployment = serve.status().applications["nci-drug-rag"].deployments["NciDrugRag"]
    assert deployment.replica_states.get("RUNNING") == 2


def test_a_new_build_reaches_every_replica_under_load_with_no_failed_request(serve_app, serve_index):
    stop = threading.Event()
    outcomes: list[int | str] = []

    def patient(number: int) -> None:
        with httpx.Client(base_url=serve_app.url, timeout=30) as client:
            turn = number
            while not stop.is_set():
                question = f"{QUESTIONS[turn % len(QUESTIONS)]} ({number}-{turn})"  # unique: no answer cache
                try:
                    outcomes.append(client.post("/v1/ask", json={"question": question}).status_code)
                except httpx.HTTPError as exc:
                    outcomes.append(repr(exc))
                turn += 1

    threads = [threading.Thread(target=patient, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    try:
        time.sleep(1)
        publish_copy(serve_index, "build-b")
        serve_app.deploy(serve_index)
        time.sleep(1)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    failures = [outcome for outcome in outcomes if outcome != 200]
    assert len(outcomes) > CLIENTS and failures == []
    assert {ready["index"]["build"] for ready in serve_app.readiness()} == {"build-b"}


def test_a_broken_build_is_refused_by_every_replica_and_the_old_one_keeps_serving(serve_app, serve_index):
    served = serve_app.readiness(1)[0]["index"]["build"]
    publish_copy(serve_index, "build-broken", truncate_faiss)
    serve_app.deploy(serve_index)
    readiness = serve_app.readiness()
    assert {ready["status"] for ready in readiness} == {"ready"}
    assert {ready["index"]["build"] for ready in readiness} == {served}
    assert all("index.faiss" in ready["index"]["refused"] for ready in readiness)
    answer = httpx.post(f"{serve_app.url}/v1/ask", json={"question": "What is Keytruda used for?"}, timeout=30)
    assert answer.status_code == 200 and answer.json()["status"] == "answered"


def test_the_ray_cluster_and_its_clients_use_loopback_only(serve_app):
    serve_app.readiness(2)
    found = connections()
    assert any("raylet" in c.process or "gcs_server" in c.process for c in found)
    assert off_loopback(found) == []
