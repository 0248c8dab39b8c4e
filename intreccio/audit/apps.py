import datetime

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "intreccio.audit"
    verbose_name = _("Registro degli accessi e degli eventi")

    def ready(self):
        from intreccio.core import navigation, periodic
        from intreccio.core.roles import Role

        from . import tasks

        periodic.register("audit.seal_chain", tasks.seal_audit_chain, every=datetime.timedelta(minutes=1))
        periodic.register(
            "audit.detect_anomalies", tasks.detect_anomalies, every=datetime.timedelta(minutes=10)
        )
        navigation.register(
            navigation.NavItem(
                key="alerts",
                label=_("Allerte privacy"),
                url_name="audit:alert_list",
                order=95,
                roles=frozenset({Role.DATA_PROTECTION_OFFICER}),
                url_prefix="/privacy/allerte/",
            )
        )
