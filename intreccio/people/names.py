"""Name normalisation shared by find-or-register (people.search) and the linkage engine (identity).

Every office writes a name its own way: accents or none, "D'Angelo" or "Dangelo",
"De Luca" or "Deluca", "Mohamed"/"Muhammad"/"Mohammed", "Shevchenko"/"Ševčenko"/
"Scevcenko". `clean` folds a text to upper-case ASCII words, `tokens` glues
particles and marks separate Arabic articles, `fold_token` maps spelling
variants of the same sounds to one key. Pure functions, no database.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from anyascii import anyascii

# Particles that belong to the following word of a surname: "De Luca" = "Deluca".
JOINING_PARTICLES = frozenset(
    [
        "DE",
        "DI",
        "DA",
        "DEL",
        "DELLA",
        "DELLE",
        "DEI",
        "DEGLI",
        "DELLO",
        "DALLA",
        "DALLE",
        "DAL",
        "DALL",
        "DELL",
        "LA",
        "LO",
        "LI",
        "LE",
        "VAN",
        "VON",
        "DER",
        "DEN",
        "TEN",
        "MC",
        "MAC",
        "D",
        "SAN",
        "SANTA",
        "SANT",
        "DOS",
        "DAS",
        "DO",
        "DU",
        "BEN",
        "BIN",
        "IBN",
        "BOU",
        "ABU",
        "ABD",
        "OULD",
    ]
)
# Arabic articles are often dropped by one office and kept by another: "El Amrani" / "Amrani".
DROPPABLE_ARTICLES = frozenset({"AL", "EL", "UL", "ES", "ED", "ET"})
# Words that are not part of anyone's name.
NOISE = frozenset(
    ["SIG", "SIGRA", "SIGNOR", "SIGNORA", "DOTT", "DOTTSSA", "DR", "MR", "MRS", "MS", "NN", "XX", "XXX"]
)


def clean(text: str) -> str:
    """Upper-case ASCII with letters, digits and single spaces; apostrophes glue ("D'Angelo" -> "DANGELO")."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text)
    text = anyascii(text).upper()
    text = re.sub(r"['`´’‘]", "", text)
    text = re.sub(r"[^A-Z0-9]+", " ", text)
    return text.strip()


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    article: bool = False  # an Arabic article written apart ("EL" in "EL AMRANI")


def tokens(text: str) -> list[Token]:
    """Split a name into tokens, gluing particles to the next word and marking separate articles."""
    words = [word for word in clean(text).split() if not word.isdigit() and word not in NOISE]
    result: list[Token] = []
    index = 0
    while index < len(words):
        word = words[index]
        if index + 1 < len(words) and len(word) <= 4:
            if word in DROPPABLE_ARTICLES:
                result.append(Token(words[index + 1], article=True))
                index += 2
                continue
            if word in JOINING_PARTICLES:
                # "DE LA CRUZ" -> "DELACRUZ": glue every particle in a row to the word after it.
                glued = word
                index += 1
                while index < len(words) - 1 and words[index] in JOINING_PARTICLES:
                    glued += words[index]
                    index += 1
                result.append(Token(glued + words[index]))
                index += 1
                continue
        result.append(Token(word))
        index += 1
    return result


# --- transliteration folding -------------------------------------------------------------

_FOLD_RULES = (
    # Longest first: spellings of one sound across Italian, English, French, German and
    # Slavic/Arabic romanisations.
    ("TSCH", "K"),
    ("SCH", "S"),
    ("TCH", "K"),
    ("DZH", "J"),
    ("DJ", "J"),
    ("DZ", "J"),
    ("ZH", "J"),
    ("SH", "S"),
    ("CH", "K"),
    ("KH", "H"),
    ("GH", "G"),
    ("PH", "F"),
    ("TH", "T"),
    ("DH", "D"),
    ("CK", "K"),
    ("CQ", "K"),
    ("QU", "K"),
    ("TZ", "S"),
    ("TS", "S"),
    ("X", "KS"),
    ("Q", "K"),
    ("C", "K"),
    ("W", "V"),
    ("Z", "S"),
    ("D", "T"),
    ("Y", "I"),
)
_FOLD_PATTERN = re.compile("|".join(source for source, _ in _FOLD_RULES))
_FOLD_MAP = dict(_FOLD_RULES)


@cache
def fold_token(token: str) -> str:
    """A spelling-insensitive key: variants that sound alike fold to one string.

    Digraphs are reduced to one letter class (SH/SCH/S, CH/K/C/Q, KH/H, PH/F, W/V,
    Z/S, D/T), vowels and H after the first letter are dropped, an initial vowel
    becomes "A", and doubled letters collapse: "MOHAMED", "MUHAMMAD" and
    "MOHAMMED" fold to "MT"; "SHEVCHENKO", "SEVCENKO" and "SCEVCENKO" to "SFKNK".
    Short keys collide ("MATTEO" is "MT" too): the key is one level of evidence
    whose weight the model estimates, never a match on its own."""
    if not token:
        return ""
    text = _FOLD_PATTERN.sub(lambda match: _FOLD_MAP[match.group(0)], token)
    # Italian "SCE"/"SCI" is the same sound as "SHE"/"SHI" (already S): "SKE" -> "SE".
    text = re.sub(r"SK(?=[EI])", "S", text)
    first = "A" if text[0] in "AEIOU" else text[0]
    rest = re.sub(r"[AEIOUH]", "", text[1:])
    folded = first + rest
    folded = re.sub(r"(.)\1+", r"\1", folded)
    return folded.replace("V", "F") if len(folded) > 1 else folded
