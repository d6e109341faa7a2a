"""Ingest under hostile input: generated broken pages mixed with good ones never stop a run, every good
page is indexed and every bad one is reported with its reason."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest import artifact
from ingest.build import PageError, build_index, prepare_page
from ingest.pages import MAX_PAGE_BYTES, load_seed_pages

EXAMPLES = int(os.environ.get("HARDENING_EXAMPLES", "100"))
TODAY = dt.date.today()
DRUGS = "https://www.cancer.gov/about-cancer/treatment/drugs/"
FIGURES = {"examples": 0, "pages fed": 0, "good": 0, "bad": 0, "lost": 0}


@dataclass
class Spec:
    kind: str
    expected: str  # "good", or a regex the reported reason must match
    content: bytes = b""
    url: str = ""
    sentence: str = ""


def front_matter(**fields) -> str:
    return "---\n" + yaml.safe_dump(fields, allow_unicode=True, sort_keys=False) + "---\n"


def good_fields(n: int, title: str, reviewed: dt.date) -> dict:
    return {"url": f"{DRUGS}generated-{n}", "title": title, "lastReviewed": reviewed.isoformat(),
            "reviewFrequency": "quarterly", "status": "active"}


# Any text but NUL (a NUL byte makes the page binary: one of the bad kinds below).
TEXT = st.characters(codec="utf-8", exclude_characters="\x00")

# Pieces a real page is made of, plus arbitrary text: they are where a cleaner or chunker would break.
_extra_block = st.one_of(
    st.text(TEXT, min_size=1, max_size=300),
    st.builds(lambda t: f"## {t}", st.text(TEXT, min_size=0, max_size=40)),
    st.builds(lambda t: f"- **{t}** that is advanced.", st.text(TEXT, min_size=0, max_size=40)),
    st.builds(lambda t, u: f"See [{t}]({u}).", st.text(TEXT, min_size=0, max_size=30),
              st.sampled_from(["https://www.cancer.gov/x", "/about-cancer/y", "javascript:alert(1)", "#top",
                               "data:text/html,<b>x</b>", "http://medlineplus.gov/", "https://evil.example/",
                               "(", ")", "", "https://dailymed.nlm.nih.gov/dailymed/x"])),
    st.sampled_from(["## Use in Cancer", "US Brand Name(s)", "FDA Approved", "| a | b |\n|---|---|\n| 1 | 2 |",
                     "```", "##", "Placeholder slot", "---", "\u202e\u200b\u0007", "¹ A footnote.", "***", "> quote"]),
)


@st.composite
def good_page(draw, n: int) -> Spec:
    title = draw(st.text(TEXT, min_size=1, max_size=60)) + " - NCI"
    reviewed = TODAY - dt.timedelta(days=draw(st.integers(1, 4000)))
    sentence = f"Generated drug {n} is approved to treat condition number {n}."
    extras = draw(st.lists(_extra_block, max_size=8))
    body = "\n\n".join([f"# {title}", sentence, *extras])
    fields = good_fields(n, title, reviewed)
    return Spec("good", "good", (front_matter(**fields) + "\n" + body + "\n").encode("utf-8"), fields["url"], sentence)


def with_fields(n: int, **changes) -> bytes:
    fields = good_fields(n, f"Page {n}", TODAY - dt.timedelta(days=30))
    for key, value in changes.items():
        if value is None:
            fields.pop(key)
        else:
            fields[key] = value
    return (front_matter(**fields) + f"\nBroken page {n} has text.\n").encode("utf-8")


@st.composite
def bad_page(draw, n: int) -> Spec:
    kind = draw(st.sampled_from(["bad_yaml", "missing", "mistyped", "binary", "not_utf8", "huge", "empty",
                                 "bad_url", "future", "no_body", "only_headings", "inactive", "junk"]))
    if kind == "bad_yaml":
        snippet = draw(st.sampled_from(["url: [unclosed", "title: 'unterminated", "a: b: c", "\tbad: tab",
                                        "{", "- [", "? [", "url: *undefined_alias", "1: x\nurl: y"]))
        return Spec(kind, r"YAML|front matter|missing required", f"---\n{snippet}\n---\nBody text.\n".encode())
    if kind == "missing":
        field = draw(st.sampled_from(["url", "title", "lastReviewed", "status"]))
        return Spec(kind, rf"missing required field\(s\): {field}", with_fields(n, **{field: None}))
    if kind == "mistyped":
        field = draw(st.sampled_from(["url", "title", "status", "lastReviewed", "reviewFrequency"]))
        value = draw(st.sampled_from([[1, 2], {"a": 1}, 42, True, 3.5]))
        expected = r"not an ISO date" if field == "lastReviewed" else rf"field '{field}' must be text"
        if field == "lastReviewed" and value is True:
            value = [1]
        return Spec(kind, expected, with_fields(n, **{field: value}))
    if kind == "binary":
        junk = draw(st.binary(min_size=1, max_size=200))
        return Spec(kind, r"binary content|not UTF-8", with_fields(n)[:-1] + b"\x00" + junk)
    if kind == "not_utf8":
        return Spec(kind, r"not UTF-8", with_fields(n) + b"\xff\xfe" + draw(st.binary(max_size=50)))
    if kind == "huge":
        return Spec(kind, r"over the .*-byte limit", with_fields(n) + b"Lots of text. " * (MAX_PAGE_BYTES // 14 + 1))
    if kind == "empty":
        return Spec(kind, r"empty page", draw(st.sampled_from([b"", b"\n", b"   \n\t\n"])))
    if kind == "bad_url":
        url = draw(st.sampled_from([
            "http://www.cancer.gov/about-cancer/treatment/drugs/x", "javascript:alert(1)", "data:text/html,x",
            "https://evil.example/drugs/x", "https://www.cancer.gov.evil.example/x", "ftp://www.cancer.gov/x",
            "//www.cancer.gov/x", "https://user@evil.example/x", "https://evil.example\\.cancer.gov/x",
            "https://www.cancer.gov:8080/x", "www.cancer.gov/x", "https://", "https://nci.nih.gov/x"]))
        return Spec(kind, r"url .* refused", with_fields(n, url=url))
    if kind == "future":
        reviewed = TODAY + dt.timedelta(days=draw(st.integers(1, 3000)))
        return Spec(kind, r"in the future", with_fields(n, lastReviewed=reviewed.isoformat()))
    if kind == "no_body":
        fields = good_fields(n, "Empty", TODAY)
        return Spec(kind, r"no body text", (front_matter(**fields) + draw(st.sampled_from(["", "\n", "\u200b\u202e\n"]))).encode())
    if kind == "only_headings":
        fields = good_fields(n, "Headings", TODAY)
        return Spec(kind, r"no text to index", (front_matter(**fields) + "# Headings\n\n## Use in Cancer\n\nPlaceholder slot\n").encode())
    if kind == "inactive":
        return Spec(kind, r"not 'active'", with_fields(n, status=draw(st.sampled_from(["retired", "draft", "Active"]))))
    # Arbitrary bytes with no front matter at all.
    junk = draw(st.binary(min_size=1, max_size=300).filter(lambda b: not b.strip().startswith(b"---") and b.strip()))
    return Spec(kind, r"front matter|not UTF-8|binary content", junk)


@st.composite
def mixed_folders(draw) -> list[Spec]:
    n_good = draw(st.integers(0, 4))
    n_bad = draw(st.integers(1, 6))
    specs = [draw(good_page(i)) for i in range(n_good)]
    specs += [draw(bad_page(100 + i)) for i in range(n_bad)]
    if n_good and draw(st.booleans()):  # an older copy of a good page, under another spelling of its URL
        original = specs[draw(st.integers(0, n_good - 1))]
        url = draw(st.sampled_from([original.url, original.url + "/", original.url.replace("https://www.", "HTTPS://WWW.")]))
        content = original.content.replace(original.url.encode(), url.encode(), 1)
        content = re.sub(rb"lastReviewed: '[^']*'", b"lastReviewed: '1999-01-01'", content, count=1)
        specs.append(Spec("duplicate", r"duplicate url", content))
    return draw(st.permutations(specs))


def feed(folder: Path, specs: list[Spec]) -> dict[str, Spec]:
    by_name = {}
    for i, spec in enumerate(specs):
        name = f"{i:02d}-{spec.kind}{'.md' if i % 2 else '.txt'}"
        (folder / name).write_bytes(spec.content)
        by_name[name] = spec
    return by_name


@settings(max_examples=EXAMPLES, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example])
@given(specs=mixed_folders())
def test_generated_broken_pages_are_reported_and_every_good_page_is_indexed(specs):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        by_name = feed(folder, specs)
        pages, problems = load_seed_pages([folder])
        reasons = {Path(p.path).name: p.reason for p in problems}
        indexed = set()
        for page in pages:
            try:
                _, _, chunks = prepare_page(page)
            except PageError as exc:
                reasons[page.path.name] = str(exc)
                continue
            spec = by_name[page.path.name]
            assert spec.expected == "good" and any(spec.sentence in chunk.text for chunk in chunks), page.path.name
            indexed.add(page.path.name)
    good = {name for name, spec in by_name.items() if spec.expected == "good"}
    assert indexed == good
    for name, spec in by_name.items():
        if spec.expected != "good":
            assert name in reasons, f"{name} ({spec.kind}) was neither indexed nor reported"
            assert re.search(spec.expected, reasons[name]), f"{name} ({spec.kind}): {reasons[name]!r}"
    assert set(reasons) | indexed == set(by_name) and not set(reasons) & indexed
    FIGURES["examples"] += 1
    FIGURES["pages fed"] += len(by_name)
    FIGURES["good"] += len(good)
    FIGURES["bad"] += len(by_name) - len(good)
    FIGURES["lost"] += len(set(by_name) - set(reasons) - indexed)


@pytest.fixture(scope="module", autouse=True)
def _print_figures():
    yield
    if os.environ.get("HARDENING_EXAMPLES"):
        print(f"\ningest fault figures: {FIGURES}")


def test_front_matter_with_non_text_keys_is_reported_not_a_crash(tmp_path):
    (tmp_path / "page.md").write_text("---\n1: x\nurl: https://www.cancer.gov/a\n---\nbody\n", "utf-8")
    pages, problems = load_seed_pages([tmp_path])
    assert pages == [] and "missing required field" in problems[0].reason


def test_yaml_alias_bomb_in_a_date_is_reported_briefly(tmp_path):
    levels = ["a: &a [1, 2]"] + [f"{b}: &{b} [{', '.join(['*' + a] * 9)}]" for a, b in zip("abcdefgh", "bcdefghi")]
    text = "---\n" + "\n".join(levels) + "\nurl: https://www.cancer.gov/x\ntitle: t\nstatus: active\nlastReviewed: *i\n---\nbody\n"
    (tmp_path / "page.md").write_text(text, "utf-8")
    pages, problems = load_seed_pages([tmp_path])
    assert pages == [] and problems[0].reason == "lastReviewed is not an ISO date (YYYY-MM-DD): a list"


def test_page_on_a_host_added_to_rag_page_hosts_is_accepted(tmp_path, monkeypatch):
    (tmp_path / "page.md").write_bytes(with_fields(1, url="https://www.nci.example.org/x"))
    assert load_seed_pages([tmp_path])[0] == []
    monkeypatch.setenv("RAG_PAGE_HOSTS", "www.cancer.gov, www.nci.example.org")
    pages, problems = load_seed_pages([tmp_path])
    assert [p.url for p in pages] == ["https://www.nci.example.org/x"] and problems == []


def test_a_real_build_of_a_mixed_folder_indexes_the_good_pages_and_reports_the_rest(tmp_path, corpus_dir, embedder):
    from retrieval import Retriever

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    good = ["valrubicin.md", "tocilizumab.md", "abvd.md"]
    for name in good:
        shutil.copy(corpus_dir / name, seeds / name)
    valrubicin = (corpus_dir / "valrubicin.md").read_text("utf-8")
    bad = {
        "bad-yaml.md": b"---\nurl: [unclosed\n---\nbody\n",
        "binary.md": b"\x00\x01\x02binary junk\xff",
        "empty.md": b"",
        "huge.md": with_fields(1) + b"x" * MAX_PAGE_BYTES,
        "foreign-host.md": with_fields(2, url="https://evil.example/about-cancer/treatment/drugs/valrubicin"),
        "not-https.md": with_fields(3, url="http://www.cancer.gov/about-cancer/treatment/drugs/x"),
        "future.md": with_fields(4, lastReviewed=(TODAY + dt.timedelta(days=10)).isoformat()),
        "missing-title.md": with_fields(5, title=None),
        "mistyped-url.md": with_fields(6, url=["https://www.cancer.gov/x"]),
        "duplicate.md": valrubicin.replace("lastReviewed: '", "lastReviewed: '1999-01-01' #", 1).encode("utf-8"),
        "only-headings.md": (front_matter(**good_fields(7, "Headings", TODAY)) + "# Headings\n\n## Use\n").encode(),
    }
    for name, content in bad.items():
        (seeds / name).write_bytes(content)
    index = tmp_path / "index"
    report = build_index([seeds], index, embedder=embedder)
    reported = {Path(p.path).name for p in report.problems}
    assert report.pages_indexed == len(good) and reported == set(bad)
    assert report.pages_read == len(good) + len(bad)
    summary = report.summary()
    assert all(name in summary for name in bad)
    retriever = Retriever(index, embedder=embedder)
    assert {Path(p.source_path).name for p in retriever.pages.values()} == set(good)
    assert retriever.search("valrubicin bladder cancer", k=1)[0].chunk.url.endswith("/valrubicin")
    artifact.verify(index)
