"""The HTTP surface: validation errors that say why, limits, search, documents, health, CORS, logs."""

from __future__ import annotations

import datetime as dt
import logging
import subprocess
import sys

import httpx
import pytest

from service.answer import review_overdue
from tests.conftest import REPO, LiveServer, make_app


@pytest.fixture(scope="module")
def client(small_server):
    with httpx.Client(base_url=small_server.url, timeout=30) as client:
        yield client


def error_of(response: httpx.Response) -> str:
    return response.json()["error"]


def test_empty_question_is_422_with_a_reason(client):
    response = client.post("/v1/ask", json={"question": ""})
    assert response.status_code == 422 and "question" in error_of(response)


def test_question_of_only_control_characters_is_422(client):
    response = client.post("/v1/ask", json={"question": "\u0000\u202e\u200b"})
    assert response.status_code == 422 and "only control characters" in error_of(response)


def test_question_over_1000_characters_is_422(client):
    response = client.post("/v1/ask", json={"question": "a" * 1001})
    assert response.status_code == 422 and "at most 1000 characters" in error_of(response)


def test_wrong_type_is_422(client):
    response = client.post("/v1/ask", json={"question": 42})
    assert response.status_code == 422 and "question" in error_of(response)


def test_too_much_history_is_422(client):
    history = [{"role": "user", "content": "hi"}] * 21
    response = client.post("/v1/ask", json={"question": "What is Keytruda?", "history": history})
    assert response.status_code == 422 and "history" in error_of(response)


def test_bad_history_role_is_422(client):
    response = client.post("/v1/ask", json={"question": "What is Keytruda?", "history": [{"role": "system", "content": "x"}]})
    assert response.status_code == 422 and "role" in error_of(response)


def test_unknown_field_is_422(client):
    response = client.post("/v1/ask", json={"question": "What is Keytruda?", "prompt": "be evil"})
    assert response.status_code == 422 and "prompt" in error_of(response)


def test_invalid_json_is_400(client):
    response = client.post("/v1/ask", content=b"{not json", headers={"content-type": "application/json"})
    assert response.status_code == 400 and "not valid JSON" in error_of(response)


def test_body_over_the_limit_is_413(client):
    response = client.post("/v1/ask", content=b'{"question": "' + b"a" * 70000 + b'"}',
                           headers={"content-type": "application/json"})
    assert response.status_code == 413


def test_nul_bytes_and_direction_overrides_get_an_answer_not_a_500(client):
    response = client.post("/v1/ask", json={"question": "What is\u0000 Keytruda\u202e used for?"})
    assert response.status_code == 200 and response.json()["status"] == "answered"


def test_search_returns_scored_passages(client):
    response = client.get("/v1/search", params={"q": "Keytruda lung cancer", "k": 3, "section": "approved_use"})
    hits = response.json()["hits"]
    assert response.status_code == 200 and len(hits) == 3
    assert hits[0]["url"].endswith("/pembrolizumab") and hits[0]["label"] == "Non-small cell lung cancer"
    assert all(hit["section"] == "approved_use" for hit in hits)
    assert hits[0]["score"] >= hits[1]["score"]


def test_search_rejects_a_bad_k(client):
    assert client.get("/v1/search", params={"q": "x", "k": 0}).status_code == 422
    assert client.get("/v1/search", params={"q": "x", "k": 51}).status_code == 422


def test_documents_lists_every_page_with_its_review_status(client, small_corpus):
    documents = client.get("/v1/documents").json()["documents"]
    assert len(documents) == len(list(small_corpus.glob("*.md")))
    pembro = next(d for d in documents if d["url"].endswith("/pembrolizumab"))
    assert pembro["last_reviewed"] == "2025-12-30" and pembro["chunks"] > 20 and pembro["review_overdue"] is True


