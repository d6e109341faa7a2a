"""Emergency triage: red flags from oncology telephone triage, and whether a message reports one happening now.

The red flags are those of the UK Oncology Nursing Society (UKONS) 24-hour triage toolkit (2016; v3 2025) and of
NCI's "when to call your doctor" advice (Chemotherapy and You); docs/TRIAGE.md lists each flag with its
source. A message that *reports* a red flag ("I can't stop throwing up since yesterday's chemo", "pt now SOB")
is an emergency. A *general question* that mentions one ("Is chest pain a side effect of capecitabine?",
"what is a stroke") is not; it keeps its own status and carries a one-line safety note.

Two judgements, kept apart so each can be tested on its own:
- `find_red_flags`: which flags a text mentions, in everyday words, not negated ("no fever").
- `reports_present_state`: whether the sentence naming the flag describes someone's present or very recent
  state (a person and a time: "my husband is", "since yesterday", "right now"; or a bare complaint:
  "vomiting blood") rather than asking about a topic ("what is", "can X cause", "if I get", "how common").

The intent classifier's `urgent` probability (retrieval/intent.py) backs up the wording: a report in words
no pattern here knows is still caught when the classifier is confident (see `triage`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_I = re.I
URGENT_THRESHOLD = 0.6  # the classifier's urgent probability above which a red flag's mention is taken as a report
UNNAMED_THRESHOLD = 0.85  # and above which a report is urgent though it names no red flag this module knows

# -- red flags -----------------------------------------------------------------------------------------------

_TREATMENT = (r"(chemo\w*|treatment|infusion|immunotherapy|car[- ]?t|transplant|radiation|radiotherapy|"
              r"cycles?|rounds? of|c\d+d\d+|sact|on [a-z]+(?:mab|nib|ib|ide|ine|in|ol|ex)\b|oncolog\w*|cancer|"
              r"leuka?emia|lymphoma|myeloma|(?-i:ANC)|low (white|wbc|neutrophil)\w*( (blood )?(cell )?counts?)?)")
_BAD = (r"severe|terrible|awful|excruciating|unbearable|agoni[sz]ing|intense|really bad|very bad|so bad|horrible|"
        r"crippling|the worst|worst|(very|really|so|extremely) strong")
# Vomiting or diarrhoea that keeps going, or 4 or more times (UKONS: diarrhoea 4-6 a day amber, 7 or more red; vomiting
# 2-5 amber, 6 or more red): "some mild diarrhea, 2-3 times a day" gets the note.
_SEVERE = (r"(can'?t|cannot|won'?t|unable to|couldn'?t) (even |seem to )?(stop|keep ([\w-]+ ){0,4}down)|non[- ]?stop|"
           r"constant(ly)?|all (day|night|morning)|"
           r"every (hour|half hour|few minutes|\d+ minutes)|\b([4-9]|[1-9]\d+|four|five|six|seven|eight|nine|ten|"
           r"eleven|twelve|fifteen|twenty) times\b|(for|since|over) (the (last|past) )?"
           r"(\d+|a|one|two|three|several|24) ?(hours?|hrs?|days?|day)|since (yesterday|last night|this morning|"
           r"(mon|tues?|wed|thu(rs?)?|fri|sat|sun)(day)?|the infusion|chemo|treatment)|severe|"
           r"really bad|keeps? (on )?(coming|going|happening|throwing up|vomiting|being sick|puking|retching)|"
           r"over and over|(won'?t|doesn'?t) (stop|let up|go away)")

# Someone whose state a message tells, as the subject of it: "he's", "my husband" (not a thing: "the room is hot").
_SUBJECT_PRONOUN = r"i|i'?m|im|he|he'?s|hes|she|she'?s|shes|they'?re"
_RELATIVE = r"mum|mom|mother|dad|father|husband|wife|partner|son|daughter|child|kid|baby"
# Both legs gone, on its own an emergency (UKONS: new limb weakness; suspected spinal cord compression), unlike
# numb feet or fingers (neuropathy): "I can't feel my legs", "he can't move his legs", "her legs are paralysed".
_LEGS_GONE = (r"(can'?t|cannot|couldn'?t|unable to) (feel|move|lift|use) (my|his|her|their|both)( \w+)? legs|"
              r"lost (the )?(use of|feeling in|all feeling in) (my|his|her|their|both) legs|legs? (are |is )?paraly[sz]ed|"
              r"legs? (suddenly )?(gave|give|giving|went) (out|way)( \w+){0,6} (can'?t|cannot|couldn'?t) (stand|walk|get up)")
# Where a line or drip goes in: "his PICC", "the cannula", "where the IV was".
_LINE_SITE = (r"port|portacath|port-a-cath|picc|hickman|central line|line site|catheter site|insertion site|exit site|"
              r"i\.?v\.? (site|line)|cannula|drip site|infusion site|where (my|his|her|the) (port|picc|line|chemo|infusion|"
              r"iv|drip|needle|cannula) (is|was|goes in|went in|used to be)")

# Blood counts as patients and nurses name them, and a reading of one that is low (neutrophils under 1.0 or an ANC
# under 1,000, platelets under 50, haemoglobin under 8): "his neutrophils are 0.2", "ANC 300", "platelets were 12".
_COUNT = (r"white (blood )?(cell )?count|white cells|wbc|neutrophils?|neutrophil count|neuts|(?-i:ANC)|platelets?|"
          r"platelet count|plts?|(blood )?counts|h(a)?emoglobin|hgb|(?-i:Hb)")
_LOW_READING = (r"(neutrophils?|neuts|wbc|white (blood )?(cell )?count|(?-i:ANC))( count)? (is |are |was |were |of |at |"
                r"down to |dropped to )?(only )?(0?\.\d+|0)\b(?!\.\d)|(?-i:ANC) (is |was |of |at |down to |dropped to )?"
                r"(only )?[1-9]\d{0,2}\b(?![.,]?\d)|(platelets?|plts?)( count)? (is |are |was |were |of |at |down to |"
                r"dropped to )?(only )?[1-4]?\d\b(?![.,]?\d| ?%)|(h(a)?emoglobin|hgb|(?-i:Hb)) (is |was |of |at |"
                r"down to |dropped to )?(only )?([3-7](\.\d)?|[3-7]\d)\b(?![.,]?\d| ?%)")  # g/dL, or g/L ("my hb is 65")
# A temperature read out now, with no word for it: "it's 100.8 now", "she's at 38.4", "hit 101.2", "the
# thermometer just read 38.3".
_READ_OUT = r"it'?s|it is|(he|she)('s| is) at|i'?m at|i am at|mine('s| is)|now|reads|reading"  # how a reading is told
_READING = (rf"({_READ_OUT}|hit|hits|reached|went up to|up to|spiked( to| a)?( temp\w*)?( of)?|"
            rf"(just )?(checked|took it|taken it|measured)( it)?,?|"
            r"(thermometer|temp\w*|it) (just |now )?(read|reads|said|says|showed|shows|showing|is showing|registered)|"
            r"came up( as)?) "
            r"(at )?(3[89]\.\d|40\.\d|37\.[5-9]|10[0-5]\.\d|99\.[5-9])\b(?! ?(weeks?|kg|lbs?|pounds|mg|%))")
# A normal temperature read out now: "the nurse said call if temp over 38, it's 37.2 now" tells the rule, not a fever.
_NORMAL_READING = re.compile(rf"\b({_READ_OUT}|temp\w*( is| was| of)?) (at |only |just )?(3[56]\.\d|37\.[0-4]|9[6-8]\.\d|"
                             r"99\.[0-4])\b", _I)


def _swollen_limb(limbs: str) -> str:
    """A limb told swollen and painful, red or warm ("my left calf has gone all swollen and hot", "my right leg has
    puffed up massively and the calf is sore"), or bigger than the other ("my leg is twice the size of the other one";
    not "his arm is way bigger than before he started the gym")."""
    return (rf"({limbs}) (is |has gone |feels |looks )?(swollen|red|hot|warm|huge|massive|enormous),? (\w+,? )?"
            rf"(and |n |& )?(painful|sore|tender|hot|red|warm|swollen|tight)|"
            rf"(swollen|puffy|puffed[- ]up),? (and )?(painful|sore|tender|hot|red|warm)( (left|right))? ({limbs})\b|"
            rf"(painful|sore|tender|hot|red|warm),? (and )?(swollen|puffy|puffed[- ]up)( (left|right))? ({limbs})\b|"
            rf"(pain|ache|sore\w*) in (my|his|her) (calf|leg)\b[^.?!]{{0,30}}\b(swollen|swelling|red|hot)|"
            rf"({limbs}) (is |has )?(swelled|swollen|blown|swole) up\b[^.?!]{{0,40}}\b(hot|red|warm|painful|sore|tender|"
            rf"hurts?)|"
            rf"(calf|leg)\b[^.?!]{{0,30}}\b(swollen|swelled|puffed up|puffy|blown up)\b[^.?!]{{0,60}}\b(hot|red|warm|"
            rf"painful|sore|tender)\b|"
            rf"({limbs}|ankle) (is |has gone |looks )?(nearly |almost |about )?(twice|double) the size|"
            rf"({limbs}|ankles?|legs|calves|feet|foot)\b[^.?!]{{0,40}}\b(bigger|larger|fatter|thicker|more swollen) than "
            rf"the other")


# A CAR-T or a T-cell engager, or what the conversation says of one: what CRS and ICANS follow.
_T_CELL_THERAPY = (r"\b(car[- ]?t|cart|cell therapy|\w+-cel|kymriah|yescarta|tecartus|breyanzi|abecma|carvykti|aucatzyl|"
                   r"bispecific\w*|tecvayli|talvey|elrexfio|lynozyfic|columvi|epkinly|lunsumio|imdelltra|blincyto|"
                   r"blinatumomab|teclistamab|talquetamab|elranatamab|linvoseltamab|glofitamab|epcoritamab|"
                   r"mosunetuzumab|tarlatamab|(?-i:CRS)|cytokine|icans|neurotox\w*|immune effector|grade [1-4])")


@dataclass(frozen=True)
class RedFlag:
    """One red flag: what the safety note calls it, where it comes from, and the words that name it."""

    key: str
    note_name: str  # "If you have {note_name} now, ..."
    source: str
    pattern: re.Pattern
    needs: re.Pattern | None = None  # more the message must say for a report to be urgent (e.g. fever on treatment)
    urgent: bool = True  # False: worth a safety note when mentioned, but a report of it alone is not an emergency
    exclude: re.Pattern | None = None  # a sentence this matches does not name the flag after all
    # `needs` is treatment or what stands for it: read in the whole conversation, less treatment denied, and met by a
    # cancer drug the conversation names (a fever)
    needs_treatment: bool = False
    # words that are the flag only beside its `needs` ("forgetting words" after CAR-T, not with dementia): without
    # them the message does not name it at all, so no note either
    only_with_needs: bool = False
    lowered: re.Pattern = field(init=False, repr=False, compare=False)  # `pattern` for lowered text: see `search`

    def __post_init__(self) -> None:
        object.__setattr__(self, "lowered", for_lowered_text(self.pattern))

    def search(self, sentence: str) -> re.Match | None:
        """`pattern.search(sentence)` in half the time. Most sentences name no flag, and a case-sensitive search of
        the lowered sentence says so sooner: Python's re passes over an alternative by its first letter only when
        it matches case-sensitively (`find_mentions` of a golden question: 225 -> 122 us)."""
        if sentence.isascii() and self.lowered.search(sentence.lower()) is None:
            return None
        return self.pattern.search(sentence)


# A capital letter, or an escape (kept as it is: \b, \W).
_CAPITAL_OR_ESCAPE = re.compile(r"\\.|[A-Z]")


def for_lowered_text(pattern: re.Pattern) -> re.Pattern:
    """A case-sensitive pattern that finds in the lowered text of an ASCII sentence whatever `pattern` finds in
    the sentence, and possibly more: its letters lowered, so that its case-sensitive words ("ANC", "SOB") find
    their lowered lookalikes too ("sob")."""
    def lowered(part: re.Match) -> str:
        return part.group() if part.group().startswith("\\") else part.group().lower()

    return re.compile(_CAPITAL_OR_ESCAPE.sub(lowered, pattern.pattern), pattern.flags & ~re.I)


def _flag(key: str, note_name: str, source: str, pattern: str, needs: str | None = None, urgent: bool = True,
          exclude: str | None = None, needs_treatment: bool = False, only_with_needs: bool = False) -> RedFlag:
    for language in OTHER_LANGUAGES:
        words, words_needs = language.get(key, (None, None))
        if words:
            pattern = rf"{pattern}|\b({words})"
        if needs and words_needs:
            needs = rf"{needs}|\b({words_needs})"
    return RedFlag(key, note_name, source, re.compile(pattern, _I), re.compile(needs, _I) if needs else None, urgent,
                   re.compile(exclude, _I) if exclude else None, needs_treatment, only_with_needs)


# The same red flags as Spanish speakers write them (a US portal's second language; the pages and the replies
# stay English, but an emergency must not be missed for its language): key -> (words, what `needs` also takes).
# A denial is part of the words ("no puedo respirar"), never before them, since "no" before a flag negates it.
_QUIMIO = r"quimio\w*|tratamiento|inmunoterapia|radioterapia|radiaci[oó]n|infusi[oó]n|trasplante|c[aá]ncer"
SPANISH: dict[str, tuple[str, str | None]] = {
    "fever": (r"fiebre|calentura|escalofr[ií]os?|temblores|tiritando|temperatura (alta|de (3[89]|4[01]))",
              rf"{_QUIMIO}|escalofr|tembl|tiritando"),
    "breathing": (r"no (puedo|puede|podía|podia|pod[ií]a) respirar|falta de aire|(me|le) falta el aire|"
                  r"(me|se) ahog\w*|dificultad para respirar|respira (muy )?mal|(le|me) cuesta (mucho )?respirar", None),
    "chest_pain": (r"dolor (en el|de|del) pecho|(me|le) duele (mucho )?el pecho|(opresi[oó]n|presi[oó]n) en el pecho",
                   None),
    "vomiting_blood": (r"(vomit\w*|v[oó]mitos?|tos\w*|escupi\w*)( \w+){0,2} sangre|heces negras|"
                       r"popo negra|caca negra", None),
    "bleeding": (r"no (para|deja) de sangrar|sangr\w*|hemorragia",
                 r"no (para|paro|deja|se detiene|se para)|mucho|much[ao]s?|sin parar|abundante|fuerte"),
    "fainting": (r"se desmay\w*|desmay\w*|perdi[oó] el conocimiento|no (reacciona|responde|despierta)|"
                 r"inconsciente|se (cay[oó]|desplom[oó]) (al suelo|redond[oa])", None),
    "confusion": (r"confundid[oa]|desorientad[oa]|no sabe (d[oó]nde|qui[eé]n)|no (me|nos|la|lo) reconoce|"
                  r"dice cosas sin sentido|delirando", None),
    "seizure": (r"convulsi\w*|ataque epil[eé]ptico", None),
    "swelling": (r"(labios?|lengua|garganta|cara) .{0,20}hinchad\w*|se (le|me) (hinchan?|hinch[oó])|"
                 r"se (me|le) cierra la garganta|hinchaz[oó]n (en|de) (los |la |el )?(labios?|lengua|garganta|cara)", None),
    "stroke": (r"(cara|boca) (ca[ií]da|torcida|chueca)|no puede (mover|levantar) (el|un) (brazo|lado)|"
               r"arrastra las palabras|no puede hablar", None),
    "urine": (r"no (puedo|puede|ha podido|he podido) orinar|no (ha )?orinad?o?", None),
    "headache": (r"(el )?peor dolor de cabeza|dolor de cabeza (muy )?(fuerte|intenso|terrible|horrible|insoportable)",
                 r"cuello r[ií]gido|(le|me) molesta la luz|v[oó]mit\w*|confundid\w*|de repente|fiebre"),
    "self_harm": (r"quiero morir\w*|matarme|quitarme la vida|no quiero (vivir|seguir)|acabar con (todo|mi vida)|"
                  r"suicid\w*", None),
    "vomiting_diarrhoea": (r"diarrea|v[oó]mit\w*", r"\d+ veces|no (puede|puedo|pudo) (tomar|beber|retener)|sin parar|"
                                                   r"toda la noche|todo el d[ií]a"),
}
# Hindi as people type it in Latin letters ("papa ko chemo ke baad bukhar hai 39.2", "mummy ki saans phool rahi hai"),
# and Tagalog ("ang taas ng lagnat nya 38.9, nanginginig pa sya"): two more of the languages US patients write in.
HINDI_IN_LATIN: dict[str, tuple[str, str | None]] = {  # no optional letters: FLAG_WORDS reads whole words off these
    "fever": (r"bukhar|bukhaar|(kaanp|kanp) (rahe|raha|rahi)|kapkapi", r"kaanp|kanp|kapkapi"),
    "breathing": (r"(saans|sans) (lene mein |bahut |nahi |nahin )*(phool|dikkat|takleef|taklif|pareshani|ruk|nahi aa)",
                  None),
    "chest_pain": (r"(chest|seene|sine|chhati|chhaati|chaati) (mein|me) (bahut )?dard", None),
    "vomiting_blood": (r"(khoon|khun) ki ulti|ulti (mein|me) (khoon|khun)", None),
    "bleeding": (r"(potty|latrine|tatti|peshab|peshaab|naak|munh) (mein|me|se) (bahut )?(khoon|khun)",
                 r"bahut|zyada|jyada|ruk nahi|band nahi"),
    "fainting": (r"behosh|hosh (nahi|nahin|kho)", None),
    "self_harm": (r"khudkushi|aatmahatya|jeena nahi chahta|marna chahta", None),
}
TAGALOG: dict[str, tuple[str, str | None]] = {
    "fever": (r"(nila)?lagnat|nanginginig|giniginaw", r"nanginginig|giniginaw"),
    "breathing": (r"(hirap|nahihirapan) (sa )?(huminga|paghinga)|hindi makahinga|kinakapos (ng|sa) hininga", None),
    "chest_pain": (r"(masakit|sumasakit|sakit) (ang |sa |yung )?dibdib", None),
    "vomiting_blood": (r"(suka|sumusuka|nagsuka|nagsusuka|isinuka)\w* (ng )?dugo", None),
    "fainting": (r"nawalan ng malay|hinimatay|nahimatay", None),
    "leg_clot": (r"namamaga (yung |ang )?(kanang |kaliwang )?binti", None),
}
OTHER_LANGUAGES = (SPANISH, HINDI_IN_LATIN, TAGALOG)


RED_FLAGS: tuple[RedFlag, ...] = (
    _flag("fever", "a fever or feel unwell during cancer treatment",
          "UKONS: fever / suspected neutropenic sepsis; NCI: fever of 100.4 F (38 C) or higher",
          r"\b(fever\w*|feverish|febrile|high temp\w*|temp[a-z]*(('s|s| has| had)( been)?)? (of |is |was |at |reading )?"
          r"(over |above |at least )?(3[89]|4[01]|10[0-6]|37\.[5-9]|99\.[5-9])"
          # a low one is a warning too (UKONS triage, on treatment: 36 C or lower; NICE NG51: under 36 C)
          r"|temp[a-z]* (of |is |was |at |reading |now |only |(has )?(dropped|fallen|gone down) to |down to |under |"
          r"below )*(3[45](\.\d)?|9[3-5](\.\d)?)(?![.\d])(?! ?(weeks?|kg|lbs?|pounds|%|mg|mins?|minutes|hours?|days?))"
          rf"|{_READING}"
          # asked where a fever starts: "what temperature is too high on chemo?"
          r"|(too high|dangerous|dangerously high) (a |of a )?temp\w*|temp\w* (is |gets |that'?s |counts as |goes )?"
          r"(too high|dangerous|dangerously high|an emergency)|(what|which|at what|how high (a |of a )?) temp\w* "
          r"(should|do|does|must|would) (i|we|you|he|she|they) (call|ring|phone|go|worry|seek|get help)"
          r"|(?<!take )(?<!taking )(?<!check )(?<!checking )(?<!measure )(?<!measuring )"  # "how do I take a temperature"
          r"(a |high |raised |spiking |spike in (my |his |her )?|(slight|mild|low[- ]grade|small|bit of a) )"
          r"temp(erature)?s?\b"
          r"(?! (check|reading|probe|strip|gun))|((3[89]|4[01])(\.\d)?|37\.[5-9]) ?(°|deg\w*)? ?c\b|"
          # "39 degree", "39.8 now", "very hot body", or a message that opens with a reading ("39.4. 2 days post chemo")
          r"(3[89]|4[01])(\.\d)? ?degrees?\b|(3[89]|4[01])(\.\d)? (on|by|with) (the |her |his |my |our )?(\w+ )?"
          r"thermometer|(3[89]|40)\.\d (now|today|tonight|this (morning|afternoon|evening))\b|"
          r"^\W*(3[89]|40)\.\d\b(?! ?(kg|%|lbs?|mg|cm|mm|hours?|hrs?))|(very |so |really )?hot body|"
          r"(?-i:\bT) ?(3[89]|40)\.\d\b|"  # a nurse's note: "T 38.1 at home"
          r"10[0-6](\.\d)? ?(°|deg\w*)? ?f?\b.{0,20}\b(temp|fever)|"
          r"burning up|(hot|burning|roasting|boiling) (and|&|then) (shiver\w*|shak\w*|cold|freezing)|(cold|freezing) "
          r"(and|&|then) (hot|boiling|burning)|"
          r"(shiver\w*|shak\w*) (and|&) hot\b|"
          # feeling hot beside signs of an infection (not hot flushes: "I feel hot at night on tamoxifen")
          r"(cough\w*|phlegm|sputum|sore throat|chest infection|urine infection|uti)\b[^.?!]{0,60}\b(feel|feels|feeling|"
          r"felt) (really |very |so |a bit |quite )?hot\b|\b(feel|feels|feeling|felt) (really |very |so |a bit |quite )?"
          r"hot\b[^.?!]{0,60}\b(cough\w*|phlegm|sputum|sore throat|chest infection|urine infection|uti)\b|\b(she|he|i|i'?m|she'?s|he'?s|my \w+|his \w+|her \w+)( \w+)? (feels?|felt|"
          r"is|was) like (a|an) (furnace|oven|radiator)\b|"
          # sepsis shown in the skin (NICE NG51: mottled or ashen skin)
          r"(skin|legs?|arms?|knees?) (\w+ ){0,2}(mottled|ashen)|\b(mottled|ashen) skin|"
          r"(can'?t|cannot|won'?t) stop (shaking|shivering)\b.{0,30}"
          r"\b(cold|freezing|frozen)|(cold|freezing|frozen)\b.{0,30}(can'?t|cannot|won'?t) stop (shaking|shivering)|"
          r"(can'?t|cannot|unable to) (get|keep|stay) warm|"
          r"(got|have|has|like) (the )?flu\b(?!\W*(jabs?|shots?|vaccin\w*|injections?|season|clinic))|"
          r"shiver\w*|rigou?r(s|ing)|"
          r"chills|shaking (all over|uncontrollably)|teeth (are |keep |started )?chatter\w*|chattering teeth|"
          r"(got|have|has) (the |a )?(shakes|shivers)\b|"
          # someone unwell, not something ("the joint pain is awful")
          rf"(feel\w*|feeling|felt|(?<!will )(?<!face )(?<!skin )looks?|\b({_SUBJECT_PRONOUN}|{_RELATIVE}|nan|nana|nanna|"
          r"gran|granny|grandma|grandad|"
          r"grandpa|brother|sister|patient|pt|boy|girl)('s| is| am| are| was| has been| seems?)?) (really |very |so |"
          r"awful(ly)? |terribl[ey] |proper |dead |right |absolutely |truly )?(unwell|ill|poorly|rough|awful|terrible|"
          r"like death)|flu[- ]like|neutropenic (sepsis|fever)|febrile "
          rf"neutropenia|sepsis|\b({_SUBJECT_PRONOUN}|(my|his|her|our) ({_RELATIVE}|boy|girl))( is| am| are| feels?| "
          r"felt| looks?)? "
          r"(really |very |so |burning )?hot( to (the )?touch)?\b(?! (flash|flush))"
          # hot flushes on hormone therapy: "I feel hot at night on tamoxifen", "hot all the time since letrozole"
          r"(?![^.?!]*\b(at night|in bed|every night|night ?sweats?|all the time|flush\w*|flash\w*|menopaus\w*)\b))",
          needs=rf"\b{_TREATMENT}\b|\b(3[89]|4[01])(\.\d)?(?!\d)|\b10[0-6](\.\d)?(?!\d)|\bhundred and (one|two|three|four|"
                r"five)\b|shiver|rigou?r|chills|shak|neutropeni|"
                rf"\b({_LINE_SITE})\b|\b(really|very|super|extremely|dangerously) high\b|\brash",  # NHS: with a rash, call
          # "a temp of 37.2, is that ok on chemo?": a normal reading, and nothing else in the sentence of a fever (but
          # "is a temp of 37.4 too high on chemo?" asks where one starts)
          exclude=r"^(?!.*\b(3[89]|4[01]|10[0-6])(\.\d)?\b)(?!.*\b(fever\w*|febrile|shiver\w*|rigou?r\w*|chills|shak\w*|"
                  r"burning up|unwell|flu|too high)).*\btemp\w* (of |is |was |at |reading |now )?(36(\.\d)?|37(\.[0-4])?|"
                  r"9[6-8](\.\d)?|99(\.[0-4])?)(?![.\d])(?! ?(weeks?|kg|lbs?|pounds|%))", needs_treatment=True),
    _flag("breathing", "trouble breathing", "UKONS: breathlessness; NCI: shortness of breath or trouble breathing",
          r"\b(breathing (has )?(become|got|gotten|is|getting) (rather |quite |a bit |very |really |more )?(labou?red|"
          r"difficult|harder|hard|worse)|(trouble|difficulty|difficult|hard|struggl\w*|problems?|labou?red|laboring) (to )?"
          r"(breath\w*|catch\w* "
          r"(my|his|her|their) breath)|(can'?t|cannot|can not|couldn'?t|unable to|(can|could) (barely|hardly)|barely able to) "
          r"(breathe?(?!e? a word)|get (my|his|her) breath|"
          r"catch (my|his|her|their) breath|get (enough )?air)|short(ness)? of breath|breathless\w*|out of breath|"
          r"breathing (problems?|difficult\w*|troubles?|issues?)|breathing (is )?(really |very |so )?(weird|funny|"
          r"strange|odd|noisy|rattly|slow\w*|shallow|fast|rapid\w*|quick\w*)|breathing through a straw|gasping|wheez\w*|(?-i:\bSOB\b)|"
          r"\b(pt|patient|c/o|now|more|very|increasingly|getting) sob\b|"
          # oxygen saturation falling, or 92 % or under (NEWS2 scores 92-93 % already; 98 % is normal)
          r"(sats?|spo2|o2 sats?|oxygen( levels?| sat\w*)?) (are |is |was |were |of |at |down to |dropped to |only )*"
          r"(dropping|low|falling|down|([1-8]\d|9[0-2]) ?%?(?![\d.])(?! ?(l|litres?|liters?|lpm|l/min|mins?|minutes|"
          r"hours?|days?|weeks?)\b))|lips? .{0,15}(blue|grey|gray|bluish|blueish)|"
          # "puffing for breath just sitting in the chair", "i cant finish a sentence without stopping for breath",
          # "struggling to swallow and to breathe properly"
          r"(puffing|panting|gasping) for (breath|air)|(can'?t|cannot|couldn'?t) (finish|get out|say) a (full |whole )?"
          r"sentence|stopping for (breath|air)|struggl\w* to (\w+ and (to )?)?breathe|"
          rf"\b({_SUBJECT_PRONOUN}|(my|his|her|our) ({_RELATIVE}|boy|girl|baby))('s| is| has| have)? (gone |going |turned |"
          r"turning |went |looks? |looking )?(all |really |very |a bit )?(blue|bluish)\b(?![^.?!]*\b(sad|depress\w*|"
          r"mood|down|low|lonely)\b)|"  # blue in the face, not "she's a bit blue and low since the diagnosis"
          r"struggling for (air|breath)|fighting for (air|breath)|can'?t get (any |enough )?air|"
          # choking or drowning in fluid: "seems to be choking on it, gurgling", "her breathing sounds all wet"
          r"(?<!nearly )(?<!almost )chok(ing|ed|es)\b(?! (up|back)\b)|(breathing|breath|throat|chest)\b[^.?!]{0,20}"
          r"\bgurgl\w*|chok\w*[^.?!]{0,30}\bgurgl\w*|gurgl\w* (and|when) (\w+ )?(breath\w*|chok\w*)|"
          r"breathing (sounds|is) (all |really |very )?(wet|bubbly|rattly)|"
          r"struggling to get (any |enough )?air|"
          r"cough\w* up (\w+ ){0,2}(pink|frothy|foamy)|pneumonitis|inflamm\w* (in|of) (the |my |his |her )?lungs?|"
          # pneumonitis: immunotherapy's lung inflammation, which breathlessness shows
          r"lung inflammation|(not|isn'?t|is not) breathing (right|properly|normally|well)\b|"
          # a fast breathing rate read out (NEWS2: 25 or more a minute scores 3)
          r"(resp(iratory|iration)?( rate)?|(?-i:RR)|rr|breathing rate|breaths? (a|per) min\w*)( is| of| at| now)? "
          r"(2[5-9]|[3-6]\d)\b(?![.,]?\d| ?%))",
          # breathless only climbing stairs or hills (UKONS grade 1, amber: the note), unless worse is told with it
          needs=r"^(?![\s\S]*\b(stairs|steps|hills?|uphill|climbing|exercis\w*|the gym|(go|went|going|been|after|when|"
                r"while) running|jogging|long walks?|"
                r"(a (bit|little)|slight(ly)?|mild(ly)?) wheez\w*)\b)|"  # a mild wheeze with a cold, too
                r"\b((can'?t|cannot|couldn'?t|unable to) (breathe|catch|get)|gasp\w*|struggl\w*|blue|grey|gray|sats?|"
                r"at rest|sitting|lying|talking|speaking|worse|sudden\w*|chest)",
          # panic at a thought, said as such: "I can't breathe when I think about more treatment (just anxiety)"
          exclude=r"\bwhen (i|we) (think|thinking|talk|talking|read|hear) (about|of)\b|\b(just|only|it'?s) (anxiety|panic|nerves|stress)\b|"
                  # tears: "mum was told today, i cant breathe im crying so much"
                  r"\b(can'?t|cannot) breathe\W+(i'?m |im |i am |from |for |with )?(crying|sobbing|laughing)\b"),
    _flag("chest_pain", "chest pain", "UKONS: chest pain",
          r"\b(chest (has been |'s been |is |keeps )?((really|so|very|still) )?(pain\w*|hurts?|hurting|ache\w*|aching|"
          r"tight\w*|pressure|discomfort|"
          r"is (tight|heavy|crushing|sore))|chest (feels? ((a bit|a little|kind of|sort of|kinda|really|very|so) )?"
          r"(tight|heavy|crushed|like)|squeez\w*|burning)|"
          r"(pains?|tightness|pressure|heaviness|feeling|sensation|"
          r"weight|aches?) in (the middle of )?(my|his|her|the) chest|(middle|centre|center) of (my|his|her) chest|"
          r"(sitting|standing|pressing) on (my|his|her) chest|(pressure|weight|heaviness) on (the|my|his|her) chest|crushing (pain|feeling)|heart attack|"
          r"heart (is )?(racing|pounding) .{0,30}chest|"
          # pain spreading to the left arm or the jaw, as a heart attack's does (NHS)
          r"pain (going|shooting|spreading|radiating|moving) (down|into|up|to) (my|his|her) (left arm|jaw))",
          # a figure of speech: "i nearly had a heart attack when i saw the bill", "it gave me a heart attack"
          exclude=r"\b(nearly|almost|practically) (had|have|having) a heart attack\b|\b(gave|give|giving) (me|him|her|us|"
                  r"them) a heart attack\b|\bheart attack (when|at|over) (i|we|he|she|they) (saw|see|heard|hear|read|got|"
                  r"opened|found)\b"),
    _flag("palpitations", "a racing or pounding heart with dizziness, faintness, breathlessness or chest pain",
          "NHS: heart palpitations with chest pain, shortness of breath, dizziness or fainting (999); UKONS: "
          "cardiac symptoms",
          r"\b((heart|ticker)('s| is| keeps| keeps on| has been| was| started| starts| feels like it'?s| feels like it is)? ?"
          r"(racing|racin|pounding|poundin|fluttering|flutterin|thumping|hammering|skipping( beats)?|jumping|"
          r"(going to |gonna |about to )?(jump|pop|burst|bang|pound)\w* out of (my|his|her) chest|"
          r"going (really |so |very |super )?(fast|crazy|mad|wild)|going like the clappers|beating (really |"
          r"so |very |super )?(fast|hard|irregular\w*|out of (my|his|her) chest))|palpitations?|(racing|pounding|"
          r"fluttering|thumping) heart|heart (feels|is|goes|has been) (all )?(fluttery|flutter\w*|jumpy|all over the "
          r"place)|irregular (heart ?beat|pulse)|heart ?(beat|rate) (is |has been )?(racing|"
          r"fast|very fast|irregular|all over the place|over \d+|1[4-9]\d)|(fast|rapid|racing) (heart ?beat|heart "
          r"rate|pulse)|pulse (is |has been )?(racing|very fast|over \d+|1[4-9]\d))",
          needs=r"\b(dizz\w*|light[- ]?headed|faint\w*|pass(ed|ing)? out|black(ed|ing)? out|woozy|(going to|gonna|"
                r"about to) (fall|collapse|drop)|short(ness)? of breath|breathless\w*|(can'?t|cannot) (breathe|catch)|"
                r"too weak|(so|really|very|extremely) weak|(can'?t|cannot|couldn'?t|unable to) get out of bed|"
                r"(?<!out of my )(?<!out of his )(?<!out of her )chest|"  # not the heart "jumping out of my chest"
                r"swimmy[- ]headed|short[- ]winded|smother\w*)"),  # "im short winded and swimmy headed"
    _flag("vomiting_blood", "are vomiting or coughing up blood", "UKONS: bleeding (haematemesis, haemoptysis, melaena)",
          r"\b((vomit\w*|throw\w* up|threw up|puk\w*|cough\w*( up)?|(spit\w*|spat)( up)?|sick(ing)? up|bring\w* up|brought up) "
          r"(\w+ ){0,3}(blood|clots)|blood (in|when I|when he|when she) (my |his |her )?(vomit|sick|cough)|"
          r"black,? (tarry|sticky) (stool|poo|poop)|tarry (stool|poo|poop)|(stool|poo|poop) (is |looks )?(black|like tar)|"
          r"(stools?|poo|poop|toilet|motions?)\b[^.?!]{0,20}\bblack (like|as) tar\b|"  # "my father toilet is black like tar"
          r"(stools?|poo|poop)('s| is| are| was| were| has| have)? (gone |turned |been )?(jet |pitch |really )?black\b|"
          r"black (diarrh\w*|runs|(runny|watery|loose) (poo|poop|stools?))|"
          r"coffee grounds?|ha?ematemesis|ha?emoptysis|mela?ena)",
          # iron tablets and bismuth (Pepto-Bismol) turn stools black: their known effect, when nothing else is told
          needs=r"^(?![\s\S]*\b(iron|ferrous|bismuth|pepto\w*)\b)|\b(blood|bloody|faint\w*|dizz\w*|light[- ]?headed|"
                r"tarry|tar|sticky|vomit\w*|throw\w* up|threw up|cough\w*|pale|weak|collaps\w*)\b"),
    _flag("bleeding", "bleeding that will not stop", "UKONS: bleeding; NCI: bleeding or bruising",
          r"\b(bleed\w*|nose ?bleeds?|soak\w* (through )?(\w+ ){0,2}(pads?|towels?|dressings?)|"
          r"blood (is )?(pouring|gushing|everywhere|coming out|dripping)|"
          r"blood (from|out of) (my|his|her|the|their) (nose|mouth|gums?|wound|line|port|picc|cut)|(pouring|gushing) "
          r"(blood|out)|bruis\w*(?=.*\b(platelets?|plts?)\b)|\b(platelets?|plts?)\b.*\bbruis\w*|"  # with low platelets: needs
          r"haemorrhag\w*|hemorrhag\w*|bruis\w* (all over|everywhere)|(covered in|lots of|loads of) bruises|"
          # "loads of bright red blood when I go to the toilet, like the bowl is full of it"
          r"((loads|lots|a lot|tons|masses) of|so much) (\w+ ){0,2}blood\b(?! ?(tests?|work|samples?|counts?|results?))|"
          r"(bowl|toilet|pan)( \w+)? (is |was )?(full of|"
          r"filled with|red with) blood)",
          needs=r"\b((won'?t|doesn'?t|will not|does not|not|isn'?t|hasn'?t) (stop\w*|settl\w*|slow\w*|quit\w*|let up)|"
                r"a lot|heavily|loads of|so much|tons of|masses of|full of|filled with|red with|"
                r"badly|everywhere|like crazy|through|heavy|severe|uncontrolled|lots of|soak\w*|gushing|pouring|still "
                r"(going|bleeding|pouring)|for (\d+|twenty|thirty|forty|an?) (min\w*|hours?)|since|"
                r"bruis\w* (all over|everywhere)|(covered in|lots of|loads of) bruises|petechia\w*|"
                r"(tiny|small|little|pin ?prick|pin-?point) (red|purple|dark) (spots|dots)|"  # UKONS: with petechiae
                r"\b(platelets?|plts?)( count)?('s)? (is |are |was |were |of |at )?(only )?1?\d\b(?![.,]?\d| ?%))",
          exclude=r"\bbleed\w* (money|cash)\b|\b(bleed|bled|bleeding) (me|us|him|her|them|you) dry\b|"  # of money
                  # blood taken or given: "they took loads of blood for tests"
                  r"\b(took|taken|take|taking|drew|drawn|draw|gave|given|giving|donat\w*) (\w+ ){0,3}of blood\b|"
                  # lost during an operation: "I lost a lot of blood during the D&C and needed a transfusion"
                  r"\b(lost|lose) (\w+ ){0,3}blood (during|in|at|after) (the|my|his|her|a) (surgery|operation|op|d&c|"
                  r"delivery|birth|labou?r|procedure|biopsy|c-?section|transplant)\b"),
    # UKONS: new widespread bruising; any bleeding with platelets under 20
    _flag("blood_faint", "blood in your stool or urine and feel faint",
          "UKONS: bleeding with haemodynamic compromise; NCI: blood in urine or stool",
          r"\b(blood in (my |his |her |the )?(stool|poo|poop|urine|pee|wee)|bloody (stool|poo|poop|urine|pee|diarrh\w*)|"
          r"ha?ematuria|ha?ematochezia|"
          r"(pee|peeing|urine|wee) (is |looks |has gone |went |turned )?(bright |dark )?(red|bloody|pink)|"
          r"(stools?|poo|poop) (is |are |looks? )?(red|bloody)|"
          r"(pee|poo|poop|wee)(ing|ed|s)? (out )?(some |a lot of |lots of )?blood|blood when (i|he|she|they) (pee|poo|poop|wipe)|"
          r"passing blood|black (stools?|poo|poop)|(stoma|colostomy|ileostomy|catheter) (\w+ )?bag\b[^.?!]{0,30}\bblood)",
          needs=r"\b(woozy|faint\w*|dizz\w*|light[- ]?headed|pass(ed|ing)? out|black(ed)? out|collaps\w*|weak|pale|clammy|"
                r"a lot|lots|heavy|won'?t stop)"),
    _flag("fainting", "fainted or feel you may faint", "UKONS: collapse / syncope",
          r"\b(faint(ed|ing)?|passed out|pass(es|ing)? out|out cold|(just )?crumpled|"
          r"(she|he|i|mama|momma|mom|mum|dad|daddy|papa) fell out\b(?! of)|done fell out\b|black(ed|s)? out|blacking out|collaps\w*|unconscious|"
          r"keel\w* over|pre-?syncop\w*|syncop\w*|"
          # not a cancer "BCG-unresponsive" or "unresponsive to hormone therapy"
          r"(?<!bcg[- ])(?<!chemo[- ])(?<!hormone[- ])(?<!platinum[- ])(?<!treatment[- ])unresponsive"
          r"(?! to (\w+ ){0,2}(bcg|treatments?|therapy|chemo\w*|hormones?|drugs?|medications?|immunotherapy|platinum))|"
          r"(won'?t|can'?t|couldn'?t|isn'?t) (wake|waking|be woken|rouse)|not (waking|responding)|"
          r"\b(he|she|they|i) (did )?not (wake|respond)\b( up)?(?! (until|till|til)\b)|"  # "she not wake up for a minute"
          r"(hasn'?t|has not|won'?t|isn'?t|not|can'?t) (open\w*) (his|her|their|my) eyes|(dizzy|light[- ]?headed|woozy)\b"
          r".{0,25}\b(can'?t|cannot|couldn'?t|unable to) (stand|get up|walk|sit up)|(can'?t|cannot|couldn'?t|unable to) "
          r"(stand|get up|walk|sit up)\b.{0,25}\b(dizzy|light[- ]?headed|woozy)|"
          r"went down(?=\s*(?:$|[.,!;]|and\b|hard\b|on\b|in\b))|hit the floor|dropped to the floor|"
          r"(fell|fallen|had a fall)\b.{0,30}\b(won'?t|can'?t|cannot|couldn'?t|unable to) get (back )?up|"
          r"(dizzy|light[- ]?headed|woozy)\b.{0,25}\b(keeps?|kept) (falling|fall)|"
          r"hypotensi\w*|(blood pressure|bp) (is |has |went |keeps )?(dropp\w*|crash\w*|tank\w*|plummet\w*|really low|"
          r"very low)|(blood pressure|bp) (of |is |was )?[4-8]\d/\d{2,3}\b)",
          # shock at news, in words: "I collapsed in tears when they told me", "I nearly fainted when I saw the bill"
          exclude=r"\bcollaps\w* (in|into) (tears|a heap|laughter|giggles)|\b(nearly|almost) (fainted|passed out|"
                  r"collapsed) when (i|we|he|she|they) (saw|heard|read|got|opened|found out|was told|were told)\b"),
    _flag("high_blood_pressure", "a blood pressure of 180/120 or more with a headache, chest pain, breathlessness, "
          "changes in your sight, weakness or confusion",
          "American Heart Association: hypertensive crisis (180/120 or higher with signs of organ damage: call 911); "
          "NCI: high blood pressure from drugs such as bevacizumab and lenvatinib",
          r"\b((blood pressure|bp|b/p)\D{0,15}((1[89]\d|2[0-4]\d)/\d{2,3}|\d{2,3}/(1[2-9]\d))\b|(blood pressure|bp) (is |has "
          r"been |was |keeps )?(going |gone |shot )?(up )?(through the roof|sky[- ]high|really high|very high|"
          r"dangerously high|crazy high|so high)|hypertensive (crisis|emergency|urgency))",
          needs=r"\b(head\w*|migraine|chest|breath\w*|short of|vision|sight|see\w*|blurr\w*|confus\w*|numb\w*|weak\w*|"
                r"speak\w*|talk\w*|slurr\w*|fit|seizure)"),  # alone, a note: the reading is for the care team today
    _flag("confusion", "new confusion or unusual drowsiness", "UKONS: neurological changes / altered consciousness",
          r"\b(confus\w*|disorient\w*|delirious|delirium|not (been )?making (any |much )?sense|talking (nonsense|gibberish|"
          r"rubbish)|calling (me|us|him|her) by (the wrong name|(my|his|her|our) \w+'?s name)|"
          r"(doesn'?t|didn'?t|does not|did not|don'?t|hasn'?t|has not|can'?t|cannot|isn'?t|is not) "
          r"(know|recogni[sz]e|recogni[sz]ed|recogni[sz]ing) (where|who|what|me|us|her|him)(?! to\b)|"
          r"(can'?t|cannot) (stay|keep) (awake|(his|her|my) eyes open)|"
          # "keeps asking what year it is and thinks I'm her brother"
          r"(asking|asks|doesn'?t know|does not know|didn'?t know) what (day|year|month) it is|thinks (i'?m|i am|i was) "
          r"(his|her) (\w+)|(nodding|drifting) off|"
          r"(fall\w*|fell|drop\w*|nod\w*) (asleep|off) (mid[- ]?(sentence|conversation|meal)|in the middle of (a |the "
          r"|his |her )?(sentence|conversation|meal|talking|eating)|while (talking|eating|speaking))|"
          r"(so|very|really|extremely|unusually|v) (sleepy|drowsy|out of it)|out of it|"
          # "wont hardly answer me, cant get her to make no sense", a nurse's "pt v drowsy and muddled"
          r"(won'?t|wont) (hardly )?answer (me|us)|(get|got|getting) (her|him|them) to make (no|any) sense|"
          r"(drowsy|sleepy) and muddled|muddled and (drowsy|sleepy)|"
          # "my husband seems a bit vacant and not answering properly"
          r"(seems?|is|looks?|gone|went|going) (\w+ )?(a bit |really |very |quite |so )?(vacant|glazed|spaced out)\b|"
          r"not (answering|responding)( to (me|us|questions|anything))? (properly|normally|right)\b|"
          r"(not|isn'?t|isnt|is not|wasn'?t|stopped) (answering|responding)( to)? (questions|anything|me|us)\b|"
          r"(seems?|is|'s|was|gone|getting|looks?|sounds?) (\w+ )?(a bit |really |very |quite |so )?(muddled|befuddled)\b"
          r"(?! (about|by|over|as to|with))|muddled (about )?where (i|he|she|they) (am|is|are)|"
          r"keeps? repeating (himself|herself|myself|themselves)|floppy\b(?! (down |on )one side)|(really|very|so|extremely|unusually) (lethargic|listless)|"
          r"not (himself|herself|themselves|"
          r"with it)|acting (really |very |so )?(strange|weird|odd)|(talking to|seeing|hearing) (people|someone|"
          r"things|voices) (who|that) (aren'?t|arent|isn'?t|are not|is not) (there|real)|(acting|seems?|looks?|sounds?|talking|walking) (like he'?s |like she'?s )?"
          r"(drunk|intoxicated)|hallucinat\w*|seeing things|(hard|hard to|can'?t) (wake|rouse)|"
          r"gcs (is |has )?(dropp\w*|fall\w*|fell|down|decreas\w*|declin\w*|low|(of |now )?([3-9]|1[0-3])\b))",
          # Being confused by information, or not knowing something, is not the symptom: "I'm confused about
          # which lymphoma", "she confused it with hydroxyurea", "I don't know what the A means".
          exclude=r"\bi\b(\W+\w+){0,6}?\W+(got|get|getting|feel|felt|am|was) (\w+ )?(more |even more )?confused\b(?! and)|"
                  r"\b(i|i'?m|im|i'?ve|ive|we|we'?re|i was|i get|i got|i feel|i am)\b(\W+\w+){0,3}?\W+("
                  r"confus(?!ed (about )?where (i|we) (am|are))\w*|"  # "im kinda confused where i am" is lost
                  r"don'?t know|do not know|didn'?t know)(?! and)|\b(get|gets|getting|got) confused\b(?! and)|"
                  r"confus\w* (it|them|him|her|me|this(?! (morning|afternoon|evening|arvo|avo))|that|these|those|"
                  r"about(?! (what|which) (day|year|month|time)| where (he|she|i|they) (is|am|are))|"
                  r"by|as to|whether|over|because|why|what|which|so|with)\b|confusing|"  # not "confused this arvo"
                  # confused about medicines: "lowkey confused, is opdivo the same as keytruda or nah"
                  r"confused\W+((is|are) \w+( \w+)? (the same|different|like|better|worse|approved|for|used)|"
                  r"(what|which|how) (is|are|does|do)\b)|"
                  # a clinic that does not reply: "my oncologist won't answer me about the scan"
                  r"\b(doctor|dr|clinic|office|nurse|team|oncologist|hospital|gp|surgery|nobody|no one|insurance|"
                  r"insurer)\b[^.?!]{0,20}\b(won'?t|wont|will not) (\w+ )?answer\b|"
                  # a nap: "he keeps nodding off in his chair in the afternoons"
                  r"\b(nodding|drifting) off (in|on) (his|her|my|the|their) (chair|armchair|sofa|couch|recliner)\b|"
                  r"\b(nodding|drifting) off\b[^.?!]{0,40}\bin the (afternoons|evenings)\b"),
    _flag("seizure", "a seizure", "UKONS: seizures",
          r"\b(seizur\w*|seiz(e|ed|es|ing)\b|convuls\w*|(had|having|has) (a )?fits?|fitting|epileptic|tonic[- ]clonic|post-?ictal|"
          r"jerking (and|uncontroll\w*)|(twitching|jerking) all over|(started|starts|is|was|keeps|been) jerking\b|"
          r"jerking (on one side|(his|her|my) (arm|leg|body|whole body))|"
          r"shaking and (not|un)respon\w*)",
          exclude=r"\b(anti-?)?seizure (meds|medications?|medicines?|drugs?|tablets|pills|disorder|history)\b|"
                  r"\bseizure[- ]free\b"),
          # the medicine or a history, not a seizure ("seizure risk" is one asked about: a note)
    _flag("vomiting_diarrhoea", "severe vomiting or diarrhoea, or cannot keep fluids down",
          "UKONS: nausea, vomiting (6+ episodes / 24 h) and diarrhoea (7+ / 24 h); NCI: diarrhea or vomiting that "
          "lasts",
          r"\b(vomit\w*|throw\w* up|threw up|puk\w*|being sick|been sick|sick (all|every)|spew\w*|barf\w*|retch\w*|"
          r"diarrh?o?ea|diarrhea|diarrhoea|the runs|loose (stools?|bowels?|poo|poop|motions?)|watery (stools?|poo|poop)|"
          r"(runny|liquid) (poo|poop|stools?)|watery runs|on the (toilet|loo|dunny|bog)|(can'?t|cannot|unable to|couldn'?t) keep (\w+ ){0,4}down)",
          needs=rf"{_SEVERE}|(haven'?t|hasn'?t|have not|has not|not) (had|done|passed) (a |any )?(bowel movement|poo|"
                r"poop|bm|stool)|\b([7-9]|[1-9]\d)( \w+)? (stools|bowel movements|bms|poos|episodes)\b|"
                # dizzy or faint with it: drying out ("watery runs all arvo and i go dizzy when i stand")
                r"\b(dizz\w*|light[- ]?headed|faint\w*|woozy)( \w+){0,3} (when|whenever|if|as soon as) (i|he|she|they) "
                r"(stand|get up|sit up)|\b(nearly|almost) (fainted|passed out|blacked out)\b|"
                r"(diarrh\w*|runs|stools?|poo|poop) (\w+ )?(with|and) (\w+ )?blood|bloody|"
                # a nurse's shorthand: nothing by mouth for hours, vomiting "++"
                r"\bnil (po|by mouth)\b|\bnot tolerating (po|oral|fluids|anything)\b|vomiting \+\+"),  # UKONS: 7+ a day
    _flag("abdominal_pain", "severe pain in your stomach or belly, or a swollen belly with no poo or wind",
          "UKONS: abdominal pain; UKONS: constipation with a distended abdomen (bowel obstruction); NCI: pain that is "
          "severe",
          rf"\b(({_BAD}) (\w+ ){{0,2}}(pain|cramps?|cramping|ache)( \w+){{0,2}} (in|to|across) (my|his|her|the) (stomach|belly|"
          rf"abdomen|tummy|gut)|(stomach|belly|abdomen|abdominal|tummy|gut) (pain|cramps?|ache)\w* (is |are |has been |"
          rf"got )?(\w+ )?({_BAD})|(stomach|belly|tummy|gut) (is )?(killing|in agony)|(stomach|belly|abdomen|tummy)\b"
          rf"[^.?!]{{0,40}}\b(in agony|agoni[sz]ing|excruciating|unbearable)|({_BAD}) (stomach|belly|abdominal|"
          rf"tummy|gut) (pain|cramps?|ache)|(stomach|belly|tummy|abdominal|gut) (\w+ ){{0,3}}(pain|ache|cramps?|hurts?|hurting)\b[^.?!]{{0,40}}"
          rf"\b(doubled (over|up)|bent (over|double)|curled up|(can'?t|cannot) (stand|sit) up straight)|"
          # a pain score near the top: "tummy pain 10/10 since lunch"
          rf"(stomach|belly|abdomen|abdominal|abdo|abd|tummy|gut) (pain|ache|cramps?)\w* (is |was |at |of |about |a |"
          rf"like )*([89]|10) ?(/ ?10|out of (10|ten))|([89]|10) ?/ ?10 (stomach|belly|abdominal|abdo|abd|tummy) pain|"
          # a rigid belly (peritonitis; a perforation on bevacizumab)
          rf"(stomach|belly|abdomen|tummy) (is |feels |has gone )?(rigid|board[- ]like)|rigid (abdomen|belly)|"
          # a belly swollen hard with nothing passing: "my belly is massive and hard and i can't poo"
          rf"(stomach|belly|abdomen|tummy) (is |feels |has gone |looks )?(really |very |so )?(massive|huge|swollen|"
          rf"distended|hard|rock hard|bloated and hard)\b[^.?!]{{0,40}}\b(can'?t|cannot|unable to|(have|has)(n'?t| not) "
          rf"been able to|not been able to|haven'?t|hasn'?t) (poo|poop|go|pass(ed)? (wind|gas|stool)|fart|open (my|his|"
          rf"her) bowels)|"
          # the same told the other way round, or with bile vomited: "he hasn't pooped in 5 days and now his tummy is
          # swollen and he's throwing up green stuff"
          rf"(hasn'?t|haven'?t|has not|have not|not) (pooped|pood|had a (poo|poop|bowel movement)|been for a poo|"
          rf"opened (my|his|her) bowels)\b[^.?!]{{0,60}}\b((stomach|belly|abdomen|tummy) (is |has gone |looks )?(really |"
          rf"very |so )?(massive|huge|swollen|distended|hard|bloated)|(throw\w* up|threw up|vomit\w*|being sick|puk\w*|"
          rf"bringing up) (\w+ ){{0,2}}(green|bile)\b))"),
    _flag("mouth_sores", "mouth sores so bad that you cannot eat or drink",
          "UKONS: oral mucositis (unable to eat or drink); NCI: mouth sores that make it hard to eat or drink",
          r"\b((mouth|throat|tongue) (sores?|ulcers?)|(mouth|throat|tongue) (is |are )?(full of|covered in) (sores|ulcers|"
          r"blisters)|(sores?|ulcers?|blisters?) (all )?(in|on|around) (my|his|her|the) "
          r"(mouth|throat|tongue|gums?)|mucositis|stomatitis|(mouth|throat) (is |feels )?(so |really |very )?(raw|"
          r"shredded|on fire|sore|painful|burning))",
          needs=r"\b((can'?t|cannot|unable to|not able to|couldn'?t|hasn'?t been able to|haven'?t been able to|"
                r"struggl\w* to|too (sore|painful) "
                r"to) (even |really |barely )?(eat|drink|swallow|keep|get)|(not|n'?t) (drinking|eating or drinking|"
                r"eating anything|eating at all)|"
                r"no (fluids|food|water)|dehydrat\w*|(agony|agonising|agonizing|excruciating|unbearable) to (eat|drink|"
                r"swallow))"),
    _flag("jaundice", "yellow skin or eyes with a fever or on immunotherapy", "UKONS: jaundice; NCI: hepatitis from "
          "immunotherapy",
          r"\b(jaundic\w*|(skin|eyes?|whites of (my|his|her) eyes) (is |are |look\w* |gone |go |goes |going |turn\w* |"
          r"have gone )?((a bit|a little|slightly|quite|really|very|kind of|kinda|a bit of a) )?(yellow|yellowish|orange)|"
          r"(yellow|yellowish),? (skin|eyes?)|(skin|eyes?) and (skin|eyes?) (are |look\w* |"
          r"have gone |went )?(yellow|yellowish)|yellowing|(yellow|yellowish) (in|around) (the|his|her|my) (eyes|whites)|"
          r"yellow (tinge|colou?r|tint) (to|in) (the|his|her|my) (eyes|skin|whites)|"
          rf"\b({_SUBJECT_PRONOUN}|(my|his|her) ({_RELATIVE}|face))( is| am| are)? "
          r"(turn|turning|turned|getting|going|gone|went|looks?|looking) ((really|very|so|quite|a bit|kind of|kinda) )?"
          r"(yellow|yellowish)\b|"
          # urine darkened by the liver (NCI: hepatitis from immunotherapy): "my wee is the colour of coca cola"
          r"(urine|pee|wee) (is |looks |has gone |went |turned )?(the colou?r of )?(coca[- ]?cola|coke|cola|strong tea|"
          r"dark brown|brown)\b|(dark|dark brown|brown) (urine|pee|wee))",
          # with a fever; or on a checkpoint inhibitor, whose hepatitis shows first as yellow eyes or dark urine
          # (NCI: "call your doctor right away"): "yellow eyes and dark pee since starting keytruda"
          needs=r"\b(fever\w*|temp\w*|hot|burning up|shiver\w*|chills|rigou?rs|3[89]|10[0-4])|\b(immunotherap\w*|"
                r"keytruda|pembro\w*|opdivo\w*|nivo\w*|yervoy|ipi\b|ipilimumab|tecentriq|atezolizumab|imfinzi|"
                r"durvalumab|libtayo|cemiplimab\w*|jemperli|dostarlimab\w*|bavencio|avelumab|opdualag|tremelimumab|"
                r"imjudo|zynyz|retifanlimab\w*|loqtorzi|toripalimab\w*|tevimbra|tislelizumab\w*|unloxcyt|"
                r"cosibelimab\w*|checkpoint inhibitor\w*)\b"),
    _flag("swelling", "swelling of your lips, tongue or throat",
          "UKONS: hypersensitivity / anaphylaxis; NCI: swelling of the mouth or throat",
          r"\b((lips?|tongue|throat|face|mouth|eyelids?) .{0,30}(swell\w*|swollen|puff\w*|huge|closing|tight\w*|"
          r"thick|big|bigger|fat|blown up|ballooned)|throat (feels |is )?((a bit|kind of|sort of|a little|really|very) )?"
          r"(closed|closing|tight|tightening)( up)?|(swell\w*|swollen|puffy) ((of|in) )?(the |my |his |her )?(lips?|tongue|throat|face|mouth)|throat (is |feels )?(closing|tight)|"
          r"anaphyla\w*|allergic reaction|hives.{0,40}(breath|throat|swell|lips?|tongue)|"
          # hives all over during or after an infusion: "i've come out in hives all over after rituximab"
          r"(hives|welts|nettle rash|urticaria)\b[^.?!]{0,25}\b(all over|everywhere|(my|his|her) whole body)\b[^.?!]{0,30}"
          r"\b(after|during|since|with) (the |my |his |her )?(infusion|drip|dose|treatment|chemo\w*|immunotherap\w*|"
          r"\w+mab)\b|"
          r"\b(after|during|since|from) (the |my |his |her )?(infusion|drip|dose|treatment|chemo\w*|immunotherap\w*|"
          r"\w+mab)\b[^.?!]{0,60}\b(hives|welts|nettle rash|urticaria)\b[^.?!]{0,20}\b(all over|everywhere)|"
          r"(hives|welts|urticaria)\b[^.?!]{0,60}\b(voice|hoarse|croaky)|(voice|hoarse|croaky)\b[^.?!]{0,60}\b(hives|"
          r"welts|urticaria)\b|"
          # an infusion reaction as it starts: "my lips are tingling after the infusion", "i think i'm having a
          # reaction to the drip" (not the cold-triggered tingling oxaliplatin is known for, which names no infusion)
          r"(lips?|tongue|mouth) (are |is |feels? |went |gone |has gone )?(all )?(tingl\w*|numb|itch\w*)\b[^.?!]{0,40}"
          r"\b(after|during|since|with|from) (the |my |his |her |this )?(infusion|drip|dose|treatment|chemo\w*|"
          r"immunotherap\w*|\w+mab)\b|"
          r"(having|had|got|getting|gone into|going into) (an? )?(bad |allergic |infusion )?reaction\b[^.?!]{0,80}"
          r"\b(infusion|drip|\w+mab)\b|"
          r"(can'?t|cannot|unable to) swallow (my |his |her )?(own )?(spit|saliva))",
          needs=r"^(?![\s\S]*\b(steroids?|prednis\w*|dexa\w*|dex|decadron|moon face)\b)|\b(lips?|tongue|throat|mouth|"
                r"breath\w*|swallow\w*|hives|allerg\w*|anaphyla\w*|sudden\w*)\b"),
    # a face gone round and puffy on steroids ("moon face") is their known effect, not an allergic reaction: a note
    _flag("skin", "skin that is blistering or peeling, or a spreading rash with sores in the mouth or eyes",
          "NHS: Stevens-Johnson syndrome (blistering or peeling skin: A&E or 999); UKONS: skin rash",
          r"\b((skin|rash) ([\w']+ ){0,6}(peel\w*|blister\w*|slough\w*|(coming|falling|flaking) off)|(peel\w*|blister\w*) "
          r"(skin|rash)|blisters (all over|everywhere|on (my|his|her) (body|chest|back|face|mouth|lips))|skin (is )?"
          r"(coming|falling) off|rash .{0,40}((mouth|lips|eyes?) .{0,20}(sores?|blister\w*|ulcers?|raw)|(sores?|"
          r"blisters|ulcers) (in|on|around) (my|his|her|the) (mouth|lips|eyes)))",
          needs=r"\b(all over|everywhere|whole body|(my|his|her|the) (body|chest|back|trunk|face)|in sheets|rash|"
                r"mouth|lips|eyes|fever\w*|spread\w*|off|blister\w* and peel\w*|peel\w* and blister\w*)",
          # hand-foot syndrome (capecitabine) and a radiotherapy burn peel in one place: not this emergency
          exclude=r"^(?!.*\b(all over|everywhere|body|in sheets|like (a )?burns?)\b).*\b(hands?|feet|foot|palms?|soles?|"
                  r"fingers?|toes?|heels?|"
                  r"radiation|radiotherapy|treated area|sunburn)\b"),
    _flag("spinal_cord", "new back pain with weak legs or loss of bladder or bowel control",
          "UKONS: suspected metastatic spinal cord compression",
          rf"\b((back|spine|neck) (pain|hurts|ache\w*|is killing|killing)|(back|spine)('s| has| is)( been)? (aching|"
          r"hurting|killing|sore|painful)|"
          # numb where one sits (cauda equina): "I'm numb around my bottom"
          r"numb\w* (around|in|between) (my|his|her) (bottom|bum|backside|groin|privates|legs at the top)|saddle "
          r"(numbness|an(a)?esthesia)|(pain|ache) in (my|his|her) (back|spine)|"
          r"(my|his|her) back\b|(spinal )?cord compression|\bmscc\b|(lost|losing|loss of|no) control (of|over) "
          r"(my |his |her )?(bladder|bowels?)|(can'?t|cannot|couldn'?t) control (my |his |her )?(bladder|bowels?)|"
          rf"(wet|soiled) (my|him|her)self|{_LEGS_GONE}|"
          # known spinal metastases, where new leg weakness or retention is the warning without back pain
          r"spinal (mets|metastas\w*|secondar\w*)|(mets|metastas\w*|secondar\w*) (in|to|on) (my |his |her |the )?"
          r"(spine|vertebra\w*)|(spread|gone) (in)?to (my |his |her |the )?(spine|vertebra\w*)|"
          r"cancer in (my|his|her|the) (spine|vertebra\w*))",
          needs=r"\b(legs? (have |has )?(are |is |feel\w* |gone |went |gave |give |giving |turned )?(weak|numb|heavy|"
                r"jelly|wobbly|dead|way|out)|"
                r"weak\w* (in )?(my|his|her|both) legs?|numb\w*|(can'?t|cannot|couldn'?t) (walk|stand|move)|wet (my|him|"
                r"her)self|"
                rf"lost control|loss of (bladder|bowel)|incontinen\w*|pins and needles|{_LEGS_GONE}|"
                r"(leg|lower limb) weakness|urinary retention|retention of urine|(can'?t|cannot|unable to) (pee|wee|"
                r"urinate|pass urine))"),
    _flag("urine", "not been able to pass urine", "UKONS: urinary retention / reduced output",
          r"\b((can'?t|cannot|couldn'?t|unable to|not able to|haven'?t|hasn'?t|have not|has not|not) (been able to )?"
          r"(pee|peed|wee|weed|urinat\w*|pass(ed|ing)? (any |much |the )?(urine|water)|go (for a )?(wee|pee)|(had|done|been for) a "
          r"(wee|pee)( \w+){0,2} (since|all day|today|(for|in) (\d+|a|one|two|several|over|about) (hours?|hrs?|days?))|"
          r"(?-i:PU|PU'd))|"
          r"no (urine|pee|wee)|(acute )?urinary retention|retention of urine|"
          r"(ain'?t|aint|haven'?t|hasn'?t|has not|have not|not|didn'?t|don'?t|doesn'?t) (made|make|passed|pass) (any |no )?"
          r"water\b|"
          # a baby's or toddler's: "hasnt had a wet nappy since yesterday morning", "her diapers are dry"
          r"(hasn'?t|has not|haven'?t|have not|not) had (a |any )?wet (nappy|nappies|diaper|diapers)|no wet (nappy|nappies|"
          r"diaper|diapers)|(nappy|nappies|diaper|diapers) (have been |has been |are |is |was |were )?(all )?(bone )?dry|"
          r"(not|isn'?t|is not|hasn'?t been|has not been|haven'?t been|have not been) (making|passing|producing|doing) "
          r"any (urine|pee|wee|water)|"
          r"(hardly|barely) (peed|peeing|any urine)|(not|isn'?t|aren'?t|wasn'?t) (peeing|weeing|urinating)|"
          r"(don'?t|doesn'?t|didn'?t|did not|does not) (make |do |go )?"
          r"(pee|wee)( \w+){0,2} (since|all day|for (\d+|a|one|two|several) (hours?|hrs?|days?))|kidneys? (are |is )?"
          r"(shut\w* down|fail\w*|stop\w* working|packing up)|(kidney|renal) failure|shut\w* down (your|my|his|her|the) "
          r"kidneys)",
          # kidney failure someone lives with: "I have kidney failure, can I take Ibrance?"
          exclude=r"\b(i|he|she|they|we|my \w+|his \w+|her \w+)( \w+)? (have|has|had|got|gets|living with) (\w+ )?"
                  r"(chronic |end[- ]stage |long[- ]term |stage [1-5] )?(kidney|renal) failure\b"
                  r"(?![^.?!]*\b(since|after|from|not|no|isn'?t|hasn'?t|suddenly|now)\b)|"
                  # asked of anyone with it: "is keytruda ok for someone with kidney failure"
                  r"\b((someone|somebody|people|patients?|a person|anyone|those) (with|who (has|have|had))|if (you|i|he|"
                  r"she|they) (have|has|had|'ve got|got)) (\w+ )?(chronic |end[- ]stage |long[- ]term |stage [1-5] )?"
                  r"(kidney|renal) failure\b"),
    _flag("stroke", "signs of a stroke (face drooping, arm weakness, slurred speech)", "NHS/NICE: FAST stroke signs",
          r"\b(strokes?|(face|smile|mouth) (is |has )?(gone )?((sort of|kind of|kinda|a bit|slightly) )?(droop\w*|dropp\w*|lopsided|sagging|crooked)|"
          r"droop\w* (face|mouth|on one side)|slurr\w*|(weak\w*|numb\w*|(can'?t|not able to|unable to) (move|lift)) "
          r".{0,25}(one side|left "
          r"side|right side|(left|right) (arm|leg|hand))|(one side|left side|right side) of (my|his|her) (face|body)|"
          r"(arm|hand|leg) .{0,15}(feels? dead|gone dead|won'?t (grip|work|move))|"
          r"\b((arm|leg) and (his |her |my )?face|face and (his |her |my )?(arm|leg)|arm|leg) (has |have )?(suddenly |just )?"
          r"(went|gone|going) (numb|weak|dead|floppy)\b(?![^.?!]*\b((slept|sleeping|"
          r"lying|lay) on|sitting|sat|cross[- ]legged|kneeling))|"  # "my arm went numb and I can't lift it", not after
          # sleeping on it or sitting on it
          r"(can'?t|cannot) (see out of one|speak|talk|get (my|his|her) words out)|words .{0,20}(jumbled|wrong|mixed up)|"
          r"(can'?t|cannot|struggling to|unable to) find (my|his|her|the) words|"
          r"speech (is |has gone |'?s gone |gone |went |sounds? )?(all |really |a bit |sort of |kind of )?(slurred|funny|"
          r"strange|weird|garbled|jumbled)|"
          r"seeing double|double vision|(sudden\w*|lost) .{0,15}(sight|vision)|(gone|went) blind|"
          # "cant see properly out of one side ... one side of my mouth is numb", "gone all floppy on one side and her
          # face looks droopy"
          r"(can'?t|cannot) see (properly |right )?out of one|one side of (my|his|her) (face|mouth|body) (is |has gone |"
          r"went |feels )?(all )?(numb|weak|droopy|dead|floppy)|(floppy|weak|numb|dead) (down |on )one side|"
          r"(half|one side)( of)? (my|his|her) face (won'?t|wont|doesn'?t|does not|can'?t|cannot) move|"
          r"(face|smile|mouth) (looks|seems|went|is going) (\w+ )?(droop\w*|lopsided|crooked)|"
          # "his mouth is deviated to one side", "right leg went a bit funny and numb", "keeps dropping things with her
          # right hand"
          r"(face|mouth) (is |has )?(deviated|pulled|twisted)|(left|right) (arm|leg|hand) (went|has gone|gone|is going) "
          r"(a bit |all )?(funny|numb|weak|dead)|keeps? dropping (things|stuff|everything) (with|from) (his|her|my) "
          r"(left|right) hand|"
          # "her face has gone funny one side has dropped", "still cant feel my left hand or leg properly"
          r"(face|mouth|smile) (has |'s )?(gone|went) (all )?(funny|strange|weird|wonky)|one side (of (his|her|my) "
          r"(face|mouth) )?(has )?(dropped|drooped|fallen|slipped)|(can'?t|cannot) feel (my|his|her) (left|right) "
          r"(hand|arm|leg|foot|side))",
          # a figure of speech: "her driving gave me such a fright I nearly had a stroke myself"
          exclude=r"\b(nearly|almost|practically) (had|have|having) a stroke\b|\b(gave|give|giving) (me|him|her|us|them) "
                  r"a stroke\b"),
    _flag("headache", "a sudden or severe headache with a stiff neck, light hurting your eyes, vomiting or confusion",
          "UKONS: neurological changes; NHS: severe headache with a stiff neck or dislike of bright light (meningitis), "
          "sudden severe headache (brain bleed)",
          r"\b(worst headache|thunderclap|(sudden|severe|terrible|awful|excruciating|splitting|blinding|crushing|"
          r"unbearable|horrendous|horrible|really bad|very bad|so bad|pounding|banging|raging|stinking|thumping|massive|"
          r"the worst) (\w+ ){0,2}headache|"
          r"headache .{0,30}(worst|sudden|severe|terrible|unbearable|excruciating|like (being|getting) (hit|kicked))|"
          r"(head|skull) (is )?(killing|exploding|splitting)|"
          # a headache beside a stiff neck, however it is told (NHS: meningitis): "a bad headache and my neck is stiff"
          r"headaches?\b[^.?!]{0,40}\b(stiff (neck|necked)|neck (is |feels |has gone )?(really |very |so )?stiff)|"
          r"(stiff neck|neck (is |feels )?(really |very |so )?stiff)\b[^.?!]{0,40}\bheadaches?)",
          needs=r"\b(stiff (neck|necked)|neck (is |feels )?stiff|(can'?t|cannot) (bend|move|touch) (my|his|her) (neck|"
                r"chin)|light (hurts|is hurting|is too bright|bothers)|(hurts?|sensitiv\w*|bothered) .{0,20}(light|bright)|"
                r"photophob\w*|vomit\w*|throw\w* up|threw up|being sick|confus\w*|drows\w*|(can'?t|cannot) see|"
                r"blurr\w*|double vision|flash\w* lights?|seeing (spots|stars)|zig-?zag\w*|sudden\w*|worst|thunderclap|"
                r"out of nowhere|fever\w*|temp\w*|rash)"),
    _flag("line_damage", "a central line or PICC that has come out, split or lost its cap",
          "UKONS: central venous access device problems (dislodged or damaged line: bleeding, air in the vein)",
          rf"\b(({_LINE_SITE}|(my|his|her|the) line)\b(?! of).{{0,20}}\b(came|come|coming|fell|pulled|slipped) out|"
          rf"(cap|clamp|bung|end)\b.{{0,15}}\b(came|come|fell) off\b.{{0,25}}\b({_LINE_SITE}|line)|"
          rf"({_LINE_SITE}|(my|his|her|the) line)\b(?! of).{{0,20}}\b(split|cracked|broken|snapped|cut))",
          exclude=r"\b(ng|nasogastric|feeding|catheter bag|urinary catheter|drain)\b"),
    _flag("line_infection", "a red, swollen, painful, blistering or leaking port, line or drip site",
          "UKONS: central venous access device problems (exit-site infection; red with a fever); NCI: redness, "
          "swelling, pain or pus where a catheter goes in; pain, burning or swelling where an IV drug goes in "
          "(a leak of the drug under the skin)",
          rf"\b(({_LINE_SITE})\b.{{0,40}}\b(red|redd\w*|swollen|swell\w*|pus|ooz\w*|leak\w*|weep\w*|inflam\w*|infect\w*|"
          rf"hot|tender|sore|painful|throbb\w*|angry|blister\w*|burn\w*)|(red|swollen|oozing|leaking|weeping|inflamed|"
          rf"infected|angry|sore|painful|blistering|burning|pain|swelling)\b.{{0,25}}\b({_LINE_SITE})|"
          # the drug leaking under the skin: "the drip went into my arm and it's burning"
          r"(drip|infusion|chemo|iv|cannula)( \w+){0,2} (went|has gone|leaked|leaking|tissued)( \w+)? (into|in|under) "
          r"(my|his|her|the) (arm|hand|skin|tissue)|\btissued\b|"
          r"(chemo|drug|infusion|drip)( \w+){0,2} (leaked|leaking|leaks|came|coming) out\b)",
          urgent=False),  # UKONS grades an exit-site infection amber; with a fever the fever flag makes it red
    _flag("blood_clot", "signs of a blood clot (a painful swollen leg, or sudden breathlessness or chest pain)",
          "UKONS: thrombosis / suspected pulmonary embolism",
          rf"\b(blood clots?|clots? in (my|his|her|the) (lungs?|legs?|calf)|pulmonary embol\w*|\bpe\b|deep vein "
          rf"thrombosis|\bdvt\b|{_swollen_limb('calf|leg|arm')})",
          urgent=False),  # UKONS grades a suspected clot amber; its dangerous forms are breathing and chest pain, and
    # a leg on treatment (`leg_clot`)
    _flag("leg_clot", "a leg that is suddenly swollen, painful, red or warm (a possible blood clot)",
          "NCI: call right away for pain, swelling or warmth in a leg (a possible blood clot), more likely during cancer "
          "treatment; NHS: an urgent same-day assessment",
          rf"\b({_swollen_limb('calf|leg')})", needs_treatment=True,
          # or with a clot before or breathlessness now: "had a clot in his lung 2 years ago" | "now his other leg is
          # swollen and tight since yesterday and he's a bit winded"
          needs=rf"\b{_TREATMENT}\b|\b(clots?|dvt|embol\w*|thrombos\w*|breath\w*|winded|short of breath)\b"),
    _flag("line_clot", "an arm with a PICC or central line that has swollen up (a possible blood clot)",
          "NCI: call right away for swelling in the arm or neck on the side of a catheter; UKONS: central venous "
          "access devices (suspected line-related thrombosis)",
          r"\b(picc|hickman|central line|port)\b[^.?!]{0,25}\barm\b[^.?!]{0,40}\b(swollen|swelled|swelling|puffy|puffed|"
          r"blown up|twice the size|bigger)\b|\barm\b[^.?!]{0,40}\b(swollen|swelled|puffy|puffed|blown up)\b[^.?!]{0,40}"
          r"\b(picc|hickman|central line)\b|"
          # the arm named first: "the arm with my PICC line is swollen", "my arm on the side where the port is at done
          # swelled up big", "swollen painful L arm same side as PICC"
          r"\barm\b[^.?!]{0,25}\b(with|where|side)\b[^.?!]{0,20}\b(picc|hickman|central line|port)\b"
          r"[^.?!]{0,30}\b(swollen|swelled|swelling|puffy|puffed|blown up|twice the size|bigger)\b|"
          r"\b(swollen|swelled|puffy)\b[^.?!]{0,20}\barm (on the )?(same side|side)( as| of)? (the |my |his |her )?"
          r"(picc|hickman|central line|port)\b"),
    _flag("low_counts", "a low blood count with a fever, shivering, bleeding or bruising",
          "UKONS: neutropenia and thrombocytopenia (with a fever or bleeding, red); NCI: infection and bleeding risk "
          "with low blood counts",
          rf"\b(({_COUNT})( counts?)? (is |are |was |were |has |have |came back |went |keeps? |just )?(really |very |so |"
          rf"super |quite |dangerously |extremely |still )?(low|tanked|crashed|bottomed out|dropp\w*|falling|down)\b|"
          rf"(low|dropping|falling) ({_COUNT})|{_LOW_READING})",
          urgent=False),  # a count alone is no emergency; with a fever or bleeding, those flags make it one
    _flag("self_harm", "thoughts of harming yourself",
          "UKONS: psychological distress with risk; Samaritans / 988 Lifeline guidance",
          r"\b((kill|killing|kil|kiling|hurt|hurting|harm|harming|cut|cutting) (my ?self|myself|meself|himself|herself|"
          r"themselves)|\bkms\b|unalive|"
          r"self[- ]?harm\w*|suicid\w*|end(ing)? (my|it all|my own) life|end(ing)? it all|"
          r"end(ing)? (things|everything)\b(?! (with|between))|(want|wanna|wish)( to| i could)? (just )?disappear\b"
          r"(?! (from|for))|end(ing)? it\b(?! (off )?with)|want(s|ed)? to die|"
          r"(driv\w*|crash\w*|steer\w*) (my car |the car )?(into|off) (a |the )?(wall|tree|bridge|cliff|lorry|truck)|"
          r"wish I (was|were) dead|goodbye (letters?|notes?)|suicide notes?|said my goodbyes|"
          r"(sav(ed|ing)|stor(ed|ing)|stockpil\w*|hoard\w*) (up )?(my |some |the |all )?(\w+ )?(pills|tablets|meds|medicines?)|"
          # said of someone: "keeps saying we'd all be better off without him", "he's given away his watch and tools"
          r"(we'?d|we would|everyone would|everybody would|you'?d|you would|they'?d|the family would) (all )?be better "
          r"off without (me|him|her)|(giv\w+|gave) away (all )?(his|her|my) (\w+ ){0,2}(things|stuff|possessions|"
          r"belongings|watch|tools|jewel\w*|savings)|"
          r"(i'?d|i would) (rather|sooner) be dead|wish (i|i'?d) (wouldn'?t|won'?t|didn'?t|never|could just not) wake up|"
          # "thinking it would be easier for everyone if I just didn't wake up", "I've been cutting again tonight"
          r"(easier|better) for (everyone|everybody|all of us|my family|them) if (i|he|she) (just )?(didn'?t|did not|"
          r"never|wouldn'?t) wake up|(been|started|i'?m|im) cutting (my ?self )?again|"
          # "he doesn't want to do this anymore and that he has a plan"
          r"(doesn'?t|don'?t|does not|do not|didn'?t) want to (do this|go on|carry on|keep going|be here)( any ?more)?"
          r"[^.?!]{0,40}\b(has|have|got|made) a plan\b|"
          r"(pills|tablets|meds) (saved|stored|stockpiled|hoarded)|"
          r"(think\w*|plan\w*|going) (about |of |on |to )?(taking|swallowing|take|swallow) (them|it|the lot|all)( all)?\b|"
          r"(don'?t|dont|do not) (want to|wanna|want) (live(?! (in|with|near|at|on|there|here|by|alone|abroad)\b)|"
          r"be alive|be here(?! (for|at|in|on|when|during|today|tomorrow|"
          r"alone|all day))|wake up|go on)|better off (dead|without me)|"
          r"(gonna|going to|will|want to|wanna) (take|swallow) (all|every one of) (my|the|his|her|of my) (pills|tablets|"
          r"meds|medicines?)|"
          r"(go to )?sleep and (not|never) wake up|(want|wanna|wish (i|i'?d|i could)) (to )?(just )?(go to )?sleep "
          r"forever|"
          r"no (point|reason) (in )?(living|going on|to live|carrying on)|"
          r"(nothing|none of (this|it)) matters (anymore|any more)|"
          r"giv(e|ing) up on (life|living|everything)|can'?t go on|tak(e|ing) my (own )?life|"
          r"not (want|wanting) to be here anymore|want(ed)? (it|everything|this) (all )?to (end|be over)|want(ed)? it all to stop|"
          r"(don'?t|do not|can'?t) (really )?see the point (anymore|any more|in (living|life|going on)|of (living|"
          r"life|going on))|"
          # the warning signs crisis lines teach (988 Lifeline, Samaritans), as people write them: a life to end, not being
          # around, a dose that would be enough, the means laid out, letters for after, a way to do it
          r"end(ing|s)? (his|her|their) (own )?life|"
          r"(don'?t|do not) plan on being (around|here)|(won'?t|will not|not going to) be (one|a burden) for "
          r"(much|very) longer|(about|of) (just )?not being (here|around)\b|not (being|be) (here|around) (anymore|any more)|"
          r"how many of (my|her|his) ([\w-]+ ){1,2}(it )?would (it )?take\b|how many (pills|tablets|meds|capsules) (it )?"
          r"would (it )?take to (kill|die|end|overdose|not wake)|"
          r"(would|will) be enough to (kill|end|die)|\b\d+ (of )?(my |her |his )?[\w-]+ (would|will) be enough\b|"
          r"lethal dose|"
          r"(pills|tablets|meds|medicines?) (all )?(lined up|laid out|counted out)|(go|going|leave|leaving) on (my|her|"
          r"his|their) own terms|"
          r"letters?\b[^.?!]{0,50}\b(to read after|for after|after (i'?m|i am|he'?s|she'?s) gone|when (i'?m|i am) gone)|"
          r"(giv(e|es|ing|en)|gave) (all )?(my|his|her) ([\w-]+ ){0,2}(stuff|things|possessions|belongings) away|"
          r"engine running\b[^.?!]{0,40}\bgarage|garage\b[^.?!]{0,40}\bengine running|"
          r"(drove|drive|driving) (us |me |the car |my car )?(off|into) (a |the )?(motorway|road|highway|freeway|bridge|"
          r"cliff|river|wall|tree)|"
          r"(nobody|no one|no-one) would (even )?(notice|care|miss me) if i (disappeared|was gone|were gone|died|"
          r"wasn'?t here)|(closer|close) to the edge of the (platform|bridge|roof|cliff)|wants? to (just )?not step back\b|"
          r"life insurance than (out of |from )?me\b|worth more (to them )?dead|"
          r"(working|worked|work|figur\w*|planning|planned|thinking|thought) (out |about )?how (i'?d|i would|i'?ll|i will) "
          r"do it\b|(don'?t|do not|can'?t) see (a|any) reason to (keep going|go on|live|carry on|be here)(?! with)|"
          r"no reason to keep going)",
          # effort or laughter said as killing oneself: "killing myself trying to understand all this jargon lol"
          exclude=r"\bkill(ing)? my ?self (trying|laughing|working|studying|to (get|make|understand|finish|keep)|over|"
                  r"at work|with (work|laughter))\b"),
    # Distress in the words people use before they say more ("I can't cope anymore", "I can't do this anymore"): no
    # emergency on these words alone, but the note where to turn
    _flag("distress", "thoughts of harming yourself",
          "UKONS: psychological distress; Samaritans / 988 Lifeline guidance (ask, and say where to turn)",
          r"\b((can'?t|cannot|can not) (cope|take (it|this|any ?more)|do (this|it)|handle (it|this)|keep going)"
          r"( \w+){0,3}? (any ?more|any longer|no more)\b|(at|reached|come to) the end of my (tether|rope)|"
          r"had enough of (everything|it all|life|living|this life)|(i'?m|i am|i feel|feeling|i just feel) (so |completely |"
          r"totally |utterly )?(hopeless|worthless|like a burden|a burden to (everyone|my family|them))\b)",
          urgent=False),
    # Chickenpox, shingles or measles near someone whose treatment weakens the immune system: the team gives
    # protection within days (NHS and Macmillan: contact the hospital straight away)
    _flag("infection_contact", "had contact with chickenpox, shingles or measles during treatment",
          "NHS / Macmillan: chickenpox, shingles or measles contact during chemotherapy",
          r"\b(chicken ?pox|shingles|measles|varicella)\b",
          needs=rf"\b{_TREATMENT}\b", needs_treatment=True, only_with_needs=True,  # not "What is chickenpox?"
          exclude=r"\b(vaccin\w*|jabs?|shots?|immuni[sz]\w*|shingrix|zostavax|mmr|had (it|them) as a (kid|child))\b",
          urgent=False),
    _flag("overdose", "taken too much of a medicine", "UKONS / poison-control advice: overdose or double dose",
          r"\b(overdos\w*|accidentally (took|taken|had|swallowed|gave|given)|(took|taken|swallowed|had) .{0,40}"
          r"by (mistake|accident)|by (mistake|accident) .{0,40}\b(took|taken|swallowed|had|gave|given)\b|"
          r"\d+ (tablets|pills|capsules) extra\b|(whole|entire) (\w+[- ]){0,2}(supply|bottle|pack|packet|box)|(two|three|four|five|ten|\d+) times "
          r"(my|the|his|her|their) (usual |normal |prescribed )?dose|take (too|way too) (much|many)|took (too (much|many)|way too|extra|double|twice|all|the whole|a whole|"
          r"both|(about |around |like |maybe )?\d+ )|(going to|gonna|will) (take|swallow) (them|it) all|saving up (my |his |her )?\w+|(got|get|gets|getting) (hold of|into) (\w+ ){0,3}(pills|tablets|capsules|medicines?|meds)|"
          r"swallowed (a couple|some|a few|one or two|two or three|\d+)|(took|taken|swallowed|had) (my |his |her |their |the |a )?(whole|entire) |"
          r"(took|taken|swallowed) .{0,50}\b(at once|all at once|in one go)\b|"
          r"taken (too (much|many)|double|twice|extra|the whole|a whole|all)|"
          r"(took|taken|gave|given) (him |her |them )?(my|his|her|their|the|today'?s|this morning'?s) ([\w-]+ ){1,3}?"
          r"(twice|two times|2x)\b(?!\s*((a|per|each|every)\s+(day|week|month)|daily|weekly))|"
          r"doubled (up|my dose|the dose)|"
          r"(took|taken|had) (a |an )?(double|2x|extra) dose|"
          r"(ate|eaten|swallowed|chewed) (a whole load|a load|loads|lots|a lot|a pile|a bunch) of (the |my |his |"
          r"her |their )?(\w+ )?(tablets|pills|capsules|meds)\b|(took|taken|swallowed) (a |an )?(handful|fistful|bunch|load) of|swallow\w* (a |the )?(whole|all|bottle|handful|packet)|(ate|eaten|swallowed|chewed) "
          r"(some|a few|a couple|several|a handful|half|\d+|two|three) (of )?((my|her|his|the|our|their|\w+'s) )?(\w+ )?"
          r"(pills|tablets|capsules|meds)|(kid|child|son|daughter|toddler|baby|grand(son|daughter|child|kid)|little "
          r"one|little (brother|sister)|\d+ ?(yr|year|yo)s?[- ]?old)\b.{0,20}\b(ate|eaten|swallowed|chewed|chewing|got into|drank|"
          r"drunk)\b.{0,50}\b(pills|tablets|capsules|meds|"
          r"medicines?|chemo|liquid|blister|strip|packet))",  # "my toddler chewed through a blister strip of ..."
          # a supply handed over, not taken: "the dietitian gave me a whole box"
          exclude=r"\b(gave|given|got|prescribed|ordered|bought|sent|delivered)( me| him| her| us| them)? (a|the) "
                  r"(whole|entire) (\w+[- ]){0,2}(supply|bottle|pack|packet|box)\b"),
    _flag("head_injury", "a head injury with drowsiness, vomiting, confusion or a headache",
          "NHS: head injury (A&E with drowsiness, vomiting, confusion, a headache or blood thinners); UKONS: bleeding "
          "risk with low platelets",
          r"\b((hit|banged|bumped|knocked|smacked|cracked|whacked) (his|her|my|their|the back of (his|her|my)) head|"
          r"head (injury|wound)|fell\b[^.?!]{0,30}\bon (his|her|my) head)",
          needs=r"\b(drows\w*|sleep\w*|confus\w*|vomit\w*|throw\w* up|threw up|being sick|headache|"
                r"(won'?t|can'?t|hard to) (wake|rouse)|platelets?|thinners?|warfarin|eliquis|xarelto|apixaban|rivaroxaban|blood\w*|seizure|fit|"
                r"slurr\w*|not (making sense|himself|herself))"),
    _flag("crs", "signs of cytokine release syndrome (CRS) or nerve problems (ICANS) after CAR-T or a bispecific "
          "antibody", "FDA REMS for CAR-T and bispecific T-cell engagers: CRS and neurologic toxicity (ICANS) need "
          "care at once; NCI: cytokine release syndrome",
          r"\b((?-i:CRS)|grade [1-4] crs|crs grade|cytokine (release|storm)|icans|neurotox\w*|immune effector cell)",
          needs=_T_CELL_THERAPY,
          exclude=r"\bcrs ?(/|-|\+|and|&) ?hipec\b|\bcytoreduct\w*"),  # "a big surgery called CRS/HIPEC"
    _flag("icans", "new trouble writing, finding words or naming things after CAR-T or a bispecific antibody",
          "FDA REMS for CAR-T and bispecific T-cell engagers: the nurses' ICE score (write a sentence, name objects); "
          "ICANS's early signs",
          # handwriting gone messy or shaky, which the REMS teaches carers to watch for; "he can't write his name
          # properly", "she keeps forgetting words"
          r"\b((hand)?writing('s| has| had)? (gone|got|become|becoming|getting|is|looks?|was) (\w+ )?(messy|shaky|wobbly|"
          r"scribbly|funny|weird|strange|different|illegible|worse)|"
          r"(can'?t|cannot|couldn'?t|unable to|struggling to|struggles to|trouble|difficulty|problems?) (\w+ )?"
          r"(write|writing) (his|her|my|their|a|the) (own )?(name|sentence|words?)|"
          r"(forget|forgetting|forgets|forgot|losing|mixing up|muddling( up)?|can'?t remember) (his |her |my |the |simple |"
          r"common |everyday )?words|(can'?t|cannot|unable to) (name|say what) (things|objects|everyday things)|"
          # "hes saying the wrong words", "she cant name a pen or a watch", "her sentence is just scribble"
          r"(saying|using|says|uses|said|used|getting) (the |all the )?wrong words|"
          r"(can'?t|cannot|couldn'?t|unable to) name (a |an |the |simple |common )?(pen|watch|cup|spoon|phone|clock|"
          r"key|remote|things?|objects?)|(sentence|writing|name) (is|was|looks?) (just |all )?(a )?(scribble|squiggle)s?|"
          r"word[- ]finding (difficult\w*|problems?|trouble|issues?)|(difficulty|trouble|problems?) (with )?word[- ]finding)",
          needs=_T_CELL_THERAPY,
          only_with_needs=True),
    # tumour lysis itself is asked about mostly as what rasburicase prevents: its danger is the potassium a nurse reads
    _flag("severe_toxicity", "a severe (grade 3 or 4) side effect of treatment or a very high potassium or calcium",
          "UKONS: immunotherapy toxicities and any grade 3 or 4 toxicity (red); NCI CTCAE grades; UK Kidney Association: "
          "potassium of 6.5 mmol/L or more is an emergency; UKONS and Society for Endocrinology: severe hypercalcaemia "
          "(adjusted calcium 3.5 mmol/L, 14 mg/dL, or more) needs emergency treatment; Society for Endocrinology: "
          "severe hyponatraemia (sodium under 125 mmol/L)",
          r"\b("
          # hand-foot syndrome at grade 3 in a patient's words: blistered or raw, and unable to walk or use the hands
          r"(hands?|feet|foot|soles?|palms?)\b[^.?!]{0,60}\b(blister\w*|raw|weeping|skin (has )?(come|coming|peeled) off)"
          r"\b[^.?!]{0,60}\b(can'?t|cannot|unable to|not able to) (even )?(walk|stand|hold|use|grip)\b|"
          r"grade (3|4|iii|iv|three|four)(\s*(-|/|or|to)\s*(4|iv|four))? (immune[- ]related |immune[- ]mediated |ir)?"
          r"(colitis|diarrh\w*|pneumonitis|hepatitis|nephritis|myocarditis|myositis|rash|mucositis|vomiting|"
          r"neutropenia|thrombocytopenia|toxicit\w*|reaction|infusion reaction|hypersensitivity)|"
          r"(potassium|(?-i:K\+?))( level)? (is |was |of |at |up to )?(6\.[5-9]|[7-9](\.\d)?)\b"
          r"(?![.,]?\d)|((corrected|adjusted) )?(calcium|(?-i:Ca|CCa|adj Ca))( level)? (is |was |of |at |up to )?"
          r"(3\.[5-9]|[4-5](\.\d)?|1[4-9](\.\d)?)\b(?![.,]?\d)|"
          # severe hyponatraemia (Society for Endocrinology: sodium under 125 mmol/L), or a sodium of 160 or more
          r"(sodium|(?-i:Na\+?))( level)? (is |was |of |at |down to |dropped to |up to )?(only )?(1[01]\d|12[0-4]|"
          r"1[6-9]\d)\b(?![.,]?\d))"),
    # A blood sugar read out without its unit: 20-53 is dangerous in either (mmol/L: far too high; mg/dL: far too
    # low), under 3 only in mmol/L and 400 or more only in mg/dL, both dangerous too; 3-19.9 (mmol/L) and 54-399
    # (mg/dL) are not flagged.
    _flag("blood_sugar", "a very low or very high blood sugar",
          "ADA Standards of Care: level 2 hypoglycaemia below 54 mg/dL (3.0 mmol/L); hyperglycaemic crises (HHS from "
          "600 mg/dL, 33.3 mmol/L); steroids given with chemotherapy raise blood sugar",
          r"\b(blood sugars?|blood glucose|glucose|sugars?|(?-i:CBG|BSL|BGL|BM))( levels?)?( is| was| were| are| of| at| "
          r"reading| reads| read| down to| dropped to| up to| went up to)*( only| just)? (0?\.\d|[0-2](\.\d)?|[2-4]\d"
          r"(\.\d)?|5[0-3]|[4-9]\d\d|[1-9]\d\d\d)\b(?![.,]?\d| ?%| ?(g|grams?|teaspoons?|tsp|cubes?|kcal|calories)\b)|"
          # ketones building up (diabetic ketoacidosis): "ketones high and vomiting", "ketones 3.2"
          r"\b(diabetic )?ketoacidosis\b|(?-i:\bDKA\b)|\b(high|raised|positive|large) (blood |urine )?ketones|"
          r"\bketones (are |is |were |was |of |at )?(high|raised|positive|large|([2-9]|1\.[5-9])(\.\d)?)\b"),
    _flag("rash_not_fading", "a rash of spots that do not fade when you press on them",
          "NHS: a rash that does not fade when a glass is pressed on it (999; sepsis, meningitis); UKONS: bleeding "
          "(petechiae with low platelets)",
          r"\b((rash|spots|dots|blotches|marks)\b[^.?!]{0,40}\b(don'?t|doesn'?t|do not|does not|won'?t|will not|didn'?t|"
          r"did not) (fade|go away when (i |you )?press\w*|go white|blanch)|non[- ]?blanching|petechia\w*|purpura|"
          r"glass test|(tiny|little|small|pinpoint|pin-?prick) (red|purple|dark) (dots|spots)\b[^.?!]{0,40}\bbruis\w*|"
          r"bruis\w*[^.?!]{0,40}\b(tiny|little|small|pinpoint|pin-?prick) (red|purple|dark) (dots|spots)|"
          r"(rash|spots|marks|blotches)\b[^.?!]{0,25}\blike (a )?bruis\w*|bruis\w*[- ]like (rash|spots|marks)|"
          r"purple (rash|spots|blotches)|(tiny|little|small|pinpoint|pin-?prick) (red|purple|dark) (dots|spots|specks)\b)",
          # tiny red dots alone (petechiae or not) are urgent on treatment, when low platelets make them bleeding
          needs=rf"^(?![\s\S]*\b(tiny|little|small|pinpoint|pin-?prick) (red|purple|dark) (dots|spots|specks)\b)|"
                rf"\b{_TREATMENT}\b|bruis|fade|blanch|petechia|purpura|glass|platelet|plts?\b"),
)
FLAGS_BY_KEY = {flag.key: flag for flag in RED_FLAGS}
# The words the red flags are written in, to read a misspelt one as a flag reads it ("feaver" is "fever"); not the
# first part of a contraction ("haven'?t"), which "havent" would otherwise be read as.
FLAG_WORDS = frozenset(word for flag in RED_FLAGS for pattern in (flag.pattern, flag.needs) if pattern is not None
                       for word in re.findall(r"(?<![a-z])[a-z]{4,}(?![a-z'])", pattern.pattern))

_NEGATION = re.compile(r"\b(no|not|without|never|denies|denied|don'?t have|doesn'?t have|haven'?t had|hasn'?t had|"
                       r"free of|no sign of|negative for|sin|nunca)\b(\W+(?!(and|but|y|pero)\b)\w+){0,2}\W*$", _I)
# ("not feeding and very sleepy": "and" ends what "not" denies; "no fever or chills" denies both)

# -- present state or general question ------------------------------------------------------------------------

_PERSON = (r"(i|i'?m|im|i'?ve|ive|i'?d|me|my|we|we'?re|our|he|he'?s|hes|she|she'?s|shes|his|her|him|they'?re|"
           r"pt|patient|mum|mom|mother|dad|father|husband|wife|partner|son|daughter|child|kid|baby|brother|sister|"
           r"grandma|grandpa|grandmother|grandfather|nan|gran|aunt|uncle|friend|missus|hubby)")
_PERSONAL = re.compile(rf"\b{_PERSON}\b", _I)
_FIRST_PERSON = re.compile(r"\b(i|i'?d|i'?m|im|i'?ve|ive|me|myself)\b", _I)
# Long ago, as a message places an event: "ten years ago", "a history of", "as a child", "in 2019".
_LONG_AGO_TIME = (r"\b(\d+\+?|a|two|three|several|many|few) (years?|months?|yrs?) ago|\blast (year|yr|january|february|"
                  r"march|april|june|july|august|september|october|november|december)\b|\bhistory of|"
                  r"\bhx of|\bin the past\b|\bin (my|his|her|their) (early |mid |late )?(teens|twenties|thirties|forties|"
                  r"20s|30s|40s)\b|\byears ago|\bas a (child|kid|teenager|teen|baby|toddler)|\bwhen (i|he|she|they) "
                  r"(was|were) (a baby|a child|a kid|little|young|a toddler|a teenager)|\bback in\b|\bback then\b|\bin (19|20)\d\d\b|"
                  r"\b([2-9]|1[0-2])/12 ago\b")  # a nurse's months
_LONG_AGO = re.compile(rf"{_LONG_AGO_TIME}|\bused to\b", _I)  # of a thought said of oneself ("I used to self harm")
# A person and a state or an event: "I have", "my husband is", "she can't", "he fainted", "I'm throwing up".
_PRESENT = re.compile(
    rf"\b{_PERSON}\b(\W+\w+){{0,3}}?\W+(have|has|having|had|got|getting|am|is|are|was|were|been|keep|keeps|kept|"
    rf"can'?t|cannot|couldn'?t|won'?t|isn'?t|hasn'?t|haven'?t|feel|feels|feeling|felt|seems?|looks?|just|started|"
    rf"starting|"
    rf"\w{{3,}}ing|\w{{3,}}ed|threw|took|fell|went|woke|wet|cut|swallowed|ate|coughed|spat)\b"
    rf"|^\W*(pt|patient)('s)? (with|w/|c/o|reports?|reporting|complain\w*)\b"  # a nurse's note: "pt with ..."
    rf"|^\W*(pt|patient) on [^,.;?!]{{0,30}}? (feels|felt|has|had|is|was|c/o|reports?|reporting|complain\w*)\b"
    rf"|^\W*(the )?caller\W+((says|said|reports?|reporting|states|stated|rang|called)\b)?"  # a call relayed
    rf"|\b(right now|just now|now|currently|at the moment|atm|today|tonight|this (morning|afternoon|evening|arvo)|"
    rf"last night|since|for the (last|past)|for (\d+|a|an|one|two|three|several|a few) (hours?|hrs?|days?|mins?|"
    rf"minutes?)|yesterday|keeps? \w+ing|still|all (day|night)|won'?t stop|can'?t stop|help\b|hurry|asap|urgent|"
    rf"what do i do|what should i do\b(?! if)|should i (go|call|wait|ring)|do i need to (go|call)"
    rf"|tengo|tiene|estoy|est[aá]|ahora|hoy|anoche|desde|qu[eé] (hago|hacemos)"  # Spanish: I have, is, now
    rf"|abhi|aaj|kya karein|ngayon|kanina|ano gagawin)\b", _I)  # Hindi and Tagalog: now, today, what do we do
# Framing that makes a sentence a question about a topic, not a report.
_GENERAL = re.compile(
    r"\b(what (is|are|'s|does|do(?! (i|we) do\b)|causes?|happens|to do|should (i|you|we) do if|are the|counts|"
    r"temp|temperature|kind|type|"
    r"sort|dose|amount|level)|whats|"
    r"what's|why (do|does|would|might|is|are|should)|how (common|often|likely|long|do|does|is|are|can|would|should|"
    r"serious|dangerous|much|many|bad)|incidence|frequency|percentage|rate of|"
    r"is (it|this|that) (normal|common|a sign|a symptom|serious|dangerous)(?! (that|when) (i|my|he|she))|"
    r"(is|are) .{0,40}(a )?(common |possible |known |rare )?(side[- ]?effects?|symptoms?|signs?)( of)?|"
    r"(can|could|does|do|will|would|may|might) (\w+ ){0,4}(cause|causes|damage|affect|lead to|give|trigger|make|harm)|"
    r"side[- ]?effects?|signs? of|symptoms? of|risk of|chances? of|warning signs|red flags?|difference between|"
    rf"if (i|ive|you|he|she|we|they|my \w+|the patient|a patient|someone|your \w+|{_RELATIVE}|it (happens|starts|gets|does|"
    r"comes))\b|\bin case\b|"
    r"when (should|do|to|must) (i|you|we) (call|go|contact|seek|worry|ring)|when to (go|call|seek|contact|ring|worry)|"
    r"should i (be )?worr|"
    r"define|definition|meaning|what does .{0,30} mean|explain|tell me about|information (on|about)|info (on|about)|"
    r"you|your|you're|people|patients|anyone|someone(?! (please )?help)|somebody(?! (please )?help)|a person|children|"
    r"kids|adults|elderly|"
    r"(?<!keeps )(?<!keep )(?<!kept )(asks?|asking|asked)|wonder\w*|wants? to know|curious)\b", _I)
# A sentence with no person or time in it that still asks rather than tells.
_ASKS = re.compile(r"\?\s*$|^\W*(is|are|can|could|does|do|will|would|should|may|might|what|why|how|which|when|where|"
                   r"who)\b(?!'t)|\b(risks?|percent|percentage|chances?|rates?|possible|likely|common|normal|dangerous|"
                   r"serious|usual|typical|symptoms|signs|meaning|means|definition|management|treatment of|indications?|"
                   r"indicated|label(l?ed)?|grading|watch for)\b", _I)
# Not the patient's present: long past, habitual, hypothetical, or someone else's story.
_HABIT_WORDS = r"sometimes|occasionally|usually|whenever|every time"
_HISTORY_TIME = re.compile(rf"{_LONG_AGO_TIME}|\blast month|"
                           rf"\b(died|passed away)\b|\b({_HABIT_WORDS}|in general|"
                           r"generally(?! (unwell|awful|rough|ill|poorly|rubbish|terrible|crap\w*|lousy|horrible|"
                           r"run[- ]down|weak|achy))|hypothetically)\b|"
                           r"\b(friend|neighbou?r|colleague|co-?worker|somebody(?! (please )?help)|a guy|"
                           r"a man|a woman|a lady|a girl|a boy|a kid|another (patient|person|mum|mom|dad))('?s)?\b|"
                           # a story read or watched: "saw a post on a facebook group where ..."
                           r"\b(saw|seen|read|watched) (a |this |that |an )?(post|thread|story|article|video|comment)s?\b|"
                           r"\bbefore (he|she|i|they|we) (was|were|got) diagnosed\b|\bwhen (they|the doctors?) (found|"
                           r"diagnosed|discovered)\b|\bat (diagnosis|the time of diagnosis)\b|\bin (january|february|march|"
                           r"april|may|june|july|august|september|october|november|december|jan|feb|apr|jun|jul|aug|"
                           r"sept?|oct|nov|dec)\b", _I)
# A turn that only asks what to do now, after one that reported a red flag.
_WHAT_NOW = re.compile(r"^\W*((so|ok|okay|and|but|please)\W+)*(what (do|should|can) (i|we) do( now)?|what now|now what|"
                       r"help( me| us)?( please)?|should (i|we) (go|call|ring|wait)( \w+){0,3}|do (i|we) (need to )?(go|call)"
                       r"( \w+){0,3}|is (this|that|it) (an )?(emergency|serious)|how (urgent|serious) is (this|that|it))\W*$", _I)
# Asking whether to seek care now ("should we go to the ER?", "do I need to go to A&E", "is this an emergency?"):
# no symptom this module knows may be named, but the reply should say where to turn if it is bad.
_ASKS_WHETHER_URGENT = re.compile(
    r"\b((should|shall|do|must) (i|we|he|she|they|my \w+|a patient|patients|someone|people) (\w+ ){0,3}?(go|head|"
    r"get|take (him|her|them|me)|be taken|"
    r"need to go|have to go) (in |straight |right )?(to|into) (the |an? )?(er|e\.r\.?|a ?(&|and) ?e|emergency( room|"
    r" department| dept)?|hospital|urgent care|ed)\b|(should|shall|do) (i|we) (need to )?(call|ring|phone|dial) (911|"
    r"999|112|an ambulance|the on[- ]?call|(the|my|his|her|our) (oncologist|oncology|doctor|dr|care team|nurse|chemo) ?"
    r"(line|unit|ward|nurse|team)?)|is (this|that|it) (an )?emergency|how (urgent|serious) is (this|that|it))", _I)
# "a bit of a sore throat on chemo, should I worry?": whether to worry about what they have, which only their care
# team can say (the note, not the emergency reply)
_ASKS_WHETHER_TO_WORRY = re.compile(r"\b(should|do|must|need) (i|we) (be )?(worr(y|ied)|concerned)\b|"
                                    r"\b(is|are) (this|that|it|these|they) (something )?(to worry|worth worrying|"
                                    r"worrying|concerning)\b", _I)
_HABITUAL = re.compile(rf"\b({_HABIT_WORDS})\b", _I)
_GOING_ON = re.compile(r"\b(i'?m|im|i am|he'?s|she'?s|they'?re|is|are|keeps?|kept) (\w+ )?\w+ing\b", _I)
_IN_GENERAL = re.compile(r"\b(when|if|in case)\b", _I)
_ON_TREATMENT = re.compile(rf"\b{_TREATMENT}\b", _I)
# Treatment denied: "I'm not on any treatment", "no chemo", "finished chemo years ago" say nothing of a fever's risk.
_NO_TREATMENT = re.compile(r"\b(not|never) (on|having|getting|receiving|had) (any )?(treatment|chemo\w*|"
                           r"immunotherapy)\b|\bno (treatment|chemo\w*)\b", _I)
_ASKING = re.compile(r"\?|\b(what|why|how|which|who|when|where|can|could|should|is it|does it)\b", _I)
_IF_HAPPENING = re.compile(r"\bif (i'?m|im|i am|he'?s|she'?s|he is|she is|they'?re|my \w+ is) (still |now |currently )?"
                           r"(\w+ing)\b(?<!\bgoing)(?<!\bgetting)", _I)
# Anyone at all, not a person of the writer's: "can you wait till morning with a temperature on chemo?".
_ANYONE = re.compile(r"\b(you|one|people|patients|someone|anyone)\b", _I)
# How to recognise a state: "how do I know if I'm having a stroke".
_HOW_TO_TELL = re.compile(r"\bhow (do|would|can|could|will|should) (i|you|we|one) (know|tell|recogni[sz]e|spot)\b|"
                          r"\bhow to (know|tell|recogni[sz]e|spot)\b", _I)
# Deciding whether to wait: "is it safe to wait until morning with a fever of 39?", "can this wait till Monday?".
_WAITING = re.compile(r"\b(wait|hold off|leave it|ride it out|sleep on it)( \w+){0,2} (until|till|til|to) (the )?(morning|"
                      r"tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|my appointment|clinic)|"
                      r"\bcan (this|it|that) wait\b|\b(or|and) should (i|we) (just )?wait\b|"
                      r"\b(should|can|do) (i|we) (just )?(\w+ ){1,3}and (just )?wait\b", _I)  # "take paracetamol and wait?"
_ASKING_WHAT_TO_DO = re.compile(r"\b((what|who) (do|should|can) (i|we) (do|call|ring)|should (i|we) (go|call|ring|"
                                r"wait))\b", _I)
# "..., is that normal?" after a complaint that opens the sentence (complaint_then_is_it_normal).
_IS_IT_NORMAL = re.compile(r"[,;:-]\s*(on \S+( \S+)? )?(is|isn'?t) (that|this|it) (normal|bad|ok|okay|serious|dangerous|"
                           r"expected|worrying|"
                           r"an emergency|something to worry about)\b", _I)
# How someone always is, told as such and unchanged: a baseline, not a new state.
_AS_ALWAYS = re.compile(r"\b(i|he|she|they|we) (always|usually) (am|is|are|get|gets|feel|feels|have|has)\b|"
                        r"\b(normal|usual) for (me|him|her|them)\b|\bsame as (always|usual|ever)\b|\bno change,? really\b",
                        _I)
_CHANGED = re.compile(r"\b(worse|worsening|more( \w+)? than (usual|normal|before|ever)|\w+er than (usual|normal|before)|"
                      r"new|different|sudden\w*|can'?t|cannot|couldn'?t)\b", _I)
_ASKING_WORD = re.compile(r"\b(is|are|can|could|does|do|will|would|should|what|why|how|which|when|if|whether)\b", _I)
MAX_WORDS_BEFORE_A_COMPLAINT = 3  # "my dad's vomiting blood, is that bad": a person and a verb, no question
# A message that says there is no danger: the classifier alone does not make it an emergency.
_REASSURED = re.compile(r"\bdenies\b|\b(went away|cleared up|got better)\b|\b(first and only|hasn'?t had another|"
                        r"not had another|none since|nothing since)\b|\bno (si|hi|suicidal)\b|not (suicidal|in danger)|(i'?m|i am) (fine|ok|okay|"
                        r"safe|well)\b|all sorted|\b(but|and) (it )?(has |'s )?(now )?stopped( now)?(?= *([.,;!?]|$))|"  # "... but stopped"
                        r"(?<!n't )(?<!not )(?<!never )\b(feel|feels|feeling|seem|seems) ((totally|completely|perfectly|absolutely) )?(fine|ok|okay|well|"
                        r"normal|good|grand|great)\b|"
                        r"not in a hurt|asking (generally|for a friend)|just (curious|wondering)|"
                        r"\b(fine|ok|okay|better|well|all right|alright|normal|back to normal) now\b|"
                        r"\bnow (fine|ok|okay|better|well|all right|alright|back to normal)\b|\b(fully )?recovered\b|\b(it'?s|it has|it) (gone|passed|"
                        r"resolved|settled)( now)?\b", _I)
# Care already given for what the sentence tells: "went to A&E with a temp on Saturday, they gave me IV antibiotics".
_SEEN_FOR_IT = re.compile(r"\b((went|been|was taken|got taken|were taken) (in)?to (a ?(&|and) ?e|the er|er|(the )?hospital|"
                          r"urgent care|the emergency)|(in|at) (a ?(&|and) ?e|the er|(the )?(icu|itu|intensive care|hospital))|"
                          r"admitted|discharged|sent (me|him|her|us) home|(gave|given) (me|him|her) (iv )?antibiotics|"
                          r"turned out (to be|it was)|ruled out|all clear)\b", _I)
_MILDLY = r"a (little|bit)|slight(ly)?|mild(ly)?"
_PLAYED_DOWN = re.compile(rf"\b({_MILDLY})\b", _I)  # "mild fatigue x2 wks"
_ONLY = re.compile(rf"\W*(\w+\W+){{0,2}}?(just|only|{_MILDLY})\b", _I)  # after a flag denied: "no fever, just tired"
# Weeks past, or the cycle before: with the writer saying it is over, a story, not a report ("... 2 weeks ago but
# I'm fine now", "last cycle i was throwing up for two days but it settled").
_WEEKS_AGO = re.compile(r"\b(\d+|a|one|two|three|few|couple of) (weeks?|wks?) ago\b|\blast (week|wk)\b|"
                        r"\b(last|previous) (cycle|round|course)\b", _I)
_PAST_TENSE = re.compile(r"\b(was|were|had|got|fell|went|came|\w{3,}ed)\b", _I)  # "fainted at her blood draw last wk"
_STILL_GOING = re.compile(r"\b(still|again|now|today|tonight|since|keeps?|kept|ongoing|on and off|continu\w*|every|"
                          r"worse)\b", _I)
_CANNOT = re.compile(r"\b(can'?t|cannot|won'?t|unable)\b", _I)  # "cant stop shaking": a state now
_GOES_ON = re.compile(rf"{_STILL_GOING.pattern}|\b((has|have|'s|'ve) been|is|are|am|i'?m|has|have)\b", _I)
# A report after the question's framing: "should I worry that I've vomited blood twice this morning?", "is
# confusion a side effect, he hasn't known me since lunch": a person and a recent time, no condition.
_RECENT = re.compile(r"\b(today|this (morning|afternoon|evening|arvo)|tonight|last night|right now|just now|"
                     r"(an?|\d+|one|two|three|few|couple of) (hours?|hrs?|mins?|minutes?) ago|since (yesterday|last night|"
                     r"(mon|tues?|wed|thu(rs?)?|fri|sat|sun)(day)?|"
                     r"this (morning|afternoon|evening)|lunch|breakfast|then|the infusion|chemo|treatment)|for the "
                     r"(last|past) (\w+ )?(hours?|hrs?|mins?|minutes?|days?)|twice|three times|\d+ times)\b", _I)
# A state going on as the message is written, told after a question with no stop between (dictated): "... what is
# imbruvica used for my heart is racing super fast and i feel like im going to pass out".
_GOING_ON_NOW = re.compile(r"\b(my|his|her) \w+( \w+)? (is|are|keeps?) \w+ing\b|\bi (feel|am feeling|'?m feeling) like "
                           r"(i'?m|im|i am) (going|gonna|about) to\b", _I)
# Why someone asks: "asking cos ...", "I'm wondering because ...".
_ASKING_FRAME = re.compile(r"asks?|asking|asked|wonder\w*", _I)
_BECAUSE = re.compile(r"\W*(because|b?cos|coz|cuz|cause|'cause|as|since)\b", _I)
_READING_NOW = re.compile(rf"\b{_READING}", _I)
_AFTER_A_COMMA = re.compile(r",\s*")
_CLAUSE_BREAK = re.compile(r"\b(?:and|but|so)\b|[,;]", _I)
_CONDITIONAL = re.compile(r"\b(if|in case|when|whenever|suppose|supposing|what happens)\b", _I)
# "if" that asks whether to act, not what would happen: "wondering if i should mention to the nurse ...".
_WHETHER_TO = re.compile(r"\bif (i|we) (should|need to|ought to|have to|must)\b", _I)
# Planning for a flag: "what should we pack in case he spikes a temp".
_IN_CASE = re.compile(r"\b(in case|just in case|suppose|supposing)\b(\W+\w+){0,5}\W*$", _I)
# Words before a flag that make it something read, warned of or prevented, not something happening: "the leaflet
# mentions seizures", "premeds to prevent anaphylaxis".
_NOT_HAPPENING = re.compile(r"\b(mentions?|mentioned|warn(s|ed|ing)? (about|of|against)|lists?|listed|"
                            r"watch(ing)? (\w+ ){0,3}for|look(ing)? out for|follow[- ]?up (on|about|re)|"
                            r"questions? (on|about|re)|asking (about|re)|learn(ed|t|ing)? about|taught (us )?about|lectures? (on|about)|"
                            r"read (about|"
                            r"that)|leaflet|the label|(package|drug|patient) insert|(to|for|help|helps) (prevent|avoid)\w*|"
                            r"prevention of|reduc\w* the risk of|"
                            r"premed\w*|prophyla\w*|risk of|chances? of|history of|(worried|worry|worrying|scared|"
                            r"afraid|nervous|anxious|concerned) (about|of) (getting|having|catching))\W+(\w+\W+){0,3}$",
                            _I)
# Feared, named right after the fear and nowhere else in the sentence: "pt nervous about CRS, currently fine" (not
# "worried about my fever", nor "worried about fever, temp 39.2 now").
_FEARED = re.compile(r"\b(nervous|worried|scared|afraid|anxious|frightened|terrified) (about|of) $", _I)
# Words with which a writer turns to another matter ("..., also I've had diarrhea 8 times today"); query.py reads
# them as the start of another question.
ANOTHER_MATTER = r"also|plus|btw|by the way|oh and"
_SYMBOLS_FIRST = re.compile(r"^[^\w'\"(]+")
_SENTENCE = re.compile(rf"(?<=[.!?;\n])\s+|\s+(?=but\b(?! (that|this|it) (was|happened)\b))|"
                       # a dash between parts, unless what follows asks about what went before ("anaphylaxis - what is
                       # it", "actemra for CAR-T CRS - licensed age range?")
                       rf"\s+[-–—]\s+(?![^-–—.!?\n]*\?)(?!(what|whats|is|are|can|could|how|which|does|do|should|why|"
                       rf"when|where|who)\b)|"
                       rf",\s*(?=(?:and )?(?:{ANOTHER_MATTER})\b)|"
                       rf"\s+(?=(?:{ANOTHER_MATTER}) (?:my|his|her|i|i'?ve|i'?m|im|he|she|he'?s|she'?s|we)\b)", _I)


@dataclass(frozen=True)
class Mention:
    flag: RedFlag
    sentence: str
    reported: bool  # the sentence describes someone's present or very recent state


@dataclass(frozen=True)
class Triage:
    """What a message says about danger: a red flag reported now (`urgent`), or only mentioned (`mentioned`)."""

    urgent: RedFlag | None = None
    mentioned: RedFlag | None = None

    @property
    def is_emergency(self) -> bool:
        return self.urgent is not None


def sentences(text: str) -> list[str]:
    """The message's sentences, a dash between parts ("## update - day 7 post carbo/taxol - temp 39.1 - the shakes")
    ending one, without the symbols before the first word ("🤒🤒 38.6 and ...", for a pattern's word boundary)."""
    return [_SYMBOLS_FIRST.sub("", s) for s in _SENTENCE.split(text) if s and s.strip()]


def negated(sentence: str, start: int) -> bool:
    """"no fever", "without chest pain", "I don't have a seizure disorder": the words just before deny it."""
    return _NEGATION.search(sentence[:start]) is not None


# A simile in a complaint is no question about people: "a heavy feeling in my chest like someone's sat on it".
_SIMILE = re.compile(r"\blike (someone|somebody|something|an? \w+)('s| is| has| was)? (sat|sitting|standing|stood|"
                     r"squeez\w*|crush\w*|press\w*|stabb\w*|punch\w*|kick\w*)( \w+){0,3}", _I)


# A flag written as a patient's history, in a nurse's words: "FYI hx anaphylaxis to carbo 2022, since desensitised".
_HISTORY_OF = re.compile(r"\b(hx|h/o|pmh|history)( of)?\W*$", _I)


def reports_present_state(sentence: str) -> bool:
    """Whether a sentence describes someone's present or recent state rather than asking about a topic.

    "I have a fever of 101 on chemo" and "vomiting blood" (a bare complaint) report; "what should I do if I get
    a fever", "is chest pain a side effect of X", "how common are seizures" and "seizures from temozolomide
    possible?" ask. A person with a state ("my wife is confused, is that a side effect?") outweighs question
    framing unless the state sits inside the conditional ("if I can't pass urine") or is long past ("had a
    stroke 5 years ago", "her husband died of sepsis").
    """
    sentence = _SIMILE.sub(" ", sentence)
    if _HISTORY_TIME.search(sentence) and not ongoing_whenever(sentence):
        return False
    if reads_temperature_now(sentence) or (_WAITING.search(sentence) and not _CONDITIONAL.search(sentence)
                                           and (_PERSONAL.search(sentence) or not _ANYONE.search(sentence))):
        return True  # not "is it true you should go to A&E with a temperature on chemo or can you wait till morning"
    if (happening := _IF_HAPPENING.search(sentence)) and not _HOW_TO_TELL.search(sentence[:happening.start()]):
        return True  # "what does it mean if I'm coughing up blood on Keytruda?": the "if" frames what is happening;
        # not "how do i know if im having a stroke"
    general = _GENERAL.search(sentence)
    if general is not None:
        before = _ASKING_WHAT_TO_DO.sub(" ", sentence[: general.start()])  # "what do I do if I get a fever"
        if _PRESENT.search(before) and _PERSONAL.search(before):
            return not _asks_about_topic(sentence, general)
        return reports_after_framing(sentence, general)
    if _PRESENT.search(sentence):
        return True
    return _ASKS.search(sentence) is None  # a bare complaint reports; a bare question does not


def ongoing_whenever(sentence: str) -> bool:
    """"I'm passing out whenever I stand up", "she keeps fainting every time she gets up": a habit going on now, told
    before the word that makes it one, which "I sometimes feel dizzy when I stand" and "sometimes I feel short of
    breath when I'm panicking" are not."""
    habit = _HABITUAL.search(sentence)
    return (habit is not None and _GOING_ON.search(sentence[:habit.start()]) is not None
            and _HISTORY_TIME.search(_HABITUAL.sub(" ", sentence)) is None)


def reads_temperature_now(sentence: str) -> bool:
    """"They said call if over 100.4 and it's 100.8 now": a reading in a clause of its own reports, though the
    sentence also holds the instruction's conditional; "call if it's 100.5 or more?" does not."""
    for reading in _READING_NOW.finditer(sentence):
        clause = _CLAUSE_BREAK.split(sentence[:reading.start()])[-1]
        if not _CONDITIONAL.search(clause):
            return True
    return False


def reports_after_framing(sentence: str, general: re.Match) -> bool:
    """"should I worry that I've vomited blood twice this morning?": after the question's framing comes a person
    and a recent time, and nothing makes it hypothetical ("what should I do if I get a fever tonight"); "asking cos
    my lips started swelling after my infusion": the reason for asking is someone's state."""
    after = sentence[general.end():]
    if _CONDITIONAL.search(_WHETHER_TO.sub(" ", sentence)):
        return False  # not "just wondering if i should mention ... that ive had diarrhoea like 8 times today"
    if _BECAUSE.match(after) and _ASKING_FRAME.fullmatch(general.group()):
        return bool(_PERSONAL.search(after) and _PRESENT.search(after))
    return bool(_PERSONAL.search(after) and (_RECENT.search(after) or _GOING_ON_NOW.search(after)))


def _asks_about_topic(sentence: str, general: re.Match) -> bool:
    """"is chest pain a side effect of X", "what is a stroke": the framing opens the sentence and no person
    with a state comes after it."""
    return general.start() < 12 and not (_PRESENT.search(sentence[general.end():])
                                         and _PERSONAL.search(sentence[general.end():]))


def asks_about_a_topic(sentence: str) -> bool:
    """The sentence opens as a question about a topic ("is chest pain a side effect of ...", "can X cause ...")
    or puts the state in a conditional ("what should I do if I get a fever"); "chest pain after chemo, is that
    normal?" does neither."""
    general = _GENERAL.search(sentence)
    opens = (general is not None and general.start() < 12) or re.match(r"^\W*(is|are|can|could|does|do|will|would|"
                                                                        r"what|why|how|which|when)\b(?!'t)", sentence, _I)
    conditional = re.search(r"\b(if|in case|when should)\b", _WHETHER_TO.sub(" ", sentence), _I)
    return bool(opens or conditional)


def over_since(text: str, flag: RedFlag) -> bool:
    """The writer says it is over ("but I'm fine now") and names the flag nowhere after saying so, unless as weeks
    ago or in a question about it ("I'm fine now but last week I had a seizure"; "... but its settled now, is a fever
    normal with folfox"; "I'm okay now but my temp is 38.5 again" is not over)."""
    reassured = _REASSURED.search(text)
    return reassured is not None and not any(
        flag.search(clause) and not _WEEKS_AGO.search(clause) and not asks_about_a_topic(clause)
        for sentence in sentences(text[reassured.end():]) for clause in _AFTER_A_COMMA.split(sentence) if clause)


def plays_down(text: str) -> bool:
    """"no fever, just tired", "no chest pain, only a bit achy": a red flag named to deny it, and what is left played
    down. (A denial alone is no all-clear: "no fever but I'm really confused and can't stand up".)"""
    return any((match := flag.search(sentence)) is not None and negated(sentence, match.start())
               and _ONLY.match(sentence, match.end()) is not None for sentence in sentences(text) for flag in RED_FLAGS)


def told_as_past(sentence: str, flag: RedFlag) -> bool:
    """"my temperature was 38 two weeks ago": the flag's clause tells it weeks ago, in the past tense, and nothing in
    the sentence says it goes on ("still", "again", "since", "keeps"); not "temp 38.5, I had chemo last week"."""
    match = flag.search(sentence)
    told = " ".join(clause for clause in _CLAUSE_BREAK.split(sentence) if clause and not _ASKS.match(clause.strip()))
    if match is None or _GOES_ON.search(told) is not None or _STILL_GOING.search(sentence) is not None:
        return False  # "is" not in a question after it (", is Blincyto for ALL"), but "and is still dizzy" goes on
    start = max((m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, match.start())), default=0)
    following = _CLAUSE_BREAK.search(sentence, match.end())
    clause = sentence[start:following.start() if following else len(sentence)]
    return _WEEKS_AGO.search(clause) is not None and _PAST_TENSE.search(clause) is not None


