"""The HTTP API: /v1/ask, /v1/search, /v1/documents, /healthz, /readyz, /metrics, and the widget at /widget/."""

from __future__ import annotations

import asyncio
import hmac
import logging
import time
from pathlib import Path
from typing import Literal

import anyio
import anyio.to_thread
from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from prometheus_client import CONTENT_TYPE_LATEST
from pydantic import BaseModel, ConfigDict, Field, field_validator
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from ingest.artifact import Section
from retrieval import Filters, Retriever
from retrieval.query import strip_controls
from service.answer import Answer, review_overdue
from service.answer_queue import answer_queue
from service.engine import NO_INDEX, CachedAnswer, Engine, Loaded, NotReady, answer_json, answer_key
from service.balance import LeastConnections, WorkerTable
from service.limits import BodySizeLimit, RateLimiter
from service.metrics import Metrics, RequestMetrics, watch_reloads
from service.request_log import RequestLog
from service.settings import Settings

log = logging.getLogger("service")
WIDGET_DIR = Path(__file__).with_name("widget")


# -- request and response schemas ----------------------------------------------------------------------

class Turn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    role: Literal["user", "assistant"]
    content: str = Field(max_length=4000)


# What `question_has_text` enforces, written into the OpenAPI spec so that clients (and schemathesis) know a
# question of only spaces, control, zero-width or direction characters is a 422: at least one other character.
QUESTION_PATTERN = ("[^\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200f\\u2028-\\u202f\\u205f"
                    "\\u2066-\\u2069\\u3000\\ufeff]")


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={
        "examples": [{"question": "Is Keytruda approved for lung cancer?"}]})
    question: str = Field(min_length=1, max_length=1000, description="The patient's or nurse's question.",
                          json_schema_extra={"pattern": QUESTION_PATTERN})
    history: list[Turn] = Field(default_factory=list, max_length=20,
                                description="Earlier turns, oldest first, for follow-up questions.")

    @field_validator("question")
    @classmethod
    def question_has_text(cls, value: str) -> str:
        if not strip_controls(value).strip():
            raise ValueError("question must contain text (it is empty or only control characters)")
        return value


class SearchHitOut(BaseModel):
    chunk_id: str
    url: str
    title: str
    section: str
    heading_path: list[str]
    label: str | None
    text: str
    score: float
    confidence: float


class SearchResponse(BaseModel):
    query: str
    hits: list[SearchHitOut]


class DocumentOut(BaseModel):
    url: str
    title: str
    last_reviewed: str
    review_overdue: bool
    chunks: int


class DocumentsResponse(BaseModel):
    documents: list[DocumentOut]


class ErrorResponse(BaseModel):
    error: str
    detail: list | str | None = None


class IndexOut(BaseModel):
    build: str | None = None
    built_at: str | None = None
    pages: int | None = None
    chunks: int | None = None
    refused: str | None = Field(None, description="Why the last build offered to this worker was refused, while "
                                                  "it goes on serving `build`; absent when none was.")


class ReloadResponse(BaseModel):
    status: Literal["reloaded", "unchanged"]
    index: IndexOut


ERRORS = {
    400: {"model": ErrorResponse, "description": "The body is not valid JSON."},
    413: {"model": ErrorResponse, "description": "The request body is too large."},
    422: {"model": ErrorResponse, "description": "The request is well-formed but a field is wrong; `error` says which."},
    429: {"model": ErrorResponse, "description": "Too many requests from this client; see Retry-After."},
    500: {"model": ErrorResponse, "description": "An unexpected error; the response carries a request id to quote."},
    503: {"model": ErrorResponse, "description": "No index is loaded yet, or the answer took too long."},
}
ADMIN_ERRORS = {
    401: {"model": ErrorResponse, "description": "Missing or wrong bearer token."},
    409: {"model": ErrorResponse, "description": "The published index was refused; the old one is still served."},
    429: ERRORS[429],
}


# -- the app -------------------------------------------------------------------------------------------

# -- routes ----------------------------------------------------------------------------------------------

router = APIRouter()
admin_router = APIRouter()
TOO_SLOW = "the answer took too long; please try again"


# The dependencies are `async def` because they never block: FastAPI runs a plain `def` dependency on its
# thread pool, two thread hand-offs a request (12 % of a worker's time on repeated questions, py-spy).
async def engine_of(request: Request) -> Engine:
    return request.app.state.engine


def settings_of(request: Request) -> Settings:
    return request.app.state.settings


