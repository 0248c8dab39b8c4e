"""Who may record, see, cancel responses, decide overlaps and keep the catalogue.

Recording: an operator with a person-facing role, acting for their active
organisation (the giving organisation), for a person they may see
(people.rules: relationships filtered by consent; consent-exempt ties such as
the door that registered the person count).

Seeing a response (`visible_responses`, one SQL condition):
- the giving organisation always sees what it gave (its own record);
- the lead and the team of the person's open case see it as they see the
  case (cases.rules: team members of other organisations only while the
  person's sharing reaches them);
- any other organisation that may see the person sees it only when the
  person's sharing choices reach that organisation (a consent-exempt tie,
  the door, does not open other organisations' records) and only when the
  type reveals no sensitive category at all;
- a type whose category is protected by default (core.sensitivity:
  addiction, HIV, sexual violence) is seen only by the organisation that
  gave it, unless the person's consent in force agrees to share that
  category (ConsentRecord.protected_categories_agreed): then the case's
  lead and team see it too, never other organisations.

Cancelling (a response recorded by mistake): the giving organisation's
person-facing operators. Deciding an overlap (complementary / resolved):
the lead of the person's case, or a supervisor of one of the organisations
whose responses overlap. The catalogue of types: system administrators and
organisation administrators.
"""

import rules
from django.db.models import Exists, OuterRef, Q

from intreccio.core.roles import PERSON_FACING_ROLES, Role
from intreccio.core.rules import is_operator, is_system_admin
from intreccio.core.sensitivity import PROTECTED_BY_DEFAULT

NOTHING = Q(pk__in=[])


@rules.predicate
def works_with_persons(user) -> bool:
    return bool(
        is_operator(user) and user.active_organisation is not None and user.has_role(*PERSON_FACING_ROLES)
    )


def _open_case_persons(user):
    from intreccio.cases.queries import OPEN, cases_visible_to

    return cases_visible_to(user).filter(OPEN).values("person_id")


def _protected_agreed() -> Q:
    """Responses of a protected type whose person agreed to share that category."""
    from intreccio.people.models import ConsentRecord

    condition = NOTHING
    for category in sorted(PROTECTED_BY_DEFAULT):
        agreed = ConsentRecord.objects.filter(
            person=OuterRef("person"),
            withdrawn_at__isnull=True,
            protected_categories_agreed__icontains=f'"{category}"',
        )
        condition |= Q(type__sensitive_category=category) & Exists(agreed)
    return condition


def visible_responses(user) -> Q:
    """The condition on Response rows the user may see now (NOTHING without a person-facing role)."""
    from intreccio.people.models import Person
    from intreccio.people.rules import sharing_permits, visible_persons

    if not works_with_persons(user):
        return NOTHING
    organisation = user.active_organisation
    given = Q(organisation=organisation.pk)
    protected = Q(type__sensitive_category__in=sorted(PROTECTED_BY_DEFAULT))
    on_the_case = Q(person__in=_open_case_persons(user))
    seen_and_shared = (
        Q(person__in=Person.objects.filter(visible_persons(user)).values("pk"))
        & Q(person__in=Person.objects.filter(sharing_permits(organisation)).values("pk"))
        & Q(type__sensitive_category="")
    )
    return given | ((~protected | _protected_agreed()) & (on_the_case | seen_and_shared))


def visible_alerts(user) -> Q:
    """Overlap alerts the user may see: their organisation's, and those of the cases they see."""
    if not works_with_persons(user):
        return NOTHING
    organisation_id = user.active_organisation_id
    return (
        Q(existing__organisation=organisation_id)
        | Q(new_organisation=organisation_id)
        | Q(person__in=_open_case_persons(user))
    )


@rules.predicate
def may_see_person(user, person) -> bool:
    from intreccio.people.rules import can_view_person

    return bool(person is not None and can_view_person(user, person))


@rules.predicate
def gave_the_response(user, response) -> bool:
    return bool(
        is_operator(user) and response is not None and response.organisation_id == user.active_organisation_id
    )


@rules.predicate
def may_see_response(user, response) -> bool:
    from .models import Response

    return bool(
        response is not None and Response.objects.filter(visible_responses(user), pk=response.pk).exists()
    )


@rules.predicate
def leads_the_alert_case(user, alert) -> bool:
    from intreccio.cases.queries import open_case_of

    if not is_operator(user) or alert is None:
        return False
    case = alert.case if alert.case_id else open_case_of(alert.person_id)
    return bool(case is not None and case.lead_id == user.pk)


@rules.predicate
def supervises_an_involved_organisation(user, alert) -> bool:
    if not is_operator(user) or alert is None or not user.has_role(Role.SUPERVISOR):
        return False
    involved = {alert.existing.organisation_id, alert.new_organisation_id}
    return user.active_organisation_id in involved


@rules.predicate
def manages_catalogue(user) -> bool:
    return bool(is_operator(user) and user.has_role(Role.ORGANISATION_ADMIN))


can_record_response = works_with_persons & may_see_person
can_view_response = works_with_persons & may_see_response
can_cancel_response = works_with_persons & gave_the_response
can_view_responses = works_with_persons
can_decide_overlap = leads_the_alert_case | supervises_an_involved_organisation
can_manage_response_types = is_system_admin | manages_catalogue

rules.add_perm("responses.record", can_record_response)
rules.add_perm("responses.view", can_view_response)
rules.add_perm("responses.cancel", can_cancel_response)
rules.add_perm("responses.decide_overlap", can_decide_overlap)
rules.add_perm("responses.manage_types", can_manage_response_types)
