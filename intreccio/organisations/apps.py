from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "intreccio.organisations"
    verbose_name = _("Enti")

    def ready(self):
        from intreccio.core import navigation

        navigation.register(
            navigation.NavItem(
                key="organisations",
                label=_("Enti della rete"),
                url_name="organisations:list",
                order=70,
                url_prefix="/enti/",
            )
        )
