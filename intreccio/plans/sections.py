"""The "Progetto personalizzato" section of the case page (registered in PlansConfig.ready())."""

from .models import CarePlan
from .queries import plan_summary_of
from .rules import can_edit_plan, can_view_plan


def visible(user, case) -> bool:
    return can_view_plan(user, case)


def context(request, case) -> dict:
    """The plan's status and gap count (one query), or whether the user may create it."""
    plan = plan_summary_of(case)
    if plan is None:
        return {
            "case": case,
            "plan": None,
            "can_create": case.is_open and can_edit_plan(request.user, CarePlan(case=case)),
        }
    return {"case": case, "plan": plan, "gap_count": plan.gap_count}
