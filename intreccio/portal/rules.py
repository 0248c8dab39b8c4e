"""Who may read the requests citizens leave on the portal, and the feedback on pages."""

import rules

from intreccio.core.roles import PERSON_FACING_ROLES, Role
from intreccio.core.rules import is_operator


@rules.predicate
def works_with_persons_at(user, organisation) -> bool:
    """The user holds a person-facing role in `organisation` (where the request was routed)."""
    return bool(
        is_operator(user)
        and organisation is not None
        and user.has_role_in(organisation, *PERSON_FACING_ROLES)
    )


@rules.predicate
def administers(user, organisation) -> bool:
    return bool(
        is_operator(user)
        and organisation is not None
        and user.has_role_in(organisation, Role.ORGANISATION_ADMIN)
    )


can_handle_help_request = works_with_persons_at
can_read_feedback = administers | works_with_persons_at

rules.add_perm("portal.handle_help_request", can_handle_help_request)
