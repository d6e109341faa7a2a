"""GET /metrics through the real app: requests by route and status, answers by status, the build served and its
reloads; and the rate limit's client behind trusted proxies (service/client_address.py)."""

from __future__ import annotations

import glob
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.parser import text_string_to_metric_families
from starlette.testclient import TestClient

from service.client_address import trusted_networks
from tests.conftest import LiveServer, make_app
from tests.test_hardening_reload import fresh_index, publish_copy, start_service, stop_service, truncate_faiss

TOKEN = "metrics-test-token"


def value(text: str, name: str, **labels: str) -> float:
    """One sample of the exposition text, 0 if absent."""
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == name and all(sample.labels.get(k) == v for k, v in labels.items()):
                return sample.value
    return 0.0


@pytest.fixture(scope="module")
def server(tmp_path_factory, small_index, embedder):
    index = fresh_index(tmp_path_factory.mktemp("metrics"), small_index)
    with LiveServer(make_app(index, admin_token=TOKEN, reload_interval_s=0)) as server:
        server.index = index
        yield server


def scrape(server) -> str:
    return httpx.get(f"{server.url}/metrics", timeout=30).text


def test_an_answer_counts_its_route_method_status_and_answer_status(server):
    before = scrape(server)
    response = httpx.post(f"{server.url}/v1/ask", json={"question": "Is Keytruda approved for lung cancer?"},
                          timeout=60)
    assert response.status_code == 200 and response.json()["status"] == "answered"
    after = scrape(server)
    route = {"route": "/v1/ask", "method": "POST", "status": "200"}
    assert value(after, "rag_http_requests_total", **route) == value(before, "rag_http_requests_total", **route) + 1
    assert value(after, "rag_answers_total", status="answered") == value(before, "rag_answers_total",
                                                                         status="answered") + 1
    count = "rag_http_request_duration_seconds_count"
    assert value(after, count, route="/v1/ask") == value(before, count, route="/v1/ask") + 1


def test_an_answer_from_the_cache_counts_too(server):
    question = {"question": "What is Opdivo approved for?"}
    httpx.post(f"{server.url}/v1/ask", json=question, timeout=60)
    before = value(scrape(server), "rag_answers_total", status="answered")
    httpx.post(f"{server.url}/v1/ask", json=question, timeout=60)
    assert value(scrape(server), "rag_answers_total", status="answered") == before + 1


def test_every_answer_status_is_exposed_from_zero(server):
    text = scrape(server)
    statuses = {s.labels["status"] for f in text_string_to_metric_families(text) if f.name == "rag_answers"
                for s in f.samples if s.name == "rag_answers_total"}
    assert statuses == {"answered", "not_in_sources", "out_of_scope", "emergency"}


def test_an_unknown_path_counts_as_unmatched_not_as_its_path(server):
    path = f"/no/such/{uuid.uuid4().hex}"
    before = value(scrape(server), "rag_http_requests_total", route="unmatched", status="404")
    assert httpx.get(f"{server.url}{path}", timeout=30).status_code == 404
    after = scrape(server)
    assert value(after, "rag_http_requests_total", route="unmatched", method="GET", status="404") == before + 1
    assert path not in after


def test_a_validation_error_counts_under_its_route(server):
    before = value(scrape(server), "rag_http_requests_total", route="/v1/ask", status="422")
    httpx.post(f"{server.url}/v1/ask", json={"question": ""}, timeout=30)
    assert value(scrape(server), "rag_http_requests_total", route="/v1/ask", status="422") == before + 1


def test_build_info_carries_the_loaded_build_id(server):
    build = httpx.get(f"{server.url}/readyz", timeout=30).json()["index"]["build"]
    assert build == "build-a"
    assert value(scrape(server), "rag_index_build_info", build_id=build) == 1


