"""Finding names in a question (retrieval/name_matcher.py) on hand-made tables: corpus names first, then
medicines, then fuzzy corrections that only a clear winner makes."""

from __future__ import annotations

import pytest

from ingest.artifact import MedicineTable
from retrieval.name_matcher import (NameMatcher, bare_cancer_names, coformulation_names, consonants_of,
                                    forms_under_the_skin, generic_first_words, masked, plausible_misspelling,
                                    question_tokens, sound_of)

PEMBRO = "https://example.org/pembrolizumab"
PROCARBAZINE = "https://example.org/procarbazine"
A, B, C = "https://example.org/a", "https://example.org/b", "https://example.org/c"
TRASTUZUMAB = "https://example.org/trastuzumab"
ALIASES = {"drug": {"pembrolizumab": [PEMBRO], "keytruda": [PEMBRO], "procarbazine": [PROCARBAZINE],
                    "r-chop": ["https://example.org/r-chop"], "abcdefgh": [A], "abcdefgk": [B],
                    "ice": ["https://example.org/ice"], "abvd": ["https://example.org/abvd"],
                    "polivy": ["https://example.org/polatuzumab"], "herceptin": [TRASTUZUMAB]},
           "cancer": {"lung cancer": ["https://example.org/lung"]}}
MEDICINES = MedicineTable("test", names={"metoprolol": "Metoprolol", "lopressor": "Metoprolol",
                                         "zofran": "Ondansetron"},
                          corpus_urls={"Ondansetron": ["https://example.org/ondansetron"]})


COMMON_WORDS = frozenset({"ice", "put", "site", "injection", "policy", "cancer", "what", "used", "doctor", "mentioned",
                          "letter", "received", "chemo", "which", "early", "refill", "vacation"})


def matcher() -> NameMatcher:
    return NameMatcher(ALIASES, vocabulary={"what", "is", "used", "for"}, medicines=MEDICINES,
                       common_words=COMMON_WORDS)


def test_a_medicine_the_corpus_lacks_is_named_never_corrected_into_a_corpus_drug():
    names, medicines = matcher().find("what's the white pill metoprolol used for")
    assert names == [] and [m.name for m in medicines] == ["Metoprolol"]


def test_a_brand_name_is_described_with_its_generic():
    _, medicines = matcher().find("Is Lopressor safe?")
    assert medicines[0].described == "Lopressor (metoprolol)"


def test_a_dictionary_brand_of_a_corpus_drug_is_that_drug():
    names, medicines = matcher().find("what is zofran for")
    assert medicines == [] and names[0].urls == ("https://example.org/ondansetron",)


def test_a_misspelling_is_corrected_when_one_name_clearly_wins():
    names, _ = matcher().find("what is keytrooda used for")
    assert names[0].urls == (PEMBRO,) and names[0].fuzzy


def test_a_first_letter_written_as_it_sounds_is_still_a_misspelling():
    found = NameMatcher({"drug": {"xeloda": [A], "cytoxan": [B]}, "cancer": {}}, vocabulary=set())
    assert [m.urls for m in found.find("what is zeloda used for")[0]] == [(A,)]
    assert [m.urls for m in found.find("what is kytoxan for")[0]] == [(B,)]


def test_a_misspelling_close_to_two_names_of_different_pages_is_left_alone():
    names, _ = matcher().find("what is abcdefgx used for")
    assert names == []


def test_a_regimen_written_with_a_space_is_found():
    names, _ = matcher().find("r chop what type of lymphoma")
    assert names[0].name == "r-chop"


def test_a_short_acronym_that_is_a_word_counts_only_in_capitals():
    assert matcher().find("can I put ice on the injection site")[0] == []
    assert [m.name for m in matcher().find("What is ICE used for?")[0]] == ["ice"]


def test_capitals_mark_no_acronym_in_a_message_written_in_capitals():
    assert matcher().find("WHAT IS ICE USED FOR")[0] == []
    assert [m.name for m in matcher().find("what is ICE used for")[0]] == ["ice"]


