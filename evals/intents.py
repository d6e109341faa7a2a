"""python -m evals.intents: the intent head's accuracy on the MedQuAD dev set, by question type.

The head is trained only on `retrieval/intent_examples.jsonl`; MedQuAD's categories are question types, so
each maps to the intents that are right for it ("drug_side effects" -> side_effects). Reported per category:
the intent accuracy, and whether the question was judged answerable from approved-use text as its labels say
(`Query.asks_approved_use`): the decision the service's status rests on, judged by the question's kind.
"""

from __future__ import annotations

import sys
from collections import defaultdict

from evals.golden import MEDQUAD_FILE, load_cases
from retrieval.intent import Intent

I = Intent
# MedQuAD question type (the category without its "drug_", "other_drug_", "cancer_" or "other_topic_" prefix)
# -> the intents that answer to it.
RIGHT_INTENTS: dict[str, set[Intent]] = {
    "indication": {I.APPROVED_USE}, "brand names": {I.DRUG_NAMES, I.APPROVED_USE, I.DEFINITION},
    "brand names of combination products": {I.DRUG_NAMES, I.APPROVED_USE, I.DEFINITION},
    "treatment": {I.DRUGS_FOR_CONDITION}, "side effects": {I.SIDE_EFFECTS}, "severe reaction": {I.SIDE_EFFECTS},
    "dietary": {I.FOOD_ALCOHOL}, "usage": {I.DOSING, I.ADMINISTRATION}, "dose": {I.DOSING},
    "forget a dose": {I.DOSING}, "storage and disposal": {I.STORAGE},
    "emergency or overdose": {I.OVERDOSE_INFO, I.URGENT}, "precautions": {I.PRECAUTIONS, I.PREGNANCY_FERTILITY},
    "important warning": {I.PRECAUTIONS, I.SIDE_EFFECTS}, "contraindication": {I.PRECAUTIONS},
    "other information": {I.PRECAUTIONS, I.STORAGE, I.DEFINITION}, "information": {I.DEFINITION},
    "symptoms": {I.SYMPTOMS}, "stages": {I.STAGES}, "exams and tests": {I.DIAGNOSIS_TESTS},
    "outlook": {I.OUTLOOK}, "research": {I.RESEARCH_TRIALS}, "susceptibility": {I.PREVENTION_RISK},
    "causes": {I.PREVENTION_RISK}, "prevention": {I.PREVENTION_RISK}, "inheritance": {I.PREVENTION_RISK},
    "genetic changes": {I.PREVENTION_RISK}, "how does it work": {I.MECHANISM}, "how effective is it": {I.OUTLOOK},
    "interactions with foods": {I.FOOD_ALCOHOL, I.INTERACTIONS},
    "interactions with herbs and supplements": {I.INTERACTIONS}, "interactions with medications": {I.INTERACTIONS},
}
PREFIXES = ("other_drug_", "other_topic_", "drug_", "cancer_")
# The question types approved-use text answers in kind (for a medicine the corpus lacks, the reply is still
# `not_in_sources`, but the question is of the answerable kind).
ANSWERABLE_TYPES = {"indication", "brand names", "brand names of combination products", "treatment"}


def question_type(category: str) -> str:
    for prefix in PREFIXES:
        if category.startswith(prefix):
            return category[len(prefix):]
    return category


def main() -> int:
    from evals.__main__ import DEFAULT_INDEX
    from retrieval import Retriever

    retriever = Retriever(DEFAULT_INDEX)
    intent_right: dict[str, list[bool]] = defaultdict(list)
    decision_right: dict[str, list[bool]] = defaultdict(list)
    for case in load_cases(MEDQUAD_FILE):
        right = RIGHT_INTENTS.get(question_type(case.category))
        if right is None:
            continue
        query = retriever.analyse(case.question)
        intent_right[case.category].append(query.intent in right)
        kind = question_type(case.category) in ANSWERABLE_TYPES
        decision_right[case.category].append(query.asks_approved_use(case.category.startswith(("drug_", "other_drug_"))) == kind)
    rate = lambda values: sum(values) / len(values)  # noqa: E731
    everything = [v for values in intent_right.values() for v in values]
    decisions = [v for values in decision_right.values() for v in values]
    print(f"MedQuAD dev set (CC BY 4.0), {len(everything)} questions: intent accuracy {rate(everything):.3f}, "
          f"answerable-or-not {rate(decisions):.3f}")
    print("| category | questions | intent accuracy | answerable-or-not |\n|---|---:|---:|---:|")
    for category in sorted(intent_right):
        print(f"| {category} | {len(intent_right[category])} | {rate(intent_right[category]):.3f} | "
              f"{rate(decision_right[category]):.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
