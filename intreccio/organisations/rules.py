"""Who may do what with organisations and sites."""

import rules

from intreccio.core.roles import Role
from intreccio.core.rules import is_operator, is_system_admin


@rules.predicate
def is_admin_of_organisation(user, organisation) -> bool:
    return bool(is_operator(user) and user.has_role_in(organisation, Role.ORGANISATION_ADMIN))


# The list of the network's organisations is shared knowledge among operators.
can_view_organisation = is_operator
can_create_organisation = is_system_admin
can_edit_organisation = is_system_admin | is_admin_of_organisation
can_deactivate_organisation = is_system_admin
can_manage_sites = is_system_admin | is_admin_of_organisation

rules.add_perm("organisations.view_organisation", can_view_organisation)
rules.add_perm("organisations.add_organisation", can_create_organisation)
rules.add_perm("organisations.change_organisation", can_edit_organisation)
rules.add_perm("organisations.manage_sites", can_manage_sites)
