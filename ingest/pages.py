"""Load seed pages and check their front matter; a broken page is reported and skipped, never fatal.

A page's `url` must be an absolute https URL on one of the allowed page hosts: `RAG_PAGE_HOSTS`
(comma-separated, exact host names; default `www.cancer.gov,cancer.gov`). Every citation the service gives
is a page's own `url`, so this is what keeps a poisoned page from sending a patient elsewhere.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import frontmatter
import yaml

PAGE_SUFFIXES = (".md", ".txt")
REQUIRED_FIELDS = ("url", "title", "lastReviewed", "status")
# The largest corpus page is 57 kB. Cleaning and chunking grow faster than linearly with a page's size, so
# one page of several MB would stall a whole ingest run: refuse pages over ~9x the largest real one.
MAX_PAGE_BYTES = 500_000
DEFAULT_PAGE_HOSTS = ("www.cancer.gov", "cancer.gov")
_HOST_NAME = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$")
_UNSAFE_URL_CHARS = re.compile(r"[\s\\\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


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


def hosts_from_env(name: str, default: tuple[str, ...]) -> tuple[str, ...]:
    """A comma-separated host list from the environment, lower-cased; unset or empty gives `default`."""
    value = os.environ.get(name, "")
    hosts = tuple(part.strip().lower().rstrip(".") for part in value.split(",") if part.strip())
    return hosts or default


def page_hosts() -> tuple[str, ...]:
    return hosts_from_env("RAG_PAGE_HOSTS", DEFAULT_PAGE_HOSTS)


def short(value: object, limit: int = 40) -> str:
    """A bounded description of a front-matter value for a report (never str() of a YAML alias bomb)."""
    if isinstance(value, (str, int, float, bool, dt.date)) or value is None:
        return repr(value if not isinstance(value, str) else value[:limit])[: limit + 2]
    return f"a {type(value).__name__}"


def url_problem(url: str, hosts: tuple[str, ...], *, subdomains: bool = False,
                setting: str = "RAG_PAGE_HOSTS") -> str | None:
    """Why `url` may not be shown to a patient as a link, or None if it may.

    It must be https, with a plain host name on `hosts` (exactly, or with `subdomains` also any subdomain of
    one), no user name or password, no port other than 443, and no whitespace, backslash or control or
    direction characters anywhere (browsers read `\\` as `/`, so `https://evil.example\\.cancer.gov` goes to evil).
    """
    if not isinstance(url, str) or not url:
        return "empty URL"
    if _UNSAFE_URL_CHARS.search(url):
        return "URL contains whitespace, a backslash or control characters"
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return "malformed URL"
    if parts.scheme != "https":
        return f"not https ({parts.scheme + ':' if parts.scheme else 'relative URL'})"
    host = (parts.hostname or "").rstrip(".")
    if not host:
        return "URL has no host"
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        return "URL carries a user name or password"
    if port not in (None, 443):
        return f"URL uses port {port}"
    if not _HOST_NAME.match(host):
        return f"host {host[:60]!r} is not a plain host name"
    allowed = any(host == h or (subdomains and host.endswith("." + h)) for h in hosts)
    if not allowed:
        return f"host {host} is not on the allowlist ({setting})"
    return None


def printable(text: str, keep_newlines: bool = True) -> str:
    """`text` with every character `str.isprintable` rejects made a space (if it is a space of some kind:
    tabs, no-break and line-separator spaces) or dropped (controls, zero-width and direction marks).

    The Markdown splitter that chunking uses drops such characters from the lines it reads, so a cleaned page
    that kept them would no longer line up with the splitter's sections, and their text would be lost.
    """
    if text.isprintable():
        return text
    if keep_newlines:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(ch if ch.isprintable() or (keep_newlines and ch == "\n") else (" " if ch.isspace() else "")
                   for ch in text)


def url_key(url: str) -> str:
    """Two spellings of one page (`HTTPS://WWW.cancer.gov/x/`, `https://www.cancer.gov/x#top`) are one URL."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{(parts.hostname or '').lower()}{parts.path.rstrip('/') or '/'}" + (
        f"?{parts.query}" if parts.query else "")


def parse_date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return dt.date.fromisoformat(value.strip())
    raise ValueError(f"not a date: {short(value)}")


