"""python -m evals run [--url URL] [--set golden|medquad|realistic|all] [--category C ...] [--subset fast]
[--no-baselines] [--gate]"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from evals.golden import GOLDEN_FILE, MEDQUAD_FILE, REALISTIC_FILE, load_cases, select
from evals.run import build_report, check_gate, markdown, write_report
from evals.truth import read_truth

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
DEFAULT_INDEX = REPO / "index-corpus"
CACHE_DIR = REPO / "evals" / ".cache"
SET_FILES = {"golden": GOLDEN_FILE, "medquad": MEDQUAD_FILE, "realistic": REALISTIC_FILE}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="score the pipeline (and baselines) on the golden set and the MedQuAD dev set")
    run.add_argument("--url", help="score a running server over HTTP instead of the in-process pipeline")
    run.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="pages the golden set was written from")
    run.add_argument("--index", type=Path, default=DEFAULT_INDEX, help="index of the corpus (rebuilt incrementally)")
    run.add_argument("--set", dest="sets", choices=[*SET_FILES, "all"], default="all",
                     help="which eval set (default all three; baselines run on the golden set only)")
    run.add_argument("--category", action="append", help="only cases of this category (repeatable)")
    run.add_argument("--subset", choices=["fast"], help="fast: the first few cases of each category (the CI gate)")
    run.add_argument("--no-baselines", action="store_true", help="skip the BM25-only and naive baselines")
    run.add_argument("--gate", action="store_true", help="exit 1 if thresholds.toml is not met")
    run.add_argument("--query-precision", choices=["int8", "fp32"], default=None,
                     help="build the corpus index with this ONNX query encoder (default: ingest's)")
    args = parser.parse_args(argv)

    from ingest.build import build_index
    from ingest.model import shared_embedder
    from retrieval import Retriever
    from service.answer import Answerer
    from service.settings import Settings
    from evals.pipelines import InProcess, NaiveRag, OverHttp, bm25_baseline

    embedder = shared_embedder()
    build_index([args.corpus], args.index, embedder=embedder,
                **({"query_precision": args.query_precision} if args.query_precision else {}))
    settings = Settings.from_env(index_dir=args.index)
    retriever = Retriever(args.index)  # the ONNX query encoder the service runs
    ours = OverHttp(args.url) if args.url else InProcess(Answerer(retriever, settings))
    names = list(SET_FILES) if args.sets == "all" else [args.sets]
    sets = {}
    for name in names:
        pipelines = [ours]
        if name == "golden" and not args.no_baselines:
            pipelines += [bm25_baseline(retriever, settings), NaiveRag(args.index, embedder, CACHE_DIR)]
        sets[name] = (pipelines, select(load_cases(SET_FILES[name]), args.category, args.subset))
    report = build_report({n: v for n, v in sets.items() if v[1]}, read_truth(args.corpus, args.index), retriever,
                          settings.current_date())
    json_path, md_path = write_report(report)
    print(markdown(report))
    print(f"report: {json_path} and {md_path}")
    if args.gate:
        missed = [miss for name, block in report["sets"].items()
                  for miss in check_gate(block["pipelines"][ours.name]["summary"], name)]
        if missed:
            print("gate failed: " + "; ".join(missed), file=sys.stderr)
            return 1
        print("gate passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
