"""Chunking: sections labelled by kind, approved uses one chunk per indication, text traceable to the page."""

from __future__ import annotations

import re

import pytest

from ingest.build import prepare_page
from ingest.pages import load_seed_pages


@pytest.fixture(scope="module")
def corpus_chunks(corpus_dir):
    pages, _ = load_seed_pages([corpus_dir])
    return {page.path.name: prepare_page(page) for page in pages}


def approved(chunks):
    return [c for c in chunks if c.section == "approved_use"]


def test_pembrolizumab_has_one_chunk_per_indication(corpus_dir, corpus_chunks):
    raw = (corpus_dir / "pembrolizumab.md").read_text("utf-8")
    use_in_cancer = raw.split("## Use in Cancer", 1)[1].split("\n## ", 1)[0]
    bold_items = re.findall(r"^- \*\*", use_in_cancer, re.M)
    _, _, chunks = corpus_chunks["pembrolizumab.md"]
    labelled = [c for c in approved(chunks) if c.label]
    assert len(labelled) == len(bold_items) == 19
    assert max(len(c.text) for c in labelled) < 1600


def test_lung_cancer_indication_keeps_its_sub_items_and_the_preamble(corpus_chunks):
    _, _, chunks = corpus_chunks["pembrolizumab.md"]
    lung = next(c for c in approved(chunks) if c.label == "Non-small cell lung cancer")
    assert lung.text.startswith("Pembrolizumab is approved to treat:\n\n- Non-small cell lung cancer.")
    assert "stage IIIA cancer, to help keep the cancer from coming back" in lung.text
    assert "Primary mediastinal" not in lung.text


def test_accelerated_approval_footnote_stays_with_the_indication_it_marks(corpus_chunks):
    _, _, chunks = corpus_chunks["pembrolizumab.md"]
    solid = next(c for c in approved(chunks) if c.label == "Solid tumors")
    assert "other therapies.¹" in solid.text
    assert "¹This use is approved under FDA’s Accelerated Approval Program" in solid.text
    breast = next(c for c in approved(chunks) if c.label == "Breast cancer")
    assert "Accelerated Approval" not in breast.text


def test_seed_rems_note_is_its_own_chunk_not_part_of_the_indication(corpus_chunks):
    _, _, chunks = corpus_chunks["idecabtagenevicleucel.md"]
    myeloma, note = approved(chunks)
    assert myeloma.label == "multiple myeloma" and "REMS" not in myeloma.text
    assert note.label is None and "Abecma REMS" in note.text


def test_sections_get_their_kinds(corpus_chunks):
    _, _, chunks = corpus_chunks["idecabtagenevicleucel.md"]
    kinds = {c.section for c in chunks}
    assert kinds == {"overview", "drug_facts", "approved_use", "resources", "trials"}
    facts = next(c for c in chunks if c.section == "drug_facts")
    assert "Abecma" in facts.text and "FDA Approved" in facts.text


def test_list_under_an_empty_heading_is_approved_use(corpus_chunks):
    _, _, chunks = corpus_chunks["multiple-myeloma.md"]
    lists = approved(chunks)
    assert [c.heading_path[-1] for c in lists] == [
        "Drugs Approved for Multiple Myeloma and Other Plasma Cell Neoplasms",
        "Drug Combinations Used in Multiple Myeloma and Other Plasma Cell Neoplasms",
    ]
    assert "- Abecma (Idecabtagene Vicleucel)" in lists[0].text


def test_page_with_no_use_in_cancer_section_has_no_approved_use_from_prose(corpus_chunks):
    _, _, chunks = corpus_chunks["off-label.md"]
    assert chunks and approved(chunks) == []


def test_chunk_text_is_the_cleaned_page_at_its_spans(corpus_chunks):
    for name, (record, _, chunks) in corpus_chunks.items():
        for chunk in chunks:
            parts = [record.text[start:end] for start, end in chunk.spans]
            assert chunk.text == "\n\n".join(parts), (name, chunk.id)


def test_every_drug_and_regimen_page_has_approved_use_text(corpus_chunks):
    missing = [name for name, (record, _, chunks) in corpus_chunks.items()
               if record.kind in ("drug", "regimen") and not approved(chunks)]
    assert missing == []


def test_chunk_ids_are_unique_and_stable_across_runs(corpus_dir, corpus_chunks):
    pages, _ = load_seed_pages([corpus_dir])
    again = {page.path.name: [c.id for c in prepare_page(page)[2]] for page in pages}
    first = {name: [c.id for c in chunks] for name, (_, _, chunks) in corpus_chunks.items()}
    assert again == first
    all_ids = [i for ids in first.values() for i in ids]
    assert len(all_ids) == len(set(all_ids))


def test_chunks_carry_the_page_metadata_and_names(corpus_chunks):
    _, _, chunks = corpus_chunks["pembrolizumab.md"]
    chunk = chunks[0]
    assert chunk.url == "https://www.cancer.gov/about-cancer/treatment/drugs/pembrolizumab"
    assert chunk.last_reviewed == "2025-12-30" and chunk.review_frequency == "quarterly"
    assert chunk.brand_names == ["Keytruda"] and chunk.generic_names == ["Pembrolizumab"]


def test_regimen_page_is_recognised_with_its_acronym(corpus_chunks):
    record, _, chunks = corpus_chunks["r-chop.md"]
    assert record.kind == "regimen" and record.generic_names == ["R-CHOP"]
    assert any("Diffuse large B-cell lymphoma" in c.text for c in approved(chunks))


@pytest.mark.parametrize(("page", "label", "lead_in"), [
    ("denosumab.md", "broken bones and other bone problems", "Denosumab is approved to prevent:"),
    ("denosumab.md", "breast cancer", "Denosumab is also approved to increase bone mass in adults who have a high risk "
                                      "of breaking bones. It is used in the following types of cancer:"),
    ("tamoxifencitrate.md", "Breast cancer", "Tamoxifen citrate is approved to treat:"),
    ("cytarabine.md", "Acute lymphoblastic leukemia", "Cytarabine may also be used to treat:")])
def test_an_indication_is_chunked_under_the_words_that_introduce_it(corpus_chunks, page, label, lead_in):
    # a section may introduce later indications in other words than its first ("... is also approved to prevent:")
    _, _, chunks = corpus_chunks[page]
    chunk = next(c for c in approved(chunks) if c.label == label)
    assert chunk.text.startswith(f"{lead_in}\n\n- {label}")


def test_a_later_lead_in_is_not_part_of_the_indication_before_it(corpus_chunks):
    _, _, chunks = corpus_chunks["tamoxifencitrate.md"]
    prevention = [c for c in approved(chunks) if "at high risk for the cancer" in c.text]
    assert [c.text.split("\n\n")[0] for c in prevention] == ["Tamoxifen citrate is also approved to prevent:"]
    assert not any(c.text.rstrip().endswith("approved to prevent:") for c in approved(chunks))
