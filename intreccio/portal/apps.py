import datetime

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "intreccio.portal"
    verbose_name = _("Portale dei cittadini")

    def ready(self):
        from intreccio.core import dashboard, navigation, periodic
        from intreccio.core.roles import PERSON_FACING_ROLES

        from . import panels, tasks

        navigation.register(
            navigation.NavItem(
                key="portal_requests",
                label=_("Richieste dal portale"),
                url_name="portal:help_requests",
                order=45,
                roles=frozenset(PERSON_FACING_ROLES),
                url_prefix="/portale/operatori/",
            )
        )
        dashboard.register(
            dashboard.Panel(
                key="portal.help_requests",
                template="portal/panels/help_requests.html",
                context=panels.help_requests,
                roles=frozenset(PERSON_FACING_ROLES),
                order=20,
            )
        )
        periodic.register("portal.purge", tasks.purge_portal_data, every=datetime.timedelta(hours=6))
