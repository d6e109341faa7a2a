"""Answers that need the whole corpus (the session's full index, over HTTP), which the small corpus is too small to
show: where the search's top passages go to some of the pages a name stands for and not others, or a drug's page names
a gene only in words ("an abnormal EGFR gene")."""

from __future__ import annotations

import httpx
import pytest

from tests.conftest import LiveServer, make_app

IDECEL = "https://www.cancer.gov/about-cancer/treatment/drugs/idecabtagenevicleucel"
CILTACEL = "https://www.cancer.gov/about-cancer/treatment/drugs/ciltacabtagene-autoleucel"


@pytest.fixture(scope="module")
def ask(corpus_index):
    with LiveServer(make_app(corpus_index)) as server, httpx.Client(base_url=server.url, timeout=30) as client:
        def _ask(question: str, history: list[str | dict] = ()) -> dict:
            turns = [turn if isinstance(turn, dict) else {"role": "user", "content": turn} for turn in history]
            response = client.post("/v1/ask", json={"question": question, "history": turns})
            assert response.status_code == 200, response.text
            return response.json()

        yield _ask


def test_a_name_for_several_drugs_asked_about_the_cancer_told_quotes_each_one_approved_for_it(ask):
    answer = ask("is car-t an option", ["my dad has myeloma"])  # the top passages are all Carvykti's
    assert answer["status"] == "answered"
    assert {citation["url"] for citation in answer["citations"]} == {IDECEL, CILTACEL}


def test_a_cancer_asked_with_the_other_status_of_a_gene_the_page_names_in_words_is_not_listed(ask):
    answer = ask("is tagrisso approved for EGFR negative lung cancer")
    assert "does not list EGFR negative lung cancer among its approved uses" in answer["answer"]
    assert "does not list" not in ask("is tagrisso approved for EGFR positive lung cancer")["answer"]


def test_an_indication_that_excludes_the_cancer_asked_about_is_no_answer_for_it(ask):
    assert "excluding the lip" not in ask("drugs for lip cancer")["answer"]  # Hydrea: "head and neck (excluding the lip)"
    answer = ask("is hydrea approved for lip cancer")  # all its uses, not the one that leaves the lip out as a match
    assert "Chronic myelogenous leukemia" in answer["answer"]


NON_HODGKIN = "https://www.cancer.gov/about-cancer/treatment/drugs/non-hodgkin"
ACALABRUTINIB = "https://www.cancer.gov/about-cancer/treatment/drugs/acalabrutinib"
RUCAPARIB = "https://www.cancer.gov/about-cancer/treatment/drugs/rucaparibcamsylate"


@pytest.mark.parametrize("question", ["what is approved for mantle cell lymphoma?", "what drugs for MCL"])
def test_a_kind_of_cancer_no_list_is_named_for_gets_the_drugs_whose_uses_name_it_not_the_whole_list(ask, question):
    answer = ask(question)
    cited = {citation["url"] for citation in answer["citations"]}
    assert answer["status"] == "answered" and {NON_HODGKIN, ACALABRUTINIB} <= cited
    assert "Mantle cell lymphoma" in answer["answer"]
    assert "Nelarabine" not in answer["answer"]  # on the non-Hodgkin list, for T-cell lymphoma
    assert "NCI's page on Zanubrutinib (Brukinsa) also names mantle cell lymphoma" in answer["answer"]  # the 7th page


@pytest.mark.parametrize("question, page", [("What drugs are approved for GIST?", "gist"),
                                            ("approved agents for h&n scc?", "head-neck")])
def test_a_name_for_its_lists_own_cancer_or_for_most_of_it_gets_the_list(ask, question, page):
    answer = ask(question)  # GIST stands for the list's name; squamous cell carcinoma is most of head and neck cancer
    assert {citation["url"].rsplit("/", 1)[-1] for citation in answer["citations"]} == {page}


def test_search_terms_with_a_treatment_setting_ask_what_the_drug_is_approved_for(ask):
    answer = ask("rucaparib ovarian maintenance")  # the intent head alone hears "ovarian" as fertility
    assert answer["status"] == "answered"
    assert {c["url"] for c in answer["citations"]} == {RUCAPARIB}


def test_glioblastoma_gets_the_brain_tumor_drugs_whose_uses_name_it(ask):
    answer = ask("whats approved for recurrent glioblastoma")
    cited = {citation["url"].rsplit("/", 1)[-1] for citation in answer["citations"]}
    assert answer["status"] == "answered" and {"brain", "bevacizumab", "temozolomide"} <= cited


