"""Who may record intakes, report concerns, handle a queue and configure routing.

Handling an intake belongs to its recipients: the members and the
supervisor of the team it was routed to, or the operator it was routed to
(a case lead, or the recording operator when the person refused sharing).
Routing rules and deadlines shape the whole district: the system
administrator and the planning office's (Ufficio di Piano) administrators
configure them (docs/decisions/0009-intake-routing.md).
"""

import rules

from intreccio.core.roles import PERSON_FACING_ROLES, Role
from intreccio.core.rules import is_operator, is_system_admin


@rules.predicate
def works_with_persons(user) -> bool:
    return bool(is_operator(user) and user.has_role(*PERSON_FACING_ROLES))


@rules.predicate
def is_sentinel(user) -> bool:
    return bool(is_operator(user) and user.has_role(Role.SENTINEL))


@rules.predicate
def administers_planning_office(user) -> bool:
    organisation = user.active_organisation if is_operator(user) else None
    return bool(
        organisation is not None
        and organisation.kind == "planning_office"
        and user.has_role(Role.ORGANISATION_ADMIN)
    )


@rules.predicate
def is_team_recipient(user, intake) -> bool:
    """A member or the supervisor of the team the intake was routed to."""
    team = intake.routed_to_team
    return bool(
        is_operator(user)
        and team is not None
        and (team.supervisor_id == user.pk or team.members.filter(pk=user.pk).exists())
    )


@rules.predicate
def is_user_recipient(user, intake) -> bool:
    return bool(is_operator(user) and intake.routed_to_user_id == user.pk)


@rules.predicate
def leads_the_case(user, intake) -> bool:
    return bool(is_operator(user) and intake.case_id is not None and intake.case.lead_id == user.pk)


@rules.predicate
def is_case_lead_in_recipient_organisation(user, intake) -> bool:
    """Holds the case-lead role in the organisation that received the intake."""
    organisation_id = (
        intake.routed_to_team.organisation_id if intake.routed_to_team_id else intake.organisation_id
    )
    return bool(is_operator(user) and user.has_role_in(organisation_id, Role.CASE_LEAD))


can_record_intake = works_with_persons
can_report_concern = works_with_persons | is_sentinel
can_handle_intake = is_team_recipient | is_user_recipient | leads_the_case
can_take_in_charge = (is_team_recipient | is_user_recipient) & is_case_lead_in_recipient_organisation
can_acknowledge_intake = leads_the_case
can_manage_routing = is_system_admin | administers_planning_office
can_view_queue = works_with_persons

rules.add_perm("intake.record", can_record_intake)
rules.add_perm("intake.report_concern", can_report_concern)
rules.add_perm("intake.manage_routing", can_manage_routing)
