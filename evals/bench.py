"""Latency benchmarks on the full corpus (figures for the issue notes, not timed tests).

    python -m evals.bench            # search cold/warm and /v1/ask in-process, p50/p95, over the golden questions

Cold: the query-embedding cache is emptied before every query, so each search embeds its question.
Warm: the same questions again, with their embeddings cached.
"""

from __future__ import annotations

import time

from evals.__main__ import DEFAULT_CORPUS, DEFAULT_INDEX
from evals.golden import load_cases
from evals.metrics import percentile
from evals.run import machine
from ingest.build import build_index
from ingest.model import shared_embedder
from retrieval import Filters, Retriever
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


def main() -> None:
    embedder = shared_embedder()
    build_index([DEFAULT_CORPUS], DEFAULT_INDEX, embedder=embedder)
    retriever = Retriever(DEFAULT_INDEX, embedder=embedder)
    answerer = Answerer(retriever, Settings.from_env(index_dir=DEFAULT_INDEX))
    cases = load_cases()
    questions = [c.question for c in cases]
    approved = Filters(sections=("approved_use",))
    retriever.search("warm up the model", 5)

    def cold(question: str) -> None:
        retriever.query_cache.clear()
        retriever.search(question, 5, approved)

    cold_ms, warm_ms, ask_cold, ask_warm = [], [], [], []
    for _ in range(ROUNDS):
        cold_ms += timed(cold, questions)
        for question in questions:  # fill the cache, untimed
            retriever.search(question, 5, approved)
        warm_ms += timed(lambda q: retriever.search(q, 5, approved), questions)
        retriever.query_cache.clear()
        ask_cold += timed(lambda c: answerer.ask(c.question, c.history), cases)
        ask_warm += timed(lambda c: answerer.ask(c.question, c.history), cases)
    print(f"machine: {machine()}; corpus: {len(retriever.pages)} pages, {len(retriever.chunks)} chunks; "
          f"{len(questions)} golden questions x {ROUNDS} rounds")
    print("| measure | samples | p50 ms | p95 ms |")
    print("|---|---:|---:|---:|")
    print(row("search, cold cache", cold_ms))
    print(row("search, warm cache", warm_ms))
    print(row("/v1/ask in-process, cold cache", ask_cold))
    print(row("/v1/ask in-process, warm cache", ask_warm))


if __name__ == "__main__":
    main()
