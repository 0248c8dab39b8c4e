"""Find-or-register: one search box over names in any order and spelling, dates, codes and phones.

Each person keeps `search_text`, a string of space-separated keys rebuilt by
people.actions on every change (see `index_text`):

    NAME       every name token, cleaned (upper-case ASCII, particles glued)
    ~FOLD      its transliteration-folding key (MOHAMED/MUHAMMAD/MOHAMMED -> ~MT)
    #CODE      every document number, normalised
    %DIGITS    the phone number's digits (without the international prefix)
    *Y1980     the birth year; *M198004 the month; *D19800403 the exact date

A query is parsed into the same keys. One SQL query scores persons with
LIKE patterns on those keys (plus trigram word similarity on PostgreSQL,
where a GIN trigram index serves both), keeps the best CANDIDATES, and
annotates whether the searching operator may see each person (people.rules)
and whether the person's sharing lets the operator's organisation know they
exist. Python then re-ranks that bounded set by name similarity (difflib),
so the number of queries never depends on the data.
"""

import datetime
import difflib
import re
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import BooleanField, Case, F, IntegerField, Q, Value, When
from django.db.models.functions import Coalesce

from .models import Person
from .names import fold_token, tokens

# How many persons the SQL step hands to the re-ranking (bounded whatever the data).
CANDIDATES = 60
# Below this name similarity a candidate is not a match (unless a code, phone or date matched).
NAME_THRESHOLD = 0.72

DATE_PATTERNS = (
    re.compile(r"\b(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})\b"),
    re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"),
)


# --- the index --------------------------------------------------------------------------


def phone_digits(phone: str) -> str:
    digits = re.sub(r"\D", "", phone or "")
    if digits.startswith("0039") and len(digits) > 10:
        digits = digits[4:]
    elif digits.startswith("39") and len(digits) > 10:
        digits = digits[2:]
    return digits


def name_keys(*texts: str) -> list[str]:
    keys = []
    for text in texts:
        for token in tokens(text):
            keys += [token.text, "~" + fold_token(token.text)]
    return keys


def birth_keys(person: Person) -> list[str]:
    if not person.birth_date:
        if person.declared_age is not None and person.declared_age_on:
            return [f"*Y{person.declared_age_on.year - person.declared_age}"]
        return []
    date = person.birth_date
    keys = [f"*Y{date.year}"]
    if person.birth_date_precision in (Person.BirthDatePrecision.EXACT, Person.BirthDatePrecision.MONTH):
        keys.append(f"*M{date:%Y%m}")
    if person.birth_date_precision == Person.BirthDatePrecision.EXACT:
        keys.append(f"*D{date:%Y%m%d}")
    return keys


def index_text(person: Person, other_names=(), document_numbers=()) -> str:
    """The person's search keys (other_names: (given, surnames) pairs)."""
    keys = name_keys(person.given_names, person.surnames)
    for given, surnames in other_names:
        keys += name_keys(given, surnames)
    keys += ["#" + number for number in document_numbers if number]
    digits = phone_digits(person.phone)
    if len(digits) >= 6:
        keys.append("%" + digits)
    keys += birth_keys(person)
    return " " + " ".join(dict.fromkeys(keys)) + " "


# --- the query --------------------------------------------------------------------------


@dataclass
class ParsedQuery:
    names: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    phone: str = ""
    year: int | None = None
    date: datetime.date | None = None

    @property
    def empty(self) -> bool:
        return not (self.names or self.codes or self.phone or self.year or self.date)


def parse_query(text: str) -> ParsedQuery:
    parsed = ParsedQuery()
    text = (text or "")[:200]
    for pattern in DATE_PATTERNS:
        match = pattern.search(text)
        if match:
            try:
                parsed.date = datetime.date(int(match["y"]), int(match["m"]), int(match["d"]))
                parsed.year = parsed.date.year
            except ValueError:
                pass
            text = text[: match.start()] + " " + text[match.end() :]
            break
    digits, words = [], []
    for word in re.split(r"[\s,;]+", text):
        cleaned = re.sub(r"[^A-Za-z0-9]", "", word).upper()
        if not cleaned:
            continue
        if cleaned.isdigit():
            if len(cleaned) == 4 and 1900 <= int(cleaned) <= 2100 and parsed.year is None:
                parsed.year = int(cleaned)
            else:
                digits.append(cleaned)
        elif any(char.isdigit() for char in cleaned) and len(cleaned) >= 5:
            parsed.codes.append(cleaned)
        else:
            words.append(word)
    joined = phone_digits("".join(digits))
    if len(joined) >= 6:
        parsed.phone = joined
    parsed.names = [token.text for token in tokens(" ".join(words)) if len(token.text) >= 2][:6]
    return parsed


# --- scoring in SQL ---------------------------------------------------------------------


def _contains(key: str) -> Q:
    return Q(search_text__contains=key)


def _token_score(name: str):
    """Exact token 6, prefix of a token 4, same folding key 4, same first three letters 1."""
    fold = fold_token(name)
    whens = [When(_contains(f" {name} "), then=Value(6)), When(_contains(f" {name}"), then=Value(4))]
    if fold:
        whens.append(When(_contains(f" ~{fold} "), then=Value(4)))
    if len(name) >= 4:
        whens.append(When(_contains(f" {name[:3]}"), then=Value(1)))
    return Case(*whens, default=Value(0), output_field=IntegerField())


