"""Find the drug, regimen, cancer and medicine names in a question.

In order, each on the words the earlier steps left:
1. corpus names (the artifact's alias table and `shorthand.json`), exactly, with possessives and plurals;
2. medicine names from the artifact's medicine dictionary: a medicine the corpus has under another name
   (a brand the pages never print) is that corpus drug; any other is a medicine the pages do not cover;
3. fuzzy corpus names, for misspellings: only for a word that the corpus does not use, that is not itself a
   medicine name and not a common English word (a whole word of the model's WordPiece vocabulary: "policy"
   is not a misspelt Polivy), with the first letter kept or written as it sounds ("Zeloda"), and only when one
   candidate clearly wins (so "metoprolol" never becomes procarbazine).
Words a slash joins ("ven/aza") are looked up apart.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from ingest.artifact import MedicineTable
from ingest.names import name_tokens
from retrieval.lexical import STOPWORDS, american_spelling, stem

SHORTHAND_FILE = Path(__file__).with_name("shorthand.json")
MAX_NAME_TOKENS = 8
MAX_MEDICINE_TOKENS = 5
FUZZY_MIN_LENGTH = 5
MEDICINE_FUZZY_CUTOFF = 85.0  # a misspelt medicine the pages lack: one slip in a word of six or more letters
MEDICINE_OVER_EVERYDAY_CUTOFF = 90.0  # and this near, for a word that is near an everyday word too
FUZZY_CUTOFF = 82.0
FUZZY_MARGIN = 6.0  # the best candidate must beat the next one (naming other pages) by this much
FUZZY_CUTOFF_WITH_GENERIC_WORD = 92.0  # "adrenal cancer" is not a misspelt "anal cancer"
# A looser spelling ("kitruda") passes when it is long and nothing else comes near it.
FUZZY_LOOSE_CUTOFF = 78.0
FUZZY_LOOSE_MARGIN = 12.0
FUZZY_LOOSE_MIN_LENGTH = 6
SOUND_CUTOFF = 85.0  # a name that sounds this near a drug's, as _SAME_SOUND spells both: one vowel off in seven
GENERIC_NAME_WORDS = frozenset({"cancer", "cancers", "tumor", "tumors", "tumour", "tumours", "lymphoma", "leukemia",
                                "leukaemia", "carcinoma", "sarcoma", "disease", "syndrome"})
# A cancer's name without its last word is still that cancer at the end of a question, after one of these.
BARE_NAME_ENDINGS = frozenset({"cancer", "cancers", "lymphoma", "leukemia", "carcinoma", "sarcoma", "tumor", "tumors"})
BARE_NAME_BEFORE = frozenset({"for", "in", "about", "with", "treat", "treats", "treating", "against", "and", "or"})
UNDER_THE_SKIN = ("sc", "subq", "sub q", "sub-q", "subcut", "subcutaneous")  # "rituximab sc", "subq daratumumab"
# "daratumumab and hyaluronidase-fihj", "rituximab and hyaluronidase human": a drug made up to be given under the skin.
MADE_WITH_HYALURONIDASE = re.compile(r"([a-z]+(?: [a-z]+)?) and hyaluronidase(?:-[a-z]{4}| human)?")
NOT_BARE_NAMES = frozenset({"blood", "childhood", "child", "children", "kids", "pediatric", "paediatric",
                            "throat", "mouth", "t-cell", "b-cell", "large b-cell"})  # "sore throat", "B-cell ALL"
REGIMEN_PART_LENGTH = 5  # a hyphenated name's part this short ("chop", "ice") is letters for drugs: no typo allowed
UNKNOWN_MIN_LENGTH = 5
# A drug's name heard as everyday words ("folks fox", "rev limit"): run together, they must be at least this close.
HEARD_EVERYDAY_CUTOFF = 85.0
HEARD_MIN_LENGTH = 6
HEARD_PREFIX = 3  # and start with a drug's first letters ("folksfox", "revlimit")
SPOKEN_R = frozenset({"are", "our"})  # "are chop" is R-CHOP
VERB_OR_PLACE_AFTER = frozenset({"to", "into", "onto"})  # words before a verb or a place, not a name's first sound
CONTRACTION_ENDS = frozenset({"t", "s", "m", "d", "ll", "re", "ve"})  # "don't really" is no name heard as "t really"
TYPO_CUTOFF = 85.0  # a word this close to an everyday word is a misspelling of it, not a name
_LONG_WORD = re.compile(r"[A-Za-z]{4,}")
# A name's first letter -> first letters that sound the same, as people write a name they have only heard:
# "Zeloda" (Xeloda), "Kytoxan" (Cytoxan), "sisplatin" (cisplatin).
SOUNDS_LIKE_FIRST = {"x": "z", "c": "ks"}
# Spellings of one sound, as people write a drug's name they have only heard ("opdeevo" is Opdivo).
_SOFT_C = re.compile(r"c(?=[ei])")
_VOWELS = re.compile(r"[aeiouy]+")
_SAME_SOUND = [(re.compile(pattern), sound) for pattern, sound in (
    (r"ph", "f"), (r"ee|ea|ie|y", "i"), (r"oo", "u"), (r"ck|q|c(?=[aou])", "k"), (r"^x", "z"), (r"(.)\1", r"\1"))]


def sound_of(word: str) -> str:
    """A word as it sounds, roughly: one spelling for each sound above."""
    for pattern, sound in _SAME_SOUND:
        word = pattern.sub(sound, word)
    return word


def consonants_of(sound: str) -> str:
    """A sound with every run of vowels after its first letter as one: how a name heard but not seen is spelt differs
    most in its vowels ("tamoxafin", "zitega", "sis platen" for tamoxifen, Zytiga, cisplatin), less in how it starts
    ("yam and" is not Emend)."""
    sound = _SOFT_C.sub("s", sound)
    return sound[:1] + _VOWELS.sub("a", sound[1:])


@dataclass(frozen=True)
class NameMatch:
    """A corpus drug or cancer named in a question."""

    text: str  # as written in the question
    name: str  # the alias it matched
    kind: str  # drug | cancer
    urls: tuple[str, ...]
    terms: tuple[str, ...]  # corpus names it stands for: a shorthand's expansions, else the alias (and what it spells)
    fuzzy: bool = False
    span: tuple[int, int] = field(default=(0, 0), compare=False)  # token positions in `question_tokens`
    kind_of: tuple[str, ...] = ()  # shorthand for one kind of a wider list's cancer ("mcl"): that kind, spelt out

    @property
    def named_as(self) -> tuple[str, ...]:
        """The names an indication must use to be about this one: as written and what it stands for; for one kind
        of a list's cancer ("MCL"), that kind ("mantle cell lymphoma"), not the list's name ("non-Hodgkin
        lymphoma", which every page for another kind of it would fit)."""
        return (self.text, *(self.kind_of or self.terms))


@dataclass(frozen=True)
class Medicine:
    """A medicine named in a question that no corpus page covers."""

    text: str  # as written
    name: str  # the dictionary's name for it ("Metoprolol" for "Lopressor")
    span: tuple[int, int] = field(default=(0, 0), compare=False)

    @property
    def described(self) -> str:
        """"metoprolol", or "Lopressor (metoprolol)" for a brand name; "Kesimpta (ofatumumab, multiple sclerosis)"
        where the dictionary names one product of a molecule by its use."""
        written = self.text.lower()
        generic = re.sub(r"\s*\(([^)]*)\)", lambda use: "" if use[1] == written else f", {use[1]}", self.name.lower())
        return generic if written == self.name.lower() else f"{self.text} ({generic})"


_BETWEEN_WORDS = re.compile(r"(?<=[^\W\d_]{2})/(?=[^\W\d_]{2})")  # "ven/aza", "carbo/pem"; not "w/", "c/o", "N/V"
_NON_SPACE = re.compile(r"\b(non) +(?=[^\W\d_])", re.I)  # "non small cell": the table has "non-small cell"
_CELL_LETTER = re.compile(r"\b(?<!car )([bt]) (cells?)\b", re.I)  # not "CAR T cells", which the shorthand knows
# "breast ca", "colon CA": clinical shorthand for cancer after a word, but not calcium ("serum Ca") or a tumour
# marker ("CA 19-9", "CA-125").
_CA = re.compile(r"\b([^\W\d_]{3,}) (ca)\b(?![\s-]*\d)", re.I)
CALCIUM_WORDS = frozenset({"serum", "ionized", "ionised", "corrected", "total", "free", "low", "high", "blood", "check",
                           "urine", "and", "with", "plus", "of"})
JOINING_WORDS = frozenset({"and", "or", "&", "/"})  # "breast and ovarian cancer", "kidney or liver cancer"


def question_tokens(text: str) -> list[str]:
    """Tokens of a question as written (case kept), split as the alias table is; possessives dropped, and words
    a slash joins ("abi/pred") apart, as no name in the table has a slash; British spellings as the pages spell
    them ("leukaemia"), "ca" after a word as "cancer" ("breast ca"), and "non" joined to the word it negates, as
    the table writes "non-small cell lung cancer" (else "non small cell lung cancer" would be read as small cell
    lung cancer)."""
    text = _BETWEEN_WORDS.sub(" ", re.sub(r"(\w)['’]s\b", r"\1", american_spelling(text)))
    lowered = text.lower()
    if " ca" in lowered:
        text = _CA.sub(lambda m: m[0] if m[1].lower() in CALCIUM_WORDS else f"{m[1]} cancer", text)
    if " cell" in lowered:
        text = _CELL_LETTER.sub(r"\1-\2", text)  # "b cell lymphoma" as the table writes it, "b-cell lymphoma"
    return name_tokens(_NON_SPACE.sub(r"\1-", text) if "non " in lowered else text)


def short_acronym(name: str) -> bool:
    return " " not in name and len(name) <= 4


def capitalised(written: str) -> bool:
    """"ICE", "VeIP": written as an acronym (at least two capitals), not as the word "ice"."""
    return written.isupper() or sum(ch.isupper() for ch in written) >= 2


def written_in_capitals(written: list[str]) -> bool:
    """"IS KEYTRUDA APPROVED FOR ALL CANCERS": most words in capitals, so capitals tell no acronym ("ALL")."""
    words = [w for w in written if sum(ch.isalpha() for ch in w) >= 2]
    return len(words) >= 3 and sum(w.isupper() for w in words) > len(words) / 2


def initials(name: str) -> str:
    """"chronic myelogenous leukemia" -> "cml", "non-hodgkin lymphoma" -> "nhl"."""
    return "".join(word[0] for word in re.split(r"[ -]+", name) if word)


def acronym_long_forms(cancers: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """"cml" -> ("chronic myelogenous leukemia",): a list heading's acronym ("Chronic Myelogenous Leukemia (CML)")
    stands for the names on the same pages whose initials it spells. A drug page writes the name out ("Imatinib
    is approved to treat chronic myelogenous leukemia"), so the acronym alone would not find it there."""
    by_initials: dict[str, list[str]] = {}
    for name in cancers:
        if " " in name:
            by_initials.setdefault(initials(name), []).append(name)
    forms = {}
    for name, urls in cancers.items():
        if name.isalpha() and len(name) <= 6:
            longer = tuple(n for n in by_initials.get(name, ()) if set(cancers[n]) & set(urls))
            if longer:
                forms[name] = longer
    return forms


def singular(phrase: str) -> str | None:
    if phrase.endswith("ies") and len(phrase) > 4:
        return phrase[:-3] + "y"
    if phrase.endswith("s") and not phrase.endswith("ss") and len(phrase) > 3:
        return phrase[:-1]
    return None


def plausible_misspelling(written: str, name: str) -> bool:
    """Whether `written` can be `name` with a few letters wrong, word by word when both have as many words.

    A misspelling swaps, drops or doubles a letter or two, about one edit in four letters at most
    ("cyclofosfamide"), or cuts a word short ("cervical ca"); fuzz.ratio alone lets a shared word carry a
    different name ("telisotuzumab vedotin" scores 89 against "tisotumab vedotin", four letters apart in the
    word that names the drug).
    """
    written_words, name_words = written.replace("-", " ").split(), name.replace("-", " ").split()
    joined = len(written_words) != len(name_words)
    if joined:  # words run together or split apart: "her septin"
        written_words, name_words = ["".join(written_words)], ["".join(name_words)]
    regimen = "-" in name and not joined  # "r-chop": every short part is a drug's initial, so "r-choep" is another
    return all(w == n or n.startswith(w) and len(w) >= 2
               or not (regimen and len(n) <= REGIMEN_PART_LENGTH)
               and Levenshtein.distance(w, n) <= max(2, max(len(w), len(n)) // 4)
               and (joined or not adds_a_syllable(w, n))
               for w, n in zip(written_words, name_words))


def adds_a_syllable(written: str, name: str) -> bool:
    """Two or more letters, not one doubled, inserted side by side: "folfoxiri" is FOLFIRI with OX added, another
    regimen, where a typo adds a single letter ("herceptine") or doubles one ("keytruddaa")."""
    def doubled(i: int) -> bool:
        return (i > 0 and written[i - 1] == written[i]) or (i + 1 < len(written) and written[i + 1] == written[i])

    inserted = [op.dest_pos for op in Levenshtein.editops(name, written) if op.tag == "insert"]
    return any(second == first + 1 and not (doubled(first) and doubled(second))
               for first, second in zip(inserted, inserted[1:]))


def hyphen_prefixes(name: str) -> list[str]:
    """"r-chop" -> ["r"]; "a-b-c" -> ["a", "a-b"]."""
    return [name[:i] for i, ch in enumerate(name) if ch == "-"]


class LengthBuckets:
    """Words by first letter and length, so that a fuzzy search compares a word only with those whose length
    allows the score: fuzz.ratio is 100 * (1 - indel distance / (len(a) + len(b))), and the distance is at
    least the difference in length (Levenshtein 1966, insertions and deletions only)."""

    def __init__(self, words: frozenset[str] | set[str]) -> None:
        self._words: dict[tuple[str, int], list[str]] = {}
        for word in sorted(words):
            self._words.setdefault((word[0], len(word)), []).append(word)
        self._longest = max((len(w) for w in words), default=0)
        # The candidates, gathered once for a first letter, length and cutoff that have any (so a few hundred keys:
        # no word is near one far longer than the longest).
        self._near: dict[tuple[str, int, float], list[str]] = {}

    def near(self, word: str, cutoff: float) -> list[str]:
        """The words of `word`'s first letter whose length lets fuzz.ratio reach `cutoff`."""
        key = (word[0], len(word), cutoff)
        candidates = self._near.get(key)
        if candidates is None:
            n = len(word)
            candidates = [candidate for m in range(1, self._longest + 1)
                          if 100 * (1 - abs(n - m) / (n + m)) >= cutoff - 1e-9
                          for candidate in self._words.get((word[0], m), ())]
            if candidates:
                self._near[key] = candidates
        return candidates

    def nearest(self, word: str, cutoff: float) -> str | None:
        """The word most like `word` by fuzz.ratio, if any reaches `cutoff`."""
        found = process.extractOne(word, self.near(word, cutoff), scorer=fuzz.ratio, score_cutoff=cutoff)
        return found[0] if found else None


def organ_first_names(cancers: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """"cancer of the breast", "cancer in the liver", "cancer of breast": how many people (and translations)
    name "breast cancer" and "liver cancer". Only for an organ of one word, which cannot be misread."""
    names = {}
    for name, urls in cancers.items():
        organ, _, last = name.rpartition(" ")
        if last == "cancer" and organ.isalpha():
            for form in (f"cancer of the {organ}", f"cancer of {organ}", f"cancer in the {organ}",
                         f"cancer in {organ}", f"cancer of my {organ}", f"cancer in my {organ}"):
                names.setdefault(form, urls)
    return {form: urls for form, urls in names.items() if form not in cancers}


TRAILING_WORDS = frozenset({"too", "also", "then", "please", "pls", "plz", "thanks"})  # after a name that ends a question


def bare_cancer_names(cancers: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """"ovarian" -> "ovarian cancer", "hairy cell" -> "hairy cell leukemia": what is left of a cancer's name when
    a nurse drops its last word ("is Gemzar used for pancreatic?", "what about ovarian?"). Not words that say
    something else on their own: the patient's age group ("childhood"), blood, or a phrase ending in a function
    word ("different types of")."""
    forms: dict[str, list[str]] = {}
    for name in cancers:
        *first, last = name.split(" ")
        if first and len(first) <= 3 and last in BARE_NAME_ENDINGS and first[-1] not in STOPWORDS:
            forms.setdefault(" ".join(first), []).append(name)
    return {bare: names[0] for bare, names in forms.items() if bare not in cancers and bare not in NOT_BARE_NAMES
            and len({cancers[n] for n in names}) == 1}


def coformulation_names(drugs: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """"rituximab hyaluronidase", "daratumumab sc", "subq daratumumab", "nivolumab subcutaneous": a drug made up
    with hyaluronidase to be given under the skin, as nurses write it, without the "and" or the suffix ("human",
    "-fihj"). Before, "rituximab hyaluronidase" was read as rituximab, a different page."""
    forms: dict[str, tuple[str, ...]] = {}
    for name, urls in drugs.items():
        made_with = MADE_WITH_HYALURONIDASE.fullmatch(name)
        if made_with is None:
            continue
        drug = made_with[1]
        shorthand = [f"{drug} hyaluronidase", f"{drug} and hyaluronidase"]
        if " " not in drug:
            shorthand += [f"{drug} {way}" for way in UNDER_THE_SKIN] + [f"{way} {drug}" for way in UNDER_THE_SKIN]
        for form in shorthand:
            forms.setdefault(form, urls)
    return {form: urls for form, urls in forms.items() if form not in drugs}


def forms_under_the_skin(drugs: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """A drug's page -> the pages of its forms made up with hyaluronidase ("daratumumab" -> "daratumumab and
    hyaluronidase-fihj"; "trastuzumab" -> Herceptin Hylecta's and Phesgo's)."""
    forms: dict[str, set[str]] = {}
    for name, urls in drugs.items():
        made_with = MADE_WITH_HYALURONIDASE.fullmatch(name)
        for drug in made_with[1].split(" ") if made_with else ():
            for url in drugs.get(drug, ()):
                forms.setdefault(url, set()).update(urls)
    return {url: tuple(sorted(form_urls)) for url, form_urls in forms.items()}


def generic_first_words(drugs: dict[str, tuple[str, ...]], common_words: frozenset[str] | set[str],
                        medicines: frozenset[str] | set[str] = frozenset()) -> dict[str, tuple[str, ...]]:
    """"sacituzumab" -> ("sacituzumab govitecan",): nurses and patients write the first word of a two-word generic
    name and drop the rest ("is obecabtagene approved?"). Only a word that is no everyday word, no medicine of
    its own (sirolimus is not Fyarro), no modifier of a drug named after it ("nanoparticle paclitaxel"), and
    whose names all lead to the same pages."""
    forms: dict[str, list[str]] = {}
    for name in drugs:
        first, *rest = name.split(" ")
        if (rest and first.isalpha() and len(first) >= 7 and first not in drugs and first not in common_words
                and first not in medicines and not any(word in drugs for word in rest)):
            forms.setdefault(first, []).append(name)
    return {first: tuple(names) for first, names in forms.items() if len({drugs[n] for n in names}) == 1}


# Kinds of medicine, written where a drug's name would be ("what is the antidote for methotrexate toxicity?", "are
# laxatives approved for opioid constipation?"): no page need use them, yet they are never a medicine the pages lack.
MEDICINE_KINDS = frozenset({
    "antidote", "antidotes", "remedies", "antiemetic", "antiemetics", "painkiller", "painkillers", "laxative",
    "laxatives", "diuretic", "diuretics", "anticoagulant", "anticoagulants", "biosimilar", "biosimilars",
    "antidepressant", "antidepressants", "antihistamine", "antihistamines", "analgesic", "analgesics", "antacid",
    "antacids", "premeds", "premedication", "premedications", "generics", "bispecific", "bispecifics",
    "bispecific antibody", "bispecific antibodies", "monoclonal antibody", "monoclonal antibodies", "tki", "tkis",
})


class NameMatcher:
    def __init__(self, aliases: dict[str, dict[str, list[str]]], vocabulary: set[str],
                 medicines: MedicineTable | None = None, common_words: frozenset[str] = frozenset(),
                 shorthand_file: Path = SHORTHAND_FILE) -> None:
        self.tables: dict[str, dict[str, tuple[str, ...]]] = {
            kind: {name: tuple(urls) for name, urls in aliases.get(kind, {}).items()} for kind in ("drug", "cancer")
        }
        self.tables["cancer"] |= organ_first_names(self.tables["cancer"])
        self.forms_under_the_skin = forms_under_the_skin(self.tables["drug"])
        self.tables["drug"] |= coformulation_names(self.tables["drug"])
        self.long_forms = acronym_long_forms(self.tables["cancer"])
        self.expansions: dict[str, tuple[str, ...]] = {}
        self.kinds_of: dict[str, tuple[str, ...]] = {}
        medicines = medicines or MedicineTable(source="none")
        for first, names in generic_first_words(self.tables["drug"], common_words, frozenset(medicines.names)).items():
            self.tables["drug"][first] = self.tables["drug"][names[0]]
            self.expansions[first] = names
        shorthand = json.loads(shorthand_file.read_text("utf-8"))
        for kind in ("drug", "cancer"):
            for short, targets in shorthand.get(kind, {}).items():
                urls = {url for target in targets for url in self.tables[kind].get(target, ())}
                urls.update(self.tables[kind].get(short, ()))
                if urls:
                    self.tables[kind][short] = tuple(sorted(urls))
                    self.expansions[short] = tuple(targets)
                    self.kinds_of[short] = tuple(target for target in targets  # "mantle cell lymphoma" is a kind
                                                 if target not in self.tables[kind] or target == short)  # of its list
        self.capitals_only = frozenset(shorthand.get("capitals_only", ()))  # "MM" is myeloma, "5 mm" a size
        self.lower_case_only = frozenset(shorthand.get("lower_case_only", ()))  # "bev" is bevacizumab, "Bev" a name
        self.bare_cancers = bare_cancer_names(self.tables["cancer"])  # with the shorthand's names ("gastric cancer")
        self.vocabulary = vocabulary  # every word the corpus pages use
        self.common_words = (common_words | MEDICINE_KINDS  # everyday English words, and words for symptoms
                             | frozenset(shorthand.get("everyday_words", ())))
        self.medicines = medicines
        self.condition_synonyms: dict[str, frozenset[str]] = {  # as tokenised: "metastases" is "metastase"
            stem(word): frozenset(map(stem, others)) for word, others in shorthand.get("condition_words", {}).items()}
        # Fuzzy candidates by first letter (a misspelling keeps it or one that sounds the same, see _fuzzy), in
        # table order.
        self._fuzzy_by_letter: dict[str, tuple[list[str], list[str]]] = {}
        for kind, table in self.tables.items():
            for name in table:
                if len(name) >= FUZZY_MIN_LENGTH:
                    for letter in (name[0], *SOUNDS_LIKE_FIRST.get(name[0], "")):
                        names, kinds = self._fuzzy_by_letter.setdefault(letter, ([], []))
                        names.append(name)
                        kinds.append(kind)
        self._common_by_length = LengthBuckets(self.common_words)
        # One-word medicine names by first letter and length, for a misspelt one ("asprin", "immodium").
        self._medicines_by_letter: dict[tuple[str, int], list[str]] = {}
        for name in medicines.names:
            if len(name) >= FUZZY_MIN_LENGTH and name.isalpha():
                self._medicines_by_letter.setdefault((name[0], len(name)), []).append(name)
        # "fol" -> {"folfox": "folfox", ...}, "rch" -> {"r-chop": "rchop"}: each name and the name run together, which
        # rapidfuzz compares with the words run together (a mapping's values are compared, its keys returned)
        self._drugs_by_prefix: dict[str, dict[str, str]] = {}
        for name in self.tables["drug"]:
            run_together = re.sub(r"[ -]", "", name)
            self._drugs_by_prefix.setdefault(run_together[:HEARD_PREFIX], {})[name] = run_together
        sounds: dict[str, set[str]] = {}
        for name in self.tables["drug"]:
            if name.isalpha() and len(name) >= FUZZY_MIN_LENGTH:
                sounds.setdefault(sound_of(name), set()).add(name)
        # A drug's name by how it sounds, where only one name sounds so; and those sounds by first letter, for a
        # name heard and spelt a little off ("folfury" sounds "folfuri", one vowel from FOLFIRI's "folfiri").
        self._drug_by_sound = {sound: next(iter(names)) for sound, names in sounds.items() if len(names) == 1}
        by_consonants: dict[str, set[str]] = {}
        for sound, names in sounds.items():
            by_consonants.setdefault(consonants_of(sound), set()).update(names)
        self._drug_by_consonants = {key: next(iter(names)) for key, names in by_consonants.items() if len(names) == 1}
        self._sounds_by_letter: dict[str, list[str]] = {}
        for sound in self._drug_by_sound:
            self._sounds_by_letter.setdefault(sound[0], []).append(sound)
        # What a phrase of several words must start with to be a name: a name's first word, or what comes
        # before one of its hyphens ("r chop" is looked up as "r-chop"). Most windows of a question are not.
        self._first_words = {prefix for table in self.tables.values() for name in table
                             for prefix in (name.split(" ", 1)[0], *hyphen_prefixes(name))}

    def needs_capitals(self, name: str) -> bool:
        """Short acronyms that are also words (ICE, PAD, OFF, CHOP) count only when written with capitals;
        one that is no word ("abvd", typed into a search box) counts as written, and so does shorthand ("pembro"),
        unless listed as capitals only."""
        if name in self.expansions:
            return name in self.capitals_only
        return short_acronym(name) and name in self.common_words

    def meanings(self, match: NameMatch) -> list[str]:
        """The pages a name stands for, its commonest meaning first: a shorthand's targets in the order it lists
        them ("lymphoma": non-Hodgkin, then Hodgkin; "sarcoma": soft tissue sarcoma first)."""
        ordered = [url for term in match.terms for url in self.tables[match.kind].get(term, ())]
        return list(dict.fromkeys(ordered + list(match.urls)))

    def unknown_words(self, text: str, names: list[NameMatch], medicines: list[Medicine]) -> list[str]:
        """Words that look like the name of something the pages never mention ("Modeyso", "Iscador"): used by
        no page, no everyday English word nor a misspelling of one ("recieved"), and no name found here."""
        written = question_tokens(text)
        taken = {i for m in (*names, *medicines) for i in range(*m.span)}
        found = []
        for i, word in enumerate(written):
            lowered = word.lower()
            if (i in taken or len(lowered) < UNKNOWN_MIN_LENGTH or not lowered.isalpha() or lowered in STOPWORDS
                    or lowered in self.vocabulary or lowered in self.common_words or self._misspelt_word(lowered)
                    or i > 0 and written[i - 1].lower() in ("a", "an")):  # "a definition for a handout": a thing
                continue
            found.append(word)
        return found

    def everyday_word(self, word: str) -> bool:
        """An everyday English word, or a misspelling of one: never a medicine's name."""
        return word in self.common_words or self.misspelt_everyday_word(word)

    def misspelt_everyday_word(self, word: str) -> bool:
        """"aprooved", "canser": close to an everyday English word without being one."""
        return word not in self.common_words and self._misspelt_word(word)

    def respelt(self, text: str, words: LengthBuckets) -> str:
        """`text` with each word that is neither an everyday word nor one the pages use, but a misspelling of one of
        `words`, written as that word: "feaver 39 on chemo", "my chesst hurts" as the red flags are written."""
        def respell(match: re.Match) -> str:
            word = match.group().lower()
            if word in self.common_words or word in self.vocabulary:
                return match.group()
            return words.nearest(word, TYPO_CUTOFF) or match.group()

        return _LONG_WORD.sub(respell, text)

    def _misspelt_word(self, word: str) -> bool:
        return self._common_by_length.nearest(word, TYPO_CUTOFF) is not None

    def _bare_cancer(self, tokens: list[str], taken: list[bool], drug_ends: set[int]) -> NameMatch | None:
        """A cancer named without its last word at the end of the question, after "for", "in", "about" or a
        drug's name ("... for pancreatic?", "Lenvima thyroid?", "is there a list for bladder too?")."""
        end = len(tokens)
        while end > 1 and tokens[end - 1] in TRAILING_WORDS:
            end -= 1
        for size in (3, 2, 1):
            start = end - size
            if (start < 1 or any(taken[start:end])
                    or tokens[start - 1] not in BARE_NAME_BEFORE and start - 1 not in drug_ends):
                continue
            phrase = " ".join(tokens[start:end])
            name = self.bare_cancers.get(phrase)
            if name:
                return self._named(phrase, ("cancer", name, self.tables["cancer"][name]), (start, end))
        return None

    def _exact(self, phrase: str) -> tuple[str, str, tuple[str, ...]] | None:
        spelt_out = phrase.replace(" ", "") if " " in phrase and all(len(t) == 1 for t in phrase.split()) else None
        for candidate in (phrase, singular(phrase), phrase.replace(" ", "-") if " " in phrase else None,  # "r chop"
                          spelt_out):  # "a b v d", as a voice assistant writes letters
            if not candidate:
                continue
            for kind in ("drug", "cancer"):
                urls = self.tables[kind].get(candidate)
                if urls:
                    return kind, candidate, urls
        urls = self.tables["cancer"].get(phrase + "s")  # "a brain tumor": NCI's list is for "brain tumors"
        return ("cancer", phrase + "s", urls) if urls and not phrase.endswith("s") else None

    def _fuzzy(self, phrase: str, written: str | None = None) -> tuple[str, str, tuple[str, ...]] | None:
        """The corpus name a misspelling stands for, if one clearly wins.

        Misspellings rarely get the first letter wrong, unless for one that sounds the same ("Zeloda", "Kytoxan");
        unknown drugs that merely rhyme often do (taletrectinib is not entrectinib). A runner-up within FUZZY_MARGIN
        that names other pages means the spelling is ambiguous, and a guess would put words in the question's mouth.
        `written` is the phrase as its words stand, when `phrase` ran them together ("telisotuzumabvedotin").
        """
        names, kinds = self._fuzzy_by_letter.get(phrase[0], ([], []))
        found = process.extract(phrase, names, scorer=fuzz.ratio, score_cutoff=FUZZY_LOOSE_CUTOFF - FUZZY_LOOSE_MARGIN,
                                limit=8)
        found = [f for f in found if plausible_misspelling(written or phrase, f[0])]
        generic = bool(GENERIC_NAME_WORDS & set(phrase.split()))
        cutoff, margin = (FUZZY_CUTOFF_WITH_GENERIC_WORD if generic else FUZZY_CUTOFF), FUZZY_MARGIN
        if found and found[0][1] < cutoff and not generic and " " not in phrase and len(phrase) >= FUZZY_LOOSE_MIN_LENGTH:
            cutoff, margin = FUZZY_LOOSE_CUTOFF, FUZZY_LOOSE_MARGIN
        if not found or found[0][1] < cutoff:
            return None
        name, score, index = found[0]
        kind = kinds[index]
        urls = self.tables[kind][name]
        if any(other_score > score - margin and self.tables[kinds[i]][other] != urls
               for other, other_score, i in found[1:]):
            return None
        return kind, name, urls

    def _misspelt_medicine(self, written: str) -> str | None:
        """The dictionary name of a medicine a lower-case word misspells ("asprin", "ibuprofin", "immodium"), if one
        clearly wins. Only a word no page uses and no everyday word, nor a misspelling of one unless it is nearer the
        medicine; capitalised words are left alone, as people's names in a message are ("Regards, Denise")."""
        word = written.lower()
        if (written != word or len(word) < FUZZY_MIN_LENGTH or not word.isalpha() or word in STOPWORDS
                or word in self.vocabulary or word in self.common_words):
            return None
        candidates = [name for size in range(len(word) - 2, len(word) + 3)
                      for name in self._medicines_by_letter.get((word[0], size), ())]
        found = process.extract(word, candidates, scorer=fuzz.ratio, score_cutoff=MEDICINE_FUZZY_CUTOFF, limit=3)
        found = [f for f in found if plausible_misspelling(word, f[0])]
        if not found or any(self.medicines.names[other] != self.medicines.names[found[0][0]]
                            and score > found[0][1] - FUZZY_MARGIN for other, score, _ in found[1:]):
            return None
        if found[0][1] < MEDICINE_OVER_EVERYDAY_CUTOFF and self.misspelt_everyday_word(word):
            return None  # "recieved" is a misspelt word; "asprin" is nearer aspirin than any everyday word
        return found[0][0]

    def _sounds_the_same(self, word: str) -> tuple[str, str, tuple[str, ...]] | None:
        """The drug whose name sounds just the same ("op deevo" run together): a lookup, cheap enough for every pair
        of words, unlike `_sounds_like`'s near sounds."""
        sound = sound_of(word) if word.isalpha() else ""
        name = self._drug_by_sound.get(sound) or self._drug_by_consonants.get(consonants_of(sound))
        return ("drug", name, self.tables["drug"][name]) if name else None

    def _sounds_like(self, word: str) -> tuple[str, str, tuple[str, ...]] | None:
        """The drug whose name sounds the same, written as heard ("opdeevo", "kytrooda"), or nearly the same, with
        no other name as near ("folfury")."""
        if not word.isalpha():
            return None
        sound = sound_of(word)
        name = self._drug_by_sound.get(sound)
        if name is None and len(sound) >= FUZZY_LOOSE_MIN_LENGTH:
            name = self._drug_by_consonants.get(consonants_of(sound))
        if name is None and len(sound) >= FUZZY_LOOSE_MIN_LENGTH:
            found = process.extract(sound, self._sounds_by_letter.get(sound[0], []), scorer=fuzz.ratio,
                                    score_cutoff=SOUND_CUTOFF - FUZZY_MARGIN, limit=2)
            clear = len(found) == 1 or found[1][1] <= found[0][1] - FUZZY_MARGIN if found else False
            if clear and found[0][1] >= SOUND_CUTOFF:
                name = self._drug_by_sound[found[0][0]]
        return ("drug", name, self.tables["drug"][name]) if name else None

    def _sharing_a_head(self, tokens: list[str], taken: list[bool], cancer: NameMatch) -> list[NameMatch]:
        """"breast and ovarian cancer", "kidney or liver cancer", "breast, ovarian and prostate cancer": the words
        joined to a cancer's name by "and" or "or" that name a cancer with its last word ("breast cancer")."""
        head, named = tokens[cancer.span[1] - 1], []
        k = cancer.span[0] - 1
        if k < 1 or tokens[k] not in JOINING_WORDS:
            return []
        k -= 1
        while k >= 0 and not taken[k]:
            found = self._exact(f"{tokens[k]} {head}")
            if found is None or found[0] != "cancer":
                break
            named.append(self._named(f"{tokens[k]} {head}", found, (k, k + 1)))
            k -= 2 if k >= 1 and tokens[k - 1] in JOINING_WORDS else 1
        return named

    def _named(self, text: str, found: tuple[str, str, tuple[str, ...]], span: tuple[int, int],
               fuzzy: bool = False) -> NameMatch:
        kind, name, urls = found
        terms = self.expansions.get(name) or (name, *self.long_forms.get(name, ()))
        return NameMatch(text, name, kind, urls, terms, fuzzy=fuzzy, span=span, kind_of=self.kinds_of.get(name, ()))

    def _heard(self, window: list[str]) -> tuple[str, str, tuple[str, ...]] | None:
        """The corpus name that words a voice assistant wrote stand for, run together ("her septin", "my loma").
        Everyday words only ("folks fox", "a beck ma", "rev limit") must come closer to a drug's name, and "are"
        before a regimen's letters is its R ("are chop")."""
        if window[0] in CONTRACTION_ENDS or window[-1] in STOPWORDS:
            return None  # nor "is told a" (Istodax), "a call a" (Acala): a name heard apart ends in a syllable of it
        joined = "".join(window)
        if window[0] in SPOKEN_R:
            return self._exact("r-" + "".join(window[1:]))
        if all(t in self.vocabulary or t in self.common_words or t in STOPWORDS for t in window):
            if len(joined) < HEARD_MIN_LENGTH or window[0] in VERB_OR_PLACE_AFTER:
                return None  # "to raise my platelets" is no Torisel, "made into rna" no Intron A
            # Only drugs whose name starts as the words do (most pairs of everyday words: none, "whatis").
            candidates = self._drugs_by_prefix.get(joined[:HEARD_PREFIX], {})
            best = process.extractOne(joined, candidates, scorer=fuzz.ratio, score_cutoff=HEARD_EVERYDAY_CUTOFF)
            return ("drug", best[2], self.tables["drug"][best[2]]) if best else None
        return self._exact(joined) or (self._fuzzy(joined, written=" ".join(window)) or self._sounds_the_same(joined)
                                       if len(joined) > FUZZY_MIN_LENGTH else None)  # "op deevo"

    def find(self, text: str) -> tuple[list[NameMatch], list[Medicine]]:
        """Corpus names (longest first, without overlaps) and the medicines no page covers."""
        written = question_tokens(text)
        tokens = [t.lower() for t in written]
        taken = [False] * len(tokens)
        shouted = written_in_capitals(written)
        matches: list[NameMatch] = []
        medicines: list[Medicine] = []
        for size in range(min(MAX_NAME_TOKENS, len(tokens)), 0, -1):
            for start in range(len(tokens) - size + 1):
                if any(taken[start:start + size]) or (
                        size > 1 and len(tokens[start]) > 1 and tokens[start] not in self._first_words):
                    continue
                phrase = " ".join(tokens[start:start + size])
                found = self._exact(phrase)
                if found and self.needs_capitals(found[1]) and (shouted or not capitalised(written[start])):
                    found = None
                if found and found[1] in self.lower_case_only and not written[start].islower():
                    found = None
                if found:
                    matches.append(self._named(phrase, found, (start, start + size)))
                    taken[start:start + size] = [True] * size
        for shared in [m for m in matches if m.kind == "cancer" and m.span[1] - m.span[0] > 1]:
            for named in self._sharing_a_head(tokens, taken, shared):
                matches.append(named)
                taken[named.span[0]] = True
        if not any(m.kind == "cancer" for m in matches):
            bare = self._bare_cancer(tokens, taken, {m.span[1] - 1 for m in matches if m.kind == "drug"})
            if bare:
                matches.append(bare)
                taken[bare.span[0]:bare.span[1]] = [True] * (bare.span[1] - bare.span[0])
        for size in range(min(MAX_MEDICINE_TOKENS, len(tokens)), 0, -1):
            for start in range(len(tokens) - size + 1):
                if any(taken[start:start + size]):
                    continue
                phrase = " ".join(tokens[start:start + size])
                medicine = self.medicines.names.get(phrase)
                if medicine is None or phrase in MEDICINE_KINDS:
                    continue
                urls = self.medicines.name_urls.get(phrase) or self.medicines.corpus_urls.get(medicine)
                span = (start, start + size)
                if urls:
                    matches.append(NameMatch(phrase, phrase, "drug", tuple(urls), (medicine.lower(),), span=span))
                else:
                    medicines.append(Medicine(" ".join(written[start:start + size]), medicine, span=span))
                taken[start:start + size] = [True] * size
        for size in (2, 1):
            for start in range(len(tokens) - size + 1):
                window = tokens[start:start + size]
                everyday = all(t in self.vocabulary or t in self.common_words for t in window)
                if everyday and size == 2 and window[1] in ("cancer", "cancers") and window[0] not in self.vocabulary:
                    everyday = False  # "brest cancer": a word the pages never use, before "cancer", may be misspelt
                if any(taken[start:start + size]) or everyday or any(t in STOPWORDS for t in window):
                    continue
                phrase = " ".join(window)
                if len(phrase) < FUZZY_MIN_LENGTH:
                    continue
                found = self._fuzzy(phrase) or (self._sounds_like(phrase) if size == 1 else None)
                if found:
                    matches.append(self._named(phrase, found, (start, start + size), fuzzy=True))
                    taken[start:start + size] = [True] * size
        for start, word in enumerate(written):
            if taken[start] or not asked_as_a_medicine(tokens, start):
                continue
            if (medicine_name := self._misspelt_medicine(word)) is not None:
                medicine = self.medicines.names[medicine_name]
                urls = self.medicines.name_urls.get(medicine_name) or self.medicines.corpus_urls.get(medicine)
                span = (start, start + 1)
                if urls:
                    matches.append(NameMatch(medicine_name, medicine_name, "drug", tuple(urls), (medicine.lower(),),
                                             fuzzy=True, span=span))
                else:
                    medicines.append(Medicine(word, medicine, span=span))
                taken[start] = True
        # A name heard as words: "her septin", "my loma" (voice assistants split names). It may win over a
        # dictionary word the split produced ("septin").
        heard = {i for medicine in medicines for i in range(*medicine.span)}
        for size in (3, 2):
            for start in range(len(tokens) - size + 1):
                window = tokens[start:start + size]
                if (any(taken[i] and i not in heard for i in range(start, start + size))
                        or GENERIC_NAME_WORDS & set(window)):  # "adrenal cancer" is no misheard "anal cancer"
                    continue
                found = self._heard(window)
                if found:
                    span = (start, start + size)
                    matches.append(self._named(" ".join(window), found, span, fuzzy=True))
                    medicines = [m for m in medicines if m.span[1] <= span[0] or m.span[0] >= span[1]]
                    taken[start:start + size] = [True] * size
        return matches, medicines


# Where a word stands as a medicine asked about or taken ("is asprin approved", "what is immodium for", "taking
# ibuprofin"), not as a condition ("I have psoriasis", "linked to H. pylori", "a hysterectomy for fibroids").
_BEFORE_A_MEDICINE = frozenset({"is", "whats", "what's", "can", "does", "take", "taking", "took", "taken", "on", "with",
                                "about", "using"})
_AFTER_A_MEDICINE = frozenset({"for", "approved", "aproved", "tablet", "tablets", "pill", "pills", "capsules", "safe",
                               "ok", "okay", "make", "cause", "causes"})


def asked_as_a_medicine(tokens: list[str], index: int) -> bool:
    return ((index > 0 and tokens[index - 1] in _BEFORE_A_MEDICINE)
            or (index + 1 < len(tokens) and tokens[index + 1] in _AFTER_A_MEDICINE))


def masked(text: str, names: list[NameMatch], medicines: list[Medicine], drug: str, cancer: str | None = None) -> str:
    """The question's tokens with each drug or medicine name replaced by `drug` (and each cancer by `cancer`):
    what a question asks does not depend on which drug it names, and a classifier should not learn names."""
    tokens = question_tokens(text)
    replace: dict[int, tuple[int, str]] = {m.span[0]: (m.span[1], drug) for m in medicines}
    for m in names:
        if m.kind == "drug" or cancer is not None:
            replace[m.span[0]] = (m.span[1], drug if m.kind == "drug" else cancer)
    out, i = [], 0
    while i < len(tokens):
        if i in replace:
            end, word = replace[i]
            out.append(word)
            i = end
        else:
            out.append(tokens[i])
            i += 1
    return " ".join(out)
