import datetime

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "intreccio.directory"
    verbose_name = _("Bisogni, servizi e luoghi")

    def ready(self):
        from intreccio.core import dashboard, navigation, periodic
        from intreccio.core.roles import Role

        from . import panels, tasks

        navigation.register(
            navigation.NavItem(
                key="directory",
                label=_("Servizi e luoghi"),
                url_name="directory:search",
                order=40,
                url_prefix="/servizi/",
            )
        )
        navigation.register(
            navigation.NavItem(
                key="needs",
                label=_("Bisogni"),
                url_name="directory:needs",
                order=95,
                roles=frozenset({Role.SYSTEM_ADMIN}),
                url_prefix="/servizi/bisogni/",
            )
        )
        dashboard.register(
            dashboard.Panel(
                key="directory.maintenance",
                template="directory/panels/maintenance.html",
                context=panels.maintenance,
                roles=frozenset({Role.ORGANISATION_ADMIN, Role.SYSTEM_ADMIN}),
                order=60,
            )
        )
        periodic.register(
            "directory.flag_stale_entries",
            tasks.flag_stale_directory_entries,
            every=datetime.timedelta(days=1),
        )
