"""Load seed pages and check their front matter; a broken page is reported and skipped, never fatal."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import frontmatter
import yaml

PAGE_SUFFIXES = (".md", ".txt")
REQUIRED_FIELDS = ("url", "title", "lastReviewed", "status")
MAX_PAGE_BYTES = 2_000_000


@dataclass
class SeedPage:
    path: Path
    url: str
    title: str
    last_reviewed: dt.date
    review_frequency: str | None
    status: str
    body: str
    raw: bytes


@dataclass
class PageProblem:
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def find_page_files(seed_dirs: list[Path]) -> tuple[list[Path], list[PageProblem]]:
    files: list[Path] = []
    problems: list[PageProblem] = []
    for seed_dir in seed_dirs:
        seed_dir = Path(seed_dir)
        if seed_dir.is_file():
            files.append(seed_dir)
        elif seed_dir.is_dir():
            files.extend(p for p in sorted(seed_dir.rglob("*")) if p.is_file() and p.suffix in PAGE_SUFFIXES)
        else:
            problems.append(PageProblem(str(seed_dir), "seed folder does not exist"))
    return files, problems


def parse_date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return dt.date.fromisoformat(value.strip())
    raise ValueError(f"not a date: {value!r}")


def parse_page(path: Path, raw: bytes) -> SeedPage:
    """Raise ValueError with a reader-facing reason when the page cannot be used."""
    if len(raw) > MAX_PAGE_BYTES:
        raise ValueError(f"page is {len(raw):,} bytes, over the {MAX_PAGE_BYTES:,}-byte limit")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 text (byte {exc.start})") from None
    if "\x00" in text:
        raise ValueError("binary content (NUL bytes)")
    if not text.lstrip("\ufeff").startswith("---"):
        raise ValueError("no YAML front matter (the file must start with ---)")
    try:
        post = frontmatter.loads(text.lstrip("\ufeff"))
    except yaml.YAMLError as exc:
        raise ValueError(f"bad YAML front matter: {str(exc).splitlines()[0]}") from None
    meta = post.metadata
    if not meta:
        raise ValueError("empty or unreadable front matter")
    missing = [name for name in REQUIRED_FIELDS if meta.get(name) in (None, "")]
    if missing:
        raise ValueError(f"missing required field(s): {', '.join(missing)}")
    for name in ("url", "title", "status"):
        if not isinstance(meta[name], str):
            raise ValueError(f"field {name!r} must be text, got {type(meta[name]).__name__}")
    url = meta["url"].strip()
    parsed = urlparse(url)
    if parsed.scheme != "https" or not parsed.netloc:
        raise ValueError(f"url must be an absolute https URL, got {url[:80]!r}")
    try:
        last_reviewed = parse_date(meta["lastReviewed"])
    except ValueError:
        raise ValueError(f"lastReviewed is not an ISO date (YYYY-MM-DD): {str(meta['lastReviewed'])[:40]!r}") from None
    if last_reviewed > dt.date.today():
        raise ValueError(f"lastReviewed {last_reviewed} is in the future")
    frequency = meta.get("reviewFrequency")
    if frequency is not None and not isinstance(frequency, str):
        raise ValueError(f"field 'reviewFrequency' must be text, got {type(frequency).__name__}")
    if not post.content.strip():
        raise ValueError("page has no body text")
    return SeedPage(
        path=path,
        url=url,
        title=meta["title"].strip(),
        last_reviewed=last_reviewed,
        review_frequency=frequency,
        status=meta["status"].strip(),
        body=post.content,
        raw=raw,
    )


def load_seed_pages(seed_dirs: list[Path]) -> tuple[list[SeedPage], list[PageProblem]]:
    """Active, well-formed pages, one per URL (the newest `lastReviewed` wins), and what was left out and why."""
    files, problems = find_page_files(seed_dirs)
    by_url: dict[str, SeedPage] = {}
    for path in files:
        try:
            page = parse_page(path, path.read_bytes())
        except OSError as exc:
            problems.append(PageProblem(str(path), f"unreadable: {exc.strerror}"))
            continue
        except ValueError as exc:
            problems.append(PageProblem(str(path), str(exc)))
            continue
        if page.status != "active":
            problems.append(PageProblem(str(path), f"status is {page.status!r}, not 'active'"))
            continue
        kept = by_url.get(page.url)
        if kept is None:
            by_url[page.url] = page
            continue
        newer, older = (page, kept) if page.last_reviewed > kept.last_reviewed else (kept, page)
        by_url[page.url] = newer
        problems.append(PageProblem(
            str(older.path),
            f"duplicate url {page.url}: kept {newer.path.name} (lastReviewed {newer.last_reviewed}), "
            f"dropped this one (lastReviewed {older.last_reviewed})"))
    return list(by_url.values()), problems
