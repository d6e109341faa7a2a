"""The one analysis of a question (retrieval/query.py) with the real model and the small index: what it
names, what it asks, and what a follow-up leans on."""

from __future__ import annotations

import pytest

from retrieval import Retriever
from retrieval.intent import Intent, IntentPrediction
from retrieval.query import (biomarker_status, condition_phrase, contradicts, correction_as_follow_up,
                             harm_of_a_drug_asked, indication_status, marker_statuses, markers_written_in, spelt_out,
                             topic_by_wording)

PEMBRO = "https://www.cancer.gov/about-cancer/treatment/drugs/pembrolizumab"
NIVO = "https://www.cancer.gov/about-cancer/treatment/drugs/nivolumab"
IMATINIB = "https://www.cancer.gov/about-cancer/treatment/drugs/imatinibmesylate"
TISACEL = "https://www.cancer.gov/about-cancer/treatment/drugs/tisagenlecleucel"
IDECEL = "https://www.cancer.gov/about-cancer/treatment/drugs/idecabtagenevicleucel"


class CountingEmbedder:
    """The real embedder, counting how many texts it is asked to embed."""

    def __init__(self, embedder) -> None:
        self._embedder = embedder
        self.texts: list[str] = []
        self.name, self.dimension, self.weights_sha256 = embedder.name, embedder.dimension, embedder.weights_sha256

    def embed(self, texts, **kwargs):
        self.texts.extend(texts)
        return self._embedder.embed(texts, **kwargs)


@pytest.fixture(scope="module")
def counting(embedder):
    return CountingEmbedder(embedder)


@pytest.fixture(scope="module")
def retriever(small_index, counting):
    return Retriever(small_index, embedder=counting)


def test_a_question_is_embedded_once_and_searched_with_that_vector(retriever, counting):
    counting.texts.clear()
    query = retriever.analyse("Is Keytruda approved for melanoma?")
    retriever.search(query, 5)
    assert counting.texts == ["Is the drug approved for melanoma"]


def test_a_medicine_the_corpus_lacks_is_named_and_no_page_is_its_subject(retriever):
    query = retriever.analyse("what's the white pill metoprolol used for")
    assert [m.described for m in query.medicines] == ["metoprolol"]
    assert query.drugs == () and query.drug_urls == frozenset()


def test_a_brand_the_pages_never_print_reaches_its_drug(retriever):
    assert retriever.analyse("Is Glivec the same medicine as imatinib?").drug_urls == {IMATINIB}


def test_an_approved_use_question_is_answerable_and_a_side_effect_question_is_not(retriever):
    assert retriever.analyse("What is Keytruda used for?").asks_approved_use(about_a_drug=True)
    side_effects = retriever.analyse("Can Keytruda give you a rash?")
    assert not side_effects.asks_approved_use(about_a_drug=True) and side_effects.topic is Intent.SIDE_EFFECTS


def test_what_a_question_asks_does_not_depend_on_which_drug_it_names(retriever):
    intents = {retriever.analyse(f"How long do people usually stay on {drug}?").topic
               for drug in ("Keytruda", "Opdivo", "Gleevec", "metoprolol")}
    assert intents == {Intent.DURATION_STOPPING}


def test_a_question_whose_object_is_a_dose_asks_about_dosing_though_it_says_approved(retriever):
    query = retriever.analyse("what is the approved dose of Keytruda for lung cancer?")
    assert not query.asks_approved_use(about_a_drug=True) and query.topic is Intent.DOSING
    assert retriever.analyse("what high-dose chemo is approved for myeloma?").asks_approved_use(about_a_drug=False)


def test_search_terms_for_a_dose_ask_about_dosing_but_dose_misspelt_for_does_does_not(retriever):
    for terms in ("keytruda lung cancer dosing", "nivolumab melanoma dosage", "trastuzumab dose modification"):
        assert retriever.analyse(terms).intent is Intent.DOSING, terms
    assert retriever.analyse("wat dose keytruda treet").asks_approved_use(about_a_drug=True)


@pytest.mark.parametrize(("question", "topic"), [
    ("is pembro q3w or q6w?", Intent.DOSING),  # a prescriber's schedule
    ("Keytruda 200 mg q3w", Intent.DOSING),
    ("what premeds for Herceptin?", Intent.ADMINISTRATION),
    ("is Herceptin cardiotoxic?", Intent.SIDE_EFFECTS),  # a nurse's word for a harm
    ("pembrolizumab hepatotoxicity", Intent.SIDE_EFFECTS),
    ("is imatinib teratogenic", Intent.SIDE_EFFECTS),
    ("Is hemoptysis a boxed warning for Keytruda?", Intent.SIDE_EFFECTS),
    ("can Opdivo cure melanoma?", Intent.OUTLOOK),  # approved-use text never says whether a drug cures
    ("Is generic imatinib as good as brand-name Gleevec?", Intent.TREATMENT_ADVICE),
    ("is it safe for breast cancer patients to take Keytruda?", Intent.PRECAUTIONS),
    ("is Keytruda approved in pregnancy?", Intent.PREGNANCY_FERTILITY),
    ("is imatinib approved for use while breastfeeding?", Intent.PREGNANCY_FERTILITY),
    ("when was keytruda approved?", Intent.APPROVAL_HISTORY),  # the pages say what it is approved for, never when
    ("how long has Opdivo been around?", Intent.APPROVAL_HISTORY),
    ("keytruda approval date", Intent.APPROVAL_HISTORY),
    ("when was my dad's keytruda approved by insurance", Intent.COST_ACCESS),
    ("who makes opdivo", Intent.PRODUCT_DETAILS),
    ("which company makes keytruda", Intent.PRODUCT_DETAILS),
    ("is keytruda made by merck", Intent.PRODUCT_DETAILS),
])
def test_what_a_wording_rule_settles_is_not_what_a_drug_is_for(retriever, question, topic):
    # the intent head alone reads these as asking what the drug is for: they name it, and some say "approved"
    query = retriever.analyse(question)
    assert not query.asks_approved_use(about_a_drug=True) and query.topic is topic


@pytest.mark.parametrize("question", ["who made you", "who made this chatbot"])
def test_who_made_the_service_is_small_talk_not_who_makes_a_drug(retriever, question):
    assert retriever.analyse(question).topic is Intent.CHATTER


def test_asking_whether_a_drug_is_only_for_one_thing_asks_all_it_is_approved_for(retriever):
    assert retriever.analyse("is Keytruda only for stage 4?").asks_approved_use(about_a_drug=True)


@pytest.mark.parametrize("question", ["what is Keytruda for, is it safe",
                                      "is Keytruda safe and approved for melanoma?"])
def test_safety_asked_beside_what_a_drug_is_for_is_the_other_question(retriever, question):
    query = retriever.analyse(question)
    assert query.asks_approved_use(about_a_drug=True) and query.also_asked is Intent.PRECAUTIONS


@pytest.mark.parametrize(("question", "topic"), [
    ("Is Keytruda approved for melanoma? When was it approved?", Intent.APPROVAL_HISTORY),
    ("When was Keytruda approved and what is it used for?", Intent.APPROVAL_HISTORY),
    ("what is opdivo for and who makes it", Intent.PRODUCT_DETAILS)])
def test_when_a_drug_was_approved_or_who_makes_it_asked_beside_what_it_is_for_is_the_other_question(
        retriever, question, topic):
    query = retriever.analyse(question)
    assert query.asks_approved_use(about_a_drug=True) and query.also_asked is topic


@pytest.mark.parametrize("question", ["has opdivo been approved for bladder cancer", "is keytruda approved yet for "
                                      "head and neck?", "my oncologist said Keytruda came out recently, what is it for?"])
def test_asking_whether_or_for_what_a_drug_is_approved_is_not_asking_when(retriever, question):
    query = retriever.analyse(question)
    assert query.asks_approved_use(about_a_drug=True) and query.also_asked is None


@pytest.mark.parametrize("question", ["whats the difference between opdivo and keytruda", "difference between keytruda "
                                      "and opdivo", "how is Keytruda different from Opdivo?", "keytruda vs opdivo"])
def test_two_drugs_only_compared_ask_what_each_is_for_and_which_to_choose_is_the_other_question(retriever, question):
    query = retriever.analyse(question)
    assert query.asks_approved_use(about_a_drug=True) and query.also_asked is Intent.TREATMENT_ADVICE


