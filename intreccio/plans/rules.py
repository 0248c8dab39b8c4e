"""Who may see a personal plan, who may write it, who may report on one action.

- See: whoever may see the case (cases.rules.can_view_case): its lead, the
  active members of the case team (consent permitting, for other
  organisations) and the team responsible for the case (supervisor and
  members). Nobody else.
- Write (needs, goals, actions, reviews): the case lead, and the active case
  team members of the lead's own organisation (the colleagues who build the
  plan with the lead, e.g. an educator of the same social service). Members
  from other organisations and the supervisor read it: each organisation
  writes the actions it owns through referrals, not through the lead's plan.
- Agree and freeze a version (what the person signs), hold a review: the
  case lead only (the plan is signed by the person and the lead).
- Report progress on one action (status, outcome): whoever may write the
  plan, and the action's responsible operator.
The case must be open to change its plan.
"""

import rules

from intreccio.cases.rules import active_member_organisations, can_view_case, is_case_lead
from intreccio.core.rules import is_operator


def _case(plan_or_case):
    return getattr(plan_or_case, "case", plan_or_case)


@rules.predicate
def may_see_the_case(user, plan) -> bool:
    return bool(plan is not None and can_view_case(user, _case(plan)))


@rules.predicate
def leads_the_case(user, plan) -> bool:
    return bool(plan is not None and is_case_lead(user, _case(plan)))


@rules.predicate
def colleague_of_the_lead_on_the_case(user, plan) -> bool:
    """An active case team member working for the lead's organisation."""
    if plan is None or not is_operator(user):
        return False
    case = _case(plan)
    return active_member_organisations(case).get(user.pk) == case.lead_organisation_id


@rules.predicate
def case_is_open(user, plan) -> bool:
    return bool(plan is not None and _case(plan).is_open)


@rules.predicate
def responsible_for_the_action(user, action) -> bool:
    return bool(action is not None and is_operator(user) and action.responsible_id == user.pk)


@rules.predicate
def may_write_the_actions_plan(user, action) -> bool:
    return bool(action is not None and can_edit_plan(user, action.plan))


can_view_plan = may_see_the_case
can_edit_plan = (leads_the_case | colleague_of_the_lead_on_the_case) & case_is_open
can_agree_plan = leads_the_case & case_is_open
can_update_action_progress = may_write_the_actions_plan | responsible_for_the_action

rules.add_perm("plans.view_plan", can_view_plan)
rules.add_perm("plans.edit_plan", can_edit_plan)
rules.add_perm("plans.agree_plan", can_agree_plan)
rules.add_perm("plans.update_action_progress", can_update_action_progress)
