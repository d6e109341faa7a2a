"""Compose extractive, cited answers from approved-use text only.

Every fact in an answer is a sentence copied from an `approved_use` chunk and followed by its citation
marker; everything else is one of the fixed templates below. Nothing here generates text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from urllib.parse import urlparse

from ingest.artifact import Chunk, PageRecord
from ingest.names import display_title
from retrieval import Filters, Hit, Retriever
from retrieval.lexical import fold, tokenize
from service import intents
from service.settings import Settings

APPROVED_USE = "approved_use"
STATUSES = ("answered", "not_in_sources", "out_of_scope", "emergency")
REVIEW_DAYS = {"weekly": 7, "monthly": 31, "quarterly": 92, "semiannually": 183, "semi-annually": 183,
               "biannually": 183, "annually": 366, "yearly": 366}
MAX_PAGES = 3
MAX_INDICATIONS = 10
MAX_LIST_ITEMS = 60
SEARCH_K = 12

# The fixed templates. Only these (and cited source sentences) ever appear in an answer.
FRAMING_PAGE = "According to NCI's page on {title}, last reviewed {date}:"
FRAMING_LIST = "According to NCI's page \"{title}\", last reviewed {date}, the list \"{heading}\" includes:"
NOT_LISTED = "NCI's page on {title} does not list {condition} among its approved uses. Its approved-use section says:"
MORE_USES = "NCI's page lists more approved uses than are shown here."
MORE_ITEMS = "The list on NCI's page goes on; open the page to see all of it."
OVERDUE = "NCI's page on {title} was last reviewed on {date} and is due for review, so it may not be current."
NOT_IN_SOURCES = ("I could not find an answer to this in NCI's information on what cancer drugs are approved to "
                  "treat. Please ask your doctor, nurse or pharmacist.")
OUT_OF_SCOPE = ("This service answers only from NCI's information on what cancer drugs are approved to treat, so it "
                "cannot answer questions about {topic}. Please ask your doctor, nurse or pharmacist; the links below "
                "may also help.")
OUT_OF_SCOPE_GENERAL = ("This service answers only questions about what cancer drugs are approved to treat, from NCI's "
                        "drug information pages.")
EMERGENCY = ("This may be a medical emergency. Call your local emergency number (911 in the US) or your care team "
             "right now. Do not wait for an answer online.")
DISCLAIMER = ("This information comes from the National Cancer Institute's drug pages and is not medical advice. "
              "Talk with your doctor or care team about your own treatment.")
RELATED_LINK_TEXT = re.compile(r"drug dictionary|medlineplus|dailymed", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(])")
_CONDITION_CHARS = re.compile(r"[^A-Za-z0-9 \-']")


@dataclass
class Citation:
    n: int
    url: str
    title: str
    last_reviewed: str
    review_overdue: bool
    section: str
    quote: str
    chunk_id: str


@dataclass
class RelatedLink:
    title: str
    url: str


@dataclass
class Answer:
    status: str
    answer: str
    citations: list[Citation] = field(default_factory=list)
    related: list[RelatedLink] = field(default_factory=list)
    disclaimer: str = DISCLAIMER


def review_overdue(last_reviewed: str, frequency: str | None, today: dt.date) -> bool:
    """True when the page is older than its review frequency allows (quarterly: 92 days)."""
    days = REVIEW_DAYS.get((frequency or "").strip().lower())
    if days is None:
        return False
    return (today - dt.date.fromisoformat(last_reviewed)).days > days


def page_title(page: PageRecord) -> str:
    """`Pembrolizumab (Keytruda)`: the page's own title and US brand names, from its front matter and facts."""
    title = display_title(page.title)
    brands = [b for b in page.brand_names if b.lower() != title.lower()]
    return f"{title} ({', '.join(brands)})" if brands else title


def sentences(line: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(line.strip()) if s]


def strip_bullet(line: str) -> str:
    return line[2:] if line.startswith("- ") else line


def safe_condition(text: str) -> str:
    """The condition as the user wrote it, reduced to plain words so nothing they typed is echoed as markup."""
    return " ".join(_CONDITION_CHARS.sub(" ", text).split())[:60]


def host_allowed(url: str, hosts: tuple[str, ...]) -> bool:
    parsed = urlparse(url)
    host = (parsed.hostname or "").lower()
    return parsed.scheme == "https" and any(host == h or host.endswith("." + h) for h in hosts)