@pytest.mark.parametrize(("question", "topic"), [("Keytruda vs Opdivo which is better", Intent.TREATMENT_ADVICE),
                                                 ("keytruda vs opdivo side effects", Intent.SIDE_EFFECTS)])
def test_two_drugs_compared_on_something_else_are_asked_about_that(retriever, question, topic):
    query = retriever.analyse(question)
    assert not query.asks_approved_use(about_a_drug=True) and query.topic is topic


@pytest.mark.parametrize("question", ["is surgery better than chemo for bowel cancer", "is chemo or radiotherapy better "
                                      "for throat cancer", "what is the best chemo before or after surgery for lung cancer"])
def test_a_choice_between_chemo_and_surgery_or_radiotherapy_asks_which_to_choose_not_which_drugs(retriever, question):
    query = retriever.analyse(question)
    choice = "before or after" not in question
    assert (query.intent is Intent.TREATMENT_ADVICE) is choice
    assert (query.intent is Intent.DRUGS_FOR_CONDITION) is not choice  # "before or after surgery" is no choice


@pytest.mark.parametrize("question", ["I'm on Herceptin and my joints hurt so bad. Is there something else approved "
                                      "instead?", "is there an alternative to keytruda"])
def test_asking_for_another_drug_than_the_one_named_asks_which_to_choose(retriever, question):
    query = retriever.analyse(question)
    assert not query.asks_approved_use(about_a_drug=True) and query.topic is Intent.TREATMENT_ADVICE


def test_another_choice_told_of_beside_the_question_is_no_question_of_its_own(retriever):
    query = retriever.analyse("Now they're talking about Keytruda instead of another operation. Is Keytruda approved "
                              "for melanoma?")
    assert query.asks_approved_use(about_a_drug=True) and query.also_asked is None


def test_safety_told_rather_than_asked_is_no_other_question(retriever):
    query = retriever.analyse("My doctor says Keytruda is safe for me. What is it approved for?")
    assert query.asks_approved_use(about_a_drug=True) and query.also_asked is None


def test_safety_read_as_what_a_drug_is_for_is_precautions_or_with_another_medicine_interactions():
    approved_use = IntentPrediction(Intent.APPROVED_USE, {Intent.APPROVED_USE: 0.9, Intent.PRECAUTIONS: 0.1})
    assert topic_by_wording("is Keytruda safe for kids?", None, approved_use) is Intent.PRECAUTIONS
    assert topic_by_wording("is Keytruda safe with my blood pressure pills?", None, approved_use) is Intent.INTERACTIONS
    precautions = IntentPrediction(Intent.PRECAUTIONS, {Intent.APPROVED_USE: 0.1, Intent.PRECAUTIONS: 0.9})
    assert topic_by_wording("is it safe to take Keytruda while pregnant?", None, precautions) is None


def test_asking_whether_the_drugs_told_of_are_for_a_cancer_asks_what_they_are_for(retriever):
    query = retriever.analyse("neither of my drugs is for leukemia right? I'm on Herceptin and Keytruda")
    assert query.asks_approved_use(about_a_drug=True) and query.condition.known


@pytest.mark.parametrize("question", ["what does Keytruda do?", "my mum is on Herceptin, what does it do?"])
def test_asking_what_a_drug_does_asks_what_it_is_for_and_how_it_works(retriever, question):
    query = retriever.analyse(question)
    assert query.asks_approved_use(about_a_drug=True) and query.also_asked is Intent.MECHANISM


def test_asking_what_to_do_is_not_asking_what_a_drug_does(retriever):
    assert not retriever.analyse("I missed my Keytruda infusion, what do I do?").asks_approved_use(about_a_drug=True)


def test_a_harm_a_drug_is_asked_to_treat_is_no_side_effect_question(retriever):
    assert retriever.analyse("Is Keytruda approved for nivolumab toxicity?").intent is not Intent.SIDE_EFFECTS


def test_a_harm_asked_about_beside_what_a_drug_is_for_is_the_other_question(retriever):
    query = retriever.analyse("What is Herceptin for and is it cardiotoxic?")
    assert query.asks_approved_use(about_a_drug=True) and query.also_asked is Intent.SIDE_EFFECTS


def test_a_condition_after_a_word_for_a_medicine_is_read_in_the_words_its_synonyms_give(retriever):
    query = retriever.analyse("is there an injection for bone mets?")
    assert query.condition is not None and "mets" not in query.unknown_terms


def test_a_second_question_of_its_own_is_the_other_question_and_its_medicine_no_subject(retriever):
    query = retriever.analyse("My father has been on Eliquis for years and now they want to start him on Gleevec for "
                              "his CML. Is Gleevec approved for CML? And is it safe with Eliquis?")
    assert query.unknown_subject is None and query.drug_urls == {IMATINIB}
    assert query.asks_approved_use(about_a_drug=True) and query.also_asked is Intent.INTERACTIONS


def test_a_kind_of_medicine_is_no_medicine_the_pages_lack(retriever):
    query = retriever.analyse("what antiemetics are approved for nausea from chemo?")
    assert query.medicines == () and query.unknown_subject is None and "antiemetics" not in query.unknown_names


def test_asking_why_someone_is_on_a_drug_asks_what_it_is_for_unless_more_follows(retriever):
    assert retriever.analyse("why is my mom on keytruda?").asks_approved_use(about_a_drug=True)
    assert not retriever.analyse("why is my mom on keytruda so tired all the time").asks_approved_use(about_a_drug=True)


def test_asking_what_a_drug_is_supposed_to_do_asks_what_it_is_for(retriever):
    query = retriever.analyse("they sent me home after my Keytruda infusion. what is it supposed to do")
    assert query.asks_approved_use(about_a_drug=True)


def test_a_follow_up_that_is_only_a_name_asks_what_the_turn_before_asked(retriever):
    history = [{"role": "user", "content": "What is Keytruda used for?"},
               {"role": "assistant", "content": "According to NCI's page on Pembrolizumab (Keytruda) ..."}]
    query = retriever.analyse("and Opdivo?", history)
    assert query.drug_urls == {NIVO} and query.asks_approved_use(about_a_drug=True)


def test_a_follow_up_after_small_talk_asks_what_the_question_before_it_asked(retriever):
    history = [{"role": "user", "content": "what's keytruda for"}, {"role": "assistant", "content": "..."},
               {"role": "user", "content": "thanks!"}, {"role": "assistant", "content": "..."}]
    query = retriever.analyse("what about opdivo", history)
    assert query.drug_urls == {NIVO} and query.asks_approved_use(about_a_drug=True)


def test_a_follow_up_after_another_follow_up_asks_what_the_question_they_follow_asked(retriever):
    history = [{"role": "user", "content": "what's keytruda for"}, {"role": "assistant", "content": "..."},
               {"role": "user", "content": "and imatinib?"}, {"role": "assistant", "content": "..."},
               {"role": "user", "content": "thanks!"}, {"role": "assistant", "content": "..."}]
    query = retriever.analyse("what about opdivo", history)
    assert query.drug_urls == {NIVO} and query.asks_approved_use(about_a_drug=True)


@pytest.mark.parametrize("typed", ["lung cancer", "breast cancer?"])
def test_a_cancer_named_alone_asks_what_is_approved_for_it(retriever, typed):
    assert retriever.analyse(typed).asks_approved_use(about_a_drug=False)


def test_a_medicine_with_a_drug_after_a_question_asks_whether_they_go_together(retriever):
    history = [{"role": "user", "content": "what is keytruda for"}, {"role": "assistant", "content": "..."}]
    assert not retriever.analyse("tylenol ok with keytruda?", history).asks_approved_use(about_a_drug=True)


def test_a_follow_up_that_is_only_a_cancer_asks_whether_the_drug_before_it_is_approved_for_it(retriever):
    history = [{"role": "user", "content": "keytruda"}, {"role": "assistant", "content": "..."}]
    query = retriever.analyse("melanoma?", history)
    assert query.drug_urls == {PEMBRO} and query.asks_approved_use(about_a_drug=True)


@pytest.mark.parametrize("follow_up", ["opdivo?", "what about opdivo", "and opdivo?"])
def test_a_drug_named_alone_after_news_asks_what_it_is_for(retriever, follow_up):
    history = [{"role": "user", "content": "my dad has lung cancer"}, {"role": "assistant", "content": "..."}]
    query = retriever.analyse(follow_up, history)
    assert query.drug_urls == {NIVO} and query.asks_approved_use(about_a_drug=True)


