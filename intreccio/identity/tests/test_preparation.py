"""Italian- and migration-aware preparation: codici fiscali, names, dates, addresses, phones."""

import random
from datetime import date

import pytest
from codicefiscale import codicefiscale as reference

from intreccio.identity.linkage import contacts, dates, names, places, tax_codes
from intreccio.identity.linkage.prepare import prepare_record

# --- codice fiscale ---------------------------------------------------------------------


def test_decodes_a_codice_fiscale():
    code = tax_codes.parse_tax_code("LMRFTM75T71Z330E")
    assert code.kind == "cf"
    assert code.valid is True
    assert code.sex == "F"  # day 71 = 31 + 40
    assert code.birth == date(1975, 12, 31)
    assert code.place == "Z330"  # Marocco
    assert code.folded == "LMRFTM75T71Z330"
    assert code.omocode is False


def test_normalises_spacing_and_case():
    assert tax_codes.parse_tax_code(" rssmra80b03 e507o ").folded == "RSSMRA80B03E507"


def test_omocodia_variants_fold_to_the_same_key_and_stay_valid():
    original = "RSSMRA80B03E507O"
    variants = reference._get_omocodes(original)[1:]
    assert len(variants) == 127
    for variant in variants:
        parsed = tax_codes.parse_tax_code(variant)
        assert parsed.valid is True, variant
        assert parsed.omocode is True
        assert parsed.folded == "RSSMRA80B03E507"
        assert parsed.birth == date(1980, 2, 3)


def test_validity_agrees_with_python_codicefiscale():
    rng = random.Random(3)
    valid = reference.encode(
        lastname="Bianchi", firstname="Anna", gender="F", birthdate="12/05/1990", birthplace="Lecco"
    )
    codes = [valid]
    for _ in range(300):
        position = rng.randrange(16)
        codes.append(valid[:position] + rng.choice("ABCDEHLMPRSTXZ0123456789") + valid[position + 1 :])
    for code in codes:
        assert tax_codes.parse_tax_code(code).valid is reference.is_valid(code), code


def test_wrong_check_character_or_impossible_date_is_not_valid():
    assert tax_codes.parse_tax_code("RSSMRA80B03E507X").valid is False  # check character
    assert tax_codes.parse_tax_code("RSSMRA80B31E507O").valid is False  # 31 February
    assert tax_codes.parse_tax_code("RSSMRA80B03E507X").folded == "RSSMRA80B03E507"  # still comparable


@pytest.mark.parametrize(
    "value, kind",
    [
        ("STP0301230000123", "temporary"),
        ("ENI0301230000123", "temporary"),
        ("12345678901", "temporary"),  # provisional numeric code
        ("ABC123", "malformed"),
    ],
)
def test_temporary_codes_are_not_codici_fiscali(value, kind):
    assert tax_codes.parse_tax_code(value).kind == kind


def test_two_valid_codes_are_explainable_only_by_known_causes():
    explainable = tax_codes.explainable
    # Omocodia: the same folded key.
    assert explainable("RSSMRA80B03E507", "RSSMRA80B03E507")
    # Recomputed from another spelling of the surname ("El Amrani" / "Amrani").
    assert explainable("LMRFTM75T71Z330", "MRNFTM75T71Z330")
    # Recomputed with day and month swapped (5 November / 11 May).
    assert explainable("DNGBRC68S45E507", "DNGBRC68E51E507")
    # One digit of the date mistyped before computing.
    assert explainable("RSSMRA80B03E507", "RSSMRA80B04E507")
    # Twins: same date and place, different given names.
    assert not explainable("CLMLCU01H12E507", "CLMMRA01H12E507")
    # Different people.
    assert not explainable("RSSMRA80B03E507", "RSSMRA62L09F205")


def test_the_code_fills_and_checks_declared_data():
    row = prepare_record({"first_name": "Mario", "last_name": "Rossi", "tax_code": "RSSMRA80B03E50TL"})
    assert row["cf"] == "RSSMRA80B03E507"  # an omocodia variant, folded
    assert row["cf_trusted"] is True
    assert (row["sex"], row["dob"], row["dob_precision"], row["birth_place"]) == (
        "M",
        "1980-02-03",
        "day",
        "E507",
    )

    contradicting = prepare_record({"birth_date": "14/07/1955", "tax_code": "RSSMRA80B03E507O"})
    assert contradicting["cf_trusted"] is False  # someone else's code, or a wrong date
    assert contradicting["dob"] == "1955-07-14"  # the declared date is kept

    swapped = prepare_record({"birth_date": "02/03/1980", "tax_code": "RSSMRA80B03E507O"})
    assert swapped["cf_trusted"] is True  # day and month swapped in the declared date


# --- names ------------------------------------------------------------------------------


def test_clean_transliterates_accents_apostrophes_and_scripts():
    assert names.clean("Nicolò D'Angelo") == "NICOLO DANGELO"
    assert names.clean("Шевченко Олександр") == "SHEVCHENKO OLEKSANDR"
    assert names.clean("Ştefan Ţurcanu") == "STEFAN TURCANU"


def test_particles_glue_and_arabic_articles_are_marked():
    assert [t.text for t in names.tokens("De Luca")] == ["DELUCA"]
    assert [t.text for t in names.tokens("Dell'Acqua")] == ["DELLACQUA"]
    assert [t.text for t in names.tokens("José de la Cruz")] == ["JOSE", "DELACRUZ"]
    assert names.tokens("El Amrani") == [names.Token("AMRANI", article=True)]
    assert [t.text for t in names.tokens("Ben Ali")] == ["BENALI"]


