# PLACEHOLDER (intake branch): replaced by the people/cases branch at merge
from django.db import IntegrityError, transaction

from intreccio.audit.log import record_event
from intreccio.core.exceptions import PermissionDenied
from intreccio.core.roles import Role

from .exceptions import CaseAlreadyOpen
from .models import Case, CaseMember
from .queries import open_case_of


def open_case(*, actor, person, lead, team=None, micro_territory=None, categories=()) -> Case:
    """Take the person in charge with `lead` as their case lead."""
    if actor is not None and not actor.has_role(Role.CASE_LEAD, Role.SUPERVISOR):
        raise PermissionDenied("Solo un case manager o un coordinatore può prendere in carico.")
    organisation = lead.active_organisation
    if organisation is None or not lead.has_role_in(organisation, Role.CASE_LEAD):
        raise PermissionDenied("Il case manager deve avere il ruolo di case manager.")
    existing = open_case_of(person.pk)
    if existing is not None:
        raise CaseAlreadyOpen(case=existing)
    try:
        with transaction.atomic():
            case = Case.objects.create(
                person=person,
                lead=lead,
                lead_organisation=organisation,
                team=team,
                micro_territory=micro_territory,
                categories=list(categories),
            )
            CaseMember.objects.create(case=case, user=lead, organisation=organisation)
            record_event("CASE_OPENED", actor=actor, subject=case, person_id=person.pk)
    except IntegrityError:
        raise CaseAlreadyOpen(case=open_case_of(person.pk)) from None
    return case
