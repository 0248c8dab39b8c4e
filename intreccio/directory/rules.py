"""Who may shape the needs taxonomy and the organisations' services."""

import rules

from intreccio.core.roles import Role
from intreccio.core.rules import is_operator, is_system_admin


@rules.predicate
def administers_service_organisation(user, organisation) -> bool:
    return bool(is_operator(user) and user.has_role_in(organisation, Role.ORGANISATION_ADMIN))


can_view_directory = is_operator
can_manage_needs = is_system_admin
can_manage_services = is_system_admin | administers_service_organisation

rules.add_perm("directory.view", can_view_directory)
rules.add_perm("directory.manage_needs", can_manage_needs)
rules.add_perm("directory.manage_services", can_manage_services)
