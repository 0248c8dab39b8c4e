"""Plan actions: what each does, and that every refusal changes nothing."""

import datetime

import pytest
from django.utils import timezone

from intreccio.audit.models import AuditEntry, DomainEvent
from intreccio.cases.actions import close_case
from intreccio.core.exceptions import ApplicationError, Conflict, InvalidTransition, PermissionDenied
from intreccio.plans import actions, events
from intreccio.plans.models import CarePlan, GoalOutcome, PlanAction, PlanGoal, PlanReview, PlanVersion

from .factories import build_plan_setting, fresh

TODAY = timezone.localdate()


def state():
    """Everything the plans app stores, and the events and audit entries written."""
    return (
        list(CarePlan.objects.values().order_by("pk")),
        list(PlanGoal.objects.values().order_by("pk")),
        list(PlanAction.objects.values().order_by("pk")),
        list(PlanVersion.objects.values().order_by("pk")),
        list(PlanReview.objects.values().order_by("pk")),
        list(GoalOutcome.objects.values().order_by("pk")),
        DomainEvent.objects.count(),
        AuditEntry.objects.exclude(action="read").count(),
    )


def refused(error, call):
    before = state()
    with pytest.raises(error):
        call()
    assert state() == before


def agreed_plan_with_goal(setting):
    goal = actions.add_goal(setting.plan, actor=setting.ana, description="Trovare casa")
    actions.agree_plan(setting.plan, actor=setting.ana, agreed_on=TODAY)
    return goal


def test_a_plan_starts_with_the_needs_of_the_intakes_of_the_case(setting):
    assert sorted(need.code for need in setting.plan.needs.all()) == ["housing", "income"]
    assert setting.plan.status == "draft"
    event = DomainEvent.objects.get(kind=events.PLAN_CREATED)
    assert event.payload["case_id"] == setting.case.pk
    assert event.person_id == setting.mario.pk


def test_only_the_lead_and_colleagues_of_the_lead_s_organisation_create_the_plan(network):
    setting = build_plan_setting(network, create_plan=False)
    for user in (network.carla, network.bruno, network.diana, network.laura):
        refused(PermissionDenied, lambda user=user: actions.create_plan(setting.case, actor=user))
    plan = actions.create_plan(setting.case, actor=network.ana)
    refused(Conflict, lambda: actions.create_plan(setting.case, actor=network.ana))
    assert plan.created_by == network.ana


def test_goals_tie_to_the_plan_s_needs(setting):
    housing, food = setting.needs["housing"], setting.needs["food"]
    goal = actions.add_goal(setting.plan, actor=setting.ana, description="Casa", need=housing)
    assert goal.need == housing
    refused(
        ApplicationError,
        lambda: actions.add_goal(setting.plan, actor=setting.ana, description="X", need=food),
    )
    refused(ApplicationError, lambda: actions.add_goal(setting.plan, actor=setting.ana, description="  "))
    refused(PermissionDenied, lambda: actions.add_goal(setting.plan, actor=setting.carla, description="X"))
    updated = actions.update_goal(
        goal, actor=setting.ana, status=PlanGoal.Status.PARTIAL, indicator="Contratto"
    )
    assert (updated.status, updated.indicator) == ("partial", "Contratto")
    refused(ApplicationError, lambda: actions.update_plan(setting.plan, actor=setting.ana, needs=[food]))


def test_an_action_of_another_organisation_s_service_names_that_organisation(setting):
    action = actions.add_action(
        setting.plan,
        actor=setting.ana,
        description="Pacco alimentare",
        service=setting.directory.food_bank,
        responsible=setting.carla,
        due_on=TODAY,
    )
    assert action.organisation == setting.caritas
    assert action.has_owner


def test_incoherent_owners_and_dates_are_refused(setting):
    plan, ana = setting.plan, setting.ana
    food_bank = setting.directory.food_bank
    cases = [
        {"description": "X", "service": food_bank, "organisation": setting.comune},
        {"description": "X", "organisation": setting.caritas, "owner_is_person": True},
        {"description": "X", "organisation": setting.caritas, "responsible": setting.bruno},
        {"description": "X", "start_on": TODAY, "due_on": TODAY - datetime.timedelta(days=1)},
        {"description": ""},
    ]
    for values in cases:
        refused(ApplicationError, lambda values=values: actions.add_action(plan, actor=ana, **values))


def test_the_responsible_operator_reports_progress_others_may_not(setting):
    action = actions.add_action(
        setting.plan,
        actor=setting.ana,
        description="Pacco",
        service=setting.directory.food_bank,
        responsible=setting.carla,
    )
    refused(
        PermissionDenied, lambda: actions.update_action_progress(action, actor=setting.bruno, status="done")
    )
    done = actions.update_action_progress(action, actor=setting.carla, status="done", outcome="Consegnato")
    assert (done.status, done.outcome) == ("done", "Consegnato")
    assert done.completed_at is not None
    refused(PermissionDenied, lambda: actions.update_action(action, actor=setting.carla, description="Altro"))


def test_agreeing_freezes_version_one_with_the_person_s_words(setting):
    plan = actions.update_plan(setting.plan, actor=setting.ana, person_words="Voglio lavorare")
    refused(ApplicationError, lambda: actions.agree_plan(plan, actor=setting.ana))  # no goal yet
    actions.add_goal(plan, actor=setting.ana, description="Trovare lavoro", need=setting.needs["income"])
    refused(PermissionDenied, lambda: actions.agree_plan(plan, actor=setting.bruno))
    refused(
        ApplicationError,
        lambda: actions.agree_plan(plan, actor=setting.ana, agreed_on=TODAY + datetime.timedelta(days=1)),
    )
    version = actions.agree_plan(plan, actor=setting.ana, agreed_on=TODAY)
    assert version.number == 1
    assert version.reason == "agreed"
    assert version.snapshot["person_words"] == "Voglio lavorare"
    assert [goal["description"] for goal in version.snapshot["goals"]] == ["Trovare lavoro"]
    assert version.snapshot["lead"]["name"] == "Ana Invernizzi"
    plan.refresh_from_db()
    assert (plan.status, plan.current_version) == ("agreed", 1)
    refused(InvalidTransition, lambda: actions.agree_plan(plan, actor=setting.ana))


