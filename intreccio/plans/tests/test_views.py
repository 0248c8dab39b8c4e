"""The plan page: who sees and writes it, its forms, the case page's section, the PDF of a version."""

import datetime

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from intreccio.audit.models import AuditEntry
from intreccio.plans import actions
from intreccio.plans.models import CarePlan, PlanAction, PlanGoal
from intreccio.plans.pdf import version_context

from .factories import build_plan_setting

TODAY = timezone.localdate()


def url(name, setting, *args):
    return reverse(f"plans:{name}", args=[setting.case.pk, *args])


def full_plan(setting):
    """Two goals, three actions (one of another organisation's service), agreed, a review scheduled."""
    plan, ana = setting.plan, setting.ana
    plan = actions.update_plan(plan, actor=ana, person_words="Voglio restare a Lecco", person_language="ar")
    housing = actions.add_goal(plan, actor=ana, description="Trovare casa", need=setting.needs["housing"])
    income = actions.add_goal(plan, actor=ana, description="Un reddito stabile", need=setting.needs["income"])
    actions.add_action(
        plan,
        actor=ana,
        description="Pacco alimentare",
        goal=income,
        service=setting.directory.food_bank,
        responsible=setting.carla,
    )
    actions.add_action(
        plan, actor=ana, description="Domanda casa popolare", goal=housing, owner_is_person=True
    )
    actions.add_action(
        plan,
        actor=ana,
        description="Colloquio sociale",
        goal=housing,
        service=setting.directory.social_service,
        due_on=TODAY - datetime.timedelta(days=2),
    )
    actions.agree_plan(plan, actor=ana, agreed_on=TODAY)
    actions.schedule_review(plan, actor=ana, scheduled_on=TODAY + datetime.timedelta(days=30))
    return plan


def test_the_plan_page_in_a_fixed_number_of_queries(client_for, setting, django_assert_num_queries):
    full_plan(setting)
    client = client_for(setting.ana)
    client.get(url("detail", setting))
    # 1 session, 2 user, 3 memberships; 4 the case (person, lead, organisations, team), 5 its active
    # members, 6 READ audit entry; 7 the plan, 8-13 its needs, goals, actions, versions, reviews and
    # goal outcomes; 14-17 the forms' choices (needs, services, organisations, operators);
    # 18-20 savepoint, session update, release
    # +1: the header's count of unread notifications (on every full page).
    with django_assert_num_queries(21):
        response = client.get(url("detail", setting))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Voglio restare a Lecco" in content
    assert "Da completare: 1 lacuna" in content  # the overdue interview
    assert "Caritas" in content
    assert "Pacco alimentare" in content
    assert "PDF nella lingua della persona (ar, versione 1)" in content


def test_who_sees_the_plan_and_who_gets_its_forms(client_for, setting):
    full_plan(setting)
    for user in (setting.bruno, setting.diana, setting.carla):
        response = client_for(user).get(url("detail", setting))
        assert response.status_code == 200
        assert "Aggiungi l&#x27;obiettivo" not in response.content.decode()
    assert client_for(setting.elena).get(url("detail", setting)).status_code == 404
    denied = AuditEntry.objects.filter(actor=setting.elena, outcome="denied", target_type="cases.case")
    assert denied.count() == 1


def test_the_lead_adds_two_goals_and_two_actions_with_the_page_s_forms(client_for, setting):
    client = client_for(setting.ana)
    for description in ("Trovare casa", "Un lavoro"):
        response = client.post(url("goal_add", setting), {"goal-description": description})
        assert response.status_code == 302
    goal = PlanGoal.objects.get(description="Trovare casa")
    response = client.post(
        url("action_add", setting),
        {
            "action-description": "Pacco alimentare",
            "action-goal": goal.pk,
            "action-service": setting.directory.food_bank.pk,
            "action-responsible": setting.carla.pk,
            "action-due_on": "2030-05-01",
        },
    )
    assert response.status_code == 302
    response = client.post(
        url("action_add", setting),
        {
            "action-description": "Domanda casa popolare",
            "action-goal": goal.pk,
            "action-owner_is_person": "on",
        },
    )
    assert response.status_code == 302
    food = PlanAction.objects.get(description="Pacco alimentare")
    assert (food.organisation, food.responsible, food.due_on) == (
        setting.caritas,
        setting.carla,
        datetime.date(2030, 5, 1),
    )
    page = client.get(url("detail", setting)).content.decode()
    assert "Caritas" in page
    assert "La persona o la famiglia" in page


def test_a_refused_form_shows_why_and_changes_nothing(client_for, setting):
    client = client_for(setting.ana)
    response = client.post(
        url("action_add", setting),
        {
            "action-description": "X",
            "action-organisation": setting.caritas.pk,
            "action-owner_is_person": "on",
        },
    )
    assert response.status_code == 200
    assert "a cura della persona" in response.content.decode()
    assert not PlanAction.objects.exists()
    carla = client_for(setting.carla)
    assert carla.post(url("goal_add", setting), {"goal-description": "X"}).status_code == 403
    assert not PlanGoal.objects.exists()


