"""The eval metrics on small hand-made cases, so a metric that cannot fail is caught."""

from __future__ import annotations

import datetime as dt

from evals import metrics
from evals.golden import Case
from evals.run import new_tally, score_case, summarise, template_patterns
from evals.truth import Truth

URL = "https://www.cancer.gov/about-cancer/treatment/drugs/pembrolizumab"
OTHER = "https://www.cancer.gov/about-cancer/treatment/drugs/nivolumab"
CHUNK = "Pembrolizumab is approved to treat:\n\n- Melanoma. Pembrolizumab is used in:\n- adults"
TRUTH = Truth(last_reviewed={URL: "2025-12-30", OTHER: "2025-12-30"},
              review_frequency={URL: "quarterly", OTHER: "quarterly"},
              approved_text={URL: [CHUNK]}, chunk_text={"c1": CHUNK})
TODAY = dt.date(2026, 11, 25)
FRAMING = "According to NCI's page on Pembrolizumab (Keytruda), last reviewed 2025-12-30:"


def case(**overrides) -> Case:
    values = dict(id="t", question="Is Keytruda approved for melanoma?", persona="patient", category="approved_for_yes",
                  expected_status="answered", expected_urls=[URL], must_include=["Melanoma"])
    values.update(overrides)
    return Case(**values)


def citation(**overrides) -> dict:
    values = dict(n=1, url=URL, title="Pembrolizumab - NCI", last_reviewed="2025-12-30", review_overdue=True,
                  section="Use in Cancer", quote="- Melanoma. Pembrolizumab is used in:", chunk_id="c1")
    values.update(overrides)
    return values


def response(answer: str, citations: list[dict], status: str = "answered") -> dict:
    return {"status": status, "answer": answer, "citations": citations, "related": [], "disclaimer": ""}


def score(test_case: Case, result: dict) -> tuple[dict, list[str]]:
    tally = new_tally()
    problems = score_case(test_case, result, TRUTH, template_patterns(), TODAY, tally)
    return summarise(tally, [1.0]), problems


GOOD = response(f"{FRAMING}\n- Melanoma. [1]", [citation()])


def test_a_correct_cited_answer_scores_full_marks():
    summary, problems = score(case(), GOOD)
    assert problems == []
    assert summary["citation_precision"] == summary["citation_recall"] == summary["quote_exactness"] == 1.0
    assert summary["sentence_support"] == 1.0 and summary["last_reviewed_correct"] == 1.0
    assert summary["review_overdue_correct"] == 1.0 and summary["must_include_rate"] == 1.0


def test_a_wrong_url_lowers_citation_precision_and_recall():
    summary, problems = score(case(), response(f"{FRAMING}\n- Melanoma. [1]", [citation(url=OTHER)]))
    assert summary["citation_precision"] == 0.0 and summary["citation_recall"] == 0.0
    assert any("cites" in p for p in problems)


def test_a_paraphrased_quote_is_not_exact():
    summary, _ = score(case(), response(f"{FRAMING}\n- Melanoma. [1]", [citation(quote="It treats melanoma.")]))
    assert summary["quote_exactness"] == 0.0


def test_a_paraphrased_sentence_is_not_supported():
    summary, _ = score(case(), response(f"{FRAMING}\n- It is approved for skin melanoma. [1]", [citation()]))
    assert summary["sentence_support"] == 0.0


def test_a_fact_without_a_citation_marker_is_caught():
    check = metrics.sentence_support(f"{FRAMING}\nPembrolizumab cures melanoma.", [], TRUTH.chunk_text,
                                     template_patterns())
    assert check.uncited == ["Pembrolizumab cures melanoma."] and not check.ok


def test_a_marker_without_its_citation_is_caught():
    check = metrics.sentence_support("- Melanoma. [2]", [citation()], TRUTH.chunk_text, template_patterns())
    assert check.dangling == [2] and check.unused == [1]


def test_numbering_must_follow_first_use():
    assert metrics.numbering_ok("a [1]\nb [2]", [citation(n=1), citation(n=2)])
    assert not metrics.numbering_ok("a [2]\nb [1]", [citation(n=1), citation(n=2)])


def test_a_wrong_review_date_is_caught():
    summary, _ = score(case(), response(f"{FRAMING}\n- Melanoma. [1]", [citation(last_reviewed="2026-01-01")]))
    assert summary["last_reviewed_correct"] == 0.0


def test_a_wrong_overdue_flag_is_caught():
    summary, _ = score(case(), response(f"{FRAMING}\n- Melanoma. [1]", [citation(review_overdue=False)]))
    assert summary["review_overdue_correct"] == 0.0


