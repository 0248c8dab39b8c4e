"""Intake actions: recording, taking in charge, joining, rerouting, closing, permissions, overdue."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from intreccio.audit.models import AuditEntry, DomainEvent
from intreccio.cases.actions import open_case
from intreccio.cases.models import Case
from intreccio.core.exceptions import ApplicationError, InvalidTransition, PermissionDenied
from intreccio.intake import actions
from intreccio.intake.models import Intake
from intreccio.notifications.models import Notification
from intreccio.organisations.models import Site


def record(setting, *codes, person=None, micro=None, actor=None, urgency="ordinary"):
    return actions.record_intake(
        actor=actor or setting.bruno,
        person=person or setting.mario,
        needs=[setting.needs[code] for code in codes],
        urgency=urgency,
        micro_territory=micro,
    )


def kinds(intake):
    return list(
        DomainEvent.objects.filter(subject_type="intake.intake", subject_id=str(intake.pk))
        .order_by("pk")
        .values_list("kind", flat=True)
    )


def test_recording_writes_the_intake_its_events_and_the_audit_entry(
    setting, django_capture_on_commit_callbacks
):
    site = Site.objects.get(organisation=setting.comune)
    with django_capture_on_commit_callbacks(execute=True):
        intake = actions.record_intake(
            actor=setting.bruno,
            person=setting.mario,
            needs=[setting.needs["addiction"], setting.needs["housing"]],
            urgency="urgent",
            narrative="  Sfratto tra una settimana. ",
            access_point=site,
        )
    assert (intake.organisation, intake.access_point_kind, intake.micro_territory) == (
        setting.comune,
        "social_secretariat",
        setting.centro,  # the person's
    )
    assert intake.narrative == "Sfratto tra una settimana."
    assert intake.categories == ["addiction"]
    assert kinds(intake) == ["INTAKE_RECORDED", "INTAKE_ROUTED"]
    entry = AuditEntry.objects.get(target_type="intake.intake", target_id=str(intake.pk))
    assert (entry.action, entry.person_id, entry.categories) == ("create", setting.mario.pk, ["addiction"])
    # The team (no e-mail of its own) is told: its members but Bruno who recorded it, without the
    # person's name, by e-mail and in Intreccio.
    assert [m.to for m in mail.outbox] == [["ana@test.intreccio.it"]]
    assert "Mario" not in mail.outbox[0].body
    notification = Notification.objects.get()
    assert (notification.recipient, notification.kind) == (setting.ana, "intake_routed")
    assert "Mario" not in notification.title + notification.body


@pytest.mark.parametrize(
    "values, code",
    [
        ({"needs": []}, "needs_missing"),
        ({"urgency": "subito"}, "invalid_urgency"),
        ({"person": None}, "person_missing"),
    ],
)
def test_bad_input_is_refused_and_writes_nothing(setting, values, code):
    arguments = {
        "actor": setting.bruno,
        "person": setting.mario,
        "needs": [setting.needs["food"]],
        "urgency": "urgent",
    }
    with pytest.raises(ApplicationError) as error:
        actions.record_intake(**{**arguments, **values})
    assert error.value.code == code
    assert Intake.objects.count() == 0


def test_an_access_point_of_another_organisation_is_refused(setting):
    caritas_site = Site.objects.get(organisation=setting.caritas)
    with pytest.raises(ApplicationError) as error:
        actions.record_intake(
            actor=setting.bruno,
            person=setting.mario,
            needs=[setting.needs["food"]],
            urgency="urgent",
            access_point=caritas_site,
        )
    assert error.value.code == "access_point_not_yours"
    assert Intake.objects.count() == 0


@pytest.mark.parametrize("persona", ["paolo", "laura", "no_role"])
def test_who_does_not_work_with_persons_cannot_record(setting, persona, no_role):
    actor = no_role if persona == "no_role" else getattr(setting, persona)
    with pytest.raises(PermissionDenied):
        record(setting, "food", actor=actor)
    assert Intake.objects.count() == 0


def test_a_sentinel_reports_with_minimal_data(setting):
    from intreccio.accounts.actions import add_operator
    from intreccio.core.roles import Role

    sentinel = add_operator(
        actor=setting.laura,
        organisation=setting.comune,
        email="portiere@test.intreccio.it",
        given_name="Gino",
        family_name="Portiere",
        roles=[Role.SENTINEL],
    )
    intake = actions.report_concern(
        actor=sentinel,
        subject_description="Signora anziana sola, via Roma 3, scala B",
        needs=[setting.needs["loneliness"]],
        urgency="urgent",
        micro_territory=setting.sud,
    )
    assert (intake.source, intake.person, intake.routed_to_team, intake.recorded_by) == (
        "sentinel",
        None,
        setting.south_team,
        sentinel,
    )
    with pytest.raises(ApplicationError) as error:
        actions.report_concern(
            actor=sentinel,
            subject_description=" ",
            needs=[setting.needs["loneliness"]],
            urgency="urgent",
            micro_territory=None,
        )
    assert error.value.code == "subject_missing"
    with pytest.raises(PermissionDenied):
        actions.record_intake(
            actor=sentinel, person=setting.mario, needs=[setting.needs["food"]], urgency="urgent"
        )


def test_taking_in_charge_opens_the_case_and_joins_the_persons_other_intakes(setting):
    first = record(setting, "housing")
    second = record(setting, "income")
    elsewhere = record(setting, "food", micro=setting.centro)  # Caritas' queue: not joined
    case = actions.take_in_charge(first, actor=setting.ana)
    assert (case.person, case.lead, case.team) == (setting.mario, setting.ana, setting.team)
    first.refresh_from_db()
    second.refresh_from_db()
    elsewhere.refresh_from_db()
    assert (first.status, first.case, first.handled_by) == ("taken", case, setting.ana)
    assert (second.status, second.case) == ("joined", case)
    assert (elsewhere.status, elsewhere.case) == ("routed", None)
    assert kinds(first)[-1] == "INTAKE_TAKEN_IN_CHARGE"
    assert kinds(second)[-1] == "INTAKE_JOINED_CASE"
    # From now on a new intake goes to the lead.
    assert record(setting, "work", actor=setting.carla).routed_to_user == setting.ana


def test_taking_in_charge_when_a_case_was_opened_meanwhile_joins_it(setting):
    intake = record(setting, "housing")
    case = open_case(actor=setting.elena, person=setting.mario, lead=setting.elena)
    assert actions.take_in_charge(intake, actor=setting.ana) == case
    intake.refresh_from_db()
    assert (intake.status, intake.case) == ("joined", case)
    assert Case.objects.count() == 1


@pytest.mark.parametrize("persona", ["bruno", "carla", "elena", "diana", "laura"])
def test_only_a_case_lead_of_the_receiving_team_takes_in_charge(setting, persona):
    # bruno: team member but not a case lead; carla/elena: another organisation's team;
    # diana: the supervisor, not a case lead; laura: an administrator.
    intake = record(setting, "housing")
    with pytest.raises(PermissionDenied):
        actions.take_in_charge(intake, actor=getattr(setting, persona))
    intake.refresh_from_db()
    assert (intake.status, intake.case) == ("routed", None)
    assert Case.objects.count() == 0


def test_an_intake_already_taken_cannot_be_taken_again(setting):
    intake = record(setting, "housing")
    actions.take_in_charge(intake, actor=setting.ana)
    intake.refresh_from_db()
    with pytest.raises(InvalidTransition):
        actions.take_in_charge(intake, actor=setting.ana)


def test_only_the_lead_acknowledges(setting):
    open_case(actor=setting.ana, person=setting.mario, lead=setting.ana)
    intake = record(setting, "food", actor=setting.carla)
    for persona in ("bruno", "carla", "diana"):
        with pytest.raises(PermissionDenied):
            actions.acknowledge_intake(intake, actor=getattr(setting, persona))
    intake.refresh_from_db()
    assert intake.status == "routed"


def test_rerouting_moves_the_intake_and_restarts_its_deadline(setting):
    intake = record(setting, "housing", urgency="immediate")
    with pytest.raises(ApplicationError) as error:
        actions.reroute_intake(intake, actor=setting.bruno, team=setting.caritas_team, note=" ")
    assert error.value.code == "note_missing"
    rerouted = actions.reroute_intake(
        intake, actor=setting.bruno, team=setting.caritas_team, note="Serve il pacco viveri"
    )
    assert (rerouted.routed_to_team, rerouted.routing_rule, rerouted.status) == (
        setting.caritas_team,
        None,
        "routed",
    )
    assert rerouted.routing_reason == "Indirizzata da Bruno Mauri: Serve il pacco viveri"
    assert kinds(rerouted)[-1] == "INTAKE_REROUTED"
    with pytest.raises(PermissionDenied):  # no longer bruno's
        actions.close_intake(rerouted, actor=setting.bruno, note="x")


def test_refused_sharing_cannot_be_rerouted_outside_the_organisation(setting):
    intake = record(setting, "housing", person=setting.rosa, actor=setting.carla)
    with pytest.raises(ApplicationError) as error:
        actions.reroute_intake(intake, actor=setting.carla, team=setting.team, note="Per il comune")
    assert error.value.code == "sharing_refused"
    intake.refresh_from_db()
    assert intake.routed_to_team == setting.caritas_team


def test_closing_needs_a_reason_and_a_recipient(setting):
    intake = record(setting, "housing")
    with pytest.raises(PermissionDenied):
        actions.close_intake(intake, actor=setting.carla, note="Non è per noi")
    with pytest.raises(ApplicationError):
        actions.close_intake(intake, actor=setting.diana, note="")
    closed = actions.close_intake(intake, actor=setting.diana, note="Risolto allo sportello")
    assert (closed.status, closed.closing_note, closed.handled_by) == (
        "closed",
        "Risolto allo sportello",
        setting.diana,
    )
    assert kinds(closed)[-1] == "INTAKE_CLOSED"


def test_routing_rules_are_managed_by_the_planning_office_and_the_system_admin(setting):
    for persona in ("laura", "ana", "paolo"):
        with pytest.raises(PermissionDenied):
            actions.create_routing_rule(
                actor=getattr(setting, persona), team=setting.team, need=setting.needs["debt"]
            )
    with pytest.raises(ApplicationError) as error:
        actions.create_routing_rule(actor=setting.sara, team=setting.team)  # the default exists
    assert error.value.code == "duplicate_rule"


# --- overdue: the clock moves ------------------------------------------------------------------


def test_overdue_intakes_are_reminded_then_escalated_once(setting, django_capture_on_commit_callbacks):
    intake = record(setting, "housing", urgency="urgent")
    due = intake.due_at
    mail.outbox.clear()

    def run(now):
        with django_capture_on_commit_callbacks(execute=True):
            return actions.remind_overdue_intakes(now=now)

    assert run(due - datetime.timedelta(minutes=1)) == {"reminded": 0, "escalated": 0}
    assert run(due + datetime.timedelta(minutes=1)) == {"reminded": 1, "escalated": 0}
    assert [sorted(m.to) for m in mail.outbox] == [["ana@test.intreccio.it", "bruno@test.intreccio.it"]]
    # Idempotent: nothing more until the escalation delay (one working day after the deadline) passes.
    assert run(due + datetime.timedelta(hours=20)) == {"reminded": 0, "escalated": 0}
    later = due + datetime.timedelta(days=5)
    assert run(later) == {"reminded": 0, "escalated": 1}
    assert mail.outbox[-1].to == ["diana@test.intreccio.it"]
    assert run(later + datetime.timedelta(days=1)) == {"reminded": 0, "escalated": 0}
    intake.refresh_from_db()
    assert (intake.reminded_at, intake.escalated_at) == (due + datetime.timedelta(minutes=1), later)
    assert kinds(intake)[-2:] == ["INTAKE_REMINDED", "INTAKE_ESCALATED"]
    assert len(mail.outbox) == 2


def test_handled_intakes_are_never_reminded(setting):
    intake = record(setting, "housing", urgency="immediate")
    actions.close_intake(intake, actor=setting.ana, note="Risolto")
    assert actions.remind_overdue_intakes(now=timezone.now() + datetime.timedelta(days=30)) == {
        "reminded": 0,
        "escalated": 0,
    }


def test_the_periodic_job_is_registered():
    from intreccio.core.periodic import registered_jobs

    assert "intake.remind_overdue" in {job.name for job in registered_jobs()}