def told_as_mild(text: str) -> bool:
    """"a bit of blood when I blew my nose", "slightly wheezy": said to be mild, and nothing said to be bad or
    alarming in itself ("dad's a bit grey and clammy" is not mild)."""
    return (_PLAYED_DOWN.search(text) is not None and _INTENSE.search(text) is None
            and _ALARMING_EVEN_MILD.search(text) is None)


def find_mentions(text: str) -> list[Mention]:
    """Every red flag a message names, sentence by sentence, with whether that sentence reports it."""
    mentions = []
    for sentence in sentences(text):
        for flag in RED_FLAGS:
            match = flag.search(sentence)
            if match is None or negated(sentence, match.start()) or flag.exclude and flag.exclude.search(sentence):
                continue
            happening = _NOT_HAPPENING.search(sentence[:match.start()]) is None and not (
                _HISTORY_OF.search(sentence[:match.start()])) and not (
                _IN_CASE.search(sentence[:match.start()])) and not (
                flag.needs_treatment and _CONDITIONAL.search(sentence) and _NORMAL_READING.search(sentence)) and not (
                _FEARED.search(sentence[:match.start()]) and flag.search(sentence[match.end():]) is None)
            clause = clause_at(sentence, match.start())
            reported = (reports_present_state(sentence) or complaint_then_is_it_normal(sentence, match)
                        or reported_beside_history(sentence, flag)
                        or flag.key == "self_harm" and (says_of_oneself(sentence, match)
                                                        or _KEEPS_SAYING.search(sentence[:match.start()]))) and not (
                _REASSURED.search(sentence) and asks_about_a_topic(clause) and not _WHETHER_TO.search(clause))
            # "... but its settled now, is a fever normal with folfox": over, and then asked about
            mentions.append(Mention(flag, sentence, happening and reported))
    return mentions


