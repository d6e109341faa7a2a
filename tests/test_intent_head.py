"""The intent head (retrieval/intent.py): trained on the current examples with this model, computing what
scikit-learn computes, and accurate on examples it was not trained on."""

from __future__ import annotations

import json

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from evals.golden import GOLDEN_FILE, MEDQUAD_FILE, REALISTIC_FILE, load_cases
from ingest.model import EXPECTED_WEIGHTS_SHA256
from retrieval.intent import (ANSWERABLE_FOR_A_DRUG, BY_WORDING_ONLY, EXAMPLES_FILE, WORD_PATTERN, Intent, IntentHead,
                              WordFeatures, examples_sha256, load_examples, softmax)

TEXTS = ["what is xdrug used for", "side effects of xdrug", "can xdrug cause hair loss", "is xdrug approved for "
         "xcancer", "what is xdrug used for in xcancer", "xdrug side effects side effects"]


def test_the_committed_head_was_trained_on_the_current_examples_with_this_model():
    head = IntentHead.load()
    assert head.examples_sha256 == examples_sha256(), "run python -m retrieval.train_intents"
    assert head.weights_sha256 == EXPECTED_WEIGHTS_SHA256
    assert set(head.classes) == set(Intent) - BY_WORDING_ONLY


def test_examples_are_labelled_with_known_intents_and_never_copy_an_eval_question():
    rows = [json.loads(line) for line in EXAMPLES_FILE.read_text("utf-8").splitlines()]
    assert all(set(row) == {"text", "intent"} and Intent(row["intent"]) for row in rows)
    texts = [row["text"].strip().lower() for row in rows]
    assert len(texts) == len(set(texts))
    evaluated = {case.question.strip().lower() for path in (GOLDEN_FILE, MEDQUAD_FILE, REALISTIC_FILE)
                 for case in load_cases(path)}
    assert not evaluated & set(texts)


def test_word_features_equal_scikit_learns_tfidf():
    vectorizer = TfidfVectorizer(token_pattern=WORD_PATTERN, ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    expected = vectorizer.fit_transform(TEXTS).toarray()
    features = WordFeatures({w: int(i) for w, i in vectorizer.vocabulary_.items()}, vectorizer.idf_)
    for text, row in zip(TEXTS, expected):
        columns, values = features.transform(text)
        dense = np.zeros(len(vectorizer.vocabulary_))
        dense[columns] = values
        assert np.allclose(dense, row)


def test_head_probabilities_equal_scikit_learns_predict_proba():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(60, 5))
    y = np.array(["approved_use", "side_effects", "dosing"] * 20)
    model = LogisticRegression(max_iter=1000).fit(x, y)
    ours = softmax(x @ model.coef_.T + model.intercept_)
    assert np.allclose(ours, model.predict_proba(x))


@pytest.mark.slow
def test_held_out_folds_of_the_examples_are_classified_well(embedder, corpus_index):
    from retrieval.train_intents import corpus_matcher, held_out_predictions, views

    examples = load_examples()
    data = views([e.text for e in examples], corpus_matcher(corpus_index), embedder.embed)
    predicted = held_out_predictions(examples, data, folds=5)
    gold = [e.intent for e in examples]
    assert np.mean([g == p for g, p in zip(gold, predicted)]) >= 0.80
    group = ANSWERABLE_FOR_A_DRUG
    assert np.mean([(g in group) == (p in group) for g, p in zip(gold, predicted)]) >= 0.94
