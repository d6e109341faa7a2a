"""Embedding cache keyed by model weights and text hash, so a rebuild only embeds text it has not seen."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import numpy as np


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class EmbeddingCache:
    def __init__(self, path: Path, dimension: int) -> None:
        self.path = path
        self.dimension = dimension
        self._vectors: dict[str, np.ndarray] = {}
        if path.is_file():
            try:
                with np.load(path, allow_pickle=False) as data:
                    keys, vectors = data["keys"], data["vectors"]
                if vectors.ndim == 2 and vectors.shape[1] == dimension:
                    self._vectors = dict(zip(keys.tolist(), vectors))
            except (OSError, ValueError, KeyError):
                self._vectors = {}  # a damaged cache only costs re-embedding

    @classmethod
    def for_model(cls, directory: Path, weights_sha256: str, dimension: int) -> "EmbeddingCache":
        for stray in directory.glob("embedding-cache-*.tmp.npz"):  # left by an ingest killed while saving
            stray.unlink(missing_ok=True)
        return cls(directory / f"embedding-cache-{weights_sha256[:16]}.npz", dimension)

    def get(self, key: str) -> np.ndarray | None:
        return self._vectors.get(key)

    def put(self, key: str, vector: np.ndarray) -> None:
        self._vectors[key] = vector

    def keep_only(self, keys: set[str]) -> None:
        """Forget vectors no chunk uses any more, so the cache does not grow forever."""
        self._vectors = {k: v for k, v in self._vectors.items() if k in keys}

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        keys = np.array(sorted(self._vectors), dtype="U64")
        vectors = np.stack([self._vectors[k] for k in keys]) if len(keys) else np.zeros((0, self.dimension), "float32")
        tmp = self.path.with_name(self.path.name + f".{os.getpid()}.tmp.npz")
        np.savez(tmp, keys=keys, vectors=vectors.astype("float32"))
        os.replace(tmp, self.path)
