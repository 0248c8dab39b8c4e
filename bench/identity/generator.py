#!/usr/bin/env python
"""Synthetic exports of an Italian social-services district, with the truth kept apart.

    python bench/identity/generator.py --records 40000 --variant main --seed 1 --out /tmp/linkage40k

Writes one CSV per organisation (municipal registry, listening centre, health
service, housing company, night shelter), a sources.toml describing them for
`link_records`, and truth.csv (source, record_id, person_id, household_id,
tags) that the linkage never reads. Deterministic for a seed. Every record is
tagged with the difficulties applied to it (see TAGS), so results can be
reported per difficulty. All names are drawn from pools of common names, all
codes are computed: no real person's data.

Two variants: "main" (used while building the engine) and "heldout" (other
origins and spellings, different error rates and office habits) to check that
the engine generalises instead of fitting one generator.
"""

import argparse
import csv
import random
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from anyascii import anyascii
from codicefiscale import codicefiscale as cf_lib

sys.path.insert(0, str(Path(__file__).resolve().parent))
import names_pool as pool

TAGS = (
    "no_tax_code",  # the record has no tax code at all
    "tax_code_typo",  # one character off (fails the check character)
    "tax_code_omocodia",  # an omocodia variant of the person's code
    "tax_code_recomputed",  # valid code recomputed from slightly wrong data
    "tax_code_other_person",  # a relative's code written by mistake
    "stp_eni",  # a temporary STP/ENI code instead of a codice fiscale
    "transliteration",  # a foreign name written in another spelling
    "names_swapped",  # given and family name in each other's field
    "full_name",  # one field, order unknown
    "name_part_dropped",  # second given name or second surname missing
    "nickname",
    "name_typo",
    "year_only",
    "jan1_default",  # 1 January written for an unknown day
    "day_month_swapped",
    "two_digit_year",
    "declared_age",
    "date_typo",
    "no_birth_date",
    "address_variant",  # abbreviations, another layout, number missing
    "address_missing",
    "moved",  # an older or newer address
    "phone_changed",
)


@dataclass
class Rates:
    name_typo: float = 0.04
    swap_fields: float = 0.04
    nickname: float = 0.25
    drop_part: float = 0.35
    dm_swap: float = 0.03
    date_typo: float = 0.02
    cf_typo: float = 0.03
    cf_omocodia: float = 0.01
    cf_recomputed: float = 0.03
    cf_other_person: float = 0.004
    moved: float = 0.15
    phone_changed: float = 0.25
    dob_unknown_foreign: float = 0.2
    age_error: float = 0.15
    household_twins: float = 0.04


MAIN_RATES = Rates()
HELDOUT_RATES = Rates(
    name_typo=0.06,
    swap_fields=0.07,
    nickname=0.2,
    drop_part=0.45,
    dm_swap=0.05,
    date_typo=0.03,
    cf_typo=0.04,
    cf_omocodia=0.02,
    cf_recomputed=0.04,
    cf_other_person=0.006,
    moved=0.2,
    phone_changed=0.3,
    dob_unknown_foreign=0.3,
    age_error=0.25,
    household_twins=0.05,
)


@dataclass
class Person:
    pid: int
    origin: str
    sex: str
    given: list[str]  # pool specs ("Mohamed|Mohammed|...")
    family: list[str]
    dob: date
    dob_unknown: bool
    birthplace: str
    household: int
    regular: bool
    homeless: bool
    address: tuple[str, str, str] | None  # street, number, municipality
    old_address: tuple[str, str, str] | None
    phones: list[str]
    cf: str | None
    passport: str | None
    tags_base: set = field(default_factory=set)


# --- spelling --------------------------------------------------------------------------

