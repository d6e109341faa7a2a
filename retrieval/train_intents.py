"""python -m retrieval.train_intents [--index DIR] [--folds 5] [--check]: train the intent head, report held-out
accuracy.

Masks the drug, medicine and cancer names of `intent_examples.jsonl` with the name tables of an index
artifact (the corpus index the evals use, by default), embeds the examples with the packaged MiniLM, reports
stratified k-fold accuracy (the head is always judged on examples it was not trained on), fits the head on
every example and writes `intent_head.npz`. `--check` only reports, writing nothing.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from retrieval.intent import ANSWERABLE_FOR_A_DRUG, EXAMPLES_FILE, HEAD_FILE, WORD_PATTERN, Example, Intent, \
    IntentHead, WordFeatures, examples_sha256, load_examples
from retrieval.name_matcher import NameMatcher

C = 16.0  # inverse regularisation strength, chosen on the folds (4: 0.836, 16: 0.842, 32: 0.842 intent accuracy)
SEED = 0
DEFAULT_INDEX = Path(__file__).resolve().parents[1] / "index-corpus"


@dataclass
class Views:
    """The two inputs of the head for a set of texts: embeddings of the drug-masked texts, and the fully
    masked texts whose words are counted."""

    vectors: np.ndarray
    words_texts: list[str]


def views(texts: list[str], matcher: NameMatcher, embed) -> Views:
    from retrieval.query import intent_texts

    pairs = [intent_texts(text, *matcher.find(text)) for text in texts]
    return Views(embed([embedded for embedded, _ in pairs]), [words for _, words in pairs])


def fit(data: Views, rows: np.ndarray, labels: list[Intent], c: float = C
        ) -> tuple[tuple[Intent, ...], np.ndarray, np.ndarray, np.ndarray, WordFeatures]:
    """TF-IDF vocabulary from these rows, then multinomial logistic regression (lbfgs; deterministic)."""
    from scipy.sparse import csr_matrix, hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = TfidfVectorizer(token_pattern=WORD_PATTERN, ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    words = vectorizer.fit_transform([data.words_texts[i] for i in rows])
    features = hstack([csr_matrix(data.vectors[rows]), words]).tocsr()
    model = LogisticRegression(C=c, max_iter=5000, random_state=SEED)
    model.fit(features, [str(labels[i]) for i in rows])
    dimension = data.vectors.shape[1]
    word_features = WordFeatures({w: int(i) for w, i in vectorizer.vocabulary_.items()}, vectorizer.idf_)
    return (tuple(Intent(c) for c in model.classes_), model.coef_[:, :dimension].astype("float32"),
            model.coef_[:, dimension:].astype("float32"), model.intercept_.astype("float32"), word_features)


def train(examples: list[Example], data: Views, weights_sha256: str, c: float = C) -> IntentHead:
    labels = [e.intent for e in examples]
    classes, embedding_coef, word_coef, intercept, words = fit(data, np.arange(len(examples)), labels, c)
    return IntentHead(classes, embedding_coef, word_coef, intercept, words, examples_sha256(), weights_sha256)


def held_out_predictions(examples: list[Example], data: Views, folds: int, c: float = C) -> list[Intent]:
    """Each example's intent as predicted by a head trained on the other folds (stratified, shuffled, seeded)."""
    from sklearn.model_selection import StratifiedKFold

    labels = [e.intent for e in examples]
    predicted: list[Intent] = [labels[0]] * len(examples)
    for train_rows, test_rows in StratifiedKFold(folds, shuffle=True, random_state=SEED).split(data.vectors, labels):
        classes, embedding_coef, word_coef, intercept, words = fit(data, train_rows, labels, c)
        head = IntentHead(classes, embedding_coef, word_coef, intercept, words, "", "")
        for row in test_rows:
            predicted[row] = head.predict(data.vectors[row], data.words_texts[row]).intent
    return predicted


def report(examples: list[Example], predicted: list[Intent]) -> str:
    gold = [e.intent for e in examples]
    exact = np.mean([g == p for g, p in zip(gold, predicted)])
    group = ANSWERABLE_FOR_A_DRUG
    answerable = np.mean([(g in group) == (p in group) for g, p in zip(gold, predicted)])
    lines = [f"{len(examples)} examples, {len(set(gold))} intents",
             f"held-out accuracy: intent {exact:.3f}; answerable about a drug or not {answerable:.3f}", "",
             "| intent | examples | recall | precision |", "|---|---:|---:|---:|"]
    counts = Counter(gold)
    for intent in sorted(counts, key=str):
        hits = sum(g == p == intent for g, p in zip(gold, predicted))
        said = sum(p == intent for p in predicted)
        lines.append(f"| {intent} | {counts[intent]} | {hits / counts[intent]:.2f} | {hits / said if said else 0:.2f} |")
    confusions = Counter((g, p) for g, p in zip(gold, predicted) if g != p)
    lines += ["", "most confused (expected -> predicted): " + ", ".join(
        f"{g}->{p} {n}" for (g, p), n in confusions.most_common(12))]
    return "\n".join(lines)


def corpus_matcher(index_dir: Path) -> NameMatcher:
    from ingest import artifact
    from retrieval.encoders import vocabulary_words
    from retrieval.lexical import fold

    pages = artifact.load_pages(index_dir)
    vocabulary = {word for page in pages for word in re.findall(r"[a-z0-9]+", fold(page.text))}
    return NameMatcher(artifact.load_aliases(index_dir), vocabulary, artifact.load_medicines(index_dir),
                       vocabulary_words(index_dir))  # as the service matches: "ALL" in capitals, never "all"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m retrieval.train_intents")
    parser.add_argument("--index", type=Path, default=DEFAULT_INDEX,
                        help="an index artifact whose name tables mask the examples (default: the corpus index the "
                             "evals build, `make evals` or `python -m ingest ../shared/corpus --index index-corpus`)")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--c", type=float, default=C, help="inverse regularisation strength")
    parser.add_argument("--check", action="store_true", help="report held-out accuracy only; write nothing")
    args = parser.parse_args(argv)

    from ingest.model import shared_embedder

    embedder = shared_embedder()
    examples = load_examples(EXAMPLES_FILE)
    data = views([e.text for e in examples], corpus_matcher(args.index), embedder.embed)
    print(report(examples, held_out_predictions(examples, data, args.folds, args.c)))
    if not args.check:
        train(examples, data, embedder.weights_sha256, args.c).save(HEAD_FILE)
        print(f"wrote {HEAD_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
