"""The systems the harness scores: ours in-process or over HTTP, and two baselines for the same table."""

from __future__ import annotations

import hashlib
import time
from dataclasses import asdict
from pathlib import Path

import faiss
import httpx
import numpy as np
from langchain_text_splitters import RecursiveCharacterTextSplitter

from evals.golden import Case
from ingest import artifact
from ingest.model import Embedder
from retrieval import Retriever
from service.answer import Answerer
from service.settings import Settings


class InProcess:
    """The service's own answerer, called directly: what `/v1/ask` returns, without HTTP."""

    def __init__(self, answerer: Answerer, name: str = "ours") -> None:
        self.name = name
        self.answerer = answerer

    def ask(self, case: Case) -> dict:
        return asdict(self.answerer.ask(case.question, case.history))


class OverHttp:
    """Any running server, e.g. a portal team's deployment: `python -m evals run --url http://host:port`."""

    def __init__(self, url: str, name: str = "ours (http)") -> None:
        self.name = name
        self.client = httpx.Client(base_url=url.rstrip("/"), timeout=60)

    def ask(self, case: Case) -> dict:
        for _ in range(20):
            response = self.client.post("/v1/ask", json={"question": case.question, "history": case.history})
            if response.status_code == 429:  # the server's rate limit: wait as told, do not count it as an error
                time.sleep(float(response.headers.get("Retry-After", "1")))
                continue
            response.raise_for_status()
            return response.json()
        raise RuntimeError("rate limited 20 times in a row")


class _LexicalOnly:
    """A retriever that ranks by BM25 alone (no dense ranks, no name tiers): the BM25-only baseline."""

    def __init__(self, retriever: Retriever) -> None:
        self._retriever = retriever

    def search(self, query, k=5, filters=None, mode="lexical"):
        return self._retriever.search(query, k, filters, mode="lexical")

    def __getattr__(self, name):
        return getattr(self._retriever, name)


def bm25_baseline(retriever: Retriever, settings: Settings) -> InProcess:
    return InProcess(Answerer(_LexicalOnly(retriever), settings), name="bm25-only")


class NaiveRag:
    """Fixed 1,000-character chunks of the cleaned pages (RecursiveCharacterTextSplitter), dense top-1 as the
    answer and its citation, no section filter and no abstention: what a first RAG prototype does."""

    name = "naive"

    def __init__(self, index_dir: Path, embedder: Embedder, cache_dir: Path) -> None:
        splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=0)
        self.pages = artifact.load_pages(index_dir)
        self.chunks = [(page, text) for page in self.pages for text in splitter.split_text(page.text)]
        texts = [text for _, text in self.chunks]
        key = hashlib.sha256("\x00".join(texts).encode("utf-8")).hexdigest()[:16]
        cache = Path(cache_dir) / f"naive-{key}.npy"
        if cache.is_file():
            vectors = np.load(cache)
        else:
            vectors = embedder.embed(texts, progress=False)
            cache.parent.mkdir(parents=True, exist_ok=True)
            np.save(cache, vectors)
        self.index = faiss.IndexFlatIP(vectors.shape[1])
        self.index.add(vectors)
        self.embedder = embedder

    def ask(self, case: Case) -> dict:
        _, rows = self.index.search(self.embedder.embed([case.question]), 1)
        page, text = self.chunks[int(rows[0][0])]
        lines = [f"{line} [1]" for line in text.split("\n") if line.strip()]
        citation = {"n": 1, "url": page.url, "title": page.title, "last_reviewed": page.last_reviewed,
                    "review_overdue": False, "section": "", "quote": text, "chunk_id": f"naive-{rows[0][0]}"}
        return {"status": "answered", "answer": "\n".join(lines), "citations": [citation], "related": [],
                "disclaimer": ""}
