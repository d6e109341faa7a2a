"""Cleaning: each defect of the seed page, as given, comes out repaired."""

from __future__ import annotations

import frontmatter
import pytest

from ingest.clean import clean_page, join_hard_wraps, strip_emphasis
from tests.conftest import CORPUS, SEED_PAGE


@pytest.fixture(scope="module")
def seed():
    post = frontmatter.load(SEED_PAGE)
    return post, clean_page(post.content, post["title"])


def test_seed_page_really_has_the_defects(seed):
    post, _ = seed
    assert "Patientsâ€™" in post.content
    assert "Placeholder slot" in post.content
    assert "vicleucel\nis approved to treat:" in post.content


def test_mojibake_is_repaired(seed):
    _, clean = seed
    assert "Patients’ Immune Cells" in clean.text
    assert "â€" not in clean.text


def test_template_placeholder_line_is_dropped(seed):
    _, clean = seed
    assert "Placeholder slot" not in clean.text


def test_paragraph_repeated_within_a_section_is_dropped(seed):
    _, clean = seed
    assert clean.text.count("It is used in adults who have received at least two lines of treatment") == 1


def test_paragraph_repeated_in_another_section_is_kept(corpus_dir):
    post = frontmatter.load(corpus_dir / "childhood-cancer-fda-approved-drugs.md")
    clean = clean_page(post.content, post["title"])
    assert clean.text.count("Dactinomycin (Cosmegen)") == post.content.count("[Dactinomycin (Cosmegen)]")
    assert clean.text.count("Dactinomycin (Cosmegen)") > 1


def test_hard_wrapped_sentence_is_joined(seed):
    _, clean = seed
    assert "Idecabtagene vicleucel is approved to treat:" in clean.text
    assert "about idecabtagene vicleucel and a collection of links" in clean.text


def test_duplicate_title_line_is_dropped(seed):
    _, clean = seed
    assert "Idecabtagene Vicleucel - NCI" not in clean.text
    assert clean.text.startswith("# Idecabtagene Vicleucel\n")


def test_links_become_their_text(seed):
    _, clean = seed
    assert "](" not in clean.text and "[" not in clean.text
    assert "- multiple myeloma that has come back" in clean.text


def test_site_relative_links_are_made_absolute_and_kept(seed):
    _, clean = seed
    link = next(link for link in clean.links if link.text == "multiple myeloma")
    assert link.url == ("https://www.cancer.gov/Common/PopUps/popDefinition.aspx"
                        "?id=45793&version=Patient&language=English")
    assert clean.text[link.start:link.end] == "multiple myeloma"


def test_about_cancer_links_are_made_absolute(corpus_dir):
    post = frontmatter.load(corpus_dir / "multiple-myeloma.md")
    clean = clean_page(post.content, post["title"])
    link = next(link for link in clean.links if link.text == "Abecma (Idecabtagene Vicleucel)")
    assert link.url == "https://www.cancer.gov/about-cancer/treatment/drugs/idecabtagenevicleucel"


def test_every_link_offset_points_at_its_text(corpus_dir):
    for path in sorted(corpus_dir.glob("*.md"))[:80]:
        post = frontmatter.load(path)
        clean = clean_page(post.content, post["title"])
        for link in clean.links:
            assert clean.text[link.start:link.end] == link.text, path.name


def test_empty_heading_takes_the_name_of_the_list_below_it(corpus_dir):
    post = frontmatter.load(corpus_dir / "multiple-myeloma.md")
    clean = clean_page(post.content, post["title"])
    assert "## Drugs Approved for Multiple Myeloma and Other Plasma Cell Neoplasms\n" in clean.text
    assert "\n##\n" not in clean.text


def test_brand_names_listed_one_per_line_are_not_joined(corpus_dir):
    post = frontmatter.load(corpus_dir / "everolimus.md")
    clean = clean_page(post.content, post["title"])
    assert "\n\nAfinitor\nZortress\n\n" in clean.text


def test_indication_items_are_marked_with_their_bold_label(corpus_dir):
    post = frontmatter.load(corpus_dir / "pembrolizumab.md")
    clean = clean_page(post.content, post["title"])
    labels = [line.label for line in clean.lines if line.indication]
    assert "Non-small cell lung cancer" in labels
    assert "Breast cancer" in labels
    assert "**" not in clean.text


def test_escaped_asterisk_survives_as_text(corpus_dir):
    post = frontmatter.load(corpus_dir / "tebentafusp-tebn.md")
    clean = clean_page(post.content, post["title"])
    assert "HLA-A*02:01 antigen" in clean.text


def test_continuation_lines_join_but_list_items_do_not():
    lines = join_hard_wraps(["Pembrolizumab", "is approved", "to treat:"])
    assert [line.markdown for line in lines] == ["Pembrolizumab is approved to treat:"]
    items = join_hard_wraps(["- one", "- two", "wrapped"])
    assert [line.markdown for line in items] == ["- one", "- two wrapped"]


def test_emphasis_is_removed_but_not_arithmetic():
    assert strip_emphasis("**Breast cancer** and *EGFR* gene") == "Breast cancer and EGFR gene"
    assert strip_emphasis("2 * 3 * 4") == "2 * 3 * 4"


def test_cleaned_corpus_has_no_markdown_links_or_mojibake():
    for path in sorted(CORPUS.glob("*.md")):
        post = frontmatter.load(path)
        clean = clean_page(post.content, post["title"])
        assert "](/" not in clean.text, path.name
        assert "â€" not in clean.text, path.name
