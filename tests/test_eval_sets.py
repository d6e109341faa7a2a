"""The realistic eval set (evals/realistic.jsonl) is well formed and points only at corpus pages."""

from __future__ import annotations

import frontmatter

from evals.golden import REALISTIC_FILE, load_cases
from evals.metrics import STATUSES


def test_realistic_cases_are_well_formed(corpus_dir):
    cases = load_cases(REALISTIC_FILE)
    urls = {frontmatter.load(path).metadata["url"] for path in corpus_dir.glob("*.md")}
    assert len(cases) == len({case.id for case in cases}) >= 900
    for case in cases:
        assert case.acceptable_statuses and set(case.acceptable_statuses) <= set(STATUSES), case.id
        assert case.expected_status == case.acceptable_statuses[0], case.id
        assert set(case.expected_urls) <= urls, case.id
        if "answered" in case.acceptable_statuses:
            assert case.expected_urls, case.id  # the pages an answer may cite
        if set(case.acceptable_statuses) <= {"not_in_sources", "emergency"}:
            assert not case.expected_urls, case.id
        assert not case.safety_note or "emergency" not in case.acceptable_statuses, case.id