def test_asking_which_of_two_drugs_is_better_says_it_cannot_compare_them(ask):
    answer = ask("Is Kisqali or Ibrance better for HR+ breast cancer? Which one is approved for early stage?")
    assert answer["status"] == "answered" and "about choosing or comparing treatments" in answer["answer"]


def test_a_kind_of_a_lists_cancer_is_not_matched_by_an_indication_for_another_kind_of_it(ask):
    # ibrutinib's page names Waldenstrom macroglobulinemia "(a type of non-Hodgkin lymphoma)", not mantle cell lymphoma
    answer = ask("is imbruvica approved for mantle cell lymphoma")
    assert "does not list mantle cell lymphoma among its approved uses" in answer["answer"]


PEMBROLIZUMAB = "https://www.cancer.gov/about-cancer/treatment/drugs/pembrolizumab"
SACITUZUMAB = "https://www.cancer.gov/about-cancer/treatment/drugs/sacituzumabgovitecan-hziy"


@pytest.mark.parametrize("question", ["what treats triple negative breast cancer", "drugs for TNBC"])
def test_triple_negative_gets_the_drugs_whose_uses_name_it_in_their_details_not_the_whole_list(ask, question):
    answer = ask(question)  # Trodelvy names it in a use's details: "in patients with triple-negative cancer"
    cited = {citation["url"] for citation in answer["citations"]}
    assert answer["status"] == "answered" and {PEMBROLIZUMAB, SACITUZUMAB} <= cited
    assert "Tamoxifen" not in answer["answer"]


def test_pd_l1_positive_lung_cancer_gets_the_uses_that_name_the_protein(ask):
    answer = ask("drugs for PD-L1 positive lung cancer")
    cited = {citation["url"].rsplit("/", 1)[-1] for citation in answer["citations"]}
    assert {"pembrolizumab", "atezolizumab", "cemiplimab-rwlc"} <= cited and "lung" not in cited
    assert "Osimertinib" not in answer["answer"]


def test_the_drugs_that_block_pd_l1_are_a_kind_of_drug_not_the_uses_for_cancers_that_have_it(ask):
    answer = ask("which drugs block PD-L1")  # pembrolizumab blocks PD-1, though it treats PD-L1 positive cancers
    assert PEMBROLIZUMAB not in {citation["url"] for citation in answer["citations"]}


def test_a_cancer_and_a_word_for_its_treatment_as_search_terms_gets_its_list(ask):
    answer = ask("kaposi sarcoma treatment")  # the intent head alone hears outlook or a definition
    assert [citation["url"].rsplit("/", 1)[-1] for citation in answer["citations"]] == ["kaposi-sarcoma"]


@pytest.mark.parametrize(("question", "page"), [("what is the antidote for methotrexate", "related-conditions"),
                                                ("what is given for fluorouracil overdose", "uridinetriacetate")])
def test_an_antidote_for_a_drug_gets_what_treats_its_harm_not_the_drugs_own_uses(ask, question, page):
    answer = ask(question)
    cited = {citation["url"].rsplit("/", 1)[-1] for citation in answer["citations"]}
    assert answer["status"] == "answered" and page in cited and "methotrexate-sodium" not in cited


@pytest.mark.parametrize("question", ["ddAC for breast ca?", "is dd-AC approved for breast cancer"])
def test_dose_dense_ac_written_short_is_ac(ask, question):
    answer = ask(question)
    assert answer["status"] == "answered"
    assert {c["url"].rsplit("/", 1)[-1] for c in answer["citations"]} == {"ac"}


@pytest.mark.parametrize(("question", "page"), [
    ("my moms on something called t dm 1 what is it", "ado-trastuzumab-emtansine"),
    ("t vec melanoma what is it", "talimogenelaherparepvec"),
    ("dato-dxd what is it", "datopotamab-deruxtecan-dlnk"),
    ("what is radium 223 used for", "radium-223-dichloride"),
])
def test_shorthand_spaced_as_people_type_it_finds_its_drug(ask, question, page):
    answer = ask(question)
    assert answer["status"] == "answered"
    assert {c["url"].rsplit("/", 1)[-1] for c in answer["citations"]} == {page}


