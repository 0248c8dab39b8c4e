import datetime

from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class ResponsesConfig(AppConfig):
    name = "intreccio.responses"
    verbose_name = _("Risposte")

    def ready(self):
        from intreccio.cases.sections import register_case_section
        from intreccio.core import navigation, periodic
        from intreccio.core.roles import PERSON_FACING_ROLES, Role
        from intreccio.people.relationships import RelationshipSource, register_source
        from intreccio.people.sections import register_person_action, register_section

        from . import queries, sections, tasks, timeline

        register_person_action(
            "response",
            label=_("Registra una risposta"),
            url=lambda: reverse("responses:record") + "?persona=",
            order=30,
        )
        # The organisations that give a person a response see the person as far as sharing allows.
        register_source(
            RelationshipSource(
                name="response_giver", person_ids=queries.person_ids_given_to, needs_consent=True
            )
        )
        register_section(
            "responses",
            template="responses/sections/person_responses.html",
            context=sections.person_context,
            order=40,
            visible=sections.visible,
        )
        register_case_section(
            "responses",
            template="responses/sections/case_responses.html",
            context=sections.case_context,
            order=40,
            visible=sections.visible,
        )
        timeline.register()
        periodic.register("responses.mark_prevented", tasks.mark_prevented, every=datetime.timedelta(hours=1))
        person_facing = frozenset(PERSON_FACING_ROLES)
        navigation.register(
            navigation.NavItem(
                key="responses",
                label=_("Risposte"),
                url_name="responses:list",
                order=30,
                roles=person_facing,
                url_prefix="/risposte/",
            )
        )
        navigation.register(
            navigation.NavItem(
                key="response_types",
                label=_("Catalogo delle risposte"),
                url_name="responses:types",
                order=93,
                roles=frozenset({Role.SYSTEM_ADMIN, Role.ORGANISATION_ADMIN}),
                url_prefix="/risposte/tipi/",
            )
        )