def test_an_edited_agreed_plan_says_so_until_a_new_version_is_frozen(setting):
    goal = agreed_plan_with_goal(setting)
    assert not actions.changed_since_last_version(fresh(setting.plan))
    refused(ApplicationError, lambda: actions.freeze_version(setting.plan, actor=setting.ana))
    actions.update_goal(goal, actor=setting.ana, indicator="Contratto firmato")
    assert actions.changed_since_last_version(fresh(setting.plan))
    refused(PermissionDenied, lambda: actions.freeze_version(setting.plan, actor=setting.carla))
    version = actions.freeze_version(fresh(setting.plan), actor=setting.ana)
    assert (version.number, version.reason) == (2, "amended")
    assert not actions.changed_since_last_version(fresh(setting.plan))


def test_a_review_records_goal_outcomes_and_freezes_a_version(setting):
    refused(
        InvalidTransition,
        lambda: actions.schedule_review(setting.plan, actor=setting.ana, scheduled_on=TODAY),
    )
    goal = agreed_plan_with_goal(setting)
    review = actions.schedule_review(setting.plan, actor=setting.ana, scheduled_on=TODAY)
    refused(Conflict, lambda: actions.schedule_review(setting.plan, actor=setting.ana, scheduled_on=TODAY))
    refused(
        PermissionDenied,
        lambda: actions.hold_review(review, actor=setting.bruno, outcomes={goal.pk: ("achieved", "")}),
    )
    refused(
        ApplicationError,
        lambda: actions.hold_review(review, actor=setting.ana, outcomes={999999: ("achieved", "")}),
    )
    next_review = TODAY + datetime.timedelta(days=90)
    version = actions.hold_review(
        review,
        actor=setting.ana,
        outcomes={goal.pk: ("partial", "Ha trovato una stanza")},
        summary="Buoni passi",
        next_review_on=next_review,
    )
    assert (version.number, version.reason) == (2, "review")
    assert version.snapshot["goals"][0]["status"] == "partial"
    goal.refresh_from_db()
    review.refresh_from_db()
    assert goal.status == "partial"
    assert (review.status, review.held_by, review.version) == ("held", setting.ana, version)
    assert GoalOutcome.objects.get(review=review).note == "Ha trovato una stanza"
    refused(ApplicationError, lambda: actions.remove_goal(goal, actor=setting.ana))
    refused(InvalidTransition, lambda: actions.cancel_review(review, actor=setting.ana))


def test_cancelling_a_review_clears_the_next_review_date(setting):
    agreed_plan_with_goal(setting)
    review = actions.schedule_review(setting.plan, actor=setting.ana, scheduled_on=TODAY)
    refused(PermissionDenied, lambda: actions.cancel_review(review, actor=setting.carla))
    actions.cancel_review(review, actor=setting.ana, reason="Ricoverata")
    setting.plan.refresh_from_db()
    assert setting.plan.next_review_on is None
    assert DomainEvent.objects.filter(kind=events.PLAN_REVIEW_CANCELLED).count() == 1


def test_removing_goals_and_actions(setting):
    goal = actions.add_goal(setting.plan, actor=setting.ana, description="Casa")
    action = actions.add_action(
        setting.plan, actor=setting.ana, description="Colloquio", goal=goal, owner_is_person=True
    )
    refused(PermissionDenied, lambda: actions.remove_action(action, actor=setting.carla))
    actions.remove_goal(goal, actor=setting.ana)
    action.refresh_from_db()
    assert action.goal is None
    actions.remove_action(action, actor=setting.ana)
    assert not PlanAction.objects.filter(plan=setting.plan).exists()


def test_a_closed_case_s_plan_cannot_change(setting):
    close_case(setting.case, actor=setting.ana, outcome="refused", note="Non vuole proseguire")
    plan = CarePlan.objects.get(pk=setting.plan.pk)
    refused(InvalidTransition, lambda: actions.add_goal(plan, actor=setting.ana, description="Casa"))


def test_record_action_progress_trusts_its_caller(setting):
    action = actions.add_action(
        setting.plan, actor=setting.ana, description="Colloquio", organisation=setting.caritas
    )
    done = actions.record_action_progress(action, status="done", outcome="Fatto", actor=setting.elena)
    assert (done.status, done.outcome) == ("done", "Fatto")
    event = DomainEvent.objects.filter(kind=events.PLAN_ACTION_UPDATED).latest("pk")
    assert (event.payload["from"], event.payload["to"]) == ("planned", "done")


def test_the_timeline_describes_plan_events_in_words(setting):
    from intreccio.core.timeline import kinds

    action = actions.add_action(
        setting.plan, actor=setting.ana, description="Colloquio", owner_is_person=True
    )
    actions.update_action(action, actor=setting.ana, status="done")
    event = DomainEvent.objects.filter(kind=events.PLAN_ACTION_UPDATED).latest("pk")
    kind = kinds()[events.PLAN_ACTION_UPDATED]
    assert (kind.group, kind.audience) == ("plan", "case")
    assert kind.describe(event) == "Prevista → Realizzata"
    registered = {name for name in kinds() if name.startswith("PLAN_")}
    assert registered == {value for name, value in vars(events).items() if name.startswith("PLAN_")}
