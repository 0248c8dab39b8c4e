from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "intreccio.people"
    verbose_name = _("Persone")

    def ready(self):
        from intreccio.core import navigation
        from intreccio.core.roles import PERSON_FACING_ROLES

        from . import events, rules  # noqa: F401 — registers the built-in relationship source and permissions

        events.register_timeline_kinds()

        navigation.register(
            navigation.NavItem(
                key="people",
                label=_("Persone"),
                url_name="people:search",
                order=20,
                roles=frozenset(PERSON_FACING_ROLES),
                url_prefix="/persone/",
            )
        )
