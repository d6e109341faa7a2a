"""The index artifact: the one contract between ingest (which writes it) and retrieval (which reads it).

An artifact is a directory:

    manifest.json   format version, model, dimension, per-page content hashes, counts, file checksums
    index.faiss     exact inner-product index over normalised chunk vectors (row i = chunks.jsonl line i)
    chunks.jsonl    one `Chunk` per line
    pages.jsonl     one `PageRecord` per line: metadata, the cleaned page text and its links
    aliases.json    drug and regimen names found in the corpus -> page URLs
    medicines.json  every medicine name an offline dictionary knows -> the medicine, and the corpus pages of
                    the medicines the corpus has (see ingest/medicines.py)
    query_encoder.onnx, tokenizer.json
                    the same model as an ONNX graph (mean-pooled, normalised) and its tokenizer, for embedding
                    questions without torch (see ingest/query_encoder.py)

`--index DIR` names a symlink that points at the current build in `DIR.builds/`; publishing a new
build swaps the symlink with one atomic rename, so a reader sees either the old build or the new one.
A build is never changed once published. A build killed half-way (no manifest.json yet) is never
published, and the next publish deletes it. `DIR.builds/.ingest.lock` lets one build run at a time.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
import shutil
import sys
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from enum import StrEnum
from pathlib import Path

FORMAT_VERSION = 3  # 2: medicines.json; 3: query_encoder.onnx and tokenizer.json
MANIFEST = "manifest.json"
FAISS_FILE = "index.faiss"
CHUNKS_FILE = "chunks.jsonl"
PAGES_FILE = "pages.jsonl"
ALIASES_FILE = "aliases.json"
MEDICINES_FILE = "medicines.json"
QUERY_ENCODER_FILE = "query_encoder.onnx"
TOKENIZER_FILE = "tokenizer.json"
DATA_FILES = (FAISS_FILE, CHUNKS_FILE, PAGES_FILE, ALIASES_FILE, MEDICINES_FILE, QUERY_ENCODER_FILE, TOKENIZER_FILE)
BUILDS_KEPT = 2
TITLE_SUFFIX = re.compile(r"\s+-\s+NCI\s*$")


class Section(StrEnum):
    """What part of a page a chunk comes from; only `APPROVED_USE` may be quoted in an answer."""

    APPROVED_USE = "approved_use"  # "Use in Cancer" on drug and regimen pages, the drug lists on list pages
    DRUG_FACTS = "drug_facts"
    OVERVIEW = "overview"
    RESOURCES = "resources"
    TRIALS = "trials"


class ArtifactError(RuntimeError):
    """An index directory that must not be served: missing, truncated or built for another model."""


class BuildLocked(ArtifactError):
    """Another ingest holds the index's build lock."""


@dataclass
class Link:
    text: str
    url: str
    start: int
    end: int

    @property
    def target(self) -> str:
        """The page the link goes to: its URL without a fragment or a trailing slash, as page URLs are written."""
        return self.url.split("#")[0].rstrip("/")


@dataclass
class Chunk:
    """A retrievable passage. `text` is source text only: the parts at `spans` of the cleaned page, joined by blank lines."""

    id: str
    url: str
    title: str
    last_reviewed: str
    review_frequency: str | None
    heading_path: list[str]
    section: str
    label: str | None
    brand_names: list[str]
    generic_names: list[str]
    text: str
    spans: list[list[int]]


@dataclass
class PageRecord:
    url: str
    title: str
    last_reviewed: str
    review_frequency: str | None
    kind: str  # drug | regimen | list | hub
    source_path: str
    content_hash: str
    brand_names: list[str]
    generic_names: list[str]
    text: str
    links: list[Link] = field(default_factory=list)


@dataclass
class MedicineTable:
    """Medicine names the corpus may lack (built by ingest/medicines.py): name -> medicine, medicine -> pages."""

    source: str  # the dictionary and its version
    names: dict[str, str] = field(default_factory=dict)  # "lopressor" -> "Metoprolol"
    corpus_urls: dict[str, list[str]] = field(default_factory=dict)  # "Ondansetron" -> [its page]
    name_urls: dict[str, list[str]] = field(default_factory=dict)  # a name that reaches its own pages: "lupron"


@dataclass
class Manifest:
    format_version: int
    model_name: str
    weights_sha256: str
    dimension: int
    built_at: str
    pages: dict[str, str]  # url -> content hash
    counts: dict[str, int]
    files: dict[str, dict[str, int | str]]  # name -> {"bytes", "sha256"}
    query_encoder: dict[str, int | str] = field(default_factory=dict)  # {"precision": "int8", "max_tokens": 256}


