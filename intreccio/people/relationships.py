"""Who has a relationship with which person, told to people by the apps above it.

People cannot import intake, cases or referrals (dependencies point down),
yet an operator's view of a person depends on them: the intake they
recorded, the case team they are on, the referral they received. Those
apps register here, in their AppConfig.ready():

- a relationship source: for a user acting for an organisation, a queryset
  of the person ids they are related to. `needs_consent=False` only for the
  door the person walked through themselves (the recording organisation),
  which may always help the person in front of it; every other source is
  filtered by the person's sharing choices (people.rules).
- a lead contact provider: for person ids, who to contact about them (the
  case lead and their organisation), which is all an unrelated operator
  learns from a search (minimal disclosure).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import QuerySet


@dataclass(frozen=True)
class RelationshipSource:
    name: str
    # (user, organisation_id) -> QuerySet yielding person ids (values_list flat).
    person_ids: Callable[[object, int], QuerySet]
    needs_consent: bool = True


@dataclass(frozen=True)
class LeadContact:
    person_id: int
    lead_name: str
    lead_email: str
    organisation_name: str
    organisation_phone: str


_sources: dict[str, RelationshipSource] = {}
_contact_providers: list[Callable[[Iterable[int]], dict[int, LeadContact]]] = []


def register_source(source: RelationshipSource) -> None:
    _sources[source.name] = source


def register_lead_contacts(provider: Callable[[Iterable[int]], dict[int, LeadContact]]) -> None:
    if provider not in _contact_providers:
        _contact_providers.append(provider)


def sources() -> list[RelationshipSource]:
    return list(_sources.values())


def lead_contacts(person_ids: Iterable[int]) -> dict[int, LeadContact]:
    """Who to contact about each person (one query per provider)."""
    person_ids = list(person_ids)
    contacts: dict[int, LeadContact] = {}
    for provider in _contact_providers:
        contacts.update(provider(person_ids))
    return contacts
