"""Drug, regimen and cancer names found in the pages themselves, for the alias table retrieval matches on."""

from __future__ import annotations

import re
from collections import defaultdict

from ingest.artifact import display_title
from ingest.clean import BRAND_NAMES_HEADER, CleanPage

LIST_TITLE = re.compile(r"^Drugs Approved (?:for|to)\b", re.I)
LIST_HEADING = re.compile(r"^(?:Drugs Approved (?:for|to (?:Treat|Prevent))|Drug Combinations Used in)\s+(.+)$", re.I)
REGIMEN_MARK = re.compile(r"^Drugs in the .+ combination:?$", re.I | re.M)
DRUG_PAGE_PATH = "/about-cancer/treatment/drugs/"
MIN_NAME_CHARS = 2


def page_heading(clean: CleanPage) -> str | None:
    for line in clean.lines:
        if line.kind == "heading" and line.level == 1:
            return line.text.lstrip("# ").strip()
    return None


def brand_names(clean: CleanPage) -> list[str]:
    """The lines between `US Brand Name(s)` and `FDA Approved` on a drug page."""
    names: list[str] = []
    inside = False
    for line in clean.lines:
        if line.text == BRAND_NAMES_HEADER:
            inside = True
        elif inside and (line.text == "FDA Approved" or line.kind == "heading"):
            break
        elif inside:
            names.extend(n.strip() for n in line.text.split(",") if n.strip())
    return names


def page_kind(title: str, clean: CleanPage) -> str:
    if LIST_TITLE.match(display_title(title)):
        return "list"
    if REGIMEN_MARK.search(clean.text):
        return "regimen"
    if any(line.kind == "heading" and line.text == "## Use in Cancer" for line in clean.lines):
        return "drug"
    return "hub"


def generic_names(title: str, clean: CleanPage, kind: str) -> list[str]:
    if kind not in ("drug", "regimen"):
        return []
    names = [display_title(title)]
    heading = page_heading(clean)
    if heading and heading.lower() != names[0].lower():
        names.append(heading)
    return names


def split_link_names(text: str) -> list[str]:
    """`Brand (Generic)` and `Generic (Brand, Brand)` list entries -> the whole entry and each name in it.

    Commas separate names only inside the parentheses: `Pertuzumab, Trastuzumab, and Hyaluronidase-zzxf`
    outside them is one drug.
    """
    text = " ".join(text.split())
    match = re.match(r"^(.*?)\s*\((.*)\)\s*(.*)$", text)
    if not match:
        return [text]
    outside = (match.group(1) + " " + match.group(3)).strip()
    inside = [piece.strip(" ,;") for piece in match.group(2).split(",")]
    return [n for n in (text, outside, *inside) if len(n) > 1]


def name_variants(name: str, keep_description: bool = False) -> list[str]:
    """A heading without its parenthesis, and what the parenthesis holds when it is an acronym (`AML`; `ALL`,
    also a word, counts only when written in capitals: retrieval/name_matcher.py) or, with `keep_description`, a
    lay description (`Low Blood Platelets`)."""
    variants = [name]
    match = re.match(r"^(.*?)\s*\(([^)]*)\)\s*(.*)$", name)
    if match:
        variants.append(f"{match.group(1)} {match.group(3)}".strip())
        inside = match.group(2).strip()
        if len(inside) >= 3 and inside.isupper():
            variants.append(inside)
        elif keep_description and len(inside.split()) >= 2:
            variants.append(inside)
    return variants


SALTS = ("hydrochloride", "dihydrochloride", "hydrobromide", "mesylate", "dimesylate", "tosylate", "ditosylate",
         "citrate", "sodium", "disodium", "acetate", "maleate", "dimaleate", "sulfate", "phosphate", "malate",
         "s-malate", "calcium", "bromide", "succinate", "camsylate", "tartrate", "fumarate", "monohydrate",
         "dihydrate", "olamine", "besylate", "lactate", "pamoate", "hydrate", "mesylate hydrate")
_SUFFIX = re.compile(r"-[a-z]{4}$")
_PREFIX = re.compile(r"^(fam|ado|ziv)-")
_HYPHENATED_SALT = re.compile(r"-s-malate$")


