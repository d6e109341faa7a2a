"""Run the eval sets through each pipeline, score them, and write a JSON report and a Markdown table.

Two sets side by side: the project's golden set and the MedQuAD dev set (see evals/golden.py). A case's
status is right when it is one of the case's acceptable statuses (just `expected_status` unless it lists
more).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import re
import time
import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path

from evals import metrics
from evals.golden import Case
from evals.truth import Truth
from ingest.artifact import Section
from retrieval import Filters, Retriever
from service import answer as templates_module

THRESHOLDS_FILE = Path(__file__).with_name("thresholds.toml")
REPORTS_DIR = Path(__file__).with_name("reports")
RETRIEVAL_K = 10


def template_patterns() -> list[re.Pattern]:
    """The service's fixed sentences, with their {placeholders} as wildcards."""
    patterns = []
    for name in dir(templates_module):
        value = getattr(templates_module, name)
        if name.isupper() and isinstance(value, str) and len(value) > 30:
            parts = re.split(r"\{[a-z_]+\}", value)
            patterns.append(re.compile(".+?".join(re.escape(part) for part in parts)))
    return patterns


@dataclass
class CaseResult:
    id: str
    category: str
    question: str
    expected_status: str
    expected_urls: list[str]
    status: str
    cited_urls: list[str]
    answer: str
    ms: float
    problems: list[str] = field(default_factory=list)


def new_tally() -> dict:
    """Empty counts for `score_case` to add to: a list per measure, a dict of lists per category."""
    tally: dict = {key: [] for key in ("pairs", "status_ok", "unanswerable_answered", "false_emergency", "safety_note",
                                       "answered_from_expected", "citation_url", "citation_recall", "quote_exact",
                                       "last_reviewed", "review_overdue", "support_lines", "support_ok", "numbering",
                                       "must_include")}
    tally["by_category"], tally["expected_by_category"] = {}, {}
    return tally


def score_case(case: Case, response: dict, truth: Truth, patterns: list[re.Pattern], today: dt.date,
               tally: dict) -> list[str]:
    """Add this case's counts to `tally`; return what is wrong with it, in words."""
    problems: list[str] = []
    status = response.get("status")
    citations = response.get("citations", [])
    text = response.get("answer", "")
    tally["pairs"].append((case.expected_status, status))
    tally["status_ok"].append(case.accepts(status))
    tally["by_category"].setdefault(case.category, []).append(case.accepts(status))
    if not case.accepts(status):
        problems.append(f"status {status}, expected {'/'.join(case.acceptable_statuses or [case.expected_status])}")
    if not case.answerable:
        tally["unanswerable_answered"].append(status == "answered")
    if not case.accepts("emergency"):
        tally["false_emergency"].append(status == "emergency")
    if case.safety_note:
        noted = bool(response.get("safety_note"))
        tally["safety_note"].append(noted)
        if not noted:
            problems.append("no safety note")
    if case.expected_status == "answered" and case.expected_urls:
        from_expected = status == "answered" and any(c["url"] in case.expected_urls for c in citations)
        tally["answered_from_expected"].append(from_expected)
        tally["expected_by_category"].setdefault(case.category, []).append(from_expected)
    if case.expected_urls and status == "answered":
        for citation in citations:
            right = citation["url"] in case.expected_urls
            tally["citation_url"].append(right)
            if not right:
                problems.append(f"cites {citation['url']}")
    if case.expected_status == "answered" and case.expected_urls and (status == "answered" or not case.accepts(status)):
        cited_expected = any(c["url"] in case.expected_urls for c in citations)
        tally["citation_recall"].append(cited_expected)
        if not cited_expected:
            problems.append("no citation of an expected page")
    if not case.answerable and citations:
        problems.append("citations on a response that should not answer")
    for citation in citations:
        exact = metrics.quote_exact(citation, truth.approved_text)
        tally["quote_exact"].append(exact)
        if not exact:
            problems.append(f"quote not in approved-use text: {citation['quote'][:50]!r}")
        expected_date = truth.last_reviewed.get(citation["url"])
        tally["last_reviewed"].append(citation["last_reviewed"] == expected_date)
        if expected_date is not None:
            overdue = metrics.review_overdue(expected_date, truth.review_frequency.get(citation["url"]), today)
            tally["review_overdue"].append(citation["review_overdue"] == overdue)
    if status == "answered":
        check = metrics.sentence_support(text, citations, truth.chunk_text, patterns)
        tally["support_lines"].append((check.supported, check.supported + len(check.unsupported) + len(check.uncited)))
        tally["support_ok"].append(check.ok)
        tally["numbering"].append(metrics.numbering_ok(text, citations))
        if not check.ok:
            problems.append(f"unsupported lines {check.unsupported[:1] + check.uncited[:1]}, "
                            f"dangling {check.dangling}, unused {check.unused}")
    if case.must_include:
        found, total = metrics.must_include_hits(text, case.must_include)
        tally["must_include"].append((found, total))
        if found < total:
            problems.append(f"must_include found {found}/{total}")
    return problems


