"""The evaluation golden set (evals/golden.jsonl) is well formed, covers what it must, and is grounded in the corpus.

Grounding uses the project's own ingest code: a page's approved-use text is the text of its chunks whose
section is "approved_use" (the "## Use in Cancer" section of drug and regimen pages, the drug lists of the
"Drugs Approved for ..." pages), after cleaning, so phrases are checked exactly as the service will quote them.
No embedding model is loaded. See evals/GOLDEN.md for the format and the rules behind each check.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

import pytest

from ingest.build import prepare_page
from ingest.pages import load_seed_pages

REPO = Path(__file__).resolve().parents[1]
GOLDEN = REPO / "evals" / "golden.jsonl"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

CATEGORIES = frozenset({
    "what_is_used_for", "brand_name", "generic_name", "misspelling", "abbreviation", "regimen",
    "drugs_for_cancer", "approved_for_yes", "approved_for_no", "follow_up", "nurse_phrasing", "lay_phrasing",
    "out_of_scope", "emergency", "prompt_injection", "unknown_drug", "unknown_disease", "chatter",
    "urgent_everyday", "red_flag_question", "unknown_medicine", "oos_drug_topic", "oos_cancer_topic",
    "answerable_rephrased",
})
STATUSES = frozenset({"answered", "not_in_sources", "out_of_scope", "emergency"})
PERSONAS = frozenset({"patient", "nurse"})
ROLES = frozenset({"user", "assistant"})
REQUIRED_FIELDS = {
    "id": str, "question": str, "persona": str, "category": str,
    "expected_status": str, "expected_urls": list, "must_include": list,
}
OPTIONAL_FIELDS = {"history": list, "expected_indication": str, "acceptable_statuses": list, "safety_note": bool}
# The one pair of statuses the rules ever let both count as right (see GOLDEN.md, "Status rules").
OPTIONAL_PAIR = frozenset({"out_of_scope", "not_in_sources"})
# The only categories where acceptable_statuses may appear (which of their cases must carry it: see the tests).
MAY_HAVE_ACCEPTABLE = frozenset({"red_flag_question", "unknown_medicine", "oos_cancer_topic"})
ID_PATTERN = re.compile(r"^[a-z]+-\d{3}$")
PHRASE_WORDS = (3, 10)

MIN_CASES = 280
MIN_ANSWERED = 170
MIN_WITH_HISTORY = 15
MIN_DISTINCT_URLS = 120
MIN_PER_CATEGORY = {
    "follow_up": 15, "out_of_scope": 25, "emergency": 15, "prompt_injection": 10,
    "unknown_drug": 10, "unknown_disease": 5, "chatter": 8,
    "urgent_everyday": 65, "red_flag_question": 45, "unknown_medicine": 55, "oos_drug_topic": 35,
    "oos_cancer_topic": 30, "answerable_rephrased": 35,
}
# Categories whose questions must name no drug that ingest found in the corpus (red_flag_question only when it
# expects no page: the general questions and the ones about medicines the corpus lacks).
NO_CORPUS_DRUG = frozenset({"unknown_drug", "unknown_disease", "unknown_medicine", "oos_cancer_topic"})
# Within each new category no two questions may be this similar (difflib ratio, case-folded): one template
# with a few words swapped is one case, not two.
NEW_CATEGORIES = frozenset({"urgent_everyday", "red_flag_question", "unknown_medicine", "oos_drug_topic",
                            "oos_cancer_topic", "answerable_rephrased"})
MAX_SIMILARITY = 0.8

# Answered "is X approved for Y?" cases where NCI's page on X does not list Y: the use asked about, as a
# pattern that must match the question and must not match the approved-use text of the expected page.
ABSENT_USES = {
    "no-001": r"prostate",
    "no-002": r"lung",
    "no-003": r"breast",
    "no-004": r"breast",
    "no-005": r"myeloma",
    "no-006": r"colon|colorectal",
    "no-007": r"amyloidosis",
    "no-008": r"leukemia",
    "no-009": r"breast",
    "no-010": r"breast",
    "no-011": r"prostate",
    "no-012": r"ovar",
    "no-013": r"myeloma",
    "no-014": r"myeloma",
    "no-015": r"lung",
    "no-016": r"breast",
    "no-017": r"myeloma",
    "no-018": r"breast",
    "no-019": r"myeloma",
    "no-020": r"lung",
    "no-021": r"prostate",
    "no-022": r"lung",
    "no-023": r"leukemia",
    "no-024": r"gastrointestinal|gist",
    "no-025": r"amyloidosis",
    "no-026": r"(?<!non-)small cell",
    "no-027": r"breast",
    "no-028": r"myeloma",
    "fu-004": r"(?<!non-)hodgkin",
    "fu-021": r"lymphoma",
}

# Drugs and diseases the corpus knows nothing about: the first name must occur in the question, and no
# name may occur anywhere in any corpus page (front matter included). Every unknown_drug, unknown_disease and
# unknown_medicine case has an entry, and so does every red_flag_question case expecting not_in_sources.
UNKNOWN_NAMES = {
    "unk-001": ("aspirin",),
    "unk-002": ("metformin",),
    "unk-003": ("lipitor", "atorvastatin"),
    "unk-004": ("ozempic", "semaglutide"),
    "unk-005": ("humira", "adalimumab"),
    "unk-006": ("ivermectin",),
    "unk-007": ("blenrep", "belantamab"),
    "unk-008": ("mitotane", "lysodren"),
    "unk-009": ("streptozocin", "zanosar"),
    "unk-010": ("fenbendazole",),
    "unk-011": ("lynozyfic", "linvoseltamab"),
    "unk-012": ("taletrectinib",),
    "unk-013": ("tylenol", "acetaminophen"),
    "unk-014": ("gomekli", "mirdametinib"),
    "inj-013": ("lipitor", "atorvastatin"),
    "dis-001": ("lupus",),
    "dis-002": ("rheumatoid arthritis",),
    "dis-003": ("psoriasis",),
    "dis-004": ("multiple sclerosis",),
    "dis-005": ("crohn",),
    "dis-006": ("migraine",),
    "dis-007": ("diabetes",),
    "dis-008": ("alzheimer",),
    # red_flag_question cases about a medicine the corpus lacks
    "rfq-049": ('eliquis', 'apixaban'),
    "rfq-050": ('zoloft', 'sertraline'),
    "rfq-051": ('lamotrigine', 'lamictal'),
    "rfq-052": ('tramadol', 'ultram'),
    "rfq-053": ('warfarin', 'coumadin'),
    "rfq-054": ('morphine',),
    "rfq-055": ('amlodipine', 'norvasc'),
    "rfq-056": ('tylenol', 'acetaminophen', 'paracetamol'),
    # unknown_medicine: the brand or generic asked about first, then its other names
    "med-001": ('lopressor', 'metoprolol'),
    "med-002": ('metoprolol', 'lopressor'),
    "med-003": ('zoloft', 'sertraline'),
    "med-004": ('sertraline', 'zoloft'),
    "med-005": ('eliquis', 'apixaban'),
    "med-006": ('apixaban', 'eliquis'),
    "med-007": ('januvia', 'sitagliptin'),
    "med-008": ('sitagliptin', 'januvia'),
    "med-009": ('ozempic', 'semaglutide'),
    "med-010": ('tirzepatide', 'mounjaro'),
    "med-011": ('xarelto', 'rivaroxaban'),
    "med-012": ('rivaroxaban', 'xarelto'),
    "med-013": ('lasix', 'furosemide'),
    "med-014": ('furosemide', 'lasix'),
    "med-015": ('synthroid', 'levothyroxine'),
    "med-016": ('prozac', 'fluoxetine'),
    "med-017": ('fluoxetine', 'prozac'),
    "med-018": ('escitalopram', 'lexapro'),
    "med-019": ('wellbutrin', 'bupropion'),
    "med-020": ('bupropion', 'wellbutrin'),
    "med-021": ('alprazolam', 'xanax'),
    "med-022": ('zolpidem', 'ambien'),
    "med-023": ('plavix', 'clopidogrel'),
    "med-024": ('clopidogrel', 'plavix'),
    "med-025": ('warfarin', 'coumadin'),
    "med-026": ('rosuvastatin', 'crestor'),
    "med-027": ('nexium', 'esomeprazole'),
    "med-028": ('omeprazole', 'prilosec'),
    "med-029": ('flomax', 'tamsulosin'),
    "med-030": ('tamsulosin', 'flomax'),
    "med-031": ('viagra', 'sildenafil'),
    "med-032": ('sildenafil', 'viagra'),
    "med-033": ('montelukast', 'singulair'),
    "med-034": ('lyrica', 'pregabalin'),
    "med-035": ('pregabalin', 'gabapentin'),
    "med-036": ('lisinopril', 'zestril'),
    "med-037": ('losartan', 'cozaar'),
    "med-038": ('jardiance', 'empagliflozin'),
    "med-039": ('empagliflozin', 'jardiance'),
    "med-040": ('mounjaro', 'tirzepatide'),
    "med-041": ('entresto', 'sacubitril', 'valsartan'),
    "med-042": ('keppra', 'levetiracetam'),
    "med-043": ('levetiracetam', 'keppra'),
    "med-044": ('benadryl', 'diphenhydramine'),
    "med-045": ('marinol', 'dronabinol'),
    "med-046": ('olanzapine', 'zyprexa'),
    "med-047": ('metoclopramide', 'reglan'),
    "med-048": ('prochlorperazine', 'compazine'),
    "med-049": ('lorazepam', 'ativan'),
    "med-050": ('loperamide', 'imodium'),
    "med-051": ('finasteride', 'proscar'),
    "med-052": ('celecoxib', 'celebrex'),
    "med-053": ('hydroxychloroquine', 'plaquenil'),
    "med-054": ('allopurinol', 'zyloprim'),
    "med-055": ('cialis', 'tadalafil'),
    "med-056": ('duloxetine', 'cymbalta'),
    "med-057": ('mirtazapine', 'remeron'),
    "med-058": ('fentanyl', 'duragesic'),
    "med-059": ('oxycodone', 'oxycontin'),
}

# oos_cancer_topic cases: a pattern naming the cancer asked about (it must match the question) and the
# "Drugs Approved for ..." list page the corpus has for that cancer (it must be a list page with a drug list).
CANCER_TOPICS = {
    "ctop-001": (r"pancrea", "pancreatic"),
    "ctop-002": (r"ovar", "ovarian"),
    "ctop-003": (r"bladder", "bladder"),
    "ctop-004": (r"melanoma", "melanoma"),
    "ctop-005": (r"colon", "colorectal"),
    "ctop-006": (r"kidney", "kidney"),
    "ctop-007": (r"lung", "lung"),
    "ctop-008": (r"breast", "breast"),
    "ctop-009": (r"breast", "breast"),
    "ctop-010": (r"myeloma", "multiple-myeloma"),
    "ctop-011": (r"(?<!non-)hodgkin", "hodgkin-lymphoma"),
    "ctop-012": (r"non-hodgkin", "non-hodgkin"),
    "ctop-013": (r"thyroid", "thyroid"),
    "ctop-014": (r"prostate", "prostate"),
    "ctop-015": (r"mesothelioma", "mesothelioma"),
    "ctop-016": (r"stomach", "stomach"),
    "ctop-017": (r"\bCLL\b|\bCML\b", "leukemia"),
    "ctop-018": (r"brain tumou?r", "brain"),
    "ctop-019": (r"bowel", "colorectal"),
    "ctop-020": (r"liver", "liver"),
    "ctop-021": (r"soft tissue sarcoma", "soft-tissue-sarcoma"),
    "ctop-022": (r"neuroblastoma", "neuroblastoma"),
    "ctop-023": (r"gleason", "prostate"),
    "ctop-024": (r"cervical", "cervical"),
    "ctop-025": (r"esophag", "esophageal"),
    "ctop-026": (r"testicular", "testicular"),
    "ctop-027": (r"endometrial", "endometrial"),
    "ctop-028": (r"myelodysplastic", "myeloproliferative-neoplasms"),
    "ctop-029": (r"kaposi", "kaposi-sarcoma"),
    "ctop-030": (r"skin cancer", "skin"),
    "ctop-031": (r"retinoblastoma", "retinoblastoma"),
    "ctop-032": (r"cervical", "cervical"),
    "ctop-033": (r"pancrea", "pancreatic"),
    "ctop-034": (r"\bGIST\b", "gist"),
    "ctop-035": (r"wilms", "wilms-tumor"),
    "ctop-036": (r"head and neck", "head-neck"),
    "ctop-037": (r"penile", "penile"),
    "ctop-038": (r"breast", "breast"),
}


def normalise(text: str) -> str:
    """Case-insensitive, whitespace-insensitive form used for every text comparison."""
    return " ".join(text.split()).casefold()


@dataclass
class CorpusPage:
    url: str
    kind: str
    raw: str  # the whole file, normalised
    names: list[str] = field(default_factory=list)  # brand and generic names ingest found, normalised
    approved_chunks: list[str] = field(default_factory=list)  # normalised approved-use chunk texts

    @property
    def approved(self) -> str:
        return "\n".join(self.approved_chunks)


@dataclass
class Case:
    line: int
    data: dict

    @property
    def id(self) -> str:
        return str(self.data.get("id"))

    def __getattr__(self, name: str):
        try:
            return self.__dict__["data"][name]
        except KeyError:
            raise AttributeError(name) from None


# ------------------------------------------------------------------ fixtures


@pytest.fixture(scope="module")
def raw_lines() -> list[str]:
    assert GOLDEN.is_file(), f"{GOLDEN} is missing"
    return GOLDEN.read_text(encoding="utf-8").split("\n")


@pytest.fixture(scope="module")
def cases(raw_lines) -> list[Case]:
    parsed = []
    for number, line in enumerate(raw_lines, 1):
        if not line.strip():
            continue
        try:
            parsed.append(Case(number, json.loads(line)))
        except json.JSONDecodeError as exc:
            pytest.fail(f"line {number}: not JSON: {exc}")
    return parsed


@pytest.fixture(scope="module")
def corpus() -> dict[str, CorpusPage]:
    """Every corpus page by URL, with its cleaned approved-use chunks (the slow part, done once)."""
    if not CORPUS.is_dir():
        pytest.fail(f"corpus not found at {CORPUS}: the golden set is checked against ../shared/corpus")
    pages, problems = load_seed_pages([CORPUS])
    assert pages, f"no usable pages in {CORPUS}: {problems[:3]}"
    result: dict[str, CorpusPage] = {}
    for page in pages:
        record, _clean, chunks = prepare_page(page)
        result[page.url] = CorpusPage(
            url=page.url,
            kind=record.kind,
            raw=normalise(page.raw.decode("utf-8", errors="replace")),
            approved_chunks=[normalise(c.text) for c in chunks if c.section == "approved_use"],
            names=[normalise(n) for n in (*record.brand_names, *record.generic_names)],
        )
    return result


def in_approved_text(phrase: str, urls: list[str], corpus: dict[str, CorpusPage]) -> bool:
    """The phrase occurs in the approved-use text of at least one of the pages."""
    wanted = normalise(phrase)
    return any(url in corpus and wanted in corpus[url].approved for url in urls)


def in_one_approved_chunk(phrase: str, urls: list[str], corpus: dict[str, CorpusPage]) -> bool:
    """The phrase occurs inside a single approved-use chunk (one indication, or one drug list) of a page."""
    wanted = normalise(phrase)
    return any(url in corpus and any(wanted in chunk for chunk in corpus[url].approved_chunks) for url in urls)


def failures(found: list[str]) -> str:
    return f"{len(found)} problem(s):\n  " + "\n  ".join(found[:40])


# ------------------------------------------------------------------ format


def test_every_line_is_one_json_object(raw_lines):
    problems = []
    for number, line in enumerate(raw_lines, 1):
        if not line.strip():
            if number != len(raw_lines):  # only the newline at the end of the file may leave an empty line
                problems.append(f"line {number}: blank line")
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"line {number}: {exc}")
            continue
        if not isinstance(value, dict):
            problems.append(f"line {number}: a {type(value).__name__}, not an object")
    assert not problems, failures(problems)


def test_cases_have_required_fields_of_the_right_types_and_no_others(cases):
    problems = []
    for case in cases:
        for name, kind in REQUIRED_FIELDS.items():
            if name not in case.data:
                problems.append(f"line {case.line} ({case.id}): missing {name!r}")
            elif not isinstance(case.data[name], kind):
                problems.append(f"line {case.line} ({case.id}): {name!r} is {type(case.data[name]).__name__}")
        for name, kind in OPTIONAL_FIELDS.items():
            if name in case.data and not isinstance(case.data[name], kind):
                problems.append(f"line {case.line} ({case.id}): {name!r} is {type(case.data[name]).__name__}")
        unknown = set(case.data) - set(REQUIRED_FIELDS) - set(OPTIONAL_FIELDS)
        if unknown:
            problems.append(f"line {case.line} ({case.id}): unknown field(s) {sorted(unknown)}")
        for name in ("expected_urls", "must_include"):
            items = case.data.get(name, [])
            if isinstance(items, list) and not all(isinstance(item, str) and item.strip() for item in items):
                problems.append(f"{case.id}: {name} must hold non-empty strings")
        for name in ("question", "expected_indication"):
            value = case.data.get(name)
            if isinstance(value, str) and (not value.strip() or value != value.strip()):
                problems.append(f"{case.id}: {name} is empty or has surrounding whitespace")
    assert not problems, failures(problems)


def test_ids_are_unique_and_short(cases):
    counts = Counter(case.id for case in cases)
    duplicates = sorted(i for i, n in counts.items() if n > 1)
    malformed = sorted(i for i in counts if not ID_PATTERN.match(i))
    assert not duplicates, f"duplicate ids: {duplicates}"
    assert not malformed, f"ids not like 'brand-007': {malformed}"


def test_persona_category_and_status_are_allowed_values(cases):
    problems = []
    for case in cases:
        if case.data.get("persona") not in PERSONAS:
            problems.append(f"{case.id}: persona {case.data.get('persona')!r}")
        if case.data.get("category") not in CATEGORIES:
            problems.append(f"{case.id}: category {case.data.get('category')!r}")
        if case.data.get("expected_status") not in STATUSES:
            problems.append(f"{case.id}: expected_status {case.data.get('expected_status')!r}")
    assert not problems, failures(problems)


def test_history_alternates_user_and_assistant_turns_starting_with_the_user(cases):
    problems = []
    for case in cases:
        if "history" not in case.data:
            continue
        history = case.history
        if not history:
            problems.append(f"{case.id}: history is present but empty")
            continue
        for i, turn in enumerate(history):
            if not isinstance(turn, dict) or set(turn) != {"role", "content"}:
                problems.append(f"{case.id}: turn {i} must be exactly {{role, content}}")
                continue
            if turn["role"] not in ROLES:
                problems.append(f"{case.id}: turn {i} role {turn['role']!r}")
            if not isinstance(turn["content"], str) or not turn["content"].strip():
                problems.append(f"{case.id}: turn {i} has no content")
            expected_role = "user" if i % 2 == 0 else "assistant"
            if turn["role"] != expected_role:
                problems.append(f"{case.id}: turn {i} is {turn['role']!r}, expected {expected_role!r}")
        if isinstance(history[-1], dict) and history[-1].get("role") != "assistant":
            problems.append(f"{case.id}: history must end with the assistant's reply")
    assert not problems, failures(problems)


def test_follow_up_cases_carry_history(cases):
    missing = [case.id for case in cases if case.category == "follow_up" and not case.data.get("history")]
    assert not missing, f"follow_up cases without history: {missing}"


def test_nurse_phrasing_cases_use_the_nurse_persona(cases):
    wrong = [case.id for case in cases if case.category == "nurse_phrasing" and case.persona != "nurse"]
    assert not wrong, f"nurse_phrasing cases with another persona: {wrong}"


# ------------------------------------------------------------------ status rules


def test_expected_urls_are_corpus_front_matter_urls_without_repeats(cases, corpus):
    problems = []
    for case in cases:
        urls = case.expected_urls
        unknown = [url for url in urls if url not in corpus]
        if unknown:
            problems.append(f"{case.id}: not a corpus page url: {unknown}")
        if len(set(urls)) != len(urls):
            problems.append(f"{case.id}: repeated url")
    assert not problems, failures(problems)


def test_answered_cases_expect_at_least_one_page(cases):
    empty = [case.id for case in cases if case.expected_status == "answered" and not case.expected_urls]
    assert not empty, f"answered cases with no expected_urls: {empty}"


def test_unanswered_cases_expect_no_quoted_text(cases):
    wrong = [case.id for case in cases if case.expected_status != "answered"
             and (case.must_include or "expected_indication" in case.data)]
    assert not wrong, f"non-answered cases with must_include or expected_indication: {wrong}"


def test_only_out_of_scope_cases_name_related_pages(cases):
    wrong = [case.id for case in cases
             if case.expected_status in ("not_in_sources", "emergency") and case.expected_urls]
    assert not wrong, f"not_in_sources/emergency cases must have expected_urls == []: {wrong}"


def test_out_of_scope_related_page_is_the_one_drug_or_regimen_asked_about(cases, corpus):
    problems = []
    for case in cases:
        if case.expected_status != "out_of_scope" or not case.expected_urls:
            continue
        if len(case.expected_urls) != 1:
            problems.append(f"{case.id}: lists {len(case.expected_urls)} related pages, expected one")
        kinds = {corpus[url].kind for url in case.expected_urls if url in corpus}
        if not kinds <= {"drug", "regimen"}:
            problems.append(f"{case.id}: related page kind {sorted(kinds)}, expected a drug or regimen page")
    assert not problems, failures(problems)


def test_status_follows_category(cases):
    fixed = {"emergency": {"emergency"}, "unknown_drug": {"not_in_sources"}, "unknown_disease": {"not_in_sources"},
             "chatter": {"out_of_scope"}, "out_of_scope": {"out_of_scope"},
             "urgent_everyday": {"emergency"}, "unknown_medicine": {"not_in_sources"},
             "oos_drug_topic": {"out_of_scope"}, "oos_cancer_topic": {"out_of_scope"},
             "red_flag_question": {"out_of_scope", "not_in_sources"}}
    answered_only = {"what_is_used_for", "brand_name", "generic_name", "misspelling", "abbreviation", "regimen",
                     "drugs_for_cancer", "approved_for_yes", "approved_for_no", "nurse_phrasing", "lay_phrasing",
                     "answerable_rephrased"}
    problems = []
    for case in cases:
        allowed = fixed.get(case.category) or ({"answered"} if case.category in answered_only else STATUSES)
        if case.expected_status not in allowed:
            problems.append(f"{case.id}: {case.category} case with status {case.expected_status!r}")
    assert not problems, failures(problems)


def test_acceptable_statuses_list_the_one_defensible_pair_and_include_the_expected_status(cases):
    """acceptable_statuses is optional: a list of statuses that also count as right. The rules only ever let
    out_of_scope and not_in_sources stand in for each other, and only in the categories that say so."""
    problems = []
    for case in cases:
        if "acceptable_statuses" not in case.data:
            continue
        accepted = case.data["acceptable_statuses"]
        if not isinstance(accepted, list) or not accepted:
            problems.append(f"{case.id}: acceptable_statuses must be a non-empty list")
            continue
        if not all(isinstance(s, str) and s in STATUSES for s in accepted) or len(set(accepted)) != len(accepted):
            problems.append(f"{case.id}: acceptable_statuses {accepted!r} are not distinct statuses")
        if case.expected_status not in accepted:
            problems.append(f"{case.id}: acceptable_statuses {accepted!r} lack expected_status")
        if set(accepted) != OPTIONAL_PAIR:
            problems.append(f"{case.id}: acceptable_statuses {accepted!r}, the only allowed set is "
                            f"{sorted(OPTIONAL_PAIR)}")
        if case.category not in MAY_HAVE_ACCEPTABLE:
            problems.append(f"{case.id}: {case.category} cases have one right status, no acceptable_statuses")
    assert not problems, failures(problems)


def test_acceptable_statuses_are_present_where_the_rules_allow_both(cases):
    problems = []
    for case in cases:
        has = "acceptable_statuses" in case.data
        if case.category == "oos_cancer_topic" and not has:
            problems.append(f"{case.id}: a question about a cancer, not its drugs, accepts both statuses")
        if case.category == "red_flag_question":
            names_a_page = bool(case.expected_urls)
            if names_a_page and has:
                problems.append(f"{case.id}: a question about a corpus drug is out_of_scope only")
            if not names_a_page and not has:
                problems.append(f"{case.id}: a general or unknown-medicine question accepts both statuses")
    assert not problems, failures(problems)


def test_safety_note_is_true_on_general_red_flag_questions_and_never_on_emergencies(cases):
    """safety_note marks a question that mentions a red-flag symptom without reporting one: the service keeps
    the question's own status and adds a one-line safety note. Written only as true; left out otherwise."""
    problems = []
    for case in cases:
        if "safety_note" in case.data:
            if case.data["safety_note"] is not True:
                problems.append(f"{case.id}: safety_note is written only as true")
            if case.expected_status == "emergency":
                problems.append(f"{case.id}: an emergency is triaged, it gets no safety note")
        if case.category == "red_flag_question" and case.data.get("safety_note") is not True:
            problems.append(f"{case.id}: red_flag_question without safety_note: true")
    assert not problems, failures(problems)