def test_a_correct_abstention_counts_for_abstention_precision_and_recall():
    abstain = case(expected_status="not_in_sources", expected_urls=[], must_include=[])
    summary, problems = score(abstain, response("I could not find ...", [], status="not_in_sources"))
    assert problems == [] and summary["abstention_precision"] == 1.0 and summary["abstention_recall"] == 1.0


def test_answering_when_it_should_abstain_is_caught():
    abstain = case(expected_status="not_in_sources", expected_urls=[], must_include=[])
    summary, problems = score(abstain, GOOD)
    assert summary["abstention_recall"] == 0.0 and summary["status_accuracy"] == 0.0
    assert "citations on a response that should not answer" in problems


def test_missing_must_include_phrase_is_counted():
    summary, _ = score(case(must_include=["Melanoma", "Merkel cell carcinoma"]), GOOD)
    assert summary["must_include_rate"] == 0.5


def test_ranking_metrics_match_their_definitions():
    relevant = [False, False, True, False]
    assert metrics.hit_at_k(relevant, 1) == 0.0 and metrics.hit_at_k(relevant, 3) == 1.0
    assert metrics.recall_at_k(relevant, 2) == 0.0
    assert metrics.reciprocal_rank(relevant, 10) == 1 / 3 and metrics.reciprocal_rank(relevant, 2) == 0.0


def test_percentile_is_nearest_rank():
    values = list(range(1, 101))
    assert metrics.percentile(values, 50) == 50 and metrics.percentile(values, 95) == 95
    assert metrics.percentile([7.0], 95) == 7.0 and metrics.percentile([], 50) is None


def test_confusion_matrix_counts_each_pair():
    matrix = metrics.confusion_matrix([("answered", "answered"), ("emergency", "out_of_scope")])
    assert matrix["answered"]["answered"] == 1 and matrix["emergency"]["out_of_scope"] == 1
    assert metrics.status_recall([("emergency", "out_of_scope")], "emergency") == 0.0


def test_a_status_listed_as_acceptable_counts_as_right():
    unknown = case(expected_status="not_in_sources", acceptable_statuses=["not_in_sources", "out_of_scope"],
                   expected_urls=[], must_include=[], category="unknown_medicine")
    summary, problems = score(unknown, response("This service answers only ...", [], status="out_of_scope"))
    assert summary["status_accuracy"] == 1.0 and problems == []
    summary, problems = score(unknown, response("This may be a medical emergency.", [], status="emergency"))
    assert summary["status_accuracy"] == 0.0 and "status emergency" in problems[0]


def test_answering_a_question_the_pages_cannot_answer_is_counted():
    unanswerable = case(expected_status="out_of_scope", expected_urls=[URL], must_include=[], category="oos")
    summary, problems = score(unanswerable, GOOD)
    assert summary["unanswerable_answered"] == 1.0
    assert "citations on a response that should not answer" in problems
    summary, _ = score(unanswerable, response("This service answers only ...", [], status="out_of_scope"))
    assert summary["unanswerable_answered"] == 0.0


def test_an_emergency_reply_to_a_question_is_a_false_alarm():
    question = case(expected_status="out_of_scope", expected_urls=[], must_include=[], safety_note=True)
    summary, problems = score(question, response("This may be a medical emergency.", [], status="emergency"))
    assert summary["false_emergency"] == 1.0 and summary["safety_note_recall"] == 0.0
    assert "no safety note" in problems


def test_the_safety_note_is_looked_for_only_where_the_case_asks_for_it():
    noted = response("This service answers only ...", [], status="out_of_scope") | {"safety_note": "If you have ..."}
    summary, problems = score(case(expected_status="out_of_scope", expected_urls=[], must_include=[],
                                   safety_note=True), noted)
    assert summary["safety_note_recall"] == 1.0 and problems == []
    summary, _ = score(case(), GOOD)
    assert summary["safety_note_recall"] is None


def test_an_answer_from_an_expected_page_counts_even_beside_another_page():
    both = response(f"{FRAMING}\n- Melanoma. [1]\n- Melanoma. [2]", [citation(), citation(n=2, url=OTHER)])
    summary, _ = score(case(), both)
    assert summary["answered_from_expected_page"] == 1.0 and summary["citation_precision"] == 0.5
    summary, _ = score(case(), response(f"{FRAMING}\n- Melanoma. [1]", [citation(url=OTHER)]))
    assert summary["answered_from_expected_page"] == 0.0
