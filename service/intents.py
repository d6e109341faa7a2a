"""What kind of question this is, decided by fixed patterns (code, not a prompt, so text cannot talk it round).

Order matters and is applied by the answerer: emergency first, then out-of-scope topics, then chatter.
"""

from __future__ import annotations

import re
import unicodedata

_I = re.I

EMERGENCY = [re.compile(p, _I) for p in (
    r"\bchest (pain|pains|tightness|pressure|hurts?)\b|\bchest (feels|is) (tight|heavy|crushing)\b|\bheart attack\b",
    r"\bheart (is )?(racing|pounding)\b",
    r"\b(trouble|difficulty|hard|struggling|problems?) (breathing|to breathe|catching my breath)\b",
    r"\b(can ?not|can'?t|cannot|unable to) (breathe|catch (my|his|her) breath)\b|\bwheez",
    r"\bshort(ness)? of breath\b|\bgasping\b",
    r"\b(kill|killing|hurt|hurting|harm|harming) (myself|my self)\b|\bself[- ]harm\b|\bsuicid"
    r"|\bend (my|it all|my own) life\b|\bwant to die\b|\bdon'?t want to (live|be alive)\b|\bbetter off dead\b",
    r"\bfever\b.*\b(chemo|chemotherapy|treatment|infusion|transplant|car[- ]?t)\b"
    r"|\b(chemo|chemotherapy)\b.*\bfever\b|\b(temp|temperature|fever)\b.*\b(10[0-9](\.\d)?|3[89](\.\d)?)\b"
    r"|\b(10[0-9](\.\d)?|3[89](\.\d)?) ?(°|degrees?)? ?(f|c)?\b.*\b(temp|temperature|fever)\b|\bchills\b.*\bchemo",
    r"\b(severe|heavy|uncontrolled|a lot of) bleeding\b|\bbleeding\b.*\b(won'?t|will not|doesn'?t|does not) stop\b"
    r"|\bbleeding (heavily|a lot)\b|\b(coughing|vomiting|throwing) (up )?blood\b|\bblood in (my |his |her )?(vomit|stool|urine)\b"
    r"|\bblack,? tarry stools?\b|\btarry stools?\b",
    r"\b(passed out|pass out|fainted|fainting|unconscious|unresponsive|collapsed|can'?t (stay|keep) awake|won'?t wake up)\b",
    r"\bseizure|\bstroke\b|\bface (is )?drooping\b|\bslurred\b|\bweakness on one side\b|\bnumb(ness)? on one side\b",
    r"\b(throat|tongue|lips?|face|mouth) (is |are )?(swelling|swollen|closing)\b|\banaphyla|\bhives\b.*\bbreath",
    r"\boverdos|\btook too (much|many)\b|\bdouble dose\b",
    r"\bconfused\b.*\b(infusion|car[- ]?t|chemo|treatment)\b|\bsuddenly confused\b",
    r"\bemergency\b|\b911\b",
)]

