"""Who may shape the needs taxonomy and the directory's entries.

An organisation's administrators maintain its own services and places;
any other operator may propose a change, which that organisation's
administrator reviews. Places without an organisation belong to the
system administrator.
"""

import rules

from intreccio.core.roles import Role
from intreccio.core.rules import is_operator, is_system_admin

# Roles that may say how many places a service has today (beside its administrators).
CAPACITY_ROLES = (Role.SUPERVISOR, Role.SERVICE_OPERATOR, Role.HOUSING_OFFICER, Role.EMPLOYMENT_OFFICER)


@rules.predicate
def administers_service_organisation(user, organisation) -> bool:
    return bool(
        is_operator(user)
        and organisation is not None
        and user.has_role_in(organisation, Role.ORGANISATION_ADMIN)
    )


@rules.predicate
def works_on_capacity(user, organisation) -> bool:
    return bool(
        is_operator(user) and organisation is not None and user.has_role_in(organisation, *CAPACITY_ROLES)
    )


@rules.predicate
def operator_without_management(user, organisation) -> bool:
    return bool(is_operator(user) and not can_manage_services(user, organisation))


@rules.predicate
def has_person_facing_role(user, organisation) -> bool:
    from intreccio.core.roles import PERSON_FACING_ROLES

    return bool(is_operator(user) and user.has_role_in(organisation, *PERSON_FACING_ROLES))


can_view_directory = is_operator
can_manage_needs = is_system_admin
# The argument is the organisation that owns the entry (None: a place of nobody's).
can_manage_services = is_system_admin | administers_service_organisation
can_update_capacity = can_manage_services | works_on_capacity
can_propose_change = operator_without_management
can_review_change = can_manage_services

rules.add_perm("directory.view", can_view_directory)
rules.add_perm("directory.manage_needs", can_manage_needs)
rules.add_perm("directory.manage_services", can_manage_services)
rules.add_perm("directory.update_capacity", can_update_capacity)
