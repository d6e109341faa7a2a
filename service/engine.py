"""The loaded index and the answerer over it, swapped whole when ingest publishes a new build."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from ingest.artifact import ArtifactError
from ingest.model import Embedder, shared_embedder
from retrieval import Retriever
from service.answer import Answerer
from service.settings import Settings

log = logging.getLogger("service.engine")


class Engine:
    """Holds one (retriever, answerer) pair; requests read it, a reload replaces it atomically.

    A new build is loaded and verified completely before it replaces the old one, so a half-written or
    corrupted index is refused and the service goes on answering from the index it had.
    """

    def __init__(self, settings: Settings, embedder: Embedder | None = None) -> None:
        self.settings = settings
        self._embedder = embedder
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._watcher: threading.Thread | None = None
        self._loaded_from: Path | None = None
        self._pair: tuple[Retriever, Answerer] | None = None
        self._pair = self._load()  # at start-up a bad index is fatal: raise ArtifactError

    def _load(self) -> tuple[Retriever, Answerer]:
        target = Path(self.settings.index_dir).resolve()
        retriever = Retriever(target, embedder=self._embedder or shared_embedder())
        self._loaded_from = target
        return retriever, Answerer(retriever, self.settings)

    def retriever(self) -> Retriever | None:
        pair = self._pair
        return pair[0] if pair else None

    def answerer(self) -> Answerer | None:
        pair = self._pair
        return pair[1] if pair else None

    def describe(self) -> dict:
        retriever = self.retriever()
        if retriever is None:
            return {}
        manifest = retriever.manifest
        return {"build": retriever.index_dir.name, "built_at": manifest.built_at,
                "pages": manifest.counts.get("pages"), "chunks": manifest.counts.get("chunks")}

    def reload_if_changed(self) -> bool:
        """Load the build `index_dir` now points at, if it is a new one; keep the old one if it fails."""
        with self._lock:
            target = Path(self.settings.index_dir).resolve()
            if target == self._loaded_from:
                return False
            try:
                pair = self._load()
            except (ArtifactError, OSError, ValueError, RuntimeError) as exc:
                log.error("refused new index at %s, still serving %s: %s", target,
                          self._pair[0].index_dir if self._pair else None, exc)
                self._loaded_from = target  # do not retry the same broken build every few seconds
                return False
            self._pair = pair
            log.info("now serving index %s", target)
            return True

    def watch(self, interval_s: float) -> None:
        """Poll for a newly published index in the background."""
        if self._watcher or interval_s <= 0:
            return

        def loop() -> None:
            while not self._stop.wait(interval_s):
                self.reload_if_changed()

        self._watcher = threading.Thread(target=loop, name="index-watcher", daemon=True)
        self._watcher.start()

    def close(self) -> None:
        self._stop.set()
