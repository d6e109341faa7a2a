"""Ingest benchmark: the full corpus into a fresh index, again unchanged, and again with one page changed.

    python -m evals.bench_ingest [--corpus ../shared/corpus]

Prints pages, chunks, seconds and chunks/s for each run. Not a test: figures go in the issue note.

    python -m service.loopback -- python -m evals.bench_ingest --ray [ADDRESS] [--actors 1,2] [--chunks N]

instead embeds the corpus's chunk texts (the cache bypassed) in this process and through Ray Data with each
number of actors, and prints seconds and chunks/s, plus the fixed cost of each Ray run (cluster start,
actors loading the model) measured on a run of a few chunks. docs/SCALE_OUT.md has the figures.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import tempfile
import time
from pathlib import Path

from ingest.artifact import embedding_text
from ingest.build import build_index, prepare_page
from ingest.model import shared_embedder
from ingest.pages import load_seed_pages

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def machine() -> str:
    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def corpus_texts(corpus: Path) -> list[str]:
    """The texts an ingest of `corpus` embeds, in build order."""
    pages, _ = load_seed_pages([corpus], None)
    texts = []
    for page in sorted(pages, key=lambda p: p.url):
        try:
            texts.extend(embedding_text(chunk) for chunk in prepare_page(page)[2])
        except Exception:  # noqa: BLE001 - a page the build would skip
            continue
    return texts


def timed_embed(embedder, texts: list[str]) -> float:
    started = time.perf_counter()
    embedder.embed(texts)
    return time.perf_counter() - started


def bench_ray(corpus: Path, address: str | None, actor_counts: list[int], limit: int | None) -> None:
    """Embedding throughput in this process vs through Ray Data, on the same texts."""
    from ingest.ray_embed import RayEmbedder

    texts = corpus_texts(corpus)[:limit]
    rows = []
    local = shared_embedder()
    local.embed(texts[:8])  # warm up
    rows.append(("local (this process, torch on every core)", len(texts), 0.0, timed_embed(local, texts)))
    started = time.perf_counter()
    RayEmbedder(address).connect()
    connect = time.perf_counter() - started
    for actors in actor_counts:
        embedder = RayEmbedder(address, concurrency=actors)
        fixed = timed_embed(embedder, texts[:actors])  # one text per actor: start-up, model load, scheduling
        rows.append((f"Ray Data, {actors} actor(s) of 1 CPU", len(texts), fixed, timed_embed(embedder, texts)))
    import ray

    ray.shutdown()
    print(f"machine: {machine()}")
    print(f"Ray cluster start (ray.init): {connect:.1f} s")
    print("| embedding | chunks | fixed cost per run, s | seconds | chunks/s | chunks/s after the fixed cost |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, n, fixed, seconds in rows:
        steady = n / (seconds - fixed) if seconds > fixed else float("nan")
        print(f"| {label} | {n} | {fixed:.1f} | {seconds:.1f} | {n / seconds:.0f} | {steady:.0f} |")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--ray", nargs="?", const="local", default=None, metavar="ADDRESS",
                        help="compare embedding in this process with Ray Data (alone: a new local cluster)")
    parser.add_argument("--actors", default="1,2", help="with --ray: actor counts to measure (default 1,2)")
    parser.add_argument("--chunks", type=int, default=None, help="with --ray: only the first N chunks")
    args = parser.parse_args()
    if args.ray is not None:
        address = None if args.ray == "local" else args.ray
        bench_ray(args.corpus, address, [int(n) for n in args.actors.split(",")], args.chunks)
        return
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
