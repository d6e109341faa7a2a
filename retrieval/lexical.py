"""Lexical scoring: BM25 over chunk text with its page names and headings.

bm25s (Lù, 2024, "BM25S: Orders of magnitude faster lexical search via eager sparse scoring") is chosen
over rank-bm25: it precomputes the BM25 term scores into a sparse matrix at index time, so a query is a
sparse column sum (well under a millisecond for our ~3,000 chunks) instead of a Python loop over every
document, and it needs only numpy and scipy. Scoring is Lucene's BM25 variant (Robertson & Zaragoza 2009).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

import bm25s
import numpy as np

STOPWORDS = frozenset("""
a an and are as at be been being but by can could did do does for from had has have how i if in into is it its
me my of on or our she so than that the their them then there these they this those to was we were what when
where which who whom why will with would you your about also any am ask he her him his just may might more most
much no nor not off once only other out over own same should some such too under until up very
""".split())
_TOKEN = re.compile(r"[a-z0-9]+")


def fold(text: str) -> str:
    """Lower case without accents: `Waldenström` and `waldenstrom` are the same word to a searcher."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def folded_words(text: str) -> list[str]:
    """A text's words as the words no page uses are written: folded, letters and digits only."""
    return _TOKEN.findall(fold(text))


def together_as_written(terms: Sequence[str], text: str) -> str:
    """("hot", "flashes") -> "hot flashes": words no page uses are named together where they stand together in the
    question, else one by one ("lupus, metformin")."""
    written = f" {' '.join(folded_words(text))} "
    named: list[str] = []
    for term in terms:
        if named and f" {named[-1]} {term} " in written:
            named[-1] = f"{named[-1]} {term}"
        else:
            named.append(term)
    return ", ".join(named)


# British spellings of medical words, as the pages (American) spell them: "leukaemia", "oesophageal", "tumour".
AMERICAN = {"oesophag": "esophag", "oestrog": "estrog", "oestrad": "estrad", "oedema": "edema", "haem": "hem",
            "aemi": "emi", "paed": "ped", "gynaec": "gynec", "faec": "fec", "rrhoea": "rrhea", "pnoea": "pnea",
            "tumour": "tumor", "coeliac": "celiac", "foet": "fet", "aetiol": "etiol", "anaesth": "anesth"}
_BRITISH = re.compile("|".join(AMERICAN), re.I)
_BRITISH_LOWER = re.compile("|".join(AMERICAN))


def american_spelling(text: str) -> str:
    """The text with British spellings of medical words in American ones, the case of each kept."""
    if _BRITISH_LOWER.search(text.lower()) is None:
        return text  # most questions have none, and this search is four times cheaper than one ignoring case

    def american(match: re.Match) -> str:
        written, spelt = match.group(), AMERICAN[match.group().lower()]
        return spelt.upper() if written.isupper() else spelt.capitalize() if written[0].isupper() else spelt
    return _BRITISH.sub(american, text)


def stem(token: str) -> str:
    """A deliberately light plural stemmer (tumors -> tumor, therapies -> therapy); drug names are left alone."""
    if len(token) > 4 and token.endswith("ies"):
        return token[:-3] + "y"
    if len(token) > 4 and token.endswith("s") and not token.endswith(("ss", "us", "is", "os")):
        return token[:-1]
    return token


def tokenize(text: str) -> list[str]:
    text = re.sub(r"['’]s\b", "", american_spelling(fold(text)))  # possessives: "Keytruda's" is "keytruda"
    return [stem(t) for t in _TOKEN.findall(text) if t not in STOPWORDS]


def naming_tokens(text: str) -> list[str]:
    """Tokens for telling which condition a text names: "non" joined to the word it negates, as "nonsquamous" is
    written, so that "small cell lung cancer" is not found in "non-small cell lung cancer", "Hodgkin lymphoma" in
    "non-Hodgkin lymphoma" or "melanoma" in "non-melanoma skin cancer"."""
    tokens = tokenize(text)
    joined: list[str] = []
    for token in tokens:
        if joined and joined[-1] == "non":
            joined[-1] = f"non{token}"
        else:
            joined.append(token)
    return joined


class LexicalIndex:
    def __init__(self, documents: list[str], k1: float = 1.2, b: float = 0.75) -> None:
        self._bm25 = bm25s.BM25(k1=k1, b=b, method="lucene")
        self._bm25.index([tokenize(d) or ["_empty_"] for d in documents], show_progress=False)
        self.size = len(documents)

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every document for `query` (zeros where no query term occurs)."""
        tokens = tokenize(query)
        if not tokens:
            return np.zeros(self.size, dtype="float32")
        return np.asarray(self._bm25.get_scores(tokens), dtype="float32")
