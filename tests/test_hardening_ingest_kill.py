"""A real `python -m ingest` process killed (SIGKILL) while it writes a new build leaves the previous index
published, valid and serving; the next ingest clears the half-written build away."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import httpx

from ingest import artifact
from ingest.build import build_index
from retrieval import Retriever
from tests.conftest import REPO, LiveServer, make_app

ATTEMPTS = 10


def kill_when_a_new_build_appears(seeds: Path, index: Path, log: Path) -> Path | None:
    """Run ingest; SIGKILL it the moment its new build directory appears. The directory, or None if the run
    got to the end before it was seen."""
    builds = artifact.builds_dir(index)
    existing = {entry.name for entry in os.scandir(builds)}
    with open(log, "ab") as out:
        process = subprocess.Popen([sys.executable, "-m", "ingest", str(seeds), "--index", str(index), "--quiet"],
                                   cwd=REPO, stdout=out, stderr=out)
    seen = None
    try:
        while process.poll() is None:
            new = [e.name for e in os.scandir(builds) if e.name.startswith("build-") and e.name not in existing]
            if new:
                os.kill(process.pid, signal.SIGKILL)
                seen = builds / new[0]
                break
    finally:
        if process.poll() is None and seen is None:
            process.kill()
        process.wait(timeout=120)
    return seen if process.returncode == -signal.SIGKILL else None


def test_ingest_killed_mid_write_leaves_the_previous_index_serving(tmp_path, small_corpus, embedder):
    seeds = tmp_path / "seeds"
    shutil.copytree(small_corpus, seeds)
    index = tmp_path / "index"
    build_index([seeds], index, embedder=embedder)
    log = tmp_path / "ingest.log"
    page = seeds / "valrubicin.md"
    killed = None
    for attempt in range(ATTEMPTS):
        previous = index.resolve()
        page.write_text(page.read_text("utf-8") + f"\n\nA new paragraph, edit {attempt}.\n", "utf-8")
        killed = kill_when_a_new_build_appears(seeds, index, log)
        if killed is not None and index.resolve() == previous:
            break  # killed before it could publish: the case under test
        killed = None  # it finished (or published) first on this busy machine: try again
    assert killed is not None, f"ingest was never caught mid-write in {ATTEMPTS} runs"
    assert index.resolve() == previous and killed.is_dir() and killed != previous
    assert not (killed / artifact.MANIFEST).exists() or killed.resolve() != index.resolve()
    artifact.verify(index)
    assert Retriever(index, embedder=embedder).search("valrubicin bladder", k=1)[0].chunk.url.endswith("/valrubicin")
    with LiveServer(make_app(index)) as server:
        answer = httpx.post(f"{server.url}/v1/ask", json={"question": "What is Valstar used for?"}, timeout=60)
    assert answer.status_code == 200 and answer.json()["status"] == "answered"


def test_ingest_after_a_killed_one_publishes_and_removes_the_half_written_build(tmp_path, small_corpus, embedder):
    seeds = tmp_path / "seeds"
    shutil.copytree(small_corpus, seeds)
    index = tmp_path / "index"
    build_index([seeds], index, embedder=embedder)
    half_written = artifact.new_build_dir(index)
    half_written.mkdir()
    (half_written / artifact.FAISS_FILE).write_bytes(b"\x00" * 100)  # what a killed run leaves: no manifest
    stale_link = index.parent / f".{index.name}.link-999999"
    os.symlink(half_written, stale_link)
    build_index([seeds], index, embedder=embedder)
    artifact.verify(index)
    assert not half_written.exists() and not stale_link.is_symlink()


def test_a_second_ingest_into_the_same_index_is_refused_while_one_runs(tmp_path, small_corpus, embedder):
    import pytest

    from ingest.build import IngestError

    index = tmp_path / "index"
    build_index([small_corpus], index, embedder=embedder)
    before = index.resolve()
    with artifact.build_lock(index):
        with pytest.raises(IngestError, match="another ingest is building this index"):
            build_index([small_corpus], index, embedder=embedder)
    assert index.resolve() == before