def display_title(title: str) -> str:
    """A page title without the site's " - NCI" suffix."""
    return TITLE_SUFFIX.sub("", title).strip()


def embedding_text(chunk: Chunk) -> str:
    """What the model and BM25 see of a chunk: its text with its page's names and headings, which the bare
    text often lacks. Ingest embeds it and retrieval indexes it; both must read it the same way."""
    names = [n for n in (*chunk.generic_names, *chunk.brand_names) if n.lower() != display_title(chunk.title).lower()]
    head = display_title(chunk.title) + (f" ({', '.join(names)})" if names else "")
    headings = " > ".join(chunk.heading_path[1:])
    return f"{head}. {headings}.\n{chunk.text}" if headings else f"{head}.\n{chunk.text}"


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def utc_now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def write_jsonl(path: Path, rows: list[dict]) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def chunk_from_dict(row: dict) -> Chunk:
    return Chunk(**row)


def page_from_dict(row: dict) -> PageRecord:
    links = [Link(**link) for link in row.pop("links", [])]
    return PageRecord(**row, links=links)


def write_build(
    build_dir: Path,
    *,
    index_bytes: bytes,
    chunks: list[Chunk],
    pages: list[PageRecord],
    aliases: dict[str, list[str]],
    medicines: MedicineTable,
    query_encoder: tuple[Path, Path],
    query_encoder_settings: dict[str, int | str],
    model_name: str,
    weights_sha256: str,
    dimension: int,
    counts: dict[str, int],
) -> Manifest:
    """Write every data file, then the manifest last: a directory without a manifest is never valid."""
    build_dir.mkdir(parents=True, exist_ok=False)
    (build_dir / FAISS_FILE).write_bytes(index_bytes)
    write_jsonl(build_dir / CHUNKS_FILE, [asdict(chunk) for chunk in chunks])
    write_jsonl(build_dir / PAGES_FILE, [asdict(page) for page in pages])
    (build_dir / ALIASES_FILE).write_text(json.dumps(aliases, ensure_ascii=False, sort_keys=True, indent=0), "utf-8")
    (build_dir / MEDICINES_FILE).write_text(json.dumps(asdict(medicines), ensure_ascii=False, sort_keys=True), "utf-8")
    shutil.copyfile(query_encoder[0], build_dir / QUERY_ENCODER_FILE)
    shutil.copyfile(query_encoder[1], build_dir / TOKENIZER_FILE)
    files = {
        name: {"bytes": (build_dir / name).stat().st_size, "sha256": sha256_file(build_dir / name)}
        for name in DATA_FILES
    }
    manifest = Manifest(
        format_version=FORMAT_VERSION,
        model_name=model_name,
        weights_sha256=weights_sha256,
        dimension=dimension,
        built_at=utc_now(),
        pages={page.url: page.content_hash for page in pages},
        counts=counts,
        files=files,
        query_encoder=query_encoder_settings,
    )
    tmp = build_dir / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(asdict(manifest), indent=1, sort_keys=True), "utf-8")
    _fsync_dir_files(build_dir)
    os.replace(tmp, build_dir / MANIFEST)
    return manifest


def _fsync_dir_files(directory: Path) -> None:
    for path in directory.iterdir():
        with open(path, "rb") as handle:
            os.fsync(handle.fileno())
    _fsync_dir(directory)


