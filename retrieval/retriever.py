"""Hybrid retrieval over an index artifact: dense (FAISS) + BM25, fused by RRF, with named drugs preferred."""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

import faiss
import numpy as np

from ingest import artifact
from ingest.artifact import Chunk, PageRecord
from ingest.build import embedding_text
from ingest.model import DIMENSION, EXPECTED_WEIGHTS_SHA256, MODEL_NAME, Embedder, shared_embedder
from retrieval.fusion import RRF_K, ranks, reciprocal_rank_fusion
from retrieval.lexical import LexicalIndex, fold, tokenize
from retrieval.names import NameMatch, NameMatcher

MODES = ("hybrid", "dense", "lexical")
MAX_K = 50
MAX_QUERY_CHARS = 1000
QUERY_CACHE_SIZE = 2048
COMBINATION = re.compile(r"\b(combination|combinations|combo|combos|regimens?|together)\b", re.I)
COMBINATION_HEADING = re.compile(r"^Drug Combinations\b", re.I)
CHILDHOOD = re.compile(r"\b(child|children|childhood|kids?|pediatric|paediatric)\b", re.I)


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


@dataclass
class QueryAnalysis:
    names: list[NameMatch]
    drug_urls: set[str] = field(default_factory=set)
    cancer_urls: set[str] = field(default_factory=set)
    condition_tokens: list[frozenset[str]] = field(default_factory=list)  # one set per way to name the cancer

    @property
    def canonical_names(self) -> list[str]:
        """Names to add to the query: the corrected spelling, or what a shorthand stands for."""
        return [term for m in self.names for term in m.terms if term != m.text]


GENERIC_CONDITION_WORDS = frozenset({"cancer", "carcinoma", "tumor", "tumour", "neoplasm", "disease", "type"})


def condition_tokens(name: str) -> frozenset[str]:
    """The words of a cancer's name that tell it apart ("lung cancer" -> {"lung"})."""
    return frozenset(tokenize(name)) - GENERIC_CONDITION_WORDS


class QueryEmbeddingCache:
    """A bounded LRU of query vectors: nurses and portals ask the same questions again."""

    def __init__(self, size: int = QUERY_CACHE_SIZE) -> None:
        self.size = size
        self._items: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> np.ndarray | None:
        with self._lock:
            vector = self._items.get(key)
            if vector is not None:
                self._items.move_to_end(key)
            return vector

    def put(self, key: str, vector: np.ndarray) -> None:
        with self._lock:
            self._items[key] = vector
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