@pytest.mark.parametrize("question", ["is keytruda approved for it?", "is keytruda one of them?",
                                      "is keytruda on that list?", "would keytruda be an option?"])
def test_a_drug_asked_about_for_the_cancer_told_of_before_is_asked_about_for_that_cancer(retriever, question):
    history = [{"role": "user", "content": "my dad has lung cancer"}, {"role": "assistant", "content": "..."}]
    condition = retriever.analyse(question, history).condition
    assert condition is not None and condition.known and condition.text == "lung cancer"


def test_a_drug_asked_about_on_its_own_after_news_of_a_cancer_has_no_condition(retriever):
    history = [{"role": "user", "content": "my dad has lung cancer"}, {"role": "assistant", "content": "..."}]
    assert retriever.analyse("what is keytruda used for?", history).condition is None


def test_what_about_someone_after_a_question_continues_it_and_what_about_you_does_not(retriever):
    history = [{"role": "user", "content": "is Herceptin for breast cancer?"}, {"role": "assistant", "content": "..."}]
    assert retriever.analyse("what about men", history).asks_approved_use(about_a_drug=True)
    assert retriever.analyse("ok what about you, how are you", history).intent is Intent.CHATTER


def test_asking_whether_a_drug_is_one_of_the_options_asks_what_it_is_approved_for(retriever):
    history = [{"role": "user", "content": "my mom has lung cancer"}, {"role": "assistant", "content": "..."}]
    for question in ("is opdivo one of the options?", "would opdivo be an option?"):
        assert retriever.analyse(question, history).asks_approved_use(about_a_drug=True), question
    assert not retriever.analyse("is opdivo the best option for my mom?", history).asks_approved_use(about_a_drug=True)


def test_a_follow_up_that_points_back_borrows_the_drug(retriever):
    history = [{"role": "user", "content": "What is Keytruda used for?"}]
    query = retriever.analyse("does it cause hair loss?", history)
    assert query.drug_urls == {PEMBRO} and query.topic is Intent.SIDE_EFFECTS


def test_the_question_after_the_context_decides_which_drug_is_asked_about(retriever):
    query = retriever.analyse("My husband is on Keytruda and Opdivo. What is the Opdivo for?")
    assert query.drug_urls == {NIVO}


def test_a_drug_named_as_a_point_of_reference_is_not_the_subject(retriever):
    assert retriever.analyse("they moved me to Opdivo after Keytruda, what is it for?").drug_urls == {NIVO}


def test_an_unknown_drug_asked_about_is_the_subject_whatever_else_is_named(retriever):
    query = retriever.analyse("Is Avmapki approved for lung cancer like Keytruda is?")
    assert query.unknown_subject == "Avmapki"


def test_a_report_of_danger_is_triaged_and_a_question_about_it_carries_a_mention(retriever):
    assert retriever.analyse("my dad's lips are swelling up after his infusion").triage.is_emergency
    question = retriever.analyse("Can Keytruda cause swelling of the lips?")
    assert not question.triage.is_emergency and question.triage.mentioned.key == "swelling"


def test_the_condition_after_labeled_for_is_read_with_the_words_a_slash_joins():
    # "fluorouracil/capecitabine overdose" is what uridine triacetate is asked about, not two more drugs to answer
    assert (condition_phrase("Uridine triacetate - labeled for fluorouracil/capecitabine overdose? For ED stock.")
            == "fluorouracil/capecitabine overdose")


@pytest.mark.parametrize("question", ["is there an ADC for breast cancer", "is there a TKI for lung cancer"])
def test_a_kind_of_drug_in_shorthand_asks_for_the_list_and_which_kind_is_the_other_question(retriever, question):
    query = retriever.analyse(question)
    assert query.asks_approved_use(about_a_drug=False) and query.also_asked is Intent.MECHANISM


def test_a_biomarker_said_to_be_otherwise_contradicts_the_question():
    asked = biomarker_status("is Ibrance approved for HR+ and HER2-negative breast cancer?")
    assert asked == {"hr": {"positive"}, "her2": {"negative"}}
    assert not contradicts(asked, biomarker_status("Breast cancer that is hormone receptor positive (HR+) and HER2 "
                                                   "negative (HER2-) and has spread."))
    assert contradicts(asked, biomarker_status("Breast cancer that is HER2 positive (HER2+)."))
    assert not contradicts(asked, biomarker_status("Breast cancer that has spread."))  # says nothing of HER2


def test_a_gene_said_in_the_pages_words_contradicts_the_other_status_asked():
    asked = biomarker_status("is Tagrisso approved for EGFR negative lung cancer?")
    assert contradicts(asked, indication_status("Non-small cell lung cancer that has an abnormal EGFR gene.", asked))
    assert not contradicts(asked, indication_status("in patients whose cancer does not have an abnormal EGFR or ALK "
                                                    "gene", asked))


def test_the_condition_described_and_then_named_is_the_name():
    assert condition_phrase("what's the pill for the tumors in the belly lining called desmoid tumors?") == \
        "desmoid tumors"
    assert condition_phrase("is there a drug for the blood cancer known as MDS?") == "MDS"


def test_asking_for_a_kind_of_drug_marks_the_kind_as_a_question_the_lists_cannot_answer(retriever):
    # NCI's lists name the drugs approved for a cancer, not which of them are checkpoint inhibitors
    assert retriever.analyse("which checkpoint inhibitors are approved for lung cancer?").also_asked is Intent.MECHANISM
    assert retriever.analyse("is there immunotherapy for breast cancer").also_asked is Intent.MECHANISM
    assert retriever.analyse("what do they give for bone thinning from breast cancer hormone pills").also_asked is None


def test_asking_what_else_is_approved_for_a_cancer_leaves_the_drugs_already_tried_aside(retriever):
    query = retriever.analyse("my dad was on Keytruda for lung cancer and it stopped working. what else is approved "
                              "for lung cancer?")
    assert not query.drugs and {m.name for m in query.cancers} == {"lung cancer"}
    assert retriever.analyse("My dad takes Keytruda. Is it approved for lung cancer?").drug_urls == {PEMBRO}


def test_asking_whether_a_drug_is_chemo_marks_the_kind_as_a_question_approved_use_text_cannot_answer(retriever):
    assert retriever.analyse("is keytruda chemo?").also_asked is Intent.MECHANISM
    history = [{"role": "user", "content": "what is keytruda for"}, {"role": "assistant", "content": "..."}]
    assert retriever.analyse("is it chemo or immunotherapy", history).also_asked is Intent.MECHANISM
    assert retriever.analyse("What is ABVD chemo for?").also_asked is None
    assert retriever.analyse("my wife is getting chemo, is keytruda approved for lung cancer?").also_asked is None
    assert retriever.analyse("How common are clots with chemo, and what does one feel like?").also_asked is None
    # and it is answered by what the drug is approved for, though it names a dose
    assert retriever.analyse("imatinib 400mg daily for my GIST, is that chemo").asks_approved_use(about_a_drug=True)


@pytest.mark.parametrize("question", ["what drugs are in FOLFOX?", "What does the R stand for in R-CHOP?",
                                      "my dad is getting FOLFOX, what is in it and what is it for?"])
def test_asking_what_a_combination_contains_marks_its_contents_as_a_question_approved_use_text_cannot_answer(
        retriever, question):
    query = retriever.analyse(question)
    assert query.asks_approved_use(about_a_drug=True) and query.also_asked is Intent.PRODUCT_DETAILS


def test_asking_which_drugs_make_up_a_combination_asks_what_is_in_it_not_how_it_works(retriever):
    assert retriever.analyse("which drugs make up ABVD?").topic is Intent.PRODUCT_DETAILS


def test_asking_which_drugs_are_in_a_cancers_list_asks_for_the_list_alone(retriever):
    query = retriever.analyse("what drugs are in the list for lung cancer?")
    assert query.asks_approved_use(about_a_drug=False) and query.also_asked is None


@pytest.mark.parametrize("question", ["what is the immunotherapy for lung cancer?",
                                      "what's the chemo for multiple myeloma?", "is there a pill for anxiety?"])
