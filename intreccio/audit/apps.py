from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "intreccio.audit"
    verbose_name = _("Registro degli accessi e degli eventi")
