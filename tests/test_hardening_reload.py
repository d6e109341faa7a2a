"""Index updates without downtime: a published index is picked up while requests keep being answered; a
half-written or corrupted one is refused with a clear message and the old one stays in service."""

from __future__ import annotations

import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from ingest import artifact
from ingest.build import build_index
from tests.conftest import REPO, LiveServer, free_port, make_app

QUESTIONS = ["What is Keytruda used for?", "Is Keytruda approved for lung cancer?", "What is Abecma used for?",
             "What is R-CHOP?", "Which drugs are approved for breast cancer?", "What are the side effects of Opdivo?",
             "Is trastuzumab approved for stomach cancer?", "What is imatinib used for?", "hello"]
TOKEN = "test-admin-token-5b1f"


def wait_for(condition, timeout: float = 90, what: str = "condition"):
    """Poll until `condition()` is truthy (a deadline only, never a timing assertion)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"gave up waiting for {what}")


def serving(url: str) -> str:
    return httpx.get(f"{url}/readyz", timeout=30).json()["index"]["build"]


def fresh_index(tmp_path: Path, small_index: Path) -> Path:
    """A private copy of the session's small index (which other tests read), published as build-a."""
    index = tmp_path / "index"
    first = artifact.builds_dir(index) / "build-a"
    shutil.copytree(small_index.resolve(), first)
    os.symlink(os.path.relpath(first, index.parent), index)
    return index


def publish_copy(index: Path, name: str, damage=None) -> Path:
    """Publish a copy of the good build-a under a new name, damaged first if asked: what a bad ingest leaves."""
    new = artifact.builds_dir(index) / name
    shutil.copytree(artifact.builds_dir(index) / "build-a", new)
    if damage:
        damage(new)
    link = index.parent / f".{index.name}.swap"
    os.symlink(os.path.relpath(new, index.parent), link)
    os.replace(link, index)
    return new


def truncate_faiss(build: Path) -> None:
    path = build / artifact.FAISS_FILE
    path.write_bytes(path.read_bytes()[:1000])


def flip_a_byte_in_pages(build: Path) -> None:
    path = build / artifact.PAGES_FILE
    data = bytearray(path.read_bytes())
    data[100] = ord("X") if data[100] != ord("X") else ord("Y")
    path.write_bytes(bytes(data))


def remove_aliases(build: Path) -> None:
    (build / artifact.ALIASES_FILE).unlink()


def remove_manifest(build: Path) -> None:
    (build / artifact.MANIFEST).unlink()


def drop_a_chunk_and_reseal(build: Path) -> None:
    """Files that agree with a rewritten manifest but not with each other: FAISS has a row too many."""
    path = build / artifact.CHUNKS_FILE
    path.write_text("".join(path.read_text("utf-8").splitlines(keepends=True)[:-1]), "utf-8")
    manifest = json.loads((build / artifact.MANIFEST).read_text("utf-8"))
    manifest["files"][artifact.CHUNKS_FILE] = {"bytes": path.stat().st_size, "sha256": artifact.sha256_file(path)}
    (build / artifact.MANIFEST).write_text(json.dumps(manifest), "utf-8")


def other_model(build: Path) -> None:
    manifest = json.loads((build / artifact.MANIFEST).read_text("utf-8"))
    manifest["weights_sha256"] = "0" * 64
    (build / artifact.MANIFEST).write_text(json.dumps(manifest), "utf-8")


DAMAGE = {
    "truncated-faiss": (truncate_faiss, "index.faiss has 1000 bytes, the manifest says"),
    "manifest-does-not-match": (flip_a_byte_in_pages, "pages.jsonl does not match its sha256 in the manifest"),
    "missing-file": (remove_aliases, "aliases.json is missing"),
    "half-written-no-manifest": (remove_manifest, "no manifest.json"),
    "faiss-rows-not-chunks": (drop_a_chunk_and_reseal, "FAISS holds"),
}


@pytest.fixture
def index(tmp_path, small_index) -> Path:
    return fresh_index(tmp_path, small_index)


