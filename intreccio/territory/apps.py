from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TerritoryConfig(AppConfig):
    name = "intreccio.territory"
    verbose_name = _("Territorio")

    def ready(self):
        from intreccio.core import navigation

        navigation.register(
            navigation.NavItem(
                key="territory",
                label=_("Territorio"),
                url_name="territory:map",
                order=80,
                url_prefix="/territorio/",
            )
        )