CYRILLIC_SCHEMES = {
    "english": {
        "ш": "sh",
        "щ": "shch",
        "ч": "ch",
        "х": "kh",
        "ж": "zh",
        "й": "y",
        "я": "ya",
        "ю": "yu",
        "є": "ye",
        "ї": "yi",
        "и": "y",
        "і": "i",
        "ц": "ts",
        "г": "h",
        "ь": "",
        "'": "",
    },
    "italian": {
        "ш": "sc",
        "щ": "sc",
        "ч": "c",
        "х": "h",
        "ж": "j",
        "й": "i",
        "я": "ia",
        "ю": "iu",
        "є": "ie",
        "ї": "i",
        "и": "i",
        "і": "i",
        "ц": "z",
        "г": "g",
        "ь": "",
        "'": "",
    },
    "german": {
        "ш": "sch",
        "щ": "schtsch",
        "ч": "tsch",
        "х": "ch",
        "ж": "sh",
        "й": "j",
        "я": "ja",
        "ю": "ju",
        "є": "je",
        "ї": "ji",
        "и": "y",
        "і": "i",
        "ц": "z",
        "г": "h",
        "ь": "",
        "в": "w",
        "'": "",
    },
    "french": {
        "ш": "ch",
        "щ": "chtch",
        "ч": "tch",
        "х": "kh",
        "ж": "j",
        "й": "ï",
        "я": "ia",
        "ю": "iou",
        "є": "ie",
        "ї": "ï",
        "и": "y",
        "і": "i",
        "ц": "ts",
        "г": "h",
        "у": "ou",
        "ь": "",
        "'": "",
    },
}
WADE_GILES = {
    "Zhang": "Chang",
    "Zhou": "Chou",
    "Xu": "Hsu",
    "Zhao": "Chao",
    "Zhu": "Chu",
    "Qiang": "Chiang",
    "Jian": "Chien",
    "Xiaoming": "Hsiao-ming",
    "Jianguo": "Chien-kuo",
    "Zhiwei": "Chih-wei",
    "Xiaoyan": "Hsiao-yen",
    "Xiulan": "Hsiu-lan",
    "Guo": "Kuo",
}
GEORGIAN_ENGLISH = {
    "ა": "a",
    "ბ": "b",
    "გ": "g",
    "დ": "d",
    "ე": "e",
    "ვ": "v",
    "ზ": "z",
    "თ": "t",
    "ი": "i",
    "კ": "k",
    "ლ": "l",
    "მ": "m",
    "ნ": "n",
    "ო": "o",
    "პ": "p",
    "ჟ": "zh",
    "რ": "r",
    "ს": "s",
    "ტ": "t",
    "უ": "u",
    "ფ": "p",
    "ქ": "k",
    "ღ": "gh",
    "ყ": "q",
    "შ": "sh",
    "ჩ": "ch",
    "ც": "ts",
    "ძ": "dz",
    "წ": "ts",
    "ჭ": "ch",
    "ხ": "kh",
    "ჯ": "j",
    "ჰ": "h",
}
GEORGIAN_ITALIAN = {
    **GEORGIAN_ENGLISH,
    "შ": "sc",
    "ჩ": "c",
    "ხ": "h",
    "ჟ": "j",
    "ძ": "z",
    "წ": "z",
    "ც": "z",
    "ყ": "k",
    "ღ": "g",
}


def transliterate(text: str, scheme: dict) -> str:
    out = []
    for char in text:
        lower = char.lower()
        if lower in scheme:
            value = scheme[lower]
            out.append(value.capitalize() if char != lower and value else value)
        else:
            out.append(anyascii(char))
    word = "".join(out)
    return word[:1].upper() + word[1:]


def canonical(spec: str) -> str:
    return spec.split("|")[0].replace("_", " ")


def spell(spec: str, origin: dict, office_style: str, rng: random.Random, tags: set, rates: Rates) -> str:
    """How one office writes one name part of a person."""
    if origin.get("cyrillic"):
        scheme = {
            "registry": "english",
            "health": "english",
            "listening": "italian",
            "housing": "italian",
            "shelter": "english",
        }.get(office_style, "english")
        if office_style == "shelter" and rng.random() < 0.5:
            scheme = rng.choice(["german", "french", "italian"])
        if rng.random() < 0.15:
            scheme = rng.choice(list(CYRILLIC_SCHEMES))
        written = transliterate(spec, CYRILLIC_SCHEMES[scheme])
        if written != transliterate(spec, CYRILLIC_SCHEMES["english"]):
            tags.add("transliteration")
        return written
    if origin.get("georgian"):
        scheme = (
            GEORGIAN_ITALIAN
            if office_style in ("listening", "shelter") and rng.random() < 0.7
            else GEORGIAN_ENGLISH
        )
        written = transliterate(spec, scheme)
        if rng.random() < 0.3:
            written = anyascii(spec).capitalize()
        if written != transliterate(spec, GEORGIAN_ENGLISH):
            tags.add("transliteration")
        return written
    variants = [variant.replace("_", " ") for variant in spec.split("|")]
    if origin.get("chinese") and variants[0] in WADE_GILES and rng.random() < 0.3:
        tags.add("transliteration")
        return WADE_GILES[variants[0]]
    if len(variants) > 1 and office_style != "registry" and rng.random() < 0.55:
        choice = rng.choice(variants[1:])
        if choice != variants[0]:
            tags.add("transliteration")
        return choice
    if office_style != "registry" and rng.random() < 0.25:
        respelled = respell(
            variants[0], rng, RESPELLINGS_HELDOUT if rates is HELDOUT_RATES else RESPELLINGS_MAIN
        )
        if respelled != variants[0]:
            tags.add("transliteration")
            return respelled
    if len(variants) > 1 and office_style == "registry" and rng.random() < 0.1:
        tags.add("transliteration")
        return variants[1]
    return variants[0]


