"""Medicine names the corpus may lack, from the offline drug-named-entity-recognition dictionary.

A question about metoprolol must be told "the pages do not cover metoprolol", not answered from the
nearest-looking page (procarbazine). That needs to know that metoprolol is a medicine at all: the
`drug-named-entity-recognition` package (MIT; DrugBank, MeSH, Wikipedia and NHS names, brand names
included) knows about 107,000 names of 20,000 medicines, offline.

Importing that package costs about 1.4 s and 350 MB (it builds n-gram tables for fuzzy matching), too
much for every serving worker, so ingest reads its dictionary once and writes the part retrieval needs
into the index artifact: each name (lower case) and the medicine it names, and the corpus pages a medicine
resolves to when one of its names is a corpus drug name (Zofran -> ondansetron's page).
"""

from __future__ import annotations

import re

from ingest.artifact import MedicineTable
from ingest.names import normalise_name

SOURCE = "drug-named-entity-recognition"
MIN_NAME_CHARS = 4

# Dictionary entries that are everyday words, classes of medicine or parts of a molecule, not the name of one
# medicine. Found by listing the dictionary's names that are whole words in the MiniLM vocabulary (so common
# English: "more", "caps", "sits") and its one-word names that the corpus uses as ordinary words.
NOT_A_MEDICINE_NAME = frozenset(phrase.strip() for phrase in """
    angelica, armour, caps, diamonds, dona, fargo, fivb, hana, indicators, kendrick, more, sits, sugarcane, sulfur,
    psychedelic, mrna, trna, rdna, sulfate, sulfates, mesylate, mesylates, citrate, folate, oats, oat, hops, oregano,
    water, oxygen, sugar, salt, alcohol, coffee, caffeine, tea, milk, iron, zinc, calcium, sodium, potassium,
    magnesium, blood, plasma, platelets, saline, glucose, protein, fiber,
    antibiotic, antibiotics, antibodies, antibody, narcotics, opioids, steroid, steroids, anabolic steroids, vitamin,
    vitamins, b vitamins, hormone, hormones, estrogen, androgens, hormone replacement therapy, contraceptive,
    contraceptives, oral contraceptives, antacid, antacids, laxative, laxatives, stool softener, stool softeners,
    nasal spray, nasal sprays, vaccine, vaccines, interferon, interferons, chemotherapy, radiation,
    anthracycline, anthracyclines, antifolate, antimetabolite, aromatase, bisphosphonate, bisphosphonates,
    immunosuppressant, proteasome, radiopharmaceuticals, serm, taxanes, telomerase, vegf, vegfr-2, pik3ca, hla-a,
    alpha-fetoprotein, lhrh, gm-csf
""".split(","))
MAX_PAGES_BY_FIRST_WORD = 3
COMBINED = re.compile(r",? and |, ")  # "pertuzumab, trastuzumab, and hyaluronidase-zzxf"
FDA_SUFFIX = re.compile(r"-[a-z]{4}$")  # the four letters that tell biologics apart ("relatlimab-rmbw")
# Everyday names the dictionary lacks for medicines it has, as patients write them ("senna tablets for constipation,
# is that approved?", "is CBD oil approved for cancer pain?", "turkey tail mushroom capsules for breast cancer - is that
# an approved treatment"): name -> the dictionary's medicine.
EVERYDAY_NAMES = {
    "senna": "Sennosides", "movicol": "Macrogol", "laxido": "Macrogol",
    "cbd": "Cannabidiol", "cbd oil": "Cannabidiol", "cbd gummies": "Cannabidiol",
    "cannabis": "Medical Cannabis", "cannabis oil": "Medical Cannabis", "medical marijuana": "Medical Cannabis",
    "medical cannabis": "Medical Cannabis", "hemp oil": "Medical Cannabis", "rick simpson oil": "Medical Cannabis",
    "turkey tail": "Trametes versicolor fruiting body",
}


# The dictionary also holds MeSH entries for classes and molecules ("parp inhibitors", "estrogen receptor"): a
# name ending in one of these words names no one medicine a patient takes.
CLASS_WORDS = frozenset("""
    inhibitor inhibitors agent agents antagonist antagonists agonist agonists blocker blockers modulator modulators
    drug drugs compound compounds preparation preparations product products receptor receptors protein proteins
    factor factors kinase kinases antigen antigens subunit subunits enzyme enzymes dehydrogenase reductase synthase
    synthetase transporter transporters channel channels chain chains peptide peptides complex rna dna
""".split())


def is_medicine_name(name: str) -> bool:
    """Long enough, has a letter, and is neither an everyday word nor a class of medicines or molecules."""
    return (len(name) >= MIN_NAME_CHARS and re.search(r"[a-z]", name) is not None and name not in NOT_A_MEDICINE_NAME
            and name.split()[-1] not in CLASS_WORDS)


