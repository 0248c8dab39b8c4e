"""The page shell: navigation for the user's roles, organisations, release date."""

import datetime
from functools import cached_property

from intreccio import RELEASE_DATE

from . import navigation


class Shell:
    """Computed lazily: pages that never render the header pay nothing."""

    def __init__(self, request):
        self.request = request

    @cached_property
    def user(self):
        return self.request.user

    @cached_property
    def nav_items(self):
        if not self.user.is_authenticated:
            return []
        return navigation.items_for(frozenset(getattr(self.user, "active_roles", frozenset())))

    @cached_property
    def organisations(self):
        return getattr(self.user, "organisations", []) if self.user.is_authenticated else []

    @cached_property
    def active_organisation(self):
        return getattr(self.user, "active_organisation", None) if self.user.is_authenticated else None

    @cached_property
    def district_name(self):
        organisation = self.active_organisation
        return organisation.district.name if organisation is not None else ""

    release_date = datetime.date.fromisoformat(RELEASE_DATE)


def shell(request):
    return {"shell": Shell(request)}
