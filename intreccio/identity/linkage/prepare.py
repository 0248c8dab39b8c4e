"""Turn raw records into the comparison columns the linkage model reads.

One function per record, pure and deterministic: the same record always gives
the same row, in a batch run or when one record is scored in real time.
"""

from collections.abc import Callable, Iterable
from datetime import date

import pyarrow as pa

from . import contacts, dates, names, places, tax_codes
from .reading import RawRecord

SCHEMA = pa.schema(
    [
        ("unique_id", pa.int64()),
        ("source", pa.string()),
        ("record_id", pa.string()),
        ("given", pa.string()),
        ("family", pa.string()),
        ("name_key", pa.string()),
        ("formal_key", pa.string()),
        ("fold_key", pa.string()),
        ("fold_tokens", pa.list_(pa.string())),
        ("name_tokens", pa.list_(pa.string())),
        ("name_parts", pa.int32()),
        ("given_fold", pa.string()),
        ("family_fold", pa.string()),
        ("sex", pa.string()),
        ("dob", pa.string()),
        ("dob_precision", pa.string()),
        ("birth_year_min", pa.int32()),
        ("birth_year_max", pa.int32()),
        ("birth_core_min", pa.int32()),
        ("birth_core_max", pa.int32()),
        ("birth_month", pa.int32()),
        ("birth_day", pa.int32()),
        ("birth_years", pa.list_(pa.int32())),
        ("dob_block", pa.string()),
        ("cf", pa.string()),
        ("cf_trusted", pa.bool_()),
        ("cf_name_part", pa.string()),
        ("cf_date_place_part", pa.string()),
        ("temp_code", pa.string()),
        ("birth_place", pa.string()),
        ("birth_country", pa.string()),
        ("citizenship", pa.string()),
        ("street", pa.string()),
        ("address_key", pa.string()),
        ("municipality", pa.string()),
        ("postcode", pa.string()),
        ("phone", pa.string()),
        ("email", pa.string()),
        ("document", pa.string()),
    ]
)
COLUMNS = tuple(SCHEMA.names)


def _dates_agree(declared: dates.BirthDate, decoded: date) -> bool:
    if declared.precision in ("day", "jan1"):
        if (declared.year_min, declared.month, declared.day) == (decoded.year, decoded.month, decoded.day):
            return True
        if declared.precision == "jan1" and declared.year_min == decoded.year:
            return True  # 1 January was a default for an unknown day
        # Day and month swapped, or one of day/month/year mistyped.
        swapped = (declared.month, declared.day) == (decoded.day, decoded.month)
        same_count = sum(
            (declared.year_min == decoded.year, declared.month == decoded.month, declared.day == decoded.day)
        )
        return (swapped and declared.year_min == decoded.year) or same_count == 2
    return declared.year_min - 1 <= decoded.year <= declared.year_max + 1


def prepare_record(
    values: dict[str, str],
    *,
    unique_id: int = 0,
    source: str = "",
    record_id: str = "",
    date_formats: tuple[str, ...] = ("%d/%m/%Y", "%Y-%m-%d"),
    reference: date | None = None,
) -> dict:
    """The comparison columns of one record (canonical field -> raw text in, SCHEMA row out)."""
    get = values.get
    name = names.name_features(get("first_name", ""), get("last_name", ""), get("full_name", ""))
    born = dates.birth_date(
        get("birth_date", ""),
        year=get("birth_year", ""),
        age=get("declared_age", ""),
        age_on=get("declared_age_on", ""),
        formats=date_formats,
        reference=reference,
    )
    sex = contacts.sex_key(get("sex", ""))
    birth_place = places.place_code(get("birth_place", ""), get("birth_province", ""))
    birth_country = places.country_code(get("birth_country", "")) or places.country_of_place(birth_place)
    code = tax_codes.parse_tax_code(get("tax_code", ""), reference)
    cf = temp_code = None
    trusted = False
    if code is not None and code.kind == "temporary":
        temp_code = code.code
    elif code is not None and code.kind == "cf":
        cf = code.folded
        trusted = code.valid
        if code.valid:
            # Compare the code with what the record declares; fill what it does not.
            if sex and sex != code.sex:
                trusted = False
            if born and code.birth and not _dates_agree(born, code.birth):
                trusted = False
            if birth_place and code.place and birth_place != code.place:
                trusted = trusted and places.country_of_place(birth_place) == places.country_of_place(
                    code.place
                )
            if trusted:
                sex = sex or code.sex
                birth_place = birth_place or code.place
                birth_country = birth_country or places.country_of_place(code.place)
                if born is None and code.birth:
                    precision = "jan1" if (code.birth.month, code.birth.day) == (1, 1) else "day"
                    born = dates.BirthDate(
                        precision, code.birth.year, code.birth.year, code.birth.month, code.birth.day
                    )
    street, number = contacts.address_parts(get("address", ""))
    street_key = contacts.street_key(street)
    if born is not None:
        years = list(range(born.year_min, born.year_max + 1))
        dob_block = (
            f"{born.year_min}-{min(born.month, born.day):02d}-{max(born.month, born.day):02d}"
            if born.precision == "day"
            else None
        )
    else:
        years, dob_block = [], None
    return {
        "unique_id": unique_id,
        "source": source,
        "record_id": record_id,
        "given": name.given,
        "family": name.family,
        "name_key": name.name_key,
        "formal_key": name.formal_key,
        "fold_key": name.fold_key,
        "fold_tokens": list(name.fold_tokens) or None,
        "name_tokens": list(name.formal_tokens) or None,
        "name_parts": len(name.formal_tokens) or None,
        "given_fold": name.given_fold,
        "family_fold": name.family_fold,
        "sex": sex,
        "dob": born.iso if born else None,
        "dob_precision": born.precision if born else None,
        "birth_year_min": born.year_min if born else None,
        "birth_year_max": born.year_max if born else None,
        "birth_core_min": born.core_min if born else None,
        "birth_core_max": born.core_max if born else None,
        "birth_month": born.month if born else None,
        "birth_day": born.day if born else None,
        "birth_years": years or None,
        "dob_block": dob_block,
        "cf": cf,
        "cf_trusted": trusted if cf else None,
        "cf_name_part": cf[:6] if cf else None,
        "cf_date_place_part": cf[6:15] if cf else None,
        "temp_code": temp_code,
        "birth_place": birth_place,
        "birth_country": birth_country,
        "citizenship": places.country_code(get("citizenship", "")),
        "street": street_key,
        "address_key": f"{street_key} {number}" if street_key and number else None,
        "municipality": places.slug(get("municipality", "")) or None,
        "postcode": contacts.postcode_key(get("postcode", "")),
        "phone": contacts.phone_key(get("phone", "")),
        "email": contacts.email_key(get("email", "")),
        "document": contacts.document_key(get("document", "")),
    }


def prepare_records(
    records: Iterable[RawRecord],
    date_formats: dict[str, tuple[str, ...]],
    *,
    reference: date | None = None,
    progress: Callable[[int], None] | None = None,
) -> pa.Table:
    """Prepare every record; unique_id is the position in the input order."""
    rows = []
    for position, record in enumerate(records):
        rows.append(
            prepare_record(
                record.values,
                unique_id=position,
                source=record.source,
                record_id=record.record_id,
                date_formats=date_formats.get(record.source, ("%d/%m/%Y", "%Y-%m-%d")),
                reference=reference,
            )
        )
        if progress and position % 10000 == 9999:
            progress(position + 1)
    return pa.Table.from_pylist(rows, schema=SCHEMA)