async def loaded_retriever(engine: Engine = Depends(engine_of)) -> Retriever:
    retriever = engine.retriever()
    if retriever is None:
        raise HTTPException(503, NO_INDEX)
    return retriever


async def loaded_build(engine: Engine = Depends(engine_of)) -> Loaded:
    loaded = engine.loaded()
    if loaded is None:
        raise HTTPException(503, NO_INDEX)
    return loaded


async def compute(request: Request, function, *args):
    """Run a CPU-bound call within RAG_REQUEST_TIMEOUT_S, on the event loop or on a few worker threads.

    RAG_ANSWER_THREADS=0 (the default): on the event loop, first come first served, in short passes between
    which the loop accepts and reads clients (service/answer_queue.py). No thread hand-off and no two threads
    fighting for the GIL: with one worker per core, 20 % more answers a second than two threads
    (docs/PERFORMANCE.md). A request already older than the timeout when its turn comes is not computed.
    RAG_ANSWER_THREADS=N: on at most N threads; requests beyond that wait their turn in order, and one that
    waits past the timeout gets its 503 without ever being computed.
    """
    settings = settings_of(request)
    if settings.answer_threads <= 0:
        def answer():
            if time.perf_counter() - request.state.started > settings.request_timeout_s:
                raise HTTPException(503, TOO_SLOW)
            return function(*args)

        return await answer_queue().run(answer)
    try:
        return await asyncio.wait_for(
            anyio.to_thread.run_sync(function, *args, limiter=request.app.state.answer_slots),
            settings.request_timeout_s)
    except asyncio.TimeoutError:
        raise HTTPException(503, TOO_SLOW) from None


@router.post("/v1/ask", response_model=Answer, responses=ERRORS, tags=["answers"])
async def ask(body: AskRequest, request: Request, loaded: Loaded = Depends(loaded_build)) -> Response:
    """Answer a question from approved-use text only, with numbered citations."""
    settings = settings_of(request)
    if settings.log_questions:
        log.info("question id=%s %r", request.state.request_id, body.question)
    history = [turn.model_dump() for turn in body.history]
    key = answer_key(settings.current_date(), body.question, history)
    cached = loaded.answers.get(key)  # a repeated question is answered without leaving the event loop
    if cached is None:
        answer = await compute(request, loaded.answerer.ask, body.question, history)
        cached = CachedAnswer(answer.status, answer_json(answer))
        loaded.answers.put(key, cached)
    request.state.answer_status = cached.status
    # The body is JSON already: returning a Response skips FastAPI's response-model validation and encoding.
    return Response(cached.body, media_type="application/json")


@router.get("/v1/search", response_model=SearchResponse, responses=ERRORS, tags=["search"])
async def search(request: Request, q: str = Query(min_length=1, max_length=1000, description="Search text."),
                 k: int = Query(5, ge=1, le=50, description="How many passages."),
                 section: Section | None = Query(None, description="Only passages of this section kind."),
                 retriever: Retriever = Depends(loaded_retriever)):
    """The passages retrieval finds for a query, with scores: for nurses and for debugging."""
    filters = Filters(sections=(section,)) if section else None
    hits = await compute(request, retriever.search, q, k, filters)
    return {"query": q, "hits": [
        {"chunk_id": h.chunk.id, "url": h.chunk.url, "title": h.chunk.title, "section": h.chunk.section,
         "heading_path": h.chunk.heading_path, "label": h.chunk.label, "text": h.chunk.text,
         "score": round(h.score, 6), "confidence": round(h.confidence, 6)} for h in hits]}


@router.get("/v1/documents", response_model=DocumentsResponse, responses=ERRORS, tags=["search"])
async def documents(request: Request, retriever: Retriever = Depends(loaded_retriever)):
    """Every indexed page, with its review date and whether it is overdue for review."""
    today = settings_of(request).current_date()
    counts: dict[str, int] = {}
    for chunk in retriever.chunks:
        counts[chunk.url] = counts.get(chunk.url, 0) + 1
    return {"documents": [
        {"url": page.url, "title": page.title, "last_reviewed": page.last_reviewed,
         "review_overdue": review_overdue(page.last_reviewed, page.review_frequency, today),
         "chunks": counts.get(page.url, 0)} for page in sorted(retriever.pages.values(), key=lambda p: p.title)]}


