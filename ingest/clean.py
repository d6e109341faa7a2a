"""Turn a page's Markdown body into clean text, keeping the structure that chunking needs.

The cleaned text keeps Markdown headings (`## Use in Cancer`) and list markers (`- `) but not links or
emphasis, so that an answer can quote it verbatim and read naturally. Each step is a small pure function.

Links are kept only if a patient may safely follow them: `filter_links` drops (and says why) any link that is
not https on a host of the link allowlist, `RAG_LINK_HOSTS` (comma-separated; a host and its subdomains;
default `cancer.gov,nih.gov,fda.gov,medlineplus.gov`). `javascript:`, `data:`, `http:` and foreign sites go.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import ftfy

from ingest.artifact import Link
from ingest.pages import hosts_from_env, printable, url_problem

SITE_ROOT = "https://www.cancer.gov"
TEMPLATE_LINES = frozenset({"placeholder slot"})
BRAND_NAMES_HEADER = "US Brand Name(s)"
FOOTNOTE_MARKS = "¹²³⁴⁵⁶⁷⁸⁹*†‡§"
MIN_CONTAINED_PARAGRAPH = 40

_BLOCK_START = re.compile(r"^(#{1,6}(\s|$)|[-+]\s|\*\s|\d+[.)]\s|\|)")
_HEADING = re.compile(r"^(#{1,6})(?:\s+(.*))?$")
_HEADING_AS_ITEM = re.compile(r"^[-*+]\s+(#{1,6}\s)")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*([^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+\"[^\"]*\")?\s*\)")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ITALIC = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])")
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")
_SPACES = re.compile(r"[ \t\u00a0]{2,}")
_EMPTY_TABLE_ROW = re.compile(r"^\|[\s|:\-]*\|$")
_ESCAPE_SENTINEL = "\x00"
DEFAULT_LINK_HOSTS = ("cancer.gov", "nih.gov", "fda.gov", "medlineplus.gov")


@dataclass
class Line:
    """One logical line of the cleaned text, with its offsets in it."""

    text: str
    start: int
    end: int
    kind: str  # heading | item | table | text
    level: int = 0  # heading level
    indication: bool = False  # began with bold text: one approved use, e.g. "- **Breast cancer** ..."
    label: str | None = None  # that bold text


@dataclass
class CleanPage:
    text: str
    lines: list[Line]
    links: list[Link]
    notes: list[str] = field(default_factory=list)  # what cleaning removed, for the ingest report
    dropped_links: list[tuple[Link, str]] = field(default_factory=list)  # set by filter_links: (link, why)


@dataclass
class _RawLine:
    """A logical line before inline Markdown is removed."""

    markdown: str
    keep_separate: bool = False


def repair_mojibake(text: str) -> str:
    """UTF-8 read as cp1252 (`Patientsâ€™` -> `Patients’`); ftfy's encoding fixer changes nothing else."""
    return ftfy.fix_encoding(text)


def split_blocks(text: str) -> list[list[str]]:
    """Paragraph blocks: runs of non-blank lines (no-break spaces read as spaces)."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").split("\n"):
        line = line.rstrip()
        if line.strip():
            current.append(line.strip())
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def drop_template_lines(blocks: list[list[str]]) -> list[list[str]]:
    kept = [[line for line in block if line.strip().lower() not in TEMPLATE_LINES] for block in blocks]
    return [block for block in kept if block]


def drop_duplicate_title(blocks: list[list[str]], title: str) -> list[list[str]]:
    """The capture repeats the front-matter title as an H1 just above the page's own H1."""
    for i in range(len(blocks) - 1):
        first, second = blocks[i], blocks[i + 1]
        if (len(first) == 1 and first[0].startswith("# ") and second[0].startswith("# ")
                and (first[0][2:].strip() == title.strip() or first[0].endswith(" - NCI"))):
            return blocks[:i] + blocks[i + 1:]
    return blocks


