"""Find drug, regimen and cancer names in a question: exactly, with possessives and plurals, or fuzzily."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process

from ingest.names import name_tokens
from retrieval.lexical import STOPWORDS

SHORTHAND_FILE = Path(__file__).with_name("shorthand.json")
MAX_NAME_TOKENS = 8
FUZZY_MIN_LENGTH = 5
FUZZY_CUTOFF = 82.0


@dataclass(frozen=True)
class NameMatch:
    text: str  # as written in the question
    name: str  # the alias it matched
    kind: str  # drug | cancer
    urls: tuple[str, ...]
    terms: tuple[str, ...]  # corpus names it stands for (a shorthand's expansions, else the alias itself)
    fuzzy: bool = False


def question_tokens(text: str) -> list[str]:
    """Tokens of a question as written (case kept), split as the alias table is; possessives dropped."""
    return name_tokens(re.sub(r"(\w)['’]s\b", r"\1", text))


def needs_capitals(name: str) -> bool:
    """Short acronyms that are also words (ICE, PAD, OFF, AC, VIP) count only when written in capitals."""
    return " " not in name and len(name) <= 4


def singular(phrase: str) -> str | None:
    if phrase.endswith("ies") and len(phrase) > 4:
        return phrase[:-3] + "y"
    if phrase.endswith("s") and not phrase.endswith("ss") and len(phrase) > 3:
        return phrase[:-1]
    return None


class NameMatcher:
    def __init__(self, aliases: dict[str, dict[str, list[str]]], vocabulary: set[str],
                 shorthand_file: Path = SHORTHAND_FILE) -> None:
        self.tables: dict[str, dict[str, tuple[str, ...]]] = {
            kind: {name: tuple(urls) for name, urls in aliases.get(kind, {}).items()} for kind in ("drug", "cancer")
        }
        self.expansions: dict[str, tuple[str, ...]] = {}
        shorthand = json.loads(shorthand_file.read_text("utf-8"))
        for kind in ("drug", "cancer"):
            for short, targets in shorthand.get(kind, {}).items():
                urls = {url for target in targets for url in self.tables[kind].get(target, ())}
                urls.update(self.tables[kind].get(short, ()))
                if urls:
                    self.tables[kind][short] = tuple(sorted(urls))
                    self.expansions[short] = tuple(targets)
        self.vocabulary = vocabulary
        self.condition_synonyms: dict[str, frozenset[str]] = {
            word: frozenset(others) for word, others in shorthand.get("condition_words", {}).items()}
        self._fuzzy_choices = {kind: [n for n in table if len(n) >= FUZZY_MIN_LENGTH]
                               for kind, table in self.tables.items()}

    def _exact(self, phrase: str) -> tuple[str, str, tuple[str, ...]] | None:
        for candidate in (phrase, singular(phrase)):
            if not candidate:
                continue
            for kind in ("drug", "cancer"):
                urls = self.tables[kind].get(candidate)
                if urls:
                    return kind, candidate, urls
        return None

    def _fuzzy(self, phrase: str) -> tuple[str, str, tuple[str, ...], float] | None:
        best = None
        for kind in ("drug", "cancer"):
            found = process.extractOne(phrase, self._fuzzy_choices[kind], scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
            # Misspellings rarely get the first letter wrong; unknown drugs that merely rhyme often do
            # (taletrectinib is not entrectinib).
            if found and found[0][0] == phrase[0] and (best is None or found[1] > best[3]):
                best = (kind, found[0], self.tables[kind][found[0]], found[1])
        return best

    def find(self, text: str) -> list[NameMatch]:
        """Longest names first, without overlaps; fuzzy matching only for words the corpus does not use."""
        written = question_tokens(text)
        tokens = [t.lower() for t in written]
        taken = [False] * len(tokens)
        matches: list[NameMatch] = []
        for size in range(min(MAX_NAME_TOKENS, len(tokens)), 0, -1):
            for start in range(len(tokens) - size + 1):
                if any(taken[start:start + size]):
                    continue
                phrase = " ".join(tokens[start:start + size])
                found = self._exact(phrase)
                if (found and found[1] not in self.expansions and needs_capitals(found[1])
                        and not written[start].isupper()):
                    found = None
                if found:
                    kind, name, urls = found
                    matches.append(NameMatch(phrase, name, kind, urls, self.expansions.get(name, (name,))))
                    taken[start:start + size] = [True] * size
        for size in (2, 1):
            for start in range(len(tokens) - size + 1):
                window = tokens[start:start + size]
                if (any(taken[start:start + size]) or all(t in self.vocabulary for t in window)
                        or any(t in STOPWORDS for t in window)):
                    continue
                phrase = " ".join(window)
                if len(phrase) < FUZZY_MIN_LENGTH:
                    continue
                found = self._fuzzy(phrase)
                if found:
                    kind, name, urls, _ = found
                    matches.append(NameMatch(phrase, name, kind, urls, self.expansions.get(name, (name,)), fuzzy=True))
                    taken[start:start + size] = [True] * size
        return matches
