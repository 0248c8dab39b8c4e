"""Who may see and change a person: relationships filtered by the person's sharing choices.

An operator sees a person when one of the relationship sources registered
in people.relationships relates them (acting for their active organisation)
and, for the sources that need consent, when the person's sharing permits
that organisation:

- sharing NETWORK: every organisation of the network;
- sharing SELECTED: the organisations, or the kinds of organisation, named
  in the consent record in force;
- sharing REFUSED: none (only consent-exempt relationships remain: the door
  the person walked through may always help them).

The scope is one SQL condition (`visible_persons`), evaluated at each
request: a withdrawal takes effect at the very next one. Purposes are
recorded with the choice; the apps that use data for a purpose check them.
"""

import rules
from django.db.models import Exists, OuterRef, Q

from intreccio.core.roles import PERSON_FACING_ROLES, Role
from intreccio.core.rules import is_operator

from . import relationships
from .models import ConsentRecord, Person

NOTHING = Q(pk__in=[])


def sharing_permits(organisation) -> Q:
    """Persons whose sharing choice lets `organisation` see them (or know they exist)."""
    if organisation is None:
        return NOTHING
    selected = ConsentRecord.objects.filter(
        person=OuterRef("pk"), withdrawn_at__isnull=True, scope=Person.Sharing.SELECTED
    ).filter(Q(organisations=organisation.pk) | Q(organisation_kinds__icontains=f'"{organisation.kind}"'))
    return Q(sharing=Person.Sharing.NETWORK) | Q(sharing=Person.Sharing.SELECTED) & Exists(selected)


def visible_persons(user) -> Q:
    """The condition on Person rows the user may see now (NOTHING without a person-facing role)."""
    if not works_with_persons(user):
        return NOTHING
    organisation = user.active_organisation
    exempt, consented = NOTHING, NOTHING
    for source in relationships.sources():
        related = Q(pk__in=source.person_ids(user, organisation.pk))
        if source.needs_consent:
            consented |= related
        else:
            exempt |= related
    return exempt | (consented & sharing_permits(organisation))


def exempt_persons(user) -> Q:
    """Persons related to the user's organisation by a source that needs no consent (its own persons)."""
    organisation = user.active_organisation if is_operator(user) else None
    if organisation is None:
        return NOTHING
    condition = NOTHING
    for source in relationships.sources():
        if not source.needs_consent:
            condition |= Q(pk__in=source.person_ids(user, organisation.pk))
    return condition


# The built-in relationship: the organisation that registered the person is the door they came
# through, and may always help them (like the intake recorder: no consent needed).
relationships.register_source(
    relationships.RelationshipSource(
        name="registered_by",
        person_ids=lambda user, organisation_id: Person.objects.filter(
            registered_by_organisation_id=organisation_id
        ).values_list("pk", flat=True),
        needs_consent=False,
    )
)


@rules.predicate
def works_with_persons(user) -> bool:
    return bool(
        is_operator(user) and user.active_organisation is not None and user.has_role(*PERSON_FACING_ROLES)
    )


@rules.predicate
def may_see_person(user, person) -> bool:
    return bool(person is not None and Person.objects.filter(visible_persons(user), pk=person.pk).exists())


@rules.predicate
def is_data_protection_officer_of_persons_organisation(user, person) -> bool:
    return bool(
        is_operator(user)
        and user.has_role(Role.DATA_PROTECTION_OFFICER)
        and Person.objects.filter(exempt_persons(user), pk=person.pk).exists()
    )


@rules.predicate
def supervises_at_recording_organisation(user, person) -> bool:
    return bool(
        is_operator(user)
        and user.has_role(Role.SUPERVISOR)
        and person.registered_by_organisation_id is not None
        and person.registered_by_organisation_id == user.active_organisation_id
    )


can_search_persons = works_with_persons
can_register_person = works_with_persons
can_view_person = works_with_persons & may_see_person
can_change_person = can_view_person
can_record_sharing = can_view_person
# "Who accessed my data": the data-protection contact of an organisation the person came to
# (registered or recorded them), and the supervisor of the organisation that registered them.
can_view_access_report = (
    is_data_protection_officer_of_persons_organisation | supervises_at_recording_organisation
)

rules.add_perm("people.search", can_search_persons)
rules.add_perm("people.register", can_register_person)
rules.add_perm("people.view_person", can_view_person)
rules.add_perm("people.change_person", can_change_person)
rules.add_perm("people.view_access_report", can_view_access_report)