@pytest.mark.parametrize(
    "spellings, key",
    [
        (("MOHAMED", "MUHAMMAD", "MOHAMMED", "MOHAMMAD"), "MT"),
        (("SHEVCHENKO", "SEVCENKO", "SCEVCENKO", "SCHEWTSCHENKO"), "SFKNK"),
        (("HUSSEIN", "HOSSAIN", "HOSSEN"), "HSN"),
        (("OLEKSANDR", "ALEKSANDR", "ALEXANDER"), "ALKSNTR"),
        (("YOUSSEF", "YUSUF", "YOUSEF"), "ASF"),
        (("KHALED", "HALID"), "HLT"),
    ],
)
def test_transliteration_variants_fold_to_one_key(spellings, key):
    assert {names.fold_token(spelling) for spelling in spellings} == {key}


def test_full_names_are_split_in_either_order():
    assert names.split_full_name("ROSSI MARIO") == (["MARIO"], ["ROSSI"])
    assert names.split_full_name("Mario Rossi") == (["MARIO"], ["ROSSI"])
    assert names.split_full_name("Mohamed El Amrani") == (["MOHAMED"], ["AMRANI"])
    # Unknown names: the Italian habit, surname first.
    assert names.split_full_name("Xyz Qwerty") == (["QWERTY"], ["XYZ"])


def test_swapped_fields_are_put_back():
    assert names.order_fields("Rossi", "Mario") == (["MARIO"], ["ROSSI"], True)
    assert names.order_fields("Mario", "Rossi") == (["MARIO"], ["ROSSI"], False)


def test_names_compare_order_free_with_nicknames():
    a = names.name_features(first="Giuseppe", last="Bianchi")
    b = names.name_features(full="Peppe Bianchi")
    c = names.name_features(first="Bianchi", last="Giuseppe")
    assert a.name_key == c.name_key == "BIANCHI GIUSEPPE"
    assert b.name_key == "BIANCHI PEPPE"
    assert a.formal_key == b.formal_key == "BIANCHI GIUSEPPE"
    assert names.name_features(full="MD Rahman").formal_key == "MOHAMMAD RAHMAN"


# --- dates ------------------------------------------------------------------------------

FORMATS = ("%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d")
TODAY = date(2025, 6, 30)


@pytest.mark.parametrize(
    "value, precision, years, month_day",
    [
        ("03/02/1980", "day", (1980, 1980), (2, 3)),
        ("1980-02-03", "day", (1980, 1980), (2, 3)),
        ("01/01/1975", "jan1", (1975, 1975), (1, 1)),  # often a default for an unknown day
        ("1975", "year", (1975, 1975), (None, None)),
        ("00/00/1975", "year", (1975, 1975), (None, None)),
        ("03/02/80", "day", (1980, 1980), (2, 3)),
        ("03/02/45", "day", (1945, 1945), (2, 3)),  # two-digit years never land in the future
        ("03/02/15", "day", (2015, 2015), (2, 3)),
        ("12/25/1980", "day", (1980, 1980), (12, 25)),  # impossible month: day and month swapped
    ],
)
def test_birth_dates_keep_their_precision(value, precision, years, month_day):
    born = dates.birth_date(value, formats=FORMATS, reference=TODAY)
    assert born.precision == precision
    assert (born.year_min, born.year_max) == years
    assert (born.month, born.day) == month_day


def test_four_digit_format_does_not_read_a_two_digit_year():
    born = dates.birth_date("03/02/45", formats=("%d/%m/%Y",), reference=TODAY)
    assert born is None


def test_declared_age_gives_a_range_with_tolerance():
    born = dates.birth_date(age="44", age_on="10/03/2024", formats=FORMATS, reference=TODAY)
    assert born.precision == "age"
    assert (born.core_min, born.core_max) == (1979, 1980)  # 44 on 10 March 2024
    assert (born.year_min, born.year_max) == (1978, 1981)  # give or take a year


def test_birth_year_field_and_garbage():
    assert dates.birth_date(year="1962").precision == "year"
    assert dates.birth_date("non ricorda", formats=FORMATS) is None
    assert dates.birth_date("31/02/1980", formats=FORMATS) is None


# --- addresses, phones, places ----------------------------------------------------------


@pytest.mark.parametrize(
    "text, parts",
    [
        ("Via Roma 12", ("VIA ROMA", "12")),
        ("V. Roma, n. 12", ("VIA ROMA", "12")),
        ("P.zza Garibaldi, 7/a", ("PIAZZA GARIBALDI", "7A")),
        ("C.so Matteotti 40", ("CORSO MATTEOTTI", "40")),
        ("V.le Turati", ("VIALE TURATI", None)),
        ("senza fissa dimora", (None, None)),
        ("S.F.D.", (None, None)),
    ],
)
def test_addresses_expand_abbreviations_and_find_the_number(text, parts):
    assert contacts.address_parts(text) == parts


def test_street_key_drops_the_type():
    assert contacts.street_key("PIAZZA GARIBALDI") == "GARIBALDI"


@pytest.mark.parametrize(
    "text, key",
    [
        ("+39 333 1234567", "3331234567"),
        ("0039-333-1234567", "3331234567"),
        ("0341 282434", "0341282434"),
        ("123", None),
    ],
)
def test_phones_lose_prefix_and_punctuation(text, key):
    assert contacts.phone_key(text) == key


def test_sex_spellings():
    assert [contacts.sex_key(v) for v in ("M", "maschio", "Female", "donna", "2")] == [
        "M",
        "M",
        "F",
        "F",
        None,
    ]


def test_places_and_countries_become_belfiore_codes():
    assert places.place_code("Lecco") == "E507"
    assert places.place_code("Calliano (TN)") == "B419"
    assert places.country_code("Marocco") == places.country_code("marocchina") == "Z330"
    assert places.country_code("Italia") == "IT"
    assert places.place_code("Marocco") == "Z330"
    assert places.country_of_place("E507") == "IT"