def summarise(tally: dict, latencies: list[float]) -> dict:
    pairs = tally["pairs"]
    precision, recall = metrics.abstention_scores(pairs)
    rate = lambda values: metrics.mean([1.0 if v else 0.0 for v in values])  # noqa: E731
    lines_supported = sum(s for s, _ in tally["support_lines"])
    lines_total = sum(t for _, t in tally["support_lines"])
    found = sum(f for f, _ in tally["must_include"])
    wanted = sum(t for _, t in tally["must_include"])
    return {
        "cases": len(pairs),
        "status_accuracy": rate(tally["status_ok"]),
        "unanswerable_answered": rate(tally["unanswerable_answered"]),
        "false_emergency": rate(tally["false_emergency"]),
        "safety_note_recall": rate(tally["safety_note"]),
        "answered_from_expected_page": rate(tally["answered_from_expected"]),
        "citation_precision": rate(tally["citation_url"]),
        "citation_recall": rate(tally["citation_recall"]),
        "quote_exactness": rate(tally["quote_exact"]),
        "sentence_support": lines_supported / lines_total if lines_total else None,
        "answers_fully_supported": rate(tally["support_ok"]),
        "citation_numbering_ok": rate(tally["numbering"]),
        "last_reviewed_correct": rate(tally["last_reviewed"]),
        "review_overdue_correct": rate(tally["review_overdue"]),
        "abstention_precision": precision,
        "abstention_recall": recall,
        "emergency_recall": metrics.status_recall(pairs, "emergency"),
        "must_include_rate": found / wanted if wanted else None,
        "latency_p50_ms": metrics.percentile(latencies, 50),
        "latency_p95_ms": metrics.percentile(latencies, 95),
        "confusion": metrics.confusion_matrix(pairs),
        "by_category": {category: {"cases": len(oks), "accuracy": rate(oks),
                                   "answered_from_expected_page": rate(tally["expected_by_category"].get(category, []))}
                        for category, oks in sorted(tally["by_category"].items())},
    }


def score_pipeline(pipeline, cases: list[Case], truth: Truth, today: dt.date) -> tuple[dict, list[CaseResult]]:
    patterns = template_patterns()
    tally = new_tally()
    latencies: list[float] = []
    results: list[CaseResult] = []
    for case in cases:
        started = time.perf_counter()
        response = pipeline.ask(case)
        ms = (time.perf_counter() - started) * 1000
        latencies.append(ms)
        problems = score_case(case, response, truth, patterns, today, tally)
        results.append(CaseResult(case.id, case.category, case.question, case.expected_status, case.expected_urls,
                                  response.get("status", "?"), [c["url"] for c in response.get("citations", [])],
                                  response.get("answer", ""), round(ms, 2), problems))
    return summarise(tally, latencies), results


def retrieval_scores(retriever: Retriever, cases: list[Case]) -> dict[str, dict]:
    """hit@1, recall@5 and MRR@10 by page and by indication, for dense, BM25 and the hybrid, on the same cases."""
    usable = [c for c in cases if c.expected_status == "answered" and c.expected_urls and not c.history]
    filters = Filters(sections=(Section.APPROVED_USE,))
    table: dict[str, dict] = {}
    for mode in ("dense", "lexical", "hybrid"):
        page_relevance, indication_relevance = [], []
        for case in usable:
            hits = retriever.search(case.question, RETRIEVAL_K, filters, mode=mode)
            page_relevance.append([hit.chunk.url in case.expected_urls for hit in hits])
            if case.expected_indication:
                needle = case.expected_indication.lower()
                # A list's heading names what it is for ("Xerostomia (Dry Mouth)"), so it counts with its text.
                indication_relevance.append([hit.chunk.url in case.expected_urls
                                             and needle in f"{hit.chunk.heading_path[-1]}\n{hit.chunk.text}".lower()
                                             for hit in hits])
        row = {}
        for level, relevance in (("page", page_relevance), ("indication", indication_relevance)):
            row[f"{level}_hit@1"] = metrics.mean([metrics.hit_at_k(r, 1) for r in relevance])
            row[f"{level}_recall@5"] = metrics.mean([metrics.recall_at_k(r, 5) for r in relevance])
            row[f"{level}_mrr@10"] = metrics.mean([metrics.reciprocal_rank(r, 10) for r in relevance])
            row[f"{level}_cases"] = len(relevance)
        table[{"lexical": "bm25"}.get(mode, mode)] = row
    return table