class _Composer:
    """Collects answer lines and numbers citations 1..n in order of first use."""

    def __init__(self, answerer: "Answerer") -> None:
        self.answerer = answerer
        self.lines: list[str] = []
        self.citations: list[Citation] = []
        self.overdue_pages: list[PageRecord] = []
        self._stated: set[tuple[str, str]] = set()

    def cite(self, chunk: Chunk, quote: str) -> int:
        for citation in self.citations:
            if citation.chunk_id == chunk.id and citation.quote == quote:
                return citation.n
        page = self.answerer.retriever.page(chunk.url)
        assert page is not None and quote in page.text, "a quote must be a verbatim substring of its page"
        overdue = review_overdue(page.last_reviewed, page.review_frequency, self.answerer.settings.current_date())
        if overdue and page not in self.overdue_pages:
            self.overdue_pages.append(page)
        citation = Citation(len(self.citations) + 1, page.url, page.title, page.last_reviewed, overdue,
                            " > ".join(chunk.heading_path[1:]) or chunk.section, quote, chunk.id)
        self.citations.append(citation)
        return citation.n

    def fact(self, text: str, chunk: Chunk, quote: str | None = None, bullet: bool = False) -> None:
        """A source sentence and its marker; a sentence already stated from the same page is not repeated."""
        if (chunk.url, text) in self._stated:
            return
        self._stated.add((chunk.url, text))
        n = self.cite(chunk, quote or text)
        self.lines.append(f"{'- ' if bullet else ''}{text} [{n}]")

    def say(self, template: str) -> None:
        self.lines.append(template)

    def answer(self) -> Answer:
        for page in self.overdue_pages:
            self.say(OVERDUE.format(title=page_title(page), date=page.last_reviewed))
        return Answer("answered", "\n".join(self.lines), self.citations)


