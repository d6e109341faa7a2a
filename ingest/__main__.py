"""python -m ingest [SEED_DIR ...] --index DIR [--strict] [--query-precision int8|fp32] [--ray [ADDRESS]]"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from ingest.build import IngestError, build_index
from ingest.model import ModelError
from ingest.query_encoder import DEFAULT_PRECISION, PRECISIONS

DEFAULT_SEEDS = Path("seeds")
DEFAULT_INDEX = Path("index")
LOCAL_RAY = "local"  # `--ray` with no address: start a Ray cluster on this machine for the build


def ray_address_like(value: str) -> bool:
    """`--ray` takes an optional value, so `--ray seeds/` would read the folder as an address; refuse that."""
    return value in (LOCAL_RAY, "auto") or value.startswith("ray://") or re.fullmatch(r"[\w.-]+:\d+", value) is not None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ingest", description="Build the FAISS index from seed pages.")
    parser.add_argument("seed_dirs", nargs="*", type=Path, default=[DEFAULT_SEEDS],
                        help="folders (or files) of .md/.txt pages with YAML front matter (default: seeds/)")
    parser.add_argument("--index", type=Path, default=DEFAULT_INDEX, help="where to publish the index (default: index/)")
    parser.add_argument("--strict", action="store_true", help="fail on any skipped page instead of reporting it")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    parser.add_argument("--query-precision", choices=PRECISIONS, default=DEFAULT_PRECISION,
                        help=f"the ONNX query encoder's weights (default {DEFAULT_PRECISION}; see README)")
    parser.add_argument("--ray", nargs="?", const=LOCAL_RAY, default=None, metavar="ADDRESS",
                        help="embed through Ray Data: alone, on a new local cluster; 'auto' or ray://HOST:10001, "
                             "on that cluster (docs/SCALE_OUT.md). Default: embed in this process")
    args = parser.parse_args(argv)
    if args.ray is not None and not ray_address_like(args.ray):
        parser.error(f"--ray {args.ray!r} is not a Ray address (auto, ray://HOST:PORT, HOST:PORT); "
                     "put --ray after the seed folders, or write --ray=ADDRESS")
    embedder = None
    try:
        if args.ray is not None:
            from ingest.ray_embed import RayEmbedder  # imports ray, so only when asked for

            embedder = RayEmbedder(None if args.ray == LOCAL_RAY else args.ray)
        report = build_index(args.seed_dirs, args.index, strict=args.strict, progress=not args.quiet,
                             embedder=embedder, query_precision=args.query_precision)
    except (IngestError, ModelError) as exc:
        print(f"ingest failed: {exc}", file=sys.stderr)
        return 1
    finally:
        if embedder is not None:
            embedder.close()
    print(report.summary())
    return 0


if __name__ == "__main__":
    sys.exit(main())
