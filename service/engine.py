"""The loaded index and the answerer over it, swapped whole when ingest publishes a new build.

Three ways to make a running service pick up a newly published index (see docs/HARDENING.md):

- polling: each worker process looks at where `RAG_INDEX_DIR` points every `RAG_RELOAD_INTERVAL_S` seconds;
- `SIGHUP` to a worker process (or to the single process without `--workers`): look now;
- `POST /v1/admin/reload` with `Authorization: Bearer $RAG_ADMIN_TOKEN`: the worker that receives it looks now.

A new build is loaded and verified completely (manifest, sizes, sha256 of every file, FAISS rows against
chunks) before it replaces the old one; requests in flight keep the build they started with. A build that is
refused is not retried until it changes on disk (say, it is repaired in place) or a reload is forced.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import gc
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import orjson

from ingest import artifact
from retrieval import Retriever
from retrieval.lru import LRUCache
from retrieval.encoders import QueryEncoder
from service.answer import Answer, Answerer
from service.settings import Settings

log = logging.getLogger("service.engine")
NO_INDEX = "no index is loaded"



def return_freed_memory() -> None:
    """Loading a build parses about 10 MB of JSON into objects it then drops; glibc keeps the freed heap unless
    asked to give it back (14 MB a worker, measured)."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass  # not glibc


@dataclass(frozen=True)
class CachedAnswer:
    status: str
    body: bytes  # the JSON /v1/ask returns


def answer_json(answer: Answer) -> bytes:
    """orjson serialises the dataclasses directly: 3 us for a long answer against 200 us for asdict + json."""
    return orjson.dumps(answer)


def answer_key(today: dt.date, question: str, history: list[dict]) -> tuple:
    """An answer depends on the question, the conversation before it, the index and the date (review_overdue)."""
    return today, question, tuple((turn["role"], turn["content"]) for turn in history)


@dataclass
class Loaded:
    """One build, loaded: requests take all three together, so a reload mid-request cannot mix builds."""

    retriever: Retriever
    answerer: Answerer
    answers: LRUCache[tuple, CachedAnswer]  # a repeated question costs a dictionary lookup, not a search


class NotReady(RuntimeError):
    """No build is loaded, or the loaded one does not answer a search."""


@dataclass(frozen=True)
class ReloadResult:
    status: str  # reloaded | unchanged | refused
    build: str | None  # the build now served
    error: str | None = None  # why the new build was refused


def fingerprint(target: Path) -> tuple:
    """What a build directory holds, cheaply: a refused build is retried only once this changes."""
    entries = []
    for name in (artifact.MANIFEST, *artifact.DATA_FILES):
        try:
            stat = (target / name).stat()
            entries.append((name, stat.st_ino, stat.st_size, stat.st_mtime_ns))
        except OSError:
            entries.append((name, None))
    return str(target), tuple(entries)