def test_the_responsible_operator_updates_the_action_from_the_page(client_for, setting):
    full_plan(setting)
    action = PlanAction.objects.get(description="Pacco alimentare")
    response = client_for(setting.carla).post(
        url("action_progress", setting, action.pk), {"status": "done", "outcome": "Consegnato"}
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.status, action.outcome) == ("done", "Consegnato")
    other = PlanAction.objects.get(description="Colloquio sociale")
    assert (
        client_for(setting.bruno)
        .post(url("action_progress", setting, other.pk), {"status": "done"})
        .status_code
        == 403
    )


def test_agree_and_review_from_the_page(client_for, setting):
    client = client_for(setting.ana)
    client.post(url("goal_add", setting), {"goal-description": "Trovare casa"})
    assert client.post(url("agree", setting), {"agree-agreed_on": TODAY.isoformat()}).status_code == 302
    assert CarePlan.objects.get().status == "agreed"
    client.post(url("review_schedule", setting), {"review-scheduled_on": TODAY.isoformat()})
    review = CarePlan.objects.get().reviews.get()
    goal = PlanGoal.objects.get()
    assert client.get(url("review_hold", setting, review.pk)).status_code == 200
    response = client.post(
        url("review_hold", setting, review.pk),
        {"held_on": TODAY.isoformat(), f"goal_{goal.pk}_status": "achieved", "summary": "Bene"},
    )
    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.status == "achieved"
    assert CarePlan.objects.get().current_version == 2


def test_the_changed_plan_offers_a_new_version(client_for, setting):
    full_plan(setting)
    client = client_for(setting.ana)
    client.post(url("goal_add", setting), {"goal-description": "Imparare l'italiano"})
    page = client.get(url("detail", setting)).content.decode()
    assert "Il progetto è cambiato dalla versione 1" in page
    assert client.post(url("freeze", setting)).status_code == 302
    assert CarePlan.objects.get().current_version == 2


def test_the_case_page_shows_the_plan_section_with_its_gap_count(client_for, network):
    setting = build_plan_setting(network, create_plan=False)
    client = client_for(setting.ana)
    page = client.get(reverse("cases:detail", args=[setting.case.pk])).content.decode()
    assert "Nessun progetto finora." in page
    assert "Crea il progetto" in page
    assert client.post(url("create", setting)).status_code == 302
    page = client.get(reverse("cases:detail", args=[setting.case.pk])).content.decode()
    assert "2 lacune da completare" in page


def test_the_pdf_of_a_version_in_italian_and_in_arabic(client_for, setting):
    full_plan(setting)
    client = client_for(setting.ana)
    for language in ("it", "ar"):
        response = client.get(url("version_pdf", setting, 1) + f"?lingua={language}")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
    assert AuditEntry.objects.filter(action="print", target_type="plans.planversion").count() == 2
    version = setting.plan.versions.get(number=1)
    with translation.override("ar"):
        context = version_context(version, case=setting.case, person=setting.mario, language="ar")
        html = render_to_string("plans/version_pdf.html", context)
    assert 'dir="rtl"' in html
    assert "Voglio restare a Lecco" in html  # the person's words stay as written
    assert "السكن" in html  # the need, in Arabic from the directory
    assert "توقيع الشخص" in html  # "Firma della persona"
    with translation.override("it"):
        html = render_to_string(
            "plans/version_pdf.html",
            version_context(version, case=setting.case, person=setting.mario, language="it"),
        )
    assert "Firma della persona" in html
    assert "dir=" not in html


def test_editing_a_goal_and_an_action_on_their_pages(client_for, setting):
    full_plan(setting)
    client = client_for(setting.ana)
    goal = PlanGoal.objects.get(description="Trovare casa")
    assert client.get(url("goal_edit", setting, goal.pk)).status_code == 200
    response = client.post(
        url("goal_edit", setting, goal.pk),
        {"goal-description": "Trovare casa entro l'estate", "goal-status": "partial"},
    )
    assert response.status_code == 302
    goal.refresh_from_db()
    assert (goal.description, goal.status, goal.need) == ("Trovare casa entro l'estate", "partial", None)
    action = PlanAction.objects.get(description="Domanda casa popolare")
    assert client.get(url("action_edit", setting, action.pk)).status_code == 200
    response = client.post(
        url("action_edit", setting, action.pk),
        {
            "action-description": "Domanda casa popolare con il patronato",
            "action-goal": goal.pk,
            "action-service": setting.directory.food_bank.pk,
            "action-status": "in_progress",
        },
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.organisation, action.owner_is_person, action.status) == (
        setting.caritas,
        False,
        "in_progress",
    )
