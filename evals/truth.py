"""What the harness checks answers against, read independently of the code under test where it can be.

Review dates come straight from the pages' front matter (not from the index), so a service that reports
the wrong date is caught even if ingest got it wrong too. Approved-use text comes from the index artifact,
whose chunk texts ingest's tests tie to the cleaned pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import frontmatter

from ingest import artifact


@dataclass
class Truth:
    last_reviewed: dict[str, str]  # url -> lastReviewed, from front matter
    review_frequency: dict[str, str | None]
    approved_text: dict[str, list[str]]  # url -> approved-use chunk texts
    chunk_text: dict[str, str]  # approved-use chunk id -> text


def read_truth(corpus_dir: Path, index_dir: Path) -> Truth:
    last_reviewed: dict[str, str] = {}
    frequency: dict[str, str | None] = {}
    for path in sorted(Path(corpus_dir).glob("*.md")):
        meta = frontmatter.load(path).metadata
        last_reviewed[meta["url"]] = str(meta["lastReviewed"])
        frequency[meta["url"]] = meta.get("reviewFrequency")
    approved: dict[str, list[str]] = {}
    chunk_text: dict[str, str] = {}
    for chunk in artifact.load_chunks(index_dir):
        if chunk.section == "approved_use":
            approved.setdefault(chunk.url, []).append(chunk.text)
            chunk_text[chunk.id] = chunk.text
    return Truth(last_reviewed, frequency, approved, chunk_text)