MAX_WORDS_OF_A_TIME = 4  # a clause of no more than a time ("many years ago") tells when the one before it happened


def reported_beside_history(sentence: str, flag: RedFlag) -> bool:
    """"hes not making much sense today, ..., he's on the myeloma drugs and his calcium was high last month": the
    time long past is another clause's; without the clauses that tell of the past, the sentence reports the flag."""
    clauses = [clause for clause in _CLAUSE_BREAK.split(sentence) if clause and clause.strip()]
    past = [clause for clause in clauses if _HISTORY_TIME.search(clause)]
    if not past or any(flag.search(clause) or len(clause.split()) <= MAX_WORDS_OF_A_TIME for clause in past):
        return False  # "he had a stroke 5 years ago and his speech is still slurred": what that one left behind;
        # "... vomited blood while he was taking aspirin with his chemo, many years ago": a time told after its clause
    now = ", ".join(clause for clause in clauses if clause not in past)
    if _PAST_TENSE.search(now) and not (_GOES_ON.search(now) or _RECENT.search(now) or _CANNOT.search(now)):
        return False  # "my dad had a reaction to carboplatin in 2022, went red and wheezy and they stopped it": the
        # clauses after it go on with the story
    return flag.search(now) is not None and reports_present_state(now)


def clause_at(sentence: str, position: int) -> str:
    """The part of the sentence between the commas around `position`."""
    start = sentence.rfind(",", 0, position) + 1
    end = sentence.find(",", position)
    return sentence[start:end if end >= 0 else len(sentence)].strip()