def test_asking_what_the_drug_or_kind_of_drug_for_a_condition_is_asks_for_its_drugs(retriever, question):
    assert retriever.analyse(question).asks_approved_use(about_a_drug=False)


@pytest.mark.parametrize(("told", "asked"), [("my dad has lung cancer", "what drugs"),
                                             ("I have CLL", "is there a pill?"),
                                             ("my mom has breast cancer", "any treatments?")])
def test_drugs_asked_for_with_nothing_else_after_a_cancer_was_told_ask_for_that_cancers_drugs(retriever, told, asked):
    query = retriever.analyse(asked, [{"role": "user", "content": told}, {"role": "assistant", "content": "..."}])
    assert query.asks_approved_use(about_a_drug=False) and query.cancers


def test_a_gene_told_before_is_the_gene_of_a_follow_up_that_takes_its_cancer_from_there(retriever):
    history = [{"role": "user", "content": "my dad has lung cancer"}, {"role": "assistant", "content": "..."},
               {"role": "user", "content": "he has an ALK mutation"}, {"role": "assistant", "content": "..."}]
    assert retriever.analyse("what drugs?", history).markers == ("alk",)
    assert retriever.analyse("what is Keytruda for?", history).markers == ()


@pytest.mark.parametrize("question", ["does carvykti need prior BCMA", "how many prior lines before carvykti?",
                                      "do i need prior chemo before keytruda?"])
def test_asking_which_treatments_must_come_before_a_drug_asks_what_it_is_approved_for(retriever, question):
    assert retriever.analyse(question).asks_approved_use(about_a_drug=True)
    assert not retriever.analyse("does keytruda need prior dose adjustments for renal?").asks_approved_use(
        about_a_drug=True)


def test_that_pointing_to_a_side_effect_is_no_question_whether_the_drug_named_is_a_cancer_drug(retriever):
    query = retriever.analyse("is fever a side effect of keytruda or is that only regular chemo")
    assert not query.asks_approved_use(about_a_drug=True)


@pytest.mark.parametrize(("question", "url"), [("what is the car-t kymriah used for?", TISACEL),
                                              ("is the car t abecma approved for myeloma?", IDECEL)])
def test_a_drug_named_beside_a_word_for_its_kind_is_the_drug_asked_about(retriever, question, url):
    assert retriever.analyse(question).drug_urls == {url}
    assert len(retriever.analyse("which car-t are approved for myeloma?").drug_urls) > 1


@pytest.mark.parametrize("question", ["is there a cart t for myeloma", "cart-t for myeloma?",
                                      "cart cell therapy for myeloma"])
def test_car_t_typed_as_cart_t_is_car_t(retriever, question):
    assert IDECEL in retriever.analyse(question).drug_urls


def test_asking_what_a_drug_is_by_the_form_it_comes_in_asks_what_it_is_for(retriever):
    for question in ("what is the pill everolimus", "what is the injection leuprolide", "what is the pill imatinib"):
        assert retriever.analyse(question).asks_approved_use(about_a_drug=True), question
    assert not retriever.analyse("what is the pill imatinib shaped like").asks_approved_use(about_a_drug=True)


def test_a_claim_about_approval_checked_with_is_that_true_asks_whether_the_drug_is_approved(retriever):
    for message in ("My insurance says Keytruda isn't approved for my lung cancer. Who is right?",
                    "the pharmacist said nivolumab is not approved for lung cancer, is that true?"):
        assert retriever.analyse(message).asks_approved_use(about_a_drug=True), message


def test_asking_how_a_drug_is_labeled_asks_for_its_indications(retriever):
    for question in ("Nivolumab: in what line and stage of lung cancer is it labeled?", "is imatinib FDA-labeled for GIST?",
                     "Imatinib: in what line and stage of GIST is it labeled?",
                     "Pembrolizumab - what stage of melanoma is it labeled in?"):
        assert retriever.analyse(question).asks_approved_use(about_a_drug=True), question


def test_what_a_named_drug_is_for_is_asked_in_a_letter_or_a_text_message(retriever):
    for message in ("Dear Dr. Patel, I hope you are well. Quick question: what is the Keytruda infusion I get for? "
                    "Thanks so much, Linda", "hey! so my onc said im starting opdivo?? whats that even for lol"):
        assert retriever.analyse(message).asks_approved_use(about_a_drug=True), message
    assert not retriever.analyse("I'm on Keytruda. What are the signs of a stroke, so I know what to look for?"
                                 ).asks_approved_use(about_a_drug=True)


def test_of_several_cancers_the_condition_is_shown_by_the_first_written(retriever):
    query = retriever.analyse("Pt w/ AML asking why she can't get Keytruda like her friend w/ breast ca. Is it approved for her?")
    assert query.condition.text == "AML"


@pytest.mark.parametrize(("question", "narrowest"), [
    ("drugs for blood cancer like leukemia", {"leukemia"}),
    ("leukemia blood cancer drugs", {"leukemia"}),
    ("drugs for breast and lung cancer", {"breast cancer", "lung cancer"}),
    ("blood cancer drugs, not leukemia", {"blood cancer", "leukemia"}),
])
def test_a_kind_of_cancer_named_beside_the_wider_one_is_the_one_asked_about(retriever, question, narrowest):
    assert {m.name for m in retriever.analyse(question).narrowest_cancers} == narrowest


@pytest.mark.parametrize(("question", "joined"), [("drugs for breast and lung cancer", True),
                                                  ("drugs for lung cancer? my friend with breast cancer had Keytruda", False)])
def test_cancers_are_joined_only_by_and_or_or(retriever, question, joined):
    assert retriever.analyse(question).cancers_joined is joined


@pytest.mark.parametrize(("text", "words", "statuses"), [
    ("has spread and has an abnormal KRAS gene", ["kras"], {"positive"}),
    ("cancer that does not have a mutation in the EGFR gene or the ALK gene", ["egfr", "alk"], {"negative"}),
    ("that does not have an abnormal EGFR, ALK, or ROS1 gene", ["ros1"], {"negative"}),
    ("breast cancer that is HR+ and HER2-.", ["her2"], {"negative"}),
    ("HER2-negative breast cancer", ["her2"], {"negative"}),
    ("in patients with HER2-low cancer", ["her2"], {"low"}),
    ("with HER2-low or HER2-ultralow cancer", ["her2"], {"low"}),
    ("tumors that are EGFR wild-type", ["egfr"], {"negative"}),
    ("cancer that is not microsatellite instability-high (MSI-H) or mismatch repair deficient (dMMR)", ["msi", "dmmr"],
     {"negative"}),
    ("cancer that is MSI-H or dMMR and has spread", ["msi", "dmmr"], {"positive"}),
    ("in patients whose cancer has the EGFR protein and the wild-type KRAS gene", ["kras"], {"negative"}),
    ("patients who have received at least one anti-CD20-based therapy", ["cd20"], set()),
    ("got worse during or after treatment with an EGFR tyrosine kinase inhibitor", ["egfr"], set()),
])
def test_a_marker_is_named_negatively_only_where_its_clause_denies_it_and_low_where_it_says_so(text, words, statuses):
    assert marker_statuses(text, words) == statuses


@pytest.mark.parametrize(("question", "markers"), [
    ("my dad's lung cancer has a KRAS mutation, which drugs target that?", ("kras",)),
    ("what is approved for BRCA ovarian cancer", ("brca", "brca1", "brca2")),
    ("drugs for MET exon 14 lung cancer", ("met",)),
    ("we met the oncologist, what drugs are approved for lung cancer?", ()),
    ("drugs for MSI-high colon cancer", ("msi", "dmmr")),
    ("what's approved for ALK+ NSCLC", ("alk",)),
])
def test_the_genes_a_question_names_are_read_as_the_pages_write_them(retriever, question, markers):
    assert retriever.analyse(question).markers == markers


@pytest.mark.parametrize("question", ["immunotherapy for melanoma", "chemo for stage 3 lung cancer",
                                      "meds for CLL?", "is there anything for CLL"])
def test_a_kind_of_treatment_for_a_cancer_and_nothing_else_asks_for_its_drugs(retriever, question):
    assert retriever.analyse(question).asks_approved_use(about_a_drug=False)


def test_a_kind_of_treatment_for_a_cancer_followed_by_another_question_does_not_ask_for_its_drugs(retriever):
    assert not retriever.analyse("chemo for lung cancer side effects").asks_approved_use(about_a_drug=False)


