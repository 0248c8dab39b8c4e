from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdentityConfig(AppConfig):
    name = "intreccio.identity"
    verbose_name = _("Identità e collegamento dei record")
