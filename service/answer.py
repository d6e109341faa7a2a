"""Compose extractive, cited answers from approved-use text only, and decide when not to answer.

The reply's status comes from the question's one analysis (`retrieval.query.Query`): an emergency first,
then what the question names and asks (`Answerer.reply`). Every fact in an answer is a sentence copied from
an approved-use chunk and followed by its citation marker; everything else is one of the fixed templates
below. Nothing here generates text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum

from ingest.artifact import Chunk, PageRecord, Section, display_title
from ingest.names import name_tokens
from ingest.pages import url_problem
from retrieval import Filters, Hit, Retriever
from retrieval.intent import TOPICS, Intent
from retrieval.lexical import fold, folded_words, together_as_written
from retrieval.query import (BIOMARKER, CAUSED_BY_WORDS, OTHER_LABEL_TOPIC, PD_L1_BLOCKERS, POINTING_TO_A_DRUG,
                             PREVENTION, Query, biomarker_status, condition_words, contradicts, indication_status,
                             marker_mentions, marker_statuses, question_parts)
from retrieval.triage import Triage
from service.settings import Settings


class Status(StrEnum):
    ANSWERED = "answered"
    NOT_IN_SOURCES = "not_in_sources"
    OUT_OF_SCOPE = "out_of_scope"
    EMERGENCY = "emergency"


REVIEW_DAYS = {"weekly": 7, "monthly": 31, "quarterly": 92, "semiannually": 183, "semi-annually": 183,
               "biannually": 183, "annually": 366, "yearly": 366}
MAX_PAGES = 3
SEARCH_TERMS_CONFIDENCE = 0.5  # search terms read by the intent head at this or more keep its reading
MAX_INDICATIONS = 30
MAX_FULL_LINES = 24  # a page's indications up to this many lines are quoted whole, else one sentence each
MAX_LIST_ITEMS = 200
MAX_LIST_PAGES = 3  # list pages quoted for a question naming several cancers
MAX_MARKER_PAGES = 6  # drug pages quoted for a cancer with a gene change ("BRAF melanoma")
MOST_OF_A_LIST = 0.5  # a kind of a list's cancer whose drugs are more than this share of the list gets the list
SEARCH_K = 12
MAX_CONDITION_WORDS = 4  # a condition named whole in a "not in sources" reply
CHILDREN = re.compile(r"\b(children|child|childhood|pediatric|paediatric|adolescents?|infants?)\b", re.I)
# A cancer list page's lists of treatments ("Drugs Approved for Prostate Cancer", "Drug Combinations Used in ...");
# the related-conditions page names its lists by condition ("Nausea and Vomiting").
TREATMENT_LIST = re.compile(r"Drugs Approved (for|to Treat)\b|Drug Combinations\b", re.I)
MAX_LIST_CHUNKS = 50  # a cancer's list pages, searched whole for a drug's item (leukemia's two: 34 chunks)
LEXICAL_SUPPORT_RANK = 10  # with no name to go by, a passage needs BM25 to rank it this high as well
CONDITION_COVERAGE = 2 / 3  # and to have this share of the telling words of the condition asked about

# The fixed templates. Only these (and cited source sentences) ever appear in an answer.
FRAMING_PAGE = "According to NCI's page on {title}, last reviewed {date}:"
FRAMING_LIST = "According to NCI's page \"{title}\", last reviewed {date}, the list \"{heading}\" includes:"
NOT_LISTED = "NCI's page on {title} does not list {condition} among its approved uses. Its approved-use section says:"
NOT_NAMED = ("NCI's page on {title} does not name {condition} itself among its approved uses. Its approved-use section "
             "says:")
MORE_USES = "NCI's page lists more approved uses than are shown here."
MORE_PAGES = ("NCI also has pages on {titles}, which this name covers too; ask about one of them by name to see its "
              "uses.")
MORE_ITEMS = "The list on NCI's page goes on; open the page to see all of it."
SAME_LIST = ("According to NCI's page \"{title}\", last reviewed {date}, the list \"{heading}\" names the same ones as "
             "the list \"{same_as}\".")
MORE_LISTS = "NCI also has {titles}, which this name covers too; ask about one of them by name to see its list."
MORE_MARKER_PAGES = ("NCI's pages on {titles} also name {marker} in approved uses for this cancer; ask about one of "
                     "them by name to see them.")
MORE_MARKER_PAGE = ("NCI's page on {titles} also names {marker} in approved uses for this cancer; ask about it by name "
                    "to see them.")
MORE_KIND_PAGES = ("NCI's pages on {titles} also name {kind} in approved uses; ask about one of them by name to see "
                   "them.")
MORE_KIND_PAGE = "NCI's page on {titles} also names {kind} in approved uses; ask about it by name to see them."
OVERDUE = "NCI's page on {title} was last reviewed on {date} and is due for review, so it may not be current."
NOT_IN_SOURCES = ("NCI's cancer drug pages here do not cover {subject}, so this service cannot answer it from them. "
                  "Please ask your doctor, nurse or pharmacist.")
NOT_IN_SOURCES_SUBJECT = "what this question asks about"
OFF_LABEL_USE = "off-label use (a drug used for something other than what it is approved for)"
ANIMALS = "cancer in pets and other animals (the pages are about treating people)"
OUT_OF_SCOPE = ("This service answers only from NCI's information on what cancer drugs are approved to treat, so it "
                "cannot answer questions about {topic}. Please ask your doctor, nurse or pharmacist.")
ABOUT_THIS_SERVICE = ("This service answers questions about what cancer drugs are approved to treat, from NCI's drug "
                      "pages: for example, \"What is Keytruda approved for?\" or \"Which drugs are approved for "
                      "ovarian cancer?\" For anything else, please ask your doctor, nurse or pharmacist.")
# "which drugs treat methotrexate toxicity?", "doxorubicin extravasation": the harm a drug does, named after it.
HARM_DONE = r"(toxicit(y|ies)|\w+toxicity|overdoses?|poisoning|extravasations?)"
# What a question that names a drug only as a cause must say: a cheap test before one built from the drug's name.
NAMES_A_CAUSE = re.compile(rf"\b{CAUSED_BY_WORDS}\s|[- ]induced\b|{HARM_DONE}\b")
# "is Opdivo approved for the same cancers as Keytruda?": Keytruda is asked about too, not a condition.
SAME_AS = re.compile(r"\b(same|similar)\b.*\bas\b")
ALSO_ASKED = ("This service cannot answer the rest of the question, about {topic}, from NCI's approved-use text. "
              "Please ask your doctor, nurse or pharmacist.")
OUTSIDE_US = ("NCI's pages describe approvals by the US Food and Drug Administration (FDA); what is approved in other "
              "countries may differ.")
EMERGENCY = ("This may be a medical emergency. Call your local emergency number (911 in the US) or your care team "
             "right now. Do not wait for an answer online.")
SAFETY_NOTE = ("If you have {symptom} now, call your care team or your local emergency number (911 in the US) "
               "right away.")
DISCLAIMER = ("This information comes from the National Cancer Institute's drug pages and is not medical advice. "
              "Talk with your doctor or care team about your own treatment.")
# A question about approval elsewhere: the pages give FDA approvals only. NICE counts only in capitals ("nice").
OTHER_COUNTRY = re.compile(r"\b(?i:uk|u\.k\.|united kingdom|britain|england|scotland|wales|northern ireland|ireland|mhra|"
                           r"europe\w*|eu|ema|canada|australia\w*|tga|new zealand|india|japan|china|germany|france|spain|"
                           r"italy|mexico|brazil|south africa)\b|\bNICE\b")
STATUS = re.compile(r"\b(negative|positive)\b", re.I)  # "triple negative": a status, named in a use's details too
# What an indication leaves out: "Squamous cell carcinoma of the head and neck (excluding the lip)".
EXCLUDED = re.compile(r"\(\s*(excluding|except|other than|not including)\b[^)]*\)|"
                      r"\b(excluding|except for|other than|not including)\b[^.;,()]*", re.I)
RELATED_LINK_TEXT = re.compile(r"drug dictionary|medlineplus|dailymed", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(])")


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
    safety_note: str | None = None  # for a question that mentions a red-flag symptom without reporting it
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

    def fact(self, text: str, chunk: Chunk, quote: str | None = None, bullet: bool = False, again: bool = False
             ) -> None:
        """A source sentence and its marker; a sentence already stated from the same page is not repeated, except
        `again`: a list's item, which another list of the page may name too (cytarabine for ALL and for AML)."""
        if (chunk.url, text) in self._stated and not again:
            return
        self._stated.add((chunk.url, text))
        n = self.cite(chunk, quote or text)
        self.lines.append(f"{'- ' if bullet else ''}{text} [{n}]")

    def say(self, template: str) -> None:
        self.lines.append(template)

    def answer(self) -> Answer:
        for page in self.overdue_pages:
            self.say(OVERDUE.format(title=page_title(page), date=page.last_reviewed))
        return Answer(Status.ANSWERED, "\n".join(self.lines), self.citations)


