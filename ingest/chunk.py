"""Chunk a cleaned page by heading, label each chunk's section kind, and split approved uses per indication."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from langchain_text_splitters import MarkdownHeaderTextSplitter

from ingest.artifact import Chunk
from ingest.clean import BRAND_NAMES_HEADER, FOOTNOTE_MARKS, CleanPage, Line

HEADERS = [("#", "h1"), ("##", "h2"), ("###", "h3")]
APPROVED_HEADING = re.compile(r"^(use in cancer$|drugs approved (for|to)\b|drug combinations used in\b)", re.I)
RESOURCES_HEADING = re.compile(r"^(more about\b|research results\b|related resources\b)", re.I)
TRIALS_HEADING = re.compile(r"clinical trials", re.I)
DRUG_FACTS_START = (BRAND_NAMES_HEADER, "FDA Approved")


@dataclass
class Section:
    heading_path: list[str]
    lines: list[Line]  # the heading line itself excluded


@dataclass
class PageInfo:
    url: str
    title: str
    last_reviewed: str
    review_frequency: str | None
    kind: str
    brand_names: list[str]
    generic_names: list[str]


def split_sections(clean: CleanPage) -> list[Section]:
    """Header sections from langchain's Markdown splitter, mapped back onto the cleaned page's lines."""
    documents = MarkdownHeaderTextSplitter(HEADERS, strip_headers=False).split_text(clean.text)
    starts: list[tuple[int, list[str]]] = []
    cursor = 0
    for document in documents:
        first_line = document.page_content.split("\n", 1)[0].strip()
        at = clean.text.find(first_line, cursor)
        while at > 0 and clean.text[at - 1] != "\n":
            at = clean.text.find(first_line, at + 1)
        if at < 0:
            continue
        path = [document.metadata[key] for _, key in HEADERS if key in document.metadata]
        starts.append((at, path))
        cursor = at + len(first_line)
    sections: list[Section] = []
    for i, (start, path) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(clean.text) + 1
        lines = [line for line in clean.lines if start <= line.start < end and line.kind != "heading"]
        if lines:
            sections.append(Section(path, lines))
    return sections


def section_kind(path: list[str], page_kind: str, lines: list[Line]) -> str:
    headings = path[1:]
    if any(APPROVED_HEADING.match(h) for h in headings):
        return "approved_use"
    if any(RESOURCES_HEADING.match(h) for h in headings):
        return "resources"
    if any(TRIALS_HEADING.search(h) for h in headings):
        return "trials"
    if page_kind == "list" and headings and any(line.kind == "item" for line in lines):
        return "approved_use"  # e.g. "### Nausea and Vomiting" lists on the related-conditions page
    return "overview"


def split_overview(lines: list[Line]) -> list[tuple[str, list[Line]]]:
    """A drug page's top section: the description is overview, from `US Brand Name(s)` on it is drug facts."""
    for i, line in enumerate(lines):
        if line.text in DRUG_FACTS_START:
            parts = [("overview", lines[:i]), ("drug_facts", lines[i:])]
            return [(kind, part) for kind, part in parts if part]
    return [("overview", lines)]


def span_of(lines: list[Line]) -> list[int]:
    return [lines[0].start, lines[-1].end]


def indication_groups(lines: list[Line]) -> list[tuple[str | None, list[list[int]]]]:
    """One (label, spans) per approved use: its lead-in, the indication with its lines, its footnotes.

    The lead-in is the section preamble, or a later one that introduces the indications after it ("Denosumab is
    approved to prevent:", "Cytarabine may also be used to treat:"): each indication is quoted under the words that
    introduce it, never under the first ones. Other lines after an indication belong to it until the next
    indication. Footnote paragraphs (starting with a mark such as ¹) go with every indication that carries the
    mark; other text after the last indication (e.g. "... is also being studied ...", a REMS note) becomes a
    chunk of its own, without the preamble, since it is not itself an approved use.
    """
    first = next((i for i, line in enumerate(lines) if line.indication), None)
    if first is None:
        return [(None, [span_of(lines)])]
    preamble = lines[:first]
    footnotes = [line for line in lines[first:] if line.kind == "text" and line.text[:1] in FOOTNOTE_MARKS]
    body = [line for line in lines[first:] if line not in footnotes]
    groups: list[list[Line]] = []
    lead_ins: list[list[Line]] = []  # each group's
    lead_in = preamble
    for i, line in enumerate(body):
        if groups and introduces_indications(body, i):
            lead_in = [line]
        elif line.indication or not groups:
            groups.append([line])
            lead_ins.append(lead_in)
        else:
            groups[-1].append(line)
    # Plain text after the last indication's own lines is a section note, not part of that indication.
    last = groups[-1]
    tail_at = next((i for i, line in enumerate(last) if i and line.kind == "text"
                    and last[i - 1].kind != "text"), None)
    tail: list[Line] = []
    if tail_at is not None:
        tail = last[tail_at:]
        groups[-1] = last[:tail_at]
    result: list[tuple[str | None, list[list[int]]]] = []
    for group, lead_in in zip(groups, lead_ins):
        spans = [span_of(lead_in)] if lead_in else []
        spans.append(span_of(group))
        group_text = " ".join(line.text for line in group)
        for note in footnotes:
            if note.text[0] in group_text:
                spans.append([note.start, note.end])
        result.append((group[0].label, spans))
    unclaimed = [note for note in footnotes
                 if not any(note.text[0] in " ".join(line.text for line in group) for group in groups)]
    extra = tail + unclaimed
    if extra:
        result.append((None, [[line.start, line.end] for line in extra]))
    return result


def introduces_indications(lines: list[Line], i: int) -> bool:
    """A paragraph that ends with a colon right before an indication introduces it."""
    return (lines[i].kind == "text" and lines[i].text.rstrip().endswith(":") and i + 1 < len(lines)
            and lines[i + 1].indication)


def chunk_text(page_text: str, spans: list[list[int]]) -> str:
    return "\n\n".join(page_text[start:end] for start, end in spans)


def chunk_id(url: str, text: str) -> str:
    """Same page and same text give the same id on every run."""
    return hashlib.sha256(f"{url}\n{text}".encode("utf-8")).hexdigest()[:16]


def chunk_page(info: PageInfo, clean: CleanPage) -> list[Chunk]:
    pieces: list[tuple[list[str], str, str | None, list[list[int]]]] = []
    for section in split_sections(clean):
        kind = section_kind(section.heading_path, info.kind, section.lines)
        if kind == "approved_use":
            for label, spans in indication_groups(section.lines):
                pieces.append((section.heading_path, kind, label, spans))
        elif kind == "overview" and len(section.heading_path) == 1:
            for part_kind, part in split_overview(section.lines):
                pieces.append((section.heading_path, part_kind, None, [span_of(part)]))
        else:
            pieces.append((section.heading_path, kind, None, [span_of(section.lines)]))
    chunks: list[Chunk] = []
    seen: dict[str, int] = {}
    for path, kind, label, spans in pieces:
        text = chunk_text(clean.text, spans)
        base = chunk_id(info.url, text)
        seen[base] = seen.get(base, 0) + 1
        chunks.append(Chunk(
            id=base if seen[base] == 1 else f"{base}-{seen[base]}",
            url=info.url,
            title=info.title,
            last_reviewed=info.last_reviewed,
            review_frequency=info.review_frequency,
            heading_path=path,
            section=kind,
            label=label,
            brand_names=info.brand_names,
            generic_names=info.generic_names,
            text=text,
            spans=spans,
        ))
    return chunks
