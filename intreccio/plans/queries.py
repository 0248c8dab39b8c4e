"""Reads of personal plans, scoped to who may see the case (cases.queries).

The plan page reads the case through `get_case_for_user` (its consultation
audited), then the plan with everything the page shows in a fixed number of
queries (`plan_detail`). An action's responsible operator reaches that one
action even when they are not on the case (`get_action_for_progress`).
"""

from django.db.models import Prefetch, Q, QuerySet

from intreccio.cases import queries as cases
from intreccio.core.exceptions import NotFound

from .models import CarePlan, GoalOutcome, PlanAction, PlanGoal, PlanReview, PlanVersion


def plan_detail(plan_queryset: QuerySet | None = None) -> QuerySet[CarePlan]:
    """Plans with their needs, goals, actions, versions and reviews (6 queries for one plan)."""
    queryset = plan_queryset if plan_queryset is not None else CarePlan.objects.all()
    return queryset.prefetch_related(
        "needs",
        Prefetch("goals", queryset=PlanGoal.objects.select_related("need")),
        Prefetch(
            "actions",
            queryset=PlanAction.objects.select_related("organisation", "service", "responsible"),
        ),
        Prefetch("versions", queryset=PlanVersion.objects.select_related("created_by")),
        Prefetch(
            "reviews",
            queryset=PlanReview.objects.select_related("held_by", "version").prefetch_related(
                Prefetch("goal_outcomes", queryset=GoalOutcome.objects.select_related("goal"))
            ),
        ),
    )


def plan_of(case) -> CarePlan | None:
    """The case's plan with what its page shows, or None (the case was read through cases.queries)."""
    plan = plan_detail(CarePlan.objects.filter(case=case)).first()
    if plan is not None:
        plan.case = case
    return plan


def plan_summary_of(case, *, today=None) -> CarePlan | None:
    """The case's plan with `gap_count` (gaps.plan_gaps counted in SQL), or None: one query."""
    from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery
    from django.db.models.functions import Coalesce
    from django.utils import timezone

    today = today or timezone.localdate()

    def count(queryset):
        counted = queryset.order_by().values("plan_id").annotate(total=Count("pk")).values("total")
        return Coalesce(Subquery(counted, output_field=IntegerField()), 0)

    open_actions = PlanAction.objects.filter(plan=OuterRef("pk"), status__in=PlanAction.OPEN_STATUSES)
    needs = CarePlan.needs.through.objects.filter(careplan=OuterRef("pk")).exclude(
        Exists(PlanGoal.objects.filter(plan=OuterRef("careplan"), need=OuterRef("need")))
    )
    goals = PlanGoal.objects.filter(plan=OuterRef("pk"), status=PlanGoal.Status.OPEN).exclude(
        Exists(PlanAction.objects.filter(goal=OuterRef("pk")))
    )
    needs_counted = needs.order_by().values("careplan_id").annotate(total=Count("pk")).values("total")
    plan = (
        CarePlan.objects.filter(case=case)
        .annotate(
            gap_count=Coalesce(Subquery(needs_counted, output_field=IntegerField()), 0)
            + count(goals)
            + count(open_actions.filter(organisation__isnull=True, owner_is_person=False))
            + count(open_actions.filter(due_on__lt=today))
        )
        .first()
    )
    if plan is not None:
        plan.case = case
    return plan


def get_plan_for_user(user, case_id, *, purpose: str = "progetto personalizzato"):
    """(case, plan or None) of a case the user may see, the consultation audited; NotFound otherwise."""
    case = cases.get_case_for_user(user, case_id, purpose=purpose)
    return case, plan_of(case)


def get_plan_for_action(user, case_id) -> CarePlan:
    """The plan of a case the user may see, for an action that audits its own change."""
    case = cases.get_case_for_action(user, case_id)
    plan = plan_of(case)
    if plan is None:
        raise NotFound()
    return plan


def get_goal(plan: CarePlan, goal_id) -> PlanGoal:
    for goal in plan.goals.all():
        if str(goal.pk) == str(goal_id):
            goal.plan = plan
            return goal
    raise NotFound()


def get_action(plan: CarePlan, action_id) -> PlanAction:
    for action in plan.actions.all():
        if str(action.pk) == str(action_id):
            action.plan = plan
            return action
    raise NotFound()


def get_review(plan: CarePlan, review_id) -> PlanReview:
    for review in plan.reviews.all():
        if str(review.pk) == str(review_id):
            review.plan = plan
            return review
    raise NotFound()


def get_version(plan: CarePlan, number) -> PlanVersion:
    for version in plan.versions.all():
        if str(version.number) == str(number):
            return version
    raise NotFound()


def get_action_for_progress(user, action_id) -> PlanAction:
    """An action the user is responsible for, or of a case they may see; NotFound otherwise."""
    visible = Q(responsible=user) | Q(plan__case__in=cases.cases_visible_to(user).values("pk"))
    try:
        return PlanAction.objects.select_related("plan__case", "plan__case__team").get(visible, pk=action_id)
    except (PlanAction.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def scheduled_review(plan: CarePlan) -> PlanReview | None:
    return next(
        (review for review in plan.reviews.all() if review.status == PlanReview.Status.SCHEDULED), None
    )


# --- what the forms offer (the directory and the network's operators) ----------------------------


def service_choices() -> list[tuple[str, list[tuple[int, str]]]]:
    """Active services grouped by organisation: [(organisation, [(service id, name)])]."""
    from intreccio.directory.models import Service

    groups: dict[str, list] = {}
    rows = (
        Service.objects.filter(status=Service.Status.ACTIVE, organisation__active=True)
        .order_by("organisation__name", "name")
        .values_list("pk", "name", "organisation__name")
    )
    for pk, name, organisation in rows:
        groups.setdefault(organisation, []).append((pk, name))
    return list(groups.items())


def organisation_choices() -> list[tuple[int, str]]:
    from intreccio.organisations.models import Organisation

    return list(Organisation.objects.filter(active=True).order_by("name").values_list("pk", "name"))


def need_choices() -> list[tuple[int, str]]:
    from intreccio.directory.models import Need

    return list(Need.objects.filter(active=True).order_by("position", "label").values_list("pk", "label"))


def responsible_choices() -> list[tuple[int, str]]:
    return cases.operator_candidates()


def get_need(need_id):
    from intreccio.directory.models import Need

    return _get(Need.objects.filter(active=True), need_id)


def get_needs(need_ids) -> list:
    from intreccio.directory.models import Need

    return list(Need.objects.filter(pk__in=list(need_ids)))


def get_service(service_id):
    from intreccio.directory.models import Service

    return _get(Service.objects.select_related("organisation"), service_id)


def get_organisation(organisation_id):
    from intreccio.organisations.models import Organisation

    return _get(Organisation.objects.filter(active=True), organisation_id)


def get_operator(user_id):
    return None if user_id in (None, "") else cases.get_operator(user_id)


def _get(queryset, pk):
    if pk in (None, ""):
        return None
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None
