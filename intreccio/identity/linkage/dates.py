"""Dates of birth with their precision: a day, a year only, or a range from a declared age."""

import re
from dataclasses import dataclass
from datetime import date, datetime

MIN_YEAR = 1900
AGE_TOLERANCE_YEARS = 1


@dataclass(frozen=True, slots=True)
class BirthDate:
    """What a record says about when a person was born.

    precision: "day" (a full date), "jan1" (1 January: often a default for an
    unknown day and month), "year" (a year only), "age" (derived from a declared
    age). year_min..year_max is the range of birth years compatible with it.
    """

    precision: str
    year_min: int
    year_max: int
    month: int | None = None
    day: int | None = None
    # The years the record itself states, before any tolerance: a declared age
    # of N on day D means born in D.year - N - 1 or D.year - N.
    core_min: int | None = None
    core_max: int | None = None

    def __post_init__(self):
        if self.core_min is None:
            object.__setattr__(self, "core_min", self.year_min)
        if self.core_max is None:
            object.__setattr__(self, "core_max", self.year_max)

    @property
    def iso(self) -> str | None:
        if self.precision in ("day", "jan1"):
            return f"{self.year_min:04d}-{self.month:02d}-{self.day:02d}"
        return None

    @property
    def year(self) -> int:
        return (self.year_min + self.year_max) // 2


_YEAR_ONLY = re.compile(
    r"^\s*(?:(?:0{1,2}|xx|XX)[/.\-](?:0{1,2}|xx|XX)[/.\-])?(\d{4})(?:[/.\-](?:0{1,2}|xx|XX)[/.\-](?:0{1,2}|xx|XX))?\s*$"
)


def parse_date(value: str, formats: tuple[str, ...], reference: date | None = None) -> date | None:
    """Parse with the first format that fits; two-digit years never land in the future."""
    value = (value or "").strip()
    if not value:
        return None
    reference = reference or date.today()
    candidates = list(formats)
    # A value impossible in the declared order (month 13+) is tried with day and month swapped.
    candidates += [f.replace("%d", "%_").replace("%m", "%d").replace("%_", "%m") for f in formats]
    for fmt in candidates:
        try:
            parsed = datetime.strptime(value, fmt).date()
        except ValueError:
            continue
        if "%y" in fmt and parsed > reference:
            parsed = parsed.replace(year=parsed.year - 100)
        if parsed.year < MIN_YEAR or parsed > reference:
            continue
        return parsed
    return None


def birth_date(
    value: str = "",
    *,
    year: str = "",
    age: str = "",
    age_on: str = "",
    formats: tuple[str, ...] = ("%d/%m/%Y", "%Y-%m-%d"),
    reference: date | None = None,
) -> BirthDate | None:
    """Combine a birth date, a birth year or a declared age into one BirthDate (or None)."""
    reference = reference or date.today()
    if value:
        match = _YEAR_ONLY.match(value)
        if match:
            found = int(match.group(1))
            if MIN_YEAR <= found <= reference.year:
                return BirthDate("year", found, found)
        parsed = parse_date(value, formats, reference)
        if parsed:
            precision = "jan1" if (parsed.month, parsed.day) == (1, 1) else "day"
            return BirthDate(precision, parsed.year, parsed.year, parsed.month, parsed.day)
    if year:
        digits = re.sub(r"\D", "", year)
        if len(digits) == 4 and MIN_YEAR <= int(digits) <= reference.year:
            return BirthDate("year", int(digits), int(digits))
        if len(digits) == 2:
            found = 2000 + int(digits)
            if found > reference.year:
                found -= 100
            return BirthDate("year", found, found)
    if age:
        digits = re.match(r"\D*(\d{1,3})", age)
        declared_on = parse_date(age_on, formats, reference) if age_on else None
        if digits and declared_on:
            years = int(digits.group(1))
            if 0 <= years <= 110:
                # Aged N on day D: born between D - (N+1) years and D - N years, give or take.
                latest = declared_on.year - years
                return BirthDate(
                    "age",
                    latest - 1 - AGE_TOLERANCE_YEARS,
                    latest + AGE_TOLERANCE_YEARS,
                    core_min=latest - 1,
                    core_max=latest,
                )
    return None