AFTER_A_THOUGHT = 15  # characters after a thought of self-harm that may still say whose it is ("... than out of me")
# A texted sentence that leaves its "I" out: "been thinking it every night", "keep thinking ...", "started ...".
_DROPPED_I = re.compile(r"^\W*(been|keep|kept|started|thinking|wanting|wish|cant|can't|gonna|planning|tried|trying|"
                        r"looking|googling|writing|wrote)\b", _I)
# What someone keeps saying now, relayed: "my sister keeps saying she'd be better off dead".
_KEEPS_SAYING = re.compile(r"\b(keeps?|kept|keep on|keeps on) (saying|telling (me|us|everyone)|talking about|"
                           r"going on about)\b|"
                           r"\b(has|have|'s|'ve) been (saying|talking about)\b", _I)


def says_of_oneself(sentence: str, flag: re.Match) -> bool:
    """"sometimes I wish I wouldn't wake up", "what's the point, I'd rather be dead", "the kids would get more out of
    the life insurance than out of me": a thought of self-harm said of oneself is told, however the sentence around it
    is framed (asking whether it is normal is no question about a topic), and so is one whose "I" a text leaves out
    ("been writing letters to each of my kids to read after")."""
    if _LONG_AGO.search(sentence):
        return False  # "I used to self harm years ago" ("sometimes I wish ..." is now)
    return (_FIRST_PERSON.search(sentence[max(0, flag.start() - 25):flag.end() + AFTER_A_THOUGHT]) is not None
            or _DROPPED_I.match(sentence) is not None)


