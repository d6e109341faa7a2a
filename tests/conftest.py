"""Shared fixtures: the real model, real FAISS and a small slice of the real corpus."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
CORPUS = REPO.parent / "shared" / "corpus"
SEED_PAGE = SEEDS / "000_fe84090edec09085.txt"

# A small corpus for speed: drugs with many indications, brand-name pages, CAR-Ts, regimens, list pages.
SMALL_CORPUS_PAGES = [
    "pembrolizumab.md", "nivolumab.md", "idecabtagenevicleucel.md", "ciltacabtagene-autoleucel.md",
    "axicabtageneciloleucel.md", "tisagenlecleucel.md", "methylnaltrexonebromide.md",
    "trastuzumab.md", "imatinibmesylate.md", "tocilizumab.md", "valrubicin.md", "leuprolide-mesylate.md",
    "r-chop.md", "folfox.md", "abvd.md", "multiple-myeloma.md", "breast.md", "lung.md", "leukemia.md",
    "related-conditions.md", "cancer-type.md", "off-label.md", "everolimus.md", "daratumumab.md",
    "childhood-cancer-fda-approved-drugs.md", "nirogacestat.md", "daratumumabandhyaluronidase-fihj.md",
    "famtrastuzumabderuxtecan-nxki.md", "melanoma.md", "skin.md", "colorectal.md",
]


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not CORPUS.is_dir():
        pytest.fail(f"the shared corpus is expected at {CORPUS}")
    return CORPUS


def copy_pages(corpus_dir: Path, names: list[str], folder: Path) -> Path:
    """A slice of the corpus: `names` copied into `folder`."""
    for name in names:
        shutil.copy(corpus_dir / name, folder / name)
    return folder


@pytest.fixture(scope="session")
def small_corpus(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> Path:
    return copy_pages(corpus_dir, SMALL_CORPUS_PAGES, tmp_path_factory.mktemp("small-corpus"))


@pytest.fixture(scope="session")
def embedder():
    from ingest.model import shared_embedder

    return shared_embedder()


@pytest.fixture(scope="session")
def small_index(tmp_path_factory: pytest.TempPathFactory, small_corpus: Path, embedder) -> Path:
    """The small corpus, indexed once for the whole session (read-only for the tests that use it)."""
    from ingest.build import build_index

    index = tmp_path_factory.mktemp("small-index") / "index"
    build_index([small_corpus], index, embedder=embedder)
    return index


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory: pytest.TempPathFactory, embedder) -> Path:
    from ingest.build import build_index

    index = tmp_path_factory.mktemp("seed-index") / "index"
    build_index([SEEDS], index, embedder=embedder)
    return index


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveServer:
    """The real app under uvicorn on 127.0.0.1, in a background thread."""

    def __init__(self, app) -> None:
        import threading

        import uvicorn

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.app = app
        self._server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning",
                                                     proxy_headers=False,  # as python -m service runs it
                                                     access_log=False))
        self._thread = threading.Thread(target=self._server.run, daemon=True)

    def __enter__(self) -> "LiveServer":
        import time

        self._thread.start()
        deadline = time.monotonic() + 30
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)


def make_app(index: Path, **overrides):
    from service.app import create_app
    from service.engine import Engine
    from service.settings import Settings

    settings = Settings.from_env(index_dir=index, **{"rate_limit_per_minute": 0, **overrides})
    return create_app(settings, Engine(settings))  # the artifact's ONNX query encoder, as served


@pytest.fixture(scope="session")
def small_server(small_index: Path, embedder):
    with LiveServer(make_app(small_index)) as server:
        yield server


@pytest.fixture(scope="session")
def seed_server(seed_index: Path, embedder):
    with LiveServer(make_app(seed_index)) as server:
        yield server


@pytest.fixture(scope="session")
def corpus_index(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path, embedder) -> Path:
    """The full corpus, indexed once (about a minute of embedding on 2 cores): for the eval gate."""
    from ingest.build import build_index

    index = tmp_path_factory.mktemp("corpus-index") / "index"
    build_index([corpus_dir], index, embedder=embedder)
    return index


@pytest.fixture(scope="session")
def ray_cluster():
    """A local single-node Ray cluster, on loopback only (service/loopback.py), for the whole session.

    Four logical CPUs on this two-core box, so that two Serve replicas and a Ray Data actor fit at once.
    """
    from service.loopback import loopback_only

    if not loopback_only():
        message = ("Ray tests run only in a loopback-only network namespace: `make test`, or "
                   "`python -m service.loopback -- python -m pytest`")
        if os.environ.get("RAG_RAY_TESTS") == "required":
            pytest.fail(message)
        pytest.skip(message)
    import ray

    from ingest.ray_embed import LOCAL_OBJECT_STORE_BYTES

    context = ray.init(num_cpus=4, include_dashboard=False, object_store_memory=LOCAL_OBJECT_STORE_BYTES,
                       configure_logging=False, log_to_driver=False)
    try:
        yield context
    finally:
        try:
            from ray import serve

            serve.shutdown()
        finally:
            ray.shutdown()