def test_an_acronym_stands_also_for_the_names_of_its_pages_whose_initials_it_spells():
    cml, aml = "https://example.org/cml", "https://example.org/aml"
    aliases = {"drug": {}, "cancer": {"chronic myelogenous leukemia": [cml], "cml": [cml],
                                      "acute myeloid leukemia": [aml], "cutaneous melanoma lesions": [A]}}
    names, _ = NameMatcher(aliases, vocabulary=set()).find("is imatinib used for CML")
    assert [(m.name, m.terms) for m in names] == [("cml", ("cml", "chronic myelogenous leukemia"))]


def test_a_shorthand_for_a_wider_list_stands_also_for_its_name_spelt_out():
    # shorthand.json: "DLBCL" finds the non-Hodgkin lymphoma list, and a drug page that writes "Diffuse large
    # B-cell lymphoma" (without "non-Hodgkin") names it too.
    aliases = {"drug": {}, "cancer": {"non-hodgkin lymphoma": [A],
                                      "myeloproliferative neoplasms or myelodysplastic syndromes": [B]}}
    found = NameMatcher(aliases, vocabulary=set())
    for question, spelt_out in (("is Monjuvi approved for DLBCL?", "diffuse large b-cell lymphoma"),
                                ("is Revlimid approved for MDS?", "myelodysplastic syndromes")):
        assert spelt_out in found.find(question)[0][0].terms, question


@pytest.mark.parametrize(("question", "drug"), [
    ("is blina approved for MRD+ ALL", "blinatumomab"), ("ritux maintenance for FL?", "rituximab"),
    ("carbo and etoposide for SCLC", "carboplatin"), ("oxali neuropathy", "oxaliplatin"),
    ("carfil with dex", "carfilzomib"), ("poma dex for myeloma", "pomalidomide"), ("aza for MDS", "azacitidine"),
    ("is ibru approved for CLL", "ibrutinib"), ("bev approved in GBM?", "bevacizumab"),
    ("is ven ok for AML", "venetoclax"), ("enza indications", "enzalutamide"), ("palbo + letrozole", "palbociclib"),
    ("cetux for head and neck", "cetuximab"),
])
def test_a_nurses_nickname_for_a_drug_is_that_drug(question, drug):
    url = f"https://example.org/{drug}"
    names, _ = NameMatcher({"drug": {drug: [url]}, "cancer": {}}, vocabulary=set()).find(question)
    assert [m.urls for m in names if m.kind == "drug"] == [(url,)], question


@pytest.mark.parametrize(("question", "cancer"), [
    ("FDA approved tx for mCRPC", "prostate cancer"), ("abi approved for mHSPC?", "prostate cancer"),
    ("drugs for HNSCC", "head and neck cancer"), ("ok to give keytruda for cutaneous SCC?", "skin cancer"),
    ("is keytruda approved for head and neck SCC", "head and neck cancer"), ("drugs for esophageal scc", "esophageal cancer"),
    ("approved agents for MPN", "myeloproliferative neoplasms or myelodysplastic syndromes"),
])
def test_a_nurses_shorthand_for_a_cancer_finds_its_list(question, cancer):
    url = f"https://example.org/{cancer}"
    names, _ = NameMatcher({"drug": {}, "cancer": {cancer: [url]}}, vocabulary=set()).find(question)
    assert [m.urls for m in names] == [(url,)], question


def test_low_blood_counts_stand_for_each_list_of_a_low_count():
    lists = {"neutropenia": "https://example.org/neutropenia", "anemia": "https://example.org/anemia",
             "thrombocytopenia": "https://example.org/thrombocytopenia"}
    found = NameMatcher({"drug": {}, "cancer": {name: [url] for name, url in lists.items()}}, vocabulary=set())
    names, _ = found.find("what's the shot they give for low blood counts after chemo")
    assert [set(m.urls) for m in names] == [set(lists.values())]


def test_shorthand_that_is_also_a_unit_counts_only_in_capitals():
    found = NameMatcher({"drug": {}, "cancer": {"multiple myeloma": [A]}}, vocabulary=set())
    assert [m.urls for m in found.find("is Velcade approved for MM?")[0]] == [(A,)]
    assert found.find("the lump is 5 mm, what drugs treat it")[0] == []


