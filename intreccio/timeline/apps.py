from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TimelineConfig(AppConfig):
    name = "intreccio.timeline"
    verbose_name = _("Storia della persona")

    def ready(self):
        from intreccio.people.sections import register_section

        from . import sections

        register_section(
            "timeline",
            template="timeline/sections/person_timeline.html",
            context=sections.context,
            order=90,
            visible=sections.visible,
        )
