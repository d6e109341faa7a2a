"""One analysis of a question, made once per request: what it names, what it asks, whether it is urgent.

The retriever ranks passages from it and the answerer decides the reply's status from it; neither reads the
question's text again. Built by `QueryAnalyser.analyse(question, history)`:

- names: corpus drugs, regimens and cancers (`NameMatcher`), or, for a follow-up that points back ("is it
  approved for lymphoma?"), those of the conversation's latest turn that had any;
- medicines the pages do not cover (metoprolol), and words asked about that no page uses (lupus);
- the condition an "is X approved for Y" question asks about;
- the intent, from the question's embedding (`retrieval/intent.py`), and the triage (`retrieval/triage.py`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from retrieval.intent import ANSWERABLE, ANSWERABLE_FOR_A_DRUG, EMBEDDED_DRUG, WORD_CANCER, WORD_DRUG, Intent, \
    IntentHead, IntentPrediction
from retrieval.lexical import STOPWORDS, american_spelling, fold, naming_tokens, stem, together_as_written, tokenize
from retrieval.name_matcher import (JOINING_WORDS, MEDICINE_KINDS, LengthBuckets, Medicine, NameMatch, NameMatcher,
                                    capitalised, masked, question_tokens)
from retrieval.triage import ANOTHER_MATTER, FLAG_WORDS, Triage, asks_whether_to_worry, asks_whether_urgent, triage

_I = re.I
MAX_HISTORY_CHARS = 1000
ANSWER_PROBABILITY = 0.5  # answer when the answerable intents together are likelier than all the others

# Words that name no particular drug or condition: never the subject of a question, never what makes a
# condition fit ("lung cancer" is told apart by "lung").
GENERIC_WORDS = frozenset({
    "cancer", "cancers", "carcinoma", "tumor", "tumors", "tumour", "tumours", "neoplasm", "disease", "diseases",
    "type", "drug", "drugs", "medicine", "medicines", "medication", "medications", "meds", "pill", "pills", "tablet",
    "tablets", "injection", "injections", "shot", "shots", "jab", "jabs", "treatment", "treatments", "treating",
    "people", "patient", "patients", "adult", "adults", "children", "kids",
    # "my hemoglobin is low from chemo, is anything approved for that"
    "anything", "something", "everything", "nothing",
}) | MEDICINE_KINDS

REFERENCE_WORDS = frozenset({"after", "following", "before", "from", "than", "instead", "replacing", "post", "prior",
                             "failed", "failing"})
CHILDHOOD = re.compile(r"\b(child|children|childhood|kids?|pediatric|paediatric|bab(y|ies)|infants?|toddlers?|"
                       r"newborns?)\b", _I)
# The same, as tokenised: a condition of these words alone is who a drug treats ("childhood cancers").
AGE_GROUP_WORDS = frozenset({"childhood", "pediatric", "paediatric", "child", "children", "kid", "kids", "baby",
                             "babies", "infant", "infants", "toddler", "toddlers", "newborn", "newborns"})
# "Dad was on Opdivo for melanoma. What else is approved for melanoma?": other drugs for it, not his drug's uses.
OTHER_DRUGS = re.compile(r"\b(what|which|any|are there)( \w+)? (else|other|others|alternatives?)\b", _I)
# "Is Avastin only a bowel cancer drug?", "Gleevec - just leukemia or other things too?": all its uses, please.
OTHER_USES = re.compile(r"\b(only|just|solely|other (things|uses|cancers|conditions|stuff|types)|anything else|"
                        r"what else|else)\b", _I)
# "what does Xgeva do?": what it is for, and how it works; not "what do I do?".
WHAT_IT_DOES = re.compile(r"\bwhat (does|do|will|would|is) (?!(i|we|you|u|they|he|she)\b)([\w'-]+ ){1,4}?(do|doing)\W*"
                          r"(exactly|actually|for (me|him|her|you|them|us))?\W*$", _I)
# "is Tagrisso only for stage 4?": all it is approved for.
ONLY_FOR = re.compile(r"\b(only|just|solely) (for|used for|approved for|given for|given to|for people with)\b", _I)
# A drug's approved uses in the words of nurses and pharmacists; what else a label says, asked beside them.
INDICATION = re.compile(r"\b(indications?|indicated|on[- ]label|label(l?ed)? (for|indications?|uses?)|labell?ed|"
                        r"fda[- ](approv|label)\w*|label or off[- ]?label|"
                        # "ibrutinib MCL - is it still listed", "datroway EGFR NSCLC - is that on the NCI page yet"
                        r"(is|are) (it|that|this|they) (still |now |even )?(listed|on the (nci )?(page|label|list))|"
                        r"(in|on) the label)\b", _I)  # "in what line and stage of SCLC is it labeled?"
# "does Carvykti need prior BCMA?", "what lines is Tecartus approved in?", "is it 2L?": which treatments must come
# first, which approved-use text says ("who have received at least one line of treatment that included ...").
PRIOR_TREATMENT = re.compile(r"\b((need|needs|require|requires|required|must have|have to have) (\w+ )?(prior|previous|"
                             r"earlier)|prior (therap\w*|treatments?|lines?|regimens?)|how many (prior )?lines|"
                             r"(which|what) lines?|(first|second|third|later)[- ]line|[1-4] ?l\b|pre-?treated|"
                             r"after (progression|failure) (on|of)|line requirements?)", _I)
OTHER_LABEL_TOPIC = re.compile(r"\b(dos(e|es|ing|age)|mg|contraindicat\w*|side[- ]effects?|adverse|toxicit\w*|interact\w*|"
                               r"warnings?|precautions?|pregnan\w*|breastfeed\w*|stor(e|age)|renal|hepatic|cost|price|"
                               # "is it FDA approved to have a glass of wine with Herceptin?", "how many rounds of R-CHOP
                               # does the FDA approve?", "... approved for someone with long QT?"
                               r"alcohol|wine|beers?|grapefruit|diet|how many (rounds|cycles|courses|doses|infusions|"
                               r"sessions)|qtc?|arrhythmi\w*|heart (conditions?|problems?|disease|failure)|supplements?|"
                               r"herbal|st\.? john'?s'? wort)\b", _I)
# Prevention, asked about or named in a list's heading ("Drugs Approved to Prevent Breast Cancer"), and a drug
# asked for that prevents ("which vaccines prevent cervical cancer?", "a pill to lower my risk").
_LOWERS_RISK = r"prevent\w*|(lower|reduc)\w* (the |my |her |his )?(risk|chance)"
PREVENTION = re.compile(rf"\b({_LOWERS_RISK}|risk[- ]reduc\w*|vaccin\w*)\b", _I)
DRUGS_THAT_PREVENT = re.compile(rf"\b(drugs?|medicines?|medications?|meds|vaccines?|pills?|shots?)\b.{{0,40}}\b"
                                rf"({_LOWERS_RISK})|\bapproved to prevent\b", _I)
# A question whose object is a dose ("what is the approved dose of Keytruda for lung cancer?"), which approved-use
# text never gives, though the intent head hears "approved"; not a kind of treatment ("what high-dose chemo ...").
ASKS_FOR_A_DOSE = re.compile(r"\b(what|what's|whats|which|how much)\b[^.?!]{0,40}?(?<!high[- ])(?<!low[- ])"
                             r"\b(doses?|dosage|dosing)\b(?![- ]dense)", _I)
# ... or typed as search terms: "ibrance neutropenia dose reduction", "keytruda dosing" ("wat dose gleevac treet"
# is "what does").
DOSE_WORDS = re.compile(r"\b(dosing|dosage|doses|dose (reductions?|adjustments?|modifications?|escalation|changes?|"
                        r"levels?|schedule))\b|\bdose\W*$", _I)
# ... or why a dose was changed ("they doubled her dose of letrozole, what for?"), not what the drug is for.
DOSE_CHANGED = re.compile(r"\b(doubl|increas|rais|upp|lower|reduc|cut|halv|chang|adjust|drop)\w*\s+(\w+\s+){0,2}?"
                          r"doses?\b.*\b(why|what for|how come|reason)\b|\b(why|how come|reason)\b.*\b(doubl|increas|"
                          r"rais|upp|lower|reduc|cut|halv|chang|adjust|drop)\w*\s+(\w+\s+){0,2}?doses?\b", _I)
SEARCH_TERMS_MAX_WORDS = 5
# Safety ("is it safe for breast cancer patients to take Keytruda?"), with another medicine or not; how two drugs
# compare ("is generic imatinib as good as Gleevec?"); a cure ("can Opdivo cure melanoma?").
SAFE = re.compile(r"\b(safe|safely|safety|unsafe)\b", _I)
SAFE_WITH = re.compile(r"\bsafe\w*( to (take|use|have|mix|combine))?( it| them)? (with|alongside|together)\b", _I)
AS_GOOD_AS = re.compile(r"\bas (good|effective|safe|strong|powerful)( \w+)? as\b|\bworks? (just )?as well as\b", _I)
CURE = re.compile(r"\b(cures?|cured|curable|curative|curing)\b", _I)
# "what is the half life of pembrolizumab?", "how long does Keytruda stay in your system?": how the body handles a
# drug, which approved-use text never says (the intent head hears "life" as outlook, "how long" as duration).
PHARMACOKINETICS = re.compile(r"\bhalf[- ]?li(fe|ves)\b|\b(stays?|remains?|lingers?|hangs? around) in (your|my|his|her|the|"
                              r"their|a person'?s) (system|body|blood(stream)?)\b|\b(cleared|eliminated|excreted|"
                              r"metaboli[sz]ed|broken down|processed) (from|by|in|through|out of) (the |your |my )?(body|"
                              r"liver|kidneys?|urine|system)\b|\bpharmacokinetic\w*", _I)
# "I have a cold, can I still have my chemo?": whether treatment goes ahead through an everyday illness, a
# precaution (the head hears "have" as food and drink).
THROUGH_AN_ILLNESS = re.compile(r"\b(can|could|should|do|will) (i|we|he|she|they|you|my \w+) (still )?(have|get|go (ahead )?"
                                r"(with|for)|go to|receive|start) (my |his |her |their |the |this week'?s )?(chemo\w*|"
                                r"treatment|infusion|immunotherapy|injection|dose)\b", _I)
_EVERYDAY_ILLNESS = re.compile(r"\b(a cold|colds?\b|cough\w*|covid|sore throat|runny nose|(chest|tooth|ear|urine|urinary|"
                               r"sinus) infection|uti|an infection|a bug|sniffles|cold sore)\b", _I)
# Whether a drug is still safe for someone after what they tell: "had a clot last year, can i still have tamoxifen".
STILL_HAVE = (r"\b(can|could|should|may) (i|we|he|she|they|my \w+) still (have|take|get|be given|go on|start|use|"
              r"receive|continue( with| on)?) (my |his |her |the )?")
_STILL_HAVE = re.compile(STILL_HAVE, _I)  # a cheap test before one built from a drug's name
# "when was Keytruda approved?", "how long has Opdivo been around?": the pages say what, never when.
WHEN_APPROVED = re.compile(r"\b(when (was|were|did)|what year|since when)\b[^?.!]*\b(approv\w*|c[ao]me out|on the market)\b"
                           r"|\bhow long (has|have)\b[^?.!]*\bbeen (approved|around|available|on the market)\b"
                           r"|\b(approval date|date of (its |the )?approval)", _I)
INSURANCE = re.compile(r"\b(insurance|insurer|medicare|medicaid|coverage|prior auth\w*)\b", _I)  # approved by it
MADE_BY = re.compile(r"\bwho (makes|made|manufactures|produces)\b(?! (you|u|this (bot|chat\w*|service|site|app|tool))\b)|"
                     r"\bmanufacture[rd]\b|\b(what|which) (company|companies|drug ?company|pharma\w*|firm)\b|"
                     r"\bmade by\b", _I)  # not "who made you?"
# Pregnancy or breastfeeding where a condition would be: whether it is safe then, not what the drug treats.
PREGNANCY = re.compile(r"\b((?<!molar )(?<!ectopic )pregnan\w*|breast-?feed\w*|nursing (mothers?|moms?|women)|"
                       r"lactat\w*|conceiv\w*)\b", _I)
# "I'm pregnant and have breast cancer, what can I have?", "i'm breastfeeding, is Herceptin approved?": which drugs are
# safe for her now is no question approved-use text answers, and a list or a drug's uses would read as if they were.
# (Asked as another question, "... and can she take them while breastfeeding?", it is named as that.)
TELLS_PREGNANCY = re.compile(r"\b(i'?m|im|i am|she'?s|she is|my (wife|partner|daughter) is|we'?re|we are)"
                             r"( currently| now| still)? (pregnant|breast-?feeding|nursing|expecting)\b", _I)
# "is there anything approved for my dog's lymphoma?": the pages are about treating people (unless that is asked:
# "the vet prescribed chlorambucil, what is it used for in humans?").
ABOUT_AN_ANIMAL = re.compile(r"\b(my|our|his|her|their) (dog|cat|puppy|kitten|pet|horse|rabbit|ferret|pup)"
                             r"('?s\b| (has|had|have|got|with|is|was|diagnosed|needs?)\b)|"
                             r"\b(dogs|cats|pets|animals) (with|get|have)\b|\bveterinar\w*|\bfor (dogs|cats|pets|animals)\b",
                             _I)
FOR_PEOPLE = re.compile(r"\b(humans?|people|persons?)\b", _I)
# How long someone has to live, in everyday words: "how long does she have?", "how long has he got left?".
TIME_LEFT = re.compile(r"\bhow (long|much time) (does|do|will|has|have|would) ((she|he|i|they|we|my \w+|mum|mom|dad) "
                       r"(have|got|live|be around)|(she|he|my \w+|mum|mom|dad) last)( left| to live)?(?=\s*([?.!,;]|$|"
                       r"(and|but|with|if|now|realistically|roughly)\b))|\blife expectancy\b", _I)
# A prescriber's schedule ("q3w", "q8h", "bid"), and medicines given before a drug ("premeds for Taxol?").
SCHEDULE = re.compile(r"\b(q ?\d+ ?(h|hrs?|hours?|d|days?|w|wks?|weeks?|m|mo|months?)|bid|tid|qid|qod|qhs)\b", _I)
PREMEDICATION = re.compile(r"\b(pre-?med(s|ication|ications|icate|icated)?)\b", _I)
# A nurse's words for a drug's harms, which the intent head has rarely seen and reads as "what is it" ("is Herceptin
# cardiotoxic?", "is lenalidomide teratogenic?", "is hemoptysis a boxed warning for Avastin?"); not a harm a drug is
# asked to treat or prevent ("is glucarpidase approved for methotrexate toxicity?", "Totect for extravasation").
HARM_WORDS = re.compile(r"\b(\w*toxic(ity|ities)?|vesicants?|emetogen\w*|teratogen\w*|myelosuppressive|"
                        r"extravasat\w*|qtc?[- ]prolong\w*|boxed warnings?|black[- ]box( warnings?)?)\b", _I)
# What a drug told before does to the blood counts: "does it lower white cells", "ok and it make the white cells low?".
LOWERS_COUNTS = re.compile(r"\b(it|they|this|that|these|those|the (drug|medicine|chemo|tablets?|pills?)) "
                           r"(ever |also |really )?(make|makes|made|lower|lowers|drop|drops|reduce|reduces|affect|"
                           r"affects|damage|damages|kill|kills|weaken|weakens|wipe|wipes|knock|knocks)( out| down)? "
                           r"(your |my |his |her |the |our )?(white|red|blood|platelet|neutrophil|immune)\w*", _I)
# "... and whether it causes blood clots", "... and can it cause hair loss?": a part that asks what a drug causes.
CAUSES = re.compile(r"\W*(whether|if|does|do|can|could|will|would|might|may) (it|they|this|that|these|those|"
                    r"the (drug|medicine|pills?)) (ever |also |really |usually )?(caus\w*|give you|lead to|result in)\b"
                    r"(?! (the |my |his |her |a )?(cancer|tumou?rs?|remission|response)\b)", _I)
HARM_TREATED = re.compile(r"\b(for|treat\w*|prevent\w*|reduc\w*|protect\w*|against|manag\w*|revers\w*|lower\w*|"
                          r"antidotes?|rescue)\b[^.?!,;]{0,30}$", _I)
# Off-label use asked about, with no word of approval: "what drugs are used off label for pancreatic cancer?".
# "Is Efudex approved for this or is he using it off label?" asks what the approved-use text answers.
OFF_LABEL = re.compile(r"\boff[- ]?label\b", _I)
APPROVAL = re.compile(r"\b(approv\w*|indicat\w*|on[- ]?label|label or off[- ]?label|(?<!off )(?<!off-)label(l?ed)? for|"
                      r"per (the )?(fda )?label|licen[cs]ed|fda)\b", _I)
# "... is it approved?", and as a learner of English asks it: "mistletoe injections for breast cancer, is approve?".
IS_APPROVED = re.compile(r"\b(is|are|was|were)\b[^?.!]{0,40}?\b(fda[- ])?approved\b|"
                         r"\b(is|are) (it |this |that |they )?approve\W*$", _I)
# "is there something else approved instead?": another drug than the one named, for a cancer not named.
INSTEAD = re.compile(r"\b(instead of|alternatives?|substitutes?|(?<!calls it )(?<!called )something else|another (drug|"
                     r"medicine|med|medication|option|one))\b", _I)  # not "the nurse calls it something else"
# "what drugs?", "is there a pill?", "any meds for it?": drugs asked for with nothing else, for the cancer told of
# before ("my dad has lung cancer" | "what drugs").
# People by sex or age, as a question asks what is for them ("for older people", "for kids").
_GROUPS = (r"men|women|kids|children|teens|adults|older (people|adults|patients)|the elderly|elderly( people| patients)?|"
           r"seniors")
DRUGS_ALONE = re.compile(r"^\W*((so|ok|okay|and|but)\W+)?((what|which|any)( kinds? of| sorts? of| other)?|"
                         r"(is|are) there( an?| any| other)?|what(?:'s| is| are) the)( \w+)? (drugs?|medicines?|"
                         r"medications?|meds|pills?|tablets?|treatments?|options|chemo|therap(y|ies)|immunotherap(y|ies)|"
                         r"anything|something)"
                         rf"( (is|are) there| (is|are) (available|approved|used)| for (it|that|this|him|her|them|"
                         rf"({_GROUPS}))|"
                         r" (he|she|i|they|we|you) (can|could|should|might) (take|have|get|use|try))?\W*$|"
                         # "what is the newest one?", "which one is best?" (after a cancer's drugs)
                         r"^\W*((so|ok|okay|and|but)\W+)?(what|which)( one| ones)? (is|are|'s) (the )?(newest|latest|"
                         r"best|most effective|strongest|safest|oldest)( one| ones)?\W*$", _I)
# "which of those are CAR-T?", "which ones are Keytruda?" (after a cancer's drugs): among the drugs for the cancer told.
WHICH_OF_THEM = re.compile(r"\bwhich (ones?|of (them|those|these|the drugs|the ones))\b", _I)
# "does that include breast cancer?", "is lung cancer on the list?": whether the uses told of name it.
INCLUDES = re.compile(r"\b(includ(e|es|ed|ing)|cover(s|ed)?|on (there|that list|the list)|in there)\b", _I)
# The last word of a wide cancer's name ("skin cancer", "brain tumors"), and what may stand between it and a kind of it
# named beside it ("blood cancer like leukemia").
ANY_CANCER = frozenset({"cancer", "cancers", "tumor", "tumors"})
APPOSITION_WORDS = frozenset({"like", "called", "namely", "specifically", "type", "kind", "of", "a"})
# "is there a drug for ...", "any meds for ...", "what is the immunotherapy for ...": a request for the drugs for the
# condition named, whatever else the question says of it ("stage 4").
A_DRUG_FOR = re.compile(r"\b(is there|are there|any|what(?:'s|’s|s| is| are)(?: the)?)\b( (?!new|newer|newest|latest|"
                        r"experimental)\w+){0,2} (drugs?|medicines?|medications?|meds|pills?|tablets?|injections?|"
                        r"shots?|jabs?|chemo\w*|immunotherap\w*|targeted therap\w*|anything|something) (for|to treat|"
                        r"that treats?)\b|"
                        # "what treats Kaposi sarcoma?", "what do they give for thymoma?"
                        r"\bwhat (?:else )?(?:treats|can treat|could treat|is used to treat|are used to treat|is given for|"
                        r"(?:do|would|can|will) (?:they|you|doctors) (?:give|use|prescribe) (?:for|to treat))\b", _I)
# Words for a medicine or a kind of treatment, as a request for them names it.
_TREATMENT_WORDS = (r"drugs?|medicines?|medications?|meds|pills?|tablets?|treatments?|therap(y|ies)|immunotherap\w*|"
                    r"chemo\w*|options?")
TREATMENT_WORD = re.compile(_TREATMENT_WORDS, _I)
# "carcinoid tumour drugs", "kaposi sarcoma treatment": search terms, a condition and then a word for its treatment.
TERMS_THEN_TREATMENT = re.compile(rf"^\W*(?!.*\b(please|list|show|give|tell|all|any|best|other|some|good|new\w*|"
                                  rf"latest)\b)(?P<condition>[A-Za-z][A-Za-z0-9 \-'/]{{2,50}}?)\s+({_TREATMENT_WORDS})"
                                  rf"\W*$", _I)
# "immunotherapy for MSI-H colon cancer", "chemo for stage 3 colon cancer", "meds for CLL?": a kind of treatment for
# a cancer, and nothing else, asks which drugs are approved for it.
THERAPY_FOR = re.compile(rf"^\W*((any|some|the|approved|current|standard|usual|first[- ]line)\s+)?({_TREATMENT_WORDS}|"
                         rf"injections?|shots?|targeted (therap\w*|drugs?)|treatment options|"
                         rf"([\w/+-]+\s+)?(inhibitors?|TKIs?|bispecifics?|ADCs?))\s+(for|to treat)\s", _I)  # "TKI for CML"
# "which drugs target HER2?", "HER2 targeted drugs", "meds that block EGFR": drugs for a gene or marker the message names.
DRUGS_TARGETING = re.compile(r"\b(drugs?|medicines?|medications?|meds|treatments?|therap(y|ies)|pills?|options?)\s+"
                             r"(that\s+|which\s+)?(targets?|targeting|blocks?|blocking|inhibits?|inhibiting|acts? on|"
                             r"works? on|goes after)\b|"
                             r"\btargeted\s+(drugs?|medicines?|meds|treatments?|therap(y|ies)|options?)\b", _I)
# "Is Flomax a prostate cancer drug?", "Is that his carboplatin chemo in pill form?": whether something is a cancer
# drug.
IS_IT_FOR_CANCER = re.compile(r"\b(?:is|isn'?t) (that|this|it|[\w-]+) (?:(?:his|her|my|their|your|our|the|a|an) )?"
                              r"(?:(?!(?:safe|ok|okay|fine|good|bad|alright|compatible|interact\w*|with|on|for|like)\b)"
                              r"[\w-]+ ){0,3}?(?:cancer|chemo\w*|oncology|hormone|tumou?r)\b", _I)
# "Which drugs are approved for melanoma like mine?", "what else is approved for it": a cancer's drugs, asked for.
WHICH_DRUGS = re.compile(r"\b(which|what|any|other)\b( \w+){0,2} (drugs?|medicines?|medications?|meds|pills?|"
                         r"treatments?|therapies)\b( \w+){0,3} (approved|available|used|for|to treat|that treat)\b|"
                         r"\bwhat('s| else| is| are)( else)?( is| are)? (fda )?approved (for|to treat)\b|"
                         r"\b(is there|have you got|do you have|got) (a|the) (drug |drugs )?list (for|of)\b|"
                         # in Spanish: "que medicamentos hay para el cancer de mama"
                         r"\bqu[eé] (medicamentos|medicinas|tratamientos|f[aá]rmacos|drogas) (hay|existen|est[aá]n "
                         r"aprobad[oa]s|se usan|sirven) para\b", _I)
# An antidote or a treatment for a drug's overdose or toxicity: "the antidote for methotrexate", "what treats a 5-FU
# overdose?", "what is approved for fluorouracil toxicity?" (the drug is the harm's cause, not what is asked about).
_HARM = r"overdoses?|toxicity|poisoning"
ANTIDOTE_FOR = re.compile(rf"\b(antidotes?|reversal agents?)\s+(for|to|against)\s+(an?\s+)?(?P<drug>[\w-]+)"
                          rf"(\s+(?P<harm>{_HARM}))?", _I)
TREATS_A_HARM = re.compile(rf"\b(treats?|for|reverses?)\s+(an?\s+)?(?P<drug>[\w-]+)\s+(?P<harm>{_HARM})\b", _I)
# "Can men take tamoxifen?", "is it given to women?": whether its uses are for men or women.
FOR_A_SEX = re.compile(r"\b(can|do|does|is|are|could) (\w+ )?(men|women|males?|females?|a man|a woman|guys|ladies) "
                       r"(take|have|get|use|be given|be on|receive)\b|"
                       # where the menopause is: "can you take Ibrance if you're premenopausal?" (its uses say who)
                       r"\b((pre|post|peri)[- ]?menopaus\w*|(before|after|through|past) (the )?menopause|still (have|having|"
                       r"get|getting) (my |her |your )?periods)\b", _I)
# "how do they decide between FOLFOX and CAPOX?": a choice between drugs, each approved for something.
DECIDE_BETWEEN = re.compile(r"\b(decide|deciding|decides|choose|choosing|chooses|pick|picking|picks)( \w+){0,2} between\b",
                            _I)
TAKEN_ALONGSIDE = re.compile(r"\b(take|taking|took|have|having|use|using|combine|combined|mix|mixing)\b[^.?!]{0,25}"
                            r"\b(alongside|together with|along with|with)\b", _I)
# "my dad has dementia, can he have chemo?": whether a kind of treatment suits someone, not a symptom now.
CAN_HAVE_A_TREATMENT = re.compile(r"\b(can|could|should|will|would) (i|he|she|they|you|we|my \w+) (still |even |ever )?"
                                  r"(have|get|take|start|receive|be given|go on|cope with|handle) (any )?(chemo\w*|"
                                  r"immunotherap\w*|radio\w*|radiation|treatment|surgery|an operation|car[- ]?t)\b", _I)
# "..., what can she have?", "what can he take now?": a request for the told cancer's treatments, the question ending
# there ("what can she take for the pain?" asks about the pain).
ASKS_WHAT_THEY_CAN_HAVE = re.compile(r"\bwhat (else )?(can|could|should|would|will) (i|he|she|they|we|my \w+) (have|take|"
                                     r"get|try|be (given|offered|put on)|use)( now| next| instead| then)?\s*([?.!]|$)",
                                     _I)
# "Is there a version given as a shot under the skin?": another form of the drug, given subcutaneously.
GIVEN_UNDER_THE_SKIN = re.compile(r"\b(under the skin|subcutaneous\w*|sub-?q|subcut|(shot|injection|jab) "
                                  r"(form|version)|(form|version) (given |that is given )?(as a|by) (shot|injection|jab))\b",
                                  _I)
# "is there a pill for CLL?", "which of the myeloma drugs are pills?", "pills for prostate cancer": drugs asked for by
# the form they come in, which a cancer's list does not say (not "the shot that boosts white cells", "his tablets for
# his heart": a form that only describes).
_FORM = r"(pills?|tablets?|capsules?|injections?|shots?|jabs?|infusions?)"
IN_A_FORM = re.compile(rf"\b(is there an?|are there( any)?|any)( \w+){{0,2}} ({_FORM}|oral \w+)\b|"
                       rf"\b(what|which)( \w+)?? {_FORM} (are there|is there|are (approved|available|used))\b|"
                       rf"\bwhich\b.{{0,40}}\b(are|is|come (as|in)) ({_FORM}|oral|by mouth)\b|"
                       rf"\bin (pill|tablet) form\b|\boral (drugs?|options?|treatments?|therap\w*|meds|medicines?|chemo)\b|"
                       rf"(^\W*|\bwhat(?:'s| is| are) the ){_FORM}( (for|to treat)\b| (he|she|i|they|we|you) (can|could|"
                       rf"should|might) (take|have|get|use|try)\b|\W*$)", _I)
# ... asked for: "is there", "can it be given", "a version", "comes as".
FORM_ASKED = re.compile(r"\b(is there|are there|any|can (it|they|\w+) be (given|had|taken)|available|versions?|forms?|"
                        r"comes? (in|as))\b", _I)
# "and with Keytruda?" (after "what is Lenvima for?"): another drug alone, with the drug before.
_WITH_ANOTHER_ALONE = (r"^\W*(?:and\s+)?(?:together\s+)?(?:with|plus|alongside)\s+(?P<other_terse>[\w-]+(?:\s+[\w-]+)?)"
                       r"\s*\??\s*$")
# "is it used with Herceptin?" (after "what's Tukysa for?"): the drug before, with another drug.
USED_WITH_IT = re.compile(r"\b(is|are|can|could|was|were)\s+(it|they|this|that)\b[^?.!]{0,40}\b(with|plus|alongside)\b|"
                          rf"{_WITH_ANOTHER_ALONE}", _I)
# "is it the same as Lynparza?", "how is it different from Lynparza?" (after "what is Zejula for?"): the drug before,
# compared with another.
COMPARED_WITH_IT = re.compile(r"\b(is|are|was|were)\s+(it|they|this|that)\b[^?.!]{0,20}\b(same|similar|different|"
                              r"better|worse)\b|\bhow (is|does|do) (it|they|this|that) (\w+ )?(compare|differ)|"
                              r"\b(it|this|that) (vs\.?|versus|compared (to|with))\s", _I)
# "is there an age limit for Kymriah?", "is 80 too old for Keytruda?": its uses say which ages it is approved for;
# whether it suits someone that age is for their doctor ("my mom is 90, is she too old for chemo?").
AGE_LIMIT = re.compile(r"\b(age limits?|too old|too young|age (cut[- ]?offs?|restrictions?)|"
                       r"old enough|young enough|(minimum|maximum|upper|lower) age|how old (do|does|must|should) (you|i|"
                       r"one|he|she|a (patient|child|kid)|patients|someone|kids|children) (have to |need to )?be)\b", _I)
# "can i get keytruda if i have stage 2 melanoma?", "am i eligible for Keytruda?", "would I qualify for Ibrance?":
# whether a drug is for them. Its approved uses answer as far as the pages can, with a line that they cannot say
# whether it suits them (`asks_if_eligible` keeps "can I have Keytruda at home?" and "... if I have lupus?" out).
ELIGIBLE = re.compile(r"\b(?:eligible|qualify|qualified|(?:a (?:good )?)?candidates?|suitable|able to get)\s+for\s+"
                      r"(?:the\s+)?(?P<drug>.+)|"
                      r"\b(?:can|could|would|will|may|might)\s+(?:i|he|she|they|we|you|my\s+\w+|someone|people|"
                      r"patients?|kids|children|teens|teenagers|men|women|adults|"
                      r"a\s+(?:\d+[- ]?(?:year|yr)[- ]?old|child|kid|teenager|teen|man|woman|patient|person))\s+"
                      r"(?:still\s+|ever\s+|also\s+)?(?:get|have|receive|be\s+(?:given|offered|put\s+on|"
                      r"treated\s+with|started\s+on)|go\s+on|start|try)\s+(?P<drug_given>.+)", _I)
# What may follow the drug in an eligibility question: nothing, or what the person has ("... if I have stage 2
# melanoma", "... with HER2-low breast cancer", "... without the EGFR mutation").
ELIGIBLE_BECAUSE = re.compile(r"\s*(?:[?.!]|$|(?:if|for|with|without|since|as|because|given|despite|when)\b)", _I)
ASKED_WHERE_OR_HOW = re.compile(r"\b(where|how|when|why|who|what|which)\s+$", _I)
STAGE_TOLD = re.compile(r"\bstage\s+(?:[0-4]|i{1,3}v?|iv)[abc]?\b", _I)
# "my insurance wants me to switch from Herceptin to Kanjinti, is it the same drug?": whether two names are one drug,
# which the page's names say, whatever the message tells around it.
# "are ibrance and kisqali both breast cancer drugs?": whether each is approved for cancer (or that cancer), not how
# the two go together.
A_CANCER_DRUG = re.compile(r"^\W*(is|are)\b[^?.!]*\bcancer (drugs?|medicines?|meds|medications?|treatments?)\b|"
                           r"\b(it'?s|its|it is|they'?re|they are)( also| really| actually)? (a |an )?([\w-]+ ){0,2}cancer "
                           r"(drugs?|medicines?|meds|medications?|treatments?)( too| as well)?\b[^?.!]*\b(is that|is it|are "
                           r"they) (true|right|correct|so)\b", _I)  # "my friend says its a breast cancer drug too, is that true"
# "Zortress vs Afinitor, ... which one is the cancer one": two names set against each other.
NAMES_COMPARED = re.compile(r"\b(which|vs\.?|versus|difference|differences)\b", _I)
SAME_DRUG = re.compile(r"\b(is|are|isn'?t|aren'?t) (it|that|this|they|these|those|both)( really| actually| basically)? "
                       r"(the )?same (drug|medicine|medication|thing|stuff|treatment)\b", _I)
# "is Herceptin given with pertuzumab?", "can Keytruda be combined with Lenvima?": whether one is used with another
# cancer drug or with chemotherapy, as uses say ("used with pertuzumab"), not an interaction (the words after "with").
GIVEN_WITH = re.compile(r"\b(?:is|are|can|could|should|was|were|does|do)\s+[\w-]+(?:\s+[\w-]+){0,3}?\s+"
                        r"(?:(?:has|have|needs?) to\s+)?(?:be\s+)?"
                        r"(?:given|combined|used|paired|prescribed|administered)\s+(?:together\s+)?"
                        rf"(?:with|w/|alongside|plus)\s*(?P<other>.+)|{_WITH_ANOTHER_ALONE}", _I)
# "can Keytruda and chemo be given together?": the same, both named first.
GIVEN_TOGETHER = re.compile(r"\b(?:is|are|can|could|should|was|were)\s+(?P<one>[\w-]+(?:\s+[\w-]+)?)\s+(?:and|&|\+)\s+"
                            r"(?P<other>[\w-]+(?:\s+[\w-]+)?)\s+(?:be\s+)?(?:given|combined|used|paired|prescribed|"
                            r"administered)\s+together\b"
                            # "keytruda and padcev together for bladder cancer?", "Keytruda with Padcev together?": the
                            # same in a search box's words
                            r"|^(?P<one_terse>[\w-]+(?:\s+[\w-]+)?)\s+(?:and|&|\+|with|plus)\s+"
                            r"(?P<other_terse>[\w-]+(?:\s+[\w-]+)?)\s+together(?:\s+(?:for|in)\s+[^?.!]+)?\s*[?.!]*\s*$",
                            _I)
# "does Ibrance go with fulvestrant?", "can you use Herceptin and Perjeta together?": the same in other words.
GOES_WITH = re.compile(r"\b(?:does|do|can|will|would)\s+(?P<one>[\w-]+(?:\s+[\w-]+)?)\s+(?:go|work|pair)\s+"
                       r"(?:together\s+)?(?:with|alongside)\s+(?P<other>.+)", _I)
# Not someone taking them ("can I take tamoxifen and letrozole together?"): whether that is safe is an interaction.
USED_TOGETHER = re.compile(r"\b(?:can|could|should|do|does)\s+(?:you|they|people|doctors|oncologists)\s+(?:use|give|"
                           r"combine|prescribe)\s+(?P<one>[\w-]+(?:\s+[\w-]+)?)\s+(?:and|&|\+)\s+"
                           r"(?P<other>[\w-]+(?:\s+[\w-]+)?)\s+together\b", _I)
# "can Lenvima be used alone?", "is Padcev given on its own?": its uses say "alone or with other drugs".
ALONE = re.compile(r"\b(used|given|taken|use|give|take|work|works|approved)\s+(alone|on (its|their) own|by (itself|"
                   r"themselves)|as (a )?(single agent|monotherapy))\b", _I)
WITH_CHEMOTHERAPY = re.compile(r"^(?:\w+\s+){0,2}?(?:chemo\w*|radiation|radiotherapy|immunotherapy)\b", _I)
# "she has stage 4 bowel cancer, what are the options?": which treatments there are for the cancer named; a nurse's
# note asks it tersely ("pt w/ metastatic CRPC, prior abiraterone, options?", "... what's approved next").
TREATMENT_OPTIONS = re.compile(r"\bwhat(?: are|'re| r)? (?:the|her|his|my|our|their|your) "
                               r"(?:(?:treatment|drug|medicine|medication) )?options\b|\boptions\s*\??\s*$|"
                               r"\bwhat(?:'s| is| are)(?: else)? (?:fda[- ])?approved"
                               r"(?: next| now| after (?:that|this|it))?\s*\??\s*$", _I)
WHY_ON = (r"\bwhy (am i|is|are|was|were|would|does|do) ((my|his|her|their|our|the|your) )?[\w']*( [\w']+)? ?(on|taking|"
          r"take|getting|get|given|prescribed|need|needs|started on)")
# "Is Lynparza one of the options?" (after "my mom has ovarian cancer"): whether it is approved for it, where "is it
# the best option?" asks for a choice.
ONE_OF_THE_OPTIONS = re.compile(r"\b(one of (the|her|his|my|their|your|our|those|these) (options|choices|treatments|"
                                r"drugs|medicines|meds)|an option|among (the|her|his|my|their|your|those|these) "
                                r"(options|choices|treatments|drugs))\b(?! (that|which|who|causing|with)\b)|\bone\W*$", _I)
# "neither of my drugs is for leukemia right?", "is it for colon cancer?": whether the drugs told of treat it.
_ONES = (r"(it|this|that|they|these|those|either|neither|any|both|one|none)"
         r"( of (them|these|those|(my|her|his|their|our) \w+))?")
ONES_FOR = re.compile(rf"\b((is|are|isn'?t|aren'?t) {_ONES}|{_ONES} (is|are|isn'?t|aren'?t)) (for|used for|meant for|"
                      rf"to treat)\b", _I)
# "what drugs are in FOLFOX?", "which medicines make up BEP?", "what does the T stand for in AC-T?": what a
# combination or a medicine contains is on its page, but not in its approved-use text.
WHAT_IT_CONTAINS = re.compile(r"\b(what|which)('s| is| are)?( the)?( \w+)?? (drugs?|medicines?|medications?|meds|"
                              r"chemo\w*|ingredients?|components?) (are |is )?(in|of)\b(?! (the |a |this |that )?"
                              r"(same )?(lists?|groups?|class|family|category)\b)|\b(make|makes) up\b|"
                              r"\b(made (up )?|consists? |(com)?posed )of\b|\bstands? for\b|"
                              r"\bwhat('s| is) (in (it|this|that)\b|the \w{1,2} in\b)", _I)
# "what is the pill letrozole?", "what's this injection Xgeva": what a drug is, asked by the form it comes in.
WHAT_IS_THE_FORM = re.compile(r"^\W*what('s|s| is) (the|this|that|my|his|her) (pills?|tablets?|capsules?|drug|medicine|"
                              r"medication|injection|shot|infusion|chemo) (?P<name>[\w -]+?)\W*$", _I)
# When in the course of treatment a drug is used: approved-use text says it ("as the first treatment", "after at least
# two other therapies", "before surgery", "as maintenance"). "Can you use Keytruda before surgery?", "second line
# treatment for myeloma", "is Lynparza maintenance?" ask what it is approved for, not its precautions.
TREATMENT_SETTING = re.compile(r"\b((first|second|third|fourth|1st|2nd|3rd|4th|later|front)[- ]?lines?|[1-4]L|"
                               r"maintenance|(neo)?adjuvant|upfront|consolidation)\b|"
                               r"\b(use[ds]?|using|given|give|approved|an option|indicated)\b[^.?!]{0,25}\b(before|after) "
                               r"(surgery|an operation|the operation)\b", _I)
# Not when it asks how to stop, pause or time a treatment around it ("how long before surgery do I stop Ibrance?"), or
# tells the treatment someone is on ("can I get my flu shot while on Revlimid maintenance?").
TIMING_AROUND = re.compile(r"\b(stop\w*|hold\w*|paus\w*|wait\w*|how long|how many (days|weeks)|off|while|whilst|"
                           r"during|on (\w+ )?(maintenance|adjuvant|(first|second|third|1st|2nd|3rd)[- ]line))\b", _I)
# What the head reads a question of when in treatment a drug is used as, besides its approved use: its precautions
# ("can you use Keytruda before surgery?"), a choice or research ("first line treatment for lung cancer").
SETTING_MISREAD = frozenset({Intent.PRECAUTIONS, Intent.TREATMENT_ADVICE, Intent.RESEARCH_TRIALS, Intent.DEFINITION,
                             Intent.DRUG_NAMES, Intent.APPROVED_USE, Intent.DRUGS_FOR_CONDITION})
# "what's the difference between chemo and immunotherapy?": kinds of treatment, a question of what terms mean.
KINDS_COMPARED = re.compile(r"\bdifferen(ce|t)\b[^.?!]{0,40}\b(chemo\w*|immunotherap\w*|targeted( therap\w*)?|"
                            r"hormon\w*( therap\w*)?|radiation|radiotherapy|biologics?)\b[^.?!]{0,20}\b(and|or|vs\.?|"
                            r"versus)\b", _I)
# Who, where a condition would be: "drugs for older people who can't have strong chemo" names people, not a condition.
PEOPLE = re.compile(r"^(older |elderly |young |frail |sick |weak )?(people|patients|adults|women|men|kids|children|"
                    r"babies|infants|toddlers|newborns|seniors|the elderly|elderly|someone|those|anyone|folks)\b")
# Who a drug is for, in everyday words ("is it for men too?", "is that used in kids?").
POPULATION = re.compile(rf"\b(for|in) ({_GROUPS}|males?|females?|child|teens?|teenagers?|adolescents?)\b", _I)
# "what is it supposed to do", "what are these pills meant to treat": what a drug is for, not how it works.
MEANT_TO_DO = re.compile(r"\bwhat('s| is| are)( [\w']+){0,3}? (supposed|meant|intended) to (do|treat|help|be for)\b"
                         r"(?! (to|with|against|in) )", _I)
# "what is the best drug for lung cancer?": the list answers which drugs; which is best is a choice for the care team.
BEST = re.compile(r"\b(best|most effective|strongest|safest|better|top|standard|usual|first[- ]line|go-to)( \w+)? "
                  r"(drugs?|medicines?|medications?|meds|treatments?|chemo\w*|options?|pills?|therap(y|ies)|"
                  r"immunotherap(y|ies)|one|ones)\b|\bstandard of care\b|\btreatment of choice\b|"
                  r"\b(is|are) [\w-]+( [\w-]+)? or [\w-]+( [\w-]+)? (better|best|safer|stronger|more effective)\b|"
                  r"\bwhich( one| ones| drug| drugs)? (is|are) (the )?(best|better|most effective|strongest|"
                  r"safest)\b", _I)
# ("is Kisqali or Ibrance better for HR+ breast cancer?")
# A choice between a drug treatment and one that is no drug ("is surgery better than chemo for bowel cancer?", "is chemo
# or radiotherapy better for throat cancer?"): no list of drugs answers it ("before or after surgery" is no choice).
_NOT_DRUGS = (r"(surgery|(an|the) operation|operating|radio ?therapy|radiation( therapy| treatment)?|rads|proton( beam)?"
              r"( therapy)?|brachytherapy|((a|the|stem cell|bone marrow) )?transplant|active (surveillance|monitoring)|"
              r"watch(ful)?,?( and)? wait(ing)?|(prostat|mastect|lumpect|colect)\w*my)")
MODALITY_CHOICE = re.compile(rf"\b{_NOT_DRUGS}( \w+){{0,2}}? (or|vs\.?|versus|than|instead of|rather than)\b(?! (before|"
                             rf"after)\b)|\b(?<!before )(?<!after )(or|vs\.?|versus|than|instead of|rather than) "
                             rf"(?!(before|after)\b)(\w+ ){{0,2}}?{_NOT_DRUGS}\b", _I)
# What a symptom asked a drug for is caused by: "the bone pain | from myeloma", "hot flashes | from the hormone shots".
CAUSED_BY = re.compile(r"\s+(?:from|caused by|due to|because of|after|with|since|on)\s+", _I)
# The words before a drug named only as what brought a condition on: "hot flashes from tamoxifen", "CRS from CAR-T".
CAUSED_BY_WORDS = r"(from|caused by|due to|because of|after|induced by|related to)"
_NAMES_A_CAUSE_WORD = re.compile(rf"\b{CAUSED_BY_WORDS}\s", _I)  # a cheap test before one built from a drug's name
# Words of a symptom or harm, not of a person, a stage or a kind of cancer.
SYMPTOM = re.compile(r"\b(pain\w*|aches?|damage\w*|flash\w*|sweat\w*|thinning|loss|sores?|fatigue|tiredness|itch\w*|"
                     r"rash\w*|swelling|constipat\w*|diarrh\w*|infection\w*|fractures?|breaks?|insomnia|sleep\w*|"
                     r"depression|anxiety|appetite|weight|cough\w*|neuropath\w*|numbness|tingling|dryness|"
                     r"hiccups?|cramps?|spasms?)\b", _I)
# A complaint told beside a cancer ("... and is in a lot of pain", "feels sick all the time", "can't sleep").
TELLS_A_SYMPTOM = re.compile(rf"{SYMPTOM.pattern}|\b(sick|nause\w*|queasy|vomit\w*|throwing up|(can'?t|cannot) (sleep|eat)|"
                             r"tired|exhausted|hurts?|hurting|sore|bleed\w*|dizzy|breathless)\b", _I)
# "what's the newest drug for pancreatic cancer?": the list, and a line that it does not say when each was approved.
NEWEST = re.compile(rf"\b(newest|latest|most recent(ly approved)?|newly approved)( [\w-]+){{0,2}}? ({_TREATMENT_WORDS}|"
                    rf"ones?|approvals?)\b|\bjust (been )?approved\b|\bnew (fda )?approvals?\b|"
                    rf"\b(recently|lately) approved\b|\bapproved (recently|lately|this year|last year)\b|"
                    rf"\bwhich( one| ones| drug| drugs)? (is|are|was|were) (the )?(newest|latest|most recent)\b", _I)
# "which BTK inhibitors are approved for MCL?": NCI's lists name drugs, not which kind of drug each one is.
_DRUG_KINDS = (r"inhibitors?|bispecifics?|ADCs?|antibody[- ]drug conjugates?|TKIs?|checkpoint|"
               r"monoclonal antibod\w*|mabs|targeted (therap\w*|drugs?|meds|medicines?|treatments?)|"
               r"immunotherap\w*|hormon(e|al) (therap\w*|drugs?|pills?|treatments?)")
DRUG_CLASS = re.compile(rf"\b(which|what|any|list( all)?( the)?|are there( any)?|is there( an?| any)?|only|just)"
                        rf"( [\w/+-]+){{0,3}}? ({_DRUG_KINDS})\b|"
                        r"^\W*([\w/+-]+ )?(inhibitors|bispecifics?|bispecific antibodies|ADCs|antibody[- ]drug conjugates|"
                        r"TKIs?) (for|to treat|in)\b", _I)  # "bispecifics for myeloma", "BTK inhibitors for CLL"
# "is Keytruda chemo?", "is letrozole a hormone pill?": approved-use text says what a drug is for, not its kind.
IS_A_KIND = re.compile(r"(?<!\bwhat )(?<!\bwhich )(?<!\bwho )(?<!\bthat )\b(is|are|isn'?t|aren'?t) "
                       r"(?!(on|for|in|with|to|at|from|by|used|given|approved|taken|getting|having|doing|starting|"
                       r"receiving|taking|done|finished|still|also|now)\b)[\w-]+"
                       r"( (?!(with|on|for|in|to|at|from|by|after|before|during|like|than)\b)[\w-]+)? (like |sort of )?"
                       r"(a |an )?"
                       r"(kind of |type of |form of )?(chemo\w*|immunotherap\w*|targeted therap\w*|"
                       r"hormon\w* (therap\w*|treatment|drug|pill|blocker)s?|steroids?|biologics?|antibod\w*|"
                       r"inhibitors?|radiation|radiotherap\w*|radioactive|radiopharmaceuticals?|vaccines?|"
                       r"(gene|cell) therap\w*)( (drugs?|medicines?|medications?|treatments?|therapy))?\s*(\?|$|,|\bor\b)",
                       _I)
# "My insurance says Opdivo isn't approved for my type of lung cancer": whether it is, for a cancer the pages name.
APPROVED_FOR = re.compile(r"\b(is|isn'?t|not|was|wasn'?t|are|aren'?t|be|being)( (it|they|these|those|this|that|both|"
                          r"either))? (fda[- ])?approved (for|to treat|in)\b", _I)
# "what is the Xgeva injection I get for?", "whats that even for lol": what the drug is for.
WHAT_FOR = re.compile(r"\bwhat(?:'s|s| is| are)\b(?P<subject>[^?.!]{0,60}?)\bfor(?:(?:\s+|\W*)(?:lol|haha|thanks|thank "
                      r"you|thx|pls|please))*\s*(?:\?|$|[.!,])", _I)
# "nivolumab and ipilimumab together, what for?", "pertuzumab and trastuzumab for what cancer": the same, tersely.
FOR_WHAT = re.compile(r"(?P<subject>[^?.!]{0,80}?)\W*\b(?:(?:used\s+)?for\s+what(?:\s+(?:cancers?|conditions?|diseases?|"
                      r"illness(?:es)?|(?:types?|kinds?)(?:\s+of\s+cancers?)?))?|what\s+for)\W*$", _I)
FOR_WHAT_OTHER_WORDS = 4  # words besides the drugs before it: "my mum is on letrozole, for what?"
IT = re.compile(r"\b(it|its|it's)\b", _I)  # "And is it safe with Eliquis?" asks about the drug before, not Eliquis
POINTING_WORDS = frozenset({"it", "that", "this", "they", "these", "those", "them"})
# "Is it approved for bone cancer?", "what are its uses?": a question about the drug named before.
POINTING_TO_A_DRUG = re.compile(rf"\b({'|'.join(sorted(POINTING_WORDS | {'its'}))})\b", _I)
POINTING_TO_SEVERAL = re.compile(r"\b(they|these|those|them|both|either|neither|each|all)\b", _I)
# What a question must contain before the patterns built from its own names are compiled (few questions do).
ASKS_WHY_ON = re.compile(WHY_ON, _I)
LOWERS_RISK = re.compile(rf"\b({_LOWERS_RISK})", _I)
COMBINATION = re.compile(r"\b(combination|combinations|combo|combos|regimens?|together)\b", _I)
# A follow-up that leans on an earlier turn: "is it ...", "what about ...", "and for lymphoma?".
POINTS_BACK = re.compile(r"\b(it|its|this|that|these|those|they|them|the drug|this drug|that drug|same|also|"
                         r"the (newest|latest|best|oldest) ones?)\b"
                         r"|^\s*(what|how) about\b|^\s*and\b|\b(on|in) (there|(the|that|this) list)\b", _I)
# "is Keytruda approved for it?", "is Opdivo on that list?", "is Lynparza one of them?", "could CAR-T work for her?":
# the cancer told of before.
POINTS_TO_A_CONDITION = re.compile(r"\b(for|treats?|against|on|among|one of|in) (it|that|this|them|those|these|him|her|me|"
                                   r"(that|the|this|those) (list|lists|ones?|cancer|type|kind)|(his|her|my|their|our|"
                                   r"your) (cancer|tumou?r|disease|type|kind))\b", _I)
# "what about ...", "and ...", "ok and for kids?": a turn that continues the one before it.
CONTINUES = re.compile(r"^\W*((ok(ay)?|so|right|thanks|thank you)\W+)?(and\b|also\b|(and )?(what|how) about\b)", _I)
# Capitals this long name a regimen no page covers ("is FLOT approved for stomach cancer?"), shorter ones are as often a
# test or a kind of drug ("PSA for the dads here: ...", "is TKI approved for CML").
MIN_ACRONYM_LENGTH = 4
# A continuation for another condition: "what about for crohn's?", "and for lupus?".
CONTINUES_FOR = re.compile(r"^\W*((ok(ay)?|so|right)\W+)?(and|also|(and )?(what|how) about)\s+(for|in)\s+"
                           r"(?P<condition>[A-Za-z][A-Za-z0-9 \-']{1,40}?)\s*(?:[,.?!]|$)", _I)
# Questions in Spanish, a US portal's second language (the pages and the replies stay in English).
FOR_WHAT_IN_SPANISH = re.compile(r"\bpara qu[eé] (sirve|sirven|es|son|se usa|se usan|lo usan)\b|\b(es|son|sirve|sirven|se "
                                 r"usa|se usan) para\b|\best[aá]n? aprobad[oa]s? para\b|\bqu[eé] es\b", _I)
SIDE_EFFECTS_IN_SPANISH = re.compile(r"\befectos? (secundarios?|adversos?)\b|\b(da|dan|causa|causan|provoca|provocan|"
                                     r"produce|producen) (\w+ )?(diarrea|n[aá]useas?|v[oó]mitos?|fiebre|ca[ií]da del "
                                     r"(pelo|cabello)|cansancio|dolor\w*|mareos?|sarpullido|tos)\b", _I)
DOSE_IN_SPANISH = re.compile(r"\bcu[aá]nt[oa]s (pastillas|tabletas|c[aá]psulas|mg|miligramos|veces)\b|\bdosis\b|"
                             r"\bcada cu[aá]nto\b", _I)
# A follow-up after a remark: "so only ovarian? what about cisplatin then".
WHAT_ABOUT_LAST = re.compile(r"[?.!]\s*((and|so|ok|okay)\s+)?(what|how) about\s+[\w-]+(\s+[\w-]+)?(\s+then)?\W*$", _I)
# "only immunotherapy please", "just the targeted ones" (after "lung cancer drugs"): the list before, narrowed to a kind
NARROWS_TO_A_KIND = re.compile(rf"^\W*(ok(ay)?\W+)?(only|just)( show( me)?)?( the)? ({_DRUG_KINDS}|targeted)( ones| drugs)?"
                               rf"( please| pls| plz)?\W*$", _I)
FOLLOW_UP_CONFIDENCE = 0.5  # below this, a continuing turn asks what the turn before it asked
WHAT_ABOUT = re.compile(r"\b(what|how) about\b(?! (you|u|ya|yourself|that)\b)", _I)  # not "what about you?"
FOLLOW_UP_TURNS = 3  # how far back past small talk a follow-up looks for the question it continues
_QUESTION_WORD = (r"(?:what|what's|whats|which|why|how|is|are|can|could|does|do|did|will|would|should|who|when|"
                  r"where|was|were|any|anything|whether)")
# Where a message's parts meet: sentence ends, and a comma, dash or colon before a question ("I get a Zoladex
# implant every month, what's it approved for?").
_CLAUSE_BREAK = re.compile(rf"(?<=[.!?;])\s+|(?<=[.!?;]['\"’”])\s+|\n+|\s*(?:,|\s-+|:)\s+(?={_QUESTION_WORD}\b)", _I)
# Two questions in one sentence: "what is Xeloda for and what are the side effects?"
_QUESTION_JOIN = re.compile(rf",?\s+(?:and|also|plus)\s+(?={_QUESTION_WORD}\b)", _I)
MAX_QUESTIONS = 4  # of one message, read apart
NOT_ANSWERABLE = 0.3  # a question whose answerable intents are this unlikely asks something else,
OTHER_QUESTION_CONFIDENCE = 0.8  # and, for the answer to say so, this surely ("who should get X?" is not)
ANOTHER_QUESTION_CONFIDENCE = 0.6  # or this, when the writer marks it as another question ("Also, will I ...?")
SECOND_QUESTION_CONFIDENCE = 0.4  # or this, for a question of its own after one that clearly asks what it answers
CLEAR_ANSWER = 0.8  # and a part surely asks what approved-use text answers
# A sentence that asks for help and nothing else: the question is in the sentences around it.
ONLY_ASKS_FOR_HELP = re.compile(
    r"^\W*((can|could|would|will) (you|u|someone|anyone|somebody) (please |pls )?(help|assist|advise|explain|clarify)"
    r"( me| us)?( (please|pls|out|with (this|that)))?|(please|pls) (help|advise)( me| us)?|"
    r"any (ideas|advice|help|thoughts|info)|(hoping|hope) you can help|"
    # "My insurance says Opdivo isn't approved for small cell. Who is right?": the claim before it is the question
    r"(is|was) (that|this|it) (really |actually )?(true|right|correct|accurate|so)|(who|which (one|of us)) is right|"
    r"(am i|are they|are we|is (he|she|that|the \w+)) (right|wrong|correct))\W*$", _I)
_ANOTHER_QUESTION = rf"({ANOTHER_MATTER}|one more thing|another question)"
ANOTHER_QUESTION_BEFORE = re.compile(rf"\b{_ANOTHER_QUESTION}\W*$", _I)
ANOTHER_QUESTION_OPENS = re.compile(rf"^\W*{_ANOTHER_QUESTION}\b", _I)
_QUESTION = re.compile(rf"\?\s*$|^\W*{_QUESTION_WORD}\b|\b(asks?|asking|asked|wonder\w*|wants? to know|confirm|"
                       rf"remind me|(i'?d|i would|we'?d|we would) (really )?(like|love) to (know|understand|find out)|"
                       rf"(i|we) (really )?(want|need|am trying|'m trying|am hoping|'m hoping) to (know|understand|"
                       rf"find out|work out)|"
                       rf"(tell|explain to|let) me( know)? (what|which|if|whether|why|how))\b", _I)  # a question, or one
# reported ("pt's wife asks what Kepivance is for") or asked as a wish ("I'd like to understand what Darzalex is for")
# "for lung cancer", "to treat kids with ALL": what an "is X approved for Y" question asks about.
CONDITION_PHRASE = re.compile(
    r"\b(?:approved|used|indicated|labell?ed|given|give|prescribed|effective|good|ok|okay|work|drugs?|medicines?|meds|"
    r"treat|treatments?|therap(?:y|ies)|options?|antidotes?|medications?|pills?|tablets?|injections?|shots?|jabs?|"
    r"anything|something|take|have|get|"
    r"what(?=\s+(?:else\s+)?(?:treats|can treat|could treat)\b))\b[^.?!]*?"  # "what treats thymoma?", in one sentence
    r"\b(?:for|to treat|treats?|against|in|to (?:slow|stop|prevent|cure|manage|control|shrink|fight)(?: down)?)\s+"
    r"(?:people with |patients with |adults with |children with |kids with |treating |the treatment of )?"
    r"(?P<condition>[A-Za-z][A-Za-z0-9 \-'/()]{1,60}?)\s*(?:[?.!]|$)", _I)
# "and what about emrelis, the onc said maybe that next": another name, after a turn that asked about one.
ANOTHER_NAME = re.compile(r"(^\W*((ok(ay)?|so|right|thanks)\W+)?(and|also)|\b(what|how) about)\s+(?:the\s+)?"
                          r"(?P<name>[A-Za-z][\w-]+)\s*(?:[,.?!]|$|for\b|(?:that|which|they|he|she|i|we)\b)", _I)
# "systemic mastocytosis - what meds are approved": the condition as a heading, then which drugs treat it.
TOPIC_THEN_QUESTION = re.compile(r"^\W*(?P<condition>[A-Za-z][A-Za-z0-9 \-'/]{2,50}?)\s*(?:-|–|:)\s+(?=(?:what|which|"
                                 r"any|are there|is there)\b[^.?!]{0,20}\b(?:drugs?|meds|medicines?|medications?|"
                                 r"treatments?)\b)", _I)
# "tecentriq for small cell?": a drug's name and "for", the whole message (see drug_for_phrase).
DRUG_FOR = re.compile(r"^\W*(.{2,60}?)\s+for\s+([A-Za-z][A-Za-z0-9 \-'/]{2,60}?)\s*[?.!]*\s*$", _I)
LEAD_IN_WORDS = frozenset({"and", "or", "what", "about", "how", "also", "so"})
# "my husband has glioblastoma, what's approved?": the condition told of, where the question says no "for".
TOLD_CONDITION = re.compile(r"\b(?:has|have|had|with|diagnosed with|dx'?d? with)\s+(?!(?:been|got|to|no|any|some|"
                            r"(?:a |an |some )?(?:quick |few |short )?(?:questions?|query|queries|concerns?|doubts?))\b)"
                            r"(?:an?\s+|the\s+)?"
                            r"(?:(?:stage \w+|advanced|metastatic|recurrent|relapsed)\s+)*"
                            r"([a-z][a-z-]{3,}(?: [a-z][a-z-]+){0,3}?)"
                            r"(?:\s+(?:in|on) (?:his|her|my|the|their) [a-z]+(?: [a-z]+)?)?"  # "... in his belly wall"
                            r"\s*(?:[,.;!?]|$|\b(?:and|but|so|what|which)\b)", _I)
TOLD_AS_A_KIND = frozenset({"kind", "type", "form", "sort", "one", "version", "variety"})  # of what was named before
# "HER2 negative", "HR+", "EGFR-positive": what a biomarker is said to be, in a question or an indication.
BIOMARKER = re.compile(r"\b(her2|hr|er|pr|egfr|alk|ros1|brca[12]?|pd-?l1|cd19|cd20|cd30|hormone[- ]receptor|"
                       r"estrogen[- ]receptor)(?:[\s-]*(positive|negative)\b|(\+|-)(?=[\s),;.]|$))", _I)
MARKER_NAMES = {"hormone receptor": "hr", "hormone-receptor": "hr", "estrogen receptor": "er",
                "estrogen-receptor": "er", "pdl1": "pd-l1"}
# Genes and markers a patient asks for drugs by ("my dad's lung cancer has a KRAS mutation"), as the pages' words
# are tokenised; "BRCA" stands for BRCA1 and BRCA2. MET, KIT and RET count only in capitals (else "met", "kit").
MARKER_WORDS = {word: (word,) for word in (
    "kras", "nras", "braf", "egfr", "alk", "ros1", "her2", "brca1", "brca2", "flt3", "idh1", "idh2", "ntrk", "fgfr2",
    "fgfr3", "pik3ca", "esr1", "pdgfra", "nrg1", "jak2", "npm1", "kmt2a", "dmmr", "psma", "bcma", "met", "kit", "ret",
    "cd19", "cd20", "cd22", "cd30", "cd33")}
MARKER_WORDS |= {"brca": ("brca", "brca1", "brca2"),  # MSI-high and mismatch repair deficient (dMMR) go together
                 "msi": ("msi", "dmmr"), "dmmr": ("dmmr", "msi"), "microsatellite": ("msi", "dmmr"),
                 "pd-l1": ("l1",)}  # the PD-L1 protein ("PD-L1 positive lung cancer"), tokenised "pd", "l1"
MARKER_PATTERNS = {"l1": r"pd-?\s?l1"}  # how the pages write a marker word that is not written as tokenised
MARKERS_IN_CAPITALS = frozenset({"met", "kit", "ret"})
# Words that only a gene comes before, so that "met", "kit" and "ret" before them are MET, KIT and RET ("ret fusion").
_AFTER_A_GENE = (r"exon|fusions?|mutations?|mutated|mutant|rearranged|rearrangements?|amplified|amplification|"
                 r"skipping|alterations?|altered")
AFTER_A_GENE = re.compile(_AFTER_A_GENE, _I)
# Words beside a gene that say how it is changed: "G12C", "V600E", "exon 20", "positive", "mutated".
GENE_CHANGE_WORD = re.compile(rf"[a-z]\d{{1,4}}[a-z]?|\d{{1,3}}|{_AFTER_A_GENE}|positive|negative|pos|neg|\+|high|low|"
                              rf"deficient|deletions?|insertions?|variants?|translocation", _I)
MARKER_DENIED = re.compile(r"\b(not|no|without|lacks?|lacking|negative for)\b[^.;:]{0,50}$", _I)
MARKER_NEGATIVE = re.compile(r"[\s-]*(negative|wild[- ]type)\b|-(?![\w-])", _I)
WILD_TYPE_BEFORE = re.compile(r"\bwild[- ]type\s*$", _I)  # "the wild-type KRAS gene"
MARKER_AS_DRUG_BEFORE = re.compile(r"\banti-?\s*$", _I)
# "Which drugs block PD-L1?", "PD-L1 inhibitors": a kind of drug, whose uses are not those for cancers with the PD-L1
# protein (PD-1 blockers treat those too); a gene's blockers ("drugs that inhibit EGFR") are the drugs for its cancers.
PD_L1_BLOCKERS = re.compile(r"\b(block\w*|inhibit\w*|against|target\w*)\s+(the\s+)?pd-?\s?l1\b|"
                            r"\b(anti-?\s?)pd-?\s?l1\b|\bpd-?\s?l1\s+(inhibitors?|blockers?|drugs?|antibod\w*)", _I)
MARKER_AS_DRUG_AFTER = re.compile(r"[\s-]*((tyrosine kinase )?inhibitors?|blockers?|directed|targeted|based)\b", _I)
MARKER_OR = re.compile(r"[^.;:,]{0,40}\bor\b[^.;:,]{0,40}$")  # the next marker of a list "not A or B" denies
MARKER_LOW = re.compile(r"[\s-]*(ultra-?)?low\b", _I)  # "HER2-low", "HER2 ultralow": neither positive nor negative
# "the tumors in the belly lining called desmoid tumors": a description, then the name.
CALLED = re.compile(r"\b(called|named|known as|aka)\s+", _I)
# Where the condition's words end and another clause begins: "desmoid tumors | or is everything off label".
NEXT_CLAUSE = re.compile(r"(?:^|\s+)(?:or|and|but|because|since|so)\s+(?=(?:is|are|do|does|did|was|were|can|could|should|will|"
                         r"would|has|have|it|its|it's|everything|anything|just|only|if|the|my|i|i'm|we|they)\b)", _I)
# "What is Lipitor used for?", "Is metformin approved ...", "What does Humira treat?": the drug asked about.
SUBJECT = re.compile(
    r"\b(?:what(?:'s|’s|s| is| are)|is|are|does|do|can|that)\s+(?:the\s+)?"
    r"(?!(?:used|approved|indicated|prescribed|given)\b)([A-Za-z][A-Za-z0-9\-]+)\s+"  # not "are approved for"
    r"(?:(?:mushrooms?|extract|tea|oil|supplements?|injections?|tablets?|pills?|capsules?|shots?|infusions?)\s+)?"
    r"(?:(?:fda|actually|really|even|still|officially|also|now|already)\s+)?"  # "is emrelis fda approved for nsclc"
    r"(?:is\s+|are\s+)?(?:used|approved|indicated|for|treat|treats|prescribed|given)\b", _I)
# What a term means, asked of the term itself: "what does her2 positive actually mean" (not "what does it mean").
TERM_MEANING = re.compile(r"\bwhat (does|do) (?!(it|that|this|they|these|those)\b)[\w+-]+( [\w+-]+){0,3} (actually |really "
                          r"|even )?mean\b", _I)
# What brings a condition on, not a kind of it: "chemo nausea", "radiation dermatitis".
CAUSE_WORDS = frozenset({"chemo", "chemotherapy", "radiation", "radiotherapy", "treatment", "immunotherapy", "steroid",
                         "steroids", "opioid", "opioids", "surgery", "transplant", "drug", "medicine"})
NEGATED = re.compile(r"(in|un|non)[a-z]{5,}")  # "inoperable", "untreatable": how far a cancer has gone, not its kind
# "komzifti for aml?": search terms that open with the name asked about.
NAME_FIRST = re.compile(r"^\W*([A-Za-z][A-Za-z0-9\-]+)(?:\s+(?:injections?|tablets?|pills?|jabs?|shots?|tea|oil|"
                        r"extract|supplements?))?(?:\s+(?:is\s+|are\s+)?(?:used\s+|approved\s+|licen[cs]ed\s+|"
                        r"indicated\s+)?for\b|"
                        r"\s+(?:indications?|label)\b|"  # "raltitrexed indications - we use it in UK for ..."
                        r"[\s,:?-]+what(?:'s|s|\s+is)\s+(?:it|that|this)\s+(?:used\s+|approved\s+)?for\b|"
                        r"\b[^?.!]{0,40}?\b(?:is|are)\s+(?:it|they|these|those)\s+(?:\w+\s+)?(?:approved|used|licensed)\b)",
                        _I)  # "metoprolol what is it for, cardiologist added it after my herceptin echo", "Iscador mistletoe
# jabs - are they FDA approved for breast cancer like Herceptin is?"
# USAN/INN stems that end the names of most targeted drugs, antibodies and CAR-Ts (taletrectinib, zongertinib).
DRUG_STEM = re.compile(r"(mab|nib|lib|sib|ciclib|parib|rafenib|stat|platin|taxel|rubicin|mycin|cel|leucel|tide|"
                       r"vir|azole|pril|sartan|olol|statin|dronate|gliptin|glutide|flozin|prazole|setron|pitant|xaban|"
                       r"parin|tecan|mide|lisib|degib|toclax|zomib)$")
_CONTROL = re.compile(r"[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_PLAIN = re.compile(r"[^A-Za-z0-9 \-']")


def strip_controls(text: str) -> str:
    """Control, zero-width and bidirectional-override characters removed; they only hide or reorder text."""
    return _CONTROL.sub("", unicodedata.normalize("NFC", text))


# Punctuation a voice assistant wrote out as words: "trouble breathing full stop she says it's anxiety comma what is ...".
_DICTATED = {"full stop": ".", "period": ".", "question mark": "?", "exclamation mark": "!", "exclamation point": "!",
             "comma": ",", "new line": ".", "new paragraph": "."}
_DICTATED_MARK = re.compile(r"(?<=\w) (full stop|question mark|exclamation (mark|point)|comma|new (line|paragraph))\b"
                            r"(?= \w|\s*$)|(?<=\w) period(?= [a-z]+ (is|was|has|had|says|said|what|how|why|can|does)\b)", _I)


def clean_question(text: str) -> str:
    text = " ".join(strip_controls(text).split())
    if " comma " in text or "full stop" in text or " mark" in text or " period " in text or " new " in text:
        text = _DICTATED_MARK.sub(lambda m: _DICTATED[m.group(0).strip().lower()], text)
    return text


# A follow-up that asks about a stage only ("how about for stage 1?", "and stage IV?"), or whether the drug told before is
# for something ("is that for HER2?").
_FOLLOW_UP_LEAD = (r"(and|or|what about|how about|for|in|at|is it for|is it approved for|is that for|what about for|"
                   r"(does|do) (that|it|this|they|those) (also )?(include|cover))")  # "does that include prostate"
STAGE_ALONE = re.compile(rf"^\W*({_FOLLOW_UP_LEAD}\s+)*stages?\s+([0-4]|i{{1,3}}|iv|one|two|three|four)[a-c]?\W*$", _I)
WORKS_FOR = re.compile(r"^(?!.*\bhow (well|good|effective|likely)\b)(?!.*\b(chances?|odds|percent\w*|%)).*\b(does|do|will|"
                       r"would|can|could) (it|this|that|they|these|[\w-]+) (even |actually |really |also )?work (for|on|in|"
                       r"against) ", _I)
IS_IT_FOR = re.compile(r"\b(is|are|was) (that|it|this|they|these|those) (only |just |also )?(for|used for|approved for|"
                       r"given for)\b|\b(does|do) (that|it|this|they|these|those) (also )?(include|cover|apply to)\b", _I)
# A follow-up that names only who would take the drug before: "in kids?", "and for older people?".
GROUP_ALONE = re.compile(rf"^\W*({_FOLLOW_UP_LEAD}\s+)*(the\s+)?(kids|children|child|babies|infants|teens|teenagers|"
                         rf"adolescents|young adults|adults|men|women|older (people|adults|patients)|the elderly|elderly)"
                         rf"\W*$", _I)
# Whether a drug still fits, told a marker: "my report says her2 low not positive, does it still count".
STILL_COUNTS = re.compile(r"\b(does|do|would|will) (it|that|this|she|he|i|they) (still )?(count|qualify|apply|work|fit)\b",
                          _I)
# A follow-up that names a cancer by its organ alone ("zejula" | "ovarian?", "drugs for lung cancer" | "non small cell"):
# the organ's cancer, as "what about breast cancer?" would name it. Only a whole turn, after earlier turns: "ovarian"
# alone is no cancer in "ovarian cysts on letrozole".
_ORGANS = (r"ovarian|breast|prostate|lung|bladder|kidney|renal|liver|pancreatic|pancreas|colon|colorectal|bowel|rectal|"
           r"stomach|gastric|cervical|uterine|endometrial|thyroid|brain|skin|bone|testicular|esophageal|oesophageal|"
           r"head and neck|anal|penile|vulvar|vaginal|biliary|bile duct|gallbladder|(?P<lung>(non[- ]?)?small[- ]cell)")
ORGAN_ALONE = re.compile(rf"^(?P<lead>\W*({_FOLLOW_UP_LEAD}\s+)*(the\s+)?)(?P<organ>{_ORGANS})(\s+(one|type|kind))?"
                         rf"(?P<end>\W*)$", _I)


# A turn that corrects a name of the one before: "sorry i meant tagrisso", "oops meant kidney cancer", "sorry, the
# other one i mean".
_SORRY = r"sorry|oops|whoops|oh|my bad|typo|correction|autocorrect(ed)?|spellcheck"
CORRECTION = re.compile(rf"^\W*(({_SORRY})\W+)*(i\s+)?(meant|mean)\W+(?!(it|that|this|they|i|you|we|he|she|to)\b)"
                        rf"(?P<name>(\S+\s+){{0,5}}?\S+?)\W*$|"
                        rf"^\W*(({_SORRY})\W+)+(?P<told>(\S+\s+){{0,5}}?\S+?)\s+(i\s+)?(mean|meant)\W*$|"
                        rf"^\W*(?!(what|how|why|who|which|do|does|is|are|can|no|yes|ok|okay|{_SORRY})\b)"
                        rf"(?P<said>(\S+\s+){{0,3}}?\S+?),?\s+i\s+(mean|meant)\b"
                        rf"(?![^?]*\b(what|how|why|is|are|can|does|do)\b)[^?]{{0,30}}$", _I)  # "lupron depot i mean, the injection"


def correction_as_follow_up(text: str) -> str | None:
    """"sorry i meant opdivo" -> "and opdivo?", which asks again what the question before asked; None for any other
    text."""
    match = CORRECTION.match(text)
    if match is None:
        return None
    name = match.group('name') or match.group('told') or match.group('said')
    return f"and {NOT_THE_OTHER.sub('', name)}?"


# What a correction adds after the name: "tagrisso not tarceva", "taxotere, autocorrect".
NOT_THE_OTHER = re.compile(r",?\s+(not|instead of|rather than)\s+.*$|,?\s+(autocorrect\w*|spell ?check\w*|typo|sorry|lol)"
                           r"\W*$", _I)


def organ_as_cancer(text: str) -> str | None:
    """"ovarian?" -> "ovarian cancer?", "and non small cell" -> "and non small cell lung cancer"; None for any other text."""
    match = ORGAN_ALONE.match(text)
    if match is None:
        return None
    cancer = "lung cancer" if match.group("lung") else "cancer"
    return f"{match.group('lead')}{match.group('organ')} {cancer}{match.group('end')}"


def plain_words(text: str) -> str:
    """Text as the user wrote it, reduced to plain words so nothing they typed is echoed as markup."""
    return " ".join(_PLAIN.sub(" ", text).split())[:60]


# Text-message and clinical shorthand, spelt out for the intent head ("wat is opdivo 4", "pt hx of").
SHORTHAND_WORDS = {"wat": "what", "wot": "what", "u": "you", "ur": "your", "pls": "please", "plz": "please",
                   "abt": "about", "b4": "before", "bc": "because", "cuz": "because", "w/": "with", "w/o": "without",
                   "tx": "treatment", "dx": "diagnosis", "rx": "prescription", "hx": "history", "pt": "patient",
                   "pts": "patients", "sx": "symptoms", "s/e": "side effects", "meds": "medicines", "thx": "thanks",
                   "ta": "thanks", "moa": "mechanism of action", "freq": "frequency", "ppx": "prophylaxis",
                   "adc": "antibody-drug conjugate", "adcs": "antibody-drug conjugates", "tki": "kinase inhibitor",
                   "tkis": "kinase inhibitors"}
# The words a question about approved uses turns on, as people misspell them ("aprroved", "medecine", "tretment"): read
# as written, every pattern and the intent head would miss them. Only a word no page and no dictionary has is respelt.
ASKING_WORDS = ("approved", "approve", "approval", "indicated", "indication", "treat", "treats", "treated", "treatment",
                "treatments", "medicine", "medicines", "medication", "medications", "prescribed", "therapy",
                "chemotherapy", "immunotherapy", "which", "drugs")
# "4" is "for" between words, but not in "stage 4", "cycle 4", "4 weeks", "4 tabs".
_FOR = re.compile(r"(?<=[a-z] )4(?= [a-z]| ?$)(?<!stage 4)(?<!grade 4)(?<!cycle 4)(?<!day 4)(?<!week 4)(?<!phase 4)"
                  r"(?<!level 4)(?<!type 4)(?<!round 4)(?! (cycles?|weeks?|days?|months?|years?|times|hours?|hrs|tabs?|"
                  r"tablets?|pills?|doses?|rounds?|mg)\b)", _I)


def spelt_out(text: str) -> str:
    return " ".join(map(_spelt_out, _FOR.sub("for", text).split(" ")))


def _spelt_out(word: str) -> str:
    """One word spelt out, the punctuation after it kept ("ta." is "thanks.")."""
    bare = word.rstrip(".,!?;:")
    return SHORTHAND_WORDS.get(bare.lower(), bare) + word[len(bare):]


def intent_texts(text: str, names: list[NameMatch], medicines: list[Medicine]) -> tuple[str, str]:
    """What is embedded (drugs and medicines masked, so the one vector serves search and intent alike) and
    what the intent head counts words of (cancers masked too), shorthand spelt out in both."""
    return (spelt_out(masked(text, names, medicines, EMBEDDED_DRUG)),
            spelt_out(masked(text, names, medicines, WORD_DRUG, WORD_CANCER)))


def condition_words(name: str) -> frozenset[str]:
    """The words of a condition's name that tell it apart ("lung cancer" -> {"lung"})."""
    return frozenset(naming_tokens(name)) - GENERIC_WORDS