def prevention_last(lists: list[Chunk], asks_prevention: bool) -> list[Chunk]:
    """A page's lists of drugs that prevent the cancer come after those that treat it, unless prevention is asked
    about ("which vaccines prevent cervical cancer?"), when they are the answer. NCI puts them first."""
    prevent = [chunk for chunk in lists if PREVENTION.search(chunk.heading_path[-1])]
    if asks_prevention:
        return prevent or lists
    return [chunk for chunk in lists if chunk not in prevent] + prevent


def followed_by(first: Answer, second: Answer) -> Answer:
    """Two answers to two questions of one message, as one: the second's citations numbered on from the first's."""
    offset = len(first.citations)
    lines = [re.sub(r"\[(\d+)\]$", lambda m: f"[{int(m.group(1)) + offset}]", line)
             for line in second.answer.split("\n")]
    return Answer(Status.ANSWERED, first.answer + "\n" + "\n".join(lines),
                  first.citations + [replace(citation, n=citation.n + offset) for citation in second.citations])


def not_in_sources(subject: str = NOT_IN_SOURCES_SUBJECT) -> Answer:
    return Answer(Status.NOT_IN_SOURCES, NOT_IN_SOURCES.format(subject=subject))


def safety_note(triage: Triage) -> str | None:
    return SAFETY_NOTE.format(symptom=triage.mentioned.note_name) if triage.mentioned else None


