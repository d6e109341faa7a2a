"""Ingest through Ray Data (ingest/ray_embed.py) on a local single-node Ray cluster, loopback only."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import faiss
import numpy as np
import pytest

from ingest import artifact
from ingest.artifact import embedding_text
from ingest.build import build_index
from tests.conftest import REPO, copy_pages

pytestmark = pytest.mark.ray

# A handful of pages: a drug with many indications, a CAR-T, a regimen and a list page (about 80 chunks).
RAY_SLICE = ["pembrolizumab.md", "idecabtagenevicleucel.md", "r-chop.md", "tocilizumab.md", "breast.md"]
ACTORS = 2
TOLERANCE = 1e-6


@pytest.fixture(scope="module")
def ray_slice(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> Path:
    return copy_pages(corpus_dir, RAY_SLICE, tmp_path_factory.mktemp("ray-slice"))


@pytest.fixture(scope="module")
def local_index(tmp_path_factory: pytest.TempPathFactory, ray_slice: Path, embedder) -> Path:
    """The slice, ingested locally: what the Ray ingest must reproduce."""
    index = tmp_path_factory.mktemp("local-index") / "index"
    build_index([ray_slice], index, embedder=embedder)
    return index


@pytest.fixture(scope="module")
def ray_embedder(ray_cluster):
    from ingest.ray_embed import RayEmbedder

    return RayEmbedder(concurrency=ACTORS)


def chunk_ids_and_vectors(index: Path) -> tuple[list[str], np.ndarray]:
    flat = faiss.read_index(str(index / artifact.FAISS_FILE))
    return [chunk.id for chunk in artifact.load_chunks(index)], flat.reconstruct_n(0, flat.ntotal)


def test_ray_ingest_writes_the_same_chunk_ids_and_vectors_as_local_ingest(tmp_path, ray_slice, local_index,
                                                                          ray_embedder):
    report = build_index([ray_slice], tmp_path / "ray", embedder=ray_embedder)
    local_ids, local_vectors = chunk_ids_and_vectors(local_index)
    ray_ids, ray_vectors = chunk_ids_and_vectors(tmp_path / "ray")
    assert report.embedded == len(local_ids) > 0  # a fresh index: every chunk went through Ray Data
    assert ray_ids == local_ids
    assert np.abs(ray_vectors - local_vectors).max() <= TOLERANCE
    assert artifact.read_manifest(tmp_path / "ray").weights_sha256 == artifact.read_manifest(local_index).weights_sha256


def test_ray_embedder_returns_vectors_in_input_order(local_index, embedder, ray_embedder):
    texts = [embedding_text(chunk) for chunk in artifact.load_chunks(local_index)][:60]
    shuffled = [texts[i] for i in np.random.default_rng(12).permutation(len(texts))]
    vectors = ray_embedder.embed(shuffled, batch_size=4)  # 15 batches over 2 actors: they finish out of order
    assert np.abs(vectors - embedder.embed(shuffled)).max() <= TOLERANCE


def test_ray_ingest_embeds_only_the_chunks_the_cache_lacks(tmp_path, ray_slice, embedder, ray_embedder):
    seeds = tmp_path / "seeds"
    shutil.copytree(ray_slice, seeds)
    index = tmp_path / "index"
    build_index([seeds], index, embedder=embedder)  # a local ingest fills the cache the Ray ingest reads
    before = {embedding_text(chunk) for chunk in artifact.load_chunks(index)}
    page = seeds / "tocilizumab.md"
    page.write_text(page.read_text("utf-8").replace("severe or life-threatening", "severe or life threatening"), "utf-8")
    report = build_index([seeds], index, embedder=ray_embedder)
    new_texts = {embedding_text(chunk) for chunk in artifact.load_chunks(index)} - before
    assert report.embedded == len(new_texts) >= 1
    assert report.reused == sum(report.chunks_by_kind.values()) - report.embedded


def test_plain_ingest_does_not_import_ray():
    probe = "import sys, ingest.__main__, ingest.build; print('ray' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
