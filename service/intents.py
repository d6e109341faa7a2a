"""What kind of question this is, decided by fixed patterns (code, not a prompt, so text cannot talk it round).

Order matters and is applied by the answerer: emergency first, then out-of-scope topics, then chatter.
"""

from __future__ import annotations

import re
import unicodedata

_I = re.I

EMERGENCY = [re.compile(p, _I) for p in (
    r"\bchest (pain|pains|tightness|pressure)\b",
    r"\b(trouble|difficulty|hard|struggling|problems?) (breathing|to breathe|catching my breath)\b",
    r"\b(can ?not|can't|cannot|unable to) (breathe|catch my breath)\b",
    r"\bshort(ness)? of breath\b",
    r"\b(kill|hurt|harm) (myself|my self)\b|\bself[- ]harm\b|\bsuicid|\bend (my|it all|my own) life\b"
    r"|\bwant to die\b|\bdon'?t want to (live|be alive)\b|\bbetter off dead\b",
    r"\bfever\b.*\b(chemo|chemotherapy|treatment|infusion|transplant|car[- ]?t)\b"
    r"|\b(chemo|chemotherapy)\b.*\bfever\b|\b(10[0-9](\.\d)?|3[89](\.\d)?) ?(°|degrees?)? ?(f|c)?\b.*\b(temp|temperature|fever)\b"
    r"|\b(temp|temperature|fever)\b.*\b(10[0-9](\.\d)?|3[89](\.\d)?)\b",
    r"\b(severe|heavy|uncontrolled|won'?t stop|wont stop|a lot of) bleeding\b|\bbleeding (heavily|a lot|that won'?t stop|won'?t stop)\b"
    r"|\b(coughing|vomiting|throwing) up blood\b|\bblood in (my )?(vomit|stool)\b",
    r"\b(passed out|fainted|fainting|unconscious|unresponsive|collapsed)\b",
    r"\bseizure|\bstroke\b|\bface (is )?drooping\b|\bslurred speech\b",
    r"\b(throat|tongue|lips?|face) (is )?(swelling|swollen|closing)\b|\banaphyla",
    r"\boverdos|\btook too (much|many)\b",
    r"\bemergency\b|\bcall 911\b|\b911\b",
)]

OUT_OF_SCOPE = {
    "side effects": r"\bside[- ]?effects?\b|\badverse (events?|reactions?)\b|\b(make|made|makes) me (sick|nauseous|tired)\b"
                    r"|\bhair loss\b|\blose my hair\b|\bsafe\b",
    "dosing": r"\bdos(e|es|age|ing)\b|\bhow (much|many|often|long)\b.*\b(take|taking|given|give|get)\b|\bmg\b|\bmilligrams?\b"
              r"|\bschedule\b|\bmissed (a )?dose\b|\binfusion time\b",
    "interactions": r"\binteract|\bwith (alcohol|grapefruit|food|other (drugs|medicines|medications))\b|\bmix\b"
                    r"|\btake .* (with|together)\b.*\?|\bcombine .* with\b|\balcohol\b|\bdrink\b",
    "cost": r"\bcost|\bprice|\bexpensive\b|\bafford|\binsurance\b|\bcopay|\bpay for\b|\bmedicare\b|\bcoverage\b",
    "survival": r"\bsurviv|\bprognos|\blife expectancy\b|\bhow long (will|do|would|can) (i|he|she|they|my)\b.*\blive"
                r"|\bcure rate\b|\bsuccess rate\b|\bchances?\b|\bwill (it|this) cure\b|\bcure me\b|\bdie\b|\bdeath rate\b",
    "access": r"\bwhere (can|do) (i|we) (get|buy|find)\b|\bhow (can|do) (i|we) (get|obtain|buy)\b|\bprescription\b"
              r"|\bpharmacy\b|\bbuy\b|\border (it|online)\b|\bgeneric version\b|\bclinical trials?\b",
    "pregnancy": r"\bpregnan|\bbreast ?feed|\bnursing (a|my) baby\b|\bfertility\b",
    "storage": r"\bstore\b|\bstorage\b|\brefrigerat|\bexpire|\bexpiration\b",
    "how it works": r"\bhow does .* work\b|\bmechanism\b|\bhow .* works?\b",
}
_OUT_OF_SCOPE = {topic: re.compile(pattern, _I) for topic, pattern in OUT_OF_SCOPE.items()}

MEDICAL = re.compile(
    r"\b(drugs?|medicines?|medications?|meds|treat|treats|treatment|therapy|therapies|cancers?|tumou?rs?|"
    r"approved|approval|fda|disease|syndrome|indications?|used (for|to)|prescribed|pills?|infusion|chemo\w*|"
    r"leukemia|lymphoma|myeloma|carcinoma|sarcoma|melanoma|oncolog\w*|immunotherapy|vaccine|regimen|"
    r"combination|brand|generic|doctor|nurse|patient|diagnos\w*)\b", _I)

LIST_INTENT = re.compile(
    r"\b(which|what|list( of)?|any|options?|available)\b.*\b(drugs?|medicines?|medications?|treatments?|therap(y|ies)|"
    r"options?|immunotherap(y|ies)|chemo\w*)\b|\bdrugs? (are )?(approved|used|available) (for|to treat|in)\b"
    r"|\bwhat (is|are) (approved|available|used) (for|to treat)\b|\bwhat treats\b|\bwhat can treat\b", _I)

PRONOUN = re.compile(r"\b(it|its|this|that|these|those|they|them|the drug|this drug|that drug|same)\b", _I)

# "for lung cancer", "to treat kids with ALL": what an "is X approved for Y" question asks about.
CONDITION_PHRASE = re.compile(
    r"\b(?:approved|used|indicated|given|prescribed|effective|good|ok|okay|work)\b.*?\b(?:for|to treat|against|in)\s+"
    r"(?:people with |patients with |adults with |children with |kids with |treating |the treatment of )?"
    r"([A-Za-z][A-Za-z0-9 \-']{2,60}?)\s*(?:[?.!]|$)", _I)

_CONTROL = re.compile(r"[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def strip_controls(text: str) -> str:
    """Control, zero-width and bidirectional-override characters removed; they only hide or reorder text."""
    return _CONTROL.sub("", unicodedata.normalize("NFC", text))


def is_emergency(text: str) -> bool:
    return any(pattern.search(text) for pattern in EMERGENCY)


def out_of_scope_topic(text: str) -> str | None:
    for topic, pattern in _OUT_OF_SCOPE.items():
        if pattern.search(text):
            return topic
    return None


def is_chatter(text: str) -> bool:
    """No drug, cancer or treatment vocabulary at all: small talk, not a question for these pages."""
    return MEDICAL.search(text) is None


def asks_for_list(text: str) -> bool:
    return LIST_INTENT.search(text) is not None


def refers_back(text: str) -> bool:
    return PRONOUN.search(text) is not None


def condition_phrase(text: str) -> str | None:
    match = CONDITION_PHRASE.search(text)
    return match.group(1).strip(" -'") if match else None
