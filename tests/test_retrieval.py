"""Retrieval over the small real index: names however they are written, cancers, filters, refusal of bad indexes."""

from __future__ import annotations

import json
import math
import shutil

import numpy as np
import pytest

from ingest import artifact
from retrieval import Filters, Retriever
from retrieval.fusion import ranks, reciprocal_rank_fusion
from retrieval.lexical import LexicalIndex, american_spelling, naming_tokens, tokenize
from retrieval.query import condition_words, question_parts

BASE = "https://www.cancer.gov/about-cancer/treatment/drugs/"
APPROVED = Filters(sections=("approved_use",))


@pytest.fixture(scope="module")
def retriever(small_index, embedder):
    return Retriever(small_index)


def top_url(retriever, query, filters=APPROVED) -> str:
    return retriever.search(query, 5, filters)[0].chunk.url.removeprefix(BASE)


@pytest.mark.parametrize("query", [
    "What is Keytruda used for?", "What is pembrolizumab used for?", "KEYTRUDA indications",
    "Is Keytruda's approval for melanoma?", "what is pembrolizumob used for", "what is keytrooda for",
    "indications for pembro",
])
def test_drug_named_any_way_lands_on_its_page(retriever, query):
    assert top_url(retriever, query) == "pembrolizumab"


@pytest.mark.parametrize("query, page", [
    ("What is ide-cel used for?", "idecabtagenevicleucel"),
    ("cilta-cel indications", "ciltacabtagene-autoleucel"),
    ("What is R-CHOP used for?", "r-chop"),
    ("Is FOLFOX used for colon cancer?", "folfox"),
    ("What is Gleevec approved for?", "imatinibmesylate"),
    ("what is imatinib used for", "imatinibmesylate"),
])
def test_shorthand_brands_regimens_and_salt_free_names(retriever, query, page):
    assert top_url(retriever, query) == page


def test_what_is_abecma_used_for_lands_on_the_indication_not_the_rems_note(retriever):
    hit = retriever.search("What is Abecma used for?", 3, APPROVED)[0]
    assert hit.chunk.url.endswith("/idecabtagenevicleucel") and hit.chunk.label == "multiple myeloma"


def test_is_keytruda_approved_for_lung_cancer_lands_on_the_nsclc_item(retriever):
    hit = retriever.search("Is Keytruda approved for lung cancer?", 3, APPROVED)[0]
    assert hit.chunk.label == "Non-small cell lung cancer"


def test_drugs_approved_for_a_cancer_land_on_its_list(retriever):
    hits = retriever.search("Which drugs are approved for multiple myeloma?", 3, APPROVED)
    assert hits[0].chunk.url.endswith("/multiple-myeloma")


def test_lay_name_for_a_cancer_reaches_its_list(retriever):
    assert top_url(retriever, "which drugs treat myeloma") == "multiple-myeloma"


def test_car_t_for_myeloma_prefers_the_myeloma_car_ts(retriever):
    urls = [h.chunk.url.removeprefix(BASE) for h in retriever.search("the CAR-T for myeloma", 2, APPROVED)]
    assert set(urls) == {"idecabtagenevicleucel", "ciltacabtagene-autoleucel"}


def test_short_acronyms_that_are_words_need_capitals(retriever):
    assert retriever.analyse("Is ABVD used for Hodgkin lymphoma?").drug_urls == {BASE + "abvd"}
    assert retriever.analyse("can I put ice on it").names == ()


def test_unknown_drug_matches_no_name(retriever):
    assert retriever.analyse("What is aspirin used for?").names == ()
    assert retriever.analyse("What is taletrectinib used for?").drug_urls == set()


def test_a_corpus_drug_name_with_an_unknown_drug_word_after_it_is_another_drug(retriever):
    query = retriever.analyse("is trastuzumab rezetecan approved?")
    assert query.drug_urls == set() and [m.described for m in query.medicines] == ["trastuzumab rezetecan"]


def test_the_first_word_of_a_generic_name_finds_its_page(retriever):
    assert retriever.analyse("is ciltacabtagene approved for myeloma").drug_urls == {BASE + "ciltacabtagene-autoleucel"}


def test_section_and_url_filters_are_respected(retriever):
    hits = retriever.search("Keytruda", 10, Filters(sections=("drug_facts",)))
    assert hits and all(h.chunk.section == "drug_facts" for h in hits)
    hits = retriever.search("lung cancer", 10, Filters(urls=(BASE + "nivolumab",)))
    assert hits and all(h.chunk.url == BASE + "nivolumab" for h in hits)


def test_k_is_bounded(retriever):
    assert len(retriever.search("cancer", 500)) == 50
    assert len(retriever.search("cancer", 0)) == 1
    assert retriever.search("   ", 5) == []


def test_hits_carry_a_cosine_confidence(retriever):
    hit = retriever.search("What is Abecma used for?", 1, APPROVED)[0]
    vector = retriever._embedder.embed(["What is Abecma used for?"])[0]
    index = artifact.load_chunks(retriever.index_dir)
    assert -1.0 <= hit.confidence <= 1.0
    assert hit.confidence > retriever.search("tell me a joke", 1, APPROVED)[0].confidence
    assert vector.shape == (384,) and len(index) == len(retriever.chunks)


def test_repeated_query_reuses_its_embedding(retriever):
    retriever.query_cache.clear()
    retriever.search("Is Keytruda approved for lung cancer?", 1)
    cached = len(retriever.query_cache)
    retriever.search("Is Keytruda approved for lung cancer?", 1)
    assert len(retriever.query_cache) == cached == 1


