"""In-process latency on the full corpus, one table: ours before and after, and the naive recipe, in one run.

    python -m evals.bench            # (make bench) golden questions, p50/p95 in ms, machine noted

Rows, each over the golden questions (with their history) x ROUNDS:
- ours, torch query encoder: the service as it embedded questions before the ONNX encoder (sentence-transformers
  with torch, fp32);
- ours, ONNX query encoder: the artifact's encoder, as the service runs it now (one intra-op thread);
- the naive recipe: torch MiniLM embedding of the question + FAISS top-1 over 1,000-character chunks, no analysis.
Cold: the query-embedding cache is emptied before every question, so each question is embedded. Warm: the same
questions again with their embeddings cached. Figures for the issue notes, not timed tests: the machine is shared.
"""

from __future__ import annotations

import time

from evals.__main__ import CACHE_DIR, DEFAULT_CORPUS, DEFAULT_INDEX
from evals.golden import load_cases
from evals.metrics import percentile
from evals.pipelines import NaiveRag
from evals.run import machine
from ingest.build import build_index
from ingest.model import shared_embedder
from retrieval import Retriever
from service.answer import Answerer
from service.settings import Settings

ROUNDS = 3


def timed(function, items) -> list[float]:
    samples = []
    for item in items:
        started = time.perf_counter()
        function(item)
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def row(name: str, samples: list[float]) -> str:
    return f"| {name} | {len(samples)} | {percentile(samples, 50):.1f} | {percentile(samples, 95):.1f} |"


def ask_rows(name: str, retriever: Retriever, cases, settings: Settings) -> list[str]:
    answerer = Answerer(retriever, settings)
    answerer.ask("warm up the model")
    cold, warm = [], []

    def ask_cold(case) -> None:
        retriever.query_cache.clear()
        answerer.ask(case.question, case.history)

    for _ in range(ROUNDS):
        cold += timed(ask_cold, cases)
        for case in cases:  # fill the cache, untimed
            answerer.ask(case.question, case.history)
        warm += timed(lambda case: answerer.ask(case.question, case.history), cases)
    return [row(f"{name}, cold cache", cold), row(f"{name}, warm cache", warm)]


def main() -> None:
    embedder = shared_embedder()
    build_index([DEFAULT_CORPUS], DEFAULT_INDEX, embedder=embedder)
    settings = Settings.from_env(index_dir=DEFAULT_INDEX)
    cases = load_cases()
    onnx = Retriever(DEFAULT_INDEX)
    rows = ask_rows("ours, ONNX query encoder (now)", onnx, cases, settings)
    rows += ask_rows("ours, torch query encoder (before)", Retriever(DEFAULT_INDEX, embedder=embedder), cases, settings)
    naive = NaiveRag(DEFAULT_INDEX, embedder, CACHE_DIR)
    naive.ask(cases[0])
    naive_ms = [ms for _ in range(ROUNDS) for ms in timed(naive.ask, cases)]
    print(f"machine: {machine()}; corpus: {len(onnx.pages)} pages, {len(onnx.chunks)} chunks; query encoder: "
          f"{onnx.manifest.query_encoder}; {len(cases)} golden questions x {ROUNDS} rounds")
    print("| /v1/ask in-process | samples | p50 ms | p95 ms |")
    print("|---|---:|---:|---:|")
    print("\n".join(rows))
    print(row("naive recipe (torch MiniLM + FAISS top-1), every question embedded", naive_ms))


if __name__ == "__main__":
    main()