OUT_OF_SCOPE = {
    "side effects": r"\bside[- ]?effects?\b|\badverse (events?|reactions?)\b|\b(make|made|makes) (me|him|her|you) (sick|nauseous|tired)\b"
                    r"|\bhair\b.*\b(loss|fall|falls|lose)\b|\blose my hair\b|\bsafe\b|\bwill .* cause\b|\bcause .* pain\b",
    "dosing and schedules": r"\bdos(e|es|age|ing)\b|\bhow (much|many|often)\b|\bhow long (does|is|will|do)\b.*\b(take|last|course|stay|treatment|cycle|infusion)"
              r"|\bmg\b|\bmilligrams?\b|\bschedule\b|\bmissed (a )?dose\b|\bcycles?\b|\btime of day\b|\bwhen should i take\b"
              r"|\bhospital stay\b|\bpremedicat|\binfusion rate\b|\bhow (fast|long) .* infus",
    "interactions": r"\binteract|\bwith (alcohol|grapefruit|food|other (drugs|medicines|medications))\b|\bmix\b"
                    r"|\balcohol\b|\bdrink\b|\bsupplements?\b|\bvitamins?\b|\bgrapefruit\b|\bjuice\b"
                    r"|\bcan (i|he|she|we) (take|have|use|drink|eat) .+ (with|while)\b",
    "cost": r"\bcost|\bprice|\bexpensive\b|\bafford|\binsurance\b|\bcopay|\bpay for\b|\bmedicare\b|\bcoverage\b"
            r"|\bassistance program\b|\bfinancial\b",
    "survival and results": r"\bsurviv|\bprognos|\blife expectancy\b|\bhow long (will|do|would|can) (i|he|she|they|my|people|patients)\b.*\blive"
                r"|\bcure rate\b|\bsuccess rate\b|\bresponse rate\b|\bpercent(age)? of (people|patients)\b|\bchances?\b"
                r"|\bwill (it|this) (cure|work)\b|\bcure me\b|\bdie\b|\bdeath rate\b|\bhow (well|effective)\b",
    "getting the drug": r"\bwhere (can|do) (i|we) (get|buy|find)\b|\bhow (can|do) (i|we) (get|obtain|buy)\b|\bprescription\b"
              r"|\bpharmacy\b|\bbuy\b|\border (it|online)\b|\bgeneric version\b|\bclinical trials?\b"
              r"|\b(best|which|good) (hospital|doctor|clinic|cancer cent(er|re))\b",
    "treatment decisions": r"\bshould (i|we|he|she|my \w+) (switch|stop|start|take|try|choose|get)\b|\bwhich is better\b"
                           r"|\bbetter than\b|\bwhat should i (eat|do)\b|\bdiet\b",
    "pregnancy": r"\bpregnan|\bbreast ?feed|\bnursing (a|my) baby\b|\bfertility\b",
    "storage": r"\bstored?\b|\bstorage\b|\brefrigerat|\bexpire|\bexpiration\b",
    "how it works": r"\bhow does .* work\b|\bmechanism\b|\bhow .* works?\b",
    "other topics": r"\b(poem|poetry|story|song|joke|recipe|weather|sports?|movie|homework)\b|\bsystem prompt\b",
}
_OUT_OF_SCOPE = {topic: re.compile(pattern, _I) for topic, pattern in OUT_OF_SCOPE.items()}

MEDICAL = re.compile(
    r"\b(drugs?|medicines?|medications?|meds|treat|treats|treatment|therapy|therapies|cancers?|tumou?rs?|"
    r"approved|approval|fda|disease|syndrome|indications?|used (for|to)|prescribed|pills?|infusion|chemo\w*|"
    r"leukemia|lymphoma|myeloma|carcinoma|sarcoma|melanoma|oncolog\w*|immunotherapy|vaccine|regimen|"
    r"combination|brand|generic|doctor|nurse|patient|diagnos\w*)\b|\bwhat('s| is| are)\b.+\bfor\W*$", _I)

LIST_INTENT = re.compile(
    r"\b(which|what|list( of)?|any|options?|available)\b.*\b(drugs?|medicines?|medications?|treatments?|therap(y|ies)|"
    r"options?|immunotherap(y|ies)|chemo\w*)\b|\bdrugs? (are )?(approved|used|available) (for|to treat|in)\b"
    r"|\bwhat (is|are) (approved|available|used) (for|to treat)\b|\bwhat treats\b|\bwhat can treat\b", _I)

PRONOUN = re.compile(r"\b(it|its|this|that|these|those|they|them|the drug|this drug|that drug|same|also)\b"
                     r"|^\s*(what|how) about\b|^\s*and\b", _I)

# "for lung cancer", "to treat kids with ALL": what an "is X approved for Y" question asks about.
CONDITION_PHRASE = re.compile(
    r"\b(?:approved|used|indicated|given|prescribed|effective|good|ok|okay|work|drugs?|medicines?|treat)\b.*?"
    r"\b(?:for|to treat|treat|against|in)\s+"
    r"(?:people with |patients with |adults with |children with |kids with |treating |the treatment of )?"
    r"([A-Za-z][A-Za-z0-9 \-']{2,60}?)\s*(?:[?.!]|$)", _I)

# "What is Lipitor used for?", "Is metformin approved ...", "What does Humira treat?": the drug asked about.
SUBJECT = re.compile(
    r"\b(?:what(?:'s|’s| is| are)|is|are|does|do|can|that)\s+(?:the\s+)?([A-Za-z][A-Za-z0-9\-]+)\s+"
    r"(?:is\s+|are\s+)?(?:used|approved|indicated|for|treat|treats|prescribed|given)\b", _I)

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


def subject_word(text: str) -> str | None:
    match = SUBJECT.search(text)
    return match.group(1) if match else None


def condition_phrase(text: str) -> str | None:
    match = CONDITION_PHRASE.search(text)
    return match.group(1).strip(" -'") if match else None
