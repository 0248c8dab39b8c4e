from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "intreccio.accounts"
    verbose_name = _("Operatori e accessi")

    def ready(self):
        import datetime

        from intreccio.core import dashboard, navigation, periodic
        from intreccio.core.roles import Role

        from . import panels, signals, tasks  # noqa: F401  (signal receivers)

        periodic.register(
            "accounts.expire_sessions", tasks.expire_sessions, every=datetime.timedelta(hours=1)
        )

        navigation.register(
            navigation.NavItem(
                key="operators",
                label=_("Operatori"),
                url_name="accounts:operator_list",
                order=90,
                roles=frozenset({Role.ORGANISATION_ADMIN, Role.SYSTEM_ADMIN}),
                url_prefix="/operatori/",
            )
        )
        dashboard.register(
            dashboard.Panel(
                key="accounts.organisation_admin",
                template="accounts/panels/organisation_admin.html",
                context=panels.organisation_admin,
                roles=frozenset({Role.ORGANISATION_ADMIN}),
                order=80,
            )
        )
        dashboard.register(
            dashboard.Panel(
                key="accounts.system_admin",
                template="accounts/panels/system_admin.html",
                context=panels.system_admin,
                roles=frozenset({Role.SYSTEM_ADMIN}),
                order=90,
            )
        )
        dashboard.register(
            dashboard.Panel(
                key="accounts.my_organisation",
                template="accounts/panels/my_organisation.html",
                context=panels.my_organisation,
                order=200,
            )
        )
