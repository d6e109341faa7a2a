"""The app factory uvicorn imports in each worker process."""

from __future__ import annotations

import atexit
import ctypes
import logging
import os
import signal
import sys
import threading

from fastapi import FastAPI

from retrieval.retriever import open_artifact
from service.app import create_app
from service.engine import Engine
from service.metrics import multiprocess_dir
from service.settings import Settings

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"
M_ARENA_MAX = -8  # glibc's mallopt parameter


def check_index(settings: Settings) -> None:
    """Refuse to start on a missing, truncated or mismatched index (raises ArtifactError): each worker would
    refuse it anyway, but only after uvicorn had started, with a traceback instead of one clear message."""
    open_artifact(settings.index_dir)


def configure_logging(level: int = logging.INFO) -> None:
    """One stderr handler at INFO, in the supervisor and in every worker process.

    The handler itself has the level: some libraries (bm25s) set DEBUG on their own logger, and a handler
    without a level would print those records too. Question text is never logged at INFO or above.
    """
    root = logging.getLogger()
    if any(getattr(handler, "_rag_service", False) for handler in root.handlers):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(level)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler._rag_service = True  # type: ignore[attr-defined]
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)


def install_reload_signal(engine: Engine) -> bool:
    """SIGHUP makes this process load the newly published index now (only possible in the main thread).

    Under `--workers N` uvicorn's supervisor keeps its own SIGHUP meaning (restart the workers one by one);
    send SIGHUP to a worker's pid to reload that worker in place.
    """
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGHUP"):
        return False
    signal.signal(signal.SIGHUP, lambda signum, frame: engine.request_reload())
    return True


def limit_malloc_arenas(arenas: int = 2) -> None:
    """glibc gives each thread that allocates its own heap arena, up to eight per core; the answer and event-loop
    threads of a worker then hold tens of MB of freed memory apiece. Two arenas: same speed here, less RSS."""
    try:
        ctypes.CDLL("libc.so.6").mallopt(M_ARENA_MAX, arenas)
    except (OSError, AttributeError):
        pass  # not glibc


def app() -> FastAPI:
    limit_malloc_arenas()
    configure_logging()
    settings = Settings.from_env()
    engine = Engine(settings)
    engine.watch(settings.reload_interval_s)
    install_reload_signal(engine)
    if multiprocess_dir():  # one of several workers: its build gauge goes from /metrics when it exits
        from prometheus_client.multiprocess import mark_process_dead

        atexit.register(mark_process_dead, os.getpid())
    return create_app(settings, engine)
