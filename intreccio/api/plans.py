"""Personal plans through the API (/api/v1/plans/): a case's plan, goals, actions, agreement, reviews.

The same actions, queries and rules as the plan page; refusals in the one error body.
Paths name the case (`/cases/{case_id}`): a case has at most one plan.
"""

import datetime
from typing import Literal

from ninja import Field, Router, Schema, Status

from intreccio.core.exceptions import NotFound
from intreccio.plans import actions, queries
from intreccio.plans.gaps import plan_gaps
from intreccio.plans.models import PlanAction, PlanGoal, PlanVersion

from .main import ERRORS

router = Router(tags=["plans"])

PlanGoalStatus = Literal[tuple(PlanGoal.Status.values)]
PlanActionStatus = Literal[tuple(PlanAction.Status.values)]


class PlanGoalOut(Schema):
    id: int
    need_id: int | None
    description: str
    indicator: str
    target_date: datetime.date | None
    status: PlanGoalStatus


class PlanActionOut(Schema):
    id: int
    goal_id: int | None
    description: str
    organisation_id: int | None
    organisation: str
    service_id: int | None
    service: str
    responsible_id: int | None
    owner_is_person: bool
    start_on: datetime.date | None
    due_on: datetime.date | None
    status: PlanActionStatus
    outcome: str


class PlanReviewOut(Schema):
    id: int
    scheduled_on: datetime.date
    status: str
    held_on: datetime.date | None
    summary: str
    version: int | None


class PlanOut(Schema):
    id: int
    case_id: int
    status: str
    needs: list[int]
    summary: str
    person_words: str
    person_language: str
    next_review_on: datetime.date | None
    current_version: int
    changed_since_last_version: bool
    goals: list[PlanGoalOut]
    actions: list[PlanActionOut]
    reviews: list[PlanReviewOut]


class PlanVersionOut(Schema):
    number: int
    reason: str
    agreed_on: datetime.date | None
    created_at: datetime.datetime
    snapshot: dict


class PlanVersionSummaryOut(Schema):
    number: int
    reason: str
    agreed_on: datetime.date | None
    created_at: datetime.datetime


class PlanGapsOut(Schema):
    count: int
    needs_without_goal: list[int]
    goals_without_action: list[int]
    actions_without_owner: list[int]
    overdue_actions: list[int]


def _goal_out(goal) -> dict:
    return {
        "id": goal.pk,
        "need_id": goal.need_id,
        "description": goal.description,
        "indicator": goal.indicator,
        "target_date": goal.target_date,
        "status": goal.status,
    }


def _action_out(action) -> dict:
    return {
        "id": action.pk,
        "goal_id": action.goal_id,
        "description": action.description,
        "organisation_id": action.organisation_id,
        "organisation": action.organisation.name if action.organisation_id else "",
        "service_id": action.service_id,
        "service": action.service.name if action.service_id else "",
        "responsible_id": action.responsible_id,
        "owner_is_person": action.owner_is_person,
        "start_on": action.start_on,
        "due_on": action.due_on,
        "status": action.status,
        "outcome": action.outcome,
    }


def _plan_out(plan) -> dict:
    versions = list(plan.versions.all())
    return {
        "id": plan.pk,
        "case_id": plan.case_id,
        "status": plan.status,
        "needs": [need.pk for need in plan.needs.all()],
        "summary": plan.summary,
        "person_words": plan.person_words,
        "person_language": plan.person_language,
        "next_review_on": plan.next_review_on,
        "current_version": plan.current_version,
        "changed_since_last_version": actions.changed_since_last_version(
            plan, versions[0] if versions else None
        ),
        "goals": [_goal_out(goal) for goal in plan.goals.all()],
        "actions": [_action_out(action) for action in plan.actions.all()],
        "reviews": [
            {
                "id": review.pk,
                "scheduled_on": review.scheduled_on,
                "status": review.status,
                "held_on": review.held_on,
                "summary": review.summary,
                "version": review.version.number if review.version_id else None,
            }
            for review in plan.reviews.all()
        ],
    }


def _read(request, case_id):
    _case, plan = queries.get_plan_for_user(request.user, case_id, purpose="API")
    if plan is None:
        raise NotFound()
    return plan


