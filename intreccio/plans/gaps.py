"""Gaps in a personal plan: what the network has not yet answered, or has let slip.

- a need of the plan with no goal (so no action either);
- an open goal with no action;
- an open action with no owner (neither an organisation nor the person);
- an open action past its due date.
`plan_gaps` reads the plan's needs, goals and actions: none when they were
prefetched (queries.plan_detail), GAP_QUERIES otherwise.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from .models import PlanAction, PlanGoal

# Queries plan_gaps makes on a plan whose needs, goals and actions were not prefetched.
GAP_QUERIES = 3


@dataclass
class PlanGaps:
    needs_without_goal: list = field(default_factory=list)
    goals_without_action: list = field(default_factory=list)
    actions_without_owner: list = field(default_factory=list)
    overdue_actions: list = field(default_factory=list)

    @property
    def count(self) -> int:
        return (
            len(self.needs_without_goal)
            + len(self.goals_without_action)
            + len(self.actions_without_owner)
            + len(self.overdue_actions)
        )

    def __bool__(self) -> bool:
        return self.count > 0


def is_overdue(action: PlanAction, today: datetime.date) -> bool:
    return action.status in PlanAction.OPEN_STATUSES and action.due_on is not None and action.due_on < today


def plan_gaps(plan, *, today: datetime.date | None = None) -> PlanGaps:
    """The plan's gaps, each list in the plan's order."""
    today = today or timezone.localdate()
    needs = list(plan.needs.all())
    goals = list(plan.goals.all())
    actions = list(plan.actions.all())
    needs_with_goal = {goal.need_id for goal in goals}
    goals_with_action = {action.goal_id for action in actions}
    open_actions = [action for action in actions if action.status in PlanAction.OPEN_STATUSES]
    return PlanGaps(
        needs_without_goal=[need for need in needs if need.pk not in needs_with_goal],
        goals_without_action=[
            goal for goal in goals if goal.status == PlanGoal.Status.OPEN and goal.pk not in goals_with_action
        ],
        actions_without_owner=[action for action in open_actions if not action.has_owner],
        overdue_actions=[action for action in open_actions if is_overdue(action, today)],
    )
