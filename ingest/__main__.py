"""python -m ingest [SEED_DIR ...] --index DIR [--strict] [--query-precision int8|fp32]"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ingest.build import IngestError, build_index
from ingest.model import ModelError
from ingest.query_encoder import DEFAULT_PRECISION, PRECISIONS

DEFAULT_SEEDS = Path("seeds")
DEFAULT_INDEX = Path("index")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ingest", description="Build the FAISS index from seed pages.")
    parser.add_argument("seed_dirs", nargs="*", type=Path, default=[DEFAULT_SEEDS],
                        help="folders (or files) of .md/.txt pages with YAML front matter (default: seeds/)")
    parser.add_argument("--index", type=Path, default=DEFAULT_INDEX, help="where to publish the index (default: index/)")
    parser.add_argument("--strict", action="store_true", help="fail on any skipped page instead of reporting it")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    parser.add_argument("--query-precision", choices=PRECISIONS, default=DEFAULT_PRECISION,
                        help=f"the ONNX query encoder's weights (default {DEFAULT_PRECISION}; see README)")
    args = parser.parse_args(argv)
    try:
        report = build_index(args.seed_dirs, args.index, strict=args.strict, progress=not args.quiet,
                             query_precision=args.query_precision)
    except (IngestError, ModelError) as exc:
        print(f"ingest failed: {exc}", file=sys.stderr)
        return 1
    print(report.summary())
    return 0


if __name__ == "__main__":
    sys.exit(main())
