from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "intreccio.cases"
    verbose_name = _("Prese in carico")

    def ready(self):
        from intreccio.core import dashboard, navigation
        from intreccio.core.roles import PERSON_FACING_ROLES
        from intreccio.people import relationships
        from intreccio.people import sections as people_sections

        from . import events, panels, queries, sections

        relationships.register_source(
            relationships.RelationshipSource(
                name="case_lead", person_ids=queries.person_ids_of_lead_organisation, needs_consent=False
            )
        )
        relationships.register_source(
            relationships.RelationshipSource(
                name="case_team", person_ids=queries.person_ids_of_case_teams, needs_consent=True
            )
        )
        relationships.register_lead_contacts(queries.lead_contacts)
        sections.register_case_section(
            "diary", template="cases/sections/diary.html", context=sections.diary_context, order=50
        )
        events.register_timeline_kinds()
        people_sections.register_section(
            "cases",
            template="cases/sections/person_case.html",
            context=sections.context,
            order=20,
            visible=sections.visible,
        )
        # Every role that works with persons may sit on a case team.
        taking_in_charge = frozenset(PERSON_FACING_ROLES)
        navigation.register(
            navigation.NavItem(
                key="cases",
                label=_("Prese in carico"),
                url_name="cases:list",
                order=20,
                roles=taking_in_charge,
                url_prefix="/prese-in-carico/",
            )
        )
        dashboard.register(
            dashboard.Panel(
                key="cases.my_cases",
                template="cases/panels/my_cases.html",
                context=panels.my_cases,
                roles=taking_in_charge,
                order=10,
            )
        )