class Answerer:
    def __init__(self, retriever: Retriever, settings: Settings) -> None:
        self.retriever = retriever
        self.settings = settings

    # -- entry point ----------------------------------------------------------------------------------

    def ask(self, question: str, history: list[dict] | None = None) -> Answer:
        query = self.retriever.analyse(question, history or [])
        if query.triage.is_emergency:
            return Answer(Status.EMERGENCY, EMERGENCY)
        answer = self.reply(query)
        if answer.status is Status.ANSWERED:
            if query.also_asked in TOPICS:
                answer.answer += "\n" + ALSO_ASKED.format(topic=TOPICS[query.also_asked])
            if OTHER_COUNTRY.search(query.text):
                answer.answer += "\n" + OUTSIDE_US  # "is Keytruda approved in the UK for lung cancer?"
        answer.safety_note = safety_note(query.triage)
        return answer

    def reply(self, query: Query) -> Answer:
        """The status follows from what the question names and asks:

        - a corpus drug or regimen (not one named only as the cause of the condition asked about): answered if
          approved-use text answers what it asks (`Query.asks_approved_use`, or search terms whose other words its
          approved uses name), else out of scope with the page's own links;
        - a medicine no page covers: not in sources, naming it, unless the message reports how someone is now ("no
          poo for 5 days and my belly is sore, on morphine and chemo" is about symptoms now, not morphine);
        - a cancer: its drug list for "which drugs treat Y", else out of scope with its page;
        - nothing the pages name: for an answerable question, not in sources if it asks about a condition the
          pages never mention (lupus), else only a passage that both dense and BM25 retrieval rank high and that
          names the condition (dense similarity alone never makes a page the subject of a question); out of
          scope for small talk and whatever approved-use text never answers.

        Before all of these, a question about a pet's cancer ("anything approved for my dog's lymphoma?": the pages
        are about people), or whose subject is a drug no page covers ("Is Avmapki approved for ovarian cancer?"), or
        that asks whether a medicine no page covers is a cancer drug ("Is Flomax a prostate cancer drug like
        Casodex?"), is not in sources, whatever else it names; so is a message that only tells of someone given such
        a drug ("mum started on inluriyo last week").
        """
        if query.about_an_animal:
            return not_in_sources(ANIMALS)  # "is there anything approved for my dog's lymphoma?"
        if query.asks_off_label_use and query.asks_approved_use(about_a_drug=bool(query.drugs)):
            return not_in_sources(OFF_LABEL_USE)  # "what is used off label for X?": approved-use text lists approvals
        if query.unknown_subject and (query.asks_approved_use(about_a_drug=True) or query.asks_whether_approved
                                      or query.asks_what_it_is_for):
            return not_in_sources(query.unknown_subject)
        medicine = query.asks_if_a_medicine_is_for_cancer
        if medicine is not None:
            return not_in_sources(medicine)
        if drugs_only_as_a_cause(query) or query.asks_for_a_cancers_drugs:
            query = query.without_drugs()  # and its search no longer ranks that drug's page first
        if query.drugs:
            if query.asks_for_a_form_under_the_skin and (forms := self._forms_under_the_skin(query)):
                return forms
            if not (query.asks_approved_use(about_a_drug=True) or self._searched_approved_use(query)):
                return self._out_of_scope(query.topic, sorted(query.drug_urls))
            answer = self._about_drugs(query, self._search(query)) or not_in_sources()
            if answer.status is Status.ANSWERED and query.asks_a_cancers_drugs_too:
                cancer_only = query.without_drugs()  # "... and what other drugs are approved for melanoma?"
                listed = self._drug_lists(cancer_only, self._search(cancer_only))
                if listed is not None and listed.status is Status.ANSWERED:
                    return followed_by(answer, listed)
            return answer
        if (query.medicines and not medicines_only_as_a_cause(query) and not medicines_only_told(query)
                and query.intent is not Intent.URGENT):
            return not_in_sources(", ".join(dict.fromkeys(m.described for m in query.medicines)))
        if query.unknown_names and (query.asks_about_a_drug or searched_for_unknown_drug(query)):
            return not_in_sources(query.unknown_names[0])  # "our son's doctor mentioned Modeyso, what is it for?"
        if (given := unknown_drug_given(query)) is not None:
            return not_in_sources(given)  # "mum started on inluriyo last week"
        if query.symptom_asked is not None and query.asks_approved_use(about_a_drug=False):
            # "is there anything for the bone pain from myeloma?": the symptom's passages, not the cancer's list
            return self._passages_for(replace(query, condition=query.symptom_asked), query.symptom_unknown_terms)
        if query.cancers:
            if query.asks_approved_use(about_a_drug=False):
                if (kind := query.kind_no_page_names) is not None:
                    return not_in_sources(kind)  # "is there anything approved for aplastic anemia?"
                hits = self._search(query)
                return (self._drugs_for_a_marker(query) or self._drugs_for_a_kind(query)
                        or self._drug_lists(query, hits) or self._best_passages(query, hits, named_only=True)
                        or not_in_sources())
            return self._out_of_scope(query.intent if query.intent is Intent.DEFINITION else query.topic,
                                      sorted(query.cancer_urls))
        if query.intent is Intent.CHATTER:
            return self._out_of_scope(Intent.CHATTER, [])
        if query.asks_approved_use(about_a_drug=False):
            if query.markers and (for_the_marker := self._drugs_for_a_marker(query)):
                return for_the_marker  # "what drugs target KRAS G12C?": the indications that name the gene
            return self._passages_for(query, query.unknown_terms)
        return self._out_of_scope(query.intent if query.intent is Intent.DEFINITION else query.topic, [])

    def _passages_for(self, query: Query, unknown_terms: tuple[str, ...]) -> Answer:
        """A condition no list is named for: the passages that name it, or not in sources, naming the words no page
        uses ("lupus", "hot flashes") when it has some."""
        if unknown_terms:
            return not_in_sources(condition_named(query, unknown_terms))
        best = self._best_passages(query, self._search(query), named_only=False)
        if best is None:
            return not_in_sources()
        return self._drugs_naming_the_condition(query, {citation.url for citation in best.citations}) or best

    def _drugs_naming_the_condition(self, query: Query, best_urls: set[str]) -> Answer | None:
        """"What drugs are approved for cholangiocarcinoma?": no list is named for it, so the uses on drug pages
        whose indications name it (five pages), not only the passage ranked best (`best_urls`, which must be among
        them). None unless more than one page names it."""
        if query.condition is None:
            return None
        found, named_at = self._indications_naming(dict.fromkeys(query.condition.token_sets, False))
        if len(found) < 2 or not best_urls <= set(found):
            return None
        kind = query.condition.text
        more = tuple(template.format(titles="{titles}", kind=kind) for template in (MORE_KIND_PAGE, MORE_KIND_PAGES))
        return self._uses_on_drug_pages(found, named_at, more)

    def _searched_approved_use(self, query: Query) -> bool:
        """"darzalex faspro amyloidosis": search terms the intent head cannot read, whose every other word the
        drug's approved-use text uses ("xgeva teeth problems" is not one: its approved uses never say "teeth")."""
        words = set(query.searched_words or ())
        return (bool(words) and query.prediction.confidence < SEARCH_TERMS_CONFIDENCE
                and any(self.retriever.covers(chunk.id, words) == 1.0 for url in query.drug_urls
                        for chunk in self.retriever.page_chunks(url, Section.APPROVED_USE)))

    def _search(self, query: Query) -> list[Hit]:
        return self.retriever.search(query, k=SEARCH_K, filters=Filters(sections=(Section.APPROVED_USE,)))

    # -- question kinds -------------------------------------------------------------------------------

    def _about_drugs(self, query: Query, hits: list[Hit]) -> Answer | None:
        drug_urls = set(query.drug_urls)
        phrase = condition_as_named(query)
        in_condition = {url for m in query.drugs if phrase and m.text in phrase for url in m.urls}
        compared = SAME_AS.search(phrase) is not None
        if in_condition and drug_urls - in_condition and not compared:
            # "Is glucarpidase approved for methotrexate toxicity?" asks about glucarpidase, not methotrexate.
            drug_urls -= in_condition
        condition = (None if query.asks_other_uses or query.condition and query.condition.only_an_age_group
                     else query.condition)  # "what childhood cancers is dinutuximab approved for?": its uses for children
        shown = drug_urls
        if query.childhood and len(drug_urls) > 1 and (condition is None or not condition.known):
            # "which CAR-T is approved for kids?": the pages whose approved uses name children, when some do.
            shown = {url for url in drug_urls if self._approved_for_children(url)} or drug_urls
        pages = unique([hit.chunk.url for hit in hits if hit.chunk.url in shown])
        if condition is not None and len(shown) > 1:
            # "is CAR-T an option for myeloma?": every drug the name stands for is a candidate, the best-ranked first;
            # those whose uses fit are kept below (Abecma as well as Carvykti, though only one made the top hits).
            pages += sorted(shown - set(pages))
        if compared or not pages:  # each drug asked about, though the top hits all went to another one it names
            for m in query.drugs:
                missing = sorted(set(m.urls) & shown)
                if missing and not set(missing) & set(pages):
                    pages.append(missing[0])
        if not pages:
            return None
        # Every approved-use chunk of the page is checked, best-ranked first: "does not list Y" must not rest
        # on the top hits alone.
        naming = {url: [chunk for chunk in self._page_chunks_ranked(url, hits)
                        if self.retriever.mentions(chunk.id, condition.token_sets)
                        and self.retriever.mentions_text(EXCLUDED.sub(" ", chunk.text), condition.token_sets)]
                  for url in pages} if condition else {}  # not "head and neck (excluding the lip)" for lip cancer
        # "Is Herceptin approved for HER2 negative breast cancer?": its breast cancer indication is for HER2+.
        asked_status = biomarker_status(query.text)
        matching = {url: [chunk for chunk in chunks
                          if not contradicts(asked_status, indication_status(indication_head(chunk), asked_status))]
                    for url, chunks in naming.items()} if asked_status else naming  # most name no biomarker
        if condition and len(pages) > 1 and any(matching.values()):
            # A name that stands for several drugs ("the CAR-T for myeloma"): only those that fit.
            pages = [url for url in pages if matching[url]]
        pages = pages[:MAX_PAGES]
        composer = _Composer(self)
        for url in pages:
            page = self.retriever.page(url)
            composer.say(FRAMING_PAGE.format(title=page_title(page), date=page.last_reviewed))
            if condition is None:
                for_children = self._indications_for_children(url) if query.childhood else []
                for chunk in for_children:  # "can children get it?": the uses that name them, whole
                    self._whole_chunk(composer, chunk)
                if not for_children:
                    self._indications(composer, url)
                continue
            if matching[url]:
                for chunk in matching[url][:2]:
                    self._whole_chunk(composer, chunk)
            elif naming[url]:  # only indications for the other status of a biomarker asked about
                stated = " and ".join(m[0] for m in BIOMARKER.finditer(query.text))
                self._not_listed(composer, page, f"{stated} {condition.text}", url)
            elif condition.known:
                listed = self._list_items_for(query, url)
                if listed:  # its page names only kinds of the cancer (Brukinsa: mantle cell lymphoma, ...), or none
                    composer.say(NOT_NAMED.format(title=page_title(page), condition=condition.text))
                    self._indications(composer, url)
                    self._list_items(composer, *listed)
                else:
                    self._not_listed(composer, page, condition.text, url)
            elif condition.may_be_unlisted:
                self._not_listed(composer, page, condition.text, url)  # "is methotrexate approved for lupus?"
            else:
                # Free words we could not match ("after stem cell transplant") are no ground for saying the
                # page does not list them: show what it does list.
                self._indications(composer, url)
        # "list all the CAR-T therapies": one name for more pages than are shown; the rest are named.
        left_out = sorted({url for m in query.drugs if len(m.urls) > 1 for url in m.urls} & drug_urls - set(pages))
        if condition is None and left_out:
            composer.say(MORE_PAGES.format(titles=in_words(sorted(page_title(self.retriever.page(url))
                                                                  for url in left_out))))
        return composer.answer()

    def _approved_for_children(self, url: str) -> bool:
        return any(CHILDREN.search(chunk.text) for chunk in self.retriever.page_chunks(url, Section.APPROVED_USE))

    def _indications_for_children(self, url: str) -> list[Chunk]:
        return [chunk for chunk in self.retriever.page_chunks(url, Section.APPROVED_USE)
                if chunk.label and CHILDREN.search(chunk.text)]

    def _list_items_for(self, query: Query, url: str) -> tuple[Chunk, list[str]] | None:
        """The items that link to the drug's page in the asked cancer's lists, under a heading that names it
        ("Is Brukinsa approved for non-Hodgkin lymphoma?": NCI's non-Hodgkin lymphoma list has it, though the
        drug's page names only kinds of lymphoma). From a search of the cancer's list pages, general list first."""
        if not query.cancer_urls:
            return None
        hits = self.retriever.search(query, k=MAX_LIST_CHUNKS, filters=Filters(
            sections=(Section.APPROVED_USE,), urls=tuple(sorted(query.cancer_urls))))
        chunks = [hit.chunk for hit in hits if self.retriever.mentions_text(hit.chunk.heading_path[-1],
                                                                           query.cancer_token_sets)]
        if not query.childhood:
            chunks.sort(key=lambda chunk: chunk.url in self.retriever.childhood_urls)  # stable: ranks kept
        return self._first_list_linking(chunks, {url})

    def _first_list_linking(self, chunks: Iterable[Chunk], urls: set[str]) -> tuple[Chunk, list[str]] | None:
        """The first of `chunks` (lists) with items that link to any of `urls`, and those items (whole lines)."""
        for chunk in chunks:
            page = self.retriever.page(chunk.url)
            items = [line_at(page.text, link.start) for link in page.links
                     if link.target in urls and any(start <= link.start < end for start, end in chunk.spans)]
            if items:
                return chunk, unique(items)
        return None

    def _list_items(self, composer: _Composer, chunk: Chunk, items: list[str]) -> None:
        """A list's framing, then each of `items` (lines of the list) quoted from it."""
        page = self.retriever.page(chunk.url)
        composer.say(FRAMING_LIST.format(title=display_title(page.title), date=page.last_reviewed,
                                         heading=chunk.heading_path[-1]))
        for item in items:
            composer.fact(strip_bullet(item), chunk, quote=chunk.text, bullet=True, again=True)

    def _page_chunks_ranked(self, url: str, hits: list[Hit]) -> list[Chunk]:
        ranked = [hit.chunk for hit in hits if hit.chunk.url == url]
        seen = {chunk.id for chunk in ranked}
        return ranked + [c for c in self.retriever.page_chunks(url, Section.APPROVED_USE) if c.id not in seen]

    def _drug_lists(self, query: Query, hits: list[Hit]) -> Answer | None:
        """"Which drugs are approved for Y?": the lists of Y's list page, verbatim, in page order; only the
        lists whose heading names Y when some do (CML on the leukemia page), else all of them."""
        pages = unique([hit.chunk.url for hit in hits if hit.chunk.url in query.cancer_urls])
        narrowest = query.narrowest_cancers
        if len(narrowest) < len(query.cancers):  # "melanoma skin cancer": the melanoma list
            urls = {url for m in narrowest for url in m.urls}
            pages = [url for url in pages if url in urls or url in self.retriever.childhood_urls] or pages
        if len(query.cancers) == 1 and len(query.cancers[0].urls) > 1 and not query.childhood:
            meanings = self.retriever.names.meanings(query.cancers[0])  # "lymphoma", "sarcoma": the commonest first
            pages.sort(key=lambda url: meanings.index(url) if url in meanings else len(meanings))
        if not query.childhood:
            pages.sort(key=lambda url: url in self.retriever.childhood_urls)  # the general list first
        chosen = pages[:1]
        joined = query.cancers_joined
        if joined:  # "breast and ovarian cancer": each one's best-ranked list page too
            for cancer in query.cancers:
                if pages and not set(chosen) & set(cancer.urls):
                    chosen += [url for url in pages if url in cancer.urls][:1]
        chunks = [c for url in chosen[:MAX_LIST_PAGES] for c in self.retriever.page_chunks(url, Section.APPROVED_USE)]
        # A list whose items lost their markers (pheochromocytoma's, Ewing sarcoma's one drug) is quoted as the
        # one line it is.
        lists = [c for c in chunks if c.text.startswith("- ")] or chunks
        if not lists:
            return None
        prevented = query.prevention_asked_for
        if prevented and all(TREATMENT_LIST.match(c.heading_path[-1]) for c in lists):
            # "Is there a pill to prevent prostate cancer?": its page lists only drugs that treat it.
            return not_in_sources(f"drugs to prevent {prevented.text}")
        naming = [c for c in chunks if self.retriever.mentions_text(c.heading_path[-1], query.cancer_token_sets)]
        composer = _Composer(self)
        quoted: dict[tuple[str, str], Chunk] = {}  # a list's page and items -> the list quoted with them
        for chunk in prevention_last(naming or lists, asks_prevention=query.asks_prevention):
            same_as = quoted.setdefault((chunk.url, chunk.text), chunk)
            if same_as is not chunk:  # "bowel cancer": the rectal cancer list names the colon cancer list's drugs
                page = self.retriever.page(chunk.url)
                composer.say(SAME_LIST.format(title=display_title(page.title), date=page.last_reviewed,
                                              heading=chunk.heading_path[-1], same_as=same_as.heading_path[-1]))
                continue
            items = chunk.text.split("\n")
            self._list_items(composer, chunk, items[:MAX_LIST_ITEMS])
            if len(items) > MAX_LIST_ITEMS:
                composer.say(MORE_ITEMS)
        # "blood cancer", "lymphoma": one name for several list pages, of which one is quoted; the others are named.
        others = unique([url for m in query.cancers if len(m.urls) > 1 for url in m.urls
                         if url not in chosen and (query.childhood or url not in self.retriever.childhood_urls)
                         and self.retriever.page(url) is not None and self.retriever.page(url).kind == "list"])
        if others and not joined:
            composer.say(MORE_LISTS.format(titles=in_words(sorted(f'"{display_title(self.retriever.page(url).title)}"'
                                                                  for url in others))))
        return composer.answer()

    def _forms_under_the_skin(self, query: Query) -> Answer | None:
        """"What is Darzalex used for?" | "Is there a version given as a shot under the skin?": the pages of the drug's
        forms given with hyaluronidase (Darzalex Faspro), whose approved-use text says how they are given, and their
        uses."""
        known = self.retriever.names.forms_under_the_skin
        forms = sorted({form for url in query.drug_urls for form in known.get(url, ())})
        if not forms:
            return None
        composer = _Composer(self)
        for url in forms[:MAX_PAGES]:
            page = self.retriever.page(url)
            composer.say(FRAMING_PAGE.format(title=page_title(page), date=page.last_reviewed))
            for chunk in self.retriever.page_chunks(url, Section.APPROVED_USE):
                if chunk.label is None and "subcutaneous" in chunk.text:
                    self._whole_chunk(composer, chunk)
            self._indications(composer, url)
        return composer.answer()

    def _drugs_for_a_marker(self, query: Query) -> Answer | None:
        """"Which drugs are approved for BRAF melanoma?", "my dad's lung cancer has a KRAS mutation, which drugs target
        that?": the indications, on drug pages, that name both the cancer and the gene (not the other status of a
        biomarker asked about), rather than the cancer's whole list. None when no indication names both."""
        markers = query.markers
        if not markers or query.asks_prevention:
            return None
        if PD_L1_BLOCKERS.search(query.marker_text):
            return None
        asked = marker_statuses(query.marker_text, [written for written, _ in query.markers_written]) or {"positive"}
        found: dict[str, list[Chunk]] = {}
        named_at: dict[str, int] = {}  # where a page's indications first name the gene as asked
        for word in markers:
            for chunk in self.retriever.indications_naming(word, query.cancer_token_sets):
                at = min((at for at, status in marker_mentions(chunk.text, markers) if status in asked), default=None)
                if at is not None and chunk not in found.get(chunk.url, []):
                    found.setdefault(chunk.url, []).append(chunk)
                    named_at[chunk.url] = min(at, named_at.get(chunk.url, at))
        if not found:
            return None
        # Uses for the gene's cancer first, where the indication names the gene early ("Non-small cell lung cancer that
        # is ALK positive"), not in a clause after it ("... patients with an abnormal ALK gene must have had ...").
        marker = " or ".join(dict.fromkeys(written for written, _ in query.markers_written))
        more = tuple(template.format(titles="{titles}", marker=marker)
                     for template in (MORE_MARKER_PAGE, MORE_MARKER_PAGES))
        return self._uses_on_drug_pages(found, named_at, more)

    def _drugs_for_a_kind(self, query: Query) -> Answer | None:
        """"What is approved for mantle cell lymphoma?": a kind of cancer that no heading of its list pages names (the
        non-Hodgkin lymphoma list holds its drugs among 90 others) is answered by the list's items for the drugs whose
        indications treat it, then those indications, rather than the whole list. None when a list names what is
        asked (CLL's own list, "GIST" for gastrointestinal stromal tumors) or no indication names it."""
        if query.asks_prevention or query.childhood or not query.cancers:
            return None
        kinds: dict[frozenset[str], bool] = {}  # each kind's words, and whether a use may name it in its details
        kind_names: list[str] = []
        for cancer in query.narrowest_cancers:
            headings = [chunk.heading_path[-1] for url in cancer.urls
                        for chunk in self.retriever.page_chunks(url, Section.APPROVED_USE)]
            unlisted = [(name, tokens) for name in cancer.kind_of or cancer.terms if (tokens := condition_words(name))
                        and not any(self.retriever.mentions_text(heading, [tokens]) for heading in headings)]
            if not unlisted:
                return None  # "GIST" stands for its list's own name
            for name, tokens in unlisted:
                # "triple negative" is a status, which a drug page may name in a use's details ("in patients with
                # triple-negative cancer") rather than as what it treats
                kinds.setdefault(tokens, STATUS.search(name) is not None)
            kind_names.append(unlisted[0][0])
        found, named_at = self._indications_naming(kinds)
        if not found:
            return None
        listed = self._list_items_linking(query, set(found))
        if listed is not None and len(listed[1]) > len(listed[0].text.split("\n")) * MOST_OF_A_LIST:
            return None  # the list is nearly all for the kind ("h&n scc" on the head and neck list): quote it whole
        composer = _Composer(self)
        if listed is not None:
            self._list_items(composer, *listed)
        kind = in_words(kind_names)
        more = tuple(template.format(titles="{titles}", kind=kind) for template in (MORE_KIND_PAGE, MORE_KIND_PAGES))
        return self._uses_on_drug_pages(found, named_at, more, composer)

    def _indications_naming(self, kinds: dict[frozenset[str], bool]) -> tuple[dict[str, list[Chunk]], dict[str, int]]:
        """The indications on drug pages that name one of `kinds` (its words -> whether a use may name it in its details
        rather than its head, as "triple negative"), by page, and where each page's indications first name it
        ("Mantle cell lymphoma." before "... after other lymphoma drugs, including mantle cell")."""
        found: dict[str, list[Chunk]] = {}
        named_at: dict[str, int] = {}
        for tokens, in_details in kinds.items():
            word = max(sorted(tokens), key=len)
            for chunk in self.retriever.indications_naming(word, [tokens]):
                head = chunk.text if in_details else EXCLUDED.sub(" ", indication_head(chunk))
                if self.retriever.mentions_text(head, [tokens]) and chunk not in found.get(chunk.url, []):
                    found.setdefault(chunk.url, []).append(chunk)
                    line = fold(strip_bullet(indication_line(chunk)))
                    at = line.find(word) % (len(line) + 1)  # named only in the lead-in, or as a synonym: last
                    named_at[chunk.url] = min(at, named_at.get(chunk.url, at))
        return found, named_at

    def _list_items_linking(self, query: Query, urls: set[str]) -> tuple[Chunk, list[str]] | None:
        """The first list of the asked cancer's list pages (the general list before a childhood one) with items that
        link to any of `urls`, and those items."""
        pages = sorted(query.cancer_urls, key=lambda url: (url in self.retriever.childhood_urls, url))
        lists = (chunk for url in pages for chunk in self.retriever.page_chunks(url, Section.APPROVED_USE))
        return self._first_list_linking(lists, urls)

    def _uses_on_drug_pages(self, found: dict[str, list[Chunk]], named_at: dict[str, int], more: tuple[str, str],
                            composer: _Composer | None = None) -> Answer:
        """The indications `found` on each drug page, the pages where they are named soonest first, up to
        MAX_MARKER_PAGES; `more` (for one page left, and for several) names the rest."""
        urls = sorted(found, key=lambda url: (named_at[url], page_title(self.retriever.page(url))))
        composer = composer or _Composer(self)
        for url in urls[:MAX_MARKER_PAGES]:
            page = self.retriever.page(url)
            composer.say(FRAMING_PAGE.format(title=page_title(page), date=page.last_reviewed))
            for chunk in found[url][:2]:
                self._whole_chunk(composer, chunk)
        rest = [page_title(self.retriever.page(url)) for url in urls[MAX_MARKER_PAGES:]]
        if rest:
            composer.say(more[len(rest) > 1].format(titles=in_words(rest)))
        return composer.answer()

    def _named_outright(self, query: Query, hit: Hit, words: set[str]) -> bool:
        """BM25's first passage, whose indication names every telling word of the condition, for what it is asked
        for: "the pill for the tumors in the belly lining called desmoid tumors" dilutes the question's vector, not
        the evidence. (A vaccine that prevents a cancer is no treatment for it.)"""
        head = indication_head(hit.chunk)
        return (hit.lexical_rank == 1 and self.retriever.covers_text(head, words) == 1.0
                and (PREVENTION.search(head) is None or PREVENTION.search(query.text) is not None))

    def _best_passages(self, query: Query, hits: list[Hit], named_only: bool) -> Answer | None:
        """No drug named: answer only from passages the model is confident about, that BM25 ranks high too and
        that have most words of the condition asked about ("what do they give for a low platelet count?"), so
        that dense similarity alone never makes a page the subject of a question. With no condition to check
        ("who should get the testosterone patch?"), nothing is answered."""
        if query.condition is None and not named_only:
            return None
        words = set().union(*query.condition.token_sets) if query.condition else set()
        confident = [hit for hit in hits if (hit.confidence >= self.settings.min_confidence
                                             or self._named_outright(query, hit, words))
                     and 0 < hit.lexical_rank <= LEXICAL_SUPPORT_RANK and (hit.tier > 0 or not named_only)
                     and self.retriever.covers(hit.chunk.id, words) >= CONDITION_COVERAGE
                     and (named_only or self.retriever.covers_text(EXCLUDED.sub(" ", indication_head(hit.chunk)), words)
                          >= CONDITION_COVERAGE)]  # not "head and neck cancer (excluding the lip)" for lip cancer
        if not confident:
            return None
        composer = _Composer(self)
        for url in unique([hit.chunk.url for hit in confident])[:1]:
            page = self.retriever.page(url)
            composer.say(FRAMING_PAGE.format(title=page_title(page), date=page.last_reviewed))
            for hit in [h for h in confident if h.chunk.url == url][:2]:
                self._whole_chunk(composer, hit.chunk)
        return composer.answer()

    def _out_of_scope(self, intent: Intent, urls: list[str]) -> Answer:
        """The fixed reply naming the topic, with the pages' own related links: for a drug its NCI page,
        MedlinePlus, DailyMed and NCI Drug Dictionary links; for a cancer its NCI page."""
        related: list[RelatedLink] = []
        for url in urls[:MAX_PAGES]:
            page = self.retriever.page(url)
            related.append(RelatedLink(f"NCI: {page_title(page)}", page.url))
            for link in page.links:
                if RELATED_LINK_TEXT.search(link.text) and host_allowed(link.url, self.settings.related_hosts) \
                        and all(r.url != link.url for r in related):
                    related.append(RelatedLink(link.text, link.url))
        topic = TOPICS.get(intent)
        if intent is Intent.CHATTER or topic is None:  # "hi", "thanks!", "what can you do?": say what it can do
            return Answer(Status.OUT_OF_SCOPE, ABOUT_THIS_SERVICE, related=related)
        return Answer(Status.OUT_OF_SCOPE, OUT_OF_SCOPE.format(topic=topic), related=related)

    # -- pieces of answers ----------------------------------------------------------------------------

    def _indications(self, composer: _Composer, url: str) -> None:
        """"What is X used for?": each indication in page order, whole, or its first sentence on long pages."""
        chunks = self.retriever.page_chunks(url, Section.APPROVED_USE)
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
        """"Is Lupron approved for breast cancer?": no, and what it is approved for. (Its first line alone,
        "Leuprolide acetate is approved for palliative treatment of:", left the reader at a colon.)"""
        composer.say(NOT_LISTED.format(title=page_title(page), condition=condition))
        self._indications(composer, url)