def test_shorthand_that_is_also_a_given_name_counts_only_in_lower_case():
    found = NameMatcher({"drug": {"bevacizumab": [A]}, "cancer": {}}, vocabulary=set())
    assert [m.urls for m in found.find("FOLFOX/bev for colon cancer?")[0]] == [(A,)]
    assert found.find("my aunt Bev has breast cancer, what drugs are approved")[0] == []


@pytest.mark.parametrize("question", ["is gem/cis for bladder or biliary", "gem-cis indication", "what is gemcis for"])
def test_a_nurses_shorthand_for_a_two_drug_regimen_finds_the_regimens_page(question):
    found = NameMatcher({"drug": {"gemcitabine-cisplatin": [A], "gemcitabine": [B], "cisplatin": [C]}, "cancer": {}},
                        vocabulary=set())
    assert [m.urls for m in found.find(question)[0]] == [(A,)]


def test_ac_then_t_as_nurses_write_it_is_the_ac_t_regimen():
    found = NameMatcher({"drug": {"ac-t": [A], "ac": [B]}, "cancer": {}}, vocabulary=set())
    assert [m.urls for m in found.find("my wife is starting AC then T for breast cancer, what is that")[0]] == [(A,)]


def test_gem_is_gemcitabine_only_in_lower_case():
    found = NameMatcher({"drug": {"gemcitabine": [A]}, "cancer": {}}, vocabulary=set())
    assert [m.urls for m in found.find("what is gem used for")[0]] == [(A,)]
    assert found.find("my friend Gem has breast cancer, what drugs are approved")[0] == []


def test_shorthand_for_one_kind_of_a_wider_lists_cancer_is_named_by_that_kind_alone():
    # "MCL" finds NCI's non-Hodgkin lymphoma list, but an indication for another kind of non-Hodgkin lymphoma
    # (Yescarta's "B-cell non-Hodgkin lymphoma ... DLBCL") does not name it; one for "mantle cell lymphoma" does.
    found = NameMatcher({"drug": {}, "cancer": {"non-hodgkin lymphoma": [A]}}, vocabulary=set())
    mcl = found.find("is Yescarta approved for MCL?")[0][0]
    assert mcl.urls == (A,) and "non-hodgkin lymphoma" in mcl.terms
    assert mcl.named_as == ("mcl", "mantle cell lymphoma")
    nhl = found.find("is Yescarta approved for NHL?")[0][0]
    assert nhl.named_as == ("nhl", "non-hodgkin lymphoma")


@pytest.mark.parametrize("question", ["drugs for breast ca", "pt w/ met breast CA, what's approved?"])
def test_ca_after_a_word_is_cancer(question):
    url = "https://example.org/breast"
    names, _ = NameMatcher({"drug": {}, "cancer": {"breast cancer": [url]}}, vocabulary=set()).find(question)
    assert [m.urls for m in names] == [(url,)], question


@pytest.mark.parametrize(("question", "cancers"), [
    ("drugs for breast and ovarian cancer", {"breast cancer", "ovarian cancer"}),
    ("is it for kidney or liver cancer?", {"kidney cancer", "liver cancer"}),
    ("breast, ovarian and prostate cancer", {"breast cancer", "ovarian cancer", "prostate cancer"}),
    ("drugs for head and neck cancer", {"head and neck cancer"}),
])
def test_cancers_joined_by_and_or_or_share_the_last_ones_word_for_cancer(question, cancers):
    table = {name: [f"https://example.org/{name}"] for name in
             ("breast cancer", "ovarian cancer", "prostate cancer", "kidney cancer", "liver cancer", "head and neck cancer")}
    names, _ = NameMatcher({"drug": {}, "cancer": table}, vocabulary=set()).find(question)
    assert {m.name for m in names} == cancers


@pytest.mark.parametrize("question", ["serum Ca is low", "her CA 15-3 is up", "CA-125 went up"])
def test_ca_for_calcium_or_a_tumour_marker_is_no_cancer(question):
    assert "cancer" not in question_tokens(question)


def test_words_a_slash_joins_are_looked_up_apart():
    found = NameMatcher({"drug": {"venetoclax": [A], "azacitidine": [B]}, "cancer": {}}, vocabulary=set())
    assert [m.urls for m in found.find("is ven/aza approved for AML in unfit pts?")[0]] == [(A,), (B,)]
    assert question_tokens("pt c/o N/V w/ pembro, BP 88/50") == ["pt", "c/o", "N/V", "w/", "pembro", "BP", "88/50"]


