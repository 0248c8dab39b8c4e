"""Reads of persons, always scoped by people.rules and audited.

`persons_visible_to(user)` is the scope every page and endpoint uses;
`get_person_for_user` writes one audit entry per read, allowed or refused,
and raises the same NotFound whether the person is missing or hidden.
`find_persons` is find-or-register with minimal disclosure (see people.search).
"""

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from intreccio.audit.log import record_audit
from intreccio.audit.models import AuditEntry
from intreccio.core.exceptions import NotFound

from . import relationships, search
from .models import ConsentRecord, HouseholdMember, IdentityDocument, InformationNotice, Person, Relation
from .rules import can_view_access_report, sharing_permits, visible_persons, works_with_persons


def persons_visible_to(user) -> QuerySet[Person]:
    return Person.objects.filter(visible_persons(user))


def _denied(user, person_id, purpose: str = ""):
    record_audit(
        user,
        AuditEntry.Action.READ,
        ("people.person", str(person_id)[:64]),
        outcome=AuditEntry.Outcome.DENIED,
        purpose=purpose,
    )
    return NotFound()


def _person_id(person_id) -> int | None:
    try:
        return int(person_id)
    except (TypeError, ValueError):
        return None


def get_person_for_user(user, person_id, *, purpose: str = "") -> Person:
    """One person the user may see, audited as a read (refused reads too)."""
    pk = _person_id(person_id)
    person = (
        persons_visible_to(user)
        .select_related("registered_by_organisation", "municipality", "micro_territory")
        .filter(pk=pk)
        .first()
        if pk is not None
        else None
    )
    if person is None:
        raise _denied(user, person_id, purpose)
    record_audit(user, AuditEntry.Action.READ, person, person_id=person.pk, purpose=purpose)
    return person


def get_person_for_access_report(user, person_id) -> Person:
    """The person whose access report the user may read (audited); NotFound otherwise."""
    pk = _person_id(person_id)
    person = Person.objects.filter(pk=pk).select_related("registered_by_organisation").first() if pk else None
    if person is None or not can_view_access_report(user, person):
        raise _denied(user, person_id, "registro degli accessi")
    record_audit(user, AuditEntry.Action.READ, person, person_id=person.pk, purpose="registro degli accessi")
    return person


def person_detail(person: Person) -> dict:
    """What the person page shows about a person already read (one query per list)."""
    today = timezone.localdate()
    return {
        "other_names": list(person.other_names.all()),
        "documents": list(person.documents.order_by("kind", "recorded_at")),
        "memberships": list(
            HouseholdMember.objects.filter(person=person)
            .filter(Q(until__isnull=True) | Q(until__gte=today))
            .select_related("household")
            .prefetch_related(
                Prefetch(
                    "household__members",
                    queryset=HouseholdMember.objects.filter(until__isnull=True).select_related("person"),
                )
            )
        ),
        "relations": list(Relation.objects.filter(person=person).select_related("other")),
        "consent": consent_in_force(person),
        "notices": list(InformationNotice.objects.filter(person=person).select_related("organisation")[:5]),
    }


def consent_in_force(person: Person) -> ConsentRecord | None:
    return (
        ConsentRecord.objects.filter(person=person, withdrawn_at__isnull=True)
        .select_related("organisation", "recorded_by")
        .prefetch_related("organisations")
        .first()
    )


def consent_history(person: Person) -> list[ConsentRecord]:
    return list(
        ConsentRecord.objects.filter(person=person)
        .select_related("organisation", "recorded_by", "withdrawn_by")
        .prefetch_related("organisations")
    )


def documents_of(person: Person) -> list[IdentityDocument]:
    return list(person.documents.order_by("kind", "recorded_at"))


def access_report(person: Person, limit: int = 500) -> list[AuditEntry]:
    """Who read, searched, changed or printed the person's data (searches that disclosed them too)."""
    return list(
        AuditEntry.objects.filter(
            Q(person_id=person.pk)
            | Q(action=AuditEntry.Action.SEARCH, details__person_keys__icontains=f",{person.pk},")
        )
        .select_related("organisation")
        .order_by("-occurred_at", "-id")[:limit]
    )