def parse_page(path: Path, raw: bytes, hosts: tuple[str, ...] | None = None) -> SeedPage:
    """Raise ValueError with a reader-facing reason when the page cannot be used."""
    hosts = page_hosts() if hosts is None else hosts
    if not raw.strip():
        raise ValueError("empty page")
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
        metadata, content = frontmatter.parse(text.lstrip("\ufeff"))
    except yaml.YAMLError as exc:
        lines = str(exc).splitlines() or [type(exc).__name__]
        raise ValueError(f"bad YAML front matter: {lines[0][:120]}") from None
    except (ValueError, TypeError, AttributeError, RecursionError, OverflowError) as exc:
        raise ValueError(f"unreadable front matter ({type(exc).__name__})") from None
    meta = metadata
    if not meta or not isinstance(meta, dict):
        raise ValueError("empty or unreadable front matter")
    meta = {key: value for key, value in meta.items() if isinstance(key, str)}
    if isinstance(meta.get("title"), str):
        meta["title"] = " ".join(printable(meta["title"], keep_newlines=False).split())
    missing = [name for name in REQUIRED_FIELDS
               if meta.get(name) is None or (isinstance(meta[name], str) and not meta[name].strip())]
    if missing:
        raise ValueError(f"missing required field(s): {', '.join(missing)}")
    for name in ("url", "title", "status"):
        if not isinstance(meta[name], str):
            raise ValueError(f"field {name!r} must be text, got {type(meta[name]).__name__}")
    url = meta["url"].strip()
    problem = url_problem(url, hosts)
    if problem:
        raise ValueError(f"url {url[:80]!r} refused: {problem}")
    try:
        last_reviewed = parse_date(meta["lastReviewed"])
    except (ValueError, TypeError, OverflowError):
        raise ValueError(f"lastReviewed is not an ISO date (YYYY-MM-DD): {short(meta['lastReviewed'])}") from None
    if last_reviewed > dt.date.today():
        raise ValueError(f"lastReviewed {last_reviewed} is in the future")
    frequency = meta.get("reviewFrequency")
    if frequency is not None and not isinstance(frequency, str):
        raise ValueError(f"field 'reviewFrequency' must be text, got {type(frequency).__name__}")
    if not printable(content).strip():
        raise ValueError("page has no body text")
    return SeedPage(
        path=path,
        url=url,
        title=meta["title"].strip(),
        last_reviewed=last_reviewed,
        review_frequency=frequency,
        status=meta["status"].strip(),
        body=content,
        raw=raw,
    )


def read_page_bytes(path: Path) -> bytes:
    """The file's bytes, refusing to read more than just over the size limit (a huge file is not slurped)."""
    with open(path, "rb") as handle:
        return handle.read(MAX_PAGE_BYTES + 1)


def load_seed_pages(seed_dirs: list[Path], hosts: tuple[str, ...] | None = None,
                    ) -> tuple[list[SeedPage], list[PageProblem]]:
    """Active, well-formed pages, one per URL (the newest `lastReviewed` wins), and what was left out and why.

    No page can stop the run: anything unexpected while reading one page is reported against that page.
    """
    hosts = page_hosts() if hosts is None else hosts
    files, problems = find_page_files(seed_dirs)
    by_url: dict[str, SeedPage] = {}
    for path in files:
        try:
            page = parse_page(path, read_page_bytes(path), hosts)
        except OSError as exc:
            problems.append(PageProblem(str(path), f"unreadable: {exc.strerror}"))
            continue
        except ValueError as exc:
            problems.append(PageProblem(str(path), str(exc)))
            continue
        except Exception as exc:  # noqa: BLE001 - one odd page is reported, never fatal
            problems.append(PageProblem(str(path), f"could not be read ({type(exc).__name__})"))
            continue
        if page.status != "active":
            problems.append(PageProblem(str(path), f"status is {short(page.status)}, not 'active'"))
            continue
        key = url_key(page.url)
        kept = by_url.get(key)
        if kept is None:
            by_url[key] = page
            continue
        newer, older = (page, kept) if page.last_reviewed > kept.last_reviewed else (kept, page)
        by_url[key] = newer
        problems.append(PageProblem(
            str(older.path),
            f"duplicate url {page.url}: kept {newer.path.name} (lastReviewed {newer.last_reviewed}), "
            f"dropped this one (lastReviewed {older.last_reviewed})"))
    return list(by_url.values()), problems