def condition_as_named(query: Query) -> str:
    """The words after "approved for", lower case and split as names are, to find the drugs named in them."""
    return as_named(query.condition_phrase or "")


def as_named(text: str) -> str:
    return " ".join(name_tokens(text.lower()))


def searched_for_unknown_drug(query: Query) -> bool:
    """"lynozyfic myeloma", "avmapki fakzynja ovarian": search terms naming no corpus drug that open with a word no
    page uses, beside a cancer or read as nothing in particular ("mammogram how often" reads as a question of its
    own; "drugs for chemo induced nausea" opens with what it asks for)."""
    opening = (re.findall(r"[\w'-]+", query.text) or [""])[0].lower()  # "emrelis?" opens with "emrelis"
    return (query.searched_words is not None and not query.drugs and bool(query.unknown_names)
            and query.unknown_names[0].lower() == opening
            and not OTHER_LABEL_TOPIC.search(query.text)  # "dose sisplaten cause hearring loss"
            and (bool(query.cancers) or query.intent is Intent.CHATTER
                 or query.prediction.confidence < SEARCH_TERMS_CONFIDENCE))


# "mum started on inluriyo last week", "my doctor mentioned gomekli for my son's nf1": someone given a drug, named
# right after the verb.
GIVEN_A_DRUG = re.compile(r"\b(mentioned|prescribed|started( \w+)? on|put (him|her|me|them|us) on|wants? to (start|try|"
                          r"give|use)|switch(ed|ing)? to|is on|am on|been on|taking|takes|given)\s+(?P<name>[\w-]+)",
                          re.I)


