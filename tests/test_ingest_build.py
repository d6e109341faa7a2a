"""Building and publishing the index artifact with the real model and real FAISS."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import faiss
import numpy as np
import pytest

from ingest import artifact
from ingest.build import build_index
from ingest.model import EXPECTED_WEIGHTS_SHA256, ModelError, check_weights
from tests.conftest import SEED_PAGE, SEEDS


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    return folder


def test_seed_index_has_a_complete_manifest(seed_index):
    manifest = artifact.verify(seed_index)
    assert manifest.format_version == artifact.FORMAT_VERSION
    assert manifest.model_name == "sentence-transformers/all-MiniLM-L6-v2"
    assert manifest.weights_sha256 == EXPECTED_WEIGHTS_SHA256
    assert manifest.dimension == 384
    assert list(manifest.pages) == ["https://www.cancer.gov/about-cancer/treatment/drugs/idecabtagenevicleucel"]
    assert manifest.pages[list(manifest.pages)[0]] == artifact.sha256_bytes(SEED_PAGE.read_bytes())
    assert manifest.counts["pages"] == 1 and manifest.counts["chunks"] == len(artifact.load_chunks(seed_index))
    assert manifest.built_at.endswith("Z")


def test_faiss_rows_are_normalised_vectors_one_per_chunk(seed_index):
    index = faiss.read_index(str(seed_index / artifact.FAISS_FILE))
    chunks = artifact.load_chunks(seed_index)
    assert index.ntotal == len(chunks)
    assert isinstance(index, faiss.IndexFlatIP)
    vectors = index.reconstruct_n(0, index.ntotal)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)


def test_stored_pages_hold_the_cleaned_text_quotes_are_checked_against(seed_index):
    page = artifact.load_pages(seed_index)[0]
    assert "Patients’ Immune Cells" in page.text
    for chunk in artifact.load_chunks(seed_index):
        for start, end in chunk.spans:
            assert page.text[start:end] in chunk.text


def test_chunk_vector_matches_its_own_text_best(seed_index, embedder):
    chunks = artifact.load_chunks(seed_index)
    index = faiss.read_index(str(seed_index / artifact.FAISS_FILE))
    query = embedder.embed(["Abecma REMS Risk Evaluation and Mitigation Strategies program"])
    _, rows = index.search(query, 1)
    assert "Abecma REMS" in chunks[rows[0][0]].text


def test_unchanged_rebuild_embeds_nothing(seeds_copy, tmp_path, embedder):
    index = tmp_path / "index"
    first = build_index([seeds_copy], index, embedder=embedder)
    second = build_index([seeds_copy], index, embedder=embedder)
    assert first.embedded == sum(first.chunks_by_kind.values()) and first.reused == 0
    assert second.embedded == 0 and second.reused == sum(second.chunks_by_kind.values())


def test_changing_one_page_embeds_only_that_pages_changed_chunks(tmp_path, small_corpus, embedder):
    seeds = tmp_path / "seeds"
    shutil.copytree(small_corpus, seeds)
    index = tmp_path / "index"
    build_index([seeds], index, embedder=embedder)
    page = seeds / "tocilizumab.md"
    page.write_text(page.read_text("utf-8").replace("severe or life-threatening", "severe or life threatening"), "utf-8")
    report = build_index([seeds], index, embedder=embedder)
    changed = [c for c in artifact.load_chunks(index) if c.url.endswith("/tocilizumab")]
    assert 1 <= report.embedded <= len(changed)
    assert report.reused == sum(report.chunks_by_kind.values()) - report.embedded


def test_publish_swaps_the_index_and_keeps_it_valid(seeds_copy, tmp_path, embedder):
    index = tmp_path / "index"
    build_index([seeds_copy], index, embedder=embedder)
    first_target = index.resolve()
    build_index([seeds_copy], index, embedder=embedder)
    assert index.is_symlink() and index.resolve() != first_target
    artifact.verify(index)
    builds = [p for p in artifact.builds_dir(index).iterdir() if p.is_dir()]
    assert len(builds) <= artifact.BUILDS_KEPT


def test_ingest_that_fails_mid_way_leaves_the_previous_index(seeds_copy, tmp_path, embedder, monkeypatch):
    index = tmp_path / "index"
    build_index([seeds_copy], index, embedder=embedder)
    before = index.resolve()
    manifest_before = (index / artifact.MANIFEST).read_text("utf-8")

    def broken_write(path, rows):
        Path(path).write_text("half", "utf-8")
        raise OSError("disk full")

    monkeypatch.setattr(artifact, "write_jsonl", broken_write)
    with pytest.raises(OSError, match="disk full"):
        build_index([seeds_copy], index, embedder=embedder)
    assert index.resolve() == before
    assert (index / artifact.MANIFEST).read_text("utf-8") == manifest_before
    artifact.verify(index)
    leftovers = [p for p in artifact.builds_dir(index).iterdir() if p.is_dir() and p != before]
    assert leftovers == []


def test_truncated_faiss_file_is_refused(seeds_copy, tmp_path, embedder):
    index = tmp_path / "index"
    build_index([seeds_copy], index, embedder=embedder)
    faiss_file = index / artifact.FAISS_FILE
    faiss_file.write_bytes(faiss_file.read_bytes()[:100])
    with pytest.raises(artifact.ArtifactError, match="truncated"):
        artifact.verify(index)


def test_manifest_for_another_model_is_refused(seeds_copy, tmp_path, embedder):
    index = tmp_path / "index"
    build_index([seeds_copy], index, embedder=embedder)
    manifest = json.loads((index / artifact.MANIFEST).read_text("utf-8"))
    manifest["weights_sha256"] = "0" * 64
    (index / artifact.MANIFEST).write_text(json.dumps(manifest), "utf-8")
    with pytest.raises(artifact.ArtifactError, match="other model weights"):
        artifact.verify(index, weights_sha256=EXPECTED_WEIGHTS_SHA256)


def test_model_weights_with_the_wrong_hash_fail_with_a_clear_message(tmp_path):
    (tmp_path / "model.safetensors").write_bytes(b"not the real weights")
    with pytest.raises(ModelError, match="expected 53aa5117"):
        check_weights(tmp_path)


def test_aliases_come_from_titles_brands_and_list_entries(small_index):
    aliases = artifact.load_aliases(small_index)
    pembro = "https://www.cancer.gov/about-cancer/treatment/drugs/pembrolizumab"
    assert aliases["drug"]["keytruda"] == [pembro]
    assert aliases["drug"]["pembrolizumab"] == [pembro]
    assert aliases["drug"]["r-chop"] == ["https://www.cancer.gov/about-cancer/treatment/drugs/r-chop"]
    assert "https://www.cancer.gov/about-cancer/treatment/drugs/multiple-myeloma" in aliases["cancer"]["multiple myeloma"]


def test_a_list_headings_acronym_is_a_cancer_name_even_when_it_is_a_word(small_index):
    # "Drugs Approved for Acute Lymphoblastic Leukemia (ALL)": the matcher counts "ALL" only in capitals.
    leukemia = "https://www.cancer.gov/about-cancer/treatment/drugs/leukemia"
    cancers = artifact.load_aliases(small_index)["cancer"]
    assert leukemia in cancers["all"] and leukemia in cancers["cml"]


def test_the_letters_of_an_a_to_z_index_are_not_drug_names(corpus_index):
    # cancer-drugs.md links "A", "B", ... "I" to its own sections; "I" must not make "Can I ...?" name a drug.
    aliases = artifact.load_aliases(corpus_index)
    assert not [name for table in aliases.values() for name in table if len(name) < 2]
