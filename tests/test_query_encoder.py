"""The ONNX query encoder the service runs (ingest/query_encoder.py, retrieval/encoders.py): the same model as
ingest's, written into the artifact under its checksum, and a service that never imports torch."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import numpy as np
import pytest

from ingest import artifact
from retrieval import Retriever
from retrieval.encoders import OnnxQueryEncoder

QUESTIONS = ["What is Keytruda used for?", "is imatinib approved for kids with ALL", "wat is ide-cel",
             "My husband was put on Erleada and Lupron. What is the Erleada for exactly?",
             "Which drugs are approved for multiple myeloma?", "I can't stop throwing up since yesterday's chemo"]


@pytest.fixture(scope="module")
def encoder(small_index):
    return OnnxQueryEncoder(small_index)


def test_it_embeds_questions_as_the_torch_model_does(encoder, embedder):
    cosines = (encoder.embed(QUESTIONS) * embedder.embed(QUESTIONS)).sum(axis=1)
    assert cosines.min() >= 0.98 and cosines.mean() >= 0.99


def test_its_vectors_are_unit_length_rows_of_the_index_dimension(encoder):
    vectors = encoder.embed(QUESTIONS)
    assert vectors.shape == (len(QUESTIONS), 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)


def test_questions_are_not_padded(encoder):
    encoding = encoder.tokenizer.encode("What is Keytruda used for?")
    assert len(encoding.ids) == 10 and all(encoding.attention_mask)  # [CLS] what is key ##tr ##uda used for ? [SEP]


def test_the_manifest_records_the_encoder_and_its_checksum(small_index):
    manifest = artifact.read_manifest(small_index)
    assert manifest.query_encoder == {"precision": "int8", "max_tokens": 256}
    for name in (artifact.QUERY_ENCODER_FILE, artifact.TOKENIZER_FILE):
        assert manifest.files[name]["sha256"] == artifact.sha256_file(small_index / name)


def test_an_encoder_that_does_not_match_its_checksum_is_refused(small_index, tmp_path):
    copy = tmp_path / "index"
    shutil.copytree(small_index.resolve(), copy)
    data = bytearray((copy / artifact.QUERY_ENCODER_FILE).read_bytes())
    data[len(data) // 2] ^= 0xFF  # same size, other weights
    (copy / artifact.QUERY_ENCODER_FILE).write_bytes(bytes(data))
    with pytest.raises(artifact.ArtifactError, match="query_encoder.onnx does not match its sha256"):
        Retriever(copy)


def test_the_service_answers_without_importing_torch(small_index):
    script = f"""
import json, sys
from pathlib import Path
from service.engine import Engine
from service.settings import Settings
engine = Engine(Settings.from_env(index_dir=Path({str(small_index)!r})))
answer = engine.answerer().ask("What is Keytruda used for?")
print(json.dumps({{"status": answer.status, "torch": "torch" in sys.modules,
                   "sentence_transformers": "sentence_transformers" in sys.modules}}))
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {
        "status": "answered", "torch": False, "sentence_transformers": False}


def test_onnx_runtime_runs_no_skip_layer_normalization(small_index, tmp_path):
    """Its CPU kernel is slower than the Add + LayerNormalization it would replace (ingest/query_encoder.py):
    the graph ONNX Runtime actually runs, after its own optimisations, has none."""
    import onnx
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.optimized_model_filepath = str(tmp_path / "optimised.onnx")
    onnxruntime.InferenceSession(str(small_index / artifact.QUERY_ENCODER_FILE), options,
                                 providers=["CPUExecutionProvider"])
    operators = {node.op_type for node in onnx.load(str(tmp_path / "optimised.onnx")).graph.node}
    assert "LayerNormalization" in operators and "SkipLayerNormalization" not in operators
