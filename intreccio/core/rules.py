"""Predicates every app's rules build on (duck-typed on the user: core imports no app)."""

import rules

from .roles import Role


@rules.predicate
def is_operator(user) -> bool:
    return bool(user and user.is_authenticated and getattr(user, "is_operator", False))


@rules.predicate
def is_system_admin(user) -> bool:
    return bool(is_operator(user) and user.is_system_admin)


def has_role(*roles: Role):
    """A predicate: the user holds one of `roles` in the organisation they act for."""

    @rules.predicate(name=f"has_role({', '.join(roles)})")
    def predicate(user) -> bool:
        return bool(is_operator(user) and user.has_role(*roles))

    return predicate