def own_pages(names: set[str], drug_aliases: dict[str, list[str]]) -> set[str]:
    """The corpus pages of the names of a medicine that are corpus drug names."""
    return {url for name in names for url in drug_aliases.get(name, ())}


def corpus_pages(names: set[str], bare_name: str, drug_aliases: dict[str, list[str]],
                 products_named: set[str] = frozenset()) -> set[str]:
    """The corpus pages a medicine reaches: those of a name of it that is a corpus drug name, else of its name
    without the parenthesis (`Paclitaxel (with polyoxyethylated castor oil)` -> paclitaxel), but not pages that
    already print another product of the same molecule by its names: the dictionary keeps "Ofatumumab (Multiple
    Sclerosis)" (Kesimpta) apart from "Ofatumumab (Chronic Lymphocytic Leukemia)" (Arzerra), and the ofatumumab page,
    which names Arzerra, says nothing of Kesimpta's uses."""
    return own_pages(names, drug_aliases) or own_pages({bare_name}, drug_aliases) - products_named


def pages_by_first_word(name: str, by_first_word: dict[str, set[str]]) -> set[str]:
    """A one-word name that starts corpus drug names of at most three pages reaches those pages, before its
    medicine does: `lupron` -> Lupron Depot's page (leuprolide acetate, not also leuprolide mesylate),
    `epoetin` -> Epoetin Alfa's."""
    found = by_first_word.get(name, set()) if " " not in name else set()
    return found if len(found) <= MAX_PAGES_BY_FIRST_WORD else set()


def pages_by_component(drug_aliases: dict[str, list[str]]) -> dict[str, set[str]]:
    """The pages of combinations by the first word of each later part, its FDA suffix dropped: `relatlimab` ->
    "nivolumab and relatlimab-rmbw" (Opdualag), `tipiracil` -> "trifluridine and tipiracil hydrochloride"."""
    found: dict[str, set[str]] = {}
    for alias, urls in drug_aliases.items():
        for part in COMBINED.split(alias)[1:]:
            word = FDA_SUFFIX.sub("", part.split(" ")[0])
            found.setdefault(word, set()).update(urls)
    return found


def build_medicines(drug_aliases: dict[str, list[str]]) -> MedicineTable:
    """Every medicine name the dictionary knows, and the corpus pages of the medicines the corpus has.

    A medicine reaches corpus pages through its names (`corpus_pages`), so a brand name the pages never
    print still reaches its drug (Zofran -> ondansetron); one no page has of its own reaches the combination it
    is part of (`pages_by_component`).
    """
    from importlib.metadata import version

    from drug_named_entity_recognition import drugs_finder

    table = MedicineTable(source=f"{SOURCE} {version(SOURCE)}")
    by_medicine: dict[str, set[str]] = {}
    for variant, canonicals in drugs_finder.drug_variant_to_canonical.items():
        name = normalise_name(variant)
        if not canonicals or not is_medicine_name(name):
            continue
        canonical = canonicals[0]
        medicine = drugs_finder.drug_canonical_to_data.get(canonical, {}).get("name") or canonical
        table.names.setdefault(name, medicine)
        by_medicine.setdefault(medicine, {normalise_name(medicine)}).add(name)
    for name, medicine in EVERYDAY_NAMES.items():
        if medicine in by_medicine:
            table.names.setdefault(name, medicine)
            by_medicine[medicine].add(name)
    by_first_word: dict[str, set[str]] = {}
    for alias, urls in drug_aliases.items():
        by_first_word.setdefault(alias.split(" ")[0], set()).update(urls)
    by_component = pages_by_component(drug_aliases)
    bare_names = {medicine: normalise_name(re.sub(r"\s*\([^)]*\)", " ", medicine)) for medicine in by_medicine}
    products_named: dict[str, set[str]] = {}  # bare name -> pages that print one of its products' own names
    for medicine, names in by_medicine.items():
        if bare_names[medicine] != normalise_name(medicine):
            products_named.setdefault(bare_names[medicine], set()).update(own_pages(names, drug_aliases))
    for medicine, names in by_medicine.items():
        bare_name = bare_names[medicine]
        own = {name: pages_by_first_word(name, by_first_word) for name in names & table.names.keys()}
        table.name_urls.update({name: sorted(urls) for name, urls in own.items() if urls})
        by_word = set().union(*own.values())
        urls = (corpus_pages(names, bare_name, drug_aliases, products_named.get(bare_name, set()))
                or (by_word if len(by_word) <= MAX_PAGES_BY_FIRST_WORD else set()))
        if not urls:  # a medicine no page has of its own, part of a combination that has one ("relatlimab")
            by_part = set().union(*(by_component.get(name, set()) for name in names))
            urls = by_part if len(by_part) <= MAX_PAGES_BY_FIRST_WORD else set()
        if urls:
            table.corpus_urls[medicine] = sorted(urls)
    return table
