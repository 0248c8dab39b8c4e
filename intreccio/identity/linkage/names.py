"""Names: normalisation, name order, nicknames, and a transliteration-folding key.

Every office writes a name its own way: accents or none, "D'Angelo" or "Dangelo",
"De Luca" or "Deluca", given and family names swapped or in one field in either
order, "Mohamed"/"Muhammad"/"Mohammed", "Shevchenko"/"Ševčenko"/"Scevcenko".
The engine therefore compares names as a *multiset of tokens* (order-free) at
three strengths: the exact normalised tokens, the tokens with nicknames replaced
by the formal name, and a folding key that maps spelling variants of the same
sounds to one string (see `fold_token`).
"""

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

# The pure normalisation lives in people (a lower layer) so find-or-register shares it.
from intreccio.people.names import (  # noqa: F401 — re-exported for the engine's modules
    DROPPABLE_ARTICLES,
    JOINING_PARTICLES,
    NOISE,
    Token,
    clean,
    fold_token,
    tokens,
)

DATA = Path(__file__).resolve().parent / "data"


# --- dictionaries ------------------------------------------------------------------------


def _words(filename: str) -> frozenset[str]:
    words = set()
    for line in (DATA / filename).read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        words.update(line.split())
    return frozenset(words)


@cache
def given_names() -> frozenset[str]:
    names = json.loads(
        resources.files("codicefiscale").joinpath("data/names.json").read_text(encoding="utf-8")
    )
    italian = {clean(name) for sex in ("M", "F") for name in names[sex]}
    return frozenset(italian | _words("given_names.txt"))


@cache
def family_names() -> frozenset[str]:
    return _words("family_names.txt")


@cache
def nicknames() -> dict[str, str]:
    table = {}
    for line in (DATA / "nicknames.csv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        nickname, formal = line.split(",")
        table[clean(nickname)] = clean(formal)
    return table


def formal(token: str) -> str:
    return nicknames().get(token, token)


def _given_score(words: list[str]) -> int:
    given, family = given_names(), family_names()
    return sum((word in given) - (word in family) for word in words)


def split_full_name(text: str) -> tuple[list[str], list[str]]:
    """Guess (given, family) tokens of a one-field name written in either order.

    Italian registers write the surname first; a known given name at the other end
    overrides that habit. Matching never relies on the guess (names are compared
    order-free); it only feeds blocking and the "same family name" level."""
    words = [token.text for token in tokens(text)]
    if len(words) < 2:
        return [], words
    surname_first = (words[1:], words[:1])
    given_first = (words[:1], words[1:])
    surname_first_3 = (words[2:], words[:2]) if len(words) > 2 else None
    candidates = [surname_first, given_first] + ([surname_first_3] if surname_first_3 else [])

    def score(candidate):
        given, family = candidate
        return _given_score(given) - _given_score(family)

    best = max(candidates, key=score)  # ties keep the first: surname first
    return best


def order_fields(first: str, last: str) -> tuple[list[str], list[str], bool]:
    """Return (given, family, swapped): swap fields that were filled the other way round."""
    given = [token.text for token in tokens(first)]
    family = [token.text for token in tokens(last)]
    if given and family and _given_score(family) > 0 and _given_score(given) < 0:
        return family, given, True
    return given, family, False


@dataclass(frozen=True, slots=True)
class NameFeatures:
    given: str | None
    family: str | None
    name_key: str | None  # sorted exact tokens: order-free
    formal_key: str | None  # sorted tokens with nicknames replaced by the formal name
    fold_key: str | None  # sorted folded tokens
    fold_tokens: tuple[str, ...]
    formal_tokens: tuple[str, ...]
    given_fold: str | None
    family_fold: str | None


def name_features(first: str = "", last: str = "", full: str = "") -> NameFeatures:
    """All name columns of a record from first/last name fields or a one-field full name."""
    if first or last:
        given, family, _ = order_fields(first, last)
        if full and not (given and family):
            full_given, full_family = split_full_name(full)
            given, family = given or full_given, family or full_family
    elif full:
        given, family = split_full_name(full)
    else:
        given, family = [], []
    all_tokens = [*given, *family]
    if not all_tokens:
        return NameFeatures(None, None, None, None, None, (), (), None, None)
    formal_tokens = [formal(token) for token in all_tokens]
    folded = sorted({fold_token(token) for token in formal_tokens if token})
    return NameFeatures(
        given=" ".join(given) or None,
        family=" ".join(family) or None,
        name_key=" ".join(sorted(all_tokens)),
        formal_key=" ".join(sorted(formal_tokens)),
        fold_key=" ".join(folded),
        fold_tokens=tuple(folded),
        formal_tokens=tuple(sorted(set(formal_tokens))),
        given_fold=fold_token(formal(given[0])) if given else None,
        family_fold=fold_token("".join(family)) if family else None,
    )