@pytest.mark.parametrize(("question", "pages"), [
    ("EV-P bladder indication", {"enfortumabvedotin-ejfv", "pembrolizumab"}),
    ("pola-R-CHP what for", {"polatuzumabvedotin-piiq"}),
    ("BV-AVD", {"brentuximabvedotin"}),
    ("is dara-VRd approved for transplant eligible MM", {"daratumumab", "daratumumabandhyaluronidase-fihj"}),
    ("my dad is on KRd what is it for", {"carfilzomib"}),
    ("is RVd approved for newly diagnosed myeloma", {"bortezomib", "lenalidomide"}),
    ("nivo-ipi for melanoma", {"nivolumab", "ipilimumab"}),
    ("is gem-abraxane used for pancreatic cancer", {"gemcitabinehydrochloride", "nanoparticlepaclitaxel"}),
])
def test_a_nurses_shorthand_for_a_drug_with_its_partners_finds_the_drugs(ask, question, pages):
    answer = ask(question)
    assert answer["status"] == "answered"
    assert {c["url"].rsplit("/", 1)[-1] for c in answer["citations"]} == pages


@pytest.mark.parametrize(("question", "page"), [("polycythaemia vera drugs", "ropeginterferon-alfa-2b-njft"),
                                                ("what treats thymoma", "carboplatin-taxol"),
                                                ("what treats kaposi sarcoma", "kaposi-sarcoma")])
def test_a_condition_in_british_spelling_or_after_what_treats_is_answered(ask, question, page):
    answer = ask(question)
    assert answer["status"] == "answered"
    assert page in {c["url"].rsplit("/", 1)[-1] for c in answer["citations"]}


@pytest.mark.parametrize("terms", ["dasatinib Ph+ ALL peds?", "polycythemia vera treatment"])
def test_search_terms_with_a_question_mark_or_a_condition_no_list_is_named_for_are_answered(ask, terms):
    assert ask(terms)["status"] == "answered"


@pytest.mark.parametrize(("question", "page"), [("tki for cml", "leukemia"), ("which drugs target her2", "trastuzumab")])
def test_a_kind_of_drug_for_a_cancer_or_drugs_targeting_a_gene_are_answered(ask, question, page):
    answer = ask(question)
    assert answer["status"] == "answered"
    assert page in {c["url"].rsplit("/", 1)[-1] for c in answer["citations"]}


@pytest.mark.parametrize(("question", "pages"), [
    ("what drugs are approved for cholangiocarcinoma",
     {"ivosidenib", "pemigatinib", "futibatinib", "durvalumab", "zanidatamab-hrii"}),
    ("What are the treatments for Ovarian Germ Cell Tumors ?", {"bep", "jeb", "peb", "vac", "veip"}),
])
def test_a_condition_no_list_is_named_for_gets_every_drug_page_whose_uses_name_it(ask, question, pages):
    answer = ask(question)
    assert answer["status"] == "answered"
    assert {c["url"].rsplit("/", 1)[-1] for c in answer["citations"]} == pages


def test_words_of_a_condition_named_by_other_uses_make_no_answer_for_it(ask):
    # "central nervous system" is in Vistogard's use (its toxicity) and methotrexate's (ALL spread there): no tumor
    assert ask("What are the treatments for Adult Central Nervous System Tumors ?")["status"] == "not_in_sources"


def test_drugs_told_of_but_not_asked_about_by_an_earlier_question_of_the_message_are_not_answered(ask):
    answer = ask("they mentioned FOLFIRINOX or gem-abraxane. what is FOLFIRINOX used for? and what drugs are approved "
                 "for pancreatic cancer in general?")
    assert answer["status"] == "answered"
    assert "folfirinox" in {c["url"].rsplit("/", 1)[-1] for c in answer["citations"]}
    assert not {"gemcitabinehydrochloride", "nanoparticlepaclitaxel"} & {c["url"].rsplit("/", 1)[-1]
                                                                        for c in answer["citations"]}


@pytest.mark.parametrize("question", ["drugs for non hodgkins lymphoma", "is rituximab for non-hodgkin's lymphoma"])
def test_non_hodgkins_lymphoma_in_everyday_spelling_is_not_hodgkin_lymphoma(ask, question):
    answer = ask(question)
    assert answer["status"] == "answered"
    assert "hodgkin-lymphoma" not in {c["url"].rsplit("/", 1)[-1] for c in answer["citations"]}


@pytest.mark.parametrize("question", ["treatment for uveal melanoma", "what is approved for melanoma of the eye"])
def test_uveal_melanoma_gets_the_drugs_whose_uses_name_it_not_the_whole_melanoma_list(ask, question):
    answer = ask(question)
    assert answer["status"] == "answered"
    assert {c["url"].rsplit("/", 1)[-1] for c in answer["citations"]} == {"melanoma", "tebentafusp-tebn",
                                                                           "melphalan-hydrochloride"}