def join_hard_wraps(block: list[str]) -> list[_RawLine]:
    """A line that does not start a heading, list item or table row continues the line above it.

    A heading captured as a list item (`- ## Drug Combinations ...`) is a heading again.
    """
    lines: list[_RawLine] = []
    for line in block:
        line = _HEADING_AS_ITEM.sub(r"\1", line)
        if lines and not _BLOCK_START.match(line):
            lines[-1].markdown += " " + line
        else:
            lines.append(_RawLine(line))
    return lines


def name_empty_headings(blocks: list[list[_RawLine]]) -> list[list[_RawLine]]:
    """`##` with no text, followed by a one-line paragraph, is a heading whose text is that paragraph."""
    merged: list[list[_RawLine]] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        heading = _HEADING.match(block[0].markdown)
        if (len(block) == 1 and heading and not heading.group(2) and i + 1 < len(blocks)
                and len(blocks[i + 1]) == 1 and not _BLOCK_START.match(blocks[i + 1][0].markdown)):
            merged.append([_RawLine(f"{heading.group(1)} {blocks[i + 1][0].markdown}")])
            i += 2
            continue
        merged.append(block)
        i += 1
    return merged


def absolute_url(target: str, site_root: str = SITE_ROOT) -> str:
    target = target.strip()
    if target.startswith("//"):
        return "https:" + target
    if target.startswith("/"):
        return urljoin(site_root + "/", target.lstrip("/"))
    return target


def strip_emphasis(markdown: str) -> str:
    text = _BOLD.sub(r"\1", markdown)
    return _ITALIC.sub(r"\1", text)


def inline_to_text(markdown: str) -> tuple[str, list[tuple[str, str, int, int]]]:
    """Markdown inline -> plain text, and its links as (text, absolute url, start, end) within that text."""
    text = _ESCAPED.sub(lambda m: _ESCAPE_SENTINEL if m.group(1) == "*" else m.group(1), markdown)
    text = _IMAGE.sub("", text)
    text = strip_emphasis(text)
    pieces: list[str] = []
    links: list[tuple[str, str, int, int]] = []
    length = 0
    cursor = 0
    for match in _LINK.finditer(text):
        before = text[cursor:match.start()]
        pieces.append(before)
        length += len(before)
        link_text = match.group(1)
        pieces.append(link_text)
        if link_text.strip():
            links.append((link_text, absolute_url(match.group(2)), length, length + len(link_text)))
        length += len(link_text)
        cursor = match.end()
    pieces.append(text[cursor:])
    plain = "".join(pieces).replace(_ESCAPE_SENTINEL, "*")
    # Collapsing spaces shifts offsets: recompute each link's place from its text, left to right.
    collapsed = _SPACES.sub(" ", plain).strip()
    placed: list[tuple[str, str, int, int]] = []
    search_from = 0
    for link_text, url, _, _ in links:
        link_text = _SPACES.sub(" ", link_text).strip()
        at = collapsed.find(link_text, search_from)
        if at < 0:
            continue
        placed.append((link_text, url, at, at + len(link_text)))
        search_from = at + len(link_text)
    return collapsed, placed


def leading_bold(markdown: str) -> str | None:
    """The bold text an approved-use item starts with (`- **Breast cancer** that ...` -> `Breast cancer`)."""
    body = markdown[2:] if markdown.startswith("- ") else markdown
    match = re.match(r"\*\*(.+?)\*\*", body)
    if not match:
        return None
    label, _ = inline_to_text(match.group(1))
    return label.strip(" .:") or None


def line_kind(markdown: str) -> tuple[str, int]:
    heading = _HEADING.match(markdown)
    if heading:
        return "heading", len(heading.group(1))
    if markdown.startswith("|"):
        return "table", 0
    if re.match(r"^([-+*]|\d+[.)])\s", markdown):
        return "item", 0
    return "text", 0


def _normalise(text: str) -> str:
    return " ".join(text.split()).rstrip(" .").lower()


