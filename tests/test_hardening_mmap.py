"""Worker processes share one copy of the FAISS vectors only if the index file is memory-mapped.

FAISS's IO_FLAG_MMAP maps only IVF inverted lists: an `IndexFlatIP` (what ingest writes) read with it is copied
into private memory in every worker. IO_FLAG_MMAP_IFC maps flat codes. See docs/HARDENING.md.
"""

from __future__ import annotations

import os
import shutil

import faiss

from ingest import artifact
from retrieval.retriever import read_faiss


def mapped(path) -> bool:
    real = os.path.realpath(path)
    with open("/proc/self/maps", encoding="utf-8") as maps:
        return any(line.rstrip().endswith(real) for line in maps)


def test_io_flag_mmap_copies_a_flat_index_instead_of_mapping_it(small_index, tmp_path):
    path = tmp_path / artifact.FAISS_FILE
    shutil.copy(small_index / artifact.FAISS_FILE, path)
    index = faiss.read_index(str(path), faiss.IO_FLAG_MMAP | faiss.IO_FLAG_READ_ONLY)
    assert index.ntotal > 0 and not mapped(path)


def test_read_faiss_memory_maps_the_index_file(small_index, tmp_path):
    path = tmp_path / artifact.FAISS_FILE  # a private copy: no other test's mapping can make this pass
    shutil.copy(small_index / artifact.FAISS_FILE, path)
    index = read_faiss(path)
    assert index.ntotal > 0 and mapped(path)
    assert index.search(index.reconstruct(0).reshape(1, -1), 1)[1][0][0] == 0