def cited_pages(answer: dict) -> set[str]:
    return {citation["url"].rsplit("/", 1)[-1] for citation in answer["citations"]}


def test_whether_two_drugs_are_both_a_cancers_drugs_is_what_each_is_approved_for_and_so_is_the_follow_up(ask):
    question = "are ibrance and kisqali both breast cancer drugs"  # not how the two go together
    answer = ask(question)
    assert answer["status"] == "answered"
    assert cited_pages(answer) == {"palbociclib", "ribociclib"}
    assert cited_pages(ask("what about verzenio", [question])) == {"abemaciclib"}


@pytest.mark.parametrize(("correction", "pages"), [("sorry i meant opdivo", {"nivolumab"}),
                                                   ("oops meant kidney cancer", {"pembrolizumab"})])
def test_a_turn_that_corrects_a_name_asks_the_question_before_again(ask, correction, pages):
    answer = ask(correction, ["is keytruda approved for bladder cancer"])
    assert answer["status"] == "answered"
    assert cited_pages(answer) == pages


def test_a_drug_no_page_has_of_its_own_is_the_combination_it_is_part_of(ask):
    answer = ask("and the combo one with relatlimab?", ["what cancers is opdivo approved for"])
    assert answer["status"] == "answered"
    assert cited_pages(answer) == {"nivolumab-and-relatlimab-rmbw"}


def test_thanks_in_british_chat_before_a_follow_up_is_no_report_of_symptoms(ask):
    answer = ask("ta. and cervical?", ["which drugs are approved for ovarian cancer"])
    assert answer["status"] == "answered"
    assert cited_pages(answer) == {"cervical"}


def test_a_contraction_without_its_apostrophe_is_no_medicine_and_meso_is_mesothelioma(ask):
    answer = ask("husband worked with asbestos 30 yrs and now theyve found meso in his lung lining. whats approved for it")
    assert answer["status"] == "answered"
    assert cited_pages(answer) == {"mesothelioma"}


def test_a_medicine_named_first_then_asked_what_it_is_for_is_the_subject_not_a_drug_told_after_it(ask):
    answer = ask("metoprolol what is it for, cardiologist added it after my herceptin echo")
    assert answer["status"] == "not_in_sources"
    assert "metoprolol" in answer["answer"]


def test_which_of_two_brands_of_one_drug_is_for_cancer_is_answered_from_its_page(ask):
    answer = ask("Zortress vs Afinitor, both everolimus? which one is the cancer one")
    assert answer["status"] == "answered"
    assert cited_pages(answer) == {"everolimus"}


def test_what_a_regimen_is_made_of_asked_unsurely_is_that_topic_not_side_effects(ask):
    answer = ask("Hi, hope you're having a good day. My uncle is in Delhi and his oncologist mentioned FOLFIRINOX, which "
                 "drugs make up that regimen? Thank you so much, God bless")
    assert answer["status"] == "out_of_scope"
    assert "what is in it" in answer["answer"] and "side effects" not in answer["answer"]


def test_a_nurses_check_of_a_stage_against_the_label_is_what_the_drug_is_approved_for(ask):
    answer = ask("nivo adjuvant stage IIB melanoma ok per label?")
    assert answer["status"] == "answered"
    assert cited_pages(answer) == {"nivolumab"}


def test_a_drugs_mechanism_in_shorthand_is_that_topic(ask):
    answer = ask("belzutifan MOA")
    assert answer["status"] == "out_of_scope"
    assert "how a medicine works" in answer["answer"] and not answer["citations"]


def test_a_list_named_without_its_last_word_is_that_list(ask):
    answer = ask("multicentric castleman approved tx")
    assert answer["status"] == "answered"
    assert cited_pages(answer) == {"multicentric-castleman-disease"}


def test_a_product_no_page_covers_named_first_and_then_pointed_to_is_the_subject_not_the_drug_it_is_likened_to(ask):
    answer = ask("Iscador mistletoe jabs - are they FDA approved for breast cancer like Herceptin is?")
    assert answer["status"] == "not_in_sources"
    assert "Iscador" in answer["answer"]


@pytest.mark.parametrize(("question", "status"), [
    ("mi papa toma xtandi, es para el cancer de prostata?", "answered"),
    ("que medicamentos hay para el cáncer de mama", "answered"),
    ("el tagrisso da diarrea?", "out_of_scope"),  # side effects, not what it is for
    ("cuantas pastillas de xeloda tengo que tomar al dia", "out_of_scope"),  # a dose
])
def test_questions_in_spanish_are_read_for_what_they_ask(ask, question, status):
    assert ask(question)["status"] == status


