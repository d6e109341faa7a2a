"""CI's eval gate: the fast subset of the golden set on the full corpus, held to evals/thresholds.toml."""

from __future__ import annotations

import pytest

from evals.golden import load_cases, select
from evals.pipelines import InProcess
from evals.run import build_report, check_gate, retrieval_scores
from evals.truth import read_truth
from retrieval import Retriever
from service.answer import Answerer
from service.settings import Settings


@pytest.fixture(scope="module")
def corpus_retriever(corpus_index, embedder):
    return Retriever(corpus_index, embedder=embedder)


def test_fast_subset_meets_the_gate_thresholds(corpus_index, corpus_dir, corpus_retriever):
    cases = select(load_cases(), subset="fast")
    settings = Settings.from_env(index_dir=corpus_index)
    report = build_report([InProcess(Answerer(corpus_retriever, settings))], cases,
                          read_truth(corpus_dir, corpus_index), None, settings.current_date())
    summary = report["pipelines"]["ours"]["summary"]
    assert check_gate(summary) == []
    assert summary["sentence_support"] == 1.0 and summary["citation_numbering_ok"] == 1.0


def test_fast_subset_covers_every_category():
    cases = select(load_cases(), subset="fast")
    assert {c.category for c in cases} == {c.category for c in load_cases()}


def test_hybrid_retrieval_beats_dense_and_bm25_on_every_measure(corpus_retriever):
    table = retrieval_scores(corpus_retriever, load_cases())
    measures = [m for m in table["hybrid"] if not m.endswith("_cases")]
    for measure in measures:
        assert table["hybrid"][measure] > table["dense"][measure], measure
        assert table["hybrid"][measure] > table["bm25"][measure], measure