class Engine:
    """Holds one loaded build (retriever, answerer, answer cache); requests read it, a reload replaces it whole.

    A new build is loaded and verified completely before it replaces the old one, so a half-written or
    corrupted index is refused and the service goes on answering from the index it had.
    """

    def __init__(self, settings: Settings, embedder: QueryEncoder | None = None, load: bool = True) -> None:
        """`embedder` defaults to each build's own ONNX query encoder (no torch in the service). With
        `load=False` nothing is loaded until `reload(target=...)` (a Ray Serve replica's `reconfigure`)."""
        self.settings = settings
        self._embedder = embedder
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._force = False
        self._watcher: threading.Thread | None = None
        self._loaded_from: Path | None = None
        self._refused: tuple | None = None  # fingerprint of the last build refused
        self.last_error: str | None = None
        self._loaded: Loaded | None = None
        self._reload_listeners: list[Callable[[ReloadResult], None]] = []
        if load:
            target = self._target()
            self._loaded = self._load(target)  # at start-up a bad index is fatal: raise ArtifactError
            self._loaded_from = target
            return_freed_memory()

    def _target(self) -> Path:
        return Path(self.settings.index_dir).resolve()

    def _load(self, target: Path) -> Loaded:
        retriever = Retriever(target, embedder=self._embedder, encoder_threads=self.settings.encoder_threads,
                              cache_size=self.settings.query_cache_size)
        answerer = Answerer(retriever, self.settings)
        answerer.ask("What is this drug approved to treat?")  # warm the model: the first patient should not wait
        return Loaded(retriever, answerer, LRUCache(self.settings.answer_cache_size))

    def loaded(self) -> Loaded | None:
        return self._loaded

    def retriever(self) -> Retriever | None:
        loaded = self._loaded
        return loaded.retriever if loaded else None

    def answerer(self) -> Answerer | None:
        loaded = self._loaded
        return loaded.answerer if loaded else None

    def describe(self) -> dict:
        retriever = self.retriever()
        if retriever is None:
            return {}
        manifest = retriever.manifest
        described = {"build": retriever.index_dir.name, "built_at": manifest.built_at,
                     "pages": manifest.counts.get("pages"), "chunks": manifest.counts.get("chunks")}
        return described | ({"refused": self.last_error} if self.last_error else {})

    def check_ready(self) -> dict:
        """What /readyz and a Ray Serve replica's health check both ask: a build is loaded and answers a search."""
        retriever = self.retriever()
        if retriever is None:
            raise NotReady(self.last_error or NO_INDEX)
        retriever.search("approved", 1)
        return self.describe()

    def on_reload(self, listener: Callable[[ReloadResult], None]) -> None:
        """Call `listener` with the result of every reload, whichever way it came (the watcher, SIGHUP, the admin
        call, a Ray Serve reconfigure): how /metrics counts them without the engine knowing of metrics."""
        self._reload_listeners.append(listener)

    def reload(self, force: bool = False, target: Path | None = None) -> ReloadResult:
        """Load the build `index_dir` now points at (or `target`), if it is a new one; keep the old one if it
        fails.

        `force` retries a build that was refused before even if it has not changed on disk.
        """
        result = self._reload(force, target)
        for listener in self._reload_listeners:
            listener(result)
        return result

    def _reload(self, force: bool, target: Path | None) -> ReloadResult:
        with self._lock:
            target = Path(target).resolve() if target is not None else self._target()
            served = self.describe().get("build")
            if target == self._loaded_from:
                return ReloadResult("unchanged", served)
            seen = fingerprint(target)
            if seen == self._refused and not force:
                return ReloadResult("refused", served, self.last_error)
            try:
                loaded = self._load(target)
            except Exception as exc:  # noqa: BLE001 - nothing in a new build may take down the one being served
                self._refused = seen
                self.last_error = f"{type(exc).__name__}: {exc}" if not isinstance(exc, artifact.ArtifactError) \
                    else str(exc)
                log.error("refused new index at %s, still serving %s: %s", target, served, self.last_error)
                return ReloadResult("refused", served, self.last_error)
            self._loaded = loaded
            self._loaded_from = target
            self._refused = None
            self.last_error = None
            del loaded
            return_freed_memory()
            log.info("now serving index %s", target)
            return ReloadResult("reloaded", target.name)

    def reload_if_changed(self) -> bool:
        """True if a new build was loaded."""
        return self.reload().status == "reloaded"

    def request_reload(self) -> None:
        """Ask the watcher thread to look now, retrying a refused build (safe to call from a signal handler)."""
        self._force = True
        self._wake.set()

    def watch(self, interval_s: float) -> None:
        """Look for a newly published index in the background: every `interval_s` seconds (0: never by
        itself), and whenever `request_reload` is called."""
        if self._watcher:
            return

        def loop() -> None:
            while not self._stop.is_set():
                self._wake.wait(interval_s if interval_s > 0 else None)
                self._wake.clear()
                if self._stop.is_set():
                    return
                force, self._force = self._force, False
                try:
                    self.reload(force=force)
                except Exception:  # noqa: BLE001 - the watcher must outlive any one failure
                    log.exception("index watcher: reload failed")

        self._watcher = threading.Thread(target=loop, name="index-watcher", daemon=True)
        self._watcher.start()

    def close(self) -> None:
        self._stop.set()
        self._wake.set()