def test_a_name_no_page_uses_asked_alone_is_not_in_the_sources(ask):
    answer = ask("emrelis?")
    assert answer["status"] == "not_in_sources" and "emrelis" in answer["answer"]


@pytest.mark.parametrize(("history", "follow_up", "pages"), [
    (["what is gleevec approved for"], "does that include kids", {"imatinibmesylate"}),
    (["what drugs are approved for thyroid cancer"], "is there a list for bladder too", {"bladder"}),
    (["is carboplatin approved for lung cancer? my dad is getting it"], "so only ovarian? what about cisplatin then",
     {"cisplatin"}),
    (["what does lupron treat"], "lupron depot i mean, the injection", {"leuprolideacetate"}),
])
def test_follow_ups_in_chat_words_ask_the_question_before_of_what_they_name(ask, history, follow_up, pages):
    answer = ask(follow_up, history)
    assert answer["status"] == "answered"
    assert cited_pages(answer) == pages


def test_an_emergency_told_in_the_turn_before_and_not_seen_to_is_answered_with_the_emergency_reply(ask):
    answer = ask("is cisplatin approved for bladder cancer btw", ["had cisplatin 2 days ago",
                                                                  "havent peed since yesterday morning"])
    assert answer["status"] == "emergency" and not answer["citations"]


@pytest.mark.parametrize(("question", "page"), [
    ("WHAT IS TAMOXAFIN FOR MY SISTER GOT GIVEN SOME AT THE HOSPITAL", "tamoxifencitrate"),
    ("my gran wants to know what zitega is for", "abirateroneacetate"),
    ("sis platen what is it approved to treat", "cisplatin"),
    ("whats the other name for taxotere the nurse calls it something else", "docetaxel"),
    ("pancreas cancer which drugs approved list please hurry appointment in 20 min", "pancreatic"),
    ("I have osteoporosis and take evista, my friend says its a breast cancer drug too, is that true",
     "raloxifenehydrochloride"),
])
def test_drugs_and_cancers_as_older_people_and_voice_typing_name_them_are_answered(ask, question, page):
    answer = ask(question)
    assert answer["status"] == "answered"
    assert page in cited_pages(answer)


def test_a_medicine_told_of_beside_questions_about_a_cancer_is_not_what_is_asked(ask):
    answer = ask("Hello, I was diagnosed with melanoma on my shoulder last year. Is melanoma hereditary? Should my kids "
                 "get skin checks? I've become a total sunscreen fanatic and the kids hate it.")
    assert answer["status"] == "out_of_scope"
    answer = ask("My dad takes metformin. Is it approved for cancer?")  # pointed back to: asked about
    assert answer["status"] == "not_in_sources" and "metformin" in answer["answer"]


def test_a_medicines_name_read_out_as_a_blood_level_is_no_medicine(ask):
    answer = ask("my husband has medullary thyroid cancer. Could you tell me which drugs are approved for thyroid cancer? "
                 "His calcitonin was 412, the endocrinologist said that is high.")
    assert answer["status"] == "answered" and "thyroid" in cited_pages(answer)


def test_what_a_drug_is_for_asked_among_other_things_is_answered_and_says_what_else_it_cannot_answer(ask):
    answer = ask("What is pegfilgrastim approved for exactly? Also it gave me pretty bad bone pain in my hips for two "
                 "days, is that normal?")
    assert answer["status"] == "answered"
    assert cited_pages(answer) == {"pegfilgrastim"}
    assert "cannot answer the rest of the question" in answer["answer"]


@pytest.mark.parametrize(("question", "product"), [
    ("what is Kesimpta used for", "Kesimpta (ofatumumab, multiple sclerosis)"),
    ("my sister is on lemtrada, what is it approved for?", "lemtrada (alemtuzumab, multiple sclerosis)"),
])
def test_a_product_of_a_corpus_molecule_the_page_does_not_name_is_not_answered_from_it(ask, question, product):
    answer = ask(question)  # the ofatumumab page is Arzerra's, for leukemia; Kesimpta is for multiple sclerosis
    assert answer["status"] == "not_in_sources" and product in answer["answer"]
    assert cited_pages(ask("what is Arzerra used for")) == {"ofatumumab"}


@pytest.mark.parametrize("question", ["is there anything approved for aplastic anemia",
                                      "what drugs are approved for fanconi anemia"])