def unknown_drug_given(query: Query) -> str | None:
    """The drug no page covers that a message asking nothing tells of someone being given: what it is for is what the
    writer wants to know, as with a drug the pages cover ("my doctor mentioned Tagrisso")."""
    if question_parts(query.text) or query.drugs or not query.unknown_names:
        return None
    unknown = {name.lower(): name for name in query.unknown_names}
    return next((unknown[match["name"].lower()] for match in GIVEN_A_DRUG.finditer(query.text)
                 if match["name"].lower() in unknown), None)


def drugs_only_as_a_cause(query: Query) -> bool:
    """"what is approved for hot flashes from tamoxifen?": every drug named is the cause of the condition asked
    about, so the question asks what treats that condition, not what the drug is approved for."""
    return only_as_a_cause(query, [as_named(m.text) for m in query.drugs])


def medicines_only_as_a_cause(query: Query) -> bool:
    """"what is approved for opioid induced constipation?", "the drug for constipation from morphine": the same for
    medicines no page covers, which then are not what the question asks about."""
    return only_as_a_cause(query, [as_named(m.text) for m in query.medicines])


# A question that chooses among what the message told of: "Which one is better for cancer pain?".
WHICH_OF_SEVERAL = re.compile(r"\b(which (one|ones|of)|either|both|neither|better|safer|stronger)\b", re.I)