RESPELLINGS_MAIN = (
    ("ou", "u"),
    ("u", "ou"),
    ("ee", "i"),
    ("i", "ee"),
    ("y", "i"),
    ("i", "y"),
    ("kh", "h"),
    ("h", ""),
    ("sh", "ch"),
    ("j", "dj"),
    ("c", "k"),
    ("k", "c"),
    ("ph", "f"),
    ("ss", "s"),
    ("s", "ss"),
    ("ll", "l"),
    ("l", "ll"),
    ("mm", "m"),
    ("m", "mm"),
    ("a", "e"),
    ("e", "a"),
    ("o", "u"),
)
RESPELLINGS_HELDOUT = (
    ("q", "k"),
    ("k", "q"),
    ("gh", "g"),
    ("th", "t"),
    ("t", "th"),
    ("dh", "d"),
    ("aa", "a"),
    ("a", "aa"),
    ("w", "v"),
    ("v", "w"),
    ("ei", "ai"),
    ("ai", "ei"),
    ("z", "s"),
    ("tt", "t"),
    ("r", "rr"),
    ("u", "oo"),
)


def respell(word: str, rng: random.Random, rules) -> str:
    """Another office's spelling of a transliterated name: one plausible substitution."""
    lower = word.lower()
    options = [(a, b) for a, b in rules if a in lower[1:]]
    if not options:
        return word
    a, b = rng.choice(options)
    position = lower.find(a, 1)
    result = lower[:position] + b + lower[position + len(a) :]
    return result[:1].upper() + result[1:] if word[:1].isupper() else result


def typo(word: str, rng: random.Random) -> str:
    if len(word) < 4:
        return word
    position = rng.randrange(1, len(word) - 1)
    kind = rng.random()
    letters = "aeioulnrstcm"
    if kind < 0.3:
        return word[:position] + word[position + 1 :]
    if kind < 0.55:
        return word[:position] + rng.choice(letters) + word[position:]
    if kind < 0.8:
        return word[:position] + rng.choice(letters) + word[position + 1 :]
    return word[: position - 1] + word[position] + word[position - 1] + word[position + 1 :]


# --- people ----------------------------------------------------------------------------


_WEIGHTS: dict = {}


def zipf_choice(items, rng: random.Random, exponent: float = 0.9):
    """A few names are common, most are rare (exponent flatter for long lists)."""
    if len(items) > 200:
        exponent = min(exponent, 0.6)
    key = (id(items), len(items), exponent)
    if key not in _WEIGHTS:
        weights = [1 / (rank + 1) ** exponent for rank in range(len(items))]
        total = 0.0
        cumulative = []
        for weight in weights:
            total += weight
            cumulative.append(total)
        _WEIGHTS[key] = cumulative
    return rng.choices(items, cum_weights=_WEIGHTS[key], k=1)[0]


def origins_for(variant: str) -> tuple[dict, dict]:
    origins = dict(pool.ORIGINS)
    if variant == "heldout":
        origins.update(pool.HELDOUT_ORIGINS)
        return origins, pool.HELDOUT_WEIGHTS
    return origins, pool.MAIN_WEIGHTS


def passport_latin(spec: str, origin: dict) -> str:
    if origin.get("cyrillic"):
        return transliterate(spec, CYRILLIC_SCHEMES["english"])
    if origin.get("georgian"):
        return transliterate(spec, GEORGIAN_ENGLISH)
    return canonical(spec)


def compute_cf(
    family: list[str], given: list[str], sex: str, dob: date, birthplace: str, origin: dict | None
) -> str:
    last = " ".join(passport_latin(part, origin or {}) for part in family)
    first = " ".join(passport_latin(part, origin or {}) for part in given)
    place = {"Cina": "China"}.get(birthplace, birthplace)
    return cf_lib.encode(
        lastname=last, firstname=first, gender=sex, birthdate=dob.strftime("%d/%m/%Y"), birthplace=place
    )