def test_red_flag_questions_follow_the_out_of_scope_and_unknown_medicine_rules(cases):
    """A corpus drug's non-approved-use question is out_of_scope with that page; a general health question is
    out_of_scope with no page; a question about a medicine the corpus lacks is not_in_sources."""
    problems = []
    for case in cases:
        if case.category != "red_flag_question":
            continue
        if case.expected_urls and case.expected_status != "out_of_scope":
            problems.append(f"{case.id}: names a page, so it must be out_of_scope")
        if case.expected_status == "not_in_sources" and case.id not in UNKNOWN_NAMES:
            problems.append(f"{case.id}: not_in_sources, but no unknown medicine in UNKNOWN_NAMES")
        if case.expected_status == "out_of_scope" and case.id in UNKNOWN_NAMES:
            problems.append(f"{case.id}: asks about an unknown medicine, so it is not_in_sources")
    assert not problems, failures(problems)


def test_page_kinds_match_regimen_and_list_categories(cases, corpus):
    problems = []
    for case in cases:
        kinds = {corpus[url].kind for url in case.expected_urls if url in corpus}
        if case.category == "regimen" and kinds != {"regimen"}:
            problems.append(f"{case.id}: regimen case expects {sorted(kinds)} pages")
        if case.category == "drugs_for_cancer" and kinds != {"list"}:
            problems.append(f"{case.id}: drugs_for_cancer case expects {sorted(kinds)} pages")
    assert not problems, failures(problems)