@pytest.mark.parametrize(("question", "also_asked"), [
    ("is there a pill for CLL", Intent.ADMINISTRATION), ("which of the myeloma drugs are pills?", Intent.ADMINISTRATION),
    ("what's the shot that boosts white blood cells after chemo?", None),
    ("my dad has CLL. what's the pill he can take?", Intent.ADMINISTRATION),
    ("my husband has CLL. He takes tablets for his heart. Which medicines are approved for leukaemia?", None),
    ("what tablets are there for CLL", Intent.ADMINISTRATION),
    ("what chemo tablets are there for breast cancer", Intent.ADMINISTRATION),
])
def test_drugs_for_a_cancer_asked_for_by_their_form_say_the_list_does_not_give_it(retriever, question, also_asked):
    assert retriever.analyse(question).also_asked is also_asked


@pytest.mark.parametrize("question", ["my mom is on Keytruda. what is it for and is hair loss common?",
                                      "can you tell me what Keytruda treats and whether it causes blood clots",
                                      "what is Keytruda for and can it cause hair loss?"])
def test_what_a_drug_is_for_joined_to_a_question_of_what_it_causes_is_answered_and_names_the_other(retriever, question):
    query = retriever.analyse(question)
    assert query.asks_approved_use(about_a_drug=True) and query.also_asked is Intent.SIDE_EFFECTS


def test_a_question_joined_after_a_drug_and_for_is_no_condition(retriever):
    query = retriever.analyse("what is Keytruda for and can it cause hair loss?")
    assert query.condition is None and query.condition_phrase is None


@pytest.mark.parametrize(("question", "topic"), [("Who is at risk for melanoma?", Intent.PREVENTION_RISK),
                                                 ("my mum is on Keytruda and has a rash all over, what should we do",
                                                  Intent.URGENT)])
def test_a_question_naming_a_drug_or_cancer_is_never_small_talk(retriever, question, topic):
    assert retriever.analyse(question).topic is topic


def test_thanks_after_a_question_about_a_drug_is_small_talk(retriever):
    history = [{"role": "user", "content": "what is Keytruda for?"}, {"role": "assistant", "content": "..."}]
    assert retriever.analyse("ok thanks!!", history).topic is Intent.CHATTER


def test_asking_for_the_newest_drug_for_a_cancer_says_when_each_was_approved_is_another_question(retriever):
    assert retriever.analyse("what's the newest drug for lung cancer").also_asked is Intent.APPROVAL_HISTORY
    assert retriever.analyse("I read the latest news about Keytruda, what is it approved for").also_asked is None


def test_a_drug_named_only_in_another_question_of_the_message_is_not_what_it_asks_about(retriever):
    query = retriever.analyse("Is Keytruda for lung cancer and can I take it with Herceptin?")
    assert query.drug_urls == {PEMBRO} and query.also_asked is Intent.INTERACTIONS


def test_a_misspelt_cancer_word_that_is_also_a_place_is_corrected_before_cancer(retriever):
    assert [m.name for m in retriever.analyse("treatment for brest cancer").cancers] == ["breast cancer"]
    assert retriever.analyse("my mum lives in brest and has cancer, what drugs").cancers == ()


@pytest.mark.parametrize("question", ["can you use keytruda before surgery", "second line treatment for lung cancer",
                                      "is keytruda used as maintenance"])
def test_when_in_treatment_a_drug_is_used_is_asked_of_its_approved_uses(retriever, question):
    query = retriever.analyse(question)
    assert query.asks_approved_use(about_a_drug=bool(query.drugs)), query.topic


@pytest.mark.parametrize("question", ["how long before surgery do I stop Keytruda",
                                      "Can I get my flu shot while on Keytruda maintenance?",
                                      "my dad is on second line chemo for lung cancer and is exhausted, is that normal"])
def test_a_treatment_setting_told_or_timed_around_is_no_question_of_approved_use(retriever, question):
    query = retriever.analyse(question)
    assert not query.asks_approved_use(about_a_drug=bool(query.drugs)), query.topic


def test_the_difference_between_kinds_of_treatment_is_a_question_of_what_terms_mean(retriever):
    assert retriever.analyse("whats the difference between chemo and immunotherapy").intent is Intent.DEFINITION


def test_asking_whats_approved_for_a_group_of_people_leans_on_the_cancer_told_before(retriever):
    history = [{"role": "user", "content": "my son has leukemia"}, {"role": "assistant", "content": "..."}]
    query = retriever.analyse("what drugs are approved for kids", history)
    assert [m.name for m in query.borrowed] == ["leukemia"]


def test_asking_whats_approved_for_a_cancer_at_a_stage_asks_for_its_drugs(retriever):
    query = retriever.analyse("what is approved for stage 4 colon cancer")
    assert query.asks_approved_use(about_a_drug=False), query.topic
    assert retriever.analyse("what does stage 4 colon cancer mean").topic is Intent.STAGES


@pytest.mark.parametrize("question, other", [
    ("my wife has melanoma, her doctor wants to start Opdivo. is it approved for melanoma and can she take it while "
     "breastfeeding?", Intent.PREGNANCY_FERTILITY),
    ("What is Keytruda approved for? Also how long does she have?", Intent.OUTLOOK),
    ("Is Keytruda or Opdivo better for melanoma? Which one is approved after surgery?", Intent.TREATMENT_ADVICE)])
def test_the_other_question_of_a_message_is_named_by_its_topic(retriever, question, other):
    query = retriever.analyse(question)
    assert query.asks_approved_use(about_a_drug=True) and query.also_asked is other


@pytest.mark.parametrize("follow_up", ["which of those are pills", "are any of them pills"])
def test_asking_which_drugs_of_a_list_come_as_pills_asks_for_the_list_and_says_it_cannot_tell(retriever, follow_up):
    history = [{"role": "user", "content": "what drugs treat breast cancer"}, {"role": "assistant", "content": "..."}]
    query = retriever.analyse(follow_up, history)
    assert query.asks_approved_use(about_a_drug=False) and query.also_asked is Intent.ADMINISTRATION


@pytest.mark.parametrize("question", ["how long does she have", "how long do i have to live with stage 4 pancreatic cancer",
                                      "how long has he got left"])
def test_how_long_someone_has_asks_about_outlook(retriever, question):
    assert retriever.analyse(question).topic is Intent.OUTLOOK


@pytest.mark.parametrize("question", ["how long does she have chemo for", "lupron hot flashes how long do they last",
                                      "how long does he have on keytruda"])
def test_how_long_a_treatment_or_its_effect_lasts_is_not_outlook(retriever, question):
    assert retriever.analyse(question).topic is not Intent.OUTLOOK


@pytest.mark.parametrize("question", ["my mom's breast cancer came back, what can she have now?",
                                      "my wife's breast cancer is HER2 positive. what can she have?",
                                      "his colon cancer has a BRAF mutation, what can he get"])
def test_what_someone_can_have_for_a_told_cancer_asks_for_its_drugs(retriever, question):
    assert retriever.analyse(question).asks_approved_use(about_a_drug=False)


@pytest.mark.parametrize("question", ["my husband has lung cancer and is in a lot of pain, what can he take?",
                                      "my mom has breast cancer and can't sleep, what can she have?"])
def test_what_someone_can_have_beside_a_told_complaint_asks_about_the_complaint(retriever, question):
    query = retriever.analyse(question)
    assert not query.asks_approved_use(about_a_drug=False) and query.topic is Intent.SYMPTOMS


def test_what_someone_can_take_for_a_complaint_names_the_complaint_not_the_cancer(retriever):
    query = retriever.analyse("my mum has myeloma, what can she take for the pain")
    assert query.condition_phrase == "the pain" and query.symptom_asked is not None


def test_words_no_page_uses_are_named_together_as_written(retriever):
    query = retriever.analyse("my mum has breast cancer, is there anything for the hot flashes")
    assert query.unknown_subject == "hot flashes"


@pytest.mark.parametrize(("question", "markers"), [("drugs for PD-L1 positive lung cancer", ("l1",)),
                                                   ("what is approved for pdl1 positive stomach cancer", ("l1",))])
def test_pd_l1_is_read_as_the_pages_write_it(retriever, question, markers):
    assert retriever.analyse(question).markers == markers


def test_a_pd_l1_mention_in_a_page_is_positive_unless_denied():
    assert marker_statuses("whose cancer has the PD-L1 protein and is HER2 negative", ["l1"]) == {"positive"}


