"""CI's eval gate: the fast subsets of the golden set and the MedQuAD dev set on the full corpus, held to
evals/thresholds.toml."""

from __future__ import annotations

import pytest

from evals.golden import GOLDEN_FILE, MEDQUAD_FILE, load_cases, select
from evals.pipelines import InProcess
from evals.run import build_report, check_gate, retrieval_scores
from evals.truth import read_truth
from retrieval import Retriever
from service.answer import Answerer
from service.settings import Settings

SETS = {"golden": GOLDEN_FILE, "medquad": MEDQUAD_FILE}


@pytest.fixture(scope="module")
def corpus_retriever(corpus_index, embedder):
    return Retriever(corpus_index)


@pytest.mark.parametrize("eval_set", SETS)
def test_fast_subset_meets_the_gate_thresholds(eval_set, corpus_index, corpus_dir, corpus_retriever):
    cases = select(load_cases(SETS[eval_set]), subset="fast")
    settings = Settings.from_env(index_dir=corpus_index)
    ours = InProcess(Answerer(corpus_retriever, settings))
    report = build_report({eval_set: ([ours], cases)}, read_truth(corpus_dir, corpus_index), None,
                          settings.current_date())
    summary = report["sets"][eval_set]["pipelines"]["ours"]["summary"]
    assert check_gate(summary, eval_set) == []
    assert summary["sentence_support"] in (1.0, None) and summary["citation_numbering_ok"] in (1.0, None)


@pytest.mark.parametrize("eval_set", SETS)
def test_fast_subset_covers_every_category(eval_set):
    cases = load_cases(SETS[eval_set])
    assert {c.category for c in select(cases, subset="fast")} == {c.category for c in cases}


def test_hybrid_retrieval_beats_dense_and_bm25_on_every_measure(corpus_retriever):
    table = retrieval_scores(corpus_retriever, load_cases())
    measures = [m for m in table["hybrid"] if not m.endswith("_cases")]
    for measure in measures:
        assert table["hybrid"][measure] > table["dense"][measure], measure
        assert table["hybrid"][measure] > table["bm25"][measure], measure