def clean_page(body: str, title: str = "", site_root: str = SITE_ROOT) -> CleanPage:
    notes: list[str] = []
    repaired = repair_mojibake(body)
    if repaired != body:
        notes.append("repaired mojibake")
    spaced = repaired.replace("\u00a0", " ").replace("\r\n", "\n").replace("\r", "\n")
    visible = printable(spaced)
    if visible != spaced:
        notes.append("removed control or invisible characters")
    blocks = split_blocks(visible)
    without_template = drop_template_lines(blocks)
    if sum(map(len, without_template)) != sum(map(len, blocks)):
        notes.append("dropped template text")
    deduped_title = drop_duplicate_title(without_template, title)
    if len(deduped_title) != len(without_template):
        notes.append("dropped duplicate title line")

    logical: list[list[_RawLine]] = []
    previous_text = ""
    for block in deduped_title:
        if previous_text == BRAND_NAMES_HEADER:
            logical.append([_RawLine(line, keep_separate=True) for line in block])
        else:
            logical.append(join_hard_wraps(block))
        previous_text = block[-1]
    logical = name_empty_headings(logical)

    text_parts: list[str] = []
    lines: list[Line] = []
    links: list[Link] = []
    seen_paragraphs: list[str] = []
    offset = 0
    for block in logical:
        rendered: list[tuple[str, _RawLine, list]] = []
        for raw in block:
            if _EMPTY_TABLE_ROW.match(raw.markdown):
                continue
            plain, line_links = inline_to_text(raw.markdown)
            if plain:
                rendered.append((plain, raw, line_links))
        if not rendered:
            continue
        kinds = {line_kind(raw.markdown)[0] for _, raw, _ in rendered}
        block_text = "\n".join(plain for plain, _, _ in rendered)
        if kinds == {"heading"}:
            seen_paragraphs = []  # repeats are looked for within a section, not across the page's lists
        elif kinds == {"text"}:
            key = _normalise(block_text)
            earlier = "\n".join(seen_paragraphs)
            if key in seen_paragraphs or (len(key) >= MIN_CONTAINED_PARAGRAPH and key in earlier):
                notes.append(f"dropped repeated paragraph: {block_text[:60]!r}")
                continue
        seen_paragraphs.append(_normalise(block_text))
        if text_parts:
            offset += 2  # the blank line between blocks
        for i, (plain, raw, line_links) in enumerate(rendered):
            if i:
                offset += 1
            kind, level = line_kind(raw.markdown)
            label = leading_bold(raw.markdown) if kind in ("item", "text") else None
            lines.append(Line(plain, offset, offset + len(plain), kind, level, label is not None, label))
            links.extend(Link(t, url, offset + s, offset + e) for t, url, s, e in line_links)
            offset += len(plain)
        text_parts.append(block_text)
    text = "\n\n".join(text_parts)
    return CleanPage(text=text, lines=lines, links=links, notes=notes)


def link_hosts() -> tuple[str, ...]:
    return hosts_from_env("RAG_LINK_HOSTS", DEFAULT_LINK_HOSTS)


def resolve_link(url: str, page_url: str) -> str:
    """A link relative to its page (`#A`, `treosulfan`) as a browser would resolve it; others unchanged."""
    try:
        relative = not urlsplit(url).scheme and not url.startswith("//")
    except ValueError:
        return url
    return urljoin(page_url, url) if relative and page_url else url


def filter_links(links: list[Link], page_url: str = "", hosts: tuple[str, ...] | None = None,
                 ) -> tuple[list[Link], list[tuple[Link, str]]]:
    """The links a patient may be sent to (https, on an allowed host), and the others with the reason."""
    hosts = link_hosts() if hosts is None else hosts
    kept: list[Link] = []
    dropped: list[tuple[Link, str]] = []
    for link in links:
        url = resolve_link(link.url, page_url)
        problem = url_problem(url, hosts, subdomains=True, setting="RAG_LINK_HOSTS")
        if problem:
            dropped.append((link, problem))
        else:
            kept.append(Link(link.text, url, link.start, link.end))
    return kept, dropped
