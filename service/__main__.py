"""python -m service --index DIR --host H --port P [--workers N]"""

from __future__ import annotations

import argparse
import atexit
import os
import shutil
import sys
import tempfile
from collections.abc import MutableMapping
from inspect import signature
from pathlib import Path

import uvicorn

from ingest.artifact import ArtifactError
from ingest.model import ModelError
from service.settings import Settings


def main(argv: list[str] | None = None) -> int:
    defaults = Settings.from_env()
    parser = argparse.ArgumentParser(prog="python -m service", description="Serve cited answers over HTTP.")
    parser.add_argument("--index", type=Path, default=defaults.index_dir, help="index artifact (default: index/)")
    parser.add_argument("--host", default=defaults.host, help="address (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=defaults.port, help="port (default: 8000)")
    parser.add_argument("--workers", type=int, default=defaults.workers, help="worker processes (default: 1)")
    args = parser.parse_args(argv)
    # Workers are separate processes that build their own app from the environment.
    os.environ.update({"RAG_INDEX_DIR": str(args.index), "RAG_HOST": args.host, "RAG_PORT": str(args.port),
                       "RAG_WORKERS": str(args.workers)})
    if args.workers < 1:
        parser.error("--workers must be at least 1")
    # One thread each for the BLAS library's and OpenMP's pools (read when those libraries load, so set here,
    # before the workers start): the per-question work is a 3,000 x 384 matrix-vector product, too small to
    # share, and OpenBLAS's spinning helper threads took a second core from a single worker (164 req/s with
    # them, 234 without). Scale with --workers, one per core. See docs/PERFORMANCE.md.
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")
    if args.workers > 1 or os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        # Before prometheus-client is first imported, here or in a worker; *.db: a previous run's values, which
        # would be added to this one's.
        shared_dir(os.environ, "PROMETHEUS_MULTIPROC_DIR", "rag-metrics-", "*.db")
    if args.workers > 1:
        shared_dir(os.environ, "RAG_WORKER_DIR", "rag-workers-", "*.count")  # service/balance.py
    from service.server import check_index, configure_logging

    configure_logging()
    try:
        check_index(Settings.from_env())
    except (ArtifactError, ModelError) as exc:
        print(f"service cannot start: {exc}", file=sys.stderr)
        return 1
    # access_log stays off: an access line carries the query string, and /v1/search?q=... is question text.
    # timeout_worker_healthcheck: with --workers, SIGHUP to this process makes uvicorn replace the workers one
    # by one, each only once its successor is ready; a worker needs more than uvicorn's default 5 s to load the
    # model and the index (measured 8-15 s under load), and with 5 s every such restart was abandoned.
    # proxy_headers=False: uvicorn would otherwise replace the client address with X-Forwarded-For from
    # 127.0.0.1 (its default FORWARDED_ALLOW_IPS); the rate limit's client is decided by RAG_TRUSTED_PROXIES
    # alone (service/client_address.py).
    extra = {"timeout_worker_healthcheck": 60} if "timeout_worker_healthcheck" in signature(uvicorn.run).parameters else {}
    uvicorn.run("service.server:app", factory=True, host=args.host, port=args.port, workers=args.workers,
                access_log=False, proxy_headers=False, log_level="info", timeout_graceful_shutdown=5, **extra)
    return 0


def shared_dir(environ: MutableMapping[str, str], variable: str, prefix: str, stale: str) -> Path:
    """A directory the workers share: the one `variable` names, emptied of the `stale` files a previous run
    left there; else a new temporary directory, named in `variable` and removed when the service stops."""
    given = environ.get(variable)
    if given:
        path = Path(given)
        path.mkdir(parents=True, exist_ok=True)
        for old in path.glob(stale):
            old.unlink()
        return path
    path = Path(tempfile.mkdtemp(prefix=prefix))
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    environ[variable] = str(path)
    return path


if __name__ == "__main__":
    sys.exit(main())
