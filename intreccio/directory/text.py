"""Words for the directory's search index: lower case, no accents, stemmed per language.

The index is a string of stems between spaces (" cas anzian "), stored on
each service and place and rebuilt by the actions; a query matches a stem
as a prefix (" cas" finds "casa", "case", "casetta"). The same code runs on
SQLite and PostgreSQL, so results do not depend on the database.

Snowball has stemmers for Italian, English, French, Spanish, Arabic and
Romanian; Ukrainian and Albanian words are only normalised (no stemming).
"""

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

STEMMERS = {
    "it": "italian",
    "en": "english",
    "fr": "french",
    "es": "spanish",
    "ar": "arabic",
    "ro": "romanian",
}

# Words too common to help (the stemmer keeps them, the index drops them).
STOPWORDS = frozenset(
    """
    a ad al alla alle allo agli ai anche che chi ci con da dal dalla dalle dai degli dei del della delle
    dello di e ed gli i il in la le lo ma ne nei nel nella nelle non o per piu po si su sua sue suo sul
    sulla tra fra un una uno
    the of and or to for in on at by with an is are
    le la les de des du et ou un une pour dans sur au aux
    el los las del y o para con por en un una
    si sau cu de la pe pentru din un o
    """.split()  # noqa: SIM905 (a word list reads better as text)
)

_WORD = re.compile(r"\w+", re.UNICODE)


def fold(text: str) -> str:
    """Lower case without accents or Arabic diacritics ("Città" → "citta")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=16)
def _stemmer(language: str):
    algorithm = STEMMERS.get(language)
    return snowballstemmer.stemmer(algorithm) if algorithm else None


def words(text: str) -> list[str]:
    """The folded words of `text`, without stop words and single letters."""
    return [w for w in _WORD.findall(fold(text or "")) if len(w) > 1 and w not in STOPWORDS]


def stems(text: str, language: str = "it") -> list[str]:
    """The folded, stemmed words of `text` in `language`."""
    found = words(text)
    stemmer = _stemmer(language)
    if stemmer is None:
        return found
    return [stem for stem in stemmer.stemWords(found) if stem]


def index_text(parts: list[tuple[str, str]]) -> str:
    """The index string for (text, language) pairs: unique stems between spaces."""
    seen: dict[str, None] = {}
    for text, language in parts:
        for stem in stems(text, language):
            seen.setdefault(stem, None)
    return f" {' '.join(seen)} " if seen else ""


def query_terms(query: str, language: str = "it") -> list[set[str]]:
    """Each query word as the set of its stems (Italian and the visitor's language)."""
    terms = []
    for word in words(query)[:8]:
        variants = {word}
        for lang in {"it", language}:
            stemmer = _stemmer(lang)
            if stemmer is not None:
                stem = stemmer.stemWord(word)
                if stem:
                    variants.add(stem)
        # A variant that starts with another adds nothing to a prefix match.
        terms.append({v for v in variants if not any(o != v and v.startswith(o) for o in variants)})
    return terms