class World:
    def __init__(self, persons_wanted: int, variant: str, seed: int):
        self.rng = random.Random(seed)
        self.variant = variant
        self.rates = HELDOUT_RATES if variant == "heldout" else MAIN_RATES
        self.origins, self.weights = origins_for(variant)
        self.persons: list[Person] = []
        self.reference = date(2025, 6, 30)
        household = 0
        while len(self.persons) < persons_wanted:
            household += 1
            self._household(household)

    def _name(self, origin_code: str, sex: str) -> tuple[list[str], list[str]]:
        rng = self.rng
        if origin_code == "IT":
            given_pool = pool.ITALIAN_MALE if sex == "M" else pool.ITALIAN_FEMALE
            given = [zipf_choice(given_pool, rng)]
            if rng.random() < 0.12:
                given.append(zipf_choice(given_pool, rng))
            family = [zipf_choice(pool.ITALIAN_SURNAMES, rng, 0.7)]
            return given, family
        origin = self.origins[origin_code]
        given = [zipf_choice(origin["male" if sex == "M" else "female"], rng, 0.7)]
        if origin.get("spanish") or (origin_code in ("MA", "BD", "PK", "TN") and rng.random() < 0.25):
            second = zipf_choice(origin["male" if sex == "M" else "female"], rng)
            if second != given[0]:
                given.append(second)
        family = [zipf_choice(origin["surnames"], rng, 0.5)]
        if origin.get("spanish"):
            second = zipf_choice(origin["surnames"], rng, 0.5)
            if second != family[0]:
                family.append(second)
        return given, family

    def _address(self) -> tuple[str, str, str]:
        rng = self.rng
        number = str(rng.randint(1, 120)) + (rng.choice(["", "", "", "", "A", "B"]))
        return rng.choice(pool.STREETS), number, zipf_choice(pool.MUNICIPALITIES, rng, 1.2)

    def _phone(self) -> str:
        return "3" + str(self.rng.randint(20, 93)) + str(self.rng.randint(1000000, 9999999))

    def _household(self, household: int) -> None:
        rng = self.rng
        codes = list(self.weights)
        origin_code = rng.choices(codes, weights=[self.weights[c] for c in codes], k=1)[0]
        size = rng.choices([1, 2, 3, 4, 5, 6], weights=[35, 25, 18, 14, 6, 2], k=1)[0]
        homeless = size == 1 and rng.random() < 0.3
        regular = origin_code == "IT" or rng.random() < 0.7
        address = None if homeless else self._address()
        landline = "0341" + str(rng.randint(100000, 999999)) if rng.random() < 0.3 else None
        parent_sex = rng.choice("MF")
        base_year = rng.randint(1940, 2002)
        _, shared_family = self._name(origin_code, parent_sex)
        members: list[tuple[str, date, list[str], list[str]]] = []
        twins_made = False
        for index in range(size):
            sex = (
                parent_sex
                if index == 0
                else ("F" if parent_sex == "M" else "M")
                if index == 1
                else rng.choice("MF")
            )
            given, family = self._name(origin_code, sex)
            if index == 1 and size >= 2 and rng.random() < 0.6:
                year = base_year + rng.randint(-5, 5)  # partner
                family = family if origin_code == "IT" else shared_family
            elif index >= 1:
                year = base_year + rng.randint(20, 38)
                family = shared_family
            else:
                year = base_year
                family = shared_family
            year = min(year, 2024)
            dob = date(year, 1, 1) + timedelta(days=rng.randint(0, 364))
            if index >= 3 and not twins_made and rng.random() < self.rates.household_twins * 4:
                dob = members[-1][1]
                twins_made = True
            members.append((sex, dob, given, family))
        for sex, dob, given, family in members:
            origin = self.origins.get(origin_code)
            birthplace = (
                rng.choice(pool.ITALIAN_BIRTHPLACES)
                if origin_code == "IT" or (dob.year > 2005 and rng.random() < 0.5)
                else origin["country"]
            )
            person_regular = regular or dob.year > 2008
            cf = compute_cf(family, given, sex, dob, birthplace, origin) if person_regular else None
            phones = [self._phone()] if dob.year < 2010 and rng.random() < 0.75 else []
            if landline:
                phones.append(landline)
            if phones and rng.random() < self.rates.phone_changed:
                phones.append(self._phone())
            moved = address is not None and rng.random() < self.rates.moved
            self.persons.append(
                Person(
                    pid=len(self.persons) + 1,
                    origin=origin_code,
                    sex=sex,
                    given=given,
                    family=family,
                    dob=dob,
                    dob_unknown=origin_code != "IT" and rng.random() < self.rates.dob_unknown_foreign,
                    birthplace=birthplace,
                    household=household,
                    regular=person_regular,
                    homeless=homeless,
                    address=address,
                    old_address=self._address() if moved else None,
                    phones=phones,
                    cf=cf,
                    passport=("YA" if origin_code != "IT" else "CA") + str(rng.randint(1000000, 9999999))
                    if rng.random() < 0.5
                    else None,
                )
            )


# --- offices ---------------------------------------------------------------------------


@dataclass
class Office:
    name: str
    style: str
    filename: str
    delimiter: str
    encoding: str
    date_format: str
    columns: list[str]
    toml_columns: dict[str, str]
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    rows: list[dict] = field(default_factory=list)