def _fsync_dir(directory: Path) -> None:
    """Make a rename or a new entry in `directory` durable (a crash right after cannot undo it)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


LOCK_FILE = ".ingest.lock"


@contextlib.contextmanager
def build_lock(index_dir: Path):
    """Hold an exclusive lock on the index's builds while building and publishing one.

    A second ingest into the same index is refused rather than let the two prune each other's builds.
    The kernel drops the lock when the holder dies, so a killed ingest never leaves it stuck.
    """
    root = builds_dir(Path(index_dir))
    root.mkdir(parents=True, exist_ok=True)
    with open(root / LOCK_FILE, "a+b") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildLocked(f"{index_dir}: another ingest is building this index now; try again when it is done") from None
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def builds_dir(index_dir: Path) -> Path:
    return index_dir.parent / (index_dir.name + ".builds")


def new_build_dir(index_dir: Path) -> Path:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    return builds_dir(index_dir) / f"build-{stamp}-{os.getpid()}"


def publish(build_dir: Path, index_dir: Path) -> None:
    """Point `index_dir` at `build_dir` with one atomic rename, then prune old builds."""
    index_dir = Path(index_dir)
    if index_dir.exists() and not index_dir.is_symlink():
        # An index directory from before builds were symlinked: move it aside once.
        index_dir.rename(builds_dir(index_dir) / f"legacy-{os.getpid()}")
    for stale in index_dir.parent.glob(f".{index_dir.name}.link-*"):  # left by an ingest that was killed
        if stale.is_symlink():
            with contextlib.suppress(OSError):
                stale.unlink()
    link_tmp = index_dir.parent / f".{index_dir.name}.link-{os.getpid()}"
    os.symlink(os.path.relpath(build_dir, index_dir.parent), link_tmp)
    os.replace(link_tmp, index_dir)
    _fsync_dir(index_dir.parent)
    prune_builds(index_dir)


def prune_builds(index_dir: Path, keep: int = BUILDS_KEPT) -> None:
    """Keep the live build and the newest others (a running server may still read the previous one)."""
    root = builds_dir(index_dir)
    if not root.is_dir():
        return
    live = index_dir.resolve() if index_dir.exists() else None
    others = sorted((p for p in root.iterdir() if p.is_dir() and p.resolve() != live),
                    key=lambda p: p.stat().st_mtime, reverse=True)
    kept = [p for p in others if (p / MANIFEST).exists()][: keep - 1]
    for build in others:
        if build not in kept:
            shutil.rmtree(build, ignore_errors=True)


def read_manifest(index_dir: Path) -> Manifest:
    path = Path(index_dir) / MANIFEST
    if not path.is_file():
        raise ArtifactError(f"{index_dir}: no {MANIFEST}; run `python -m ingest` to build an index")
    try:
        return Manifest(**json.loads(path.read_text("utf-8")))
    except (ValueError, TypeError) as exc:
        raise ArtifactError(f"{path}: unreadable manifest ({exc})") from exc


def verify(index_dir: Path, *, model_name: str | None = None, weights_sha256: str | None = None,
           dimension: int | None = None, check_hashes: bool = True) -> Manifest:
    """Refuse an artifact that does not match this code and model; return its manifest if it does."""
    manifest = read_manifest(index_dir)
    if manifest.format_version != FORMAT_VERSION:
        raise ArtifactError(
            f"{index_dir}: index format {manifest.format_version}, this code reads format {FORMAT_VERSION}; rebuild it")
    if model_name is not None and manifest.model_name != model_name:
        raise ArtifactError(f"{index_dir}: built with model {manifest.model_name!r}, expected {model_name!r}")
    if weights_sha256 is not None and manifest.weights_sha256 != weights_sha256:
        raise ArtifactError(f"{index_dir}: built with other model weights (sha256 {manifest.weights_sha256[:12]}…)")
    if dimension is not None and manifest.dimension != dimension:
        raise ArtifactError(f"{index_dir}: vectors have dimension {manifest.dimension}, the model gives {dimension}")
    if not isinstance(manifest.files, dict):
        raise ArtifactError(f"{index_dir}: manifest has no file list; rebuild the index")
    for name in DATA_FILES:
        path = Path(index_dir) / name
        expected = manifest.files.get(name)
        if expected is None:
            raise ArtifactError(f"{index_dir}: manifest does not list {name}")
        if not isinstance(expected, dict) or not {"bytes", "sha256"} <= set(expected):
            raise ArtifactError(f"{index_dir}: manifest entry for {name} is malformed; rebuild the index")
        if not path.is_file():
            raise ArtifactError(f"{index_dir}: {name} is missing")
        size = path.stat().st_size
        if size != expected["bytes"]:
            raise ArtifactError(f"{index_dir}: {name} has {size} bytes, the manifest says {expected['bytes']} (truncated?)")
        if check_hashes and sha256_file(path) != expected["sha256"]:
            raise ArtifactError(f"{index_dir}: {name} does not match its sha256 in the manifest (corrupted?)")
    return manifest


def load_chunks(index_dir: Path) -> list[Chunk]:
    return [chunk_from_dict(row) for row in read_jsonl(Path(index_dir) / CHUNKS_FILE)]


def load_pages(index_dir: Path) -> list[PageRecord]:
    return [page_from_dict(row) for row in read_jsonl(Path(index_dir) / PAGES_FILE)]


def load_aliases(index_dir: Path) -> dict[str, list[str]]:
    return json.loads((Path(index_dir) / ALIASES_FILE).read_text("utf-8"))


def load_medicines(index_dir: Path) -> MedicineTable:
    """The table, with each medicine's name held once however many names point to it (106,000 names of 20,000
    medicines: interning saves about 5 MB a process)."""
    table = MedicineTable(**json.loads((Path(index_dir) / MEDICINES_FILE).read_text("utf-8")))
    table.names = {name: sys.intern(medicine) for name, medicine in table.names.items()}
    return table