def complaint_then_is_it_normal(sentence: str, flag: re.Match) -> bool:
    """"vomiting blood, is that bad", "high fever, is that normal on chemo": the complaint opens the sentence and is
    then asked about, as people report one; "is vomiting blood bad?" asks about a topic."""
    before = sentence[:flag.start()]
    return (len(before.split()) <= MAX_WORDS_BEFORE_A_COMPLAINT and _ASKING_WORD.search(before) is None
            and _IS_IT_NORMAL.search(sentence[flag.end():]) is not None)


def reads_as_report(text: str) -> bool:
    """Some sentence of the message describes someone's state rather than asking about a topic."""
    return any(reports_present_state(sentence) for sentence in sentences(text))


UNNAMED = RedFlag("unnamed", "symptoms that worry you", "the intent classifier's urgent class", re.compile(r"(?!)"))
# What makes a report in words no flag knows alarming, as triage asks it: how sudden or getting worse, since when
# or for how long, blood, a colour change, a number (a temperature, a count, hours), happening right now.
# What alarms in itself, however mildly the message tells it: a colour, getting worse, a plea, someone who cannot get up.
_ALARMING_IN_ITSELF = (r"worse|worsening|sudden\w*|out of nowhere|grey|gray|blue|clammy|pale|funny colou?r|on purpose|"
                       r"won'?t stop|not stopping|help|urgent|emergency|asap|dying|off (her|his|my|their) legs|bed-?bound|"
                       r"(can'?t|cannot|couldn'?t|unable to) (get out of bed|get up|stand|walk)")
