"""The canonical fields an export's columns can be mapped to (docs/linkage.md)."""

CANONICAL_FIELDS = (
    "first_name",
    "last_name",
    "full_name",
    "sex",
    "birth_date",
    "birth_year",
    "declared_age",
    "declared_age_on",
    "birth_place",
    "birth_province",
    "birth_country",
    "citizenship",
    "tax_code",
    "document",
    "address",
    "municipality",
    "postcode",
    "phone",
    "email",
    "household_id",
)

# Fields holding dates, parsed with the source's date_formats.
DATE_FIELDS = ("birth_date", "declared_age_on")
