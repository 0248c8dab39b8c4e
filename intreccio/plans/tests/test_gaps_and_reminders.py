"""Gaps of a plan and the daily reminders (reviews due, overdue actions), each sent once."""

import datetime

from django.utils import timezone

from intreccio.notifications.models import Notification
from intreccio.plans import actions
from intreccio.plans.gaps import GAP_QUERIES, plan_gaps
from intreccio.plans.models import CarePlan
from intreccio.plans.reminders import remind_reviews

from .factories import fresh

TODAY = timezone.localdate()


def test_gaps_name_needs_goals_and_actions_left_unanswered(setting, django_assert_num_queries):
    plan, ana = setting.plan, setting.ana
    housing_goal = actions.add_goal(plan, actor=ana, description="Casa", need=setting.needs["housing"])
    actions.add_goal(plan, actor=ana, description="Reddito", need=setting.needs["income"])
    no_owner = actions.add_action(plan, actor=ana, description="Cercare un alloggio", goal=housing_goal)
    overdue = actions.add_action(
        plan,
        actor=ana,
        description="Domanda casa popolare",
        goal=housing_goal,
        owner_is_person=True,
        due_on=TODAY - datetime.timedelta(days=1),
    )
    actions.add_action(
        plan,
        actor=ana,
        description="Fatta",
        goal=housing_goal,
        owner_is_person=True,
        due_on=TODAY - datetime.timedelta(days=3),
    )
    actions.update_action_progress(plan.actions.get(description="Fatta"), actor=ana, status="done")
    bare = CarePlan.objects.get(pk=plan.pk)
    with django_assert_num_queries(GAP_QUERIES):
        gaps = plan_gaps(bare)
    assert gaps.needs_without_goal == []
    assert [goal.description for goal in gaps.goals_without_action] == ["Reddito"]
    assert gaps.actions_without_owner == [no_owner]
    assert gaps.overdue_actions == [overdue]
    assert gaps.count == 3
    prefetched = fresh(plan)  # as the plan page reads it: the gaps cost no query
    with django_assert_num_queries(0):
        assert plan_gaps(prefetched).count == 3


def test_a_new_plan_s_needs_are_gaps(setting):
    gaps = plan_gaps(fresh(setting.plan))
    assert sorted(need.code for need in gaps.needs_without_goal) == ["housing", "income"]


def test_the_lead_is_reminded_once_of_a_review_a_week_ahead(setting):
    actions.add_goal(setting.plan, actor=setting.ana, description="Casa")
    actions.agree_plan(setting.plan, actor=setting.ana)
    actions.schedule_review(setting.plan, actor=setting.ana, scheduled_on=TODAY + datetime.timedelta(days=10))
    assert remind_reviews(today=TODAY) == {"reviews": 0, "overdue_actions": 0}
    assert remind_reviews(today=TODAY + datetime.timedelta(days=3)) == {"reviews": 1, "overdue_actions": 0}
    assert remind_reviews(today=TODAY + datetime.timedelta(days=4)) == {"reviews": 0, "overdue_actions": 0}
    notification = Notification.objects.get(kind=Notification.Kind.PLAN_REVIEW_DUE)
    assert notification.recipient == setting.ana
    assert notification.url == f"/prese-in-carico/{setting.case.pk}/progetto/"
    assert "Mario" not in notification.title


def test_an_overdue_action_is_notified_once_to_its_responsible_or_the_lead(setting):
    yesterday = TODAY - datetime.timedelta(days=1)
    actions.add_action(
        setting.plan,
        actor=setting.ana,
        description="Pacco",
        service=setting.directory.food_bank,
        responsible=setting.carla,
        due_on=yesterday,
    )
    actions.add_action(
        setting.plan, actor=setting.ana, description="Domanda", owner_is_person=True, due_on=yesterday
    )
    assert remind_reviews(today=TODAY)["overdue_actions"] == 2
    assert remind_reviews(today=TODAY)["overdue_actions"] == 0
    recipients = sorted(
        Notification.objects.filter(kind=Notification.Kind.OVERDUE).values_list("recipient__email", flat=True)
    )
    assert recipients == sorted([setting.ana.email, setting.carla.email])


def test_the_task_is_registered_daily():
    from intreccio.core.periodic import registered_jobs

    job = next(job for job in registered_jobs() if job.name == "plans.remind_reviews")
    assert job.every == datetime.timedelta(days=1)


def test_the_case_page_counts_the_same_gaps_in_one_query(setting, django_assert_num_queries):
    from intreccio.plans.queries import plan_summary_of

    plan, ana = setting.plan, setting.ana
    goal = actions.add_goal(plan, actor=ana, description="Casa", need=setting.needs["housing"])
    actions.add_goal(plan, actor=ana, description="Ascolto")
    actions.add_action(plan, actor=ana, description="Senza ente", goal=goal)
    actions.add_action(
        plan,
        actor=ana,
        description="Scaduta",
        owner_is_person=True,
        due_on=TODAY - datetime.timedelta(days=1),
    )
    with django_assert_num_queries(1):
        summary = plan_summary_of(setting.case)
    # income without a goal, "Ascolto" without an action, one action without an owner, one overdue
    assert summary.gap_count == 4
    assert plan_gaps(fresh(plan)).count == 4
