"""Hybrid retrieval over an index artifact: dense (FAISS) + BM25, fused by RRF, with named drugs preferred.

Searches take a `Query` (retrieval/query.py), the one analysis of a question: its embedding, the names it
stands for and the cancer it asks about. A plain string is analysed first (`/v1/search`).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import faiss
import numpy as np

from ingest import artifact
from ingest.artifact import Chunk, PageRecord, Section, embedding_text
from ingest.model import DIMENSION, EXPECTED_WEIGHTS_SHA256, MODEL_NAME
from retrieval.encoders import OnnxQueryEncoder, QueryEncoder, vocabulary_words
from retrieval.fusion import RRF_K, ranks, reciprocal_rank_fusion
from retrieval.intent import HEAD_FILE, IntentHead
from retrieval.lexical import LexicalIndex, fold, naming_tokens, tokenize
from retrieval.lru import LRUCache
from retrieval.name_matcher import NameMatcher
from retrieval.query import Query, QueryAnalyser

MODES = ("hybrid", "dense", "lexical")
MAX_K = 50
MAX_QUERY_CHARS = 1000
QUERY_CACHE_SIZE = 2048
COMBINATION_HEADING = re.compile(r"^Drug Combinations\b", re.I)
NO_ROWS = np.array([], np.intp)


@dataclass
class Filters:
    sections: tuple[str, ...] | None = None  # e.g. ("approved_use",)
    urls: tuple[str, ...] | None = None


@dataclass
class Hit:
    """A chunk and why it ranked: `score` orders hits, `confidence` (cosine similarity) is for abstaining."""

    chunk: Chunk
    score: float
    confidence: float
    dense_rank: int
    lexical_rank: int
    tier: int  # 2: on a page the question names; +1: the text names the question's cancer


class Retriever:
    def __init__(self, index_dir: Path, embedder: QueryEncoder | None = None,
                 cache_size: int = QUERY_CACHE_SIZE, intent_head: Path = HEAD_FILE, encoder_threads: int = 1) -> None:
        """`embedder` defaults to the artifact's ONNX query encoder (the one the service runs, without torch)."""
        index_dir = Path(index_dir)
        self.index_dir = index_dir.resolve()
        self.manifest, self._faiss, self.chunks = open_artifact(index_dir)
        self.pages = {page.url: page for page in artifact.load_pages(self.index_dir)}
        self._embedder = embedder or OnnxQueryEncoder(self.index_dir, threads=encoder_threads)
        self._lexical = LexicalIndex([embedding_text(chunk) for chunk in self.chunks])
        vocabulary = {word for page in self.pages.values() for word in re.findall(r"[a-z0-9]+", fold(page.text))}
        self.names = NameMatcher(artifact.load_aliases(self.index_dir), vocabulary,
                                 artifact.load_medicines(self.index_dir), vocabulary_words(self.index_dir))
        head = IntentHead.load(intent_head)
        if head.weights_sha256 != self.manifest.weights_sha256:
            raise artifact.ArtifactError(f"{intent_head}: the intent head was trained on other model weights "
                                         f"(sha256 {head.weights_sha256[:12]}…); run python -m retrieval.train_intents")
        self.childhood_urls = frozenset(self.names.tables["cancer"].get("childhood cancers", ()))
        self.analyser = QueryAnalyser(self.names, head, self._embed, self.childhood_urls)
        # A list's heading says what its drugs are for ("Thrombocytopenia (Low Blood Platelets)"): it counts as
        # the chunk's words when asking whether a chunk names a condition.
        # Interned: the same few thousand words recur across chunks (about 12 MB saved).
        self._tokens = [frozenset(map(sys.intern, naming_tokens(
            f"{chunk.label or ''} {chunk.text} {chunk.heading_path[-1] if self.pages[chunk.url].kind == 'list' else ''}")))
            for chunk in self.chunks]
        self._rows = {chunk.id: row for row, chunk in enumerate(self.chunks)}
        self._chunks_of: dict[str, list[Chunk]] = {}
        for chunk in self.chunks:
            self._chunks_of.setdefault(chunk.url, []).append(chunk)
        self._rows_of = {url: np.array([self._rows[c.id] for c in chunks]) for url, chunks in self._chunks_of.items()}
        rows_with: dict[str, list[int]] = {}
        for row, tokens in enumerate(self._tokens):
            for token in tokens:
                rows_with.setdefault(token, []).append(row)
        # word -> the chunks that have it, to find a condition's chunks. Integer arrays: indexing with a list
        # converts every Python int ("cancer" is in most chunks), a tenth of a worker's time under load.
        self._rows_with = {token: np.array(rows, np.intp) for token, rows in rows_with.items()}
        # The vectors FAISS maps from index.faiss, read in place (no copy), to build the per-section indexes.
        self._vectors = faiss.rev_swig_ptr(self._faiss.get_xb(), self._faiss.ntotal * self._faiss.d).reshape(
            self._faiss.ntotal, self._faiss.d)
        # Approved-use text that is not an indication ("... is also being studied", a REMS note) ranks
        # after the indications of the same tier: "What is Abecma used for?" wants the myeloma item.
        self._is_note = np.array([c.section == Section.APPROVED_USE and c.label is None and not c.text.startswith("- ")
                                  and self.pages[c.url].kind in ("drug", "regimen") for c in self.chunks])
        # "Which drugs are approved for Y?" wants Y's drug list before its list of combinations.
        self._is_combination_list = np.array([COMBINATION_HEADING.match(c.heading_path[-1]) is not None
                                              for c in self.chunks])
        self._sections = np.array([chunk.section for chunk in self.chunks], dtype=object)
        self._section_indexes: dict[tuple[str, ...] | None, tuple[np.ndarray, faiss.Index]] = {}
        self.query_cache: LRUCache[str, np.ndarray] = LRUCache(cache_size)  # nurses and portals repeat questions

    # -- public surface -------------------------------------------------------------------------------

    def analyse(self, question: str, history: Sequence[Mapping[str, str]] = ()) -> Query:
        """The one analysis of a question (and the conversation before it) that search and answers read."""
        return self.analyser.analyse(question[:MAX_QUERY_CHARS], history)

    def search(self, query: Query | str, k: int = 5, filters: Filters | None = None, mode: str = "hybrid") -> list[Hit]:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}")
        k = max(1, min(int(k), MAX_K))
        if isinstance(query, str):
            if not query.split():
                return []
            query = self.analyse(query)
        rows, index = self._eligible_rows(filters)
        # The hybrid reads the analysis's drug-masked embedding (the names are matched exactly instead); the
        # single-method baselines embed the question as written, as a plain dense retriever would.
        dense, dense_ranks = exact_search(index, query.vector if mode == "hybrid" else self._embed(query.text))
        lexical = (self._lexical.scores(query.search_text)[rows] if mode != "dense"
                   else np.zeros(len(rows), "float32"))
        lexical_ranks = ranks(lexical, np.ones(len(rows), dtype=bool))
        if mode == "dense":
            fused = np.where(dense_ranks > 0, 1.0 / (RRF_K + dense_ranks), 0.0)
            tiers = np.zeros(len(rows), np.int64)
        elif mode == "lexical":
            fused = np.where(lexical_ranks > 0, 1.0 / (RRF_K + lexical_ranks), 0.0)
            tiers = np.zeros(len(rows), np.int64)
        else:
            fused = reciprocal_rank_fusion([dense_ranks, lexical_ranks])
            tiers = self._tiers(query)[rows]
        combinations_last = self._is_combination_list[rows] & (not query.asks_combination)
        candidates = np.flatnonzero(fused > 0)
        order = candidates[np.lexsort((-fused[candidates], combinations_last[candidates],
                                       self._is_note[rows][candidates], -tiers[candidates]))][:k]
        return [Hit(self.chunks[rows[i]], float(fused[i] + tiers[i]), float(dense[i]), int(dense_ranks[i]),
                    int(lexical_ranks[i]), int(tiers[i])) for i in order]

    def page(self, url: str) -> PageRecord | None:
        return self.pages.get(url)

    def indications_naming(self, word: str, condition_tokens: Sequence[frozenset[str]]) -> list[Chunk]:
        """The approved-use chunks of drug and regimen pages that have `word` ("braf") and name the condition (any,
        with none given): the drugs for a cancer with a given gene change, from the word -> chunks index."""
        return [self.chunks[row] for row in self._rows_with.get(word, ())
                if self.chunks[row].section == Section.APPROVED_USE
                and self.pages[self.chunks[row].url].kind in ("drug", "regimen")
                and (not condition_tokens or self._names_condition(self._tokens[row], condition_tokens))]

    def page_chunks(self, url: str, section: str | None = None) -> list[Chunk]:
        return [c for c in self._chunks_of.get(url, ()) if section is None or c.section == section]

    # -- internals ------------------------------------------------------------------------------------

    def _eligible_rows(self, filters: Filters | None) -> tuple[np.ndarray, faiss.Index]:
        """The rows a search may return, and an exact FAISS index of their vectors. A filter by section alone
        (every answer's: approved-use text) keeps its index, so a search scores 1,252 rows, not 3,021."""
        key = tuple(sorted(filters.sections)) if filters is not None and filters.sections and not filters.urls else None
        if key in self._section_indexes:
            return self._section_indexes[key]
        eligible = np.ones(len(self.chunks), dtype=bool)
        if filters and filters.sections:
            eligible &= np.isin(self._sections, list(filters.sections))
        if filters and filters.urls:
            eligible &= self._on_pages(filters.urls)
        rows = np.flatnonzero(eligible)
        index = self._faiss if len(rows) == len(self.chunks) else flat_index(self._vectors[rows])
        if key is not None or len(rows) == len(self.chunks):
            self._section_indexes[key] = rows, index
        return rows, index

    def _on_pages(self, urls) -> np.ndarray:
        mask = np.zeros(len(self.chunks), dtype=bool)
        for url in urls:
            mask[self._rows_of.get(url, [])] = True
        return mask

    def _tiers(self, query: Query) -> np.ndarray:
        """Named pages first (the drug's page, or with no drug named, the cancer's list); within them, and
        among the rest, chunks whose text names the question's cancer ("lung cancer" -> the NSCLC item)."""
        tiers = np.zeros(len(self.chunks), np.int64)
        preferred = query.drug_urls or query.cancer_urls
        if preferred:
            tiers[self._on_pages(preferred)] += 2
        token_sets = query.cancer_token_sets
        if token_sets:
            tiers[self._chunks_naming(token_sets)] += 1
        return tiers

    def _chunks_naming(self, condition_tokens: Sequence[frozenset[str]]) -> np.ndarray:
        """`mentions` for every chunk at once, from the word -> chunks index."""
        synonyms = self.names.condition_synonyms
        named = np.zeros(len(self.chunks), dtype=bool)
        for needed in condition_tokens:
            if not needed:
                continue
            every = np.ones(len(self.chunks), dtype=bool)
            for word in needed:
                has = np.zeros(len(self.chunks), dtype=bool)
                for form in (word, *synonyms.get(word, ())):
                    has[self._rows_with.get(form, NO_ROWS)] = True
                every &= has
            named |= every
        return named

    def mentions(self, chunk_id: str, condition_tokens: Sequence[frozenset[str]]) -> bool:
        """Whether a chunk names a condition: every telling word of one of its names appears in it
        ("stomach cancer" -> "Stomach adenocarcinoma ...", "lung cancer" -> "Non-small cell lung cancer")."""
        return self._names_condition(self._tokens[self._rows[chunk_id]], condition_tokens)

    def covers(self, chunk_id: str, words: set[str]) -> float:
        """The share of `words` (or their synonyms) a chunk has; 1.0 for no words."""
        return self._share(self._tokens[self._rows[chunk_id]], words)

    def covers_text(self, text: str, words: set[str]) -> float:
        return self._share(frozenset(naming_tokens(text)), words)

    def _share(self, tokens: frozenset[str], words: set[str]) -> float:
        if not words:
            return 1.0
        synonyms = self.names.condition_synonyms
        return sum(word in tokens or not tokens.isdisjoint(synonyms.get(word, ())) for word in words) / len(words)

    def mentions_text(self, text: str, condition_tokens: Sequence[frozenset[str]]) -> bool:
        return self._names_condition(frozenset(naming_tokens(text)), condition_tokens)

    def _names_condition(self, tokens: frozenset[str], condition_tokens: Sequence[frozenset[str]]) -> bool:
        synonyms = self.names.condition_synonyms
        return any(needed and all(word in tokens or not tokens.isdisjoint(synonyms.get(word, ())) for word in needed)
                   for needed in condition_tokens)

    def _embed(self, text: str) -> np.ndarray:
        vector = self.query_cache.get(text)
        if vector is None:
            vector = self._embedder.embed([text])[0]
            self.query_cache.put(text, vector)
        return vector