def check_gate(summary: dict, eval_set: str, thresholds_file: Path = THRESHOLDS_FILE) -> list[str]:
    """The thresholds CI holds a set's fast subset to (`[set]` minimums, `[set.max]` maximums); returns those
    missed."""
    thresholds = tomllib.loads(thresholds_file.read_text("utf-8"))[eval_set]
    missed = []
    for name, limit in thresholds.items():
        if name == "max":
            continue
        value = summary.get(name)
        if value is None or value < limit:
            missed.append(f"{eval_set} {name} = {value} < {limit}")
    for name, limit in thresholds.get("max", {}).items():
        value = summary.get(name)
        if value is None or value > limit:
            missed.append(f"{eval_set} {name} = {value} > {limit}")
    return missed


def machine() -> str:
    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def write_report(report: dict, directory: Path = REPORTS_DIR) -> tuple[Path, Path]:
    directory.mkdir(parents=True, exist_ok=True)
    json_path = directory / "latest.json"
    md_path = directory / "latest.md"
    json_path.write_text(json.dumps(report, indent=1, default=str), "utf-8")
    md_path.write_text(markdown(report), "utf-8")
    return json_path, md_path


def fmt(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.3f}" if value <= 1.0 else f"{value:.1f}"
    return str(value)


def columns(report: dict) -> list[tuple[str, str]]:
    return [(set_name, pipeline) for set_name, block in report["sets"].items() for pipeline in block["pipelines"]]


def markdown(report: dict) -> str:
    cols = columns(report)
    summaries = {(s, p): report["sets"][s]["pipelines"][p]["summary"] for s, p in cols}
    metric_names = [k for k in summaries[cols[0]] if k not in ("confusion", "by_category")]
    sizes = ", ".join(f"{s} {block['cases']} cases" for s, block in report["sets"].items())
    out = [f"# Eval report ({sizes}, {report['when']}, {report['machine']})", "",
           "| metric | " + " | ".join(f"{s}: {p}" for s, p in cols) + " |", "|---|" + "---:|" * len(cols)]
    for metric in metric_names:
        out.append(f"| {metric} | " + " | ".join(fmt(summaries[c].get(metric)) for c in cols) + " |")
    if report.get("retrieval"):
        modes = list(report["retrieval"])
        out += ["", "## Retrieval (golden set, approved-use chunks, k=10)", "",
                "| measure | " + " | ".join(modes) + " |", "|---|" + "---:|" * len(modes)]
        for measure in report["retrieval"][modes[0]]:
            out.append(f"| {measure} | " + " | ".join(fmt(report["retrieval"][m][measure]) for m in modes) + " |")
    for set_name, block in report["sets"].items():
        first = next(iter(block["pipelines"]))
        summary = block["pipelines"][first]["summary"]
        out += ["", f"## {set_name}: accuracy by category ({first})", "",
                "| category | cases | status accuracy | answered from an expected page |", "|---|---:|---:|---:|"]
        for category, row in summary["by_category"].items():
            out.append(f"| {category} | {row['cases']} | {fmt(row['accuracy'])} | "
                       f"{fmt(row['answered_from_expected_page'])} |")
        out += ["", f"## {set_name}: status confusion ({first}; rows expected, columns got)", "",
                "| expected \\ got | " + " | ".join(metrics.STATUSES) + " |", "|---|" + "---:|" * len(metrics.STATUSES)]
        for expected, row in summary["confusion"].items():
            out.append(f"| {expected} | " + " | ".join(str(row[g]) for g in metrics.STATUSES) + " |")
    for set_name, block in report["sets"].items():
        first = next(iter(block["pipelines"]))
        failures = [r for r in block["pipelines"][first]["cases"] if r["problems"]]
        out += ["", f"## {set_name}: failing cases ({first}: {len(failures)})", ""]
        for result in failures:
            out.append(f"- `{result['id']}` ({result['category']}) {result['question']!r}: expected "
                       f"{result['expected_status']} {[u.rsplit('/', 1)[-1] for u in result['expected_urls']]}, got "
                       f"{result['status']} {sorted({u.rsplit('/', 1)[-1] for u in result['cited_urls']})}; "
                       + "; ".join(result["problems"]))
    return "\n".join(out) + "\n"


def build_report(sets: dict[str, tuple[list, list[Case]]], truth: Truth, retriever: Retriever | None,
                 today: dt.date) -> dict:
    """`sets`: set name -> (pipelines, cases). Retrieval is scored on the golden set's answerable cases."""
    golden = sets.get("golden")
    report = {"when": dt.datetime.now().strftime("%Y-%m-%d %H:%M"), "machine": machine(), "sets": {},
              "retrieval": retrieval_scores(retriever, golden[1]) if retriever and golden else None}
    for set_name, (pipelines, cases) in sets.items():
        block = report["sets"][set_name] = {"cases": len(cases), "pipelines": {}}
        for pipeline in pipelines:
            summary, results = score_pipeline(pipeline, cases, truth, today)
            block["pipelines"][pipeline.name] = {"summary": summary, "cases": [asdict(r) for r in results]}
    return report
