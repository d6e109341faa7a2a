"""Seed pages -> index artifact: load, clean, chunk, embed (reusing cached vectors), publish atomically."""

from __future__ import annotations

import shutil
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import faiss
import numpy as np

from ingest import artifact
from ingest.artifact import Chunk, PageRecord, embedding_text
from ingest.cache import EmbeddingCache, text_key
from ingest.chunk import PageInfo, chunk_page
from ingest.clean import CleanPage, clean_page, filter_links
from ingest.medicines import build_medicines
from ingest.model import Embedder, shared_embedder
from ingest.names import brand_names, build_aliases, generic_names, page_kind
from ingest.pages import PageProblem, SeedPage, load_seed_pages
from ingest.query_encoder import DEFAULT_PRECISION, MAX_TOKENS, query_encoder_files


class IngestError(RuntimeError):
    """The build was refused; the published index, if any, is unchanged."""


class PageError(ValueError):
    """A page that loaded but gives nothing to index (e.g. only headings or template text)."""


@dataclass
class LinkProblem:
    page: str  # the page's url
    url: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.url[:100]!r}: {self.reason}"


@dataclass
class BuildReport:
    index_dir: Path
    pages_read: int = 0
    pages_indexed: int = 0
    problems: list[PageProblem] = field(default_factory=list)
    chunks_by_kind: dict[str, int] = field(default_factory=dict)
    embedded: int = 0
    reused: int = 0
    seconds: float = 0.0
    cleaning_notes: Counter = field(default_factory=Counter)
    links_kept: int = 0
    links_dropped: list[LinkProblem] = field(default_factory=list)

    def summary(self) -> str:
        lines = [
            f"pages read {self.pages_read}, indexed {self.pages_indexed}, skipped {len(self.problems)}",
            *(f"  skipped {problem}" for problem in self.problems),
            f"links kept {self.links_kept}, dropped {len(self.links_dropped)}",
            *(f"  dropped link {problem}" for problem in self.links_dropped),
            "chunks " + ", ".join(f"{kind} {n}" for kind, n in sorted(self.chunks_by_kind.items()))
            + f" (total {sum(self.chunks_by_kind.values())})",
            f"embedded {self.embedded}, reused {self.reused} from cache",
            "cleaning: " + ", ".join(f"{note} ({n} pages)" for note, n in sorted(self.cleaning_notes.items())),
            f"index {self.index_dir} in {self.seconds:.1f} s",
        ]
        return "\n".join(lines)


def prepare_page(page: SeedPage, link_hosts: tuple[str, ...] | None = None,
                 ) -> tuple[PageRecord, CleanPage, list[Chunk]]:
    """Clean and chunk one loaded page. Links that fail the link allowlist are left out of the record and
    listed in `clean.dropped_links`; a page with no passage to index raises PageError."""
    clean = clean_page(page.body, page.title)
    clean.links, clean.dropped_links = filter_links(clean.links, page.url, link_hosts)
    kind = page_kind(page.title, clean)
    brands = brand_names(clean) if kind == "drug" else []
    generics = generic_names(page.title, clean, kind)
    info = PageInfo(page.url, page.title, page.last_reviewed.isoformat(), page.review_frequency, kind, brands, generics)
    record = PageRecord(
        url=page.url, title=page.title, last_reviewed=info.last_reviewed, review_frequency=page.review_frequency,
        kind=kind, source_path=str(page.path), content_hash=artifact.sha256_bytes(page.raw),
        brand_names=brands, generic_names=generics, text=clean.text, links=clean.links)
    chunks = chunk_page(info, clean)
    if not chunks:
        raise PageError("page has no text to index once cleaned (only headings, template text or markup)")
    return record, clean, chunks


def embed_chunks(chunks: list[Chunk], embedder: Embedder, cache: EmbeddingCache,
                 progress: bool, report: BuildReport) -> np.ndarray:
    texts = [embedding_text(chunk) for chunk in chunks]
    keys = [text_key(text) for text in texts]
    missing = sorted({key: text for key, text in zip(keys, texts) if cache.get(key) is None}.items())
    if missing:
        vectors = embedder.embed([text for _, text in missing], progress=progress)
        for (key, _), vector in zip(missing, vectors):
            cache.put(key, vector)
    report.embedded = len(missing)
    report.reused = len(chunks) - len(missing)
    cache.keep_only(set(keys))
    return np.stack([cache.get(key) for key in keys]).astype("float32") if keys else np.zeros((0, embedder.dimension), "float32")


