"""Set the abstention threshold from measurements: sweep RAG_MIN_CONFIDENCE over the golden set.

    python -m evals.calibrate

The threshold only decides questions that name no drug or cancer the pages know; for each value it
reports status accuracy and abstention precision/recall/F1 on the whole golden set.
"""

from __future__ import annotations

import dataclasses

from evals.__main__ import DEFAULT_CORPUS, DEFAULT_INDEX
from evals.golden import load_cases
from evals.pipelines import InProcess
from evals.run import score_pipeline
from evals.truth import read_truth
from ingest.build import build_index
from ingest.model import shared_embedder
from retrieval import Retriever
from service.answer import Answerer
from service.settings import Settings

THRESHOLDS = [round(0.30 + 0.025 * i, 3) for i in range(17)]


def main() -> None:
    embedder = shared_embedder()
    build_index([DEFAULT_CORPUS], DEFAULT_INDEX, embedder=embedder)
    retriever = Retriever(DEFAULT_INDEX)
    truth = read_truth(DEFAULT_CORPUS, DEFAULT_INDEX)
    cases = load_cases()
    base = Settings.from_env(index_dir=DEFAULT_INDEX)
    print("| min_confidence | status accuracy | abstention precision | abstention recall | F1 | citation precision |")
    print("|---:|---:|---:|---:|---:|---:|")
    for threshold in THRESHOLDS:
        settings = dataclasses.replace(base, min_confidence=threshold)
        summary, _ = score_pipeline(InProcess(Answerer(retriever, settings)), cases, truth, settings.current_date())
        p, r = summary["abstention_precision"] or 0.0, summary["abstention_recall"] or 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"| {threshold:.3f} | {summary['status_accuracy']:.3f} | {p:.3f} | {r:.3f} | {f1:.3f} | "
              f"{summary['citation_precision']:.3f} |")


if __name__ == "__main__":
    main()