def household_candidates(user, person: Person) -> QuerySet[Person]:
    return persons_visible_to(user).exclude(pk=person.pk).order_by("surnames", "given_names")


# --- find-or-register -------------------------------------------------------------------------


@dataclass
class SearchResult:
    person_id: int
    disclosure: str  # "full" | "known"
    score: float
    contact: relationships.LeadContact | None = None
    full_name: str = ""
    sex: str = ""
    birth: str = ""
    birthplace: str = ""
    sharing: str = ""
    registered_by: str = ""
    possible_duplicate: bool = False

    @property
    def full(self) -> bool:
        return self.disclosure == "full"


def _birth(row: dict) -> str:
    date = row["birth_date"]
    precision = row["birth_date_precision"]
    if date is None:
        return f"~{row['declared_age']} anni" if row["declared_age"] is not None else ""
    if precision == Person.BirthDatePrecision.EXACT:
        return date.strftime("%d/%m/%Y")
    if precision == Person.BirthDatePrecision.MONTH:
        return date.strftime("%m/%Y")
    return str(date.year)


def find_persons(user, text: str, *, limit: int = 10) -> list[SearchResult]:
    """Persons matching `text`, disclosed as much as the user may know; one SEARCH audit entry.

    Visible persons come with a summary ("full"); persons the user is not
    related to but whose sharing lets the user's organisation know of them
    come only as "known to the network" with the lead's contact; the others
    are not returned at all. Queries: the scored candidates (1), one per
    lead-contact provider, the audit entry (1).
    """
    parsed = search.parse_query(text)
    if parsed.empty or not works_with_persons(user):
        return []
    organisation = user.active_organisation
    rows = search.candidates(parsed, visible=visible_persons(user), known=sharing_permits(organisation))
    results = []
    for score, row in search.rank(parsed, [r for r in rows if r["visible"] or r["known"]], limit):
        if row["visible"]:
            results.append(
                SearchResult(
                    person_id=row["pk"],
                    disclosure="full",
                    score=round(score, 3),
                    full_name=" ".join(p for p in (row["given_names"], row["surnames"]) if p),
                    sex=row["sex"],
                    birth=_birth(row),
                    birthplace=row["birthplace_name"] or row["birth_country"],
                    sharing=row["sharing"],
                    registered_by=row["registered_by_organisation__name"] or "",
                    possible_duplicate=row["possible_duplicate"],
                )
            )
        else:
            results.append(SearchResult(person_id=row["pk"], disclosure="known", score=round(score, 3)))
    contacts = relationships.lead_contacts([result.person_id for result in results]) if results else {}
    for result in results:
        result.contact = contacts.get(result.person_id)
    audit_search(user, results)
    return results


def audit_search(user, results: list[SearchResult]) -> None:
    """One SEARCH entry naming every disclosed person (person_keys lets the access report find it)."""
    ids = [result.person_id for result in results]
    record_audit(
        user,
        AuditEntry.Action.SEARCH,
        ("people.person", "search"),
        details={
            "persons": ids,
            "full": [result.person_id for result in results if result.full],
            "known": [result.person_id for result in results if not result.full],
            "person_keys": "," + ",".join(str(pk) for pk in ids) + "," if ids else "",
        },
    )


def matching_persons(user, parsed_text: str, *, limit: int = 10) -> tuple[list[int], list[int]]:
    """(disclosed ids, hidden ids) of likely matches for a registration: the duplicate check.

    Hidden matches (a person the user may not know of) are never shown; they
    only flag the new person for the linkage review.
    """
    parsed = search.parse_query(parsed_text)
    if parsed.empty:
        return [], []
    organisation = user.active_organisation
    rows = search.candidates(parsed, visible=visible_persons(user), known=sharing_permits(organisation))
    ranked = search.rank(parsed, rows, limit, strict=True)
    shown = [row["pk"] for _score, row in ranked if row["visible"] or row["known"]]
    hidden = [row["pk"] for _score, row in ranked if not (row["visible"] or row["known"])]
    return shown, hidden
