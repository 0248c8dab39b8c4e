"""Who may manage operators, roles, teams and API tokens. One condition per line."""

import rules

from intreccio.core.roles import Role
from intreccio.core.rules import is_operator, is_system_admin


@rules.predicate
def is_admin_of(user, organisation) -> bool:
    return bool(is_operator(user) and user.has_role_in(organisation, Role.ORGANISATION_ADMIN))


@rules.predicate
def administers_a_membership_of(user, operator) -> bool:
    """The user administers one of the organisations the operator works for."""
    if not is_operator(user):
        return False
    administered = {m.organisation_id for m in user.active_memberships if m.role == Role.ORGANISATION_ADMIN}
    return operator.memberships.filter(organisation_id__in=administered).exists()


@rules.predicate
def is_self(user, operator) -> bool:
    return bool(user.is_authenticated and operator is not None and user.pk == operator.pk)


@rules.predicate
def supervises_team(user, team) -> bool:
    return bool(is_operator(user) and team is not None and team.supervisor_id == user.pk)


@rules.predicate
def team_of_administered_organisation(user, team) -> bool:
    return bool(team is not None and is_admin_of(user, team.organisation))


can_manage_operators = is_system_admin | is_admin_of
can_view_operator = is_system_admin | administers_a_membership_of | is_self
can_edit_operator = is_system_admin | administers_a_membership_of | is_self
can_manage_teams = is_system_admin | is_admin_of
can_edit_team = is_system_admin | team_of_administered_organisation | supervises_team
can_issue_api_token = is_operator


def can_grant_role(user, organisation, role: str) -> bool:
    """System admins grant any role; an organisation admin any but system admin, in their organisation."""
    if is_system_admin(user):
        return True
    return role != Role.SYSTEM_ADMIN and is_admin_of(user, organisation)


rules.add_perm("accounts.manage_operators", can_manage_operators)
rules.add_perm("accounts.view_operator", can_view_operator)
rules.add_perm("accounts.change_operator", can_edit_operator)
rules.add_perm("accounts.manage_teams", can_manage_teams)
rules.add_perm("accounts.change_team", can_edit_team)


@rules.predicate
def owns_session(user, tracked) -> bool:
    return bool(user.is_authenticated and tracked is not None and tracked.user_id == user.pk)


@rules.predicate
def administers_session_owner(user, tracked) -> bool:
    return bool(tracked is not None and administers_a_membership_of(user, tracked.user))


can_view_sessions_of_operators = can_manage_operators
can_end_session = owns_session | is_system_admin | administers_session_owner
rules.add_perm("accounts.end_session", can_end_session)