def test_a_listed_condition_after_a_word_no_page_uses_is_another_disease(ask, question):
    answer = ask(question)  # not the list of drugs for anemia from cancer and its treatment
    assert answer["status"] == "not_in_sources" and " anemia" in answer["answer"]


@pytest.mark.parametrize("question", ["what drugs are approved for inoperable lung cancer",
                                      "meds for my mums terminal pancreatic cancer", "drugs for melonoma skin canser"])
def test_how_far_a_cancer_has_gone_or_a_misspelling_before_its_name_is_still_that_cancer(ask, question):
    assert ask(question)["status"] == "answered"


@pytest.mark.parametrize(("question", "listed"), [
    ("what drugs are approved for low red blood count caused by chemo", "Anemia (Low Red Blood Cells)"),
    ("my dad has fluid around his lungs from his cancer, is there anything approved for that", "Malignant Effusion"),
])
def test_a_related_condition_in_everyday_words_gets_its_list(ask, question, listed):
    answer = ask(question)
    assert answer["status"] == "answered" and f'the list "{listed}"' in answer["answer"]


def test_a_condition_with_its_other_name_in_brackets_is_found_by_either(ask):
    answer = ask("what drugs are approved for bile duct cancer (cholangiocarcinoma)")
    assert answer["status"] == "answered" and "ivosidenib" in cited_pages(answer)


def test_anything_asked_about_is_not_a_name_the_pages_lack(ask):
    answer = ask("my hemoglobin is low from chemo, is anything approved for that")
    assert "do not cover anything" not in answer["answer"]


def test_a_drug_asked_about_a_kind_its_page_never_names_says_it_does_not_name_it(ask):
    answer = ask("is dara approved for smoldering myeloma")
    assert "does not name smoldering myeloma itself among its approved uses" in answer["answer"]
    assert "inoperable" not in ask("is keytruda approved for inoperable lung cancer")["answer"]


def test_the_chemo_for_a_cancer_asked_as_patients_type_it_gets_its_drugs(ask):
    answer = ask("whats the chemo for ewing sarcoma")
    assert answer["status"] == "answered" and 'the list "Drugs Approved for Ewing Sarcoma"' in answer["answer"]


@pytest.mark.parametrize(("before", "follow_up"), [
    ("what is verzenio approved for", "ok and the diarrhea with it, how bad usually"),
    ("whats ABVD for", "ok and can i still work my bartending job during it"),
])
def test_a_follow_up_that_asks_a_question_of_its_own_is_not_the_question_before_again(ask, before, follow_up):
    assert ask(follow_up, [before])["status"] == "out_of_scope"


def test_a_short_follow_up_that_asks_of_others_still_continues_the_question_before(ask):
    assert ask("what about kids, can they have it", ["what is keytruda for"])["status"] == "answered"


@pytest.mark.parametrize(("question", "named"), [
    ("is CBD oil approved for cancer pain or nausea", "CBD oil (cannabidiol)"),
    ("turkey tail mushroom capsules for breast cancer - is that an approved treatment", "turkey tail"),
    ("is cannabis oil approved for brain tumors", "cannabis oil"),
])
def test_a_supplement_asked_about_as_patients_name_it_is_not_in_the_pages(ask, question, named):
    answer = ask(question)  # not the cancer's list of drugs, as if it answered
    assert answer["status"] == "not_in_sources" and named in answer["answer"]


@pytest.mark.parametrize(("question", "page"), [
    ("my brother has a desmoid tumor in his belly wall, is there any drug thats FDA approved for it or is it only "
     "surgery", "nirogacestat"),
    ("systemic mastocytosis - what meds are approved. my mother in law was just diagnosed with the aggressive kind",
     "avapritinib"),
])
def test_a_condition_told_where_it_is_or_as_a_heading_gets_the_drugs_for_it(ask, question, page):
    answer = ask(question)
    assert answer["status"] == "answered" and page in cited_pages(answer)


def test_a_common_noun_after_a_is_no_unknown_drug(ask):
    answer = ask("what does neutropenic fever mean, need simple definition for a handout")
    assert answer["status"] == "out_of_scope"


@pytest.mark.parametrize(("history", "question", "named"), [
    (["my dad is on xtandi for prostate cancer", "he also takes lipitor and plavix"], "what are those two for",
     "lipitor (atorvastatin)"),
    (["what is tagrisso approved for"], "ok and what about emrelis, the onc said maybe that next", "emrelis"),
])
def test_a_follow_up_about_medicines_no_page_covers_is_not_answered_from_the_drug_before(ask, history, question, named):
    answer = ask(question, history)
    assert answer["status"] == "not_in_sources" and named in answer["answer"]