def test_reloads_count_by_outcome_and_move_the_build_info(server):
    def reload() -> int:
        return httpx.post(f"{server.url}/v1/admin/reload", headers={"Authorization": f"Bearer {TOKEN}"},
                          timeout=120).status_code

    before = scrape(server)
    assert reload() == 200  # nothing new published
    publish_copy(server.index, "build-bad", truncate_faiss)
    assert reload() == 409
    publish_copy(server.index, "build-b")
    assert reload() == 200
    after = scrape(server)
    for outcome in ("unchanged", "refused", "reloaded"):
        assert value(after, "rag_index_reloads_total", outcome=outcome) == value(
            before, "rag_index_reloads_total", outcome=outcome) + 1
    assert value(after, "rag_index_build_info", build_id="build-b") == 1
    assert 'build_id="build-a"' not in after


def test_metrics_is_prometheus_text_outside_the_openapi_schema(server):
    response = httpx.get(f"{server.url}/metrics", timeout=30)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/plain; version=")
    assert "/metrics" not in httpx.get(f"{server.url}/openapi.json", timeout=30).json()["paths"]


# -- the rate limit's client ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def limited_app(small_index, embedder):
    return make_app(small_index, rate_limit_per_minute=2, trusted_proxies=trusted_networks(["10.0.0.5"]))


def documents(app, peer: str, forwarded_for: str | None = None) -> int:
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    with TestClient(app, client=(peer, 40000)) as client:
        return client.get("/v1/documents", headers=headers).status_code


def test_behind_a_trusted_proxy_each_patient_has_their_own_budget(limited_app):
    assert [documents(limited_app, "10.0.0.5", "203.0.113.1") for _ in range(3)] == [200, 200, 429]
    assert [documents(limited_app, "10.0.0.5", "203.0.113.2") for _ in range(2)] == [200, 200]


def test_a_forged_x_forwarded_for_from_an_untrusted_peer_does_not_escape_the_limit(limited_app):
    statuses = [documents(limited_app, "198.51.100.9", f"203.0.113.{n}") for n in range(10, 13)]
    assert statuses == [200, 200, 429]


def test_a_client_prepending_addresses_behind_the_proxy_does_not_escape_the_limit(limited_app):
    # The proxy appends the address it saw; whatever the client wrote to the left of it is not believed.
    statuses = [documents(limited_app, "10.0.0.5", f"6.6.6.{n}, 203.0.113.20") for n in range(3)]
    assert statuses == [200, 200, 429]


def test_a_rate_limited_request_counts_as_429_under_its_route(limited_app):
    for _ in range(3):
        documents(limited_app, "10.0.0.5", "203.0.113.30")
    with TestClient(limited_app, client=("10.0.0.5", 40000)) as client:
        text = client.get("/metrics").text
    assert value(text, "rag_http_requests_total", route="/v1/documents", status="429") >= 1


# -- several workers ---------------------------------------------------------------------------------------

def search_count(path: str) -> float:
    """/v1/search requests one worker counted (each worker writes its own file)."""
    return sum(sample.value for metric in MultiProcessCollector.merge([path]) for sample in metric.samples
               if sample.name == "rag_http_requests_total" and sample.labels.get("route") == "/v1/search")


def test_metrics_of_two_workers_add_up(tmp_path, small_index):
    metrics_dir = tmp_path / "prometheus"
    metrics_dir.mkdir()
    (metrics_dir / "counter_1.db").write_bytes(b"left by an earlier run")  # must be cleared at start
    log = tmp_path / "service.log"
    process, url = start_service(small_index, log, "--workers", "2", PROMETHEUS_MULTIPROC_DIR=str(metrics_dir))

    def search(_) -> int:  # a new connection each, taken by whichever worker is not busy
        return httpx.get(f"{url}/v1/search", params={"q": "pembrolizumab lung"}, timeout=30).status_code

    def per_worker() -> list[float]:
        return [search_count(path) for path in glob.glob(str(metrics_dir / "counter_*.db"))]

    sent = 0
    try:
        with ThreadPoolExecutor(8) as pool:
            deadline = time.monotonic() + 60
            while sum(n > 0 for n in per_worker()) < 2:  # until both workers have answered some
                assert time.monotonic() < deadline, "one worker took every connection"
                assert set(pool.map(search, range(16))) == {200}
                sent += 16
        totals = {value(httpx.get(f"{url}/metrics", timeout=30).text, "rag_http_requests_total", route="/v1/search")
                  for _ in range(6)}  # whichever worker answers the scrape
    finally:
        stop_service(process, log)
    assert totals == {float(sent)}