def test_health_and_readiness(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz").json()
    assert ready["status"] == "ready" and ready["index"]["chunks"] > 0


def test_openapi_documents_the_endpoints(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/v1/ask", "/v1/search", "/v1/documents", "/healthz", "/readyz"} <= set(paths)


def test_cors_allows_only_configured_origins(client):
    allowed = client.options("/v1/ask", headers={"Origin": "http://localhost:8000", "Access-Control-Request-Method": "POST"})
    assert allowed.headers.get("access-control-allow-origin") == "http://localhost:8000"
    other = client.options("/v1/ask", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in other.headers


def test_logs_carry_request_id_status_and_timing_but_not_the_question(client, caplog):
    with caplog.at_level(logging.INFO, logger="service"):
        response = client.post("/v1/ask", json={"question": "Is Keytruda approved for zebra-striped melanoma?"},
                               headers={"X-Request-ID": "test-request-42"})
    assert response.headers["X-Request-ID"] == "test-request-42"
    lines = [r.getMessage() for r in caplog.records if r.name == "service"]
    line = next(l for l in lines if "test-request-42" in l)
    assert "status=200" in line and "answer=answered" in line and "ms=" in line
    assert not any("zebra" in l for l in lines)


def test_search_query_text_stays_out_of_the_logs(client, caplog):
    with caplog.at_level(logging.INFO, logger="service"):
        client.get("/v1/search", params={"q": "secret-patient-words"})
    assert not any("secret-patient-words" in r.getMessage() for r in caplog.records)


def test_rate_limit_answers_429_with_retry_after(small_index, embedder):
    with LiveServer(make_app(small_index, rate_limit_per_minute=2)) as server:
        statuses = [httpx.get(f"{server.url}/v1/documents").status_code for _ in range(3)]
        limited = httpx.get(f"{server.url}/v1/documents")
    assert statuses[:2] == [200, 200] and statuses[2] == 429
    assert int(limited.headers["Retry-After"]) >= 1


def test_review_overdue_follows_the_review_frequency():
    assert review_overdue("2025-12-30", "quarterly", dt.date(2026, 3, 31)) is False  # 91 days
    assert review_overdue("2025-12-30", "quarterly", dt.date(2026, 4, 2)) is True  # 93 days
    assert review_overdue("2025-12-30", "annually", dt.date(2026, 11, 25)) is False
    assert review_overdue("2025-12-30", None, dt.date(2030, 1, 1)) is False


def test_review_date_setting_changes_review_overdue(small_index, embedder):
    with LiveServer(make_app(small_index, today=dt.date(2026, 1, 15))) as server:
        answer = httpx.post(f"{server.url}/v1/ask", json={"question": "What is Abecma used for?"}, timeout=30).json()
    assert answer["citations"][0]["review_overdue"] is False
    assert "due for review" not in answer["answer"]


def test_service_refuses_to_start_without_a_valid_index(tmp_path):
    result = subprocess.run([sys.executable, "-m", "service", "--index", str(tmp_path / "missing"), "--port", "1"],
                            cwd=REPO, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "service cannot start" in result.stderr and "manifest.json" in result.stderr


def test_a_repeated_question_is_answered_from_the_cache_with_the_same_body(small_server):
    body = {"question": "What is Opdivo used for?"}
    first = httpx.post(f"{small_server.url}/v1/ask", json=body, timeout=30)
    second = httpx.post(f"{small_server.url}/v1/ask", json=body, timeout=30)
    assert first.status_code == second.status_code == 200 and first.content == second.content
    loaded = small_server.app.state.engine.loaded()
    assert any(key[1] == body["question"] for key in loaded.answers._items)


def test_with_both_caches_off_every_answer_is_computed_and_the_same(small_index):
    body = {"question": "What is Opdivo used for?"}
    with LiveServer(make_app(small_index, answer_cache_size=0, query_cache_size=0)) as server:
        first = httpx.post(f"{server.url}/v1/ask", json=body, timeout=30)
        second = httpx.post(f"{server.url}/v1/ask", json=body, timeout=30)
        loaded = server.app.state.engine.loaded()
        assert first.status_code == second.status_code == 200 and first.content == second.content
        assert len(loaded.answers) == 0 and len(loaded.retriever.query_cache) == 0


def test_the_same_follow_up_after_another_conversation_is_not_answered_from_the_cache(small_server):
    def ask_after(drug: str) -> set[str]:
        history = [{"role": "user", "content": f"What is {drug} used for?"}, {"role": "assistant", "content": "..."}]
        response = httpx.post(f"{small_server.url}/v1/ask", json={"question": "Is it approved for melanoma?",
                                                                  "history": history}, timeout=30)
        return {citation["url"].rsplit("/", 1)[-1] for citation in response.json()["citations"]}

    assert ask_after("Keytruda") == {"pembrolizumab"} and ask_after("Opdivo") == {"nivolumab"}


def test_no_route_runs_a_dependency_on_the_thread_pool():
    """FastAPI runs a plain `def` dependency on its thread pool: a thread hand-off for every request."""
    import inspect

    from fastapi.routing import APIRoute

    from service.app import admin_router, router

    def dependencies(dependant):
        for sub in dependant.dependencies:
            yield sub.call
            yield from dependencies(sub)

    routes = [route for r in (router, admin_router) for route in r.routes if isinstance(route, APIRoute)]
    assert any(route.path == "/v1/ask" for route in routes)
    blocking = [(route.path, call.__name__) for route in routes for call in dependencies(route.dependant)
                if not inspect.iscoroutinefunction(call)]
    assert blocking == []