def _reread(request, case_id) -> dict:
    return _plan_out(queries.get_plan_for_action(request.user, case_id))


@router.get("/cases/{case_id}", response={200: PlanOut, **ERRORS}, operation_id="get_case_plan")
def get_case_plan(request, case_id: int):
    """The plan of a case I may see (404 when the case is hidden or has no plan)."""
    return _plan_out(_read(request, case_id))


@router.post("/cases/{case_id}", response={201: PlanOut, **ERRORS}, operation_id="create_case_plan")
def create_case_plan(request, case_id: int):
    """Start the case's plan with the needs of its intakes (409 plan_exists when it has one)."""
    from intreccio.cases.queries import get_case_for_action

    actions.create_plan(get_case_for_action(request.user, case_id), actor=request.user)
    return Status(201, _reread(request, case_id))


class PlanUpdateIn(Schema):
    summary: str = Field(None, max_length=20000)
    person_words: str = Field(None, max_length=20000)
    person_language: str = Field(None, max_length=8)
    next_review_on: datetime.date | None = None
    needs: list[int] | None = None


@router.patch("/cases/{case_id}", response={200: PlanOut, **ERRORS}, operation_id="update_case_plan")
def update_case_plan(request, case_id: int, payload: PlanUpdateIn):
    """Change the texts, the person's language, the next review or the needs (only the fields sent)."""
    plan = queries.get_plan_for_action(request.user, case_id)
    changes = payload.model_dump(exclude_unset=True)
    need_ids = changes.pop("needs", None)
    needs = None if need_ids is None else queries.get_needs(need_ids)
    if needs is not None and len(needs) != len(set(need_ids)):
        raise NotFound()
    actions.update_plan(plan, actor=request.user, needs=needs, **changes)
    return _reread(request, case_id)


class PlanGoalIn(Schema):
    description: str = Field(..., max_length=4000)
    need_id: int | None = None
    indicator: str = Field("", max_length=300)
    target_date: datetime.date | None = None


class PlanGoalPatch(Schema):
    description: str = Field(None, max_length=4000)
    need_id: int | None = None
    indicator: str = Field(None, max_length=300)
    target_date: datetime.date | None = None
    status: PlanGoalStatus = None


@router.post("/cases/{case_id}/goals", response={201: PlanGoalOut, **ERRORS}, operation_id="add_plan_goal")
def add_plan_goal(request, case_id: int, payload: PlanGoalIn):
    """Add a goal, tied to one of the plan's needs when need_id is given."""
    plan = queries.get_plan_for_action(request.user, case_id)
    goal = actions.add_goal(
        plan,
        actor=request.user,
        description=payload.description,
        need=queries.get_need(payload.need_id),
        indicator=payload.indicator,
        target_date=payload.target_date,
    )
    return Status(201, _goal_out(goal))


@router.patch(
    "/cases/{case_id}/goals/{goal_id}", response={200: PlanGoalOut, **ERRORS}, operation_id="update_plan_goal"
)
def update_plan_goal(request, case_id: int, goal_id: int, payload: PlanGoalPatch):
    """Change a goal (only the fields sent)."""
    plan = queries.get_plan_for_action(request.user, case_id)
    goal = queries.get_goal(plan, goal_id)
    changes = payload.model_dump(exclude_unset=True)
    if "need_id" in changes:
        changes["need"] = queries.get_need(changes.pop("need_id"))
    return _goal_out(actions.update_goal(goal, actor=request.user, **changes))


@router.delete(
    "/cases/{case_id}/goals/{goal_id}", response={204: None, **ERRORS}, operation_id="remove_plan_goal"
)
def remove_plan_goal(request, case_id: int, goal_id: int):
    """Remove a goal not yet reviewed (400 goal_reviewed otherwise: set it dropped)."""
    plan = queries.get_plan_for_action(request.user, case_id)
    actions.remove_goal(queries.get_goal(plan, goal_id), actor=request.user)
    return Status(204, None)


class PlanActionIn(Schema):
    description: str = Field(..., max_length=4000)
    goal_id: int | None = None
    organisation_id: int | None = None
    service_id: int | None = None
    responsible_id: int | None = None
    owner_is_person: bool = False
    start_on: datetime.date | None = None
    due_on: datetime.date | None = None