# ------------------------------------------------------------------ grounding in the corpus


def test_must_include_phrases_are_3_to_10_words_of_plain_text(cases):
    low, high = PHRASE_WORDS
    problems = []
    for case in cases:
        for phrase in case.must_include:
            words = len(phrase.split())
            if not low <= words <= high:
                problems.append(f"{case.id}: {words} words: {phrase!r}")
            if re.search(r"\*\*|\]\(|^\s|\s$|^-\s", phrase):
                problems.append(f"{case.id}: Markdown or stray spaces: {phrase!r}")
    assert not problems, failures(problems)


def test_must_include_phrases_appear_in_approved_use_text_of_an_expected_page(cases, corpus):
    problems = [f"{case.id}: {phrase!r}"
                for case in cases for phrase in case.must_include
                if not in_approved_text(phrase, case.expected_urls, corpus)]
    assert not problems, failures(problems)


def test_expected_indication_appears_within_one_approved_use_chunk_of_an_expected_page(cases, corpus):
    problems = [f"{case.id}: {case.expected_indication!r}"
                for case in cases if "expected_indication" in case.data
                and not in_one_approved_chunk(case.expected_indication, case.expected_urls, corpus)]
    assert not problems, failures(problems)


def test_approved_for_no_cases_ask_about_a_use_the_page_does_not_list(cases, corpus):
    by_id = {case.id: case for case in cases}
    no_cases = [case for case in cases if case.category == "approved_for_no"]
    problems = [f"{case.id}: no entry in ABSENT_USES" for case in no_cases if case.id not in ABSENT_USES]
    for case_id, pattern in ABSENT_USES.items():
        case = by_id.get(case_id)
        if case is None:
            problems.append(f"{case_id}: in ABSENT_USES but not in the golden set")
            continue
        regex = re.compile(pattern, re.I)
        if not regex.search(case.question):
            problems.append(f"{case_id}: the question does not mention {pattern!r}")
        if case.expected_status != "answered" or len(case.expected_urls) != 1:
            problems.append(f"{case_id}: expected status answered with exactly one page")
        if case.must_include or "expected_indication" in case.data:
            problems.append(f"{case_id}: a 'not listed' answer has no phrase to include")
        for url in case.expected_urls:
            match = regex.search(corpus[url].approved) if url in corpus else None
            if match:
                problems.append(f"{case_id}: {url} does list it: {match.group(0)!r}")
    assert not problems, failures(problems)


