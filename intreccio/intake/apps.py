import datetime

from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "intreccio.intake"
    verbose_name = _("Accessi e smistamento")

    def ready(self):
        from intreccio.core import dashboard, navigation, periodic
        from intreccio.core.roles import PERSON_FACING_ROLES, Role
        from intreccio.people.relationships import RelationshipSource, register_source
        from intreccio.people.sections import register_person_action

        from . import events, panels, queries, tasks

        events.register_timeline_kinds()

        # Next to every person found (or opened): record what this door intercepted.
        register_person_action(
            "intake",
            label=_("Registra un accesso"),
            url=lambda: reverse("intake:create") + "?persona=",
            order=10,
        )
        # The door the person walked through may always help them; those who
        # received the intake see the person only as far as sharing allows.
        register_source(
            RelationshipSource(
                name="intake_recorder",
                person_ids=lambda user, organisation_id: queries.person_ids_recorded_by(organisation_id),
                needs_consent=False,
            )
        )
        register_source(
            RelationshipSource(
                name="intake_recipient",
                person_ids=lambda user, organisation_id: queries.person_ids_routed_to(user),
                needs_consent=True,
            )
        )
        periodic.register(
            "intake.remind_overdue", tasks.remind_overdue_intakes, every=datetime.timedelta(minutes=15)
        )
        person_facing = frozenset(PERSON_FACING_ROLES)
        navigation.register(
            navigation.NavItem(
                key="intake_queue",
                label=_("Accessi"),
                url_name="intake:queue",
                order=20,
                roles=person_facing,
                url_prefix="/accessi/",
            )
        )
        navigation.register(
            navigation.NavItem(
                key="intake_report",
                label=_("Segnala"),
                url_name="intake:report",
                order=25,
                roles=person_facing | {Role.SENTINEL},
                url_prefix="/segnalazioni/",
            )
        )
        navigation.register(
            navigation.NavItem(
                key="intake_routing",
                label=_("Smistamento"),
                url_name="intake:rules",
                order=92,
                roles=frozenset({Role.SYSTEM_ADMIN, Role.ORGANISATION_ADMIN}),
                url_prefix="/accessi/regole/",
            )
        )
        dashboard.register(
            dashboard.Panel(
                key="intake.mine",
                template="intake/panels/mine.html",
                context=panels.my_intakes,
                roles=person_facing,
                order=10,
            )
        )
        dashboard.register(
            dashboard.Panel(
                key="intake.district_overdue",
                template="intake/panels/district_overdue.html",
                context=panels.district_overdue,
                roles=frozenset({Role.SUPERVISOR, Role.PLANNING_ANALYST, Role.SYSTEM_ADMIN}),
                order=15,
            )
        )