def test_refuses_an_index_built_with_another_format(small_index, tmp_path, embedder):
    copy = tmp_path / "index"
    shutil.copytree(small_index.resolve(), copy)
    manifest = json.loads((copy / artifact.MANIFEST).read_text("utf-8"))
    manifest["format_version"] = 99
    (copy / artifact.MANIFEST).write_text(json.dumps(manifest), "utf-8")
    with pytest.raises(artifact.ArtifactError, match="format 99"):
        Retriever(copy, embedder=embedder)


def test_refuses_an_index_with_a_missing_file(small_index, tmp_path, embedder):
    copy = tmp_path / "index"
    shutil.copytree(small_index.resolve(), copy)
    (copy / artifact.CHUNKS_FILE).unlink()
    with pytest.raises(artifact.ArtifactError, match="chunks.jsonl is missing"):
        Retriever(copy, embedder=embedder)


def test_reciprocal_rank_fusion_matches_its_formula():
    dense = np.array([1, 2, 0])
    lexical = np.array([2, 0, 1])
    fused = reciprocal_rank_fusion([dense, lexical], k=60)
    assert math.isclose(fused[0], 1 / 61 + 1 / 62)
    assert math.isclose(fused[1], 1 / 62)
    assert math.isclose(fused[2], 1 / 61)


def test_ranks_skip_ineligible_and_zero_scores():
    scores = np.array([0.5, 0.9, 0.0, 0.7])
    eligible = np.array([True, True, True, False])
    assert ranks(scores, eligible).tolist() == [2, 1, 0, 0]


def reference_bm25(documents: list[list[str]], query: list[str], k1: float = 1.2, b: float = 0.75) -> list[float]:
    """Lucene's BM25 written out term by term: idf = ln(1 + (N-df+.5)/(df+.5)) (Robertson & Zaragoza 2009), and
    since Lucene 8 no (k1 + 1) factor on the term frequency, which scales every score alike."""
    n = len(documents)
    avgdl = sum(len(d) for d in documents) / n
    scores = []
    for doc in documents:
        score = 0.0
        for term in set(query):
            df = sum(1 for d in documents if term in d)
            if not df:
                continue
            idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
            tf = doc.count(term)
            score += idf * tf / (tf + k1 * (1 - b + b * len(doc) / avgdl))
        scores.append(score)
    return scores


def test_bm25_scores_match_a_reference_implementation():
    texts = ["Pembrolizumab is approved to treat melanoma", "Nivolumab treats melanoma and lung cancer",
             "Imatinib treats chronic myeloid leukemia", "Lung cancer lung cancer lung"]
    index = LexicalIndex(texts)
    for query in ("melanoma", "lung cancer", "imatinib leukemia"):
        expected = reference_bm25([tokenize(t) for t in texts], tokenize(query))
        assert np.allclose(index.scores(query), expected, atol=1e-5), query


def test_tokenizer_folds_case_accents_and_plurals():
    assert tokenize("Waldenström's Tumors THERAPIES") == ["waldenstrom", "tumor", "therapy"]


def test_each_question_of_a_message_is_read_apart():
    assert question_parts("My mum starts Ibrance. What is it for, and is it safe in pregnancy? Thanks") == [
        "What is it for", "is it safe in pregnancy?"]


def test_the_condition_asked_about_ends_where_another_clause_begins(retriever):
    query = retriever.analyse("Is there anything FDA approved for desmoid tumors or is everything off label?")
    assert query.condition.text == "desmoid tumors" and query.unknown_terms == ()


def test_a_drug_named_only_as_where_treatment_stands_leaves_the_question_to_the_cancer(retriever):
    query = retriever.analyse("which drug is approved for lung cancer after nivolumab stops working?")
    assert query.drug_urls == set() and query.cancer_urls == {BASE + "lung"}


def test_metastases_asked_about_are_named_by_a_page_that_says_spread(retriever):
    # NCI's pages write "solid tumors that have spread to bone"; nurses and patients ask about "bone metastases"
    words = set(condition_words("bone metastases"))
    assert retriever.covers_text("solid tumors that have spread to bone", words) == 1.0
    assert retriever.covers_text("solid tumors that have spread to the liver", words) == 0.5


def test_british_spellings_of_medical_words_read_as_the_pages_spell_them():
    assert american_spelling("Leukaemia, oesophageal TUMOURS, paediatric haematology") == \
        "Leukemia, esophageal TUMORS, pediatric hematology"
    assert tokenize("anaemia and diarrhoea") == tokenize("anemia and diarrhea")
    assert american_spelling("does the paella taste of aeroplanes") == "does the paella taste of aeroplanes"


def test_a_cancer_is_not_named_by_the_text_of_its_non_kind(retriever):
    # "non" is joined to the word it negates, as "nonsquamous" is written
    assert naming_tokens("Non-small cell lung cancer") == naming_tokens("non small cell lung cancer") == \
        ["nonsmall", "cell", "lung", "cancer"]
    small_cell = [condition_words("small cell lung cancer")]
    assert not retriever.mentions_text("Non-small cell lung cancer that has spread", small_cell)
    assert retriever.mentions_text("Small cell lung cancer that has spread", small_cell)
    assert not retriever.mentions_text("B-cell non-Hodgkin lymphoma", [condition_words("Hodgkin lymphoma")])
    assert retriever.mentions_text("B-cell non-Hodgkin lymphoma", [condition_words("non-Hodgkin lymphoma")])