class Writer:
    def __init__(self, world: World, variant: str):
        self.world = world
        self.rng = world.rng
        self.rates = world.rates
        self.truth: list[tuple[str, str, int, int, str]] = []
        heldout = variant == "heldout"
        self.offices = {
            "anagrafe": Office(
                "anagrafe",
                "registry",
                "anagrafe_lecco.csv",
                ";",
                "utf-8",
                "%d/%m/%Y",
                [
                    "id_individuo",
                    "cognome",
                    "nome",
                    "sesso",
                    "data_nascita",
                    "luogo_nascita",
                    "cittadinanza",
                    "codice_fiscale",
                    "indirizzo",
                    "comune",
                    "telefono",
                ],
                {
                    "last_name": "cognome",
                    "first_name": "nome",
                    "sex": "sesso",
                    "birth_date": "data_nascita",
                    "birth_place": "luogo_nascita",
                    "citizenship": "cittadinanza",
                    "tax_code": "codice_fiscale",
                    "address": "indirizzo",
                    "municipality": "comune",
                    "phone": "telefono",
                },
            ),
            "ascolto": Office(
                "ascolto",
                "listening",
                "centro_ascolto.csv",
                ",",
                "cp1252",
                "%d/%m/%y" if not heldout else "%d-%m-%y",
                ["scheda", "nominativo", "nato_il", "nazionalita", "cf", "telefono", "recapito"],
                {
                    "full_name": "nominativo",
                    "birth_date": "nato_il",
                    "citizenship": "nazionalita",
                    "tax_code": "cf",
                    "phone": "telefono",
                    "address": "recapito",
                },
            ),
            "asl": Office(
                "asl",
                "health",
                "asl_assistiti.csv",
                "|",
                "utf-8",
                "%Y-%m-%d",
                [
                    "id_assistito",
                    "cognome",
                    "nome",
                    "sesso",
                    "data_nascita",
                    "luogo_nascita",
                    "codice",
                    "telefono",
                    "documento",
                ],
                {
                    "last_name": "cognome",
                    "first_name": "nome",
                    "sex": "sesso",
                    "birth_date": "data_nascita",
                    "birth_place": "luogo_nascita",
                    "tax_code": "codice",
                    "phone": "telefono",
                    "document": "documento",
                },
                {"sex": {"1": "M", "2": "F"}},
            ),
            "aler": Office(
                "aler",
                "housing",
                "aler_nuclei.csv",
                ";",
                "utf-8",
                "%d/%m/%y",
                [
                    "contratto",
                    "progr",
                    "cognome_nome",
                    "data_nascita",
                    "cf",
                    "indirizzo",
                    "tel",
                    "codice_nucleo",
                ],
                {
                    "full_name": "cognome_nome",
                    "birth_date": "data_nascita",
                    "tax_code": "cf",
                    "address": "indirizzo",
                    "phone": "tel",
                    "household_id": "codice_nucleo",
                },
            ),
            "dormitorio": Office(
                "dormitorio",
                "shelter",
                "dormitorio_presenze.csv",
                ",",
                "utf-8",
                "%d/%m/%Y",
                ["stay_no", "surname", "name", "sex", "age", "entry_date", "nationality", "document"],
                {
                    "last_name": "surname",
                    "first_name": "name",
                    "sex": "sex",
                    "declared_age": "age",
                    "declared_age_on": "entry_date",
                    "citizenship": "nationality",
                    "document": "document",
                },
                {"sex": {"U": "M", "D": "F"}},
            ),
        }
        self.counters = dict.fromkeys(self.offices, 0)

    # -- renderers -----------------------------------------------------------------------

    def name_parts(self, person: Person, office: Office, tags: set) -> tuple[list[str], list[str]]:
        rng = self.rng
        origin = self.world.origins.get(person.origin, {})
        given = [
            spell(spec, origin, office.style, rng, tags, self.rates)
            if person.origin != "IT"
            else canonical(spec)
            for spec in person.given
        ]
        family = [
            spell(spec, origin, office.style, rng, tags, self.rates)
            if person.origin != "IT"
            else canonical(spec)
            for spec in person.family
        ]
        if len(given) > 1 and office.style != "registry" and rng.random() < self.rates.drop_part:
            given = given[:1]
            tags.add("name_part_dropped")
        if len(family) > 1 and office.style != "registry" and rng.random() < self.rates.drop_part:
            family = family[:1]
            tags.add("name_part_dropped")
        if office.style in ("listening", "shelter") and rng.random() < self.rates.nickname:
            italian = pool.NICKNAMES_IT.get(given[0])
            if italian:
                given[0] = rng.choice(italian)
                tags.add("nickname")
        if rng.random() < self.rates.name_typo * (0.3 if office.style == "registry" else 1):
            if rng.random() < 0.5:
                given[0] = typo(given[0], rng)
            else:
                family[-1] = typo(family[-1], rng)
            tags.add("name_typo")
        return given, family

    def render_case(self, text: str) -> str:
        roll = self.rng.random()
        if roll < 0.45:
            return text.upper()
        if roll < 0.55:
            return anyascii(text).upper()
        return text

    def render_date(self, person: Person, office: Office, tags: set) -> str:
        rng = self.rng
        dob = person.dob
        fmt = office.date_format
        if "%y" in fmt:
            tags.add("two_digit_year")
        if person.dob_unknown:
            if office.style in ("registry", "health") or rng.random() < 0.5:
                tags.add("jan1_default")
                return date(dob.year, 1, 1).strftime(fmt)
            tags.add("year_only")
            return str(dob.year)
        if rng.random() < self.rates.dm_swap and dob.day <= 12 and dob.day != dob.month:
            tags.add("day_month_swapped")
            dob = date(dob.year, dob.day, dob.month)
        elif rng.random() < self.rates.date_typo:
            tags.add("date_typo")
            if rng.random() < 0.5:
                day = min(28, max(1, dob.day + rng.choice([-10, -1, 1, 10])))
                dob = dob.replace(day=day)
            else:
                leap_day = (dob.month, dob.day) == (2, 29)
                year = dob.year + rng.choice([-1, 1, -10, 10])
                dob = dob.replace(year=year, day=28 if leap_day else dob.day)
        elif office.style == "listening" and rng.random() < 0.08:
            tags.add("year_only")
            return str(dob.year)
        return dob.strftime(fmt)

    def render_cf(self, person: Person, office: Office, tags: set, household_codes: list[str]) -> str:
        rng = self.rng
        if not person.cf:
            tags.add("no_tax_code")
            return ""
        code = person.cf
        if household_codes and rng.random() < self.rates.cf_other_person:
            others = [other for other in household_codes if other != code]
            if others:
                tags.add("tax_code_other_person")
                return rng.choice(others)
        roll = rng.random()
        if roll < self.rates.cf_typo:
            position = rng.randrange(16)
            replacement = rng.choice("ABCDEFGHLMNPRSTVZ0123456789")
            code = code[:position] + replacement + code[position + 1 :]
            if code != person.cf:
                tags.add("tax_code_typo")
        elif roll < self.rates.cf_typo + self.rates.cf_omocodia:
            variants = cf_lib._get_omocodes(code)[1:8]
            code = rng.choice(variants)
            tags.add("tax_code_omocodia")
        elif roll < self.rates.cf_typo + self.rates.cf_omocodia + self.rates.cf_recomputed:
            origin = self.world.origins.get(person.origin)
            given = [
                spell(spec, origin or {}, "listening", rng, set(), self.rates) if origin else canonical(spec)
                for spec in person.given
            ]
            family = [
                spell(spec, origin or {}, "listening", rng, set(), self.rates) if origin else canonical(spec)
                for spec in person.family
            ]
            dob = person.dob
            if rng.random() < 0.4 and dob.day <= 12 and dob.day != dob.month:
                dob = date(dob.year, dob.day, dob.month)
            try:
                recomputed = compute_cf(
                    [typo(family[0], rng)] if rng.random() < 0.5 else family,
                    given,
                    person.sex,
                    dob,
                    person.birthplace,
                    None,
                )
            except Exception:  # an unknown birthplace for the library: keep the code
                recomputed = code
            if recomputed != code:
                tags.add("tax_code_recomputed")
                code = recomputed
        return code if rng.random() > 0.1 else code.lower()

    def render_address(self, person: Person, tags: set) -> str:
        rng = self.rng
        if person.homeless:
            tags.add("address_missing")
            return rng.choice(["", "senza fissa dimora", "S.F.D.", "", "Via della Casa Comunale 1"])
        address = person.address
        if person.old_address and rng.random() < 0.4:
            address = person.old_address
            tags.add("moved")
        if rng.random() < 0.12:
            tags.add("address_missing")
            return ""
        street, number, _municipality = address
        if rng.random() < 0.5:
            tags.add("address_variant")
            street = (
                street.replace("Via ", rng.choice(["V. ", "V.", "via ", "VIA "]), 1)
                .replace("Piazza ", rng.choice(["P.zza ", "P.za ", "Pza "]), 1)
                .replace("Viale ", rng.choice(["V.le ", "Vle "]), 1)
                .replace("Corso ", rng.choice(["C.so ", "Cso "]), 1)
            )
            number = rng.choice(
                [number, "n. " + number, number.lower(), "" if rng.random() < 0.3 else number]
            )
        return f"{street}, {number}" if number else street

    def render_phone(self, person: Person, tags: set) -> str:
        rng = self.rng
        if not person.phones or rng.random() < 0.3:
            return ""
        phone = person.phones[0]
        if len(person.phones) > 1 and rng.random() < 0.5:
            phone = person.phones[-1]
            tags.add("phone_changed")
        roll = rng.random()
        if roll < 0.2:
            return "+39 " + phone
        if roll < 0.35:
            return phone[:3] + " " + phone[3:]
        if roll < 0.45:
            return phone[:3] + "-" + phone[3:6] + " " + phone[6:]
        return phone

    # -- offices ---------------------------------------------------------------------------

    def add(self, office_key: str, person: Person, values: dict, tags: set) -> None:
        office = self.offices[office_key]
        self.counters[office_key] += 1
        record_id = values.pop("__id", None) or f"{office_key[:2].upper()}{self.counters[office_key]:07d}"
        row = dict.fromkeys(office.columns, "")
        row.update(values)
        row[office.columns[0]] = record_id
        office.rows.append(row)
        self.truth.append((office.name, record_id, person.pid, person.household, "+".join(sorted(tags))))

    def full_name(self, given, family, office_style) -> tuple[str, set]:
        tags = {"full_name"}
        surname_first = self.rng.random() < (0.75 if office_style == "housing" else 0.55)
        text = " ".join(family + given) if surname_first else " ".join(given + family)
        return text, tags

    def registry(self, person: Person) -> None:
        for _copy in range(2 if self.rng.random() < 0.01 else 1):
            tags: set = set()
            given, family = self.name_parts(person, self.offices["anagrafe"], tags)
            if self.rng.random() < self.rates.swap_fields * 0.3:
                given, family = family, given
                tags.add("names_swapped")
            origin = self.world.origins.get(person.origin, {})
            self.add(
                "anagrafe",
                person,
                {
                    "cognome": self.render_case(" ".join(family)),
                    "nome": self.render_case(" ".join(given)),
                    "sesso": person.sex,
                    "data_nascita": self.render_date(person, self.offices["anagrafe"], tags),
                    "luogo_nascita": person.birthplace,
                    "cittadinanza": "Italiana" if person.origin == "IT" else origin.get("country", ""),
                    "codice_fiscale": self.render_cf(
                        person, self.offices["anagrafe"], tags, self.household_codes(person)
                    ),
                    "indirizzo": self.render_address(person, tags),
                    "comune": person.address[2] if person.address else "",
                    "telefono": self.render_phone(person, tags),
                },
                tags,
            )

    def listening(self, person: Person) -> None:
        for _ in range(self.rng.choice([1, 1, 1, 2, 2, 3])):
            tags: set = set()
            office = self.offices["ascolto"]
            given, family = self.name_parts(person, office, tags)
            text, more = self.full_name(given, family, office.style)
            tags |= more
            origin = self.world.origins.get(person.origin, {})
            has_cf = person.cf and self.rng.random() < 0.5
            cf = self.render_cf(person, office, tags, self.household_codes(person)) if has_cf else ""
            if not cf:
                tags.add("no_tax_code")
            self.add(
                "ascolto",
                person,
                {
                    "nominativo": self.render_case(text),
                    "nato_il": self.render_date(person, office, tags) if self.rng.random() > 0.05 else "",
                    "nazionalita": "italiana"
                    if person.origin == "IT"
                    else (origin.get("adjective") if self.rng.random() < 0.7 else origin.get("country")),
                    "cf": cf,
                    "telefono": "0341 282434"
                    if person.homeless and self.rng.random() < 0.6
                    else self.render_phone(person, tags),
                    "recapito": self.render_address(person, tags),
                },
                tags,
            )

    def health(self, person: Person) -> None:
        visits = 1 if person.regular else self.rng.choice([1, 2, 2, 3])
        for _ in range(visits):
            tags: set = set()
            office = self.offices["asl"]
            given, family = self.name_parts(person, office, tags)
            if self.rng.random() < self.rates.swap_fields:
                given, family = family, given
                tags.add("names_swapped")
            if person.regular:
                code = self.render_cf(person, office, tags, self.household_codes(person))
            else:
                kind = "ENI" if person.origin in ("RO",) else "STP"
                code = f"{kind}030{self.rng.randint(301, 312)}{self.rng.randint(1000000, 9999999)}"
                tags |= {"stp_eni", "no_tax_code"}
            self.add(
                "asl",
                person,
                {
                    "cognome": self.render_case(" ".join(family)),
                    "nome": self.render_case(" ".join(given)),
                    "sesso": "1" if person.sex == "M" else "2",
                    "data_nascita": self.render_date(person, office, tags),
                    "luogo_nascita": person.birthplace if self.rng.random() < 0.8 else "",
                    "codice": code,
                    "telefono": self.render_phone(person, tags),
                    "documento": person.passport
                    if person.passport and not person.regular and self.rng.random() < 0.5
                    else "",
                },
                tags,
            )

    def housing(self, members: list[Person], contract: str) -> None:
        for index, person in enumerate(members, start=1):
            tags: set = set()
            office = self.offices["aler"]
            given, family = self.name_parts(person, office, tags)
            text, more = self.full_name(given, family, office.style)
            tags |= more
            self.add(
                "aler",
                person,
                {
                    "progr": str(index),
                    "cognome_nome": self.render_case(text),
                    "data_nascita": self.render_date(person, office, tags),
                    "cf": self.render_cf(person, office, tags, self.household_codes(person))
                    if self.rng.random() < 0.85
                    else "",
                    "indirizzo": self.render_address(person, tags),
                    "tel": self.render_phone(person, tags),
                    "codice_nucleo": contract,
                },
                tags,
            )

    def shelter(self, person: Person) -> None:
        for _ in range(self.rng.choice([1, 1, 2, 3, 4, 6, 8])):
            tags: set = {"declared_age", "no_tax_code"}
            office = self.offices["dormitorio"]
            given, family = self.name_parts(person, office, tags)
            if self.rng.random() < self.rates.swap_fields * 2:
                given, family = family, given
                tags.add("names_swapped")
            entry = date(2019, 1, 1) + timedelta(days=self.rng.randint(0, 2300))
            age = (
                entry.year - person.dob.year - ((entry.month, entry.day) < (person.dob.month, person.dob.day))
            )
            if self.rng.random() < self.rates.age_error:
                age += self.rng.choice([-1, 1])
            origin = self.world.origins.get(person.origin, {})
            self.add(
                "dormitorio",
                person,
                {
                    "surname": self.render_case(" ".join(family)),
                    "name": self.render_case(" ".join(given)),
                    "sex": "U" if person.sex == "M" else "D",
                    "age": str(max(age, 0)),
                    "entry_date": entry.strftime("%d/%m/%Y"),
                    "nationality": "Italia" if person.origin == "IT" else origin.get("country", ""),
                    "document": person.passport if person.passport and self.rng.random() < 0.3 else "",
                },
                tags,
            )

    def household_codes(self, person: Person) -> list[str]:
        return self._household_codes.get(person.household, [])

    def run(self) -> None:
        rng = self.rng
        households: dict[int, list[Person]] = {}
        for person in self.world.persons:
            households.setdefault(person.household, []).append(person)
        self._household_codes = {key: [p.cf for p in members if p.cf] for key, members in households.items()}
        for key, members in households.items():
            housing = not members[0].homeless and rng.random() < 0.18
            for person in members:
                adult = person.dob.year <= 2007
                if person.regular and not person.homeless and rng.random() < 0.9:
                    self.registry(person)
                if rng.random() < (0.75 if not person.regular or person.homeless else 0.5):
                    self.health(person)
                if adult and rng.random() < (0.8 if person.homeless or person.origin != "IT" else 0.3):
                    self.listening(person)
                if person.homeless and adult:
                    self.shelter(person)
            if housing:
                self.housing(members, f"ALER{key:06d}")

    def write(self, out: Path) -> dict:
        out.mkdir(parents=True, exist_ok=True)
        toml = ["# Generated by bench/identity/generator.py: synthetic data, no real person.\n"]
        counts = {}
        for office in self.offices.values():
            rows = office.rows
            rng = random.Random(len(rows))
            rng.shuffle(rows)
            with (out / office.filename).open(
                "w", encoding=office.encoding, errors="replace", newline=""
            ) as handle:
                writer = csv.DictWriter(handle, fieldnames=office.columns, delimiter=office.delimiter)
                writer.writeheader()
                writer.writerows(rows)
            counts[office.name] = len(rows)
            toml.append("[[source]]")
            toml.append(f'name = "{office.name}"')
            toml.append(f'path = "{office.filename}"')
            toml.append(f'delimiter = "{office.delimiter}"')
            toml.append(f'encoding = "{office.encoding}"')
            toml.append(f'record_id = "{office.columns[0]}"')
            toml.append(f'date_formats = ["{office.date_format}", "%d/%m/%Y"]')
            toml.append("[source.columns]")
            for canonical_field, column in office.toml_columns.items():
                toml.append(f'{canonical_field} = "{column}"')
            for canonical_field, mapping in office.values.items():
                toml.append(f"[source.values.{canonical_field}]")
                for raw, value in mapping.items():
                    toml.append(f'"{raw}" = "{value}"')
            toml.append("")
        (out / "sources.toml").write_text("\n".join(toml), encoding="utf-8")
        with (out / "truth.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["source", "record_id", "person_id", "household_id", "tags"])
            writer.writerows(self.truth)
        return counts


def generate(records: int, variant: str, seed: int, out: Path) -> dict:
    """Write the exports for about `records` records; return the count per source."""
    world = World(max(10, int(records / 2.55)), variant, seed)
    writer = Writer(world, variant)
    writer.run()
    return writer.write(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=4000)
    parser.add_argument("--variant", choices=("main", "heldout"), default="main")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    counts = generate(args.records, args.variant, args.seed, args.out)
    print(f"{sum(counts.values())} records: {counts} -> {args.out}")


if __name__ == "__main__":
    main()
