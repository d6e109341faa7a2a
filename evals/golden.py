"""The eval sets: cases in the golden format (GOLDEN.md), and the fast subsets CI gates on.

- `golden.jsonl`: the project's golden set, written from the corpus pages.
- `realistic.jsonl`: 1,560 messages in the styles of real senders (consumer medicine questions, a cancer chatbot's
  test suite, consumer-health messages, forums, a nurse line, a pharmacy, a portal chat, e-mail, text messages,
  search boxes, clinicians, voice transcripts, second-language English), written in five rounds by writers who
  saw no other set; each round was first
  scored unseen, then used to find what failed (see evals/GOLDEN.md).
- `../shared/devsets/medquad.jsonl`: a labelled dev set built from MedQuAD (Ben Abacha and Demner-Fushman,
  BMC Bioinformatics 2019, CC BY 4.0): template-shaped questions about drugs and cancers, most of which
  approved-use text cannot answer. Its cases list `acceptable_statuses`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

GOLDEN_FILE = Path(__file__).with_name("golden.jsonl")
REALISTIC_FILE = Path(__file__).with_name("realistic.jsonl")
MEDQUAD_FILE = Path(__file__).resolve().parents[2] / "shared" / "devsets" / "medquad.jsonl"
FAST_PER_CATEGORY = 4


@dataclass
class Case:
    id: str
    question: str
    persona: str
    category: str
    expected_status: str
    expected_urls: list[str]
    must_include: list[str]
    history: list[dict] = field(default_factory=list)
    expected_indication: str | None = None
    acceptable_statuses: list[str] | None = None  # when more than one status is right
    safety_note: bool | None = None  # a general question naming a red-flag symptom: the reply carries the note

    def accepts(self, status: str) -> bool:
        return status in (self.acceptable_statuses or [self.expected_status])

    @property
    def answerable(self) -> bool:
        return self.accepts("answered")


def load_cases(path: Path = GOLDEN_FILE) -> list[Case]:
    cases = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                row = json.loads(line)
                cases.append(Case(**{k: v for k, v in row.items() if k in Case.__dataclass_fields__}))
    return cases


def select(cases: list[Case], categories: list[str] | None = None, subset: str | None = None) -> list[Case]:
    """Cases of the given categories; `fast` keeps the first few of each category, in file order."""
    chosen = [c for c in cases if not categories or c.category in categories]
    if subset == "fast":
        seen: dict[str, int] = {}
        fast = []
        for case in chosen:
            seen[case.category] = seen.get(case.category, 0) + 1
            if seen[case.category] <= FAST_PER_CATEGORY:
                fast.append(case)
        chosen = fast
    return chosen