class Retriever:
    def __init__(self, index_dir: Path, embedder: Embedder | None = None,
                 cache_size: int = QUERY_CACHE_SIZE) -> None:
        index_dir = Path(index_dir)
        self.index_dir = index_dir.resolve()
        self.manifest, self._faiss, self.chunks = open_artifact(index_dir)
        self.pages = {page.url: page for page in artifact.load_pages(self.index_dir)}
        self._embedder = embedder or shared_embedder()
        self._lexical = LexicalIndex([embedding_text(chunk) for chunk in self.chunks])
        vocabulary = {word for page in self.pages.values() for word in re.findall(r"[a-z0-9]+", fold(page.text))}
        self.names = NameMatcher(artifact.load_aliases(self.index_dir), vocabulary)
        self._tokens = [frozenset(tokenize(f"{chunk.label or ''} {chunk.text}")) for chunk in self.chunks]
        self.childhood_urls = set(self.names.tables["cancer"].get("childhood cancers", ()))
        self._urls = np.array([chunk.url for chunk in self.chunks], dtype=object)
        self._rows = {chunk.id: row for row, chunk in enumerate(self.chunks)}
        # Approved-use text that is not an indication ("... is also being studied", a REMS note) ranks
        # after the indications of the same tier: "What is Abecma used for?" wants the myeloma item.
        self._is_note = np.array([c.section == "approved_use" and c.label is None and not c.text.startswith("- ")
                                  and self.pages[c.url].kind in ("drug", "regimen") for c in self.chunks])
        # "Which drugs are approved for Y?" wants Y's drug list before its list of combinations.
        self._is_combination_list = np.array([COMBINATION_HEADING.match(c.heading_path[-1]) is not None
                                              for c in self.chunks])
        self._sections = np.array([chunk.section for chunk in self.chunks], dtype=object)
        self.query_cache = QueryEmbeddingCache(cache_size)

    # -- public surface -------------------------------------------------------------------------------

    def search(self, query: str, k: int = 5, filters: Filters | None = None, mode: str = "hybrid") -> list[Hit]:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}")
        k = max(1, min(int(k), MAX_K))
        query = " ".join(query.split())[:MAX_QUERY_CHARS]
        if not query:
            return []
        analysis = self.analyse(query)
        eligible = self._eligible(filters)
        expanded = " ".join([query, *analysis.canonical_names])
        dense = self._dense_scores(expanded)
        lexical = self._lexical.scores(expanded) if mode != "dense" else np.zeros(len(self.chunks), "float32")
        dense_ranks = ranks(dense + 2.0, eligible)  # cosine may be negative: shift so every eligible chunk ranks
        lexical_ranks = ranks(lexical, eligible)
        if mode == "dense":
            fused = np.where(dense_ranks > 0, 1.0 / (RRF_K + dense_ranks), 0.0)
            tiers = np.zeros(len(self.chunks), np.int64)
        elif mode == "lexical":
            fused = np.where(lexical_ranks > 0, 1.0 / (RRF_K + lexical_ranks), 0.0)
            tiers = np.zeros(len(self.chunks), np.int64)
        else:
            fused = reciprocal_rank_fusion([dense_ranks, lexical_ranks])
            tiers = self._tiers(analysis)
        combinations_last = self._is_combination_list & (COMBINATION.search(query) is None)
        order = [i for i in np.lexsort((-fused, combinations_last, self._is_note, -tiers))
                 if eligible[i] and fused[i] > 0][:k]
        return [Hit(self.chunks[i], float(fused[i] + tiers[i]), float(dense[i]), int(dense_ranks[i]),
                    int(lexical_ranks[i]), int(tiers[i])) for i in order]

    def analyse(self, query: str) -> QueryAnalysis:
        names = self.names.find(query)
        analysis = QueryAnalysis(names)
        for match in names:
            if match.kind == "drug":
                analysis.drug_urls.update(match.urls)
            else:
                analysis.cancer_urls.update(match.urls)
                analysis.condition_tokens.extend(condition_tokens(term) for term in (match.text, *match.terms))
        if analysis.cancer_urls and CHILDHOOD.search(query):
            analysis.cancer_urls.update(self.childhood_urls)
        return analysis

    def knows_word(self, word: str) -> bool:
        """Whether any page uses this word (lower case, accents folded)."""
        return word in self.names.vocabulary

    def page(self, url: str) -> PageRecord | None:
        return self.pages.get(url)

    def page_chunks(self, url: str, section: str | None = None) -> list[Chunk]:
        return [c for c in self.chunks if c.url == url and (section is None or c.section == section)]

    # -- internals ------------------------------------------------------------------------------------

    def _eligible(self, filters: Filters | None) -> np.ndarray:
        eligible = np.ones(len(self.chunks), dtype=bool)
        if filters and filters.sections:
            eligible &= np.isin(self._sections, list(filters.sections))
        if filters and filters.urls:
            eligible &= np.isin(self._urls, list(filters.urls))
        return eligible

    def _tiers(self, analysis: QueryAnalysis) -> np.ndarray:
        """Named pages first (the drug's page, or with no drug named, the cancer's list); within them, and
        among the rest, chunks whose text names the question's cancer ("lung cancer" -> the NSCLC item)."""
        tiers = np.zeros(len(self.chunks), np.int64)
        preferred = analysis.drug_urls or analysis.cancer_urls
        if preferred:
            tiers[np.isin(self._urls, list(preferred))] += 2
        if analysis.condition_tokens:
            named = [self._names_condition(tokens, analysis.condition_tokens) for tokens in self._tokens]
            tiers[np.array(named, dtype=bool)] += 1
        return tiers

    def mentions(self, chunk_id: str, condition_tokens: list[frozenset[str]]) -> bool:
        """Whether a chunk names a condition: every telling word of one of its names appears in it
        ("stomach cancer" -> "Stomach adenocarcinoma ...", "lung cancer" -> "Non-small cell lung cancer")."""
        return self._names_condition(self._tokens[self._rows[chunk_id]], condition_tokens)

    def mentions_text(self, text: str, condition_tokens: list[frozenset[str]]) -> bool:
        return self._names_condition(frozenset(tokenize(text)), condition_tokens)

    def _names_condition(self, tokens: frozenset[str], condition_tokens: list[frozenset[str]]) -> bool:
        synonyms = self.names.condition_synonyms
        return any(needed and all(word in tokens or not tokens.isdisjoint(synonyms.get(word, ())) for word in needed)
                   for needed in condition_tokens)

    def _dense_scores(self, query: str) -> np.ndarray:
        vector = self.query_cache.get(query)
        if vector is None:
            vector = self._embedder.embed([query])[0]
            self.query_cache.put(query, vector)
        scores = np.full(len(self.chunks), -1.0, dtype="float32")
        similarities, rows = self._faiss.search(vector.reshape(1, -1), len(self.chunks))
        valid = rows[0] >= 0
        scores[rows[0][valid]] = similarities[0][valid]
        return scores


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