def build_index(
    seed_dirs: list[Path],
    index_dir: Path,
    *,
    strict: bool = False,
    embedder: Embedder | None = None,
    progress: bool = False,
    page_hosts: tuple[str, ...] | None = None,
    link_hosts: tuple[str, ...] | None = None,
    query_precision: str = DEFAULT_PRECISION,
) -> BuildReport:
    """Build a new index from `seed_dirs` and publish it at `index_dir`; on any failure the old one stays.

    `page_hosts` / `link_hosts` default to RAG_PAGE_HOSTS / RAG_LINK_HOSTS (see ingest.pages, ingest.clean).
    `query_precision` is the ONNX query encoder's (ingest/query_encoder.py).
    Only one build per index runs at a time: a second one is refused while the first holds the lock.
    """
    started = time.perf_counter()
    index_dir = Path(index_dir)
    report = BuildReport(index_dir=index_dir)
    pages, problems = load_seed_pages([Path(d) for d in seed_dirs], page_hosts)
    report.problems = problems
    report.pages_read = len(pages) + len(problems)

    records: list[PageRecord] = []
    chunks: list[Chunk] = []
    alias_rows = []
    for page in sorted(pages, key=lambda p: p.url):
        try:
            record, clean, page_chunks = prepare_page(page, link_hosts)
        except Exception as exc:  # noqa: BLE001 - one page that cannot be cleaned is reported, never fatal
            reason = str(exc) if isinstance(exc, PageError) else f"could not be cleaned ({type(exc).__name__})"
            problems.append(PageProblem(str(page.path), reason))
            continue
        report.cleaning_notes.update({note.split(":")[0] for note in clean.notes})
        report.links_kept += len(clean.links)
        report.links_dropped.extend(LinkProblem(page.url, link.url, why) for link, why in clean.dropped_links)
        records.append(record)
        chunks.extend(page_chunks)
        alias_rows.append((record.url, record.title, clean, record.brand_names, record.generic_names, record.kind))
    if strict and problems:
        raise IngestError("--strict: " + "; ".join(map(str, problems)))
    if not records:
        raise IngestError(f"no usable pages in {', '.join(map(str, seed_dirs))}; the index was not changed")
    report.pages_indexed = len(records)
    report.chunks_by_kind = dict(Counter(chunk.section for chunk in chunks))

    embedder = embedder or shared_embedder()
    try:
        with artifact.build_lock(index_dir):
            _embed_and_publish(index_dir, chunks, records, alias_rows, embedder, progress, report, query_precision)
    except artifact.BuildLocked as exc:
        raise IngestError(str(exc)) from None
    report.seconds = time.perf_counter() - started
    return report


def _embed_and_publish(index_dir: Path, chunks: list[Chunk], records: list[PageRecord], alias_rows: list,
                       embedder: Embedder, progress: bool, report: BuildReport, query_precision: str) -> None:
    cache = EmbeddingCache.for_model(artifact.builds_dir(index_dir), embedder.weights_sha256, embedder.dimension)
    vectors = embed_chunks(chunks, embedder, cache, progress, report)
    query_encoder = query_encoder_files(embedder.weights_sha256, query_precision)
    flat = faiss.IndexFlatIP(embedder.dimension)
    flat.add(vectors)

    aliases = build_aliases(alias_rows)
    build_dir = artifact.new_build_dir(index_dir)
    try:
        artifact.write_build(
            build_dir,
            index_bytes=faiss.serialize_index(flat).tobytes(),
            chunks=chunks,
            pages=records,
            aliases=aliases,
            medicines=build_medicines(aliases["drug"]),
            query_encoder=query_encoder,
            query_encoder_settings={"precision": query_precision, "max_tokens": MAX_TOKENS},
            model_name=embedder.name,
            weights_sha256=embedder.weights_sha256,
            dimension=embedder.dimension,
            counts={"pages": len(records), "chunks": len(chunks), **report.chunks_by_kind},
        )
        artifact.verify(build_dir, model_name=embedder.name, weights_sha256=embedder.weights_sha256,
                        dimension=embedder.dimension)
        artifact.publish(build_dir, index_dir)
    except BaseException:
        shutil.rmtree(build_dir, ignore_errors=True)
        raise
    cache.save()
