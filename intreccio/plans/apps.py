import datetime

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _describe_status(event) -> str:
    """ "removed from the plan", or the status move in words ("Prevista → Realizzata"); else nothing."""
    from .models import PlanAction, PlanGoal

    payload = event.payload or {}
    if payload.get("removed"):
        return str(_("tolta dal progetto"))
    if payload.get("to"):
        labels = {**dict(PlanGoal.Status.choices), **dict(PlanAction.Status.choices)}
        return f"{labels.get(payload.get('from'), '')} → {labels.get(payload['to'], '')}"
    return ""


def _describe_version(event) -> str:
    payload = event.payload or {}
    return str(_("versione %(number)s") % {"number": payload.get("version", "")})


class PlansConfig(AppConfig):
    name = "intreccio.plans"
    verbose_name = _("Progetti personalizzati")

    def ready(self):
        from intreccio.cases.sections import register_case_section
        from intreccio.core import periodic, timeline

        from . import events, sections, tasks

        register_case_section(
            "plan",
            template="plans/sections/case_plan.html",
            context=sections.context,
            order=10,
            visible=sections.visible,
        )
        periodic.register("plans.remind_reviews", tasks.remind_reviews, every=datetime.timedelta(days=1))
        kinds = [
            (events.PLAN_CREATED, _("Progetto personalizzato avviato"), None),
            (events.PLAN_UPDATED, _("Progetto personalizzato aggiornato"), None),
            (events.PLAN_AGREED, _("Progetto condiviso con la persona"), _describe_version),
            (events.PLAN_VERSION_FROZEN, _("Nuova versione del progetto"), _describe_version),
            (events.PLAN_GOAL_ADDED, _("Obiettivo aggiunto al progetto"), None),
            (events.PLAN_GOAL_UPDATED, _("Obiettivo del progetto aggiornato"), _describe_status),
            (events.PLAN_ACTION_ADDED, _("Azione aggiunta al progetto"), None),
            (events.PLAN_ACTION_UPDATED, _("Azione del progetto aggiornata"), _describe_status),
            (events.PLAN_REVIEW_SCHEDULED, _("Verifica del progetto programmata"), None),
            (events.PLAN_REVIEW_HELD, _("Verifica del progetto svolta"), _describe_version),
            (events.PLAN_REVIEW_CANCELLED, _("Verifica del progetto annullata"), None),
        ]
        for kind, label, describe in kinds:
            timeline.register_kind(
                timeline.EventKind(
                    kind, label=label, group="plan", audience=timeline.Audience.CASE, describe=describe
                )
            )
