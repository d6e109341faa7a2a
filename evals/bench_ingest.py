"""Ingest benchmark: the full corpus into a fresh index, again unchanged, and again with one page changed.

    python -m evals.bench_ingest [--corpus ../shared/corpus]

Prints pages, chunks, seconds and chunks/s for each run. Not a test: figures go in the issue note.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import tempfile
import time
from pathlib import Path

from ingest.build import build_index
from ingest.model import shared_embedder

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def machine() -> str:
    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args()
    embedder = shared_embedder()
    with tempfile.TemporaryDirectory() as tmp:
        seeds = Path(tmp) / "corpus"
        shutil.copytree(args.corpus, seeds)
        index = Path(tmp) / "index"
        rows = []
        for label in ("fresh", "unchanged", "one page changed"):
            if label == "one page changed":
                page = seeds / "pembrolizumab.md"
                page.write_text(page.read_text("utf-8").replace("Pembrolizumab is also being studied",
                                                                "Pembrolizumab is still being studied"), "utf-8")
            started = time.perf_counter()
            report = build_index([seeds], index, embedder=embedder)
            seconds = time.perf_counter() - started
            chunks = sum(report.chunks_by_kind.values())
            rows.append((label, report.pages_indexed, chunks, report.embedded, seconds, chunks / seconds))
    print(f"machine: {machine()}")
    print("| run | pages | chunks | embedded | seconds | chunks/s |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, pages, chunks, embedded, seconds, rate in rows:
        print(f"| {label} | {pages} | {chunks} | {embedded} | {seconds:.1f} | {rate:.0f} |")


if __name__ == "__main__":
    main()
