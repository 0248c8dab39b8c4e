"""Codice fiscale, STP and ENI codes: validation, decoding, omocodia, comparison with declared data.

Decoding is implemented here (a regular expression and the check-character
tables) because python-codicefiscale's `decode` builds all 128 omocodia variants
of every code, too slow for hundreds of thousands of records; its data (the
Belfiore codes of municipalities and countries) is used as is, and its own
`is_valid` is the reference the tests compare against.
"""

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

CF_PATTERN = re.compile(
    r"^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$"
)
TEMPORARY_PATTERN = re.compile(r"^(STP|ENI)(\d{13})$")
NUMERIC_PATTERN = re.compile(r"^\d{11}$")
MONTHS = "ABCDEHLMPRST"
OMOCODIA_POSITIONS = (6, 7, 9, 10, 12, 13, 14)
_TO_DIGIT = str.maketrans("LMNPQRSTUV", "0123456789")
_ODD = {
    **dict(zip("0123456789", (1, 0, 5, 7, 9, 13, 15, 17, 19, 21), strict=True)),
    **dict(
        zip(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
            (1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23),
            strict=True,
        )
    ),
}
_EVEN = {**{str(n): n for n in range(10)}, **{chr(65 + n): n for n in range(26)}}


def check_character(first15: str) -> str:
    total = sum((_ODD if index % 2 == 0 else _EVEN)[char] for index, char in enumerate(first15))
    return chr(65 + total % 26)


def fold_omocodia(code: str) -> str:
    """The first 15 characters with omocodia letters turned back into digits (check character dropped)."""
    chars = list(code[:15])
    for position in OMOCODIA_POSITIONS:
        chars[position] = chars[position].translate(_TO_DIGIT)
    return "".join(chars)


@cache
def _belfiore_codes() -> frozenset[str]:
    from codicefiscale.data import get_indexed_data

    return frozenset(get_indexed_data()["codes"])


@dataclass(frozen=True, slots=True)
class TaxCode:
    """A tax-code-like value of a record.

    kind: "cf" (16-character codice fiscale shape), "temporary" (STP/ENI code or an
    11-digit provisional number), "malformed" (anything else). For "cf": `folded`
    is the omocodia-free key, `valid` says the check character and the encoded
    date and place are right; sex, birth and place are decoded from it.
    """

    kind: str
    code: str
    folded: str | None = None
    valid: bool = False
    omocode: bool = False
    sex: str | None = None
    birth: date | None = None
    place: str | None = None

    @property
    def name_part(self) -> str | None:
        return self.folded[:6] if self.folded else None

    @property
    def date_place_part(self) -> str | None:
        return self.folded[6:15] if self.folded else None


def normalise_code(value: str) -> str:
    return re.sub(r"[^A-Z0-9]", "", (value or "").upper())


def parse_tax_code(value: str, reference: date | None = None) -> TaxCode | None:
    code = normalise_code(value)
    if not code:
        return None
    if TEMPORARY_PATTERN.match(code) or NUMERIC_PATTERN.match(code):
        return TaxCode("temporary", code)
    if len(code) != 16 or not CF_PATTERN.match(code):
        # Keep the 16-character ones: a typo in a digit position still compares.
        if len(code) == 16:
            return TaxCode("cf", code, folded=fold_omocodia(code), valid=False)
        return TaxCode("malformed", code)
    folded = fold_omocodia(code)
    reference = reference or date.today()
    year = int(folded[6:8])
    month = MONTHS.index(folded[8]) + 1
    day = int(folded[9:11])
    sex = "M"
    if day > 40:
        day -= 40
        sex = "F"
    century = reference.year // 100 * 100
    full_year = century + year
    if full_year > reference.year:
        full_year -= 100
    try:
        birth = date(full_year, month, day)
    except ValueError:
        birth = None
    place = folded[11] + folded[12:15]
    valid = birth is not None and check_character(code[:15]) == code[15] and place in _belfiore_codes()
    return TaxCode(
        "cf",
        code,
        folded=folded,
        valid=valid,
        omocode=folded != code[:15],
        sex=sex,
        birth=birth,
        place=place,
    )


def _edit_distance_at_most_one(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) != len(b):
        return False
    diffs = [index for index, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    if len(diffs) == 1:
        return True
    # One transposition of neighbours.
    return (
        len(diffs) == 2
        and diffs[1] == diffs[0] + 1
        and a[diffs[0]] == b[diffs[1]]
        and a[diffs[1]] == b[diffs[0]]
    )


def explainable(folded_a: str, folded_b: str) -> bool:
    """May two different valid codes belong to one person?

    Yes when they are omocodia variants (equal folded), when one was recomputed
    from a slightly different name (same date-sex-place part, name part one edit
    apart), or from a slightly wrong date or place (same name part, date-place part
    one edit apart). Otherwise two valid codes mean two people."""
    if folded_a == folded_b:
        return True
    if folded_a[6:] == folded_b[6:] and _recomputed_name_part(folded_a[:6], folded_b[:6]):
        return True
    if folded_a[:6] != folded_b[:6]:
        return False
    return _edit_distance_at_most_one(folded_a[6:], folded_b[6:]) or _day_month_swapped(folded_a, folded_b)


def _levenshtein(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, start=1):
        current = [i]
        for j, y in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


def _recomputed_name_part(a: str, b: str) -> bool:
    """One of the two name codes (surname, given name) equal, the other at most two edits away.

    Offices recompute a foreigner's code from their own spelling of the name
    ("El Amrani"/"Amrani", "Khadija"/"Kadija"). Two different given names give
    codes further apart (twins "Luca"/"Maria": LCU/MRA); close given names of
    twins of the same sex ("Marco"/"Mario") stay a known residual risk."""
    if a == b:
        return True
    if a[:3] == b[:3]:
        return _levenshtein(a[3:], b[3:]) <= 2
    if a[3:] == b[3:]:
        return _levenshtein(a[:3], b[:3]) <= 2
    return False


def _day_month(folded: str) -> tuple[int, int, int] | None:
    """(day, month, sex offset) from the date part of a folded code."""
    if folded[8] not in MONTHS or not folded[9:11].isdigit():
        return None
    day = int(folded[9:11])
    return day % 40, MONTHS.index(folded[8]) + 1, day // 40


def _day_month_swapped(folded_a: str, folded_b: str) -> bool:
    """Same year, sex and place; the day of one is the month of the other and vice versa."""
    if folded_a[6:8] != folded_b[6:8] or folded_a[11:] != folded_b[11:]:
        return False
    a, b = _day_month(folded_a), _day_month(folded_b)
    return a is not None and b is not None and a[2] == b[2] and (a[0], a[1]) == (b[1], b[0])