def _matches(parsed: ParsedQuery) -> tuple[Q, object]:
    """(the filter that selects candidates, the SQL score to order them by)."""
    condition = Q(pk__in=[])
    score = Value(0, output_field=IntegerField())
    for name in parsed.names:
        fold = fold_token(name)
        condition |= _contains(f" {name}") | (_contains(f" ~{fold} ") if fold else Q(pk__in=[]))
        if len(name) >= 4:
            condition |= _contains(f" {name[:3]}")
        score = score + _token_score(name)
    for code in parsed.codes:
        condition |= _contains(f" #{code}")
        score = score + Case(When(_contains(f" #{code}"), then=Value(20)), default=Value(0))
    if parsed.phone:
        # The last nine digits: the same number with or without a prefix or a leading 0.
        key = parsed.phone[-9:] if len(parsed.phone) >= 9 else f" %{parsed.phone}"
        condition |= _contains(key)
        score = score + Case(When(_contains(key), then=Value(15)), default=Value(0))
    if parsed.date:
        key = f" *D{parsed.date:%Y%m%d} "
        score = score + Case(When(_contains(key), then=Value(5)), default=Value(0))
        if not parsed.names:
            condition |= _contains(key)
    if parsed.year:
        key = f" *Y{parsed.year} "
        score = score + Case(When(_contains(key), then=Value(3)), default=Value(0))
        if not parsed.names and not parsed.date:
            condition |= _contains(key)
    return condition, score


def _trigram(parsed: ParsedQuery):
    """On PostgreSQL, word similarity of the names (pg_trgm) joins the score and the filter."""
    if connection.vendor != "postgresql" or not parsed.names:
        return None, None
    from django.contrib.postgres.lookups import TrigramWordSimilar
    from django.contrib.postgres.search import TrigramWordSimilarity
    from django.db.models import TextField

    # What django.contrib.postgres's AppConfig would register (the app is not installed).
    TextField.register_lookup(TrigramWordSimilar)
    text = " ".join(parsed.names)
    return Q(search_text__trigram_word_similar=text), TrigramWordSimilarity(text, "search_text")


def candidates(parsed: ParsedQuery, *, visible: Q, known: Q) -> list[dict]:
    """One query: the best-scoring persons with what the ranking and the disclosure need."""
    condition, score = _matches(parsed)
    similar, similarity = _trigram(parsed)
    queryset = Person.objects.all()
    if similar is not None:
        condition |= similar
        queryset = queryset.annotate(similarity=Coalesce(similarity, Value(0.0)))
        score = score + F("similarity") * 10
    # A CASE over the uncorrelated `pk IN (…)` subqueries: PostgreSQL hashes each
    # relationship source once, where an EXISTS per candidate row re-ran them
    # all for every row (3.7 s instead of 0.1 s at 20,000 persons).
    return list(
        queryset.filter(condition)
        .annotate(
            score=score,
            visible=Case(When(visible, then=Value(True)), default=Value(False), output_field=BooleanField()),
            known=Case(When(known, then=Value(True)), default=Value(False), output_field=BooleanField()),
        )
        .order_by("-score", "-pk")
        .values(
            "pk",
            "given_names",
            "surnames",
            "sex",
            "birth_date",
            "birth_date_precision",
            "declared_age",
            "birthplace_name",
            "birth_country",
            "sharing",
            "possible_duplicate",
            "search_text",
            "registered_by_organisation__name",
            "visible",
            "known",
        )[:CANDIDATES]
    )


# --- re-ranking in Python ---------------------------------------------------------------


def _token_similarity(query: str, names: list[str], folds: dict[str, str]) -> float:
    best = 0.0
    fold = fold_token(query)
    for name in names:
        if name == query:
            return 1.0
        if name.startswith(query) and len(query) >= 2:
            best = max(best, 0.9)
        elif fold and folds[name] == fold:
            best = max(best, 0.88)
        else:
            best = max(best, difflib.SequenceMatcher(None, query, name).ratio())
    return best


def rank(
    parsed: ParsedQuery, rows: list[dict], limit: int, *, strict: bool = False
) -> list[tuple[float, dict]]:
    """Order candidates by name similarity and matched codes; drop those that do not match.

    strict (the duplicate check of a registration): a candidate whose known birth year
    differs from the query's is another person, however alike the names."""
    ranked = []
    for row in rows:
        keys = row["search_text"].split()
        names = [key for key in keys if key[0].isalnum()]
        folds = {name: fold_token(name) for name in names}
        name_score = (
            sum(_token_similarity(query, names, folds) for query in parsed.names) / len(parsed.names)
            if parsed.names
            else 0.0
        )
        exact = any(f"#{code}" in keys for code in parsed.codes) or bool(
            parsed.phone and any(key.startswith("%") and key.endswith(parsed.phone[-9:]) for key in keys)
        )
        dated = bool(
            (parsed.date and f"*D{parsed.date:%Y%m%d}" in keys)
            or (parsed.year and f"*Y{parsed.year}" in keys)
        )
        if parsed.names and name_score < NAME_THRESHOLD and not exact:
            continue
        if not parsed.names and not exact and not dated:
            continue
        born_otherwise = (parsed.date or parsed.year) and not dated and any(k.startswith("*Y") for k in keys)
        if strict and born_otherwise and not exact:
            continue
        if parsed.names and (parsed.date or parsed.year) and not dated and not exact:
            name_score -= 0.15  # a different birth date makes it a weaker match
        ranked.append((name_score + (1.0 if exact else 0.0) + (0.2 if dated else 0.0), row))
    ranked.sort(key=lambda item: (-item[0], -item[1]["pk"]))
    return ranked[:limit]