def naming_token_sets(cancers: Sequence[NameMatch]) -> tuple[frozenset[str], ...]:
    """One set of telling words per way the cancers are named: a text naming them has every word of one set."""
    return tuple(condition_words(term) for m in cancers for term in m.named_as)


# Words that make free words a disease's name ("rheumatoid arthritis", "macular degeneration", "psoriasis"), unlike
# "after stem cell transplant" or "use in kids".
DISEASE_NAME = re.compile(r"\b(\w+(itis|osis|iasis|emia|pathy)|\w{3,}oma|diseases?|syndromes?|disorders?|degeneration|"
                          r"deficiency|infections?|diabetes|lupus|leprosy|asthma|gout|epilepsy|migraine|dementia|"
                          r"alzheimer'?s|parkinson'?s|multiple sclerosis|eczema|acne|obesity|hypertension|covid|"
                          r"influenza|malaria|tuberculosis|infertility|menopause|crohn'?s|gvhd|graft[- ]versus[- ]host|"
                          r"ms|ra|copd|ibd|sle|hiv|aids|als)\b", _I)


@dataclass(frozen=True)
class Condition:
    """What "is X approved for Y?" asks about."""

    text: str  # Y as written, plain words only
    token_sets: tuple[frozenset[str], ...]  # an indication fits when it has every word of one set
    known: bool  # Y is a condition the pages name

    @property
    def may_be_unlisted(self) -> bool:
        """Whether an answer may say that a page does not list it: a condition the pages name, or words that read as
        a disease's name. Free words ("after stem cell transplant") are no ground for saying so."""
        return self.known or DISEASE_NAME.search(self.text) is not None

    @property
    def only_an_age_group(self) -> bool:
        """"childhood cancers", "pediatric cancers": who the drug treats, not what (the uses that name children)."""
        return bool(self.token_sets) and all(tokens <= AGE_GROUP_WORDS for tokens in self.token_sets)


