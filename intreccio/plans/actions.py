"""Every change to a personal plan goes through a function here."""

from django.db import transaction
from django.utils import timezone

from intreccio.audit.log import record_audit, record_event
from intreccio.audit.models import AuditEntry

from . import events
from .models import PlanAction

ActionStatus = PlanAction.Status


def record_action_progress(action: PlanAction, *, status: str, outcome: str = "", actor) -> PlanAction:
    """Bring news about an action from the work that carries it out (a referral's outcome).

    The caller has already checked that `actor` may report on that work (the
    referral's receiving side): this function trusts it and does not require
    the actor to be on the case team. The status and outcome are written on
    the action, with an event on the person's timeline.
    """
    with transaction.atomic():
        locked = PlanAction.objects.select_for_update().select_related("plan__case").get(pk=action.pk)
        case = locked.plan.case
        previous = locked.status
        locked.status = status
        if outcome:
            locked.outcome = outcome
        closed = status in (ActionStatus.DONE, ActionStatus.NOT_DONE, ActionStatus.CANCELLED)
        locked.completed_at = timezone.now() if closed else None
        locked.save(update_fields=["status", "outcome", "completed_at"])
        payload = {
            "case_id": case.pk,
            "plan_id": locked.plan_id,
            "action_id": locked.pk,
            "from": previous,
            "to": status,
        }
        record_event(
            events.PLAN_ACTION_UPDATED,
            actor=actor,
            subject=locked,
            person_id=case.person_id,
            micro_territory_id=case.micro_territory_id,
            categories=list(case.categories),
            payload=payload,
        )
        record_audit(
            actor,
            AuditEntry.Action.UPDATE,
            locked,
            person_id=case.person_id,
            categories=list(case.categories),
            details=payload,
        )
    return locked