def test_a_short_acronym_that_is_no_word_counts_as_typed():
    assert [m.name for m in matcher().find("abvd chemo which cancer")[0]] == ["abvd"]


def test_an_everyday_word_is_never_corrected_into_a_drug_name():
    assert matcher().find("early refill for vacation, policy?")[0] == []


def test_a_word_no_page_uses_and_no_dictionary_knows_is_reported_unless_it_is_a_misspelling():
    text = "our son's doctor mentioned Modeyso, what is it used for? I recieved a letter"
    names, medicines = matcher().find(text)
    assert matcher().unknown_words(text, names, medicines) == ["Modeyso"]  # "recieved" is a misspelt word


def test_a_word_for_a_symptom_is_never_reported_as_a_medicine_no_page_covers():
    text = "the diarrhea, the nosebleeds and the tinnitus"
    names, medicines = matcher().find(text)
    assert matcher().unknown_words(text, names, medicines) == []


def test_masking_replaces_each_name_by_a_placeholder():
    text = "Is Keytruda or Lopressor approved for lung cancer?"
    names, medicines = matcher().find(text)
    assert masked(text, names, medicines, "the drug") == "Is the drug or the drug approved for lung cancer"
    assert masked(text, names, medicines, "xdrug", "xcancer") == "Is xdrug or xdrug approved for xcancer"


def test_a_name_split_into_words_by_a_voice_assistant_is_joined():
    names, medicines = matcher().find("my doctor said her septin what is that for")
    assert [n.urls for n in names] == [(TRASTUZUMAB,)] and medicines == []


@pytest.mark.parametrize(("question", "name"), [("folks fox what is folks fox for", "folfox"),
                                                ("what does rev limit treat", "revlimid"),
                                                ("what is are chop chemo", "r-chop")])
def test_a_name_a_voice_assistant_heard_as_everyday_words_is_found(question, name):
    voice = NameMatcher({"drug": {"folfox": [A], "revlimid": [B], "r-chop": [A]}, "cancer": {}}, vocabulary=set(),
                        common_words=frozenset({"folks", "fox", "rev", "limit", "chop", "what", "does", "treat"}))
    assert {n.name for n in voice.find(question)[0]} == {name}


def test_everyday_words_that_only_look_like_a_name_are_no_name():
    voice = NameMatcher({"drug": {"folfox": [A]}, "cancer": {}}, vocabulary=set(),
                        common_words=frozenset({"folks", "saw", "fox", "for", "box"}))
    assert voice.find("my folks saw a fox")[0] == [] and voice.find("folk box")[0] == []


@pytest.mark.parametrize("question", ["i don't really understand what keytruda is for",  # "t really": Trexall
                                      "doptelet to raise my platelets, what is it approved for",  # "to raise": Torisel
                                      "the nurse is told a lot", "a call a day"])  # Istodax, Acala
def test_everyday_words_after_a_contraction_after_to_or_before_a_stopword_are_no_name_heard(question):
    voice = NameMatcher({"drug": {"trexall": [A], "torisel": [B], "istodax": [C], "acala": [A]}, "cancer": {}},
                        vocabulary={"is", "a", "to", "what", "for"},
                        common_words=frozenset({"really", "raise", "told", "call", "lot", "day", "nurse", "understand"}))
    assert voice.find(question)[0] == []


def test_a_name_written_as_it_sounds_is_found_where_only_one_name_sounds_so():
    assert sound_of("opdeevo") == sound_of("opdivo") and sound_of("tagriso") == sound_of("tagrisso")
    heard = NameMatcher({"drug": {"opdivo": [A], "xeloda": [B], "zeloda": [A]}, "cancer": {}}, vocabulary=set())
    assert [n.name for n in heard.find("siri what cancers is opdeevo approved for")[0]] == ["opdivo"]
    assert heard._sounds_like("zelodda") is None  # Xeloda and a Zeloda would sound the same


def test_a_name_written_as_it_sounds_and_split_in_two_by_a_voice_assistant_is_found():
    heard = NameMatcher({"drug": {"opdivo": [A], "xeloda": [B]}, "cancer": {}}, vocabulary={"op"},
                        common_words=frozenset({"op", "what"}))
    assert [n.name for n in heard.find("what is op deevo")[0]] == ["opdivo"]