def medicines_only_told(query: Query) -> bool:
    """"... My kids are fair skinned ... Is melanoma hereditary? ... I've become a total sunscreen fanatic": the
    medicines no page covers are told of outside every sentence that asks something, those sentences name a cancer or
    a drug of their own, and none points back to the medicines ("My dad takes metformin. Is it approved for cancer?"
    asks about metformin, "... switch from oxycodone to morphine. Which one is better for cancer pain?" about them)."""
    asked = [sentence for sentence in re.split(r"(?<=[.!?])\s+", query.text) if sentence.rstrip().endswith("?")]
    if any(POINTING_TO_A_DRUG.search(sentence) or WHICH_OF_SEVERAL.search(sentence) for sentence in asked):
        return False
    asked_words = [set(folded_words(sentence)) for sentence in asked]

    def named_in_a_question(texts: Iterable[str]) -> bool:
        return any(set(folded_words(text)) <= words for text in texts for words in asked_words)

    return (named_in_a_question(m.text for m in query.names)
            and not named_in_a_question(m.text for m in query.medicines))


def only_as_a_cause(query: Query, names: list[str]) -> bool:
    phrase = condition_as_named(query) if query.condition is not None else as_named(query.text)
    return bool(names) and NAMES_A_CAUSE.search(phrase) is not None and all(
        re.search(rf"\b{CAUSED_BY_WORDS}\s+{re.escape(name)}\b|\b{re.escape(name)}([- ]induced|( \w+)? "
                  rf"{HARM_DONE})\b", phrase)
        for name in names)


