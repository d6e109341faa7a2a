"""Loading: malformed, inactive and duplicate pages are reported with a reason and skipped."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.build import IngestError, build_index
from ingest.pages import load_seed_pages
from tests.conftest import SEED_PAGE

GOOD = SEED_PAGE.read_text("utf-8")


def with_front_matter(**changes: str | None) -> str:
    """The seed page with some front-matter lines replaced (None removes the line)."""
    lines = GOOD.split("\n")
    out = []
    for line in lines:
        key = line.split(":", 1)[0]
        if key in changes and not line.startswith(" "):
            if changes[key] is not None:
                out.append(f"{key}: {changes[key]}")
            continue
        out.append(line)
    return "\n".join(out)


def load_one(tmp_path: Path, name: str, content: str | bytes):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return load_seed_pages([tmp_path])


def reason_for(tmp_path: Path, content: str | bytes) -> str:
    pages, problems = load_one(tmp_path, "page.md", content)
    assert pages == []
    assert len(problems) == 1 and problems[0].path.endswith("page.md")
    return problems[0].reason


def test_the_seed_page_loads(tmp_path):
    pages, problems = load_one(tmp_path, "seed.txt", GOOD)
    assert problems == []
    assert pages[0].url == "https://www.cancer.gov/about-cancer/treatment/drugs/idecabtagenevicleucel"
    assert pages[0].last_reviewed.isoformat() == "2025-12-30"


def test_page_without_front_matter_is_reported(tmp_path):
    assert "no YAML front matter" in reason_for(tmp_path, "# Just a heading\n\nSome text.\n")


def test_page_with_bad_yaml_is_reported(tmp_path):
    assert "bad YAML" in reason_for(tmp_path, GOOD.replace("title: Idecabtagene", "title: [Idecabtagene", 1))


def test_page_missing_a_required_field_is_reported(tmp_path):
    assert "missing required field(s): url" in reason_for(tmp_path, with_front_matter(url=None))


def test_page_with_a_bad_date_is_reported(tmp_path):
    assert "lastReviewed is not an ISO date" in reason_for(tmp_path, with_front_matter(lastReviewed="'30/12/2025'"))


def test_page_reviewed_in_the_future_is_reported(tmp_path):
    assert "in the future" in reason_for(tmp_path, with_front_matter(lastReviewed="'2999-01-01'"))


def test_page_with_unreadable_bytes_is_reported(tmp_path):
    assert "not UTF-8" in reason_for(tmp_path, GOOD.encode("utf-8") + b"\xff\xfe\xfa")


def test_page_with_a_non_https_url_is_reported(tmp_path):
    assert "https" in reason_for(tmp_path, with_front_matter(url="http://www.cancer.gov/x"))


def test_page_with_a_mistyped_field_is_reported(tmp_path):
    assert "must be text" in reason_for(tmp_path, with_front_matter(title="[1, 2]"))


def test_inactive_page_is_left_out(tmp_path):
    assert "not 'active'" in reason_for(tmp_path, with_front_matter(status="retired"))


def test_duplicate_url_keeps_the_newer_page_and_reports_the_other(tmp_path):
    (tmp_path / "a_old.md").write_text(with_front_matter(lastReviewed="'2024-01-01'"), "utf-8")
    (tmp_path / "b_new.md").write_text(GOOD, "utf-8")
    pages, problems = load_seed_pages([tmp_path])
    assert [p.path.name for p in pages] == ["b_new.md"]
    assert len(problems) == 1 and problems[0].path.endswith("a_old.md")
    assert "duplicate url" in problems[0].reason and "kept b_new.md" in problems[0].reason


def test_good_pages_survive_a_broken_neighbour(tmp_path):
    (tmp_path / "good.md").write_text(GOOD, "utf-8")
    (tmp_path / "broken.md").write_bytes(b"\x00\x01binary junk")
    pages, problems = load_seed_pages([tmp_path])
    assert [p.path.name for p in pages] == ["good.md"]
    assert [Path(p.path).name for p in problems] == ["broken.md"]


def test_files_other_than_md_and_txt_are_ignored(tmp_path):
    (tmp_path / "notes.json").write_text("{}", "utf-8")
    (tmp_path / "page.txt").write_text(GOOD, "utf-8")
    pages, problems = load_seed_pages([tmp_path])
    assert len(pages) == 1 and problems == []


def test_strict_turns_a_report_into_a_failure_and_publishes_nothing(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "good.md").write_text(GOOD, "utf-8")
    (seeds / "broken.md").write_text("no front matter", "utf-8")
    with pytest.raises(IngestError, match="broken.md"):
        build_index([seeds], tmp_path / "index", strict=True)
    assert not (tmp_path / "index").exists()


def test_a_folder_with_no_usable_page_is_refused(tmp_path):
    (tmp_path / "broken.md").write_text("no front matter", "utf-8")
    with pytest.raises(IngestError, match="no usable pages"):
        build_index([tmp_path], tmp_path / "index")


def test_whole_corpus_loads_with_no_page_skipped(corpus_dir):
    pages, problems = load_seed_pages([corpus_dir])
    assert problems == []
    assert len(pages) == 436
