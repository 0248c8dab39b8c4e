from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TimelineConfig(AppConfig):
    name = "intreccio.timeline"
    verbose_name = _("Storia della persona")