@pytest.mark.parametrize(("question", "phrase"), [("carcinoid tumour drugs", "carcinoid tumour"),
                                                  ("hot flash meds", "hot flash"),
                                                  ("please list all cancer drugs", None)])
def test_search_terms_ending_in_a_word_for_treatment_name_the_condition_before_it(question, phrase):
    assert condition_phrase(question) == phrase


@pytest.mark.parametrize("question", ["EGFR NSCLC", "IDH1 AML"])
def test_a_gene_and_a_cancer_as_search_terms_ask_for_its_drugs(retriever, question):
    assert retriever.analyse(question).asks_approved_use(about_a_drug=False)


def test_a_gene_a_cancer_and_another_topic_as_search_terms_do_not_ask_for_its_drugs(retriever):
    assert not retriever.analyse("EGFR NSCLC prognosis").asks_approved_use(about_a_drug=False)


@pytest.mark.parametrize("question", ["ret fusion thyroid cancer", "MET exon 14 skipping nsclc"])
def test_met_kit_and_ret_before_a_word_for_a_gene_change_are_genes_in_any_case(retriever, question):
    query = retriever.analyse(question)
    assert query.asks_approved_use(about_a_drug=False) and query.markers


def test_met_as_a_verb_is_no_gene():
    assert markers_written_in("i met my oncologist, is keytruda for lung cancer") == ()


@pytest.mark.parametrize("question", ["pt w/ metastatic breast cancer, prior trastuzumab, options?",
                                      "pt w/ HR+ HER2- MBC progressing on AI + CDK4/6, what's approved next"])
def test_a_nurses_note_asking_for_options_asks_for_the_cancers_drugs_past_those_given_before(retriever, question):
    query = retriever.analyse(question)
    assert query.condition.known and not query.drug_urls and query.asks_approved_use(about_a_drug=False)


@pytest.mark.parametrize("question", ["bispecifics for myeloma", "which bispecific antibodies are approved for myeloma"])
def test_a_kind_of_drug_is_no_medicine_the_pages_lack_and_its_kind_is_asked(retriever, question):
    query = retriever.analyse(question)
    assert query.medicines == () and query.unknown_names == () and query.also_asked is Intent.MECHANISM


def test_what_someone_can_have_after_a_turn_that_told_the_cancer_asks_for_its_drugs(retriever):
    query = retriever.analyse("she is 80, what can she have", [{"role": "user", "content": "my mum has breast cancer"}])
    assert query.asks_approved_use(about_a_drug=False)


@pytest.mark.parametrize("question", ["can men take herceptin", "can women take leuprolide"])
def test_whether_men_or_women_can_take_a_drug_asks_what_it_is_approved_for(retriever, question):
    assert retriever.analyse(question).asks_approved_use(about_a_drug=True)


def test_whether_pregnant_women_can_take_a_drug_asks_about_pregnancy(retriever):
    assert retriever.analyse("can pregnant women take herceptin").topic is Intent.PREGNANCY_FERTILITY


@pytest.mark.parametrize(("question", "harm"), [("what is the antidote for methotrexate", ("methotrexate", "toxicity")),
                                                ("what is given for fluorouracil overdose", ("fluorouracil", "overdose")),
                                                ("what is fluorouracil for", None)])
def test_an_antidote_asks_what_treats_the_drugs_harm(question, harm):
    assert harm_of_a_drug_asked(question) == harm


@pytest.mark.parametrize("question", ["my legs are a little swollen after treatment, should i worry",
                                      "i have a bit of a sore throat, on chemo, should i worry"])
def test_asking_whether_to_worry_about_a_state_is_about_symptoms_now_not_choosing_a_treatment(retriever, question):
    query = retriever.analyse(question)
    assert query.topic is Intent.URGENT and query.triage.mentioned is not None


@pytest.mark.parametrize("question", ["is keytruda given with chemo", "can nivolumab be combined with pembrolizumab",
                                      "is trastuzumab given together with chemotherapy"])
def test_a_drug_given_with_another_cancer_drug_or_chemo_asks_about_its_uses(retriever, question):
    assert retriever.analyse(question).asks_approved_use(about_a_drug=True)


@pytest.mark.parametrize("question", ["can keytruda and chemo be given together",
                                      "are nivolumab and pembrolizumab used together"])
def test_two_cancer_treatments_given_together_ask_about_their_uses(retriever, question):
    assert retriever.analyse(question).asks_approved_use(about_a_drug=True)


@pytest.mark.parametrize("question", ["keytruda and chemo together for lung cancer?", "opdivo with keytruda together?"])
def test_two_cancer_drugs_together_in_a_search_boxs_words_ask_about_their_uses(retriever, question):
    assert retriever.analyse(question).asks_approved_use(about_a_drug=True)


@pytest.mark.parametrize("question", ["can keytruda be given with tylenol", "can tylenol and keytruda be given together"])
def test_a_drug_given_with_a_painkiller_asks_about_an_interaction(retriever, question):
    assert not retriever.analyse(question).asks_approved_use(about_a_drug=True)


@pytest.mark.parametrize("question", ["nivolumab and ipilimumab together what for",
                                      "pertuzumab and trastuzumab together for what cancer",
                                      "my mum is on letrozole, for what?"])
def test_a_terse_what_for_after_a_drug_asks_what_it_is_for(retriever, question):
    assert retriever.analyse(question).asks_approved_use(about_a_drug=True)


@pytest.mark.parametrize("question", ["they doubled her dose of letrozole, what for?",
                                      "I need a blood test before every keytruda, what for?"])
def test_a_terse_what_for_after_a_dose_or_a_test_asks_about_that_not_the_drug(retriever, question):
    assert not retriever.analyse(question).asks_approved_use(about_a_drug=True)


@pytest.mark.parametrize("question", ["what is the best treatment for stage 3 colon cancer",
                                      "what is standard of care for stage 3 colon cancer",
                                      "whats the first line treatment for breast cancer"])
def test_the_best_or_standard_treatment_for_a_cancer_asks_for_its_drugs_and_a_choice_it_cannot_make(retriever,
                                                                                                      question):
    query = retriever.analyse(question)
    assert query.asks_approved_use(about_a_drug=False) and query.also_asked is Intent.TREATMENT_ADVICE


@pytest.mark.parametrize("question", ["what's approved for r/r MM after 3 lines", "what's approved for MM after 3 lines"])
def test_what_is_approved_for_a_cancer_with_more_said_after_it_asks_for_its_drugs(retriever, question):
    assert retriever.analyse(question).asks_approved_use(about_a_drug=False)


def test_what_treats_a_condition_names_the_condition():
    assert condition_phrase("what treats thymoma") == "thymoma"


@pytest.mark.parametrize("question", ["any new approvals for AML this year", "what has been approved recently for melanoma"])
def test_new_approvals_for_a_cancer_ask_for_its_drugs_and_when_they_came(retriever, question):
    query = retriever.analyse(question)
    assert query.asks_approved_use(about_a_drug=False) and query.also_asked is Intent.APPROVAL_HISTORY


def test_the_latest_research_on_a_cancer_is_research(retriever):
    assert retriever.analyse("what's the latest research on AML").topic is Intent.RESEARCH_TRIALS


def test_a_standard_dose_is_no_standard_treatment(retriever):
    assert not retriever.analyse("what is the standard dose of keytruda").asks_approved_use(about_a_drug=True)


@pytest.mark.parametrize(("follow_up", "other"), [("what is the newest one", Intent.APPROVAL_HISTORY),
                                                  ("which one is the newest", Intent.APPROVAL_HISTORY),
                                                  ("which is best", Intent.TREATMENT_ADVICE)])
def test_asking_which_of_a_cancers_drugs_is_newest_or_best_asks_for_them_and_what_it_cannot_say(retriever, follow_up,
                                                                                                 other):
    history = [{"role": "user", "content": "what drugs are approved for myeloma"},
               {"role": "assistant", "content": "..."}]
    query = retriever.analyse(follow_up, history)
    assert query.asks_approved_use(about_a_drug=False) and query.also_asked is other


@pytest.mark.parametrize("question", ["is keytruda like chemo?", "is that sort of a chemo or not, keytruda"])
def test_asking_whether_a_drug_is_like_chemo_asks_what_kind_it_is(retriever, question):
    assert retriever.analyse(question).also_asked is Intent.MECHANISM