_ALARM = re.compile(rf"\b({_ALARMING_IN_ITSELF}|blood\w*|blud|bleed\w*|anymore|any more|(right|rite) now|tonight|tonite|"
                    r"this (morning|afternoon|evening)|last night|all (day|night)|hours?|hrs?|\d+ ?(h|hrs?|mins?|d|days?)|"
                    r"(one|two|three|four|five|several|a few|a couple of) days|(going to|gonna|about to) die)\b", _I)
_ALARMING_EVEN_MILD = re.compile(rf"\b({_ALARMING_IN_ITSELF}|die)\b", _I)
# A number: a temperature, a count, how many times ("x6"); not an age ("my husband (62)", "62 years old").
_ALARMING_NUMBER = re.compile(r"\b(x ?\d+|(?<!\()\d+(\.\d+)?k?(?! ?(yo|y/o|years?|yrs?|-year)\b)(?!\)))\b", _I)
_NORMAL_TEMPERATURE = re.compile(r"(\btemp\w* (of |is |was |at |reading |now )?|(?-i:\bT) ?)(3[56](\.\d)?|37(\.[0-4])?|"
                                 r"9[6-8](\.\d)?|"
                                 r"99(\.[0-4])?)(?![.\d])", _I)
# Blood in figures of speech: anger ("my blood is boiling", "makes my blood boil"), fear, family.
_BLOOD_FIGURES = re.compile(r"\b(makes?|made|making) (my|his|her|your|our) blood (boil|run cold)|\bblood (is |was )?"
                            r"(boiling|boils|boiled|ran cold|runs cold|running cold)\b|\bbad blood\b|\bblood relatives?\b",
                            _I)