@admin_router.post("/v1/admin/reload", response_model=ReloadResponse, responses=ADMIN_ERRORS, tags=["operations"])
async def admin_reload(request: Request, engine: Engine = Depends(engine_of)):
    """Load the index ingest last published, now, in the worker that receives this call (the others pick it up
    within RAG_RELOAD_INTERVAL_S). Needs `Authorization: Bearer <RAG_ADMIN_TOKEN>`."""
    token = (settings_of(request).admin_token or "").encode("utf-8")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if not token or scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode("utf-8"), token):
        raise HTTPException(401, "missing or wrong bearer token", headers={"WWW-Authenticate": "Bearer"})
    result = await run_in_threadpool(engine.reload, True)
    if result.status == "refused":
        raise HTTPException(409, f"the published index was refused, still serving {result.build}: {result.error}")
    return {"status": result.status, "index": engine.describe()}


@router.get("/healthz", tags=["operations"])
async def healthz():
    """The process is up."""
    return {"status": "ok"}


@router.get("/readyz", tags=["operations"], responses={503: {"model": ErrorResponse}})
async def readyz(engine: Engine = Depends(engine_of)):
    """An index is loaded and answers a query (under Ray Serve, the replica's health check asks the same)."""
    try:
        index = await run_in_threadpool(engine.check_ready)
    except NotReady as exc:
        raise HTTPException(503, str(exc)) from None
    return {"status": "ready", "index": index}


@router.get("/metrics", include_in_schema=False)
async def metrics(request: Request):
    """Prometheus metrics (service/metrics.py); outside /v1/, so never rate limited."""
    return Response(request.app.state.metrics.exposition(), media_type=CONTENT_TYPE_LATEST)


@router.get("/", include_in_schema=False)
async def root():
    return RedirectResponse("/widget/")


# -- the app -------------------------------------------------------------------------------------------

def create_app(settings: Settings | None = None, engine: Engine | None = None) -> FastAPI:
    settings = settings or Settings.from_env()
    engine = engine or Engine(settings)
    app = FastAPI(
        title="NCI drug information Q&A",
        version="1.0.0",
        description="Answers from the approved-use text of NCI's cancer drug pages, with citations.",
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.answer_slots = anyio.CapacityLimiter(max(1, settings.answer_threads))
    app.state.metrics = Metrics()
    watch_reloads(engine, app.state.metrics)
    app.include_router(router)
    if settings.admin_token:  # unset: the route does not exist (404)
        app.include_router(admin_router)
    if WIDGET_DIR.is_dir():
        app.mount("/widget", StaticFiles(directory=WIDGET_DIR, html=True), name="widget")

    app.add_middleware(CORSMiddleware, allow_origins=list(settings.cors_origins), allow_methods=["GET", "POST"],
                       allow_headers=["Content-Type", "X-Request-ID"], expose_headers=["X-Request-ID", "Retry-After"])
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    if settings.workers > 1 and settings.worker_dir is not None and settings.rebalance_margin > 0:
        app.add_middleware(LeastConnections, table=WorkerTable(settings.worker_dir), margin=settings.rebalance_margin)
    # The app's own paths, for requests answered before routing (a 429, a 413): read from the routers, since
    # FastAPI's app.routes no longer lists an included router's routes.
    known_paths = frozenset(route.path for r in (router, admin_router) for route in r.routes)
    app.add_middleware(RequestLog, rate_limiter=RateLimiter(settings.rate_limit_per_minute),
                       trusted_proxies=settings.trusted_proxies, known_paths=known_paths)
    # Outermost, so that it times and counts the 429s and 413s too.
    app.add_middleware(RequestMetrics, metrics=app.state.metrics, known_paths=known_paths)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        """Every error body has the same shape, `{"error": ...}` (FastAPI's own is `{"detail": ...}`): e.g. the
        400 for a body that cannot even be decoded, a 404, a 405, or a 503 while no index is loaded."""
        return JSONResponse({"error": str(exc.detail)}, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        errors = exc.errors()
        if any(e.get("type") == "json_invalid" for e in errors):
            return JSONResponse({"error": "the body is not valid JSON", "detail": jsonable(errors)}, status_code=400)
        messages = []
        for error in errors:
            where = ".".join(str(part) for part in error.get("loc", ()) if part != "body")
            messages.append(f"{where or 'body'}: {error.get('msg', 'invalid')}")
        return JSONResponse({"error": "; ".join(messages), "detail": jsonable(errors)}, status_code=422)

    return app


def jsonable(errors: list) -> list:
    """Validation errors without the raw input or exception objects (which may not serialise, or echo markup)."""
    return [{"loc": list(e.get("loc", ())), "msg": e.get("msg"), "type": e.get("type")} for e in errors]
