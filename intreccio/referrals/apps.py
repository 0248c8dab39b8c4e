import datetime

from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    name = "intreccio.referrals"
    verbose_name = _("Invii")

    def ready(self):
        from intreccio.cases.sections import register_case_section
        from intreccio.core import dashboard, navigation, periodic
        from intreccio.core.roles import PERSON_FACING_ROLES
        from intreccio.people import relationships
        from intreccio.people.sections import register_section
        from intreccio.plans.links import register_action_link
        from intreccio.plans.models import PlanAction

        from . import panels, queries, sections, tasks, timeline

        # Who receives a referral sees its person, as far as the person's sharing choices allow.
        relationships.register_source(
            relationships.RelationshipSource(
                name="referral_recipient", person_ids=queries.person_ids_received_by, needs_consent=True
            )
        )
        register_case_section(
            "referrals",
            template="referrals/sections/case_referrals.html",
            context=sections.case_context,
            order=30,
            visible=sections.case_visible,
        )
        register_section(
            "referrals",
            template="referrals/sections/person_referrals.html",
            context=sections.person_context,
            order=30,
            visible=sections.person_visible,
        )
        timeline.register()
        # Next to a plan action another organisation carries out: send it the referral.
        register_action_link(
            "referrals.send",
            label=_("Invia a un servizio"),
            url=lambda action: reverse("referrals:send", args=[action.plan.case_id]) + f"?azione={action.pk}",
            applies=lambda user, action: (
                action.organisation_id is not None
                and not action.owner_is_person
                and action.status in PlanAction.OPEN_STATUSES
            ),
        )
        periodic.register(
            "referrals.flag_stalled", tasks.flag_stalled_referrals, every=datetime.timedelta(hours=1)
        )
        person_facing = frozenset(PERSON_FACING_ROLES)
        navigation.register(
            navigation.NavItem(
                key="referrals",
                label=_("Invii"),
                url_name="referrals:inbox",
                order=30,
                roles=person_facing,
                url_prefix="/invii/",
            )
        )
        dashboard.register(
            dashboard.Panel(
                key="referrals.queue",
                template="referrals/panels/queue.html",
                context=panels.queue,
                roles=person_facing,
                order=20,
            )
        )