# Help already sought for what the turn before reported, or it is over: "I've called the clinic", "we're on our way
# to A&E", "she's in ICU now and stable", "hes doing ok".
_HANDLED = re.compile(r"\b((called|rang|phoned|rung|spoke to|spoken to|talked to|seen by|saw) (the |my |his |her |our )?"
                      r"(doctor|dr|gp|nurse|team|clinic|hospital|911|999|111|ambulance|oncologist|on[- ]?call|helpline|"
                      r"hotline|ward)|(on (my|our|his|her) way|heading|going|went) (in)?to (the )?(er|a ?(&|and) ?e|hospital|"
                      r"urgent care)|ambulance (is |has )?(coming|on its way|here|arrived)|(they|the doctor|the nurse|the "
                      r"team) (said|says) (it'?s|its|it is|he'?s|she'?s) (fine|ok|okay|normal|nothing)|stable now|"
                      r"(is |are |got it |have it |has it )?under control|(he|she|they)('s| is| are|'re)? (doing )?(fine|"
                      r"ok|okay|well|good|alright|all right)|(hes|shes) (doing )?(fine|ok|okay|well|good|alright))\b", _I)
_SETTLED = re.compile(r"\b(stable|under control|settled)\b", _I)
# Over within the sentence that tells it: "just some fever and pain for two days afterward that went away", "a
# seizure at work in June. That seizure was the first and only one".
_OVER_IN_PASSING = re.compile(r"\b(that|which|it|they) (went away|cleared up|got better|settled|passed)\b|"
                              r"\bsettled (with|after|on)\b|"  # "rigors with last infusion, settled with hydrocortisone"
                              r"\bfirst and only\b|\bhasn'?t had (another|one since)\b", _I)
