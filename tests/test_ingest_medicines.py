"""The medicine table ingest writes into the artifact (ingest/medicines.py): every medicine name the offline
dictionary knows, and the corpus pages of those the corpus has."""

from __future__ import annotations

import pytest

from ingest import artifact
from ingest.medicines import build_medicines

ONDANSETRON = "https://www.cancer.gov/about-cancer/treatment/drugs/ondansetronhydrochloride"
ACETATE = "https://www.cancer.gov/about-cancer/treatment/drugs/leuprolideacetate"
MESYLATE = "https://www.cancer.gov/about-cancer/treatment/drugs/leuprolide-mesylate"
OPDUALAG = "https://www.cancer.gov/about-cancer/treatment/drugs/nivolumab-and-relatlimab-rmbw"
OFATUMUMAB = "https://www.cancer.gov/about-cancer/treatment/drugs/ofatumumab"
DRUGS = "https://www.cancer.gov/about-cancer/treatment/drugs/"
ALIASES = {"ondansetron": [ONDANSETRON], "ondansetron hydrochloride": [ONDANSETRON], "lupron depot": [ACETATE],
           "leuprolide acetate": [ACETATE], "leuprolide mesylate": [MESYLATE], "leuprolide": [ACETATE, MESYLATE],
           "nivolumab and relatlimab-rmbw": [OPDUALAG], "ofatumumab": [OFATUMUMAB], "arzerra": [OFATUMUMAB],
           **{f"{drug} and hyaluronidase": [f"{DRUGS}{drug}-and-hyaluronidase"]
              for drug in ("atezolizumab", "daratumumab", "nivolumab", "rituximab")}}


@pytest.fixture(scope="module")
def table():
    return build_medicines(ALIASES)


def test_a_medicine_the_corpus_lacks_is_known_and_reaches_no_page(table):
    assert table.names["lopressor"] == table.names["metoprolol"] == "Metoprolol"
    assert "Metoprolol" not in table.corpus_urls


def test_a_brand_the_pages_never_print_reaches_its_corpus_drug(table):
    assert table.corpus_urls[table.names["zofran"]] == [ONDANSETRON]


def test_a_one_word_brand_reaches_the_page_whose_names_it_starts(table):
    assert table.name_urls["lupron"] == [ACETATE]  # Lupron Depot's page, not also leuprolide mesylate's


def test_a_medicine_no_page_has_of_its_own_reaches_the_combination_it_is_part_of(table):
    assert table.corpus_urls[table.names["relatlimab"]] == [OPDUALAG]  # Opdualag: "nivolumab and relatlimab-rmbw"


def test_a_product_the_page_does_not_name_stays_off_the_page_that_names_its_sibling(table):
    assert table.corpus_urls[table.names["arzerra"]] == [OFATUMUMAB]  # "Ofatumumab (Chronic Lymphocytic Leukemia)"
    assert table.names["kesimpta"] not in table.corpus_urls  # "Ofatumumab (Multiple Sclerosis)": not its uses


def test_a_part_of_more_than_three_combinations_reaches_none_of_them(table):
    assert table.names["hyaluronidase"] not in table.corpus_urls


@pytest.mark.parametrize(("name", "medicine"), [("senna", "Sennosides"), ("movicol", "Macrogol"), ("cbd oil", "Cannabidiol"),
                                              ("turkey tail", "Trametes versicolor fruiting body")])
def test_an_everyday_name_the_dictionary_lacks_names_its_medicine(table, name, medicine):
    assert table.names[name] == medicine


@pytest.mark.parametrize("word", ["more", "caps", "alcohol", "antibiotics", "parp inhibitors", "estrogen receptor"])
def test_everyday_words_and_classes_are_not_medicine_names(table, word):
    assert word not in table.names


def test_the_table_records_the_dictionary_it_came_from(table):
    assert table.source.startswith("drug-named-entity-recognition 2.")
    assert len(table.names) > 50_000


def test_the_artifact_carries_the_table_under_its_checksum(small_index):
    manifest = artifact.read_manifest(small_index)
    assert artifact.MEDICINES_FILE in manifest.files
    loaded = artifact.load_medicines(small_index)
    assert loaded.names["metoprolol"] == "Metoprolol"
    assert loaded.corpus_urls[loaded.names["glivec"]] == ["https://www.cancer.gov/about-cancer/treatment/drugs/imatinibmesylate"]