def flat_index(vectors: np.ndarray) -> faiss.Index:
    index = faiss.IndexFlatIP(vectors.shape[1])
    index.add(np.ascontiguousarray(vectors, dtype="float32"))
    return index


def exact_search(index: faiss.Index, vector: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The cosine of every row (inner product of normalised vectors, IndexFlatIP) and its 1-based rank, from
    one exact search for all rows: reciprocal rank fusion needs every rank, not the top k."""
    n = index.ntotal
    similarities, order = index.search(vector.reshape(1, -1).astype("float32"), n)
    scores = np.empty(n, dtype="float32")
    scores[order[0]] = similarities[0]
    positions = np.empty(n, dtype=np.int64)
    positions[order[0]] = np.arange(1, n + 1)
    return scores, positions


def open_artifact(index_dir: Path) -> tuple[artifact.Manifest, faiss.Index, list[Chunk]]:
    """An index directory's manifest, FAISS index and chunks, refused (ArtifactError) unless they agree with
    each other and with this model: format, weights, file sizes and hashes, one vector per chunk."""
    index_dir = Path(index_dir)
    manifest = artifact.verify(index_dir, model_name=MODEL_NAME, weights_sha256=EXPECTED_WEIGHTS_SHA256,
                               dimension=DIMENSION)
    try:
        vectors = read_faiss(index_dir / artifact.FAISS_FILE)
    except RuntimeError as exc:
        raise artifact.ArtifactError(f"{index_dir}: {artifact.FAISS_FILE} is not a FAISS index "
                                     f"({str(exc).splitlines()[0][:120]})") from None
    chunks = artifact.load_chunks(index_dir)
    if vectors.ntotal != len(chunks) or vectors.d != DIMENSION:
        raise artifact.ArtifactError(f"{index_dir}: FAISS holds {vectors.ntotal} vectors of dimension {vectors.d} "
                                     f"for {len(chunks)} chunks of dimension {DIMENSION}")
    return manifest, vectors, chunks


def read_faiss(path: Path) -> faiss.Index:
    """Memory-mapped, so worker processes share one copy of the vectors in the page cache.

    IO_FLAG_MMAP maps only IVF inverted lists; a flat index's codes need IO_FLAG_MMAP_IFC.
    """
    try:
        return faiss.read_index(str(path), faiss.IO_FLAG_MMAP_IFC | faiss.IO_FLAG_READ_ONLY)
    except RuntimeError:
        return faiss.read_index(str(path))
