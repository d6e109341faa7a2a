"""Compose extractive, cited answers from approved-use text only.

Every fact in an answer is a sentence copied from an `approved_use` chunk and followed by its citation
marker; everything else is one of the fixed templates below. Nothing here generates text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Literal, get_args

from ingest.artifact import Chunk, PageRecord
from ingest.names import display_title, name_tokens
from ingest.pages import url_problem
from retrieval import Filters, Hit, Retriever
from retrieval.lexical import STOPWORDS, fold, tokenize
from retrieval.retriever import CHILDHOOD, condition_tokens
from service import intents
from service.settings import Settings

APPROVED_USE = "approved_use"
Status = Literal["answered", "not_in_sources", "out_of_scope", "emergency"]
STATUSES: tuple[str, ...] = get_args(Status)
REVIEW_DAYS = {"weekly": 7, "monthly": 31, "quarterly": 92, "semiannually": 183, "semi-annually": 183,
               "biannually": 183, "annually": 366, "yearly": 366}
MAX_PAGES = 3
MAX_INDICATIONS = 30
MAX_FULL_LINES = 24  # a page's indications up to this many lines are quoted whole, else one sentence each
MAX_LIST_ITEMS = 200
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
GENERIC_WORDS = frozenset({"cancer", "cancers", "disease", "diseases", "drug", "drugs", "medicine", "medicines",
                           "treatment", "treatments", "people", "patients", "adults", "children", "kids"})


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
    """What /v1/ask returns (these dataclasses are its response schema)."""

    status: Status
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
    """https on one of `hosts` or a subdomain of one: the same rule ingest keeps links by."""
    return url_problem(url, hosts, subdomains=True) is None


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
        if page is None or quote not in page.text:  # never cite what the page does not say, verbatim
            raise ValueError(f"quote is not in {chunk.url}: {quote[:60]!r}")
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
        context = self._names_from_history(question, analysis, history or [])
        if context:
            # A follow-up is read as if it repeated the names it leans on.
            question = f"{question} ({', '.join(m.text for m in context)})"
            analysis = self.retriever.analyse(question)
        topic = intents.out_of_scope_topic(question)
        if topic:
            return self._out_of_scope(topic, analysis.drug_urls)
        if not analysis.names and intents.is_chatter(question):
            return Answer("out_of_scope", OUT_OF_SCOPE_GENERAL)
        if not analysis.names and self._asks_about_unknown(question):
            return Answer("not_in_sources", NOT_IN_SOURCES)
        query = " ".join([question, *analysis.canonical_names])
        hits = self.retriever.search(query, k=SEARCH_K, filters=Filters(sections=(APPROVED_USE,)))
        if analysis.drug_urls:
            answer = self._about_drugs(question, analysis, analysis.drug_urls, hits)
        elif analysis.cancer_urls:
            answer = self._drug_lists(question, analysis, hits) or self._best_passages(hits, named_only=True)
        else:
            answer = self._best_passages(hits, named_only=False)
        return answer or Answer("not_in_sources", NOT_IN_SOURCES)

    def _asks_about_unknown(self, question: str) -> bool:
        """The drug or condition asked about is a word the pages never use (metformin, lupus): nothing to cite,
        whatever passage happens to be nearest."""
        words = []
        subject = intents.subject_word(question)
        if subject:
            words.append(subject)
        phrase = intents.condition_phrase(question)
        if phrase:
            words.extend(re.findall(r"[a-z0-9]+", fold(phrase)))
        telling = [w for w in (fold(w) for w in words) if len(w) >= 3 and w not in STOPWORDS
                   and w not in GENERIC_WORDS]
        return any(not self.retriever.knows_word(w) for w in telling)

    # -- question kinds -------------------------------------------------------------------------------

    def _names_from_history(self, question: str, analysis, history: list[dict]) -> list:
        """The names a follow-up leans on ("Is it approved for lymphoma?" after a question about Keytruda):
        those of the latest turn that named any, the user's turns first. A question that names its own drug,
        or its own cancer or list without pointing back ("it", "what about"), stands alone."""
        if analysis.drug_urls or not history:
            return []
        points_back = intents.refers_back(question)
        if not points_back and (analysis.cancer_urls or intents.asks_for_list(question)
                                or intents.subject_word(question) not in (None, "there")):
            return []  # "What is aspirin used for?" after a Keytruda question is about aspirin
        for user_only in (True, False):
            for turn in reversed(history):
                if user_only and turn.get("role") != "user":
                    continue
                names = self.retriever.analyse(str(turn.get("content", ""))[:1000]).names
                wanted = [m for m in names if m.kind == "drug"] if analysis.cancer_urls else names
                if wanted:
                    return wanted
        return []

    def _about_drugs(self, question: str, analysis, drug_urls: set[str], hits: list[Hit]) -> Answer | None:
        phrase = " ".join(name_tokens((intents.condition_phrase(question) or "").lower()))
        in_condition = {url for m in analysis.names if m.kind == "drug" and phrase and m.text in phrase for url in m.urls}
        if in_condition and drug_urls - in_condition:
            # "Is glucarpidase approved for methotrexate toxicity?" asks about glucarpidase, not methotrexate.
            drug_urls = drug_urls - in_condition
        pages = unique([hit.chunk.url for hit in hits if hit.chunk.url in drug_urls])[:MAX_PAGES]
        if not pages:
            return None
        condition = self._condition(question, analysis)
        # Every approved-use chunk of the page is checked, best-ranked first: "does not list Y" must not rest
        # on the top hits alone.
        matching = {url: [chunk for chunk in self._page_chunks_ranked(url, hits)
                          if self.retriever.mentions(chunk.id, condition[1])]
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
            elif condition[2]:
                self._not_listed(composer, page, condition[0], url)
            else:
                # Free words we could not match ("after stem cell transplant") are no ground for saying the
                # page does not list them: show what it does list.
                self._indications(composer, url)
        return composer.answer()

    def _page_chunks_ranked(self, url: str, hits: list[Hit]) -> list[Chunk]:
        ranked = [hit.chunk for hit in hits if hit.chunk.url == url]
        seen = {chunk.id for chunk in ranked}
        return ranked + [c for c in self.retriever.page_chunks(url, APPROVED_USE) if c.id not in seen]

    def _drug_lists(self, question: str, analysis, hits: list[Hit]) -> Answer | None:
        """"Which drugs are approved for Y?": the lists of Y's list page, verbatim, in page order; only the
        lists whose heading names Y when some do (CML on the leukemia page), else all of them."""
        pages = unique([hit.chunk.url for hit in hits if hit.chunk.url in analysis.cancer_urls])
        if not CHILDHOOD.search(question):
            pages.sort(key=lambda url: url in self.retriever.childhood_urls)  # the general list first
        lists = [c for url in pages[:1] for c in self.retriever.page_chunks(url, APPROVED_USE) if c.text.startswith("- ")]
        if not lists:
            return None
        naming = [c for c in lists if self.retriever.mentions_text(c.heading_path[-1], analysis.condition_tokens)]
        page = self.retriever.page(pages[0])
        composer = _Composer(self)
        for chunk in naming or lists:
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
        for url in unique([hit.chunk.url for hit in confident])[:1]:
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
        """"What is X used for?": each indication in page order, whole, or its first sentence on long pages."""
        chunks = self.retriever.page_chunks(url, APPROVED_USE)
        labelled = [c for c in chunks if c.label]
        if not labelled:
            for chunk in chunks[:2]:
                self._whole_chunk(composer, chunk)
            return
        if sum(chunk.text.count("\n") + 1 for chunk in labelled) <= MAX_FULL_LINES:
            for chunk in labelled:
                self._whole_chunk(composer, chunk)
            return
        preamble = labelled[0].text.split("\n\n")[0] if len(labelled[0].spans) > 1 else None
        if preamble:
            composer.fact(preamble, labelled[0])
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

    def _condition(self, question: str, analysis) -> tuple[str, list[frozenset[str]], bool] | None:
        """What "is X approved for Y" asks about: Y as written, the words an indication that fits must
        contain, and whether Y is a condition the pages name (only then may an answer say it is not listed).
        Y is a known cancer or condition, or else the words after "for" (less any drug's name)."""
        cancers = [m for m in analysis.names if m.kind == "cancer"]
        if cancers:
            return safe_condition(cancers[0].text), analysis.condition_tokens, True
        phrase = intents.condition_phrase(question)
        if not phrase:
            return None
        drug_words = {t for m in analysis.names if m.kind == "drug" for t in tokenize(m.text)}
        words = condition_tokens(phrase) - drug_words - {"patient", "adult", "people", "treatment", "treating"}
        if not words:
            return None
        return safe_condition(phrase), [words], False

def indication_line(chunk: Chunk) -> str:
    """The line of a chunk that starts its indication (after the section preamble)."""
    for line in chunk.text.split("\n"):
        if line.startswith("- ") or (chunk.label and line.startswith(chunk.label)):
            return line
    return chunk.text.split("\n")[-1]


def unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