@pytest.fixture
def admin_server(index, embedder):
    """A live server with the admin token set and no polling: reloads happen only when asked."""
    app = make_app(index, admin_token=TOKEN, reload_interval_s=0)
    with LiveServer(app) as server:
        server.engine = app.state.engine
        yield server


def admin_reload(server, token: str | None = TOKEN) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return httpx.post(f"{server.url}/v1/admin/reload", headers=headers, timeout=120)


def test_index_published_twice_is_picked_up_with_no_failed_request(tmp_path, small_corpus, embedder):
    seeds = tmp_path / "seeds"
    shutil.copytree(small_corpus, seeds)
    index = tmp_path / "index"
    build_index([seeds], index, embedder=embedder)
    app = make_app(index, reload_interval_s=0.1)
    app.state.engine.watch(0.1)
    outcomes: list[tuple] = []
    stop = threading.Event()

    def hammer(n: int) -> None:
        with httpx.Client(base_url=server.url, timeout=120) as client:
            i = n
            while not stop.is_set():
                question = QUESTIONS[i % len(QUESTIONS)]
                i += 1
                try:
                    response = client.post("/v1/ask", json={"question": question})
                    outcomes.append((response.status_code, response.json().get("status")))
                except Exception as exc:  # noqa: BLE001 - a failed request is what this test counts
                    outcomes.append(("exception", repr(exc)))

    with LiveServer(app) as server:
        builds = [serving(server.url)]
        threads = [threading.Thread(target=hammer, args=(n,)) for n in range(4)]
        for thread in threads:
            thread.start()
        answered_before_swap = []
        try:
            for round_ in (1, 2):
                page = seeds / "valrubicin.md"
                page.write_text(page.read_text("utf-8") + f"\n\nValrubicin note number {round_}.\n", "utf-8")
                wait_for(lambda: len(outcomes) > 10 * round_, what="requests before the swap")
                answered_before_swap.append(len(outcomes))
                build_index([seeds], index, embedder=embedder)
                builds.append(wait_for(lambda: serving(server.url) != builds[-1] and serving(server.url),
                                       what="the new build to be served"))
            wait_for(lambda: len(outcomes) > answered_before_swap[-1] + 10, what="requests after the swaps")
        finally:
            stop.set()
            for thread in threads:
                thread.join(timeout=120)
            app.state.engine.close()
    failures = [outcome for outcome in outcomes if outcome[0] != 200]
    assert failures == [] and len(outcomes) > 30
    assert len(set(builds)) == 3 and builds[-1] == index.resolve().name


@pytest.mark.parametrize("damage", list(DAMAGE), ids=list(DAMAGE))
def test_damaged_build_is_refused_and_the_old_index_kept(admin_server, index, damage):
    harm, message = DAMAGE[damage]
    before = serving(admin_server.url)
    publish_copy(index, f"build-{damage}", harm)
    response = admin_reload(admin_server)
    assert response.status_code == 409 and message in response.json()["error"]
    assert f"still serving {before}" in response.json()["error"]
    assert serving(admin_server.url) == before
    answer = httpx.post(f"{admin_server.url}/v1/ask", json={"question": "What is Keytruda used for?"}, timeout=60)
    assert answer.status_code == 200 and answer.json()["status"] == "answered"


def test_refused_build_is_not_loaded_again_until_it_changes(admin_server, index, caplog):
    publish_copy(index, "build-truncated", truncate_faiss)
    with caplog.at_level(logging.ERROR, logger="service.engine"):
        first = admin_server.engine.reload()
        second = admin_server.engine.reload()
    assert first.status == second.status == "refused" and "truncated" in second.error
    assert len([r for r in caplog.records if "refused new index" in r.getMessage()]) == 1