class PlanActionPatch(Schema):
    description: str = Field(None, max_length=4000)
    goal_id: int | None = None
    organisation_id: int | None = None
    service_id: int | None = None
    responsible_id: int | None = None
    owner_is_person: bool = None
    start_on: datetime.date | None = None
    due_on: datetime.date | None = None
    status: PlanActionStatus = None
    outcome: str = Field(None, max_length=4000)


def _action_values(plan, changes: dict) -> dict:
    """Ids of the payload turned into objects (404 when one does not exist)."""
    lookups = {
        "goal_id": ("goal", lambda pk: queries.get_goal(plan, pk)),
        "organisation_id": ("organisation", queries.get_organisation),
        "service_id": ("service", queries.get_service),
        "responsible_id": ("responsible", queries.get_operator),
    }
    for key, (name, lookup) in lookups.items():
        if key in changes:
            pk = changes.pop(key)
            changes[name] = None if pk is None else lookup(pk)
    return changes


@router.post(
    "/cases/{case_id}/actions", response={201: PlanActionOut, **ERRORS}, operation_id="add_plan_action"
)
def add_plan_action(request, case_id: int, payload: PlanActionIn):
    """Add an action: a service (its organisation follows), an organisation, or the person as owner."""
    plan = queries.get_plan_for_action(request.user, case_id)
    values = _action_values(plan, payload.model_dump())
    return Status(201, _action_out(actions.add_action(plan, actor=request.user, **values)))


@router.patch(
    "/cases/{case_id}/actions/{action_id}",
    response={200: PlanActionOut, **ERRORS},
    operation_id="update_plan_action",
)
def update_plan_action(request, case_id: int, action_id: int, payload: PlanActionPatch):
    """Change an action (only the fields sent)."""
    plan = queries.get_plan_for_action(request.user, case_id)
    action = queries.get_action(plan, action_id)
    values = _action_values(plan, payload.model_dump(exclude_unset=True))
    return _action_out(actions.update_action(action, actor=request.user, **values))


@router.delete(
    "/cases/{case_id}/actions/{action_id}", response={204: None, **ERRORS}, operation_id="remove_plan_action"
)
def remove_plan_action(request, case_id: int, action_id: int):
    """Remove an action no referral carries out (400 action_has_referral otherwise: cancel it)."""
    plan = queries.get_plan_for_action(request.user, case_id)
    actions.remove_action(queries.get_action(plan, action_id), actor=request.user)
    return Status(204, None)


class PlanActionProgressIn(Schema):
    status: PlanActionStatus
    outcome: str = Field("", max_length=4000)


@router.post(
    "/actions/{action_id}/progress",
    response={200: PlanActionOut, **ERRORS},
    operation_id="report_plan_action_progress",
)
def report_plan_action_progress(request, action_id: int, payload: PlanActionProgressIn):
    """The action's responsible operator (or who writes the plan) reports its status and outcome."""
    action = queries.get_action_for_progress(request.user, action_id)
    done = actions.update_action_progress(
        action, actor=request.user, status=payload.status, outcome=payload.outcome
    )
    return _action_out(done)


class PlanAgreeIn(Schema):
    agreed_on: datetime.date | None = None


def _version_summary(version: PlanVersion) -> dict:
    return {
        "number": version.number,
        "reason": version.reason,
        "agreed_on": version.agreed_on,
        "created_at": version.created_at,
    }


@router.post(
    "/cases/{case_id}/agree", response={201: PlanVersionSummaryOut, **ERRORS}, operation_id="agree_case_plan"
)
def agree_case_plan(request, case_id: int, payload: PlanAgreeIn):
    """The person agreed the plan: version 1 is frozen (the case lead only)."""
    plan = queries.get_plan_for_action(request.user, case_id)
    return Status(
        201, _version_summary(actions.agree_plan(plan, actor=request.user, agreed_on=payload.agreed_on))
    )


@router.post(
    "/cases/{case_id}/versions",
    response={201: PlanVersionSummaryOut, **ERRORS},
    operation_id="freeze_plan_version",
)
def freeze_plan_version(request, case_id: int, payload: PlanAgreeIn):
    """Save the changes to an agreed plan as a new version (400 nothing_changed when there are none)."""
    plan = queries.get_plan_for_action(request.user, case_id)
    version = actions.freeze_version(plan, actor=request.user, agreed_on=payload.agreed_on)
    return Status(201, _version_summary(version))