def drug_name_variants(name: str) -> list[str]:
    """What people call a drug besides its page title: without the salt (`Imatinib Mesylate` -> `imatinib`),
    without a biologic's four-letter suffix or prefix (`Fam-Trastuzumab Deruxtecan-nxki` ->
    `trastuzumab deruxtecan`), and a two-part regimen joined by "plus", "and" or "with" (`FOLFIRI-Bevacizumab`)."""
    base = normalise_name(name)
    variants = {base}
    for plain in {base, normalise_name(re.sub(r"\s*\([^)]*\)", " ", name))}:  # "Methotrexate Sodium (Cancer Treatment)"
        variants.add(plain)
        words = plain.split()
        while len(words) > 1 and words[-1] in SALTS:
            words = words[:-1]
            variants.add(" ".join(words))
    for variant in list(variants):
        stripped = _PREFIX.sub("", _SUFFIX.sub("", _HYPHENATED_SALT.sub("", variant)))
        if len(stripped) >= 5:
            variants.add(stripped)
    parts = base.split("-")
    if len(parts) == 2 and all(len(p) >= 4 and " " not in p for p in parts):
        variants.update(f"{parts[0]} {joiner} {parts[1]}" for joiner in ("plus", "and", "with", "+"))
    return sorted(variants)


def name_tokens(text: str) -> list[str]:
    """A name's words as the alias table keys them (case kept): punctuation other than + - / splits words."""
    return re.sub(r"[^\w+\-/ ]", " ", text).split()


def normalise_name(name: str) -> str:
    return " ".join(name_tokens(name.lower()))


def build_aliases(pages: list[tuple[str, str, CleanPage, list[str], list[str], str]]) -> dict[str, dict[str, list[str]]]:
    """name -> page URLs, for drugs (and regimens) and for the cancers that have a list page.

    `pages` rows are (url, title, clean page, brand names, generic names, kind). A page's own title and
    brand names win over names read from list entries that link to it, which are sometimes mislinked;
    a list page's title wins over headings inside other list pages.
    """
    known = {url for url, *_ in pages}
    owned: dict[str, set[str]] = defaultdict(set)
    listed: dict[str, set[str]] = defaultdict(set)
    cancer_titles: dict[str, set[str]] = defaultdict(set)
    cancer_headings: dict[str, set[str]] = defaultdict(set)
    for url, title, clean, brands, generics, kind in pages:
        for name in brands:
            owned[normalise_name(name)].add(url)
        for name in generics:
            for variant in drug_name_variants(name):
                owned[variant].add(url)
        for link in clean.links:
            target = link.target
            if kind in ("list", "hub") and DRUG_PAGE_PATH in target and target in known \
                    and not LIST_TITLE.match(link.text):
                for name in split_link_names(link.text):
                    listed[normalise_name(name)].add(target)
        if kind != "list":
            continue
        headings = [line for line in clean.lines if line.kind == "heading"]
        named = [(display_title(title), cancer_titles)] + [(h.text.lstrip("# "), cancer_headings) for h in headings]
        for heading, table in named:
            match = LIST_HEADING.match(heading)
            if match:
                for variant in name_variants(match.group(1)):
                    table[normalise_name(variant)].add(url)
        # Lists headed by the condition itself ("### Thrombocytopenia (Low Blood Platelets)").
        for heading in headings:
            text = heading.text.lstrip("# ")
            if heading.level >= 3 and not LIST_HEADING.match(text):
                for variant in name_variants(text, keep_description=True):
                    cancer_headings[normalise_name(variant)].add(url)
    drugs = {name: urls for name, urls in listed.items() if name not in owned}
    drugs.update(owned)
    # "Leukemia" is the Leukemia list, not also every list with a leukemia heading (e.g. childhood cancers).
    cancers = {name: urls for name, urls in cancer_headings.items() if name not in cancer_titles}
    cancers.update(cancer_titles)
    # A one-letter "name" is a letter of an A-Z index ("I" would make "Can I ...?" a question about a drug).
    return {
        "drug": {name: sorted(urls) for name, urls in sorted(drugs.items()) if len(name) >= MIN_NAME_CHARS},
        "cancer": {name: sorted(urls) for name, urls in sorted(cancers.items()) if len(name) >= MIN_NAME_CHARS},
    }