def test_build_repaired_in_place_is_picked_up_by_the_watcher(index, embedder):
    good_faiss = (index / artifact.FAISS_FILE).read_bytes()
    app = make_app(index, reload_interval_s=0.1)
    engine = app.state.engine
    engine.watch(0.1)
    with LiveServer(app) as server:
        before = serving(server.url)
        broken = publish_copy(index, "build-repaired-later", truncate_faiss)
        wait_for(lambda: engine.last_error, what="the damaged build to be refused")
        assert serving(server.url) == before
        (broken / artifact.FAISS_FILE).write_bytes(good_faiss)  # repaired in place, same directory
        assert wait_for(lambda: serving(server.url) == broken.name, what="the repaired build to be served")
        assert engine.last_error is None
    engine.close()


def test_admin_reload_is_404_when_no_token_is_set(small_server):
    assert admin_reload(small_server).status_code == 404


@pytest.mark.parametrize("token", [None, "wrong-token", TOKEN + "x"])
def test_admin_reload_without_the_right_token_is_401(admin_server, index, token):
    publish_copy(index, "build-new")
    response = admin_reload(admin_server, token)
    assert response.status_code == 401 and response.headers["WWW-Authenticate"] == "Bearer"
    assert serving(admin_server.url) == "build-a"


def test_admin_reload_serves_the_newly_published_index(admin_server, index):
    publish_copy(index, "build-b")
    response = admin_reload(admin_server)
    assert response.status_code == 200 and response.json()["status"] == "reloaded"
    assert response.json()["index"]["build"] == "build-b" == serving(admin_server.url)
    assert admin_reload(admin_server).json()["status"] == "unchanged"


# -- the real `python -m service` process ------------------------------------------------------------------

def start_service(index: Path, log: Path, *extra: str, **env: str) -> tuple[subprocess.Popen, str]:
    """`python -m service` on a free port, its stdout and stderr going to `log` (a file: a pipe nobody
    reads would fill up and stall the server)."""
    port = free_port()
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "service", "--index", str(index), "--port", str(port), *extra], cwd=REPO,
            env={**os.environ, "RAG_RATE_LIMIT_PER_MINUTE": "0", **env}, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"

    def ready():
        if process.poll() is not None:
            raise AssertionError(f"the service exited: {log.read_text('utf-8', 'replace')}")
        try:
            return httpx.get(f"{url}/readyz", timeout=5).status_code == 200
        except httpx.HTTPError:
            return False

    wait_for(ready, timeout=180, what="the service to start")
    return process, url


def stop_service(process: subprocess.Popen, log: Path) -> str:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    return log.read_text("utf-8", "replace")


def test_sighup_makes_the_service_load_the_published_index(index, tmp_path):
    log = tmp_path / "service.log"
    process, url = start_service(index, log, RAG_RELOAD_INTERVAL_S="0")
    try:
        assert serving(url) == "build-a"
        publish_copy(index, "build-bad", truncate_faiss)
        process.send_signal(signal.SIGHUP)
        publish_copy(index, "build-good")
        process.send_signal(signal.SIGHUP)
        wait_for(lambda: serving(url) == "build-good", what="the SIGHUP reload")
        assert process.poll() is None
    finally:
        output = stop_service(process, log)
    assert "now serving index" in output


@pytest.mark.parametrize("damage", ["truncated-faiss", "manifest-does-not-match", "missing-file",
                                    "faiss-rows-not-chunks"])
def test_service_refuses_to_start_on_a_damaged_index(tmp_path, small_index, damage):
    index = fresh_index(tmp_path, small_index)
    harm, message = DAMAGE[damage]
    harm(index.resolve())
    result = subprocess.run([sys.executable, "-m", "service", "--index", str(index), "--port", str(free_port())],
                            cwd=REPO, capture_output=True, text=True, timeout=180)
    assert result.returncode == 1
    assert "service cannot start" in result.stderr and message in result.stderr


def test_service_refuses_to_start_on_an_index_for_another_model(tmp_path, small_index):
    index = fresh_index(tmp_path, small_index)
    other_model(index.resolve())
    result = subprocess.run([sys.executable, "-m", "service", "--index", str(index), "--port", str(free_port())],
                            cwd=REPO, capture_output=True, text=True, timeout=180)
    assert result.returncode == 1 and "built with other model weights" in result.stderr