@router.get(
    "/cases/{case_id}/versions",
    response={200: list[PlanVersionSummaryOut], **ERRORS},
    operation_id="list_plan_versions",
)
def list_plan_versions(request, case_id: int):
    """The plan's frozen versions, newest first."""
    return [_version_summary(version) for version in _read(request, case_id).versions.all()]


@router.get(
    "/cases/{case_id}/versions/{number}",
    response={200: PlanVersionOut, **ERRORS},
    operation_id="get_plan_version",
)
def get_plan_version(request, case_id: int, number: int):
    """One frozen version with its snapshot (needs, goals, actions, texts as agreed)."""
    version = queries.get_version(_read(request, case_id), number)
    return {**_version_summary(version), "snapshot": version.snapshot}


@router.get("/cases/{case_id}/gaps", response={200: PlanGapsOut, **ERRORS}, operation_id="get_plan_gaps")
def get_plan_gaps(request, case_id: int):
    """Needs with no goal, open goals with no action, open actions with no owner, overdue actions (ids)."""
    gaps = plan_gaps(_read(request, case_id))
    return {
        "count": gaps.count,
        "needs_without_goal": [need.pk for need in gaps.needs_without_goal],
        "goals_without_action": [goal.pk for goal in gaps.goals_without_action],
        "actions_without_owner": [action.pk for action in gaps.actions_without_owner],
        "overdue_actions": [action.pk for action in gaps.overdue_actions],
    }


class PlanReviewIn(Schema):
    scheduled_on: datetime.date


class PlanGoalOutcomeIn(Schema):
    goal_id: int
    status: PlanGoalStatus
    note: str = Field("", max_length=4000)


class PlanReviewHoldIn(Schema):
    outcomes: list[PlanGoalOutcomeIn]
    summary: str = Field("", max_length=20000)
    held_on: datetime.date | None = None
    next_review_on: datetime.date | None = None
    agreed_on: datetime.date | None = None


class PlanReviewCancelIn(Schema):
    reason: str = Field("", max_length=4000)


def _review_out(review) -> dict:
    return {
        "id": review.pk,
        "scheduled_on": review.scheduled_on,
        "status": review.status,
        "held_on": review.held_on,
        "summary": review.summary,
        "version": review.version.number if review.version_id else None,
    }


@router.post(
    "/cases/{case_id}/reviews", response={201: PlanReviewOut, **ERRORS}, operation_id="schedule_plan_review"
)
def schedule_plan_review(request, case_id: int, payload: PlanReviewIn):
    """Schedule the next review of an agreed plan (409 review_already_scheduled when one is)."""
    plan = queries.get_plan_for_action(request.user, case_id)
    return Status(
        201, _review_out(actions.schedule_review(plan, actor=request.user, scheduled_on=payload.scheduled_on))
    )


@router.post(
    "/cases/{case_id}/reviews/{review_id}/hold",
    response={200: PlanVersionSummaryOut, **ERRORS},
    operation_id="hold_plan_review",
)
def hold_plan_review(request, case_id: int, review_id: int, payload: PlanReviewHoldIn):
    """Record the review's outcome per goal; goals take the statuses and a new version is frozen."""
    plan = queries.get_plan_for_action(request.user, case_id)
    review = queries.get_review(plan, review_id)
    version = actions.hold_review(
        review,
        actor=request.user,
        outcomes={item.goal_id: (item.status, item.note) for item in payload.outcomes},
        summary=payload.summary,
        held_on=payload.held_on,
        next_review_on=payload.next_review_on,
        agreed_on=payload.agreed_on,
    )
    return _version_summary(version)


@router.post(
    "/cases/{case_id}/reviews/{review_id}/cancel",
    response={200: PlanReviewOut, **ERRORS},
    operation_id="cancel_plan_review",
)
def cancel_plan_review(request, case_id: int, review_id: int, payload: PlanReviewCancelIn):
    """Cancel a scheduled review."""
    plan = queries.get_plan_for_action(request.user, case_id)
    review = queries.get_review(plan, review_id)
    return _review_out(actions.cancel_review(review, actor=request.user, reason=payload.reason))
