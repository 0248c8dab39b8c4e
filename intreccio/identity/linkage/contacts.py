"""Addresses, phones, e-mails, documents and sex, reduced to comparable keys."""

import re

from .names import clean

STREET_TYPES = {
    "V": "VIA",
    "VIA": "VIA",
    "VLE": "VIALE",
    "VIALE": "VIALE",
    "VL": "VIALE",
    "P": "PIAZZA",
    "PZA": "PIAZZA",
    "PZZA": "PIAZZA",
    "PIAZZA": "PIAZZA",
    "PLE": "PIAZZALE",
    "PIAZZALE": "PIAZZALE",
    "CSO": "CORSO",
    "C": "CORSO",
    "CORSO": "CORSO",
    "LGO": "LARGO",
    "LARGO": "LARGO",
    "VICOLO": "VICOLO",
    "VIC": "VICOLO",
    "VLO": "VICOLO",
    "STR": "STRADA",
    "STRADA": "STRADA",
    "LOC": "LOCALITA",
    "LOCALITA": "LOCALITA",
    "FRAZ": "FRAZIONE",
    "FRAZIONE": "FRAZIONE",
    "VICO": "VICOLO",
    "SALITA": "SALITA",
    "CONTRADA": "CONTRADA",
    "CTR": "CONTRADA",
    "LUNGOLAGO": "LUNGOLAGO",
    "LUNGO": "LUNGO",
    "RIONE": "RIONE",
    "BORGO": "BORGO",
    "STRADELLA": "STRADELLA",
}
# Written with a dot or without: "P.ZZA", "V.LE", "C.SO".
_DOTTED = re.compile(r"\b(V|P|C|L|PZ|VL|S)\s*\.\s*(LE|ZZA|ZA|SO|GO|DA)?\b")
HOUSE_NUMBER_NOISE = {"N", "NR", "NUM", "CIV", "CIVICO", "SNC", "INT", "INTERNO", "SCALA", "PIANO"}
# Addresses that say "no fixed abode" or the fictitious registry street: shared by
# many different people, so they are no evidence at all.
NO_ABODE = re.compile(
    r"\b(SENZA FISSA DIMORA|S F D|SFD|NFA|NESSUNA FISSA DIMORA|VIA FITTIZIA|SENZA DIMORA)\b"
)


def address_parts(text: str) -> tuple[str | None, str | None]:
    """Return (street, house number): "P.zza Garibaldi, 5/a" -> ("PIAZZA GARIBALDI", "5A")."""
    if not text:
        return None, None
    upper = text.upper()
    upper = _DOTTED.sub(lambda m: m.group(1) + (m.group(2) or "") + " ", upper)
    cleaned = clean(upper)
    if not cleaned or NO_ABODE.search(cleaned):
        return None, None
    words = cleaned.split()
    number = None
    street_words = []
    for index, word in enumerate(words):
        if number is None and re.match(r"^\d+[A-Z]?$", word) and index > 0:
            number = word
            if index + 1 < len(words) and re.match(r"^[A-Z]$", words[index + 1]):
                number += words[index + 1]
            break
        if word in HOUSE_NUMBER_NOISE:
            continue
        street_words.append(word)
    if street_words and street_words[0] in STREET_TYPES:
        street_words[0] = STREET_TYPES[street_words[0]]
    street = " ".join(street_words) or None
    return street, number


def street_key(street: str | None) -> str | None:
    """The street without its type: offices mix up "via" and "viale" more often than street names."""
    if not street:
        return None
    words = street.split()
    if len(words) > 1 and words[0] in STREET_TYPES.values():
        words = words[1:]
    return " ".join(words)


def phone_key(text: str) -> str | None:
    digits = re.sub(r"\D", "", text or "")
    if digits.startswith("00"):
        digits = digits[2:]
    if digits.startswith("39") and len(digits) in (11, 12):
        digits = digits[2:]
    return digits if len(digits) >= 6 else None


def email_key(text: str) -> str | None:
    text = (text or "").strip().lower()
    return text if "@" in text else None


def document_key(text: str) -> str | None:
    key = re.sub(r"[^A-Z0-9]", "", (text or "").upper())
    return key if len(key) >= 5 else None


SEX_VALUES = {
    "M": "M",
    "MASCHIO": "M",
    "MASCHILE": "M",
    "MALE": "M",
    "UOMO": "M",
    "U": "M",
    "H": "M",
    "F": "F",
    "FEMMINA": "F",
    "FEMMINILE": "F",
    "FEMALE": "F",
    "DONNA": "F",
    "D": "F",
    "W": "F",
}


def sex_key(text: str) -> str | None:
    return SEX_VALUES.get(clean(text))


def postcode_key(text: str) -> str | None:
    digits = re.sub(r"\D", "", text or "")
    return digits if len(digits) == 5 else None