@pytest.mark.parametrize(("before", "follow_up", "page"), [
    ("what is lumakras approved for", "does that include pancreatic", "sotorasib"),
    ("whats lynparza approved for", "does that include prostate", "olaparib"),
    ("whats rituxan approved for", "in kids?", "rituximab"),
    ("what is tamoxifen prescribed for", "can men get it", "tamoxifencitrate"),
    ("what is enhertu approved for", "my report says her2 low not positive, does it still count",
     "famtrastuzumabderuxtecan-nxki"),
    ("what is taxol approved for", "oops i meant taxotere, autocorrect", "docetaxel"),
    ("what is tarceva used for", "sorry i meant tagrisso not tarceva", "osimertinib"),
])
def test_a_follow_up_that_asks_the_drug_before_of_a_cancer_a_group_or_a_marker_or_corrects_its_name_is_answered(
        ask, before, follow_up, page):
    answer = ask(follow_up, [before])
    assert answer["status"] == "answered" and cited_pages(answer) == {page}


@pytest.mark.parametrize(("before", "follow_up", "named"), [
    ("whats ibrance approved for", "and inluriyo?", "inluriyo"),
    ("what is jakafi approved for", "and niktimvo for the graft vs host thing?", "niktimvo"),
    ("what drugs are approved for brain tumors in kids", "my daughter has DIPG, what about modeyso", "modeyso"),
    ("what is venclexta approved for", "and what about komzifti, the new one for aml", "komzifti"),
])
def test_a_follow_up_that_names_a_drug_no_page_covers_says_so(ask, before, follow_up, named):
    answer = ask(follow_up, [before])
    assert answer["status"] == "not_in_sources" and named in answer["answer"]


def test_which_of_a_cancers_drugs_are_for_a_marker_asked_after_its_list_gets_those_for_the_marker(ask):
    answer = ask("which of those are for her2 positive", ["what drugs are approved for stomach cancer"])
    assert answer["status"] == "answered" and "famtrastuzumabderuxtecan-nxki" in cited_pages(answer)


def test_merkel_cell_without_carcinoma_gets_its_list(ask):
    answer = ask("merkel cell drugs?")
    assert answer["status"] == "answered" and 'the list "Drugs Approved for Merkel Cell Carcinoma"' in answer["answer"]


def test_any_of_a_cancers_drugs_for_a_kind_asked_after_its_list_gets_those_for_the_kind(ask):
    question = "what drugs are approved for breast cancer"
    reply = {"role": "assistant", "content": ask(question)["answer"]}  # the list, whose drugs "them" could mean
    answer = ask("are any of them for triple negative", [question, reply])
    assert answer["status"] == "answered" and "pembrolizumab" in cited_pages(answer)
    assert "everolimus" not in cited_pages(answer)  # each drug of the reply's list was asked about in turn


def test_whats_a_medicine_no_page_covers_used_for_beside_a_corpus_drug_is_not_in_sources(ask):
    answer = ask("whats metformin used for, im diabetic and on keytruda too")  # not Keytruda's uses
    assert answer["status"] == "not_in_sources" and "metformin" in answer["answer"]


@pytest.mark.parametrize(("message", "named"), [
    ("c-Met overexpressing lung cancer — they want emrelis. is emrelis fda approved for nsclc", "emrelis"),
    ("is reishi mushroom approved for lung cancer", "reishi"),
    ("what is fortisip for, the dietitian gave me a whole box", "fortisip"),
])
def test_a_thing_no_page_covers_asked_whether_fda_approved_or_what_it_is_for_is_not_in_sources(ask, message, named):
    answer = ask(message)  # not the lung cancer list, nor a topic of its own
    assert answer["status"] == "not_in_sources" and named in answer["answer"] and answer["safety_note"] is None


@pytest.mark.parametrize(("before", "follow_up", "named"), [
    ("which drugs are approved for bowel cancer", "what about for crohn's", "crohn's"),
    ("what is filgrastim for", "and the tazocin they gave him on the ward?", "tazocin"),
])
def test_a_follow_up_for_a_condition_or_medicine_no_page_covers_is_not_in_sources(ask, before, follow_up, named):
    reply = {"role": "assistant", "content": ask(before)["answer"]}  # a list whose drugs the follow-up must not take
    answer = ask(follow_up, [before, reply])
    assert answer["status"] == "not_in_sources" and named in answer["answer"]


