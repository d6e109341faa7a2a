"""Query encoders: what turns a question into the vector FAISS searches with.

`OnnxQueryEncoder` is the one the service runs: the artifact's ONNX export of the packaged MiniLM and its
tokenizer, on ONNX Runtime with the `tokenizers` library, so a worker never imports torch (about 1.5 ms a
question on one thread, against 9 ms with torch). The torch `ingest.model.Embedder` satisfies the same
protocol; evals and tests may pass it to compare the two.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Protocol

import numpy as np

from ingest import artifact

INPUTS = ("input_ids", "attention_mask", "token_type_ids")


class QueryEncoder(Protocol):
    dimension: int

    def embed(self, texts: list[str]) -> np.ndarray:
        """One L2-normalised float32 row per text."""


class OnnxQueryEncoder:
    """The artifact's query encoder. One intra-op thread: a worker per core scales better than threads that
    fight over the same cores; the tokenizer truncates as sentence-transformers does and never pads (the
    packaged tokenizer.json pads every input to 128 tokens, 16 times the work for a short question). Both the
    tokenizer and the session are safe to call from several threads."""

    def __init__(self, index_dir: Path, threads: int = 1) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        index_dir = Path(index_dir)
        manifest = artifact.read_manifest(index_dir)
        self.dimension = manifest.dimension
        self.max_tokens = int(manifest.query_encoder.get("max_tokens", 256))
        self.tokenizer = Tokenizer.from_file(str(index_dir / artifact.TOKENIZER_FILE))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(self.max_tokens)
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.enable_cpu_mem_arena = False  # the arena held 56 MB a worker for no measurable speed-up (27 MB off)
        self.session = onnxruntime.InferenceSession(str(index_dir / artifact.QUERY_ENCODER_FILE), options,
                                                    providers=["CPUExecutionProvider"])

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype="float32")
        rows = []
        for encoding in self.tokenizer.encode_batch(list(texts)):  # one question at a time: no padding, so no wasted tokens
            ids = np.array([encoding.ids], dtype=np.int64)
            feed = {"input_ids": ids, "attention_mask": np.array([encoding.attention_mask], dtype=np.int64),
                    "token_type_ids": np.zeros_like(ids)}
            rows.append(self.session.run(None, feed)[0][0])
        return np.asarray(rows, dtype="float32")


def vocabulary_words(index_dir: Path) -> frozenset[str]:
    """Everyday English words: the whole words of the model's WordPiece vocabulary (in the artifact's
    tokenizer.json; about 20,000 words of three letters or more). A drug's name, even misspelt, is almost
    never one of them."""
    vocab = json.loads((Path(index_dir) / artifact.TOKENIZER_FILE).read_text("utf-8"))["model"]["vocab"]
    return frozenset(w for w in vocab if len(w) >= 3 and w.isalpha())
