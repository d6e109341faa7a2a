"""Evaluation metrics as pure functions: deterministic, no model in the loop.

Retrieval: hit@k, recall@k and MRR@k over ranked lists (Manning, Raghavan & Schütze 2008, ch. 8).
Citations and grounding follow ALCE (Gao et al., 2023, "Enabling Large Language Models to Generate Text
with Citations"): citation precision/recall, and per-sentence support, here by exact containment of the
sentence in a cited passage, since answers are extractive.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

STATUSES = ("answered", "not_in_sources", "out_of_scope", "emergency")
MARKER = re.compile(r"\s*\[(\d+)\]")


# -- retrieval -----------------------------------------------------------------------------------------

def first_relevant_rank(relevant: list[bool], k: int) -> int | None:
    """1-based rank of the first relevant item within the top k, or None."""
    for rank, is_relevant in enumerate(relevant[:k], start=1):
        if is_relevant:
            return rank
    return None


def hit_at_k(relevant: list[bool], k: int) -> float:
    return 1.0 if first_relevant_rank(relevant, k) is not None else 0.0


def recall_at_k(relevant: list[bool], k: int) -> float:
    """Whether any relevant item is in the top k: each case has one target (a page, or an indication)."""
    return hit_at_k(relevant, k)


def reciprocal_rank(relevant: list[bool], k: int) -> float:
    rank = first_relevant_rank(relevant, k)
    return 1.0 / rank if rank else 0.0


def mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def percentile(values: list[float], q: float) -> float | None:
    """Nearest-rank percentile (q in 0..100)."""
    if not values:
        return None
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, int(-(-q * len(ordered) // 100)) - 1))
    return ordered[index]


# -- answers -------------------------------------------------------------------------------------------

@dataclass
class SupportCheck:
    supported: int = 0
    unsupported: list[str] = field(default_factory=list)  # fact lines not contained in a cited chunk
    uncited: list[str] = field(default_factory=list)  # lines that are neither cited nor a known template
    dangling: list[int] = field(default_factory=list)  # markers with no citation
    unused: list[int] = field(default_factory=list)  # citations no marker points to

    @property
    def ok(self) -> bool:
        return not (self.unsupported or self.uncited or self.dangling or self.unused)


def claim_of(line: str) -> tuple[str, list[int]]:
    """An answer line without its markers and bullet, and the citation numbers it carries."""
    numbers = [int(n) for n in MARKER.findall(line)]
    text = MARKER.sub("", line).strip()
    return (text[2:] if text.startswith("- ") else text), numbers


def sentence_support(answer: str, citations: list[dict], chunk_text: dict[str, str],
                     templates: list[re.Pattern]) -> SupportCheck:
    """Every line that states a fact carries a marker and is contained in the text of a chunk it cites.

    `chunk_text` maps chunk ids to approved-use chunk text (other sections are left out on purpose, so a
    quote from a side-effects section cannot count as support). Lines without markers must be one of the
    service's fixed templates.
    """
    by_n = {c["n"]: c for c in citations}
    check = SupportCheck()
    used: set[int] = set()
    for line in answer.split("\n"):
        if not line.strip():
            continue
        claim, numbers = claim_of(line)
        if not numbers:
            if not any(template.fullmatch(line.strip()) for template in templates):
                check.uncited.append(line)
            continue
        used.update(numbers)
        missing = [n for n in numbers if n not in by_n]
        check.dangling.extend(missing)
        texts = [chunk_text.get(by_n[n]["chunk_id"], "") for n in numbers if n in by_n]
        if claim and any(claim in text for text in texts):
            check.supported += 1
        else:
            check.unsupported.append(line)
    check.unused = sorted(set(by_n) - used)
    return check


def numbering_ok(answer: str, citations: list[dict]) -> bool:
    """Citations are 1..n in order of first use, and every marker has its citation and vice versa."""
    first_use = list(dict.fromkeys(int(n) for n in MARKER.findall(answer)))
    return first_use == list(range(1, len(citations) + 1)) and [c["n"] for c in citations] == first_use


def quote_exact(citation: dict, approved_text: dict[str, list[str]]) -> bool:
    """The quote is a verbatim substring of the cited page's cleaned approved-use text."""
    return any(citation["quote"] in text for text in approved_text.get(citation["url"], []))


def review_overdue(last_reviewed: str, frequency: str | None, today: dt.date) -> bool:
    """Written out again on purpose rather than imported from the service: the oracle must not share the code
    it checks."""
    days = {"weekly": 7, "monthly": 31, "quarterly": 92, "semiannually": 183, "annually": 366,
            "yearly": 366}.get((frequency or "").lower())
    return days is not None and (today - dt.date.fromisoformat(last_reviewed)).days > days


def must_include_hits(answer: str, phrases: list[str]) -> tuple[int, int]:
    text = " ".join(answer.lower().split())
    found = sum(1 for phrase in phrases if " ".join(phrase.lower().split()) in text)
    return found, len(phrases)


def confusion_matrix(pairs: list[tuple[str, str]]) -> dict[str, dict[str, int]]:
    """expected status -> got status -> count."""
    counts = Counter(pairs)
    return {expected: {got: counts[(expected, got)] for got in STATUSES} for expected in STATUSES}


def abstention_scores(pairs: list[tuple[str, str]]) -> tuple[float | None, float | None]:
    """Abstaining = not answering from the pages (any status but `answered`): precision and recall."""
    abstained = [(e, g) for e, g in pairs if g != "answered"]
    should = [(e, g) for e, g in pairs if e != "answered"]
    precision = mean([1.0 if e != "answered" else 0.0 for e, _ in abstained])
    recall = mean([1.0 if g != "answered" else 0.0 for _, g in should])
    return precision, recall


def status_recall(pairs: list[tuple[str, str]], status: str) -> float | None:
    return mean([1.0 if g == status else 0.0 for e, g in pairs if e == status])