@dataclass(frozen=True)
class Query:
    text: str  # the question, controls removed and whitespace collapsed
    prediction: IntentPrediction
    triage: Triage
    names: tuple[NameMatch, ...]  # corpus drugs and cancers the question names
    borrowed: tuple[NameMatch, ...]  # those of an earlier turn that a follow-up leans on
    medicines: tuple[Medicine, ...]  # medicines named that no page covers
    unknown_subject: str | None  # the drug "what is X used for?" asks about, when no page covers it
    unknown_names: tuple[str, ...]  # words that look like names of things no page mentions ("Modeyso")
    unknown_terms: tuple[str, ...]  # what the question asks about that no page ever mentions
    condition: Condition | None
    condition_phrase: str | None  # the words after "approved for", as written
    drug_urls: frozenset[str]
    cancer_urls: frozenset[str]
    childhood: bool
    vector: np.ndarray = field(compare=False, repr=False)  # the embedding of the drug-masked question
    also_asked: Intent | None = None  # what another question of the message asks that approved-use text cannot answer
    told_before: str = ""  # earlier user turns, for a follow-up that takes its cancer from them: its genes are there
    # "is there anything for the bone pain from myeloma?": what a drug is asked for, when it is a symptom or harm the
    # cancer named is only the cause of or told of beside; and its words no page uses ("hot flashes")
    symptom_asked: Condition | None = None
    symptom_unknown_terms: tuple[str, ...] = ()
    about_an_animal: bool = False  # "my dog's lymphoma": see ABOUT_AN_ANIMAL
    kind_no_page_names: str | None = None  # "aplastic anemia": see QueryAnalyser._kind_no_page_names

    @property
    def intent(self) -> Intent:
        return self.prediction.intent

    def asks_approved_use(self, about_a_drug: bool) -> bool:
        """Whether approved-use text answers what this asks: the answerable intents, taken together, are more
        probable than the rest ("what is X?" counts for a drug, whose approved uses say what it is)."""
        intents = ANSWERABLE_FOR_A_DRUG if about_a_drug else ANSWERABLE
        if TELLS_PREGNANCY.search(self.text):
            return False  # "my wife is pregnant and has leukemia, what is approved?": see TELLS_PREGNANCY
        if about_a_drug and self._asks_what_the_drug_is_for():
            return True
        if about_a_drug and self.cancers and WORKS_FOR.search(self.text):
            return True  # "does it work for mantle cell?": whether it is used for it, not how well
        if not about_a_drug and (self.cancers or self.condition is not None) and A_DRUG_FOR.search(self.text):
            return True  # "is there a drug for stage 4 pancreatic cancer?", "what is the immunotherapy for kidney
            # cancer?", "is there a shot for bone mets?"
        if not about_a_drug and THERAPY_FOR.match(self.text) and self.names_its_cancer_last():
            return True  # "immunotherapy for MSI-H colon cancer", "chemo for stage 3 colon cancer"
        if not about_a_drug and self.markers and DRUGS_TARGETING.search(self.text):
            return True  # "which drugs target HER2?", "HER2 targeted drugs": those whose uses name the gene
        if not about_a_drug and self.cancers and (DRUGS_THAT_PREVENT.search(self.text)
                                                  or TREATMENT_OPTIONS.search(self.text) or WHICH_DRUGS.search(self.text)):
            return True  # "which vaccines prevent cervical cancer?", "what are her treatment options?", "what's approved
            # for r/r MM after 3 lines?"
        return self.prediction.probability(intents) >= ANSWER_PROBABILITY

    def names_its_cancer_last(self) -> bool:
        """The message ends with a cancer it names ("... for stage 3 colon cancer?"), nothing asked after it."""
        return any(m.kind == "cancer" and m.span[1] == len(question_tokens(self.text)) for m in self.names)

    def _asks_what_the_drug_is_for(self) -> bool:
        """The ways of asking what a named drug is for that the intent head reads unsurely or as another topic."""
        text = self.text
        if INDICATION.search(text) and not OTHER_LABEL_TOPIC.search(text):
            return True  # "new pt on Padcev, what indication", "is cHL a labeled indication?": a label's uses
        if ASKS_WHY_ON.search(text) and any(re.search(rf"{WHY_ON}\W+{re.escape(m.text)}\W*$", text, _I)
                                            for m in self.drugs):
            return True  # "why is my mom on Xeloda?", "why am I taking letrozole": what it is for
        if ONE_OF_THE_OPTIONS.search(text) and any(re.search(rf"\b(is|are|would|could) {re.escape(m.text)}\b", text, _I)
                                                   for m in self.drugs):
            return True  # "is Lynparza one of the options?", "would Tagrisso be an option?"
        if self.condition is not None and self.condition.known and (APPROVED_FOR.search(text) or ONES_FOR.search(text)):
            return True  # "my insurance says Opdivo isn't approved for small cell lung cancer. who is right?", "neither
            # of my drugs is for leukemia right?"
        if (INCLUDES.search(text) and (self.condition is not None and self.condition.known or self.markers)
                and not INSURANCE.search(text)):
            return True  # "what is Lynparza approved for?" | "does that include breast cancer?" (or "HER2 low?")
        what_for = WHAT_FOR.search(text)
        if what_for and not OTHER_LABEL_TOPIC.search(text) and self._names_a_drug(what_for["subject"]):
            return True  # "Dear Dr. Patel, ... Quick question: what is the Xgeva injection I get for? Thanks, Linda"
        for_what = FOR_WHAT.search(text)
        if for_what and not OTHER_LABEL_TOPIC.search(text) and self._names_a_drug(for_what["subject"]) and len(
                self._words_besides_drugs(for_what["subject"])) <= FOR_WHAT_OTHER_WORDS:
            return True  # "nivolumab and ipilimumab together, what for?", not "I need a blood test before every
            # Keytruda, what for?"
        if ALONE.search(text):
            return True  # "can Lenvima be used alone?": its uses say "alone or with other drugs"
        if FOR_WHAT_IN_SPANISH.search(text) and not topic_in_spanish(text):
            return True  # "mi papa toma xtandi, es para el cancer de prostata?", "para que sirve el keytruda"
        if IS_A_KIND.search(text):
            return True  # "is Keytruda chemo?": what it is for, and a line that this service cannot say which kind
        if any(self._names_a_drug(match[1]) and (match[1].lower() not in POINTING_WORDS or not any(
                m.kind == "drug" for m in self.names)) for match in IS_IT_FOR_CANCER.finditer(text)):
            return True  # "is Keytruda a cancer drug?", "is it a cancer drug?" after one: the cancers it is approved
            # for say so ("is fever a side effect of Keytruda or is that only chemo?" is no such question)
        named_form = WHAT_IS_THE_FORM.search(text)
        if named_form and named_form["name"].lower() in {m.text.lower() for m in self.drugs}:
            return True  # "what is the pill letrozole?": what it is for (not what the pill looks like)
        if ONES_FOR.search(text) and POPULATION.search(text):
            return True  # "what is Lynparza for?" | "is that for men too?": its approved uses say who
        if (ONLY_FOR.search(text) or PRIOR_TREATMENT.search(text)) and not OTHER_LABEL_TOPIC.search(text):
            return True  # "is Tagrisso only for stage 4?": all it is approved for; "does Carvykti need prior BCMA?"
        if WHAT_IT_DOES.search(text):
            return True  # "what does Xgeva do?": what it is for, and a line that this service cannot say how it works
        return MEANT_TO_DO.search(text) is not None  # "... a Neulasta thing on my arm. what is it supposed to do"

    def _words_besides_drugs(self, words: str) -> list[str]:
        drugs = {token.lower() for m in self.drugs for token in question_tokens(m.text)}
        return [token for token in question_tokens(words) if token.lower() not in drugs]

    def _names_a_drug(self, words: str) -> bool:
        """Whether `words` name one of the question's drugs or point to one ("it", "that")."""
        lowered = words.lower()
        return bool(POINTING_WORDS & set(re.findall(r"[a-z]+", lowered))) or any(m.text in lowered for m in self.drugs)

    @property
    def asks_about_a_drug(self) -> bool:
        """What a drug is for, what it is or what it is called, rather than which drugs treat a condition."""
        return self.asks_approved_use(about_a_drug=True) and self.prediction.probability(
            {Intent.APPROVED_USE, Intent.DEFINITION, Intent.DRUG_NAMES}) > self.prediction.probabilities.get(
            Intent.DRUGS_FOR_CONDITION, 0.0)

    @property
    def topic(self) -> Intent:
        """What the question asks that approved-use text does not answer; never small talk when it names a drug or a
        cancer itself ("my mum is on Keytruda and has a rash all over, what should we do?" is about her symptoms, "who
        is at risk for melanoma?" about risk, though the head reads them as chat first; "ok thanks!" after a
        question about Xtandi is chat)."""
        topic = unanswerable_topic(self.prediction)
        if topic is Intent.CHATTER and any(m.kind in ("drug", "cancer") for m in self.names):
            return unanswerable_topic(self.prediction, besides=Intent.CHATTER)
        return topic

    def without_drugs(self) -> Query:
        """The question as if it named no drug: for one that names drugs only as the cause of what it asks about."""
        return replace(self, names=tuple(m for m in self.names if m.kind != "drug"),
                       borrowed=tuple(m for m in self.borrowed if m.kind != "drug"), drug_urls=frozenset())

    @property
    def all_names(self) -> tuple[NameMatch, ...]:
        return self.names + self.borrowed

    @property
    def drugs(self) -> tuple[NameMatch, ...]:
        return tuple(m for m in self.all_names if m.kind == "drug")

    @property
    def cancers(self) -> tuple[NameMatch, ...]:
        return tuple(m for m in self.all_names if m.kind == "cancer")

    @property
    def asks_for_a_cancers_drugs(self) -> bool:
        """"I know about Keytruda but ... Which drugs are approved for melanoma like mine?": the message's last
        question asks which drugs treat a cancer it names, and none of its questions names a drug; a drug told of
        only in passing is not what it asks about."""
        if not self.cancers or not self.drugs or not WHICH_DRUGS.search(self.text):
            return False
        parts = [fold(part) for part in question_parts(self.text)]
        return (bool(parts) and WHICH_DRUGS.search(parts[-1]) is not None
                and not any(fold(m.text) in part or POINTING_TO_A_DRUG.search(part)
                            for m in self.drugs for part in parts))

    @property
    def asks_a_cancers_drugs_too(self) -> bool:
        """"What is Keytruda for and what other drugs are approved for melanoma?": a question about a drug, then one
        that asks which drugs treat a cancer the message names and names no drug itself."""
        if not self.cancers or not self.drugs or not WHICH_DRUGS.search(self.text):
            return False
        parts = [fold(part) for part in question_parts(self.text)]
        return (len(parts) >= 2 and WHICH_DRUGS.search(parts[-1]) is not None
                and any(fold(m.text) in parts[-1] for m in self.cancers)
                and not any(fold(m.text) in parts[-1] for m in self.drugs) and not POINTING_TO_A_DRUG.search(parts[-1])
                and any(fold(m.text) in part for m in self.drugs for part in parts[:-1]))

    @property
    def asks_for_a_form_under_the_skin(self) -> bool:
        """"Is there a version given as a shot under the skin?", "can Rituxan be given under the skin?"; not "my
        injection site under the skin is red"."""
        return GIVEN_UNDER_THE_SKIN.search(self.text) is not None and any(
            GIVEN_UNDER_THE_SKIN.search(part) and FORM_ASKED.search(part) for part in question_parts(self.text))

    @property
    def marker_text(self) -> str:
        """Where the genes asked about are named: the question, else what was told before it ("he has an ALK
        mutation" | "what drugs?")."""
        return self.text if not self.told_before or markers_written_in(self.text) else self.told_before

    @property
    def markers_written(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        return markers_written_in(self.marker_text)

    @property
    def markers(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(word for _, words in self.markers_written for word in words))

    @property
    def cancers_joined(self) -> bool:
        """"breast and ovarian cancer", "breast, ovarian and prostate cancer": the question names several cancers
        joined by "and" or "or", not one in other words ("melanoma skin cancer") or one as another's opposite
        ("skin cancer that isn't melanoma")."""
        _, gaps = self._cancers_written()
        return any(gaps) and all(set(gap) <= JOINING_WORDS for gap in gaps)

    def _cancers_written(self) -> tuple[list[NameMatch], list[list[str]]]:
        """The cancers the question itself names, in the order written, and the words between each and the next
        (none for fewer than two). Borrowed names are not in this text, so they have no place in it."""
        cancers = sorted((m for m in self.names if m.kind == "cancer"), key=lambda m: m.span)
        if len(cancers) < 2:
            return cancers, []
        tokens = [t.lower() for t in question_tokens(self.text)]
        return cancers, [tokens[a.span[1]:b.span[0]] for a, b in zip(cancers, cancers[1:])]

    @property
    def narrowest_cancers(self) -> tuple[NameMatch, ...]:
        """"melanoma skin cancer", "blood cancer like leukemia": a cancer named beside the wider one it is a kind
        of, whose name ends in a word for any cancer ("skin cancer", "blood cancer"); the kind says which list.
        Cancers named apart ("skin cancer that isn't melanoma", "breast and ovarian cancer") are all asked about."""
        written, gaps = self._cancers_written()
        kinds = [m for m in written if m.name.split()[-1] not in ANY_CANCER]
        if kinds and len(kinds) < len(written) and all(set(gap) <= APPOSITION_WORDS for gap in gaps):
            return (*kinds, *(m for m in self.borrowed if m.kind == "cancer"))
        return self.cancers

    @property
    def cancer_token_sets(self) -> tuple[frozenset[str], ...]:
        return naming_token_sets(most_specific(self.cancers))

    @property
    def searched_words(self) -> frozenset[str] | None:
        """Typed as into a search box ("darzalex faspro amyloidosis"): the words besides the names it gives, as
        tokenised; None for a question or a sentence."""
        if not search_terms(self.text):
            return None
        named = {i for m in (*self.names, *self.medicines) for i in range(*m.span)}
        return frozenset(naming_tokens(" ".join(t for i, t in enumerate(question_tokens(self.text)) if i not in named)))

    @property
    def search_text(self) -> str:
        """For BM25: the question with the corpus names it stands for (a misspelling's correction, what a
        shorthand expands to, the drug a follow-up leans on)."""
        extra = [m.text for m in self.borrowed]
        extra += [term for m in self.all_names for term in m.terms if term != m.text]
        if self.condition_phrase and fold(self.condition_phrase) not in fold(self.text):
            extra.append(self.condition_phrase)  # "the antidote for methotrexate" searches "methotrexate toxicity"
        return " ".join([self.text, *dict.fromkeys(extra)])

    @property
    def asks_other_uses(self) -> bool:
        return OTHER_USES.search(self.text) is not None

    @property
    def asks_prevention(self) -> bool:
        return PREVENTION.search(self.text) is not None

    @property
    def prevention_asked_for(self) -> NameMatch | None:
        """The cancer the question asks to prevent ("is there a pill to prevent prostate cancer?"), not a
        prevention beside it ("drugs to prevent nausea from breast cancer chemo")."""
        if not LOWERS_RISK.search(self.text):
            return None
        for cancer in self.cancers:
            if re.search(rf"\b({_LOWERS_RISK})( of| getting| developing| against)?\W+"
                         rf"((the|a|my|her|his|their|your|any)\W+)?{re.escape(cancer.text)}", self.text, _I):
                return cancer
        return None

    @property
    def asks_if_a_medicine_is_for_cancer(self) -> str | None:
        """"Is Flomax a prostate cancer drug like Casodex?", "the pill bottle says carbamazepine. Is that his
        carboplatin chemo?", "is atorvastaten a cancer drug?": whether a medicine no page covers (or a name no page
        has) is a cancer drug (or the one named), which its missing page would have to say. Returns it as the reply
        names it."""
        for match in IS_IT_FOR_CANCER.finditer(self.text):
            subject = fold(match[1])
            named = [m for m in self.medicines if subject in fold(m.text).split()]
            if named:
                return named[0].described
            if subject in self.unknown_names:
                return subject
            if subject in ("that", "this", "it"):  # the name written last before it: a medicine, not a corpus drug
                # (other than one it is likened to: "Lupkynis, or something that sounds like Lupron")
                tokens = [token.lower() for token in question_tokens(self.text)]
                before = len(question_tokens(self.text[:match.start()]))
                drugs = [m for m in self.names if m.kind == "drug" and tokens[m.span[0] - 1:m.span[0]] != ["like"]]
                written = [m for m in (*self.medicines, *drugs) if m.span[1] <= before]
                last = max(written, key=lambda m: m.span[1], default=None)
                if isinstance(last, Medicine):
                    return last.described
        return None

    @property
    def asks_whether_approved(self) -> bool:
        """"... Is turmeric an approved cancer treatment?", "Is mistletoe approved for cancer?": whether something is
        approved at all, asked last, whatever else the message reads as."""
        asked = last_question(self.text)
        return IS_APPROVED.search(asked) is not None and OTHER_LABEL_TOPIC.search(asked) is None

    @property
    def asks_what_it_is_for(self) -> bool:
        """"what is fortisip for, the dietitian gave me a whole box": what the thing named is for, whatever it is."""
        return WHAT_FOR.search(self.text) is not None and OTHER_LABEL_TOPIC.search(self.text) is None

    @property
    def asks_off_label_use(self) -> bool:
        return OFF_LABEL.search(self.text) is not None and APPROVAL.search(self.text) is None

    @property
    def asks_combination(self) -> bool:
        return COMBINATION.search(self.text) is not None


class QueryAnalyser:
    def __init__(self, matcher: NameMatcher, head: IntentHead, encode: Callable[[str], np.ndarray],
                 childhood_urls: frozenset[str]) -> None:
        self.matcher = matcher
        self.head = head
        self.encode = encode
        self.childhood_urls = childhood_urls
        self.flag_words = LengthBuckets(FLAG_WORDS)
        self.asking_words = LengthBuckets(ASKING_WORDS)

    def analyse(self, question: str, history: Sequence[Mapping[str, str]] = ()) -> Query:
        text = self.matcher.respelt(clean_question(question), self.asking_words)  # "whats aprroved for AML"
        if any(turn.get("role") == "user" for turn in history):
            text = correction_as_follow_up(text) or text  # "is tagriso for lung cancer?" | "sorry i meant tagrisso"
            text = organ_as_cancer(text) or text  # "zejula" | "ovarian?"
        names, medicines = self._longer_names(text, *self.matcher.find(text))
        medicines = [m for m in medicines if not read_out_as_a_level(text, m)]  # "his calcitonin was 412"
        embedded, words = intent_texts(text, names, medicines)
        names = without_reference_points(text, without_umbrellas(names))
        vector = self.encode(embedded)
        prediction = whole = self.head.predict(vector, words)
        readings: dict[str, IntentPrediction] = {}
        earlier = [clean_question(str(turn.get("content", "")))[:MAX_HISTORY_CHARS] for turn in history
                   if turn.get("role") == "user"]
        urgent_probability = prediction.probabilities.get(Intent.URGENT, 0.0)  # of the whole message
        asked_medicine = None
        clause = question_clause(text)
        if clause is not None:
            clause_names, clause_medicines = self.matcher.find(clause)
            clause_prediction = readings[clause] = self._predict(clause, clause_names, clause_medicines)
            prediction = combine(prediction, clause_prediction)
            names = subjects(names, clause_names + self._drugs_asked_before(text, clause, clause_names), clause)
            if clause_medicines and not any(m.kind == "drug" for m in clause_names) and not IT.search(clause):
                asked_medicine = clause_medicines[0].described  # "... my dad was on Xeloda. Is Xeljanz a cancer drug?"
            elif not clause_names and not medicines and not any(m.kind == "drug" for m in names):
                asked_medicine = self._unknown_in_question(clause, [m for m in names if m.kind == "cancer"])
        about_a_drug = any(m.kind == "drug" for m in names) or bool(medicines)
        prediction, also_asked, other_question = self._several_questions(text, whole, prediction, about_a_drug, readings)
        if other_question:  # "Is Ibrance for breast cancer and can I take it with tamoxifen?" asks what Ibrance is for
            names = only_outside(names, other_question)
        previous = None
        only_a_name = elliptical(words)
        adds_a_detail = bool(earlier) and (adds_a_marker(text) or tells_the_kind(text, names))
        another_name = (self._another_name(text) if history and not any(m.kind == "drug" for m in names)
                        else None)  # "and inluriyo?"
        if earlier and (continues_a_question(text, words, prediction) or adds_a_detail or another_name is not None):
            previous = self._previous_question(earlier)  # "And Abecma?" asks what the question before it asked, and
            # "she is HER2 positive" (after "what drugs for breast cancer?") asks it again for her cancer
        if previous is not None:
            prediction = previous
        elif only_a_name and (earlier or len(names) == 1 and not medicines) or adds_a_detail or (
                earlier and NARROWS_TO_A_KIND.search(text)):
            # "lung cancer", "my dad has lung cancer" | "what about Keytruda?": what is approved for it, what it is for;
            # "my mom has breast cancer" | "she is HER2 positive": what is approved for hers
            prediction = certainly(Intent.APPROVED_USE if about_a_drug else Intent.DRUGS_FOR_CONDITION, prediction)
        if (also_asked is None and about_a_drug and asks_for_another_drug(text)
                and prediction.probability(ANSWERABLE_FOR_A_DRUG) >= ANSWER_PROBABILITY
                and not any(m.kind == "cancer" for m in names)):  # "I'm on anastrozole ... something else instead?"
            prediction = certainly(Intent.TREATMENT_ADVICE, prediction)
        if also_asked is None and (only_compares(words) or DECIDE_BETWEEN.search(text)
                                   and len({m.name for m in names if m.kind == "drug"}) >= 2):
            prediction, also_asked = certainly(Intent.APPROVED_USE, prediction), Intent.TREATMENT_ADVICE
        if (medicines and any(m.kind == "drug" for m in names) and TAKEN_ALONGSIDE.search(asked := last_question(text))
                and any(m.text.lower() in asked.lower() for m in medicines)
                and not given_with_a_cancer_treatment(text, names)):
            prediction = certainly(Intent.INTERACTIONS, prediction)  # "is tamoxifen approved to take alongside St
            # John's wort?": a medicine no page covers, taken with a cancer drug
        if (not about_a_drug and prediction.intent in (Intent.URGENT, Intent.CHATTER)
                and CAN_HAVE_A_TREATMENT.search(text)):
            prediction = certainly(Intent.TREATMENT_ADVICE, prediction)  # "my dad has dementia, can he have chemo?"
        if also_asked is None and not about_a_drug and ASKS_WHAT_THEY_CAN_HAVE.search(text) and (
                any(m.kind == "cancer" for m in names) or not names and self._condition_from_history(earlier)):
            # "my mom's ovarian cancer came back, what can she have now?" (or "my mum has breast cancer" | "she is 80,
            # what can she have") asks for its treatments; "my husband has lung cancer and is in a lot of pain, what
            # can he take?" for the pain's
            prediction = certainly(Intent.SYMPTOMS if TELLS_A_SYMPTOM.search(text) else Intent.DRUGS_FOR_CONDITION,
                                   prediction)
        elif not about_a_drug and search_terms(text) and (
                any(m.kind == "cancer" for m in names) and only_genes_beside(text, names)
                or TERMS_THEN_TREATMENT.match(text) and (any(m.kind == "cancer" for m in names)
                                                         or self._names_a_condition(condition_phrase(text)))):
            prediction = certainly(Intent.DRUGS_FOR_CONDITION, prediction)  # "kaposi sarcoma treatment", "IDH1 AML",
            # "polycythemia vera treatment" (a condition the pages name in words no list is named for)
        settled = topic_by_wording(text, clause, prediction) if also_asked is None else None
        if settled is None and also_asked is None and still_safe_for_them(text, names):
            settled = Intent.PRECAUTIONS
        if settled is not None:
            prediction = certainly(settled, prediction)
        elif also_asked is None and prediction.probability(ANSWERABLE_FOR_A_DRUG) < ANSWER_PROBABILITY:
            if (asks_whether_urgent(text)
                    or asks_whether_to_worry(text) and prediction.intent is Intent.TREATMENT_ADVICE):
                # "should we go to the ER?" and "my legs are a little swollen after treatment, should I worry?" (read
                # as choosing a treatment: "should I ...") ask about a state now
                prediction = certainly(Intent.URGENT, prediction)
            elif (any(m.kind in ("drug", "cancer") for m in names)
                  and (prediction.intent in SETTING_MISREAD or search_terms(text))  # "rucaparib ovarian maintenance"
                  and TREATMENT_SETTING.search(text) and not TIMING_AROUND.search(text)):
                prediction = certainly(Intent.APPROVED_USE if about_a_drug else Intent.DRUGS_FOR_CONDITION, prediction)
            elif (about_a_drug and prediction.intent is Intent.STAGES and (search_terms(text) or APPROVAL.search(text))
                  and any(m.kind == "cancer" for m in names)):
                prediction = certainly(Intent.APPROVED_USE, prediction)  # "durvalumab stage 3 lung cancer": a drug,
                # its cancer and a stage as search terms ask what it is approved for at that stage
            elif about_a_drug and FOR_A_SEX.search(text) and not PREGNANCY.search(text):
                prediction = certainly(Intent.APPROVED_USE, prediction)  # "can men take tamoxifen?": its uses say
                # "breast cancer in women and men"
            elif AGE_LIMIT.search(text):
                prediction = certainly(Intent.APPROVED_USE if about_a_drug else Intent.TREATMENT_ADVICE, prediction)
                also_asked = Intent.TREATMENT_ADVICE if about_a_drug else None  # and a line that it cannot say whether
                # it suits them
            elif about_a_drug and asks_if_eligible(text, names):
                prediction, also_asked = certainly(Intent.APPROVED_USE, prediction), Intent.TREATMENT_ADVICE  # what it is
                # for, and a line that it cannot say whether it suits them
            elif about_a_drug and SAME_DRUG.search(text) and len({m.name for m in names if m.kind == "drug"}) >= 2:
                prediction = certainly(Intent.DRUG_NAMES, prediction)  # "... switch from Herceptin to Kanjinti, is it
                # the same drug?"
            elif about_a_drug and names_one_drug_twice(names) and NAMES_COMPARED.search(text):
                prediction = certainly(Intent.APPROVED_USE, prediction)  # "Zortress vs Afinitor, both everolimus? which
                # one is the cancer one": one page, whose uses say which brand each is approved as
            elif about_a_drug and A_CANCER_DRUG.search(text):
                prediction = certainly(Intent.APPROVED_USE, prediction)
            elif about_a_drug and given_with_a_cancer_treatment(text, names):
                prediction = certainly(Intent.APPROVED_USE, prediction)  # "is Herceptin given with pertuzumab?"
            elif not about_a_drug and any(m.kind == "cancer" for m in names) and NEWEST.search(text):
                prediction = certainly(Intent.DRUGS_FOR_CONDITION, prediction)  # "any new approvals for AML this
                # year?": its drugs, and a line that the pages do not say which came last
            elif not names and KINDS_COMPARED.search(text):
                prediction = certainly(Intent.DEFINITION, prediction)
            elif (prediction.intent in (Intent.STAGES, Intent.TREATMENT_ADVICE, Intent.DRUGS_FOR_CONDITION)
                  and not about_a_drug and any(m.kind == "cancer" for m in names)
                  and (WHICH_DRUGS.search(text) or A_DRUG_FOR.search(text) or THERAPY_FOR.search(text)
                       or BEST.search(text)) and not MODALITY_CHOICE.search(text)):
                prediction = certainly(Intent.DRUGS_FOR_CONDITION, prediction)  # "what is approved for stage 4 colon
                # cancer?" asks for its drugs; the stage is the cancer's, not the question; "what is the best (or the
                # standard) treatment for stage 3 colon cancer?" too, and says it cannot choose
        told_medicines = self._medicines_from_history(text, names, medicines, history, another_name)
        borrowed = [] if told_medicines else self._names_from_history(text, names, medicines, prediction.intent,
                                                                      history, only_a_name or adds_a_detail)
        medicines = medicines or told_medicines
        used = names + borrowed
        if (also_asked is None and COMPARED_WITH_IT.search(text) and any(m.kind == "drug" for m in borrowed)
                and any(m.kind == "drug" for m in names)):
            prediction, also_asked = certainly(Intent.APPROVED_USE, prediction), Intent.TREATMENT_ADVICE  # as
            # `only_compares`: what each is approved for, and a line that it cannot say which to choose
        if also_asked is None and any(m.kind == "drug" for m in borrowed) and not any(m.kind == "drug" for m in names) \
                and (STAGE_ALONE.match(text) or GROUP_ALONE.match(text)
                     or IS_IT_FOR.search(text) and (names_a_marker(text) or CHILDHOOD.search(text) is not None)
                     or FOR_A_SEX.search(text) and not PREGNANCY.search(text)
                     or names_a_marker(text) and STILL_COUNTS.search(text)):
            prediction = certainly(Intent.APPROVED_USE, prediction)  # "what is Tagrisso?" | "how about for stage 1",
            # "my wife is starting Herceptin" | "is that for HER2?", "what is gleevec approved for" | "does that include
            # kids", "whats rituxan approved for" | "in kids?", "what is tamoxifen prescribed for" | "can men get it",
            # "what is enhertu approved for" | "my report says her2 low not positive, does it still count": what the
            # drug before is approved for
        if (also_asked is None and any(m.kind == "cancer" for m in borrowed) and not names and names_a_marker(text)
                and POINTS_BACK.search(text)):
            prediction = certainly(Intent.DRUGS_FOR_CONDITION, prediction)  # "what drugs are approved for stomach
            # cancer?" | "which of those are for her2 positive": the cancer's drugs for that marker
        if DRUGS_ALONE.search(text) and not medicines and not any(m.kind == "drug" for m in used):
            # "what drugs?" for the cancer told before; with none told, the reply says what it can be asked
            told = any(m.kind == "cancer" for m in used)
            prediction = certainly(Intent.DRUGS_FOR_CONDITION if told else Intent.CHATTER, prediction)
        if also_asked is None and BEST.search(text):
            also_asked = Intent.TREATMENT_ADVICE  # answered for which drugs are approved, and says it cannot rank them
        if also_asked is None and NEWEST.search(text):
            also_asked = Intent.APPROVAL_HISTORY  # and says it cannot tell which came last
        if also_asked is None and prediction.probability(ANSWERABLE_FOR_A_DRUG) >= ANSWER_PROBABILITY:
            also_asked = asks_if_safe(text)  # "is Keytruda safe and approved for lung cancer?"
        drug_asked = about_a_drug or any(m.kind == "drug" for m in borrowed)
        kind_or_workings = IS_A_KIND.search(text) or WHAT_IT_DOES.search(text) and not MEANT_TO_DO.search(text)
        if also_asked is None and (kind_or_workings if drug_asked else DRUG_CLASS.search(text)):
            also_asked = Intent.MECHANISM  # what it is for, or the list, and a line that it does not say which kind
            # or how it works
        if drug_asked and WHAT_IT_CONTAINS.search(text):  # what FOLFOX is for, and a line that it does not say
            # what is in it; "which drugs make up ABVD?" is no question of how it works
            if also_asked is None and prediction.probability(ANSWERABLE_FOR_A_DRUG) >= ANSWER_PROBABILITY:
                also_asked = Intent.PRODUCT_DETAILS
            elif unanswerable_topic(prediction) is Intent.MECHANISM or not asks_about_harm(text):
                prediction = certainly(Intent.PRODUCT_DETAILS, prediction)  # not side effects, as the head may guess
                # for "... his oncologist mentioned FOLFIRINOX, which drugs make up that regimen? ... God bless"
        if also_asked is None and not drug_asked and any(m.kind == "cancer" for m in used) and IN_A_FORM.search(text):
            also_asked = Intent.ADMINISTRATION  # the list, and a line that it does not say which are pills
            if prediction.probability(ANSWERABLE) < ANSWER_PROBABILITY:  # "what drugs treat myeloma?" | "which of
                prediction = certainly(Intent.DRUGS_FOR_CONDITION, prediction)  # those are pills?" (read as what a
                # medicine looks like)
        harm = harm_of_a_drug_asked(text) if about_a_drug else None
        if harm is not None:
            # "what is the antidote for methotrexate?", "what treats a 5-FU overdose?": what treats the drug's harm
            phrase = " ".join(harm)
            condition = free_condition(phrase, names)
            prediction = certainly(Intent.DRUGS_FOR_CONDITION, prediction)
        else:
            condition, phrase = self._condition(text, names)
        if condition is None and not drug_asked and prediction.intent is Intent.DRUGS_FOR_CONDITION:
            told = TOLD_CONDITION.search(text)  # "my husband has glioblastoma, what's approved?"
            if told is not None and told.group(1).split()[-1].lower() not in TOLD_AS_A_KIND:  # not "the aggressive kind"
                condition, phrase = free_condition(told.group(1), names), told.group(1)
        if (also_asked is None and drug_asked and phrase and not (condition and condition.known)
                and PREGNANCY.search(phrase)) or TELLS_PREGNANCY.search(text):
            # "is Ibrance approved in pregnancy?", "i'm pregnant and have breast cancer, what can i have?"
            prediction, also_asked = certainly(Intent.PREGNANCY_FERTILITY, prediction), None
        if condition is None and drug_asked and earlier and (POINTS_TO_A_CONDITION.search(text)
                                                             or ONE_OF_THE_OPTIONS.search(text) or INCLUDES.search(text)
                                                             or WHICH_OF_THEM.search(text) or previous is not None):
            condition = self._condition_from_history(earlier)  # "my dad has lung cancer" | "is Keytruda for it?",
            # "is Opdivo approved for melanoma?" | "and Keytruda?", "what drugs for myeloma?" | "is Revlimid on there?",
            # "which of those are CAR-T?"
        unknown_terms = self._unknown_terms(text, phrase)
        kind = self._kind_no_page_names(text, names, unknown_terms)
        if kind is not None and condition is not None and condition.known and fold(kind).endswith(fold(condition.text)):
            qualifier = fold(kind.split()[0])  # "is dara approved for smoldering myeloma?": not just any myeloma
            condition = replace(condition, text=kind, token_sets=tuple(words | {qualifier}
                                                                       for words in condition.token_sets))
        symptom, symptom_terms = self._symptom_asked(text, phrase, names) if not drug_asked else (None, ())
        drug_urls = frozenset(url for m in used if m.kind == "drug" for url in m.urls)
        cancer_urls = {url for m in used if m.kind == "cancer" for url in m.urls}
        childhood = CHILDHOOD.search(text) is not None
        if cancer_urls and childhood:
            cancer_urls |= self.childhood_urls
        return Query(
            text=text, prediction=prediction,
            triage=triage(self.matcher.respelt(text, self.flag_words),  # "feaver 39 on chemo"
                          self.matcher.respelt("\n".join(earlier), self.flag_words), urgent_probability,
                          on_treatment=bool(drug_urls)),
            names=tuple(names), borrowed=tuple(borrowed), medicines=tuple(medicines),
            unknown_subject=asked_medicine or self._unknown_subject(text, names, medicines),
            unknown_names=tuple(self.matcher.unknown_words(text, names, medicines)),
            unknown_terms=unknown_terms, condition=condition, condition_phrase=phrase,
            drug_urls=drug_urls, cancer_urls=frozenset(cancer_urls), childhood=childhood, vector=vector,
            also_asked=also_asked, told_before="\n".join(earlier) if any(m.kind == "cancer" for m in borrowed) else "",
            symptom_asked=symptom, symptom_unknown_terms=symptom_terms,
            about_an_animal=about_an_animal(text, earlier),
            kind_no_page_names=kind)

    def _several_questions(self, text: str, whole: IntentPrediction, prediction: IntentPrediction, about_a_drug: bool,
                           readings: dict[str, IntentPrediction]
                           ) -> tuple[IntentPrediction, Intent | None, str | None]:
        """A message that asks what a drug is for and something else ("What is Xeloda for and what are the side
        effects?", "Can I drink on Keytruda? What is it approved for?") is answered for the part approved-use
        text answers, in whichever order it comes, and says what else it asked. Returns the reading to answer by,
        and the other question's topic and words."""
        parts = question_parts(text)[:MAX_QUESTIONS]
        if len(parts) < 2:
            return prediction, None, None
        answerable = ANSWERABLE_FOR_A_DRUG if about_a_drug else ANSWERABLE
        for part in parts:
            if part not in readings:
                readings[part] = self._predict(part)
        readings = {part: reading if (topic := topic_of_a_part(part)) is None else certainly(topic, reading)
                    for part, reading in readings.items()}  # "... and is it cardiotoxic?", "..., is it safe"
        answering = [r for r in (readings[p] for p in parts) if r.probability(answerable) >= ANSWER_PROBABILITY]
        clear = max(r.probability(answerable) for r in answering) >= CLEAR_ANSWER if answering else False
        others = [p for p in parts if readings[p].probability(answerable) < NOT_ANSWERABLE
                  and readings[p].confidence >= other_question_confidence(text, p, clear)
                  and readings[p].intent not in (Intent.URGENT, Intent.CHATTER)]
        if answering and clear and not others and prediction.probability(answerable) < ANSWER_PROBABILITY:
            # the head reads the whole message as its other question ("my mom is on letrozole. what is it for and is
            # hair loss common?"): that part is asked, though the head is less sure of it alone
            others = [p for p in parts if readings[p].probability(answerable) < NOT_ANSWERABLE
                      and readings[p].confidence >= SECOND_QUESTION_CONFIDENCE
                      and readings[p].intent not in (Intent.URGENT, Intent.CHATTER)]
        if (answering and clear and not others and prediction.probability(answerable) < ANSWER_PROBABILITY
                and whole.intent not in (Intent.URGENT, Intent.CHATTER)):
            # what else the message asks is in no part the head reads alone, but in the whole ("What is pegfilgrastim
            # approved for ...? Also it gave me pretty bad bone pain in my hips for two days, is that normal ...?")
            clearest = max(answering, key=lambda reading: reading.probability(answerable))
            return certainly(clearest.intent, whole), unanswerable_topic(whole), None
        if not answering or not others:
            return prediction, None, None
        if prediction.probability(answerable) < ANSWER_PROBABILITY:
            prediction = combine(whole, answering[-1])
        return prediction, readings[others[0]].intent, others[0]

    def _drugs_asked_before(self, text: str, clause: str, clause_names: list[NameMatch]) -> list[NameMatch]:
        """The drugs the message's last question means when it names none: those an earlier question names ("they
        mentioned FOLFIRINOX or gem-abraxane. what is FOLFIRINOX used for? and what drugs are approved for pancreatic
        cancer?" asks about FOLFIRINOX), or, when it points back ("What is it approved for?"), those the sentence just
        before it names ("My wife had chest pain on 5-FU. Her oncologist mentioned uridine triacetate. What is it
        approved for?" asks about uridine triacetate); not every drug the message tells of."""
        if any(m.kind == "drug" for m in clause_names):
            return []
        parts = [part for part in _CLAUSE_BREAK.split(text) if part and part.strip()]
        at = next((n for n, part in enumerate(parts) if part.strip() == clause.strip()), 0)
        if POINTING_TO_A_DRUG.search(clause) and at > 0:
            before = [m for m in self.matcher.find(parts[at - 1])[0] if m.kind == "drug"]
            several = POINTING_TO_SEVERAL.search(clause) is not None  # "which one of those ...", "are these the same?"
            if before and (len({m.name for m in before}) > 1 or not several):
                return before
        asked = [part for part in question_parts(text) if part.endswith("?") and part.strip() != clause.strip()]
        return [m for part in asked for m in self.matcher.find(part)[0] if m.kind == "drug"]

    def _names_a_condition(self, phrase: str | None) -> bool:
        """A word of the pages that is no everyday word ("polycythemia vera"; not "I'm scared about starting", "stage
        4" or "hair loss")."""
        return phrase is not None and any(
            word.isalpha() and len(word) > 2 and word in self.matcher.vocabulary and word not in self.matcher.common_words
            and not TREATMENT_WORD.fullmatch(word) for word in condition_words(phrase))

    def _previous_question(self, earlier: list[str]) -> IntentPrediction | None:
        """The reading of the user's latest question before this turn, past small talk and other follow-ups
        ("what's Tagrisso for?" | "and Tecentriq?" | "thanks!" | "what about Alecensa"); None if that turn reported
        an emergency or nothing but those came within FOLLOW_UP_TURNS."""
        for turn in reversed(earlier[-FOLLOW_UP_TURNS:]):
            names, medicines = self.matcher.find(turn)
            embedded, words = intent_texts(turn, names, medicines)
            reading = self.head.predict(self.encode(embedded), words)
            if A_CANCER_DRUG.search(turn) and any(m.kind == "drug" for m in names):
                reading = certainly(Intent.APPROVED_USE, reading)  # "are ibrance and kisqali both breast cancer drugs?"
            if reading.intent is Intent.CHATTER or continues_a_question(turn, words, reading):
                continue  # "thanks!", or "and Tecentriq?" itself: the question is further back
            if not question_parts(turn):
                return None  # "my dad has lung cancer" | "keytruda?": a name after news asks what it is for
            return None if reading.intent is Intent.URGENT else reading
        return None

    def _predict(self, text: str, names: list[NameMatch] | None = None, medicines: list[Medicine] | None = None
                 ) -> IntentPrediction:
        if names is None or medicines is None:
            names, medicines = self.matcher.find(text)
        embedded, words = intent_texts(text, names, medicines)
        return self.head.predict(self.encode(embedded), words)

    def _names_from_history(self, text: str, names: list[NameMatch], medicines: list[Medicine], intent: Intent,
                            history: Sequence[Mapping[str, str]], only_a_name: bool = False) -> list[NameMatch]:
        """The names a follow-up leans on ("Is it approved for lymphoma?" after a question about Keytruda, or just
        "melanoma?"): those of the latest turn that named any, the user's turns first. A question that names its
        own drug or medicine, or its own cancer or list without pointing back ("it", "what about"), stands alone."""
        if medicines or not history or any(m.kind == "drug" for m in names) and not with_the_drug_before(text):
            return []
        own_names = any(m.kind in ("cancer", "drug") for m in names)  # its own drug: "is it used with Herceptin?"
        subject = subject_word(text)
        phrase = condition_phrase(text)
        names_its_condition = (intent is Intent.DRUGS_FOR_CONDITION and phrase is not None
                               and not POINTS_TO_A_CONDITION.match(f"for {phrase}")  # not "anything for him?"
                               and not PEOPLE.match(fold(phrase)))  # nor "what drugs are approved for kids?"
        points_back = POINTS_BACK.search(text) is not None or only_a_name or with_the_drug_before(text)
        if not points_back and (own_names or names_its_condition or subject not in (None, "there")
                                or TERM_MEANING.search(text)):
            return []  # "What is aspirin used for?" after a Keytruda question is about aspirin; "what drugs are
            # there?" after "my dad has kidney cancer" is about kidney cancer; "what does her2 positive actually
            # mean" after "herceptin" about HER2
        # A follow-up that names a cancer of its own and points at no drug ("breast cancer" | "triple negative") takes
        # drugs only from what the user said, not from a list the reply gave (its dozens of drugs are no subject).
        own_cancer_only = own_names and POINTING_TO_A_DRUG.search(text) is None
        # A condition of its own in words no page uses ("what about for crohn's?" after bowel cancer's drugs): not the
        # cancer before, which it asks instead of; a drug before may still be what it asks about.
        own_condition = phrase is not None and bool(self._unknown_terms(text, phrase, with_subject=False))
        for user_only in (True,) if own_cancer_only or own_condition else (True, False):
            for turn in reversed(history):
                if user_only and turn.get("role") != "user":
                    continue
                found, _ = self.matcher.find(clean_question(str(turn.get("content", "")))[:MAX_HISTORY_CHARS])
                wanted = [m for m in found if m.kind == "drug"] if own_names or own_condition else found
                if wanted:
                    return wanted
                if user_only and own_names and found:
                    return []  # "what drugs are approved for breast cancer?" | "are any of them for triple negative?":
                    # which of its drugs are for that kind, not each drug the reply listed
        return []

    def _medicines_from_history(self, text: str, names: list[NameMatch], medicines: list[Medicine],
                                history: Sequence[Mapping[str, str]], another_name: str | None) -> list[Medicine]:
        """"he also takes lipitor and plavix" | "what are those two for?", "what is tagrisso for?" | "ok and what about
        emrelis?": a follow-up about medicines no page covers, those the user's latest turn named (none of them a
        corpus drug), or the one it names itself where a continuation names a drug (`another_name`)."""
        if any(m.kind == "drug" for m in names) or medicines or not history:
            return []
        if another_name is not None:
            return [Medicine(another_name, another_name)]  # a name that looks like a drug's, no page's
        if names:
            return []
        if POINTS_BACK.search(text) is None:
            return []
        for turn in reversed(history):
            if turn.get("role") == "user":
                found, told = self.matcher.find(clean_question(str(turn.get("content", "")))[:MAX_HISTORY_CHARS])
                if found or told:
                    return list(told) if told and not any(m.kind == "drug" for m in found) else []
        return []

    def _another_name(self, text: str) -> str | None:
        """"and inluriyo?", "what about komzifti, the new one for aml": a continuation that names a word no page uses
        and no everyday word, as a drug's name is."""
        own = ANOTHER_NAME.search(text)
        return own["name"] if own is not None and self.matcher.unknown_words(own["name"], [], []) else None

    def _condition_from_history(self, earlier: list[str]) -> Condition | None:
        """The cancer of the user's latest turn that named one."""
        for text in reversed(earlier):
            cancers = [m for m in self.matcher.find(text)[0] if m.kind == "cancer"]
            if cancers:
                return cancer_condition(text, cancers)
        return None

    def _condition(self, text: str, names: list[NameMatch]) -> tuple[Condition | None, str | None]:
        """Y of "is X approved for Y": a cancer or condition the pages name, or else the words after "for"
        (less any drug's name)."""
        phrase = condition_phrase(text) or drug_for_phrase(text, names)
        cancers = [m for m in names if m.kind == "cancer"]
        if cancers:
            return cancer_condition(text, cancers), phrase
        if not phrase:
            return None, None
        return free_condition(phrase, names), phrase

    def _unknown_subject(self, text: str, names: list[NameMatch], medicines: list[Medicine]) -> str | None:
        """"Is Avmapki approved for ovarian cancer?", "What is Leukine approved for? Is it like Neupogen?": the
        drug asked about is one no page covers, whatever else the question names ("komzifti for aml?" too)."""
        subject = subject_word(text)
        if subject is None or subject.lower() in POINTING_WORDS:  # "metoprolol what is it for, ..."
            subject = match.group(1) if (match := NAME_FIRST.search(text)) else None
        if subject is None:
            return None
        word = fold(subject)
        for medicine in medicines:
            if word in fold(medicine.text).split():
                return medicine.described
        if self._known(word) or any(word in m.text.split() for m in names):
            return None
        # A word no page uses is a drug's name only if it looks like one: not an everyday English word ("what
        # Ibrance is actually used for" is not about "actually"), or with a drug stem ("taletrectinib"), or a regimen's
        # capitals ("FLOT", though "flot" is a word).
        return subject if (not self.matcher.everyday_word(word) or DRUG_STEM.search(word)
                           or subject.isalpha() and subject.isupper() and len(subject) >= MIN_ACRONYM_LENGTH) else None

    def _unknown_in_question(self, clause: str, cancers: list[NameMatch]) -> str | None:
        """"My sister has breast cancer ... Is laetrile an approved cancer treatment?", "My husband has bladder
        cancer. Is there a drug approved to slow the Alzheimer's?": the question itself names only what no page
        covers, so the cancer told of before it is not what it asks about. Not a shortening of that cancer's name
        ("embryonal rhabdomyosarcoma ... which drugs are approved for rhabdo in kids?")."""
        told = [word for m in cancers for word in m.text.split()]
        unknown = [*self.matcher.unknown_words(clause, [], []),
                   *self._unknown_terms(clause, condition_phrase(clause), with_subject=False)]
        unknown = [w for w in unknown if not any(t.startswith(w.lower()) for t in told)]
        return together_as_written(list(dict.fromkeys(unknown)), clause) if unknown else None

    def _unknown_terms(self, text: str, phrase: str | None, with_subject: bool = True) -> tuple[str, ...]:
        """The drug or condition asked about, where no page uses that word (metformin, lupus): nothing to cite,
        whatever passage happens to be nearest."""
        words = []
        subject = subject_word(text) if with_subject else None
        if subject:
            words.append(subject)
        if phrase and not PEOPLE.match(fold(phrase)):  # not "older people who can't have strong chemo"
            words.extend(re.findall(r"[a-z0-9]+", fold(phrase)))
        telling = [w for w in (american_spelling(fold(w)) for w in words)
                   if len(w) >= 3 and w not in STOPWORDS and w not in GENERIC_WORDS
                   and not self.matcher.misspelt_everyday_word(w)]  # not "canser"
        return tuple(dict.fromkeys(w for w in telling if not self._known(w) and not self._known(f"{w}s")  # "overdose"
                                   and stem(w) not in self.matcher.condition_synonyms))  # "mets" is "spread"

    def _kind_no_page_names(self, text: str, names: list[NameMatch], unknown_terms: tuple[str, ...]) -> str | None:
        """"aplastic anemia", "Fanconi anemia": a condition the pages name, right after a word no page uses, is
        another disease than the one their list is for (anemia from cancer or its treatment); not when the word
        tells how far the cancer has gone ("terminal", "inoperable", "incurable")."""
        tokens = question_tokens(text)
        for match in names:
            start = match.span[0]
            word = fold(tokens[start - 1]) if match.kind == "cancer" and start > 0 else ""
            if (word in unknown_terms and not self.matcher.everyday_word(word) and not NEGATED.match(word)
                    and word not in CAUSE_WORDS and not self.matcher.find(word)[0]  # not "melonoma skin canser"
                    and word.isalpha()):  # nor a gene's variant: "KRAS G12C CRC", which the page's gene names
                return " ".join(tokens[start - 1:match.span[1]])
        return None

    def _symptom_asked(self, text: str, phrase: str | None, names: list[NameMatch]
                       ) -> tuple[Condition | None, tuple[str, ...]]:
        """A symptom or harm a drug is asked for, beside a cancer that is not what it asks about ("... something for his
        hot flashes from the hormone shots?" after "my husband has prostate cancer"), with its words no page uses."""
        if not phrase or not any(m.kind == "cancer" for m in names):
            return None, ()
        asked = CAUSED_BY.split(phrase, 1)[0]
        if not SYMPTOM.search(asked) or any(m.kind == "cancer" and fold(m.text) in fold(asked) for m in names):
            return None, ()  # "for prostate cancer that spread to the bones", "for the nausea" (a list of its own)
        condition = free_condition(asked, names)
        return condition, self._unknown_terms(text, asked, with_subject=False) if condition else ()

    def _longer_names(self, text: str, names: list[NameMatch], medicines: list[Medicine]
                      ) -> tuple[list[NameMatch], list[Medicine]]:
        """"Is sacituzumab tirumotecan approved?": a corpus drug's name followed by a word no page uses that ends
        like a drug's name is another drug (tirumotecan is not govitecan), one no page covers."""
        tokens = question_tokens(text)
        kept = []
        for match in names:
            end = match.span[1]
            after = tokens[end].lower() if end < len(tokens) else ""
            if (match.kind == "drug" and not match.fuzzy and after.isalpha() and DRUG_STEM.search(after)
                    and not self._known(after) and not self.matcher.everyday_word(after)):
                written = " ".join(tokens[match.span[0]:end + 1])
                medicines = [*medicines, Medicine(written, written, span=(match.span[0], end + 1))]
            else:
                kept.append(match)
        return kept, medicines

    def _known(self, word: str) -> bool:
        """A page uses the word, or every part of it ("FDA-approved")."""
        return all(part in self.matcher.vocabulary for part in re.findall(r"[a-z0-9]+", word))


# What follows a medicine's name read out as a blood level: "his calcitonin was 412", "calcitonin level of 55"; not a
# dose ("aspirin 81 mg"), nor "4" for "for" ("gabapentin 4 chemo nerve pain").
_NO_UNIT = r"(?![\d.])(?! ?(mg|mcg|g|ml|units?|iu|tablets?|pills?|capsules?)\b)"
LEVEL_READ_OUT = re.compile(rf"(levels? )?((is|was|were|are|of|at|now|came back|came back at) )+(only )?\d+{_NO_UNIT}|"
                            rf"(levels? )?\d\d+{_NO_UNIT}", _I)


def read_out_as_a_level(text: str, medicine: Medicine) -> bool:
    """The medicine's name is a test result here, not a medicine asked about or taken."""
    return LEVEL_READ_OUT.match(" ".join(question_tokens(text)[medicine.span[1]:])) is not None


def question_clause(text: str) -> str | None:
    """The last part of a message of several that asks something, if it has several parts: context first,
    question last is how people write ("Dad gets Lupron every three months. Why?")."""
    parts = [p.strip() for p in _CLAUSE_BREAK.split(text) if p and p.strip()]
    if len(parts) < 2:
        return None
    parts = [p for p in parts if not ONLY_ASKS_FOR_HELP.match(p)]  # "... what the Lenvima is for. Can you help?"
    # a question mark outweighs "I feel stupid asking, but ...", also inside quotes ("caller: 'what does Zinecard treat?'
    # pt on doxorubicin ...")
    asked = [p for p in parts if p.rstrip("'\")”’ ").endswith("?")]
    asking = asked or [p for p in parts if _QUESTION.search(p)]
    return asking[-1] if asking else None


def condition_phrase(text: str) -> str | None:
    """The words after "approved for", as written, up to where another clause begins; of a description and the
    name it gives ("the tumors in the belly lining called desmoid tumors"), the name."""
    match = (CONDITION_PHRASE.search(text) or (TERMS_THEN_TREATMENT.match(text) if search_terms(text) else None)
             or TOPIC_THEN_QUESTION.match(text) or CONTINUES_FOR.match(text))
    if match is None or NARROWS_TO_A_KIND.search(text):  # "just the immunotherapies" names a kind, no condition
        return None
    phrase = NEXT_CLAUSE.split(match.group("condition"), 1)[0].strip(" -'")
    phrase = re.sub(r"\s*\([^)]*\)?", "", phrase)  # "bile duct cancer (cholangiocarcinoma)": the name, once
    return CALLED.split(phrase)[-1] if CALLED.search(phrase) else phrase


def drug_for_phrase(text: str, names: Sequence[NameMatch]) -> str | None:
    """"tecentriq for small cell?", "and Opdivo for non small cell": a drug's name, "for" and the condition, with no
    verb for `condition_phrase` to find."""
    match = DRUG_FOR.match(text)
    if match is None:
        return None
    named = drug_words(names)
    before = set(tokenize(match[1]))
    if not (named and before & named and before <= named | LEAD_IN_WORDS):
        return None
    return NEXT_CLAUSE.split(match[2], 1)[0].strip() or None  # not "... for and can it cause hand-foot syndrome?"


def drug_words(names: Sequence[NameMatch]) -> set[str]:
    """The words of the drugs' names as the question writes them."""
    return {word for m in names if m.kind == "drug" for word in tokenize(m.text)}


def question_parts(text: str) -> list[str]:
    """Each question a message asks, in order: its sentences, and questions joined by "and" or "also", that ask."""
    parts = [question.strip() for part in _CLAUSE_BREAK.split(text) if part and part.strip()
             for question in _QUESTION_JOIN.split(part) if question.strip()]
    return [part for part in parts if _QUESTION.search(part)]


def last_question(text: str) -> str:
    """The message's last question, or the whole message when it asks none in so many words."""
    return (question_parts(text) or [text])[-1]


def markers_written_in(text: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The genes or markers a text names, as written, with the words the pages write them in ("KRAS" -> ("kras",);
    "BRCA" -> ("brca", "brca1", "brca2")); MET, KIT and RET in capitals or before a word only a gene comes before
    ("ret fusion", "met exon 14")."""
    return tuple((part, words) for _, part, words in markers_at(question_tokens(text)))


def markers_at(tokens: Sequence[str]) -> list[tuple[int, str, tuple[str, ...]]]:
    """Which of the tokens name a gene or marker (see `markers_written_in`): the token's place, the marker as written
    and the words the pages write it in."""
    found = []
    for at, written in enumerate(tokens):
        whole = written.rstrip("+")  # "ALK+"
        before_a_change = at + 1 < len(tokens) and AFTER_A_GENE.fullmatch(tokens[at + 1]) is not None
        for part in [whole] if marker_key(whole) in MARKER_WORDS else whole.split("-"):  # "PD-L1", "EGFR-mutated"
            key = marker_key(part)
            if key in MARKER_WORDS and (key not in MARKERS_IN_CAPITALS or part.isupper() or before_a_change):
                found.append((at, part, MARKER_WORDS[key]))
    return found


def harm_of_a_drug_asked(text: str) -> tuple[str, str] | None:
    """The drug and the harm an antidote is asked for ("the antidote for methotrexate" -> ("methotrexate", "toxicity"),
    "what treats a 5-FU overdose?" -> ("5-FU", "overdose"))."""
    match = ANTIDOTE_FOR.search(text) or TREATS_A_HARM.search(text)
    return (match["drug"], match["harm"] or "toxicity") if match else None


def about_an_animal(text: str, earlier: Sequence[str]) -> bool:
    """"Is there anything approved for my dog's lymphoma?", or the turn before told of a pet's cancer ("my dog has
    cancer" | "what drugs are there?"); not when the question asks about people."""
    told = ABOUT_AN_ANIMAL.search(text) or (ABOUT_AN_ANIMAL.search(earlier[-1]) if earlier else None)
    return told is not None and FOR_PEOPLE.search(text) is None


def asks_if_eligible(text: str, names: Sequence[NameMatch]) -> bool:
    """"Can I get Keytruda if I have stage 2 melanoma?", "would I qualify for Ibrance?": a drug the pages cover, then
    nothing, or what the person has that approved uses name (a cancer, a gene or biomarker, a stage)."""
    match = ELIGIBLE.search(text)
    if match is None or ASKED_WHERE_OR_HOW.search(text, 0, match.start()):
        return False  # "where can I get Keytruda?", "how soon can I have Keytruda?" ask about access or timing
    asked = match["drug"] or match["drug_given"]
    drug = next((m for m in names if m.kind == "drug" and asked.lower().startswith(m.text.lower())), None)
    if drug is None:
        return False
    rest = asked[len(drug.text):]
    if not ELIGIBLE_BECAUSE.match(rest):
        return False  # "can I have Keytruda at home?"
    return (not re.search(r"\w", rest) or any(m.kind == "cancer" for m in names) or STAGE_TOLD.search(rest) is not None
            or names_a_marker(rest))


def given_with_a_cancer_treatment(text: str, names: Sequence[NameMatch]) -> bool:
    """"Is Herceptin given with pertuzumab?", "is Keytruda given with chemo?", "can Keytruda and chemo be given
    together?": a drug given with another the pages name, or with chemotherapy ("can you take Tylenol with Keytruda?"
    asks about an interaction)."""
    def a_cancer_treatment(words: str) -> bool:
        words = words.lower()
        return (WITH_CHEMOTHERAPY.search(words) is not None
                or any(m.kind == "drug" and m.text.lower() in words for m in names))

    if (match := GIVEN_WITH.search(text)) is not None:
        return a_cancer_treatment(match["other"] or match["other_terse"])
    if (match := GIVEN_TOGETHER.search(text)) is not None:
        return (a_cancer_treatment(match["one"] or match["one_terse"])
                and a_cancer_treatment(match["other"] or match["other_terse"]))
    if (match := GOES_WITH.search(text) or USED_TOGETHER.search(text)) is not None:
        return a_cancer_treatment(match["one"]) and a_cancer_treatment(match["other"])  # not "does Tylenol go with ..."
    return False


def only_genes_beside(text: str, names: Sequence[NameMatch]) -> bool:
    """"IDH1 AML", "EGFR NSCLC", "KRAS G12C colon": search terms that name a cancer and a gene change, nothing else."""
    tokens = question_tokens(text)
    cancer_at = {at for m in names if m.kind == "cancer" for at in range(*m.span)}
    marker_at = {at for at, _, _ in markers_at(tokens)}
    rest = [(at, token) for at, token in enumerate(tokens) if at not in cancer_at]
    return bool(rest) and all(at in marker_at or GENE_CHANGE_WORD.fullmatch(token) for at, token in rest)


def marker_key(written: str) -> str:
    """"PD-L1", "PDL1", "pd-l1" -> "pd-l1": how MARKER_WORDS spells a marker."""
    return MARKER_NAMES.get(written.lower(), written.lower())


def marker_mentions(text: str, words: Sequence[str]) -> list[tuple[int, str]]:
    """Where and how a text names any of the marker `words`: "negative" where its clause denies it ("does not have a
    mutation in the EGFR gene", "HER2-", "EGFR wild-type"), "low" for a low level ("HER2-low", the status Enhertu is
    approved for and HER2-positive drugs are not), else "positive" ("has an abnormal KRAS gene")."""
    found = sorted((match.start(), match.end()) for word in words
                   for match in re.finditer(rf"\b({MARKER_PATTERNS.get(word) or re.escape(word)})\b", text, _I))
    mentions: list[tuple[int, str]] = []
    last_end = None
    for start, end in found:
        before = re.split(r"[.;:\n]", text[:start])[-1]
        if MARKER_AS_DRUG_BEFORE.search(before) or MARKER_AS_DRUG_AFTER.match(text, end):
            continue  # "an anti-CD20-based therapy", "an EGFR tyrosine kinase inhibitor": a drug, not the cancer's gene
        denied = MARKER_DENIED.search(before) or MARKER_NEGATIVE.match(text, end) or WILD_TYPE_BEFORE.search(before)
        if mentions and mentions[-1][1] == "negative" and MARKER_OR.match(text[last_end:start]):
            denied = True  # "not microsatellite instability-high (MSI-H) or mismatch repair deficient (dMMR)"
        status = "negative" if denied else "low" if MARKER_LOW.match(text, end) else "positive"
        mentions.append((start, status))
        last_end = end
    return mentions


def marker_statuses(text: str, words: Sequence[str]) -> set[str]:
    return {status for _, status in marker_mentions(text, words)}


def biomarker_status(text: str) -> dict[str, set[str]]:
    """"HER2 negative breast cancer" -> {"her2": {"negative"}}; "HR+ and HER2-" -> both."""
    status: dict[str, set[str]] = {}
    for match in BIOMARKER.finditer(text):
        marker = MARKER_NAMES.get(match[1].lower(), match[1].lower())
        state = (match[2] or ("positive" if match[3] == "+" else "negative")).lower()
        status.setdefault(marker, set()).add(state)
    return status


def indication_status(text: str, asked: Mapping[str, set[str]]) -> dict[str, set[str]]:
    """What an indication says of the biomarkers asked about: "HER2 positive", "HR+", or for a gene in the pages' words
    ("has an abnormal EGFR gene" is positive, "does not have a mutation in the EGFR gene" negative)."""
    said = biomarker_status(text)
    for marker in asked:
        if marker not in said and marker in MARKER_WORDS and marker != "her2":  # HER2 is read as a protein's level
            if statuses := marker_statuses(text, MARKER_WORDS[marker]):
                said[marker] = statuses
    return said


def contradicts(asked: dict[str, set[str]], said: dict[str, set[str]]) -> bool:
    """Whether an indication says a biomarker the question names is otherwise ("HER2 positive" for "HER2 negative")."""
    return any(marker in said and not states & said[marker] for marker, states in asked.items())


def free_condition(phrase: str, names: Sequence[NameMatch]) -> Condition | None:
    """A condition in words no name of the pages matches ("after stem cell transplant", "glioblastoma"), less any
    drug's name."""
    words = condition_words(phrase) - drug_words(names)
    return Condition(plain_words(phrase), (words,), known=False) if words else None


def other_question_confidence(text: str, part: str, clear: bool) -> float:
    """How sure the head must be of what a part asks, for the answer to name it as another question: less, beside a
    part that clearly asks what approved-use text answers, when the writer marks it as another ("Also, ...") or
    asks it on its own, with a question mark; the least either allows ("... what FOLFOX is approved for? Also, how
    long will the side effects last?" is both)."""
    if not clear:
        return OTHER_QUESTION_CONFIDENCE
    return min([OTHER_QUESTION_CONFIDENCE] + [ANOTHER_QUESTION_CONFIDENCE] * marked_as_another(text, part)
               + [SECOND_QUESTION_CONFIDENCE] * asked_on_its_own(text, part))


def asked_on_its_own(text: str, part: str) -> bool:
    """"Is Imbruvica approved for CLL? And is it safe with Eliquis?": a sentence of its own, asked with a question
    mark, not a clause joined to another ("who should get X and why is it prescribed?")."""
    return part.rstrip().endswith("?") and any(part == piece.strip() for piece in _CLAUSE_BREAK.split(text) if piece)


def marked_as_another(text: str, part: str) -> bool:
    """"... is it approved for Hodgkin lymphoma? Also will I lose my hair?": the writer says a new question begins,
    before the part or at its start."""
    start = text.find(part)
    return start >= 0 and (ANOTHER_QUESTION_BEFORE.search(text[:start]) is not None
                           or ANOTHER_QUESTION_OPENS.match(part) is not None)


def subjects(names: list[NameMatch], in_question: list[NameMatch], question: str = "") -> list[NameMatch]:
    """The drugs a message asks about: those its question names, when it names any ("My husband is on Erleada
    and Lupron. What is the Erleada for?" asks about Erleada), or none when it asks for others for a cancer ("Dad
    was on Opdivo and Yervoy for melanoma. What else is approved for melanoma?"), and the drug it points back to
    beside them ("... panitumumab. Is it the same as cetuximab?"); the cancers it names anywhere."""
    asked = {m.name for m in in_question if m.kind == "drug" and not named_as_a_cause(question, m)}
    if not asked and any(m.kind == "cancer" for m in in_question) and OTHER_DRUGS.search(question):
        return [m for m in names if m.kind != "drug"]
    if not asked or with_the_drug_before(question):
        return names  # "The oncologist mentioned panitumumab. Is it the same as cetuximab?" asks about both
    return [m for m in names if m.kind != "drug" or m.name in asked]


def named_as_a_cause(question: str, name: NameMatch) -> bool:
    """"tocilizumab - is it approved for CRS from CAR-T?": the drug the question names is what brought the condition
    on, not what it asks about."""
    return _NAMES_A_CAUSE_WORD.search(question) is not None and re.search(
        rf"\b{CAUSED_BY_WORDS}\s+(the\s+)?{re.escape(name.text)}\b", question, _I) is not None


def with_the_drug_before(text: str) -> bool:
    """"Is it used with Herceptin?", "is it the same as Lynparza?": the drug told before ("it"), asked about beside
    the one the question names."""
    return USED_WITH_IT.search(text) is not None or COMPARED_WITH_IT.search(text) is not None


def without_umbrellas(names: list[NameMatch]) -> list[NameMatch]:
    """"the CAR-T Kymriah", "that car t thing Abecma": a drug named beside a word for its kind that stands for several
    pages ("CAR-T") is the one asked about, not every page of the kind."""
    drugs = [m for m in names if m.kind == "drug"]
    return [m for m in names if not (m.kind == "drug" and len(m.urls) > 1 and any(
        other is not m and set(other.urls) < set(m.urls) for other in drugs))]


def without_reference_points(text: str, names: list[NameMatch]) -> list[NameMatch]:
    """Drop a drug named as a point of reference ("exemestane after tamoxifen", "switching from Tagrisso"),
    when another drug or a cancer is left to be the subject ("which drug is approved for GIST after imatinib
    stops working?" asks for the GIST list), unless the question asks whether the two are the same drug."""
    if SAME_DRUG.search(text):
        return names  # "switching from Keytruda to Opdivo, is it the same drug?" asks about both
    tokens = [t.lower() for t in question_tokens(text)]
    reference = {m.span for m in names if m.kind == "drug" and m.span[0] > 0
                 and tokens[m.span[0] - 1] in REFERENCE_WORDS}
    kept = [m for m in names if m.span not in reference]
    return kept if any(m.kind == "drug" for m in kept) or reference and kept else names


def unanswerable_topic(reading: IntentPrediction, besides: Intent | None = None) -> Intent:
    """What a question asks about, among the intents approved-use text does not answer (other than `besides`)."""
    others = {i: p for i, p in reading.probabilities.items() if i not in ANSWERABLE_FOR_A_DRUG and i is not besides}
    return max(others, key=others.get)


def topic_by_wording(text: str, clause: str | None, reading: IntentPrediction) -> Intent | None:
    """The topic a wording rule settles, for what the intent head reads as asking what a drug is for: a dose
    ("what is the approved dose of Keytruda?"), a schedule ("is pembro q3w or q6w?"), premedication ("premeds for
    Taxol?"), a harm in a nurse's words ("is Herceptin cardiotoxic?"), a cure ("can Opdivo cure melanoma?":
    approved-use text says what a drug treats, never whether it cures), how two compare ("is generic imatinib as good
    as Gleevec?"), how the body handles it ("what is the half life of Keytruda?"), treatment through an everyday
    illness ("I have a cold, can I still have my chemo?"), when it was approved ("when was Keytruda approved for lung
    cancer?"), who makes it, safety ("is it safe for breast cancer patients to take Keytruda?")."""
    asked = clause or text
    if (spanish := topic_in_spanish(asked)) is not None:
        return spanish
    if (ASKS_FOR_A_DOSE.search(asked) or DOSE_CHANGED.search(text) or search_terms(text) and DOSE_WORDS.search(text)
            or SCHEDULE.search(asked) and not APPROVAL.search(asked)):
        return Intent.DOSING
    if PREMEDICATION.search(asked) and not APPROVAL.search(asked):
        return Intent.ADMINISTRATION
    if asks_about_harm(text):
        return Intent.SIDE_EFFECTS
    if CURE.search(asked) and not APPROVAL.search(asked):
        return Intent.OUTLOOK
    if AS_GOOD_AS.search(asked):
        return Intent.TREATMENT_ADVICE
    if PHARMACOKINETICS.search(asked):
        return Intent.MECHANISM
    if THROUGH_AN_ILLNESS.search(text) and _EVERYDAY_ILLNESS.search(text):
        return Intent.PRECAUTIONS
    if (topic := when_approved_or_who_makes(asked)) is not None:
        return topic
    if TIME_LEFT.search(asked):
        return Intent.OUTLOOK  # "how long does she have?" asks how long she will live, not how long treatment lasts
    if (SAFE.search(asked) and not APPROVAL.search(text) and len(question_parts(text)) <= 1
            and reading.probability(ANSWERABLE_FOR_A_DRUG) >= ANSWER_PROBABILITY):
        return safety_topic(asked)  # else the head named it, or the message asks what the drug is for as well
    return None


def still_safe_for_them(text: str, names: Sequence[NameMatch]) -> bool:
    """"had a clot last year, can i still have tamoxifen": whether a drug named is still safe for someone after what
    they tell, which only their care team can say (not "can he still get his flu shot", another topic)."""
    return (_STILL_HAVE.search(text) is not None and not APPROVAL.search(text)
            and any(re.search(rf"{STILL_HAVE}{re.escape(m.text)}\b", text, _I) for m in names if m.kind == "drug"))


def topic_in_spanish(text: str) -> Intent | None:
    """Side effects or a dose asked in Spanish ("el tagrisso da diarrea?", "cuantas pastillas de xeloda tengo que
    tomar al dia"), which the intent head, trained on English, reads as what the drug is for."""
    if SIDE_EFFECTS_IN_SPANISH.search(text):
        return Intent.SIDE_EFFECTS
    if DOSE_IN_SPANISH.search(text):
        return Intent.DOSING
    return None


def asks_for_another_drug(text: str) -> bool:
    """The message's one question asks for another drug than the one named ("Is there something else approved
    instead?"); told of elsewhere ("a pill, Welireg, instead of another operation") it is no question."""
    if not INSTEAD.search(text):
        return False  # most messages: no need to split them into questions
    parts = question_parts(text)
    return len(parts) == 1 and INSTEAD.search(parts[0]) is not None


def topic_of_a_part(part: str) -> Intent | None:
    """The topic a wording rule settles for one question of several ("What is Opdivo for and who makes it?", "Is
    Verzenio approved for breast cancer? When was it approved?")."""
    if asks_about_harm(part) or CAUSES.match(part):
        return Intent.SIDE_EFFECTS
    if SAFE.search(part):
        return safety_topic(part)
    if (topic := when_approved_or_who_makes(part)) is not None:
        return topic
    if PREGNANCY.search(part):
        return Intent.PREGNANCY_FERTILITY  # "... and can she take them while breastfeeding?"
    if TIME_LEFT.search(part):
        return Intent.OUTLOOK  # "Also how long does she have?" asks how long she will live, not how long treatment lasts
    return Intent.TREATMENT_ADVICE if INSTEAD.search(part) else None


def when_approved_or_who_makes(asked: str) -> Intent | None:
    """"When was Keytruda approved?" (not by an insurer), "who makes Opdivo?": what the pages never say."""
    if WHEN_APPROVED.search(asked) and not INSURANCE.search(asked):
        return Intent.APPROVAL_HISTORY
    return Intent.PRODUCT_DETAILS if MADE_BY.search(asked) else None


def asks_if_safe(text: str) -> Intent | None:
    """The safety topic a question of the message asks ("is it safe for older people?"), not a statement ("my doctor
    says Keytruda is safe for me")."""
    if not SAFE.search(text):
        return None  # most messages: no need to split them into questions
    asked = [part for part in question_parts(text) if SAFE.search(part)]
    return safety_topic(asked[0]) if asked else None


def safety_topic(question: str) -> Intent:
    return Intent.INTERACTIONS if SAFE_WITH.search(question) else Intent.PRECAUTIONS


def cancer_condition(text: str, cancers: Sequence[NameMatch]) -> Condition:
    """The condition the cancers found in `text` name, shown as written if an acronym ("TNBC"), else by name (the
    first written, if several); of a cancer and a kind of it ("the leukemia CML"), the kind."""
    cancers = sorted(most_specific(cancers), key=lambda m: m.span)
    start, end = cancers[0].span
    written = " ".join(question_tokens(text)[start:end])
    shown = written if capitalised(written) else cancers[0].text  # "TNBC" as written, "breast cancer"
    return Condition(plain_words(shown), naming_token_sets(cancers), known=True)


def most_specific(cancers: Sequence[NameMatch]) -> list[NameMatch]:
    """The cancers less those another one names a kind of: every way of naming "leukemia" says less than one of
    "CML" ("chronic myelogenous leukemia")."""
    ways = [naming_token_sets([m]) for m in cancers]
    return [m for i, m in enumerate(cancers)
            if not any(j != i and all(any(mine < theirs for theirs in ways[j]) for mine in ways[i])
                       for j in range(len(cancers)))] or list(cancers)


def certainly(intent: Intent, reading: IntentPrediction) -> IntentPrediction:
    """A reading that a wording rule has settled: all the probability on `intent`."""
    return IntentPrediction(intent, {other: float(other is intent) for other in (*reading.probabilities, intent)})


def asks_about_harm(text: str) -> bool:
    """Whether the question names a drug's harm in a nurse's words and not as something to treat or prevent, or what
    it does to the blood counts."""
    return (any(not HARM_TREATED.search(text, 0, m.start()) for m in HARM_WORDS.finditer(text))
            or LOWERS_COUNTS.search(text) is not None)


def combine(whole: IntentPrediction, part: IntentPrediction) -> IntentPrediction:
    """The mean of two readings of one message: all of it, and the question in it."""
    probabilities = {intent: (p + part.probabilities.get(intent, 0.0)) / 2 for intent, p in whole.probabilities.items()}
    return IntentPrediction(max(probabilities, key=probabilities.get), probabilities)


TELLS_A_KIND = re.compile(r"^\W*((it|she|he|they|his|hers|theirs|mine)('s| is| are| has| have|'ve got|'s got| has got)|"
                          r"i have|i'?ve got|i'?m)\s+", _I)
KIND_WORDS = frozenset({"the", "a", "an", "type", "kind", "sort", "form", "one", "cancer", "disease"})
CONNECTING_WORDS = frozenset({"and", "or", "what", "how", "about", "ok", "okay", "so", "also", "then", "too", "the",
                              "a", "an", "plus", "vs", "versus", "thanks", "thank", "you", "for", WORD_DRUG,
                              WORD_CANCER})
# A drug named by what it has with it: "and the combo one with relatlimab?" (not "tylenol ok with keytruda?").
ONE_WITH = re.compile(r"\b(the )?(combo|combination|one)( one)? with\b", _I)


def search_terms(text: str) -> bool:
    """A few words and no question, as typed into a search box; a question mark alone makes none ("dasatinib Ph+
    ALL peds?")."""
    return len(text.split()) <= SEARCH_TERMS_MAX_WORDS and _QUESTION.search(text.rstrip().rstrip("?")) is None


def continues_a_question(text: str, words_text: str, reading: IntentPrediction) -> bool:
    """A turn that asks what the question before it asked: only a name ("And Abecma?"), or a continuation the
    intent head cannot read on its own ("what about for kids")."""
    if elliptical(words_text) or NARROWS_TO_A_KIND.search(text) or WHAT_ABOUT_LAST.search(text):
        return True
    opener = CONTINUES.search(text)
    if opener is None or asks_anew(text[opener.end():]):
        return False
    return reading.confidence < FOLLOW_UP_CONFIDENCE or (
        reading.intent is Intent.CHATTER and WHAT_ABOUT.search(text) is not None)  # "what about men?" is no chat


# A question of its own after "and" or "what about": someone doing something, or how bad, long or often.
NEW_QUESTION = re.compile(r"\b(can|could|should|will|would|do|does|did)\s+(i|he|she|we|you|they)\b|"
                          r"\bhow (bad|long|often|much|many|common|soon)\b", _I)
MIN_WORDS_ASKED_ANEW = 6


def asks_anew(rest: str) -> bool:
    """"ok and the diarrhea with it, how bad usually", "and can he take it with his methotrexate": after the opener,
    a question of its own, not a continuation ("and for kids?", "what about if she's HER2 negative")."""
    return len(rest.split()) >= MIN_WORDS_ASKED_ANEW and NEW_QUESTION.search(rest) is not None


def only_outside(names: list[NameMatch], part: str) -> list[NameMatch]:
    """The names less the drugs named only in `part` (another question of the message), when a drug is named
    outside it."""
    part = fold(part)
    inside = [m for m in names if m.kind == "drug" and fold(m.text) in part]
    if not inside or all(m.kind != "drug" or m in inside for m in names):
        return names
    return [m for m in names if m not in inside]


def adds_a_marker(text: str) -> bool:
    """A turn that tells a gene or a biomarker's status and asks nothing ("she is HER2 positive", "it's EGFR+")."""
    return names_a_marker(text) and not question_parts(text)


def names_a_marker(text: str) -> bool:
    """A gene or a biomarker's status named ("EGFR", "HER2 positive", "without the EGFR mutation")."""
    return bool(markers_written_in(text) or BIOMARKER.search(text))


def tells_the_kind(text: str, names: Sequence[NameMatch]) -> bool:
    """A turn that tells which kind the cancer is and asks nothing ("it's triple negative", "she has the small cell
    type"), as "she is HER2 positive" tells a gene: the question before, asked again for that kind."""
    match = TELLS_A_KIND.match(text)
    if match is None or question_parts(text):
        return False
    cancers = [m for m in names if m.kind == "cancer"]
    rest = set(tokenize(text[match.end():])) - {w for m in cancers for w in tokenize(m.text)}
    return bool(cancers) and rest <= KIND_WORDS


def names_one_drug_twice(names: list[NameMatch]) -> bool:
    """Two names of one drug, whose page is the same ("Zortress" and "Afinitor": everolimus)."""
    drugs = [m for m in names if m.kind == "drug"]
    return len({m.name for m in drugs}) >= 2 and len({m.urls for m in drugs}) == 1


def elliptical(words_text: str) -> bool:
    """A turn that is only a name and connecting words ("and FOLFIRI?", "what about liver cancer?"): it has no
    question of its own. "What is Zofran for?" does."""
    words = re.findall(r"[a-z']+", ONE_WITH.sub(" ", words_text).lower())
    names = WORD_DRUG in words or WORD_CANCER in words
    return names and all(w in CONNECTING_WORDS for w in words) and not {"what", "for"} <= set(words)


COMPARING_WORDS = frozenset({"what", "what's", "whats", "is", "are", "the", "a", "main", "real", "difference",
                             "differences", "different", "differ", "between", "and", "or", "how", "vs", "versus", "v",
                             "compare", "compared", "comparing", "to", "with", "from", "do", "does", "they", "them",
                             "exactly", "of", WORD_DRUG})


def only_compares(words_text: str) -> bool:
    """"What's the difference between Opdivo and Keytruda?", "keytruda vs opdivo": two drugs compared, and nothing
    asked of them but how they differ. What each is approved for is part of the answer; which to choose is not."""
    words = re.findall(r"[a-z']+", words_text.lower())
    return words.count(WORD_DRUG) >= 2 and all(w in COMPARING_WORDS for w in words)


def subject_word(text: str) -> str | None:
    match = SUBJECT.search(text)
    return match.group(1) if match else None