@pytest.mark.parametrize(("question", "drugs"), [
    ("my insurance wants me to switch from herceptin to kanjinti is it the same drug", {"herceptin", "kanjinti"}),
    ("my insurance wants me to switch from keytruda to opdivo, is it the same drug?", {"keytruda", "opdivo"})])
def test_whether_two_names_are_the_same_drug_asks_their_names_whatever_is_told_around_it(retriever, question, drugs):
    query = retriever.analyse(question)
    assert query.intent is Intent.DRUG_NAMES and {m.name for m in query.drugs} == drugs


@pytest.mark.parametrize("terms", ["amyloidosis treatment", "cytokine release syndrome treatment"])
def test_a_condition_no_list_is_named_for_then_treatment_asks_for_its_drugs(retriever, terms):
    assert retriever.analyse(terms).asks_approved_use(about_a_drug=False)


@pytest.mark.parametrize("terms", ["stage 4 treatment", "chemo treatment", "I'm scared about starting chemo"])
def test_a_stage_or_chemo_then_treatment_names_no_condition(retriever, terms):
    assert not retriever.analyse(terms).asks_approved_use(about_a_drug=False)


@pytest.mark.parametrize("message", ["The oncologist mentioned opdivo. Is it the same as keytruda?",
                                     "The oncologist mentioned opdivo. What is that approved for and is it the same as "
                                     "keytruda?"])
def test_a_drug_told_then_compared_in_the_question_is_asked_about_with_the_other(retriever, message):
    assert {m.name for m in retriever.analyse(message).drugs} == {"opdivo", "keytruda"}


def test_a_drug_told_beside_the_one_a_question_asks_about_is_not_asked_about(retriever):
    assert {m.name for m in retriever.analyse("My mum is on opdivo and keytruda. What is the keytruda for?").drugs} == {
        "keytruda"}


@pytest.mark.parametrize("follow_up", ["is it the same as keytruda", "how is it different from keytruda"])
def test_comparing_the_drug_before_with_another_asks_what_both_are_for(retriever, follow_up):
    query = retriever.analyse(follow_up, [{"role": "user", "content": "what is opdivo for"}])
    assert {m.name for m in query.drugs} == {"opdivo", "keytruda"}
    assert query.asks_approved_use(about_a_drug=True) and query.also_asked is Intent.TREATMENT_ADVICE


@pytest.mark.parametrize("question", ["is 80 too old for keytruda", "is there an age limit for kymriah",
                                      "how old do you have to be for keytruda"])
def test_an_age_limit_for_a_drug_asks_its_uses_and_a_choice_it_cannot_make(retriever, question):
    query = retriever.analyse(question)
    assert query.asks_approved_use(about_a_drug=True) and query.also_asked is Intent.TREATMENT_ADVICE


@pytest.mark.parametrize("question", ["can i get keytruda if i have stage 2 melanoma", "would i qualify for kymriah",
                                      "can a 16 year old have kymriah",
                                      "am i eligible for keytruda with stage 3 melanoma",
                                      "can you get herceptin without the her2 mutation",
                                      "can i have herceptin if my cancer is her2 negative"])
def test_whether_someone_can_get_a_drug_for_what_they_have_asks_its_uses_and_a_choice_it_cannot_make(retriever,
                                                                                                      question):
    query = retriever.analyse(question)
    assert query.asks_approved_use(about_a_drug=True) and query.also_asked is Intent.TREATMENT_ADVICE


@pytest.mark.parametrize("question", ["can i get keytruda if i have lupus", "can i have keytruda at home",
                                      "where can i get keytruda"])
def test_whether_someone_can_get_a_drug_despite_another_illness_or_somewhere_is_no_question_of_its_uses(retriever,
                                                                                                       question):
    assert not retriever.analyse(question).asks_approved_use(about_a_drug=True)


def test_whether_someone_is_too_old_for_chemo_is_a_choice_of_treatment(retriever):
    assert retriever.analyse("my mom is 90, is she too old for chemo").topic is Intent.TREATMENT_ADVICE


@pytest.mark.parametrize("follow_up", ["only immunotherapy please", "just the immunotherapies"])
def test_narrowing_a_cancers_drugs_to_a_kind_asks_for_its_drugs_and_what_kind_each_is(retriever, follow_up):
    query = retriever.analyse(follow_up, [{"role": "user", "content": "lung cancer drugs"}])
    assert query.asks_approved_use(about_a_drug=False) and query.also_asked is Intent.MECHANISM
    assert query.cancer_urls == {"https://www.cancer.gov/about-cancer/treatment/drugs/lung"}


@pytest.mark.parametrize(("question", "history"), [("is it radiation", [{"role": "user", "content": "what is kymriah for"}]),
                                                   ("is keytruda a vaccine", [])])
def test_asking_whether_a_drug_is_radiation_or_a_vaccine_asks_what_kind_it_is(retriever, question, history):
    query = retriever.analyse(question, history)
    assert query.asks_approved_use(about_a_drug=True) and query.also_asked is Intent.MECHANISM


@pytest.mark.parametrize(("message", "key"), [("feaver 39 on chemo", "fever"),
                                              ("my chesst hurts real bad", "chest_pain"),
                                              ("i cant breth", "breathing"),
                                              ("my husbands having a siezure", "seizure")])
def test_a_red_flag_misspelt_is_read_as_the_flag_is_written(retriever, message, key):
    assert retriever.analyse(message).triage.urgent.key == key


@pytest.mark.parametrize(("message", "key"), [("i havent peed since yesterday", "urine"),
                                              ("i play chess on chemo days", None)])
def test_contractions_without_apostrophes_and_real_words_are_not_respelt(retriever, message, key):
    urgent = retriever.analyse(message).triage.urgent
    assert (urgent and urgent.key) == key


def test_everyday_words_for_symptoms_and_doctors_are_no_unknown_medicine(retriever):
    query = retriever.analyse("my oncologist says feeling drowsy and tingly with a droopy face is from the clots")
    assert not {"oncologist", "drowsy", "tingly", "droopy", "clots"} & {w.lower() for w in query.unknown_names}


@pytest.mark.parametrize("question", ["what is the half life of pembrolizumab", "how long does keytruda stay in your system",
                                      "is keytruda excreted in urine"])
def test_how_the_body_handles_a_drug_is_asked_as_how_it_works(retriever, question):
    assert retriever.analyse(question).topic is Intent.MECHANISM


@pytest.mark.parametrize("question", ["i have a cold, can i still have my chemo",
                                      "can i have my infusion if i have a tooth infection"])
def test_treatment_through_an_everyday_illness_is_a_precaution(retriever, question):
    assert retriever.analyse(question).topic is Intent.PRECAUTIONS


def test_a_kind_of_cancer_after_a_list_reply_borrows_no_drug_from_the_list(retriever):
    history = [{"role": "user", "content": "breast cancer"},
               {"role": "assistant", "content": "The list includes: - Herceptin (Trastuzumab) - Keytruda (Pembrolizumab)"}]
    query = retriever.analyse("triple negative", history)
    assert not any(m.kind == "drug" for m in query.borrowed)
    assert query.asks_approved_use(about_a_drug=False)


@pytest.mark.parametrize("follow_up", ["it's triple negative", "she has the triple negative type"])
def test_a_turn_that_tells_the_kind_of_cancer_asks_for_its_drugs(retriever, follow_up):
    query = retriever.analyse(follow_up, [{"role": "user", "content": "my mum has breast cancer"}])
    assert query.asks_approved_use(about_a_drug=False)


@pytest.mark.parametrize("follow_up", ["and with opdivo?", "together with opdivo?", "with opdivo?"])
def test_a_terse_with_another_drug_after_a_drug_asks_whether_they_are_used_together(retriever, follow_up):
    query = retriever.analyse(follow_up, [{"role": "user", "content": "what is keytruda for"}])
    assert query.asks_approved_use(about_a_drug=True)
    assert PEMBRO in {url for m in query.borrowed for url in m.urls}


def test_a_terse_with_a_painkiller_after_a_drug_is_no_question_of_its_uses(retriever):
    query = retriever.analyse("and with tylenol?", [{"role": "user", "content": "what is keytruda for"}])
    assert not query.asks_approved_use(about_a_drug=True)