def test_a_name_that_sounds_one_vowel_off_is_found_where_no_other_name_sounds_as_near():
    heard = NameMatcher({"drug": {"folfiri": [A], "folfox": [B]}, "cancer": {}}, vocabulary=set())
    assert [n.name for n in heard.find("wat is folfury, the docter sed im gettin it")[0]] == ["folfiri"]
    near_two = NameMatcher({"drug": {"folfiri": [A], "folfuro": [B]}, "cancer": {}}, vocabulary=set())
    assert near_two._sounds_like("folfury") is None  # as near to both: no guess


def test_a_regimen_spelt_out_letter_by_letter_is_found():
    names, _ = matcher().find("what is a b v d chemo")
    assert names[0].name == "abvd"


def test_two_everyday_words_are_never_joined_into_a_name():
    names, _ = matcher().find("what is the policy for a refill on vacation")
    assert names == []


def test_a_cancer_named_organ_last_is_the_same_cancer():
    for question in ("drugs for cancer of the lung", "which medicines are approved for cancer in the lung"):
        names, _ = matcher().find(question)
        assert [n.urls for n in names] == [("https://example.org/lung",)], question


def test_words_are_not_joined_into_a_name_across_a_generic_word():
    names, _ = matcher().find("which drugs are approved for lunk cancer")  # "lunkcancer" is no "lung cancer"
    assert names == []


def test_a_long_misspelling_that_nothing_else_comes_near_is_corrected():
    names, _ = matcher().find("my dad is on kitruda, what else is it for")  # 80 against keytruda, nothing near
    assert [n.urls for n in names] == [(PEMBRO,)]


def test_a_shared_word_does_not_carry_a_different_name_into_a_match():
    aliases = {"drug": {"tisotumab vedotin": [A]}, "cancer": {}}
    names, _ = NameMatcher(aliases, vocabulary=set(), medicines=MEDICINES).find("is telisotuzumab vedotin approved")
    assert names == []  # fuzz.ratio 89, but "telisotuzumab" is four letters away from "tisotumab"


@pytest.mark.parametrize(("written", "name"), [("cyclofosfamide", "cyclophosphamide"), ("kitruda", "keytruda"),
                                               ("cervical ca", "cervical cancer"), ("lu-177 dotatate", "lu 177-dotatate"),
                                               ("her septin", "herceptin"), ("keytruddaa", "keytruda"),
                                               ("herceptine", "herceptin")])
def test_misspellings_abbreviations_and_split_words_are_plausible(written, name):
    assert plausible_misspelling(written, name)


def test_a_regimen_with_letters_added_side_by_side_is_another_regimen_not_a_misspelling():
    assert not plausible_misspelling("folfoxiri", "folfiri")  # FOLFIRI + OX: two edits, within the allowance


@pytest.mark.parametrize("written", ["r-choep", "r-chp"])
def test_a_short_part_of_a_hyphenated_regimen_name_is_letters_for_drugs_and_allows_no_typo(written):
    assert not plausible_misspelling(written, "r-chop")  # R-CHOEP adds etoposide; R-CHP is Polivy's partner


def test_the_first_word_of_a_generic_name_stands_for_it_when_it_can_mean_nothing_else():
    drugs = {"sacituzumab govitecan": (A,), "nanoparticle paclitaxel": (B,), "paclitaxel": (B,),
             "sirolimus protein-bound particles": (B,), "lutetium lu 177-dotatate": (A,),
             "lutetium lu 177-vipivotide tetraxetan": (B,), "interleukin therapy": (A,)}
    forms = generic_first_words(drugs, common_words={"interleukin"}, medicines={"sirolimus"})
    assert forms == {"sacituzumab": ("sacituzumab govitecan",)}


def test_a_drug_made_up_with_hyaluronidase_is_found_as_nurses_shorten_it():
    drugs = {"rituximab": (A,), "rituximab and hyaluronidase human": (B,), "and hyaluronidase-zzxf": (A,)}
    forms = coformulation_names(drugs)
    assert forms["rituximab hyaluronidase"] == forms["rituximab sc"] == forms["subq rituximab"] == (B,)
    assert "rituximab" not in forms and not any(form.startswith("and") for form in forms)
    names, _ = NameMatcher({"drug": drugs}, vocabulary=set()).find("is rituximab-hyaluronidase approved for CLL?")
    assert [n.urls for n in names] == [(B,)]


