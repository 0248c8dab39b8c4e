from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "intreccio.intake"
    verbose_name = _("Accessi e smistamento")