def line_at(text: str, position: int) -> str:
    """The whole line of `text` around `position`."""
    end = text.find("\n", position)
    return text[text.rfind("\n", 0, position) + 1:end if end >= 0 else len(text)]


def indication_line(chunk: Chunk) -> str:
    """The line of a chunk that starts its indication (after the section preamble)."""
    for line in chunk.text.split("\n"):
        if line.startswith("- ") or (chunk.label and line.startswith(chunk.label)):
            return line
    return chunk.text.split("\n")[-1]


def indication_head(chunk: Chunk) -> str:
    """What an indication treats: the section's lead-in ("JEB is used in children to treat the following malignant
    extracranial germ cell tumors:") and the first sentence of its line ("Constipation caused by the use of
    opioids."), not who it is for ("It is used in adults with pain caused by cancer")."""
    line = indication_line(chunk)
    lead_in = chunk.text.split(line, 1)[0] if line else ""
    return f"{lead_in} {next(iter(sentences(strip_bullet(line))), '')}"


def condition_named(query: Query, unknown_terms: tuple[str, ...]) -> str:
    """What a reply says the pages do not cover: the condition as asked, up to its cause ("hair loss" from "hair loss
    from chemo", "hand foot syndrome"), when it is short and holds the words no page uses; else those words."""
    phrase = (query.condition.text if query.condition else None) or query.condition_phrase or ""
    asked = re.split(rf"\s+{CAUSED_BY_WORDS}\s", phrase, maxsplit=1)[0].strip()
    words = folded_words(asked)
    if (0 < len(words) <= MAX_CONDITION_WORDS and set(unknown_terms) & set(words)
            and set(unknown_terms) <= set(folded_words(phrase))):
        return asked
    return together_as_written(unknown_terms, query.text)


def in_words(items: list[str]) -> str:
    """["A", "B", "C"] -> "A, B and C"."""
    return " and ".join(filter(None, [", ".join(items[:-1]), items[-1]])) if items else ""


def unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
