import datetime

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "intreccio.notifications"
    verbose_name = _("Notifiche")

    def ready(self):
        from intreccio.core import periodic

        from . import rules, tasks  # noqa: F401  (registers the permissions)

        periodic.register("notifications.send_digests", tasks.send_digests, every=datetime.timedelta(days=1))