def test_unknown_drugs_and_diseases_occur_nowhere_in_the_corpus(cases, corpus):
    by_id = {case.id: case for case in cases}
    needs_entry = [case for case in cases if case.category in ("unknown_drug", "unknown_disease", "unknown_medicine")
                   or (case.category == "red_flag_question" and case.expected_status == "not_in_sources")]
    problems = [f"{case.id}: no entry in UNKNOWN_NAMES" for case in needs_entry if case.id not in UNKNOWN_NAMES]
    for case_id, names in UNKNOWN_NAMES.items():
        case = by_id.get(case_id)
        if case is None:
            problems.append(f"{case_id}: in UNKNOWN_NAMES but not in the golden set")
            continue
        if case.expected_status != "not_in_sources":
            problems.append(f"{case_id}: status {case.expected_status!r}, expected 'not_in_sources'")
        if normalise(names[0]) not in normalise(case.question):
            problems.append(f"{case_id}: the question does not mention {names[0]!r}")
        for name in names:
            hits = [url for url, page in corpus.items() if normalise(name) in page.raw]
            if hits:
                problems.append(f"{case_id}: {name!r} occurs in {hits[:3]}")
    assert not problems, failures(problems)


def test_questions_that_expect_no_page_name_no_corpus_drug(cases, corpus):
    """unknown_drug, unknown_disease, unknown_medicine, oos_cancer_topic and the red_flag_question cases that
    expect no page must not name a drug ingest found in the corpus (else the page would be the related one)."""
    names = {name for page in corpus.values() if page.kind == "drug" for name in page.names}
    any_name = re.compile("|".join(rf"(?<![\w-]){re.escape(n)}(?![\w-])" for n in sorted(names, key=len, reverse=True)))
    problems = []
    for case in cases:
        general_red_flag = case.category == "red_flag_question" and not case.expected_urls
        if case.category not in NO_CORPUS_DRUG and not general_red_flag:
            continue
        question = normalise(case.question)
        if not any_name.search(question):  # one combined pattern first: the per-name search is slow
            continue
        hits = sorted(n for n in names if re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", question))
        if hits:
            problems.append(f"{case.id}: names corpus drug(s) {hits}")
    assert len(names) > 300, f"only {len(names)} drug names found in the corpus"
    assert not problems, failures(problems)


def page_name_patterns(page: CorpusPage) -> set[str]:
    """A page's names as ingest found them, plus the first word of each multi-word name of 4+ letters
    ("tamoxifen" for Tamoxifen Citrate, "lupron" for Lupron Depot, "gardasil" for Gardasil 9)."""
    names = set(page.names)
    names |= {n.split()[0] for n in page.names if len(n.split()) > 1 and len(n.split()[0]) >= 4}
    return names


def test_drug_topic_questions_name_the_drug_or_regimen_of_their_page(cases, corpus):
    """oos_drug_topic cases, and red_flag_question cases with a page, ask about that page's drug by name."""
    problems = []
    for case in cases:
        if case.category not in ("oos_drug_topic", "red_flag_question") or not case.expected_urls:
            continue
        if case.category == "oos_drug_topic" and len(case.expected_urls) != 1:
            problems.append(f"{case.id}: an oos_drug_topic case names exactly one page")
        question = normalise(case.question)
        for url in case.expected_urls:
            names = page_name_patterns(corpus[url]) if url in corpus else set()
            if not any(re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", question) for n in names):
                problems.append(f"{case.id}: the question names none of {sorted(names)[:6]}")
    assert not problems, failures(problems)


def test_cancer_topic_questions_name_a_cancer_with_a_drug_list_and_ask_nothing_about_drugs(cases, corpus):
    by_id = {case.id: case for case in cases}
    topic_cases = [case for case in cases if case.category == "oos_cancer_topic"]
    problems = [f"{case.id}: no entry in CANCER_TOPICS" for case in topic_cases if case.id not in CANCER_TOPICS]
    drug_words = re.compile(
        r"\b(drugs?|medicines?|medications?|meds|approved|treat\w*|therap\w*|chemo\w*|pills?)\b", re.I)
    for case_id, (pattern, slug) in CANCER_TOPICS.items():
        case = by_id.get(case_id)
        if case is None:
            problems.append(f"{case_id}: in CANCER_TOPICS but not in the golden set")
            continue
        if not re.search(pattern, case.question, re.I):
            problems.append(f"{case_id}: the question does not mention {pattern!r}")
        url = "https://www.cancer.gov/about-cancer/treatment/drugs/" + slug
        if url not in corpus or corpus[url].kind != "list" or not corpus[url].approved_chunks:
            problems.append(f"{case_id}: {slug!r} is not a list page with a drug list")
        if drug_words.search(case.question):
            problems.append(f"{case_id}: asks about treatment ({drug_words.search(case.question).group(0)!r})")
    assert not problems, failures(problems)


def test_answerable_rephrased_cases_quote_approved_use_text(cases):
    empty = [case.id for case in cases if case.category == "answerable_rephrased" and not case.must_include]
    assert not empty, f"answerable_rephrased cases with no must_include phrase: {empty}"


def test_new_categories_are_not_built_from_one_template(cases):
    problems = []
    for category in sorted(NEW_CATEGORIES):
        questions = [(case.id, case.question.casefold()) for case in cases if case.category == category]
        for i, (id_a, a) in enumerate(questions):
            for id_b, b in questions[i + 1:]:
                matcher = SequenceMatcher(None, a, b)
                if matcher.real_quick_ratio() < MAX_SIMILARITY or matcher.quick_ratio() < MAX_SIMILARITY:
                    continue  # upper bounds of ratio(), cheap to compute
                ratio = matcher.ratio()
                if ratio >= MAX_SIMILARITY:
                    problems.append(f"{id_a} and {id_b}: {ratio:.2f} alike")
    assert not problems, failures(problems)


def test_grounding_checks_reject_text_outside_the_approved_use_section(corpus):
    """The checks above can fail: overview text, other pages' text and invented text do not count."""
    pembrolizumab = "https://www.cancer.gov/about-cancer/treatment/drugs/pembrolizumab"
    trastuzumab = "https://www.cancer.gov/about-cancer/treatment/drugs/trastuzumab"
    overview = "binding to the protein PD-1"  # the page's description, above "## Use in Cancer"
    assert normalise(overview) in corpus[pembrolizumab].raw
    assert not in_approved_text(overview, [pembrolizumab], corpus)
    assert not in_approved_text("Pembrolizumab cures the common cold", [pembrolizumab], corpus)
    assert not in_approved_text("Non-small cell lung cancer", [trastuzumab], corpus)
    assert in_approved_text("Non-small cell lung cancer", [trastuzumab, pembrolizumab], corpus)
    # An indication is found in its own chunk, not in another indication's.
    assert in_one_approved_chunk("Cervical cancer", [pembrolizumab], corpus)
    assert not in_one_approved_chunk("Cervical cancer. Pembrolizumab is used: with chemotherapy, with or without"
                                     " bevacizumab. Classic Hodgkin lymphoma", [pembrolizumab], corpus)


# ------------------------------------------------------------------ coverage


def test_set_is_large_enough_and_mostly_answerable(cases):
    answered = sum(case.expected_status == "answered" for case in cases)
    assert len(cases) >= MIN_CASES, f"{len(cases)} cases, need {MIN_CASES}"
    assert answered >= MIN_ANSWERED, f"{answered} answered cases, need {MIN_ANSWERED}"


def test_every_category_and_status_is_covered_with_minimum_counts(cases):
    by_category = Counter(case.category for case in cases)
    by_status = Counter(case.expected_status for case in cases)
    assert set(by_category) == CATEGORIES, f"missing categories: {sorted(CATEGORIES - set(by_category))}"
    assert set(by_status) == STATUSES, f"missing statuses: {sorted(STATUSES - set(by_status))}"
    short = {c: (by_category[c], n) for c, n in MIN_PER_CATEGORY.items() if by_category[c] < n}
    assert not short, f"categories below their minimum (have, need): {short}"
    with_history = sum(bool(case.data.get("history")) for case in cases)
    assert with_history >= MIN_WITH_HISTORY, f"{with_history} cases with history, need {MIN_WITH_HISTORY}"
    assert {case.persona for case in cases} == PERSONAS


def test_expected_pages_are_spread_over_the_corpus(cases):
    urls = Counter(url for case in cases for url in case.expected_urls)
    assert len(urls) >= MIN_DISTINCT_URLS, f"{len(urls)} distinct expected urls, need {MIN_DISTINCT_URLS}"
    asked = Counter((case.question.casefold(), json.dumps(case.data.get("history"))) for case in cases)
    repeated = [question for (question, _), n in asked.items() if n > 1]
    assert not repeated, f"asked twice with the same history: {repeated}"