@pytest.mark.parametrize("terms", ["keytruda stage 4 melanoma", "pembro consolidation stage III NSCLC"])
def test_a_drug_its_cancer_and_a_stage_as_search_terms_ask_what_it_is_approved_for(retriever, terms):
    assert retriever.analyse(terms).intent is Intent.APPROVED_USE


@pytest.mark.parametrize("question", ["stage 4 melanoma", "what does stage 4 melanoma mean if you're on keytruda?"])
def test_a_stage_with_no_drug_or_asked_about_in_a_sentence_stays_a_question_about_stages(retriever, question):
    assert retriever.analyse(question).intent is Intent.STAGES


def test_taking_a_drug_before_or_after_the_menopause_asks_who_it_is_approved_for(retriever):
    assert retriever.analyse("can you take everolimus if you're premenopausal").intent is Intent.APPROVED_USE


def test_how_doctors_decide_between_two_drugs_asks_what_each_is_for_and_which_to_choose(retriever):
    query = retriever.analyse("how do they decide between folfox and r-chop")
    assert query.asks_approved_use(about_a_drug=True) and query.also_asked is Intent.TREATMENT_ADVICE


def test_whether_someone_can_have_a_kind_of_treatment_asks_a_choice_not_about_symptoms_now(retriever):
    assert retriever.analyse("my dad has dementia, can he have chemo").intent is Intent.TREATMENT_ADVICE


@pytest.mark.parametrize("message", [
    "I'm a carer for my mum. She's on Keytruda and Opdivo. I'd like to understand what Keytruda is approved for. "
    "Many thanks, Sue",
    "My husband takes Keytruda and Opdivo. I would love to know what Keytruda is for",
])
def test_a_question_asked_as_a_wish_is_the_messages_question(retriever, message):
    query = retriever.analyse(message)
    assert query.asks_approved_use(about_a_drug=True) and query.drug_urls == {PEMBRO}


def after(*turns: str) -> list[dict]:
    return [message for turn in turns for message in ({"role": "user", "content": turn},
                                                      {"role": "assistant", "content": "..."})]


@pytest.mark.parametrize(("before", "follow_up", "cancer"), [
    ("what is keytruda for", "breast?", "breast cancer"),
    ("what drugs are approved for lung cancer", "non small cell", "non-small cell lung cancer"),
    ("what is keytruda for", "and small cell", "small cell lung cancer"),
])
def test_a_follow_up_naming_a_cancer_by_its_organ_alone_names_that_cancer(retriever, before, follow_up, cancer):
    query = retriever.analyse(follow_up, after(before))
    assert [m.name for m in query.cancers] == [cancer]


def test_an_organ_word_in_a_sentence_or_with_no_turn_before_names_no_cancer(retriever):
    assert retriever.analyse("breast?").cancers == ()
    assert retriever.analyse("i have breast pain on tamoxifen", after("what is keytruda for")).cancers == ()


@pytest.mark.parametrize(("before", "follow_up"), [("what is keytruda", "how about for stage 4"),
                                                   ("my wife is starting herceptin", "is that for her2"),
                                                   ("what is keytruda", "does it work for melanoma")])
def test_a_follow_up_about_a_stage_a_marker_or_whether_it_works_for_a_cancer_asks_the_drugs_uses(retriever, before,
                                                                                                follow_up):
    query = retriever.analyse(follow_up, after(before))
    assert query.asks_approved_use(about_a_drug=True) and query.drugs


def test_how_well_a_drug_works_for_a_cancer_is_no_question_of_its_uses(retriever):
    assert not retriever.analyse("how well does it work for melanoma", after("what is keytruda")).asks_approved_use(
        about_a_drug=True)


@pytest.mark.parametrize("question", ["can you use herceptin and keytruda together", "does keytruda go with opdivo",
                                      "can keytruda be used alone", "is opdivo given on its own"])
def test_two_drugs_used_together_or_one_alone_asks_what_they_are_approved_for(retriever, question):
    assert retriever.analyse(question).asks_approved_use(about_a_drug=True)


@pytest.mark.parametrize("question", ["can i take ibuprofen and keytruda together", "does tylenol go with keytruda"])
def test_an_everyday_medicine_with_a_cancer_drug_is_an_interaction_not_its_uses(retriever, question):
    assert retriever.analyse(question).intent is Intent.INTERACTIONS


def test_someone_taking_two_cancer_drugs_together_asks_about_an_interaction(retriever):
    assert retriever.analyse("can i take keytruda and opdivo together").intent is Intent.INTERACTIONS


@pytest.mark.parametrize(("message", "drugs"), [
    ("My husband had Opdivo last year. Now his oncologist mentioned Keytruda. What is it approved for?", {PEMBRO}),
    ("He had Gleevec for years. Now they talk about Keytruda or Opdivo. Are both of those approved for melanoma?",
     {PEMBRO, NIVO}),
    ("She was on Keytruda. Now she is switching to Opdivo. Are these the same medicine?", {PEMBRO, NIVO}),
    ("caller: 'what does Keytruda treat?' pt on imatinib for CML", {PEMBRO}),
])
def test_a_question_pointing_back_asks_about_the_drugs_of_the_sentence_before_it(retriever, message, drugs):
    assert retriever.analyse(message).drug_urls == drugs


@pytest.mark.parametrize("question", ["whats aprroved for melanoma", "which medecines are aproved for lung cancer"])
def test_the_words_a_question_turns_on_are_read_through_their_misspellings(retriever, question):
    query = retriever.analyse(question)
    assert query.intent is Intent.DRUGS_FOR_CONDITION and "approved" in query.text


def test_a_word_that_is_no_misspelling_is_kept_as_written(retriever):
    assert retriever.analyse("whats the best diet for diabetes").text == "whats the best diet for diabetes"


def test_punctuation_a_voice_assistant_wrote_out_is_read_as_punctuation(retriever):
    query = retriever.analyse("my wife is having trouble breathing after her keytruda infusion full stop she says it's "
                              "just anxiety comma what is keytruda approved for question mark")
    assert query.triage.is_emergency
    assert retriever.analyse("my period is late on tamoxifen").text == "my period is late on tamoxifen"


@pytest.mark.parametrize(("question", "topic"), [
    ("is it FDA approved to have a glass of wine with Keytruda at Christmas", Intent.FOOD_ALCOHOL),
    ("how many rounds of R-CHOP does the FDA approve?", Intent.DOSING),
])
def test_approved_said_of_something_approved_use_text_never_says_is_that_topic(retriever, question, topic):
    query = retriever.analyse(question)
    assert not query.asks_approved_use(about_a_drug=True) and query.topic is topic


def test_a_medicine_no_page_covers_taken_alongside_a_cancer_drug_is_an_interaction(retriever):
    assert retriever.analyse("is keytruda approved to take alongside st johns wort").intent is Intent.INTERACTIONS
    assert retriever.analyse("I take my blood pressure pills together with Keytruda. What is Keytruda approved "
                             "for?").asks_approved_use(about_a_drug=True)


@pytest.mark.parametrize(("turn", "follow_up"), [("sorry i meant tagrisso", "and tagrisso?"),
                                                 ("oops meant kidney cancer", "and kidney cancer?"),
                                                 ("sorry, the other one i mean", "and the other one?")])
def test_a_turn_correcting_a_name_reads_as_a_follow_up_naming_it(turn, follow_up):
    assert correction_as_follow_up(turn) == follow_up


@pytest.mark.parametrize("turn", ["sorry, what is keytruda for?", "what do you mean by indication?", "i meant to ask"
                                  " whether it is safe to drink alcohol on it and then get back to you tomorrow"])
def test_a_turn_that_only_apologises_or_asks_is_no_correction(turn):
    assert correction_as_follow_up(turn) is None


def test_shorthand_is_spelt_out_with_its_punctuation_kept():
    assert spelt_out("ta. and cervical?") == "thanks. and cervical?"
    assert spelt_out("wat is opdivo 4 pls?") == "what is opdivo for please?"


def test_what_a_term_means_asked_after_a_drug_is_about_the_term_not_the_drug(retriever):
    history = [{"role": "user", "content": "herceptin"}, {"role": "assistant", "content": "..."}]
    assert retriever.analyse("what does her2 positive actually mean", history).drug_urls == frozenset()
    assert retriever.analyse("what is it for", history).drug_urls  # pointing back: still Herceptin
