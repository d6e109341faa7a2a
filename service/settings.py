"""Service configuration: every setting is an environment variable with a documented default.

| variable                  | default                                          | meaning                                        |
|---------------------------|--------------------------------------------------|------------------------------------------------|
| RAG_INDEX_DIR             | index                                            | index artifact to serve                        |
| RAG_HOST                  | 127.0.0.1                                        | address to listen on                           |
| RAG_PORT                  | 8000                                             | port                                           |
| RAG_WORKERS               | 1                                                | worker processes (they share the mapped index) |
| RAG_CORS_ORIGINS          | http://127.0.0.1:8000,http://localhost:8000      | comma-separated origins allowed to call the API|
| RAG_MAX_QUESTION_CHARS    | 1000                                             | longest question accepted                      |
| RAG_MAX_HISTORY           | 20                                               | most history turns accepted                    |
| RAG_MAX_BODY_BYTES        | 65536                                            | largest request body accepted                  |
| RAG_RATE_LIMIT_PER_MINUTE | 120                                              | requests per client address per minute (0: off)|
| RAG_TRUSTED_PROXIES       | (empty: trust no one)                            | comma-separated proxy IPs or CIDR networks whose X-Forwarded-For names the client (service/client_address.py) |
| RAG_REQUEST_TIMEOUT_S     | 10                                               | an /v1/ask or /v1/search slower than this: 503 |
| RAG_ANSWER_THREADS        | 2 with one worker, else 0                        | 0: answers computed on the event loop (fastest with a worker per core); N: on N threads per worker, the rest queue |
| RAG_ENCODER_THREADS       | 1                                                | ONNX Runtime intra-op threads per worker (one per core is best) |
| RAG_REBALANCE_MARGIN      | 2                                                | with several workers: a worker with this many more active connections than the least busy one closes connections as it answers them (0: never; service/balance.py) |
| RAG_WORKER_DIR            | (set by python -m service with --workers)        | the directory where workers share their connection counts |
| RAG_ANSWER_CACHE_SIZE     | 1024                                             | finished answers kept per worker for repeated questions (0: none) |
| RAG_QUERY_CACHE_SIZE      | 2048                                             | question vectors kept per worker (0: none; with both 0 every answer is computed, as `evals.bench_http --cold` measures) |
| RAG_MIN_CONFIDENCE        | 0.425                                            | below this cosine, with no name matched: abstain (set by python -m evals.calibrate)|
| RAG_RELATED_HOSTS         | cancer.gov,nih.gov,fda.gov,medlineplus.gov       | hosts a related link may point to              |
| RAG_LOG_QUESTIONS         | 0                                                | 1: log question text (debugging only)          |
| RAG_TODAY                 | (the real date)                                  | date used for review_overdue (YYYY-MM-DD)      |
| RAG_RELOAD_INTERVAL_S     | 5                                                | how often to look for a newly published index (0: only on SIGHUP or admin reload) |
| RAG_ADMIN_TOKEN           | (unset: admin endpoints answer 404)              | bearer token for POST /v1/admin/reload         |

Read by ingest, not by the service (see ingest/pages.py and ingest/clean.py):

| RAG_PAGE_HOSTS            | www.cancer.gov,cancer.gov                        | hosts a page's own `url` may have (exact)      |
| RAG_LINK_HOSTS            | cancer.gov,nih.gov,fda.gov,medlineplus.gov       | hosts (and their subdomains) a kept link may point to |
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from service.client_address import Network, trusted_networks


def _env(name: str, default: str) -> str:
    return os.environ.get(name, default).strip() or default


def _csv(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(",") if part.strip())


@dataclass(frozen=True)
class Settings:
    index_dir: Path = Path("index")
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1
    cors_origins: tuple[str, ...] = ("http://127.0.0.1:8000", "http://localhost:8000")
    max_question_chars: int = 1000
    max_history: int = 20
    max_body_bytes: int = 65536
    rate_limit_per_minute: int = 120
    trusted_proxies: tuple[Network, ...] = ()
    request_timeout_s: float = 10.0
    answer_threads: int = 2
    encoder_threads: int = 1
    rebalance_margin: int = 2
    worker_dir: Path | None = None
    answer_cache_size: int = 1024
    query_cache_size: int = 2048
    min_confidence: float = 0.425
    related_hosts: tuple[str, ...] = ("cancer.gov", "nih.gov", "fda.gov", "medlineplus.gov")
    log_questions: bool = False
    today: dt.date | None = None
    reload_interval_s: float = 5.0
    admin_token: str | None = field(default=None, repr=False)  # a secret: never in a repr or a log

    @classmethod
    def from_env(cls, **overrides) -> "Settings":
        today = os.environ.get("RAG_TODAY")
        workers = int(overrides.get("workers") or _env("RAG_WORKERS", "1"))
        values = dict(
            index_dir=Path(_env("RAG_INDEX_DIR", "index")),
            host=_env("RAG_HOST", "127.0.0.1"),
            port=int(_env("RAG_PORT", "8000")),
            workers=workers,
            cors_origins=_csv(_env("RAG_CORS_ORIGINS", "http://127.0.0.1:8000,http://localhost:8000")),
            max_question_chars=int(_env("RAG_MAX_QUESTION_CHARS", "1000")),
            max_history=int(_env("RAG_MAX_HISTORY", "20")),
            max_body_bytes=int(_env("RAG_MAX_BODY_BYTES", "65536")),
            rate_limit_per_minute=int(_env("RAG_RATE_LIMIT_PER_MINUTE", "120")),
            trusted_proxies=trusted_networks(_csv(os.environ.get("RAG_TRUSTED_PROXIES", ""))),
            request_timeout_s=float(_env("RAG_REQUEST_TIMEOUT_S", "10")),
            # One worker overlaps its answers' ONNX time with its I/O on a second thread (259 against 167
            # req/s); a worker per core does best answering on its event loop (391 against 320).
            answer_threads=int(_env("RAG_ANSWER_THREADS", "2" if workers == 1 else "0")),
            encoder_threads=int(_env("RAG_ENCODER_THREADS", "1")),
            rebalance_margin=int(_env("RAG_REBALANCE_MARGIN", "2")),
            worker_dir=Path(_env("RAG_WORKER_DIR", "")) if _env("RAG_WORKER_DIR", "") else None,
            answer_cache_size=int(_env("RAG_ANSWER_CACHE_SIZE", "1024")),
            query_cache_size=int(_env("RAG_QUERY_CACHE_SIZE", "2048")),
            min_confidence=float(_env("RAG_MIN_CONFIDENCE", "0.425")),
            related_hosts=_csv(_env("RAG_RELATED_HOSTS", "cancer.gov,nih.gov,fda.gov,medlineplus.gov")),
            log_questions=_env("RAG_LOG_QUESTIONS", "0") in ("1", "true", "yes"),
            today=dt.date.fromisoformat(today) if today else None,
            reload_interval_s=float(_env("RAG_RELOAD_INTERVAL_S", "5")),
            admin_token=os.environ.get("RAG_ADMIN_TOKEN", "").strip() or None,
        )
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def current_date(self) -> dt.date:
        return self.today or dt.date.today()