class Answerer:
    def __init__(self, retriever: Retriever, settings: Settings) -> None:
        self.retriever = retriever
        self.settings = settings

    # -- entry point ----------------------------------------------------------------------------------

    def ask(self, question: str, history: list[dict] | None = None) -> Answer:
        question = " ".join(intents.strip_controls(question).split())
        if intents.is_emergency(question):
            return Answer("emergency", EMERGENCY)
        analysis = self.retriever.analyse(question)
        context_names = self._names_from_history(question, analysis, history or [])
        drug_urls = analysis.drug_urls or {url for m in context_names for url in m.urls}
        topic = intents.out_of_scope_topic(question)
        if topic:
            return self._out_of_scope(topic, drug_urls)
        if not analysis.names and not context_names and intents.is_chatter(question):
            return Answer("out_of_scope", OUT_OF_SCOPE_GENERAL)
        query = " ".join([question, *(term for m in context_names for term in m.terms)])
        hits = self.retriever.search(query, k=SEARCH_K, filters=Filters(sections=(APPROVED_USE,)))
        if drug_urls:
            answer = self._about_drugs(question, analysis, drug_urls, hits)
        elif analysis.cancer_urls:
            answer = self._drug_lists(analysis.cancer_urls, hits) or self._best_passages(hits, named_only=True)
        else:
            answer = self._best_passages(hits, named_only=False)
        return answer or Answer("not_in_sources", NOT_IN_SOURCES)

    # -- question kinds -------------------------------------------------------------------------------

    def _names_from_history(self, question, analysis, history: list[dict]):
        """A follow-up ("Is it approved for lymphoma?") borrows the drug named earlier in the conversation."""
        if analysis.drug_urls or not history:
            return []
        if intents.asks_for_list(question) and not intents.refers_back(question):
            return []
        if analysis.names and not intents.refers_back(question):
            return []
        for turn in reversed(history):
            names = [m for m in self.retriever.analyse(str(turn.get("content", ""))).names if m.kind == "drug"]
            if names and turn.get("role") == "user":
                return names
        for turn in reversed(history):
            names = [m for m in self.retriever.analyse(str(turn.get("content", ""))).names if m.kind == "drug"]
            if names:
                return names
        return []

    def _about_drugs(self, question: str, analysis, drug_urls: set[str], hits: list[Hit]) -> Answer | None:
        pages = unique([hit.chunk.url for hit in hits if hit.chunk.url in drug_urls])[:MAX_PAGES]
        if not pages:
            return None
        condition = self._condition(question, analysis)
        matching = {url: [hit.chunk for hit in hits if hit.chunk.url == url and self._mentions(hit, analysis, condition)]
                    for url in pages} if condition else {}
        if condition and len(pages) > 1 and any(matching.values()):
            # A name that stands for several drugs ("the CAR-T for myeloma"): only those that fit.
            pages = [url for url in pages if matching[url]]
        composer = _Composer(self)
        for url in pages:
            page = self.retriever.page(url)
            composer.say(FRAMING_PAGE.format(title=page_title(page), date=page.last_reviewed))
            if condition is None:
                self._indications(composer, url)
                continue
            if matching[url]:
                for chunk in matching[url][:2]:
                    self._whole_chunk(composer, chunk)
            else:
                self._not_listed(composer, page, condition[0], url)
        return composer.answer()

    def _drug_lists(self, list_urls: set[str], hits: list[Hit]) -> Answer | None:
        """"Which drugs are approved for Y?": the list page's own list, verbatim."""
        lists = [hit.chunk for hit in hits if hit.chunk.url in list_urls and hit.chunk.text.startswith("- ")]
        if not lists:
            return None
        url = lists[0].url
        page = self.retriever.page(url)
        composer = _Composer(self)
        for chunk in sorted([c for c in lists if c.url == url][:2], key=lambda c: c.spans[0][0]):
            composer.say(FRAMING_LIST.format(title=display_title(page.title), date=page.last_reviewed,
                                             heading=chunk.heading_path[-1]))
            items = chunk.text.split("\n")
            for item in items[:MAX_LIST_ITEMS]:
                composer.fact(strip_bullet(item), chunk, quote=chunk.text, bullet=True)
            if len(items) > MAX_LIST_ITEMS:
                composer.say(MORE_ITEMS)
        return composer.answer()

    def _best_passages(self, hits: list[Hit], named_only: bool) -> Answer | None:
        """No drug named: answer only from passages the model is confident about."""
        confident = [hit for hit in hits if hit.confidence >= self.settings.min_confidence
                     and (hit.tier > 0 or not named_only)]
        if not confident:
            return None
        composer = _Composer(self)
        for url in unique([hit.chunk.url for hit in confident])[:2]:
            page = self.retriever.page(url)
            composer.say(FRAMING_PAGE.format(title=page_title(page), date=page.last_reviewed))
            for hit in [h for h in confident if h.chunk.url == url][:2]:
                self._whole_chunk(composer, hit.chunk)
        return composer.answer()

    def _out_of_scope(self, topic: str, drug_urls: set[str]) -> Answer:
        related: list[RelatedLink] = []
        for url in sorted(drug_urls)[:MAX_PAGES]:
            page = self.retriever.page(url)
            related.append(RelatedLink(f"NCI: {page_title(page)}", page.url))
            for link in page.links:
                if RELATED_LINK_TEXT.search(link.text) and host_allowed(link.url, self.settings.related_hosts) \
                        and all(r.url != link.url for r in related):
                    related.append(RelatedLink(link.text, link.url))
        return Answer("out_of_scope", OUT_OF_SCOPE.format(topic=topic), related=related)

    # -- pieces of answers ----------------------------------------------------------------------------

    def _indications(self, composer: _Composer, url: str) -> None:
        """"What is X used for?": the first sentence of each indication, in page order."""
        chunks = self.retriever.page_chunks(url, APPROVED_USE)
        labelled = [c for c in chunks if c.label]
        if not labelled:
            for chunk in chunks[:2]:
                self._whole_chunk(composer, chunk)
            return
        for chunk in labelled[:MAX_INDICATIONS]:
            item = indication_line(chunk)
            first = sentences(strip_bullet(item))[0]
            composer.fact(first, chunk, bullet=True)
        if len(labelled) > MAX_INDICATIONS:
            composer.say(MORE_USES)

    def _whole_chunk(self, composer: _Composer, chunk: Chunk) -> None:
        """Every line of a chunk (an indication with its sub-items), each cited to its contiguous part."""
        page = self.retriever.page(chunk.url)
        for start, end in chunk.spans:
            part = page.text[start:end]
            for line in part.split("\n"):
                if line.strip():
                    composer.fact(strip_bullet(line), chunk, quote=part, bullet=line.startswith("- "))

    def _not_listed(self, composer: _Composer, page: PageRecord, condition: str, url: str) -> None:
        chunks = self.retriever.page_chunks(url, APPROVED_USE)
        composer.say(NOT_LISTED.format(title=page_title(page), condition=condition))
        if not chunks:
            return
        first_line = chunks[0].text.split("\n")[0]
        composer.fact(strip_bullet(first_line), chunks[0])

    def _condition(self, question: str, analysis) -> tuple[str, set[str]] | None:
        """What "is X approved for Y" asks about: a known cancer name, or the words after "for"."""
        cancers = [m for m in analysis.names if m.kind == "cancer"]
        if cancers:
            return safe_condition(cancers[0].text), set(analysis.cancer_terms)
        phrase = intents.condition_phrase(question)
        if not phrase:
            return None
        words = set(tokenize(phrase)) - {"cancer", "patient", "adult", "people", "treatment", "disease"}
        drug_words = {t for m in analysis.names for t in tokenize(m.text)}
        words -= drug_words
        if not words:
            return None
        return safe_condition(phrase), words

    @staticmethod
    def _mentions(hit: Hit, analysis, condition: tuple[str, set[str]]) -> bool:
        _, terms = condition
        text = fold(f"{hit.chunk.label or ''} {hit.chunk.text}")
        if analysis.cancer_terms:
            return any(term in text for term in terms)
        return set(terms) <= set(tokenize(text))


def indication_line(chunk: Chunk) -> str:
    """The line of a chunk that starts its indication (after the section preamble)."""
    for line in chunk.text.split("\n"):
        if line.startswith("- ") or (chunk.label and line.startswith(chunk.label)):
            return line
    return chunk.text.split("\n")[-1]


def unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
