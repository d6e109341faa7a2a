"""Links a patient is given: citations are the cited page's own https url; related links are https on the
allowlist. A poisoned page cannot send anyone to `javascript:`, `data:`, plain http or a foreign site."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import httpx
import pytest

from ingest.build import build_index
from ingest.clean import DEFAULT_LINK_HOSTS
from ingest.pages import DEFAULT_PAGE_HOSTS, url_problem
from service.answer import host_allowed
from tests.conftest import REPO, LiveServer, make_app

VALRUBICIN = "https://www.cancer.gov/about-cancer/treatment/drugs/valrubicin"
PAGES = ["valrubicin.md", "pembrolizumab.md", "tocilizumab.md", "r-chop.md", "breast.md", "multiple-myeloma.md"]
POISON = {
    "javascript:alert(document.cookie)": "MedlinePlus on valrubicin",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==": "DailyMed label",
    "http://www.cancer.gov/publications/dictionaries/cancer-drug/def/39135": "NCI Drug Dictionary (plain http)",
    "https://medlineplus.evil.example/valrubicin": "MedlinePlus summary",
    "https://cancer.gov@evil.example/label": "DailyMed mirror",
    "//evil.example/drug-dictionary": "Drug Dictionary mirror",
}
GOOD_RELATED = "https://www.cancer.gov/publications/dictionaries/cancer-drug/def/39135"  # the https twin of a poisoned http link


def poisoned_corpus(corpus_dir: Path, folder: Path) -> Path:
    folder.mkdir()
    for name in PAGES:
        shutil.copy(corpus_dir / name, folder / name)
    page = folder / "valrubicin.md"
    text = page.read_text("utf-8")
    poison = "\n\n".join(f"[{label}]({url}) - more about this drug." for url, label in POISON.items())
    page.write_text(text.replace("## Clinical Trials Accepting Patients", poison + "\n\n## Clinical Trials Accepting Patients"), "utf-8")
    # A copy of the page that claims to live on a foreign site: refused whole, so it can never be cited.
    evil = text.replace(f"url: {VALRUBICIN}", "url: https://evil.example/about-cancer/treatment/drugs/valrubicin")
    (folder / "evil-copy.md").write_text(evil, "utf-8")
    return folder


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory, corpus_dir, embedder):
    root = tmp_path_factory.mktemp("poisoned")
    seeds = poisoned_corpus(corpus_dir, root / "seeds")
    index = root / "index"
    report = build_index([seeds], index, embedder=embedder)
    return index, report


@pytest.fixture(scope="module")
def poisoned_server(poisoned, embedder):
    with LiveServer(make_app(poisoned[0])) as server:
        yield server


def ask(server, question: str) -> dict:
    response = httpx.post(f"{server.url}/v1/ask", json={"question": question}, timeout=60)
    assert response.status_code == 200, response.text
    return response.json()


def test_ingest_drops_and_reports_every_poisoned_link(poisoned):
    _, report = poisoned
    dropped = [problem for problem in report.links_dropped if problem.page == VALRUBICIN]
    assert len(dropped) == len(POISON)
    assert {p.url for p in dropped} == set(POISON) - {"//evil.example/drug-dictionary"} | {"https://evil.example/drug-dictionary"}
    assert f"dropped {len(report.links_dropped)}" in report.summary()
    assert all("javascript:" not in line or "not https" in line for line in report.summary().splitlines())


def test_ingest_keeps_the_pages_good_links(poisoned):
    index, _ = poisoned
    pages = [json.loads(line) for line in (index / "pages.jsonl").read_text("utf-8").splitlines()]
    valrubicin = next(page for page in pages if page["url"] == VALRUBICIN)
    urls = [link["url"] for link in valrubicin["links"]]
    assert GOOD_RELATED in urls and not set(POISON) & set(urls)
    assert all(url_problem(url, DEFAULT_LINK_HOSTS, subdomains=True, setting="") is None
               for page in pages for url in (link["url"] for link in page["links"]))


def test_page_claiming_a_foreign_url_is_refused_at_ingest(poisoned):
    index, report = poisoned
    assert any(Path(p.path).name == "evil-copy.md" and "evil.example" in p.reason for p in report.problems)
    assert "evil.example" not in (index / "pages.jsonl").read_text("utf-8").split('"links"')[0]


def test_related_links_from_a_poisoned_page_are_https_on_the_allowlist(poisoned_server):
    answer = ask(poisoned_server, "What are the side effects of valrubicin?")
    assert answer["status"] == "out_of_scope"
    urls = [link["url"] for link in answer["related"]]
    assert GOOD_RELATED in urls and VALRUBICIN in urls
    assert all(host_allowed(url, DEFAULT_LINK_HOSTS) for url in urls)
    assert not any("evil" in url or url.startswith(("javascript:", "data:", "http:")) for url in urls)


def test_service_filters_related_links_even_if_ingest_let_a_foreign_host_through(tmp_path, corpus_dir, embedder):
    seeds = poisoned_corpus(corpus_dir, tmp_path / "seeds")
    index = tmp_path / "index"
    build_index([seeds], index, embedder=embedder, link_hosts=DEFAULT_LINK_HOSTS + ("evil.example",))
    assert "https://medlineplus.evil.example/valrubicin" in (index / "pages.jsonl").read_text("utf-8")
    with LiveServer(make_app(index)) as server:
        urls = [link["url"] for link in ask(server, "What are the side effects of valrubicin?")["related"]]
    assert GOOD_RELATED in urls and not any("evil.example" in url for url in urls)


def test_every_citation_is_its_pages_own_https_url(poisoned_server):
    questions = ["What is valrubicin used for?", "Is Keytruda approved for lung cancer?", "What is R-CHOP?",
                 "Which drugs are approved for breast cancer?", "What is Actemra used for?",
                 "drugs for multiple myeloma", "Is valrubicin approved for bladder cancer?"]
    golden = [json.loads(line) for line in (REPO / "evals" / "golden.jsonl").read_text("utf-8").splitlines()]
    wanted = {f"https://www.cancer.gov/about-cancer/treatment/drugs/{name[:-3]}" for name in PAGES}
    questions += [case["question"] for case in golden if set(case.get("expected_urls", [])) & wanted][:25]
    documents = httpx.get(f"{poisoned_server.url}/v1/documents", timeout=30).json()["documents"]
    page_urls = {doc["url"] for doc in documents}
    cited = 0
    for question in questions:
        answer = ask(poisoned_server, question)
        for citation in answer["citations"]:
            cited += 1
            assert citation["url"] in page_urls
            assert url_problem(citation["url"], DEFAULT_PAGE_HOSTS) is None
        for link in answer["related"]:
            assert host_allowed(link["url"], DEFAULT_LINK_HOSTS)
    assert cited > len(questions)