# Going on for a while, in words no flag knows: worth the note, not the emergency reply.
_LASTING = re.compile(r"\b(lately|recently|these days|for (weeks|months|ages|a while)|on and off)\b", _I)
# How bad it is: alarming unless all it describes is an everyday complaint ("a really bad cough").
_INTENSE = re.compile(rf"\b({_BAD}|really|realy|rly|very|so much|a lot|alot|lots|loads|badly)\b", _I)
_EVERYDAY_COMPLAINT = re.compile(
    r"\b(cough\w*|sore throat|throat (is |feels )?(\w+ )?(sore|scratchy|dry|tickly)|headaches?|head (hurts|aches?)|"
    r"migraines?|back (hurts|ache\w*|pain)|(stomach|tummy|belly) ?(ache|hurts|is (upset|sore)|pain)|heartburn|"
    r"indigestion|reflux|(can'?t|cannot|couldn'?t) sleep|insomnia|tired|exhausted|fatigue\w*|itch\w*|runny nose|"
    r"stuffy|sneez\w*|a cold\b|constipat\w*|bunged up|blocked up|hiccup\w*|aches?|aching|achy|sore (lips?|gums|"
    r"muscles|joints|feet|legs|"
    r"arms)|(lips?|gums|muscles|joints) (are |is )?(\w+ )?sore|taste|hair|nails?|dry (skin|mouth|eyes)|cramps?|"
    r"bloat\w*|nause\w*|queasy)\b", _I)


def tells_treatment(text: str, on_treatment: bool) -> bool:
    """"He's on Opdivo", "she had chemo last week": a turn that only tells of treatment, a detail the turn before
    may have needed to be urgent ("my husband has a fever")."""
    return (on_treatment or _ON_TREATMENT.search(text) is not None) and _ASKING.search(text) is None


def asks_whether_urgent(text: str) -> bool:
    """"Should we go to the ER?", "do I need to call my oncologist?", "is this an emergency?": a question of where
    to turn now, whatever it names ("when should I go to the ER during chemo?" asks in general)."""
    match = _ASKS_WHETHER_URGENT.search(text)
    return match is not None and _IN_GENERAL.search(text[:match.start()]) is None


def asks_whether_to_worry(text: str) -> bool:
    """"A bit of a sore throat, on chemo, should I worry?", "is this something to worry about?"."""
    return _ASKS_WHETHER_TO_WORRY.search(text) is not None


# How long an everyday complaint has lasted ("tired for 2 weeks", "my back has been aching all day", "hiccups that
# won't stop"): no emergency in itself, unlike how long a report in other words has lasted.
_HOW_LONG = re.compile(r"\b((for|since|over|every) (the (last|past) )?)?(\d+|a|one|two|three|four|five|six|seven|several|"
                       r"a few|a couple of|couple of|few) (hours?|hrs?|days?|nights?|weeks?|wks?|months?)"
                       r"( straight| now| in a row| running)?\b|\b(all|the whole) (day|night|week)( long)?\b|"
                       r"\b(won'?t|will not|doesn'?t|does not|not) (stop|stopping|go away|going away)\b", _I)


def alarming(text: str, emergency: bool = True) -> bool:
    """Whether a report the classifier hears as urgent says something that makes it so: its urgent class hears
    a report as surely in "I have a cough" or "my back hurts" as in "mum's gone grey and won't wake up".
    `emergency`: for the emergency reply, not the note, a number alone alarms (a reading no flag knows, "x6"), and
    how long an everyday complaint has lasted does not ("tired for 2 weeks" is worth the note, not 911)."""
    text = _NORMAL_TEMPERATURE.sub(" ", text)  # "pt on pembro, temp 37.3": a number, but a normal one
    text = _BLOOD_FIGURES.sub(" ", text)  # "my blood is boiling about the wait times"
    if emergency and _EVERYDAY_COMPLAINT.search(text):
        text = _HOW_LONG.sub(" ", text)
    if _ALARM.search(text) or emergency and _ALARMING_NUMBER.search(text):
        return True
    return _INTENSE.search(text) is not None and _EVERYDAY_COMPLAINT.search(text) is None


def alarming_report(text: str, emergency: bool = True) -> bool:
    """A report in which something alarms and nothing says there is no danger (see `alarming`)."""
    return reads_as_report(text) and alarming(text, emergency) and _REASSURED.search(text) is None


def needs_met(flag: RedFlag, text: str, whole: str, on_treatment: bool) -> bool:
    """Whether the message says what the flag needs besides its words; treatment is read in `whole` (the
    conversation, less treatment denied), and a cancer drug the conversation names is treatment (a fever on Keytruda)."""
    return (flag.needs is None or flag.needs_treatment and on_treatment
            or flag.needs.search(whole if flag.needs_treatment else text) is not None)


def triage(text: str, context: str = "", urgent_probability: float = 0.0, threshold: float = URGENT_THRESHOLD,
           on_treatment: bool = False) -> Triage:
    """The red flag a message reports now, if any, else the one it mentions.

    `context` is what else is known of the conversation (earlier user turns), for flags that need more than
    their own words ("fever" needs treatment, a temperature or rigors). `urgent_probability` is the intent
    classifier's probability that the message is an urgent report: at or above `threshold` it settles a red flag
    whose sentence the wording rules left undecided ("chest pain after chemo, is that normal?") unless the
    sentence asks about a topic; at or above UNNAMED_THRESHOLD, a message that reads as a report is urgent
    even in words no pattern here knows. `on_treatment`: the conversation names a cancer drug ("my husband has a
    fever and is on Keytruda"), which is treatment as surely as the word "chemo".
    """
    whole = _NO_TREATMENT.sub(" ", f"{text}\n{context}")  # "a slight temperature but i'm not on any treatment"
    mentions = [m for m in find_mentions(text)
                if not m.flag.only_with_needs or needs_met(m.flag, f"{text}\n{context}", whole, on_treatment)]
    if not mentions and context:  # the turn before, read again in the light of this one
        last = context.rsplit("\n", 1)[-1]
        if _WHAT_NOW.search(text) and (before := triage(last)).is_emergency:
            return before  # "my husband has a fever of 39 after chemo" | "what do I do?"
        earlier = context.rsplit("\n", 1)[0] if "\n" in context else ""
        if (not any(_REASSURED.search(turn) or _HANDLED.search(turn) for turn in (text, last))
                and (before := triage(last, earlier)).urgent is not None):
            return before  # "had cisplatin 2 days ago" | "havent peed since yesterday morning" | "is cisplatin
            # approved for bladder cancer btw": still going on, and not seen to
        if tells_treatment(text, on_treatment) and (before := triage(last, on_treatment=True)).urgent is not None \
                and before.urgent.needs_treatment:
            return before  # "my husband has a fever" | "he's on Opdivo"
    for mention in mentions:
        flag = mention.flag
        if not flag.urgent or not needs_met(flag, text, whole, on_treatment):
            continue
        if _WEEKS_AGO.search(mention.sentence) and (over_since(text, flag) or told_as_past(mention.sentence, flag)):
            continue  # "I had a high fever 2 weeks ago but I'm fine now. Is Opdivo approved for kidney cancer?", "my
            # temperature was 38 two weeks ago"
        if _AS_ALWAYS.search(text) and not _CHANGED.search(text):
            continue  # "bit breathless today but i always am with my copd, no change really": how they always are
        seen_to = _SEEN_FOR_IT.search(mention.sentence) or _HANDLED.search(text)
        if (seen_to or _OVER_IN_PASSING.search(mention.sentence)) and (
                over_since(text, flag) or _WEEKS_AGO.search(mention.sentence) or _SETTLED.search(text)):
            continue  # "went to A&E with a temp on Saturday, they gave me IV antibiotics and sent me home, feeling
            # grand now": seen for it, and over; "chest pain last week turned out to be heartburn after an ECG in A&E";
            # "she couldnt breathe after the car-t and we called 911. she's in ICU now and stable"; over as it is told:
            # "some fever and pain for two days afterward that went away"
        if mention.reported or (urgent_probability >= threshold and not asks_about_a_topic(mention.sentence)
                                and not _HISTORY_TIME.search(mention.sentence)):
            return Triage(urgent=flag)
    if context and _ASKING.search(text) is None:  # a turn that tells more of what the turn before reported
        last = context.rsplit("\n", 1)[-1]
        if ((together := triage(f"{last}\n{text}", on_treatment=on_treatment)).urgent is not None
                and triage(last, on_treatment=on_treatment).urgent is None):
            return together  # "he's got diarrhoea" | "about 10 times today", "post car-t day 7" | "his handwriting
            # has gone really messy": the detail it needed
    told_long_ago = bool(mentions) and all(_WEEKS_AGO.search(m.sentence) and told_as_past(m.sentence, m.flag)
                                           for m in mentions)  # "my temperature was 38 two weeks ago"
    if (urgent_probability >= UNNAMED_THRESHOLD and alarming_report(text) and not told_long_ago
            and (mentions or not plays_down(text))):  # "no fever, just tired" names fever to deny it
        if mentions or not (told_as_mild(text) or _LASTING.search(text) and not _RECENT.search(text)):
            return Triage(urgent=UNNAMED)
        return Triage(mentioned=UNNAMED)  # "a bit of blood when I blew my nose": in words no flag knows, told as mild;
        # "my mum is 70 and feels bloated a lot lately": going on for a while
    if mentions:
        return Triage(mentioned=mentions[0].flag)
    # "should we go to the ER?", asked now or in general ("when should I ..."): where to turn if it is bad; "should I
    # worry?"; "something is very wrong with my dad": a report the classifier hears as likely urgent, in words no
    # flag knows
    worrying = (urgent_probability >= threshold and alarming_report(text, emergency=False)
                and not _PLAYED_DOWN.search(text))
    asks = _ASKS_WHETHER_URGENT.search(text) is not None or asks_whether_to_worry(text)
    return Triage(mentioned=UNNAMED if asks or worrying else None)