def test_a_follow_up_asking_the_drug_before_for_a_condition_no_page_covers_says_its_page_does_not_list_it(ask):
    answer = ask("what about for lupus", ["what is keytruda for"])
    assert answer["status"] == "answered" and "does not list lupus among its approved uses" in answer["answer"]


@pytest.mark.parametrize("question", ["womb cancer - which drugs are approved for it?",
                                      "what drugs are there for cancer of the womb"])
def test_womb_cancer_gets_the_endometrial_cancer_list(ask, question):
    answer = ask(question)
    assert answer["status"] == "answered" and 'the list "Drugs Approved for Endometrial Cancer"' in answer["answer"]


@pytest.mark.parametrize("question", ["had a dvt in my leg about 2 yrs ago, all sorted now. can i still have avastin",
                                      "had a clot last year, its all sorted now, can i still have tamoxifen"])
def test_whether_a_drug_is_still_safe_after_what_someone_tells_is_out_of_scope(ask, question):
    assert ask(question)["status"] == "out_of_scope"


@pytest.mark.parametrize("follow_up", ["ok and it make the white cells low?", "does it lower white cells"])
def test_a_follow_up_asking_what_the_drug_before_does_to_the_blood_counts_is_out_of_scope(ask, follow_up):
    assert ask(follow_up, ["what is ibrance for"])["status"] == "out_of_scope"


def test_a_regimen_no_page_covers_asked_in_capitals_is_not_in_sources(ask):
    answer = ask("surgeon wants FLOT chemo before and after my stomach surgery. is FLOT approved for stomach cancer?")
    assert answer["status"] == "not_in_sources" and "FLOT" in answer["answer"]
    assert ask("is TKI approved for CML")["status"] != "not_in_sources"  # a kind of drug, in short capitals


def test_everyday_words_read_as_a_drug_heard_apart_cite_no_other_drug(ask):
    assert cited_pages(ask("i don't really understand what keytruda is for")) == {"pembrolizumab"}  # not Trexall's
    answer = ask("doptelet to raise my platelets before a procedure, what is it approved for")  # not Torisel's
    assert answer["status"] == "not_in_sources" and "doptelet" in answer["answer"]


@pytest.mark.parametrize(("question", "page"), [
    ("sotorasib for KRAS G12C CRC - label or off label", "sotorasib"),
    ("tecvayli line requirement?", "teclistamab-cqyv"),
    ("ibrutinib MCL - is it still listed", "ibrutinib"),
    ("datroway EGFR NSCLC - is that on the NCI page yet", "datopotamab-deruxtecan-dlnk"),
])
def test_a_clinicians_terse_label_question_is_answered_from_the_drugs_page(ask, question, page):
    answer = ask(question)
    assert answer["status"] == "answered" and cited_pages(answer) == {page}


def test_a_genes_variant_before_a_cancer_the_page_names_with_that_gene_is_no_other_kind_of_cancer(ask):
    answer = ask("is lumakras approved for G12C colorectal cancer")  # the page says "an abnormal KRAS gene"
    assert "does not name" not in answer["answer"] and "colorectal cancer" in answer["answer"]


@pytest.mark.parametrize(("message", "named"), [
    ("raltitrexed indications - we use it in UK for pts with 5FU cardiotox", "raltitrexed"),  # not 5-FU's uses
    ("mistletoe injections for breast cancer, is approve?", "mistletoe"),
])
def test_a_medicine_no_page_covers_named_first_as_a_label_question_is_not_in_sources(ask, message, named):
    answer = ask(message)
    assert answer["status"] == "not_in_sources" and named in answer["answer"]


def test_a_hyphenated_name_heard_as_words_is_answered_not_an_error(ask):
    answer = ask("what is lu 177 dotatate for")  # a KeyError, a 500, before
    assert answer["status"] == "answered" and cited_pages(answer) == {"lutetiumlu177-dotatate"}


def test_a_drug_named_as_a_heading_then_asked_of_as_it_is_answered_and_the_drug_that_caused_the_condition_is_not(ask):
    answer = ask("tocilizumab - is it approved for CRS from CAR-T or only used off label")
    assert answer["status"] == "answered" and cited_pages(answer) == {"tocilizumab"}


def test_a_medicine_no_page_covers_named_first_as_licensed_for_something_is_not_in_sources(ask):
    answer = ask("anakinra licensed for CAR-T CRS or ICANS?")  # not Carvykti's uses
    assert answer["status"] == "not_in_sources" and "anakinra" in answer["answer"]