def test_a_drugs_forms_made_up_with_hyaluronidase_are_those_that_name_it():
    C, D, E, F = (f"https://example.org/{letter}" for letter in "cdef")
    drugs = {"rituximab": (A,), "rituximab and hyaluronidase human": (B,), "pertuzumab": (C,), "trastuzumab": (D,),
             "pertuzumab trastuzumab and hyaluronidase-zzxf": (E,), "trastuzumab and hyaluronidase-oysk": (F,)}
    assert forms_under_the_skin(drugs) == {A: (B,), C: (E,), D: (E, F)}


def test_a_cancer_named_without_its_last_word_at_the_end_of_a_question_is_that_cancer():
    for question in ("is keytruda approved for lung?", "what about lung", "Keytruda in lung", "and lung?", "keytruda lung"):
        names, _ = matcher().find(question)
        assert [(n.kind, n.name) for n in names if n.kind == "cancer"] == [("cancer", "lung cancer")], question
    names, _ = matcher().find("my lung hurts after keytruda")
    assert [n for n in names if n.kind == "cancer"] == []


def test_bare_cancer_names_leave_out_words_that_say_something_else_alone():
    cancers = {"ovarian cancer": (A,), "hairy cell leukemia": (A,), "childhood cancer": (B,),
               "different types of cancer": (B,)}
    assert bare_cancer_names(cancers) == {"ovarian": "ovarian cancer", "hairy cell": "hairy cell leukemia"}


def test_a_misspelt_everyday_word_is_an_everyday_word():
    assert matcher().everyday_word("receeved") and not matcher().everyday_word("metoprolol")


def test_length_buckets_find_what_a_search_of_every_word_finds(small_index):
    """LengthBuckets.near may skip only the words whose length rules the score out: compared with rapidfuzz over
    every everyday word of the same first letter (the reference), on real vocabulary and misspellings of it, each
    asked twice (the second time from the candidates gathered the first)."""
    from rapidfuzz import fuzz, process

    from retrieval.encoders import vocabulary_words
    from retrieval.name_matcher import LengthBuckets

    words = vocabulary_words(small_index)
    buckets = LengthBuckets(words)
    probes = ["aprooved", "canser", "recieved", "docter", "treatmnt", "keytruda", "nausia", "chemotherapie",
              "imunotherapy", "side", "sideeffects", "kil", "pembrolizumab", "tiredd", "a" * 12]
    for word in probes + probes:
        for cutoff in (66.0, 85.0):
            reference = process.extract(word, sorted(w for w in words if w[0] == word[0]), scorer=fuzz.ratio,
                                        score_cutoff=cutoff, limit=None)
            found = process.extract(word, buckets.near(word, cutoff), scorer=fuzz.ratio, score_cutoff=cutoff, limit=None)
            assert sorted((w, s) for w, s, _ in found) == sorted((w, s) for w, s, _ in reference), (word, cutoff)


def test_a_cancer_named_in_the_singular_finds_the_list_named_in_the_plural():
    lists = NameMatcher({"cancer": {"brain tumors": [A]}}, vocabulary={"brain", "tumor"}, common_words=COMMON_WORDS)
    names, _ = lists.find("is there medicine for a brain tumor in a child")
    assert [(m.name, m.urls) for m in names] == [("brain tumors", (A,))]


HODGKIN = "https://example.org/hodgkin-lymphoma"


@pytest.mark.parametrize(("written", "urls"), [("cSCC", (A,)), ("NDMM", (B,)), ("cHL", (HODGKIN,))])
def test_a_nurses_acronym_for_a_kind_of_cancer_finds_its_list(written, urls):
    lists = NameMatcher({"cancer": {"skin cancer": [A], "multiple myeloma": [B], "hodgkin lymphoma": [HODGKIN]}},
                        vocabulary=set(), common_words=COMMON_WORDS)
    names, _ = lists.find(f"is pembro approved for {written}?")
    assert [m.urls for m in names if m.kind == "cancer"] == [urls]


LYMPHOMA_LISTS = {"non-hodgkin lymphoma": ["https://example.org/non-hodgkin"],
                  "hodgkin lymphoma": ["https://example.org/hodgkin"],
                  "head and neck cancer": ["https://example.org/head-neck"],
                  "soft tissue sarcoma": ["https://example.org/soft-tissue-sarcoma"],
                  "childhood cancers": ["https://example.org/childhood"]}


@pytest.mark.parametrize(("question", "urls"), [
    ("what is approved for mantle cell lymphoma?", ("https://example.org/non-hodgkin",)),
    ("which drugs treat follicular lymphoma", ("https://example.org/non-hodgkin",)),
    ("is anything approved for waldenstrom's", ("https://example.org/non-hodgkin",)),
    ("what drugs are approved for throat cancer", ("https://example.org/head-neck",)),
    ("is there a list of drugs for sarcoma", ("https://example.org/soft-tissue-sarcoma",)),
    ("drugs approved for kids with cancer", ("https://example.org/childhood",)),
])
def test_a_kind_of_cancer_written_out_in_lay_words_finds_the_list_it_belongs_to(question, urls):
    found = NameMatcher({"drug": {}, "cancer": LYMPHOMA_LISTS}, vocabulary=set())
    assert [m.urls for m in found.find(question)[0]] == [urls]


@pytest.mark.parametrize("question", ["What are the brand names of Dexamethasone Oral?", "my throat hurts on Keytruda",
                                      "mouth is sore, is it the chemo?"])
def test_a_form_of_a_medicine_or_a_sore_throat_or_mouth_is_no_cancer(question):
    found = NameMatcher({"drug": {"keytruda": [PEMBRO], "dexamethasone": [A]}, "cancer": LYMPHOMA_LISTS},
                        vocabulary=set())
    assert all(m.kind == "drug" for m in found.find(question)[0])


def test_a_name_for_several_lists_means_its_commonest_kind_first():
    found = NameMatcher({"drug": {}, "cancer": LYMPHOMA_LISTS}, vocabulary=set())
    lymphoma = found.find("what is approved for lymphoma?")[0][0]
    assert found.meanings(lymphoma) == ["https://example.org/non-hodgkin", "https://example.org/hodgkin"]


def test_a_b_or_t_cell_written_apart_is_tokenised_as_the_table_writes_it():
    assert question_tokens("diffuse large b cell lymphoma") == ["diffuse", "large", "b-cell", "lymphoma"]
    assert question_tokens("cutaneous T cell lymphoma")[1] == "T-cell"
    assert question_tokens("what are CAR T cells") == ["what", "are", "CAR", "T", "cells"]  # the shorthand's "car t"


def test_a_misspelt_medicine_asked_about_is_that_medicine_and_a_condition_or_a_name_is_not():
    assert [m.name for m in matcher().find("what is metoprolal for")[1]] == ["Metoprolol"]
    assert [m.name for m in matcher().find("i have metoprolal")[1]] == []  # not asked about or taken
    assert [m.name for m in matcher().find("is Metoprolal approved")[1]] == []  # capitalised, as a person's name is


@pytest.mark.parametrize(("heard", "name"), [("tamoxafin", "tamoxifen"), ("zitega", "zytiga"), ("sisplaten", "cisplatin")])
def test_a_name_spelt_as_heard_keeps_its_consonants(heard, name):
    assert consonants_of(sound_of(heard)) == consonants_of(sound_of(name))


def test_a_name_keeps_the_sound_it_starts_with():
    assert consonants_of(sound_of("yamand")) != consonants_of(sound_of("emend"))  # "wild yam and ..."


def test_a_name_with_a_space_or_hyphen_heard_as_everyday_words_is_found_and_named_as_the_table_writes_it():
    voice = NameMatcher({"drug": {"lu 177-dotatate": [A], "intron a": [B]}, "cancer": {}}, vocabulary={"lu", "177", "rna"},
                        common_words=frozenset({"dotatate", "what", "made", "into"}))
    assert [n.name for n in voice.find("what is lu 177 dotatate for")[0]] == ["lu 177-dotatate"]  # was a KeyError
    assert voice.find("it is made into rna")[0] == []
